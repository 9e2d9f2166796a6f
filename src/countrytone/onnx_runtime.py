"""A transformer tone model on ONNX Runtime for CPUs: exported once, most linear layers int8.

The recipe (:func:`build_cpu_model`), chosen by ``benchmarks/cpu_runtimes.py`` on the shipped
models: export the fp32 torch classifier with the TorchScript exporter, then quantize the
weights of every linear layer to int8 except the few whose error moves the logits most (each
model's manifest names them, ``cpu_fp32_layers``), which stay fp32 with the embeddings, layer
norms, attention and classifier head. Activations are quantized on the fly, one scale per batch
(ONNX Runtime's dynamic quantization). ONNX Runtime fuses the rest (GELU, the int8 matrix
products) as it loads the model. On two cores of an Intel Xeon this scores the MPNet at 2.9
times as many targets per second as ONNX Runtime in fp32 or torch fp32 (the gap to torch grows
on a busy machine, which slows torch's threads most), and gives 97.2% of its validation targets
and of the country-tone dev set's the fp32 label, 0.6 points of validation macro-F1 below it.
ONNX Runtime's transformer optimizer is not used: it finds no attention to fuse in MPNet (whose
attention adds a relative position bias) and its fused layer norms were slower here.

Tried on the shipped MPNet and not kept, as none kept more of its fp32 labels on validation
(97.2-97.7%) at this speed: activation outliers moved into the weights (SmoothQuant, alpha 0.5:
95.2%), biases corrected for the int8 weights' mean error (Nagel et al. 2019), 8-bit instead of
7-bit weights, batches of 8 or 1 (one activation scale per target; half the speed), and a fifth
fp32 layer. ONNX Runtime's MatMulNBits (8-bit weights in blocks, activations int8 per block of
32) kept 99.6% but ran at the speed of fp32 on these CPUs.

onnx, onnxruntime and torch are imported inside the functions that need them, so importing
this module stays light.
"""

import hashlib
import inspect
import logging
import tempfile
import warnings
from collections.abc import Collection, Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from transformers import PreTrainedModel

# The file build_cpu_model leaves in its folder.
MODEL_FILE = "model.onnx"
LOGITS = "logits"
# 17 is the first opset with LayerNormalization as one operator, and ONNX Runtime's quantizer
# handles every operator the exporter writes at it.
OPSET = 17


def export_onnx(model: "PreTrainedModel", input_names: Sequence[str], path: Path) -> None:
    """Export a torch sequence classifier (fp32, on the CPU) to ONNX at ``path``.

    The inputs are ``input_names`` (int64 ``[batch, sequence]``, both axes dynamic), the output
    ``logits`` (float32 ``[batch, labels]``).

    Raises:
        ValueError: the model's forward takes no input of one of the names.
    """
    import torch

    # The exporter passes keyword inputs in the order of forward's parameters and names the
    # graph's inputs in that order, which need not be the tokenizer's (BERT's forward takes
    # attention_mask before token_type_ids): the names must follow it.
    names = [name for name in inspect.signature(model.forward).parameters if name in input_names]
    if len(names) != len(input_names):
        missing = sorted(set(input_names) - set(names))
        raise ValueError(f"{type(model).__name__}.forward takes no input named {missing}")
    # The example has a padded row, so that the exporter traces the masking of padding.
    attention_mask = torch.ones((2, 8), dtype=torch.int64)
    attention_mask[1, -2:] = 0
    example = {
        name: attention_mask if name == "attention_mask" else torch.ones_like(attention_mask)
        for name in names
    }
    axes = {name: {0: "batch", 1: "sequence"} for name in names} | {LOGITS: {0: "batch"}}
    with warnings.catch_warnings():
        # The TorchScript exporter is deprecated for the torch.export one, which needs onnxscript
        # besides; this one exports the encoders exactly (logits within 1e-5 of torch's). Its
        # tracer warns that it freezes Python values taken from shapes (the same for any batch
        # here) and that indexing breaks on negative indices (there are none).
        warnings.simplefilter("ignore", DeprecationWarning)
        # TracerWarning is public in torch's documentation but not re-exported for type checkers.
        warnings.simplefilter("ignore", torch.jit.TracerWarning)  # type: ignore[attr-defined]
        warnings.filterwarnings("ignore", message=".*advanced indexing", category=UserWarning)
        torch.onnx.export(
            model,
            (),
            str(path),
            kwargs=example,
            input_names=names,
            output_names=[LOGITS],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def linear_nodes(path: Path) -> list[str]:
    """Return the names of the ONNX model's MatMul nodes with a constant weight: its linear
    layers, without the attention products of two activations."""
    import onnx

    graph = onnx.load(str(path), load_external_data=False).graph
    weights = {initializer.name for initializer in graph.initializer}
    return [
        node.name for node in graph.node if node.op_type == "MatMul" and node.input[1] in weights
    ]


def quantize_nodes(source: Path, target: Path, nodes: Collection[str]) -> None:
    """Write the ONNX model ``source`` to ``target`` with the MatMul ``nodes`` int8.

    Weights get one symmetric scale per output channel, in 7 bits: CPUs without VNNI multiply
    uint8 by int8 in 16-bit sums that 8 bits can overflow, and on the VNNI development machine
    the lost bit made no measurable difference. Activations get one uint8 scale per batch,
    computed as the model runs. ONNX Runtime's quantizer logs, on every call, that the model
    should be pre-processed first (its shape inference and graph optimizations): that version
    was slower here and no more accurate, so the advice is not taken, and not shown.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()  # the quantizer logs on the root logger itself
    root.addFilter(_is_not_preprocessing_advice)
    try:
        quantize_dynamic(
            source,
            target,
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=list(nodes),
            per_channel=True,
            reduce_range=True,
            weight_type=QuantType.QInt8,
        )
    finally:
        root.removeFilter(_is_not_preprocessing_advice)


def _is_not_preprocessing_advice(record: logging.LogRecord) -> bool:
    return "pre-process" not in record.getMessage()


def build_cpu_model(
    model: "PreTrainedModel",
    input_names: Sequence[str],
    folder: Path,
    *,
    fp32_layers: Collection[str] = (),
) -> Path:
    """Build the CPU runtime's model of ``model`` in ``folder`` and return the model file's path.

    Exports the fp32 model (:func:`export_onnx`) and makes its linear layers int8
    (:func:`quantize_nodes`) but those whose node name contains one of ``fp32_layers`` (the
    model's sensitive layers: outlier channels in their inputs, such as GELU outputs, that one
    activation scale per batch cannot fit). The file appears whole or not at all: it is built
    in a scratch folder inside ``folder`` and renamed into place.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".build-") as scratch:
        exported, quantized = Path(scratch) / "fp32.onnx", Path(scratch) / MODEL_FILE
        export_onnx(model, input_names, exported)
        int8 = [
            node
            for node in linear_nodes(exported)
            if not any(layer in node for layer in fp32_layers)
        ]
        quantize_nodes(exported, quantized, int8)
        return quantized.replace(folder / MODEL_FILE)


def recipe() -> str:
    """Return what decides the file :func:`build_cpu_model` writes, for a cache key: this
    module's code and the versions of the tools that export and quantize."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    tools = " ".join(f"{tool}-{version(tool)}" for tool in ("torch", "onnx", "onnxruntime"))
    return f"onnx_runtime-{code} {tools}"


class OnnxLogits:
    """An ONNX Runtime session on the CPU that maps a batch of inputs to the model's logits.

    Args:
        path: the model file (:func:`build_cpu_model` or :func:`export_onnx`).
        threads: CPU threads per batch (ONNX Runtime's default counts the machine's cores, not
            the ones this process may use).
    """

    def __init__(self, path: Path, *, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Threads that spin while they wait hold a core that other work (spaCy, another
        # process) could use. On the development machine's two cores sleeping instead scored as
        # many targets/s when they were idle and 1.2-1.3 times as many beside a niced job.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(path),
            options,
            providers=["CPUExecutionProvider"],
            # The residual Add and LayerNormalization ran 1.05-1.1 times as fast unfused as in
            # ONNX Runtime's SkipLayerNormalization on the CPU.
            disabled_optimizers=["SkipLayerNormFusion"],
        )
        self._input_names = [node.name for node in self._session.get_inputs()]

    def __call__(self, inputs: Mapping[str, npt.NDArray[np.int64]]) -> npt.NDArray[np.float32]:
        """Return the logits ``[batch, labels]`` of a batch of inputs ``[batch, sequence]``."""
        feed = {name: inputs[name] for name in self._input_names}
        (logits,) = self._session.run([LOGITS], feed)
        return np.asarray(logits, dtype=np.float32)
