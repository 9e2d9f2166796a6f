"""The country-tone sets in data/: well-formed, balanced enough, dev kept out of training."""

import json
from collections import Counter
from pathlib import Path

from countrytone.countries import country_codes
from countrytone.evaluation import read_labelled
from countrytone.tone import Label
from tests.conftest import REPO

DEV_SET = REPO / "data" / "country-tone" / "dev.jsonl"
TRAIN_SET = REPO / "data" / "country-tone" / "train.jsonl"
# Issue 14: about 200 targets, at least 30 of them positive, two countries of opposite tones in
# one sentence.
MIN_TARGETS, MIN_POSITIVES, MIN_OPPOSITE_PAIRS = 190, 30, 10
# Issue 19: at least 4,000 training targets, negative and positive each at least a fifth.
MIN_TRAIN_TARGETS, MIN_POLAR_SHARE = 4000, 0.2
TRAIN_SOURCES = {"newsmtsc/train.jsonl", "persent/unlabelled.jsonl", "written.txt"}


def _records(path: Path = DEV_SET) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_country_tone_dev_is_labelled_targets_of_countries() -> None:
    examples = read_labelled(DEV_SET)
    records = _records()
    assert len(examples) == len(records) >= MIN_TARGETS
    labels = Counter(example.label for example in examples)
    assert labels[Label.POSITIVE] >= MIN_POSITIVES
    assert labels[Label.NEGATIVE] >= MIN_POSITIVES
    assert len({record["id"] for record in records}) == len(records)
    for example, record in zip(examples, records, strict=True):
        assert example.target.mention == record["mention"]
        assert record["country"] in country_codes()
        assert str(record["source"]).split(":")[0] in {
            "newsmtsc/dev_rw.jsonl",
            "newsmtsc/dev_mt.jsonl",
            "persent/dev.csv",
        }


def test_country_tone_dev_gives_two_countries_opposite_tones_in_one_sentence() -> None:
    labels_by_sentence: dict[str, set[object]] = {}
    for record in _records():
        labels_by_sentence.setdefault(str(record["text"]), set()).add(record["label"])
    opposite = [
        labels for labels in labels_by_sentence.values() if {"negative", "positive"} <= labels
    ]
    assert len(opposite) >= MIN_OPPOSITE_PAIRS


def test_country_tone_dev_sentences_are_in_no_training_pool(shared: Path) -> None:
    sentences = {str(record["text"]) for record in _records()}
    data = shared / "data"
    newsmtsc_train = [
        json.loads(line)["sentence_normalized"]
        for line in (data / "newsmtsc" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    persent_pool = [
        json.loads(line)["text"]
        for line in (data / "persent" / "unlabelled.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for pool in (newsmtsc_train, persent_pool):
        joined = "\n".join(pool)
        assert not [sentence for sentence in sentences if sentence in joined]


def test_country_tone_train_is_labelled_country_mentions_of_licensed_text() -> None:
    examples = read_labelled(TRAIN_SET)
    records = _records(TRAIN_SET)
    assert len(examples) == len(records) >= MIN_TRAIN_TARGETS
    labels = Counter(example.label for example in examples)
    assert min(labels[Label.NEGATIVE], labels[Label.POSITIVE]) >= MIN_POLAR_SHARE * len(records)
    assert len({record["id"] for record in records}) == len(records)
    for example, record in zip(examples, records, strict=True):
        assert example.target.mention == record["mention"]
        assert record["country"] in country_codes()
        assert record["kind"] in {"name", "demonym", "capital", "institution"}
        assert str(record["source"]).split(":")[0] in TRAIN_SOURCES


def test_country_tone_train_shares_no_sentence_with_dev() -> None:
    dev = {" ".join(str(record["text"]).split()) for record in _records()}
    train = {" ".join(str(record["text"]).split()) for record in _records(TRAIN_SET)}
    assert not dev & train
