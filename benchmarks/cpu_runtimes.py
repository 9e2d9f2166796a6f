"""CPU runtimes of a shipped tone model side by side: speed, validation macro-F1, labels kept.

Usage:
    .venv/bin/python benchmarks/cpu_runtimes.py [--model mpnet|minilm]
        [--targets 300] [--rounds 3] [--batch-size 32] [--sensitivity]

The candidates: torch fp32 (the reference) and torch with its linear layers dynamically int8
per channel (``torch.ao.quantization.quantize_dynamic``); on ONNX Runtime, the fp32 export,
the same after ONNX Runtime's transformer optimizer (fused layer norms and GELU; it finds no
attention it can fuse in MPNet, whose attention adds a relative position bias), and dynamic
int8 (countrytone.onnx_runtime.quantize_nodes) of every linear layer, of the feed-forward ones
only, of all but the FFN output projections, of every linear layer with its activations scaled
row by row (``scale_rows``), and the recipe (``build_cpu_model``: all but the layers the
model's manifest keeps fp32, ``cpu_fp32_layers``, rows scaled where it says
``cpu_scaled_rows``). Prints for each its targets/s
and speed-up over torch fp32, macro-F1 on the validation slices the model was selected on
(rebuilt from its manifest and training files) and the share of those targets given torch
fp32's label, and the same two on the country-tone dev set (``data/country-tone/dev.jsonl``);
then the recipe's verdict against the bar (at most 0.5 points of macro-F1 lost),
its build time and size.

Every candidate scores the whole validation slice once for the scores; speed is timed on the
first ``--targets`` of it, tokenised and padded beforehand into the model's length-sorted
batches (so only the classifier runs in the timing). The machine may be shared (the development
machine's two cores at times ran a niced training job besides): within each of ``--rounds``
rounds the candidates take turns on the same batches, and each one's fastest round counts, so a
burst of load from elsewhere slows every candidate rather than one. Torch's threads suffer more
from a busy core than ONNX Runtime's, so the ratios to torch are larger on a loaded machine.

``--sensitivity`` instead quantizes one linear layer at a time and prints how far it moves the
ONNX Runtime fp32 logits of a sample of training targets (the validation slice judges the
choice, so it does not make it), most sensitive first: the ranking a model's
``cpu_fp32_layers`` are taken from.

The training files are found where the model's manifest says they were (paths relative to the
repository: ``../shared/data/newsmtsc/train.jsonl``, ``data/country-tone/train.jsonl``). On two
shared cores the MPNet's comparison takes about 20 minutes, ``--sensitivity`` about 30.
"""

import argparse
import platform
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
from shared_data import COUNTRY_TONE_DEV, training_files

from countrytone.devices import cpu_threads
from countrytone.errors import CountrytoneError
from countrytone.evaluation import LabelledTarget, macro_f1, read_labelled
from countrytone.manifest import ModelManifest
from countrytone.onnx_runtime import (
    OnnxLogits,
    build_cpu_model,
    export_onnx,
    linear_nodes,
    quantize_nodes,
)
from countrytone.training import DEFAULT_SEED, saved_split
from countrytone.transformer import (
    SHIPPED_MODELS,
    Classifier,
    OnnxClassifier,
    TorchClassifier,
    TransformerToneModel,
    collate,
    encode,
    length_sorted_batches,
    load_transformer,
    pair_texts,
)

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel

# The bar a faster runtime must clear: at most this much validation macro-F1 below torch fp32.
MAX_F1_DROP = 0.005
# Training targets the sensitivity scan scores per quantized layer: enough to rank the layers
# (with one activation scale per batch, the MPNet's three most sensitive stood well clear of
# the rest; rows scaled, none does), few enough for 72 layers.
CALIBRATION_TARGETS = 128
REFERENCE = "torch fp32"
ORT_FP32 = "ort fp32"
SCALED_ROWS = "ort int8 all, rows scaled"
RECIPE = "ort int8 recipe"

Logits = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Batches:
    """Targets tokenised and padded into the batches ``TransformerToneModel.logits`` runs:
    ``inputs[i]`` holds the targets at ``rows[i]`` of the list they were made from."""

    rows: list[list[int]]
    inputs: list[dict[str, "torch.Tensor"]]


def make_batches(model: TransformerToneModel, examples: Sequence[LabelledTarget]) -> Batches:
    """Tokenise the examples' targets and pad them into the model's length-sorted batches."""
    targets = [example.target for example in examples]
    pairs = pair_texts(targets, model.tokenizer, max_length=model.max_length)
    encoded = encode(pairs, model.tokenizer, max_length=model.max_length)
    rows = length_sorted_batches([len(ids) for ids in encoded["input_ids"]], model.batch_size)
    return Batches(rows, [collate(encoded, batch, model.tokenizer) for batch in rows])


def score(classifier: Classifier, batches: Batches) -> Logits:
    """Return the logits of every target, in the order the batches were made from."""
    stacked = np.concatenate([classifier(inputs).numpy() for inputs in batches.inputs])
    logits = np.empty_like(stacked)
    logits[np.concatenate(batches.rows)] = stacked
    return logits


def torch_model(model: TransformerToneModel) -> "PreTrainedModel":
    """The torch model of a tone model loaded with the torch runtime."""
    fp32: PreTrainedModel = cast(TorchClassifier, model.classifier).model
    return fp32


def torch_int8(model_dir: Path) -> TorchClassifier:
    """The model in torch with every linear layer dynamically int8, one scale per channel."""
    import torch

    fp32 = torch_model(load_transformer(model_dir))
    with warnings.catch_warnings():
        # torch.ao.quantization warns that it will move to torchao (not a dependency).
        warnings.simplefilter("ignore", DeprecationWarning)
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        warnings.filterwarnings("ignore", message=".*quantize_per_tensor", category=UserWarning)
        quantize_dynamic(  # type: ignore[no-untyped-call]  # torch.ao is untyped
            fp32, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8, inplace=True
        )
    return TorchClassifier(fp32)


def candidates(
    model_dir: Path, model: TransformerToneModel, work: Path, threads: int
) -> tuple[dict[str, Classifier], Path, float]:
    """Build every candidate; return them, the recipe's model file and its build seconds."""
    from onnxruntime.transformers.optimizer import optimize_model

    manifest = ModelManifest.read(model_dir) or ModelManifest()
    fp32 = torch_model(model)
    input_names = model.tokenizer.model_input_names
    exported = work / "fp32.onnx"
    export_onnx(fp32, input_names, exported)
    optimized = work / "fp32-optimized.onnx"
    optimize_model(
        str(exported),
        model_type="bert",
        num_heads=fp32.config.num_attention_heads,
        hidden_size=fp32.config.hidden_size,
    ).save_model_to_file(str(optimized))
    linear = linear_nodes(exported)
    int8_variants = {
        "ort int8 all linear": linear,
        "ort int8 FFN only": [node for node in linear if "/attention/" not in node],
        "ort int8 no FFN output": [node for node in linear if not _is_ffn_output(node)],
    }
    for name, nodes in int8_variants.items():
        quantize_nodes(exported, work / f"{name}.onnx", nodes)
    quantize_nodes(exported, work / f"{SCALED_ROWS}.onnx", linear, scaled_rows=True)
    started = time.perf_counter()
    recipe = build_cpu_model(
        fp32,
        input_names,
        work / "recipe",
        fp32_layers=manifest.cpu_fp32_layers or (),
        scaled_rows=bool(manifest.cpu_scaled_rows),
    )
    build_seconds = time.perf_counter() - started

    onnx_files = {ORT_FP32: exported, f"{ORT_FP32} optimized": optimized}
    onnx_files |= {name: work / f"{name}.onnx" for name in [*int8_variants, SCALED_ROWS]}
    onnx_files[RECIPE] = recipe
    classifiers: dict[str, Classifier] = {
        REFERENCE: model.classifier,
        "torch int8": torch_int8(model_dir),
    }
    classifiers |= {
        name: OnnxClassifier(OnnxLogits(path, threads=threads)) for name, path in onnx_files.items()
    }
    return classifiers, recipe, build_seconds


def fastest_rounds(
    classifiers: Mapping[str, Classifier], batches: Batches, rounds: int
) -> dict[str, float]:
    """Seconds of each classifier's fastest round over the batches; they take turns in a round."""
    for classifier in classifiers.values():
        classifier(batches.inputs[0])  # warm-up: allocations, kernel choice, caches
    best = dict.fromkeys(classifiers, float("inf"))
    for _ in range(rounds):
        for name, classifier in classifiers.items():
            started = time.perf_counter()
            score(classifier, batches)
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def _is_ffn_output(node: str) -> bool:
    """Whether a linear layer is a feed-forward output projection (BERT's attention output is
    also an ``output/dense``)."""
    return "/output/dense/" in node and "/attention/" not in node


@dataclass(frozen=True)
class Scored:
    """Each candidate's macro-F1 on labelled targets and its share of torch fp32's labels."""

    f1: dict[str, float]
    same_label: dict[str, float]

    @classmethod
    def of(
        cls,
        model: TransformerToneModel,
        classifiers: Mapping[str, Classifier],
        examples: Sequence[LabelledTarget],
    ) -> "Scored":
        """Score the examples with every candidate."""
        batches = make_batches(model, examples)
        gold = [example.label for example in examples]
        labels = {
            name: score(classifier, batches).argmax(axis=1)
            for name, classifier in classifiers.items()
        }
        return cls(
            {
                name: macro_f1(gold, [model.label_order[index] for index in predicted])
                for name, predicted in labels.items()
            },
            {name: float(np.mean(labels[name] == labels[REFERENCE])) for name in labels},
        )


def compare(
    model_dir: Path,
    model: TransformerToneModel,
    validation: Sequence[LabelledTarget],
    *,
    targets: int,
    rounds: int,
    threads: int,
) -> None:
    """Build the candidates, score and time them, and print the table and the verdict."""
    with tempfile.TemporaryDirectory() as work:
        classifiers, recipe, build_seconds = candidates(model_dir, model, Path(work), threads)
        recipe_mb = recipe.stat().st_size / 1e6
    scored = Scored.of(model, classifiers, validation)
    dev = Scored.of(model, classifiers, read_labelled(COUNTRY_TONE_DEV))
    timed = validation[:targets]
    seconds = fastest_rounds(classifiers, make_batches(model, timed), rounds)
    f1 = scored.f1

    print(
        f"\n{'':<24} {'':>9} {'':>8} {'validation slices':^29} {'country-tone dev':^20}"
        f"\n{'candidate':<24} {'targets/s':>9} {'speed-up':>8} {'macro-F1':>8} "
        f"{'dF1 pts':>7} {'same label':>10}  {'macro-F1':>8} {'same label':>10}"
    )
    for name in classifiers:
        print(
            f"{name:<24} {len(timed) / seconds[name]:>9.1f} "
            f"{seconds[REFERENCE] / seconds[name]:>7.2f}x {f1[name]:>8.4f} "
            f"{(f1[name] - f1[REFERENCE]) * 100:>+7.2f} {scored.same_label[name]:>10.1%}  "
            f"{dev.f1[name]:>8.4f} {dev.same_label[name]:>10.1%}"
        )
    drop = f1[REFERENCE] - f1[RECIPE]
    speed_ups = ", ".join(
        f"{seconds[name] / seconds[RECIPE]:.2f}x {name}" for name in (REFERENCE, ORT_FP32)
    )
    print(
        f"\nrecipe ({RECIPE}, build_cpu_model): {speed_ups}; macro-F1 "
        f"{abs(drop) * 100:.2f} points {'below' if drop >= 0 else 'above'} torch fp32 "
        f"({'within' if drop <= MAX_F1_DROP else 'NOT within'} the "
        f"{MAX_F1_DROP * 100:.1f}-point bar); built in {build_seconds:.0f} s "
        f"(export and quantization), {recipe_mb:.0f} MB"
    )


def sensitivity(
    model: TransformerToneModel,
    calibration: Sequence[LabelledTarget],
    *,
    scaled_rows: bool,
    threads: int,
) -> None:
    """Print how far int8 on each single linear layer moves the fp32 logits, most first (its
    activations scaled row by row with ``scaled_rows``, as the model's recipe does or not)."""
    batches = make_batches(model, calibration)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        exported, quantized = Path(work) / "fp32.onnx", Path(work) / "one-int8.onnx"
        export_onnx(torch_model(model), model.tokenizer.model_input_names, exported)
        reference = score(OnnxClassifier(OnnxLogits(exported, threads=threads)), batches)
        for node in linear_nodes(exported):
            quantize_nodes(exported, quantized, [node], scaled_rows=scaled_rows)
            logits = score(OnnxClassifier(OnnxLogits(quantized, threads=threads)), batches)
            rms = float(np.sqrt(np.mean((logits - reference) ** 2)))
            same = float(np.mean(logits.argmax(axis=1) == reference.argmax(axis=1)))
            rows.append((rms, same, node))
    print(f"\n{'logit RMS error':>15} {'same label':>10}  linear layer quantized alone")
    for rms, same, node in sorted(rows, reverse=True):
        print(f"{rms:>15.4f} {same:>10.1%}  {node}")


def cpu_name() -> str:
    """The CPU's model name (from /proc/cpuinfo where there is one)."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text(encoding="utf-8").splitlines() if cpuinfo.is_file() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor() or "unknown CPU"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run the benchmark and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", choices=list(SHIPPED_MODELS), default="mpnet")
    parser.add_argument("--targets", type=int, default=300, help="validation targets timed")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the fastest counts")
    parser.add_argument("--batch-size", type=int, help="targets per batch (default: the model's)")
    parser.add_argument(
        "--sensitivity", action="store_true", help="rank the linear layers by int8 error instead"
    )
    args = parser.parse_args(argv)
    model_dir = SHIPPED_MODELS[args.model]

    import onnxruntime
    import torch

    threads = cpu_threads()
    try:
        train_part, validation = saved_split(model_dir, training_files(model_dir))
    except CountrytoneError as error:
        print(f"cpu_runtimes: {error} (../shared absent?)", file=sys.stderr)
        return 1
    model = load_transformer(model_dir)
    model.batch_size = args.batch_size or model.batch_size
    print(
        f"{cpu_name()}, {threads} threads (torch and ONNX Runtime); torch {torch.__version__}, "
        f"onnxruntime {onnxruntime.__version__}; {model.name}, batch size {model.batch_size}"
    )
    if args.sensitivity:
        calibration = random.Random(DEFAULT_SEED).sample(train_part, CALIBRATION_TARGETS)
        print(f"int8 on one linear layer at a time, {len(calibration)} training targets")
        manifest = ModelManifest.read(model_dir) or ModelManifest()
        sensitivity(model, calibration, scaled_rows=bool(manifest.cpu_scaled_rows), threads=threads)
        return 0
    print(
        f"validation slice {len(validation)} targets; speed on the first {args.targets} of them, "
        f"fastest of {args.rounds} rounds in which the candidates take turns (a shared machine "
        "slows them alike)"
    )
    compare(model_dir, model, validation, targets=args.targets, rounds=args.rounds, threads=threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
