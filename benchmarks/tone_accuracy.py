"""Accuracy of the VADER tone model on NewsMTSC dev data, against VADER's sentence score.

Usage:
    .venv/bin/python benchmarks/tone_accuracy.py [--data-dir ../shared/data/newsmtsc] [--fit]

Prints macro-F1, accuracy and the confusion matrix on dev_rw.jsonl, dev_mt.jsonl and both, for
the registered ``vader`` model (clause window, fitted constants) and for the sentence-level VADER
baseline (compound of the whole sentence, VADER's standard +-0.05 thresholds). ``--fit`` reruns
the grid search on train.jsonl that chose the model's constants, and prints them.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from shared_data import NEWSMTSC_DIR

from countrytone.evaluation import (
    NEWSMTSC_DEV_SPLITS,
    Evaluation,
    LabelledTarget,
    MentionCheck,
    evaluate,
    fit_vader,
    read_newsmtsc_checked,
)
from countrytone.registry import load_tone_model
from countrytone.tone import ToneModel
from countrytone.vader import VADER_WINDOW, VaderToneModel
from countrytone.windows import Window

# VADER's documented thresholds for a sentence: compound >= 0.05 positive, <= -0.05 negative.
VADER_STANDARD_THRESHOLD = 0.05


def sentence_baseline() -> VaderToneModel:
    """VADER's compound of the whole sentence, target ignored, standard thresholds."""
    return VaderToneModel(
        window="text",
        neutral_band=VADER_STANDARD_THRESHOLD,
        mask_target=False,
        name="vader-sentence",
    )


def read_split(data_dir: Path, split: str) -> list[LabelledTarget]:
    """Read one split and print how its mentions matched their offsets."""
    examples, check = read_newsmtsc_checked(data_dir / f"{split}.jsonl")
    print(f"{split}: {_describe(check)}")
    return examples


def _describe(check: MentionCheck) -> str:
    return (
        f"{check.n_targets} targets, {check.mismatches} mention mismatches "
        f"({check.relocated} relocated, {check.kept} kept at the given offsets)"
    )


def print_evaluation(title: str, evaluation: Evaluation) -> None:
    """Print one model's scores on one split, then its confusion matrix."""
    print(
        f"\n{title}: macro-F1 {evaluation.macro_f1:.3f}  "
        f"accuracy {evaluation.accuracy:.3f}  n {evaluation.n}"
    )
    print(evaluation.confusion.to_string())


def run_dev(data_dir: Path) -> None:
    """Evaluate the vader model and the sentence baseline per dev split and combined."""
    splits = {split: read_split(data_dir, split) for split in NEWSMTSC_DEV_SPLITS}
    splits["combined"] = [example for examples in splits.values() for example in examples]
    models: Sequence[tuple[str, ToneModel]] = (
        ("vader (clause window, fitted)", load_tone_model("vader")),
        ("VADER sentence baseline (+-0.05)", sentence_baseline()),
    )
    summary = []
    for split, examples in splits.items():
        for title, model in models:
            evaluation = evaluate(model, examples)
            print_evaluation(f"{split} / {title}", evaluation)
            summary.append((split, title, evaluation.macro_f1, evaluation.accuracy, evaluation.n))
    columns = ["split", "model", "macro_f1", "accuracy", "n"]
    print("\nsummary")
    print(pd.DataFrame(summary, columns=columns).to_string(index=False, float_format="%.3f"))


def run_fit(data_dir: Path) -> None:
    """Grid-search the neutral band and sharpness on train.jsonl for each window variant."""
    examples = read_split(data_dir, "train")
    variants: Sequence[tuple[Window, bool]] = (
        ("clause", True),
        ("sentence", True),
        ("clause", False),
        ("sentence", False),
    )
    rows = []
    for window, mask_target in variants:
        fit = fit_vader(examples, window=window, mask_target=mask_target)
        rows.append(
            (window, mask_target, fit.neutral_band, fit.sharpness, fit.macro_f1, fit.log_loss)
        )
    columns = ["window", "mask_target", "neutral_band", "sharpness", "macro_f1", "log_loss"]
    print("\ntrain.jsonl grid search (band by macro-F1, then sharpness by log loss)")
    print(pd.DataFrame(rows, columns=columns).to_string(index=False, float_format="%.4f"))
    chosen = next(row for row in rows if row[0] == VADER_WINDOW and row[1])
    print(
        f"\nchosen (window={VADER_WINDOW}, target masked; see VADER_WINDOW in tone.py): "
        f"VADER_NEUTRAL_BAND = {chosen[2]:.2f}  VADER_SHARPNESS = {chosen[3]:.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, run the benchmark and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=NEWSMTSC_DIR)
    parser.add_argument("--fit", action="store_true", help="rerun the grid search on train")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(
            f"tone_accuracy: no NewsMTSC data at {args.data_dir} (pass --data-dir)", file=sys.stderr
        )
        return 1
    if args.fit:
        run_fit(args.data_dir)
    else:
        run_dev(args.data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
