"""Tests of countrytone.tone: labels, targets, tones, score_targets and ToneMemory."""

import math

import pytest

from countrytone.errors import ModelError
from countrytone.tone import Label, Target, Tone, ToneMemory, score_targets
from tests.conftest import CountingModel, target_of

# --- Tone and Target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("probabilities", "label", "score"),
    [
        ((0.7, 0.2, 0.1), Label.NEGATIVE, -0.6),
        ((0.1, 0.3, 0.6), Label.POSITIVE, 0.5),
        ((0.2, 0.6, 0.2), Label.NEUTRAL, 0.0),
        ((0.4, 0.4, 0.2), Label.NEUTRAL, -0.2),
        ((0.1, 0.45, 0.45), Label.NEUTRAL, 0.35),
        ((0.45, 0.1, 0.45), Label.NEGATIVE, 0.0),
        ((0.0, 0.0, 1.0), Label.POSITIVE, 1.0),
    ],
)
def test_tone_from_probabilities_label_is_argmax_and_score_is_difference(
    probabilities: tuple[float, float, float], label: Label, score: float
) -> None:
    tone = Tone.from_probabilities(*probabilities)
    assert tone.label is label
    assert tone.score == pytest.approx(score)
    assert (tone.p_negative, tone.p_neutral, tone.p_positive) == probabilities
    assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)


@pytest.mark.parametrize(
    "probabilities",
    [(0.5, 0.5, 0.5), (0.2, 0.2, 0.2), (-0.1, 0.6, 0.5), (math.nan, 0.5, 0.5), (math.inf, 0, 0)],
)
def test_tone_from_probabilities_rejects_non_distributions(
    probabilities: tuple[float, float, float],
) -> None:
    with pytest.raises(ValueError, match="probabilities must"):
        Tone.from_probabilities(*probabilities)


def test_tone_label_compares_equal_to_its_string() -> None:
    assert [str(label) for label in Label] == ["negative", "neutral", "positive"]
    assert Label("positive") is Label.POSITIVE


@pytest.mark.parametrize(("start", "end"), [(0, 0), (3, 2), (-1, 2), (0, 6), (6, 7)])
def test_target_rejects_empty_or_outside_span(start: int, end: int) -> None:
    with pytest.raises(ValueError, match=r"target span .* outside the text of 5 characters"):
        Target("China", start, end)


def test_target_mention_is_the_span() -> None:
    assert Target("We met China.", 7, 12).mention == "China"


# --- score_targets --------------------------------------------------------------


def test_tone_score_targets_scores_identical_targets_once_in_one_call() -> None:
    model = CountingModel()
    text = "Japan praised the deal, but China condemned the sanctions."
    japan, china = target_of(text, "Japan"), target_of(text, "China")
    targets = [japan, china, Target(text, japan.start, japan.end), japan]
    tones = score_targets(model, targets)
    assert model.batches == [[japan, china]]
    assert tones == [tones[0], tones[1], tones[0], tones[0]]
    assert tones[0] != tones[1]


def test_tone_score_targets_makes_no_call_for_no_targets() -> None:
    model = CountingModel()
    assert score_targets(model, []) == []
    assert model.batches == []


def test_tone_score_targets_rejects_a_model_that_miscounts() -> None:
    with pytest.raises(ModelError, match="'counting' returned 1 tones for 2 targets"):
        score_targets(CountingModel(answer_count=1), [Target("ab", 0, 1), Target("ab", 1, 2)])


# --- ToneMemory -------------------------------------------------------------------------------


def test_tone_memory_scores_a_target_once_over_many_calls() -> None:
    model = CountingModel()
    memory = ToneMemory(model)
    text = "Japan praised the deal, but China condemned the sanctions."
    japan, china = target_of(text, "Japan"), target_of(text, "China")
    first = memory.score([japan, japan])
    second = memory.score([china, Target(text, japan.start, japan.end)])
    assert model.batches == [[japan], [china]]
    assert first == [second[1], second[1]]
    assert second == score_targets(CountingModel(), [china, japan])
    assert memory.score([japan, china]) == [second[1], second[0]]
    assert len(model.batches) == 2


def test_tone_memory_forgets_the_least_recently_used_beyond_its_capacity() -> None:
    model = CountingModel()
    memory = ToneMemory(model, capacity=2)
    a, b, c = (Target("abc", start, start + 1) for start in range(3))
    memory.score([a, b])
    memory.score([a])  # a is now used more recently than b
    memory.score([c])  # b is forgotten
    memory.score([a, b])
    assert model.batches == [[a, b], [c], [b]]


def test_tone_memory_answers_a_call_larger_than_its_capacity() -> None:
    model = CountingModel()
    targets = [Target("abcd", start, start + 1) for start in range(4)]
    tones = ToneMemory(model, capacity=1).score([*targets, targets[0]])
    assert tones == score_targets(CountingModel(), [*targets, targets[0]])
    assert model.batches == [targets]


def test_tone_memory_makes_no_call_for_no_new_target() -> None:
    model = CountingModel()
    memory = ToneMemory(model)
    assert memory.score([]) == []
    memory.score([Target("ab", 0, 1)])
    memory.score([Target("ab", 0, 1)])
    assert len(model.batches) == 1
