"""Dynamic int8 quantization of the fast tone model: accuracy kept and CPU speed gained.

Usage:
    .venv/bin/python benchmarks/quantization.py [--data-dir ../shared/data/newsmtsc] [--repeats 5]

Loads the shipped MiniLM model (``fast``) in fp32 and twice dynamically int8-quantized (every
``nn.Linear``, ``torch.ao.quantization.quantize_dynamic``, qint8): ``int8`` with one weight
scale per output channel, as ``fast-int8`` is built, and ``int8-tensor``
with torch's default of one scale per layer, for comparison. Prints for each: macro-F1 on the
validation slice held out in training (rebuilt with the manifest's seed and fraction; the
decision), on ``dev_rw`` and on ``dev_mt`` (for information only), targets/s scoring the
validation slice (same batch size and threads, one warm-up pass first, best of ``--repeats``
timed passes, the models taking turns), and for the quantized ones the speed-up over fp32, the
largest difference of a probability from fp32 and the share of validation targets given the
same label.
"""

import argparse
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from shared_data import NEWSMTSC_DIR

from countrytone.errors import CountrytoneError
from countrytone.evaluation import (
    NEWSMTSC_DEV_SPLITS,
    LabelledTarget,
    evaluate,
    read_newsmtsc,
)
from countrytone.training import saved_split
from countrytone.transformer import SHIPPED_MODELS, TransformerToneModel, load_transformer

MINILM_DIR = SHIPPED_MODELS["minilm"]

# The bar: the quantized model is offered if validation macro-F1 drops by less than this.
MAX_F1_DROP = 0.01


def per_tensor_int8() -> TransformerToneModel:
    """The shipped model with torch's default dynamic quantization: one scale per layer."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    model = load_transformer(MINILM_DIR, name="minilm-int8-tensor")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's deprecation notices
        quantize_dynamic(  # type: ignore[no-untyped-call]
            model.model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )
    return model


def targets_per_second(
    models: Mapping[str, TransformerToneModel], examples: Sequence[LabelledTarget], repeats: int
) -> dict[str, float]:
    """Targets/s of each model's ``probabilities`` (tokenising included), best of ``repeats``.

    The models take turns within each round, so a burst of load from other processes on a
    shared machine slows all of them rather than one.
    """
    targets = [example.target for example in examples]
    for model in models.values():
        model.probabilities(targets[: model.batch_size])  # warm-up: allocator, kernels, caches
    best = dict.fromkeys(models, float("inf"))
    for _ in range(repeats):
        for kind, model in models.items():
            started = time.perf_counter()
            model.probabilities(targets)
            best[kind] = min(best[kind], time.perf_counter() - started)
    return {kind: len(targets) / seconds for kind, seconds in best.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=NEWSMTSC_DIR)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"{args.data_dir}: no NewsMTSC data (needs ../shared); nothing measured")
        return 1

    import torch

    try:
        _, validation = saved_split(MINILM_DIR, args.data_dir)
    except CountrytoneError as error:
        print(f"quantization: {error}", file=sys.stderr)
        return 1
    splits = {"validation": validation}
    splits |= {
        split: read_newsmtsc(args.data_dir / f"{split}.jsonl") for split in NEWSMTSC_DEV_SPLITS
    }
    models = {
        "fp32": load_transformer(MINILM_DIR, name="minilm"),
        "int8": load_transformer(MINILM_DIR, name="minilm-int8", quantize=True),
        "int8-tensor": per_tensor_int8(),
    }
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"batch size {models['fp32'].batch_size}, validation {len(validation)} targets, "
        + ", ".join(f"{split} {len(splits[split])}" for split in NEWSMTSC_DEV_SPLITS)
    )

    f1 = {
        (kind, split): evaluate(model, examples).macro_f1
        for kind, model in models.items()
        for split, examples in splits.items()
    }
    speed = targets_per_second(models, validation, args.repeats)
    targets = [example.target for example in validation]
    probabilities = {
        kind: torch.tensor(model.probabilities(targets)) for kind, model in models.items()
    }

    print(f"\n{'model':<12} {'validation':>10} {'dev_rw':>8} {'dev_mt':>8} {'targets/s':>10}")
    for kind, model in models.items():
        scores = " ".join(f"{f1[kind, split]:>{max(8, len(split))}.4f}" for split in splits)
        print(f"{kind:<12} {scores} {speed[kind]:>10.1f}   ({model.name})")
    print()
    for kind in ("int8", "int8-tensor"):
        drop = f1["fp32", "validation"] - f1[kind, "validation"]
        delta = probabilities[kind] - probabilities["fp32"]
        same_label = probabilities[kind].argmax(dim=1) == probabilities["fp32"].argmax(dim=1)
        print(
            f"{kind:<12} speed-up {speed[kind] / speed['fp32']:.2f}x; validation macro-F1 drop "
            f"{drop * 100:.2f} points ({'under' if drop < MAX_F1_DROP else 'not under'} the "
            f"{MAX_F1_DROP * 100:.0f}-point bar); max |dp| {float(delta.abs().max()):.4f}; "
            f"same label for {float(same_label.double().mean()):.1%} of validation targets"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
