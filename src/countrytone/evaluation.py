"""Reading labelled targets and scoring a tone model on them.

Two formats, one JSON object a line. NewsMTSC's (MIT licence): ``sentence_normalized`` and
``targets``, each target with ``from``/``to`` character offsets, ``mention`` and ``polarity``
(2.0 negative, 4.0 neutral, 6.0 positive). The targets format (``countrytone targets`` input
with a label, as in the repository's country-tone dev set): ``text``, ``start``, ``end`` and
``label`` (``negative``, ``neutral`` or ``positive``).
"""

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
import numpy.typing as npt
import pandas as pd

from countrytone.errors import InputError
from countrytone.tables import PROBABILITY_COLUMNS, tone_values
from countrytone.tone import Label, Target, ToneModel, score_targets
from countrytone.vader import FloatArray, VaderToneModel, probabilities_from_compound
from countrytone.windows import Window

logger = logging.getLogger(__name__)

LABELS: tuple[Label, ...] = tuple(Label)
_POLARITY_LABELS = {2.0: Label.NEGATIVE, 4.0: Label.NEUTRAL, 6.0: Label.POSITIVE}


@dataclass(frozen=True)
class LabelledTarget:
    """A target with its gold tone label."""

    target: Target
    label: Label


@dataclass(frozen=True)
class MentionCheck:
    """How the file's ``mention`` strings agreed with ``sentence[from:to]``.

    ``relocated`` mismatches were moved to the occurrence of the mention nearest the given
    offsets; ``kept`` ones (the mention does not occur in the sentence) keep the given offsets.
    """

    n_targets: int
    relocated: int
    kept: int

    @property
    def mismatches(self) -> int:
        """Targets whose ``mention`` differs from ``sentence[from:to]``."""
        return self.relocated + self.kept


def read_newsmtsc(path: Path) -> list[LabelledTarget]:
    """Read a NewsMTSC-format JSONL file into labelled targets, in file order.

    Mention mismatches are handled as :func:`read_newsmtsc_checked` says and logged as a
    warning with their count.

    Raises:
        InputError: the file is missing or unreadable, or a line is malformed (names FILE:LINE).
    """
    examples, check = read_newsmtsc_checked(path)
    if check.mismatches:
        logger.warning(
            "%s: %d of %d mentions differ from sentence[from:to] (%d relocated, %d kept)",
            path,
            check.mismatches,
            check.n_targets,
            check.relocated,
            check.kept,
        )
    return examples


def read_newsmtsc_checked(path: Path) -> tuple[list[LabelledTarget], MentionCheck]:
    """Read a NewsMTSC-format file; also return how its mentions matched their offsets.

    When ``mention != sentence[from:to]``, the offsets are taken to be shifted (as by a
    normalisation of the sentence) and the span moves to the occurrence of ``mention`` whose
    start is nearest ``from``; when ``mention`` does not occur at all, the annotated offsets are
    kept, since they, not the mention string, say where the annotator's target is.

    Raises:
        InputError: the file is missing or unreadable, or a line is malformed (names FILE:LINE).
    """
    examples: list[LabelledTarget] = []
    relocated = kept = 0
    for line_number, line in _read_lines(path):
        source = f"{path}:{line_number}"
        sentence, raw_targets = _parse_line(source, line)
        for index, raw_target in enumerate(raw_targets):
            example, status = _parse_target(f"{source} target {index}", sentence, raw_target)
            examples.append(example)
            relocated += status == "relocated"
            kept += status == "kept"
    return examples, MentionCheck(len(examples), relocated, kept)


def read_labelled(path: Path) -> list[LabelledTarget]:
    """Read labelled targets in either format (told by the first line's keys), in file order.

    Raises:
        InputError: the file is missing or unreadable, or a line is malformed (names FILE:LINE).
    """
    lines = iter(_read_lines(path))
    first = next(lines, None)
    if first is None:
        return []
    if '"sentence_normalized"' in first[1]:
        return read_newsmtsc(path)
    return [_parse_labelled_target(f"{path}:{number}", line) for number, line in (first, *lines)]


def _parse_labelled_target(source: str, line: str) -> LabelledTarget:
    record = _json_object(source, line)
    text, start, end, label = (record.get(key) for key in ("text", "start", "end", "label"))
    if not (isinstance(text, str) and _is_int(start) and _is_int(end)):
        raise InputError(source, "needs a string 'text' and integer 'start' and 'end'")
    if label not in set(Label):
        raise InputError(source, f"label {label!r} is not negative, neutral or positive")
    try:
        return LabelledTarget(Target(text, start, end), Label(label))
    except ValueError as error:
        raise InputError(source, str(error)) from None


def _read_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from None
    return ((number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip())


def _json_object(source: str, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(source, f"invalid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise InputError(source, "not a JSON object")
    return record


def _parse_line(source: str, line: str) -> tuple[str, list[Any]]:
    record = _json_object(source, line)
    sentence, targets = record.get("sentence_normalized"), record.get("targets")
    if not isinstance(sentence, str) or not isinstance(targets, list):
        raise InputError(source, "needs a string 'sentence_normalized' and a list 'targets'")
    return sentence, targets


def _parse_target(source: str, sentence: str, raw: Any) -> tuple[LabelledTarget, str]:
    if not isinstance(raw, dict):
        raise InputError(source, "not a JSON object")
    start, end, mention, polarity = (raw.get(key) for key in ("from", "to", "mention", "polarity"))
    if not (_is_int(start) and _is_int(end) and isinstance(mention, str)):
        raise InputError(source, "needs integer 'from', 'to' and a string 'mention'")
    label = _POLARITY_LABELS.get(polarity) if isinstance(polarity, int | float) else None
    if label is None:
        raise InputError(source, f"polarity {polarity!r} is not 2.0, 4.0 or 6.0")
    status = "matched"
    if sentence[start:end] != mention:
        start, end, status = _relocate(sentence, mention, start, end)
    try:
        target = Target(sentence, start, end)
    except ValueError as error:
        raise InputError(source, str(error)) from None
    return LabelledTarget(target, label), status


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _relocate(sentence: str, mention: str, start: int, end: int) -> tuple[int, int, str]:
    occurrences = [i for i in range(len(sentence)) if mention and sentence.startswith(mention, i)]
    if not occurrences:
        return start, end, "kept"
    nearest = min(occurrences, key=lambda i: abs(i - start))
    return nearest, nearest + len(mention), "relocated"


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Evaluation:
    """A model's scores on labelled targets.

    ``confusion`` counts gold labels (rows) against predicted labels (columns), both in Label
    order and named by the label strings.
    """

    macro_f1: float
    accuracy: float
    confusion: pd.DataFrame
    n: int

    @property
    def per_label(self) -> pd.DataFrame:
        """Precision, recall, F1 and support (gold count) of each label, in Label order.

        A label never predicted has precision 0, one absent from gold recall 0 (as sklearn's
        ``zero_division=0``); macro-F1 leaves out a label absent from both (``macro_f1``).
        """
        counts = self.confusion.to_numpy()
        hits = np.diag(counts).astype(float)
        gold, predicted = counts.sum(axis=1), counts.sum(axis=0)
        precision = np.divide(hits, predicted, out=np.zeros_like(hits), where=predicted > 0)
        recall = np.divide(hits, gold, out=np.zeros_like(hits), where=gold > 0)
        both = precision + recall
        f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(hits), where=both > 0)
        return pd.DataFrame(
            {"precision": precision, "recall": recall, "f1": f1, "support": gold},
            index=self.confusion.index.rename("label"),
        )


def evaluate(model: ToneModel, examples: Sequence[LabelledTarget]) -> Evaluation:
    """Score the model on the examples (one batched call) and compare with the gold labels.

    Raises:
        ValueError: there are no examples.
    """
    if not examples:
        raise ValueError("no examples to evaluate")
    tones = score_targets(model, [example.target for example in examples])
    return evaluate_labels([e.label for e in examples], [tone.label for tone in tones])


def evaluate_labels(gold: Sequence[Label], predicted: Sequence[Label]) -> Evaluation:
    """Compare predicted with gold labels: macro-F1, accuracy and the confusion matrix.

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    confusion = confusion_matrix(gold, predicted)
    counts = confusion.to_numpy()
    return Evaluation(
        macro_f1=macro_f1(gold, predicted),
        accuracy=float(np.trace(counts) / counts.sum()),
        confusion=confusion,
        n=int(counts.sum()),
    )


def confusion_matrix(gold: Sequence[Label], predicted: Sequence[Label]) -> pd.DataFrame:
    """Count gold labels (rows, ``gold``) against predictions (columns, ``predicted``).

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    from sklearn import metrics

    _check_lengths(gold, predicted)
    names = [label.value for label in LABELS]
    counts = metrics.confusion_matrix(_values(gold), _values(predicted), labels=names)
    return pd.DataFrame(
        counts,
        index=pd.Index(names, name="gold"),
        columns=pd.Index(names, name="predicted"),
    )


def macro_f1(gold: Sequence[Label], predicted: Sequence[Label]) -> float:
    """Return the unweighted mean of the per-label F1 scores.

    Labels that occur neither in gold nor in predicted are left out of the mean (their F1 is
    undefined); a label that occurs in only one of them has F1 0.

    Raises:
        ValueError: the sequences differ in length or are empty.
    """
    from sklearn import metrics

    _check_lengths(gold, predicted)
    gold_values, predicted_values = _values(gold), _values(predicted)
    present = sorted(set(gold_values) | set(predicted_values))
    return float(
        metrics.f1_score(
            gold_values, predicted_values, labels=present, average="macro", zero_division=0.0
        )
    )


def _check_lengths(gold: Sequence[Label], predicted: Sequence[Label]) -> None:
    if len(gold) != len(predicted) or not gold:
        raise ValueError(
            f"need equally many gold and predicted labels, not {len(gold)} and "
            f"{len(predicted)}, and at least one"
        )


def _values(labels: Sequence[Label]) -> list[str]:
    return [Label(label).value for label in labels]


# --- fitting the VADER model's two constants ---------------------------------------------------

NEUTRAL_BAND_GRID: FloatArray = np.round(np.arange(0.0, 0.6001, 0.01), 2)
SHARPNESS_GRID: FloatArray = np.round(np.arange(0.5, 10.0001, 0.1), 1)


@dataclass(frozen=True)
class VaderFit:
    """The neutral band and sharpness chosen on training data, with their training scores."""

    window: Window
    mask_target: bool
    neutral_band: float
    sharpness: float
    macro_f1: float
    log_loss: float
    n: int


def fit_vader(
    examples: Sequence[LabelledTarget], *, window: Window = "clause", mask_target: bool = True
) -> VaderFit:
    """Grid-search VaderToneModel's neutral band and sharpness on (training) examples.

    The band maximises macro-F1 (it alone sets the labels); ties, and then the sharpness, go to
    the lowest log loss. Searches ``NEUTRAL_BAND_GRID`` x ``SHARPNESS_GRID``.

    Raises:
        ValueError: there are no examples.
    """
    if not examples:
        raise ValueError("no examples to fit on")
    model = VaderToneModel(window=window, mask_target=mask_target)
    compound = model.compound([example.target for example in examples])
    gold_labels = [example.label for example in examples]
    gold = np.array([LABELS.index(label) for label in gold_labels], dtype=np.intp)
    candidates = []
    for band in NEUTRAL_BAND_GRID.tolist():
        predicted = np.where(compound > band, 2, np.where(compound < -band, 0, 1))
        f1 = macro_f1(gold_labels, [LABELS[index] for index in predicted])
        loss, sharpness = min(
            (_log_loss(compound, gold, band, sharpness), sharpness)
            for sharpness in SHARPNESS_GRID.tolist()
        )
        candidates.append((-f1, loss, band, sharpness))
    negative_f1, loss, band, sharpness = min(candidates)
    return VaderFit(window, mask_target, band, sharpness, -negative_f1, loss, len(examples))


def _log_loss(
    compound: FloatArray, gold: npt.NDArray[np.intp], band: float, sharpness: float
) -> float:
    probabilities = probabilities_from_compound(compound, neutral_band=band, sharpness=sharpness)
    chosen = probabilities[np.arange(len(gold)), gold]
    return float(-np.mean(np.log(np.clip(chosen, 1e-12, None))))


# --- comparing models over splits (the evaluation notebook) -----------------------------------

NEWSMTSC_DEV_SPLITS = ("dev_rw", "dev_mt")


def read_dev_splits(data_dir: Path) -> dict[str, list[LabelledTarget]]:
    """NewsMTSC's dev splits (``dev_rw``, ``dev_mt``) from a folder, by split name.

    Raises:
        InputError: the folder is absent, or a split is missing or malformed.
    """
    if not data_dir.is_dir():
        raise InputError(str(data_dir), "no such folder (NewsMTSC's dev splits are read from it)")
    return {split: read_newsmtsc(data_dir / f"{split}.jsonl") for split in NEWSMTSC_DEV_SPLITS}


def predictions_table(
    models: Sequence[ToneModel], splits: Mapping[str, Sequence[LabelledTarget]]
) -> pd.DataFrame:
    """Every model's tone for every labelled target: one row per (model, split, target).

    Returns:
        Columns ``model, split, gold, label, p_negative, p_neutral, p_positive``; labels as
        strings. Each model scores each split in one batched call.
    """
    rows = [
        {
            "model": model.name,
            "split": split,
            "gold": example.label.value,
            **tone_values(tone),
        }
        for model in models
        for split, examples in splits.items()
        for example, tone in zip(
            examples, score_targets(model, [e.target for e in examples]), strict=True
        )
    ]
    columns = ["model", "split", "gold", "label", *PROBABILITY_COLUMNS]
    return pd.DataFrame.from_records(rows, columns=columns)


def scores_table(predictions: pd.DataFrame) -> pd.DataFrame:
    """Macro-F1, accuracy and n per model and split, and over all splits (``split = "all"``)."""
    everything = predictions.assign(split="all")
    rows = [
        {"model": model, "split": split, **_scores(group)}
        for (model, split), group in pd.concat([predictions, everything]).groupby(
            ["model", "split"], sort=False
        )
    ]
    return pd.DataFrame.from_records(rows, columns=["model", "split", "macro_f1", "accuracy", "n"])


def _scores(predictions: pd.DataFrame) -> dict[str, float | int]:
    evaluation = evaluate_labels(
        [Label(label) for label in predictions["gold"]],
        [Label(label) for label in predictions["label"]],
    )
    return {"macro_f1": evaluation.macro_f1, "accuracy": evaluation.accuracy, "n": evaluation.n}
