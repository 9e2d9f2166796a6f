"""Tests of countrytone.evaluation: reading NewsMTSC-format files and scoring models on them."""

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from countrytone.errors import InputError
from countrytone.evaluation import (
    LabelledTarget,
    confusion_matrix,
    evaluate,
    evaluate_labels,
    fit_vader,
    macro_f1,
    predictions_table,
    read_dev_splits,
    read_labelled,
    read_newsmtsc,
    read_newsmtsc_checked,
    scores_table,
)
from countrytone.registry import load_tone_model
from countrytone.tone import Label, Target, Tone

NEG, NEU, POS = Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE


def newsmtsc_line(sentence: str, *targets: tuple[str, object, int]) -> str:
    """One NewsMTSC line; each target is (mention, polarity, occurrence offset)."""
    records = [
        {"from": start, "to": start + len(mention), "mention": mention, "polarity": polarity}
        for mention, polarity, start in targets
    ]
    return json.dumps({"primary_gid": "x", "sentence_normalized": sentence, "targets": records})


def write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class FixedModel:
    """A fake tone model that gives every target the same label."""

    def __init__(self, label: Label) -> None:
        self.label = label

    @property
    def name(self) -> str:
        return f"always-{self.label}"

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        probabilities = {NEG: (0.8, 0.1, 0.1), NEU: (0.1, 0.8, 0.1), POS: (0.1, 0.1, 0.8)}
        return [Tone.from_probabilities(*probabilities[self.label]) for _ in targets]


# --- reading -----------------------------------------------------------------------------------


def test_evaluation_read_newsmtsc_reads_targets_and_labels(tmp_path: Path) -> None:
    first = "Japan praised the deal, but China condemned it."
    second = "Chile held talks."
    path = write_lines(
        tmp_path,
        newsmtsc_line(first, ("Japan", 6.0, 0), ("China", 2.0, 28)),
        "",
        newsmtsc_line(second, ("Chile", 4, 0)),
    )
    assert read_newsmtsc(path) == [
        LabelledTarget(Target(first, 0, 5), POS),
        LabelledTarget(Target(first, 28, 33), NEG),
        LabelledTarget(Target(second, 0, 5), NEU),
    ]


def test_evaluation_read_newsmtsc_relocates_or_keeps_mismatched_mentions(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sentence = "China met China and Japan."
    path = write_lines(
        tmp_path,
        newsmtsc_line(sentence, ("China", 2.0, 9)),  # off by one: nearest "China" is at 10
        newsmtsc_line(sentence, ("Korea", 4.0, 20)),  # not in the sentence: offsets kept
        newsmtsc_line(sentence, ("Japan", 6.0, 20)),
    )
    examples, check = read_newsmtsc_checked(path)
    assert [(e.target.start, e.target.end) for e in examples] == [(10, 15), (20, 25), (20, 25)]
    assert (check.n_targets, check.mismatches, check.relocated, check.kept) == (3, 2, 1, 1)
    with caplog.at_level(logging.WARNING, logger="countrytone.evaluation"):
        read_newsmtsc(path)
    assert "2 of 3 mentions differ" in caplog.text


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"sentence_normalized": "x"}', "needs a string 'sentence_normalized'"),
        (newsmtsc_line("China", ("China", 5.0, 0)), "polarity 5.0 is not"),
        (newsmtsc_line("China", ("China", "2.0", 0)), "polarity '2.0' is not"),
        (newsmtsc_line("China", ("Korea and more", 2.0, 0)), "outside the text"),
        ('{"sentence_normalized": "x", "targets": [{"from": "0"}]}', "needs integer 'from'"),
    ],
)
def test_evaluation_read_newsmtsc_names_file_and_line_of_a_bad_line(
    tmp_path: Path, bad_line: str, problem: str
) -> None:
    path = write_lines(tmp_path, newsmtsc_line("Chile held talks.", ("Chile", 4.0, 0)), bad_line)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}:2.*{re.escape(problem)}"):
        read_newsmtsc(path)


def test_evaluation_read_newsmtsc_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.jsonl: no such file"):
        read_newsmtsc(tmp_path / "absent.jsonl")


def test_evaluation_read_newsmtsc_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_newsmtsc(path)


# --- scoring -----------------------------------------------------------------------------------


def test_evaluation_macro_f1_and_confusion_on_a_hand_computed_case() -> None:
    gold = [NEG, NEG, NEU, POS]
    predicted = [NEG, NEU, NEU, NEG]
    # F1: negative 2*1/(2+1+1) = 1/2, neutral 2*1/(2+1+0) = 2/3, positive 0: mean 7/18.
    assert macro_f1(gold, predicted) == pytest.approx(7 / 18)
    evaluation = evaluate_labels(gold, predicted)
    assert evaluation.macro_f1 == pytest.approx(7 / 18)
    assert evaluation.accuracy == pytest.approx(0.5)
    assert evaluation.n == 4
    confusion = confusion_matrix(gold, predicted)
    assert list(confusion.index) == list(confusion.columns) == ["negative", "neutral", "positive"]
    assert (confusion.index.name, confusion.columns.name) == ("gold", "predicted")
    assert confusion.to_numpy().tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]
    per_label = evaluation.per_label
    assert list(per_label.index) == ["negative", "neutral", "positive"]
    assert per_label["precision"].tolist() == pytest.approx([1 / 2, 1 / 2, 0])
    assert per_label["recall"].tolist() == pytest.approx([1 / 2, 1, 0])
    assert per_label["f1"].tolist() == pytest.approx([1 / 2, 2 / 3, 0])
    assert per_label["support"].tolist() == [2, 1, 1]
    assert per_label["f1"].mean() == pytest.approx(evaluation.macro_f1)


def test_evaluation_per_label_of_a_label_never_predicted_or_absent() -> None:
    per_label = evaluate_labels([NEG, NEG], [NEG, NEU]).per_label
    assert per_label.loc["negative"].tolist() == pytest.approx([1, 1 / 2, 2 / 3, 2])
    assert per_label.loc["neutral"].tolist() == pytest.approx([0, 0, 0, 0])
    assert per_label.loc["positive"].tolist() == pytest.approx([0, 0, 0, 0])


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([NEG, POS], [NEG, POS], 1.0),  # neutral absent from both: left out of the mean
        ([NEG, NEU, POS], [NEG, NEU, POS], 1.0),
        ([NEG, NEG], [POS, POS], 0.0),
        ([NEU, NEU, POS, POS], [NEU, NEU, NEU, POS], (0.8 + 2 / 3) / 2),
    ],
)
def test_evaluation_macro_f1_cases(
    gold: list[Label], predicted: list[Label], expected: float
) -> None:
    assert macro_f1(gold, predicted) == pytest.approx(expected)


@pytest.mark.parametrize(("gold", "predicted"), [([], []), ([NEG], [NEG, POS])])
def test_evaluation_macro_f1_rejects_empty_or_unequal(
    gold: list[Label], predicted: list[Label]
) -> None:
    with pytest.raises(ValueError, match="need equally many"):
        macro_f1(gold, predicted)


def test_evaluation_evaluate_scores_a_model() -> None:
    examples = [
        LabelledTarget(Target("China spoke.", 0, 5), label) for label in (NEU, NEU, NEG, POS)
    ]
    evaluation = evaluate(FixedModel(NEU), examples)
    assert evaluation.accuracy == pytest.approx(0.5)
    assert evaluation.confusion.loc["neutral", "neutral"] == 2
    assert evaluation.confusion["neutral"].sum() == 4
    with pytest.raises(ValueError, match="no examples"):
        evaluate(FixedModel(NEU), [])


def test_evaluation_fit_vader_separates_clear_examples() -> None:
    sentences: list[tuple[str, Label]] = [
        ("China brutally crushed the peaceful protest.", NEG),
        ("China condemned the cruel and illegal sanctions.", NEG),
        ("China held a meeting on Tuesday.", NEU),
        ("China signed the papers in the capital.", NEU),
        ("China warmly welcomed the successful summit.", POS),
        ("China generously helped the grateful victims.", POS),
    ]
    examples = [LabelledTarget(Target(text, 0, 5), label) for text, label in sentences]
    fit = fit_vader(examples)
    assert fit.macro_f1 == pytest.approx(1.0)
    assert fit.n == 6
    assert fit.window == "clause"


# --- the real dev data, when this machine has it ---------------------------------------------


@pytest.fixture(scope="module")
def newsmtsc_dev(shared: Path) -> dict[str, Any]:
    directory = shared / "data" / "newsmtsc"
    return {split: read_newsmtsc(directory / f"{split}.jsonl") for split in ("dev_rw", "dev_mt")}


@pytest.mark.slow
def test_evaluation_vader_on_newsmtsc_dev(newsmtsc_dev: dict[str, list[LabelledTarget]]) -> None:
    assert {split: len(examples) for split, examples in newsmtsc_dev.items()} == {
        "dev_rw": 343,
        "dev_mt": 442,
    }
    combined = [example for examples in newsmtsc_dev.values() for example in examples]
    evaluation = evaluate(load_tone_model("vader"), combined)
    # Measured 0.519 (benchmarks/tone_accuracy.py); chance is about 0.33.
    assert evaluation.macro_f1 > 0.49
    assert int(evaluation.confusion.to_numpy().sum()) == evaluation.n == 785


# --- comparing models --------------------------------------------------------------------------


def test_evaluation_predictions_and_scores_tables() -> None:
    examples = [
        LabelledTarget(Target("China condemned it.", 0, 5), NEG),
        LabelledTarget(Target("Japan hosted talks.", 0, 5), NEU),
    ]
    predictions = predictions_table(
        [FixedModel(NEG), FixedModel(NEU)], {"a": examples, "b": examples[:1]}
    )
    assert list(predictions.columns) == [
        "model",
        "split",
        "gold",
        "label",
        "p_negative",
        "p_neutral",
        "p_positive",
    ]
    assert len(predictions) == 2 * 3
    scores = scores_table(predictions).set_index(["model", "split"])
    assert scores["n"].to_dict() == {
        ("always-negative", "a"): 2,
        ("always-negative", "b"): 1,
        ("always-neutral", "a"): 2,
        ("always-neutral", "b"): 1,
        ("always-negative", "all"): 3,
        ("always-neutral", "all"): 3,
    }
    assert scores.loc[("always-negative", "b"), "accuracy"] == 1.0
    assert scores.loc[("always-neutral", "all"), "accuracy"] == pytest.approx(1 / 3)


def test_evaluation_read_dev_splits_names_an_absent_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="absent: no such folder"):
        read_dev_splits(tmp_path / "absent")


def test_evaluation_read_labelled_reads_the_targets_format(tmp_path: Path) -> None:
    lines = [
        {"text": "China praised Japan.", "start": 14, "end": 19, "label": "positive", "id": "a"},
        {"text": "China praised Japan.", "start": 0, "end": 5, "label": "neutral"},
    ]
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    examples = read_labelled(path)
    assert [(e.target.mention, e.label) for e in examples] == [("Japan", POS), ("China", NEU)]


def test_evaluation_read_labelled_reads_newsmtsc_too(tmp_path: Path) -> None:
    line = {
        "sentence_normalized": "China praised Japan.",
        "targets": [{"from": 14, "to": 19, "mention": "Japan", "polarity": 6.0}],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert read_labelled(path) == read_newsmtsc(path)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "China", "start": 0, "end": 5, "label": "good"}', "label 'good' is not"),
        ('{"text": "China", "start": 0, "end": 9, "label": "neutral"}', "outside the text"),
        ('{"text": "China", "start": "0", "end": 5, "label": "neutral"}', "integer 'start'"),
        ("[1]", "not a JSON object"),
    ],
)
def test_evaluation_read_labelled_names_the_bad_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text('{"text": "Chile", "start": 0, "end": 5, "label": "neutral"}\n' + line)
    with pytest.raises(InputError, match=f"dev.jsonl:2: .*{problem}"):
        read_labelled(path)
