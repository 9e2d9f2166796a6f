"""A transformer tone model on ONNX Runtime for CPUs: exported once, most linear layers int8.

The recipe (:func:`build_cpu_model`), chosen by ``benchmarks/cpu_runtimes.py`` on the shipped
models: export the fp32 torch classifier with the TorchScript exporter, then quantize the
weights of its linear layers to int8, keeping fp32 those the model's manifest names
(``cpu_fp32_layers``) with the embeddings, layer norms, attention and classifier head.
Activations are quantized as the model runs, in one of two ways the manifest chooses
(``cpu_scaled_rows``): with one scale per batch (ONNX Runtime's dynamic quantization), or
scaled first row by row, each token's vector to a largest magnitude of 1 and the product
scaled back, then quantized with one fixed scale (:func:`scale_rows`, :func:`fix_row_scale`).
Per batch, a few tokens' outlier channels set the scale every other token of the batch is
rounded to, so a target's scores move with its batch-mates, and the MPNet needed four layers
kept fp32 to lose only 0.6 points of validation macro-F1; rows scaled, every layer int8 loses
0.3, gives 98.2% of its validation targets the fp32 label (97.2% before) at 0.93 times the
speed, and a target scores the same alone as in any batch. The MiniLM (``fast``) keeps one
scale per batch: all-int8 loses 0.3 points so, and rows scaled ran 0.77 times as fast. ONNX
Runtime fuses the rest (GELU, the int8 matrix products) as it loads the model. On two cores of
an Intel Xeon this scores the MPNet at 3 times as many targets per second as torch fp32. ONNX
Runtime's transformer optimizer is not used: it finds no attention to fuse in MPNet (whose
attention adds a relative position bias) and its fused layer norms were slower here.

Tried on the shipped MPNet and not kept (one scale per batch, four fp32 layers, unless said):
activation outliers moved into the weights (SmoothQuant, alpha 0.5: 95.2% of the validation
labels kept), biases corrected for the int8 weights' mean error (Nagel et al. 2019), 8-bit
instead of 7-bit weights, batches of 8 or 1 (half the speed), a fifth fp32 layer, all no
closer to fp32 than 97.2-97.7%; ONNX Runtime's MatMulNBits (8-bit weights in blocks,
activations int8 per block of 32) kept 99.6% but ran at the speed of fp32 on these CPUs; a
scale and zero point per row in the graph (98.4%) at 0.55 times the speed, ONNX Runtime's fused
int8 kernels taking one scale per tensor; rows scaled with the scale still computed per batch
(98.3%), whose scores still moved with their batch-mates (5 of the 213 dev labels, scored
alone).

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
    import onnx
    from transformers import PreTrainedModel

# scale_rows names what it adds after the tensor it scales: its rows' scale, its scaled rows.
ROW_SCALE = "row_scale"
SCALED = "/rows_scaled"
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


def quantize_nodes(
    source: Path, target: Path, nodes: Collection[str], *, scaled_rows: bool = False
) -> None:
    """Write the ONNX model ``source`` to ``target`` with the MatMul ``nodes`` int8.

    Weights get one symmetric scale per output channel, in 7 bits: CPUs without VNNI multiply
    uint8 by int8 in 16-bit sums that 8 bits can overflow, and on the VNNI development machine
    the lost bit made no measurable difference. Activations are quantized to uint8 with one
    scale per batch, computed as the model runs (ONNX Runtime's dynamic quantization, whose
    fused int8 kernels take no scale per row); with ``scaled_rows``, each token's vector is
    first scaled to a largest magnitude of 1 (:func:`scale_rows`) and quantized with one fixed
    scale (:func:`fix_row_scale`). ONNX Runtime's quantizer logs, on every call, that the
    model should be pre-processed first (its shape inference and graph optimizations): that
    version was slower here and no more accurate, so the advice is not taken, and not shown.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(source))
    if scaled_rows:
        scale_rows(model.graph, nodes)
    root = logging.getLogger()  # the quantizer logs on the root logger itself
    root.addFilter(_is_not_preprocessing_advice)
    try:
        quantize_dynamic(
            model,
            target,
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=list(nodes),
            per_channel=True,
            reduce_range=True,
            weight_type=QuantType.QInt8,
        )
    finally:
        root.removeFilter(_is_not_preprocessing_advice)
    if scaled_rows:
        quantized = onnx.load(str(target))
        fix_row_scale(quantized)
        onnx.save(quantized, str(target))


def scale_rows(graph: "onnx.GraphProto", nodes: Collection[str]) -> None:
    """Scale the input of each MatMul of ``nodes`` in ``graph`` row by row and its output back.

    ``x @ w`` becomes ``((x / m) @ w) * m``, ``m`` each row's largest magnitude, the same in
    exact arithmetic. Quantized, every row then spans the same range, so that one activation
    scale fits every token (:func:`fix_row_scale`): unscaled, a few tokens' outlier channels
    set the scale that all the others in the batch are rounded to. MatMuls that read one input
    (attention's query, key and value) share its scaling.
    """
    from onnx import helper, numpy_helper

    # A row of zeros is divided by the smallest normal float, not by zero.
    floor = f"{ROW_SCALE}/floor"
    graph.initializer.append(numpy_helper.from_array(np.array(np.finfo(np.float32).tiny), floor))
    wanted = set(nodes)
    scaled: set[str] = set()
    rewritten = []
    for node in graph.node:
        if node.name not in wanted:
            rewritten.append(node)
            continue
        source, product = node.input[0], node.output[0]
        scale, rows = f"{source}/{ROW_SCALE}", f"{source}{SCALED}"
        if source not in scaled:
            scaled.add(source)
            rewritten += [
                helper.make_node("Abs", [source], [f"{scale}/abs"]),
                helper.make_node("ReduceMax", [f"{scale}/abs"], [f"{scale}/max"], axes=[-1]),
                helper.make_node("Max", [f"{scale}/max", floor], [scale]),
                helper.make_node("Div", [source, scale], [rows]),
            ]
        node.input[0], node.output[0] = rows, f"{product}/of{SCALED}"
        rewritten += [node, helper.make_node("Mul", [node.output[0], scale], [product])]
    del graph.node[:]
    graph.node.extend(rewritten)


def fix_row_scale(model: "onnx.ModelProto") -> None:
    """Quantize the rows :func:`scale_rows` scaled with one fixed scale, not one per batch.

    They span [-1, 1], so 1/127 around a zero point of 128 holds every value: a target's scores
    no longer depend on which targets share its batch, and a sentence scores the same alone as
    in a corpus. Each of ONNX Runtime's ``DynamicQuantizeLinear`` nodes that reads scaled rows
    becomes a ``QuantizeLinear`` with that scale, and each int8 product of its output, written
    by ONNX Runtime's quantizer as ``MatMulInteger``, ``Cast`` and a ``Mul`` by the two scales,
    one fused ``MatMulIntegerToFloat``, which ONNX Runtime makes of that chain itself only
    when the activation scale is computed (unfused, the model ran 0.9 times as fast).

    Raises:
        ValueError: a product of scaled rows is not the chain the quantizer writes.
    """
    from onnx import helper, numpy_helper

    graph = model.graph
    scale, zero_point = f"{ROW_SCALE}/int8_scale", f"{ROW_SCALE}/int8_zero_point"
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array(1 / 127, dtype=np.float32), scale),
            numpy_helper.from_array(np.array(128, dtype=np.uint8), zero_point),
        ]
    )
    producers = {output: node for node in graph.node for output in node.output}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    replaced: dict[int, list[onnx.NodeProto]] = {}
    for node in graph.node:
        source = producers.get(node.input[0]) if node.input else None
        if node.op_type == "DynamicQuantizeLinear" and node.input[0].endswith(SCALED):
            replaced[id(node)] = [
                helper.make_node(
                    "QuantizeLinear", [node.input[0], scale, zero_point], [node.output[0]]
                )
            ]
        elif node.op_type == "MatMulInteger" and source is not None and id(source) in replaced:
            cast, rescale, scales = _integer_product_chain(node, producers, consumers)
            (weight_scale,) = (name for name in scales.input if name != source.output[1])
            replaced[id(node)] = [
                helper.make_node(
                    "MatMulIntegerToFloat",
                    [node.input[0], node.input[1], scale, weight_scale, zero_point, node.input[3]],
                    [rescale.output[0]],
                    domain="com.microsoft",
                )
            ]
            replaced |= {id(cast): [], id(rescale): [], id(scales): []}
    rewritten = [new for node in graph.node for new in replaced.get(id(node), [node])]
    del graph.node[:]
    graph.node.extend(rewritten)
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))


def _integer_product_chain(
    product: "onnx.NodeProto",
    producers: Mapping[str, "onnx.NodeProto"],
    consumers: Mapping[str, Sequence["onnx.NodeProto"]],
) -> tuple["onnx.NodeProto", "onnx.NodeProto", "onnx.NodeProto"]:
    """The ``Cast`` of a ``MatMulInteger``'s output, the ``Mul`` of that by the two scales, and
    the ``Mul`` of the two scales."""
    try:
        (cast,) = consumers[product.output[0]]
        (rescale,) = consumers[cast.output[0]]
        (both_scales,) = (name for name in rescale.input if name != cast.output[0])
        scales = producers[both_scales]
    except (KeyError, ValueError):
        raise ValueError(f"{product.name}: not MatMulInteger, Cast and Mul by the scales") from None
    if (cast.op_type, rescale.op_type, scales.op_type) != ("Cast", "Mul", "Mul"):
        raise ValueError(f"{product.name}: not MatMulInteger, Cast and Mul by the scales")
    return cast, rescale, scales


def _is_not_preprocessing_advice(record: logging.LogRecord) -> bool:
    return "pre-process" not in record.getMessage()


def build_cpu_model(
    model: "PreTrainedModel",
    input_names: Sequence[str],
    folder: Path,
    *,
    fp32_layers: Collection[str] = (),
    scaled_rows: bool = False,
) -> Path:
    """Build the CPU runtime's model of ``model`` in ``folder`` and return the model file's path.

    Exports the fp32 model (:func:`export_onnx`) and makes its linear layers int8
    (:func:`quantize_nodes`, their activations scaled row by row with ``scaled_rows``) but
    those whose node name contains one of ``fp32_layers`` (the model's sensitive layers: outlier
    channels in their inputs, such as GELU outputs, that one activation scale per batch cannot
    fit). The file appears whole or not at all: it is built
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
        quantize_nodes(exported, quantized, int8, scaled_rows=scaled_rows)
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
