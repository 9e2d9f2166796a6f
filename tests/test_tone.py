"""Tests of countrytone.tone: labels, targets, the VADER model, score_targets and the loader."""

import math
import subprocess
import sys
from collections.abc import Sequence

import pytest

from countrytone.errors import ModelError
from countrytone.tone import (
    MODEL_NAMES,
    Label,
    Target,
    Tone,
    ToneModel,
    VaderToneModel,
    clause_span,
    load_tone_model,
    score_targets,
    sentence_span,
)


def target_of(text: str, mention: str, occurrence: int = 0) -> Target:
    """The Target for the given occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return Target(text, start, start + len(mention))


class CountingModel:
    """A fake tone model that records each batch and answers neutral, or a fixed count."""

    def __init__(self, answer_count: int | None = None) -> None:
        self.batches: list[list[Target]] = []
        self.answer_count = answer_count

    @property
    def name(self) -> str:
        return "counting"

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        self.batches.append(list(targets))
        count = len(targets) if self.answer_count is None else self.answer_count
        return [
            Tone.from_probabilities(0.1 * (i % 3), 0.9 - 0.1 * (i % 3), 0.1) for i in range(count)
        ]


@pytest.fixture(scope="module")
def vader() -> VaderToneModel:
    return VaderToneModel()


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


# --- windows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "sentence"),
    [
        ("It rained. China protested. Japan agreed.", "China", "China protested."),
        ("It rained. China protested. Japan agreed.", "Japan", "Japan agreed."),
        ("Mr. Xi met U.S. officials. Japan agreed.", "Xi", "Mr. Xi met U.S. officials."),
        ("First line\nChina protested\nlast", "China", "China protested"),
        ("Talks failed. China left", "China", "China left"),
    ],
)
def test_tone_sentence_span_is_the_sentence_around_the_target(
    text: str, mention: str, sentence: str
) -> None:
    start, end = sentence_span(target_of(text, mention))
    assert text[start:end] == sentence


@pytest.mark.parametrize(
    ("text", "mention", "clause"),
    [
        (
            "Japan praised the deal, but China condemned the sanctions.",
            "China",
            "but China condemned the sanctions.",
        ),
        (
            "Japan praised the deal, but China condemned the sanctions.",
            "Japan",
            "Japan praised the deal",
        ),
        (
            "Officials in Tokyo were pleased; China condemned the new sanctions.",
            "China",
            "China condemned the new sanctions.",
        ),
        (
            "Japan welcomed the plan \u2014 China, for its part, rejected it outright.",
            "China",
            "China, for its part, rejected it outright.",
        ),
        # A clause too short to carry tone falls back to the sentence.
        (
            "China objected; the sanctions on the Japanese firms were lifted anyway.",
            "China",
            "China objected; the sanctions on the Japanese firms were lifted anyway.",
        ),
        # A boundary inside the target is no boundary.
        ("Leaders of Bosnia\u2014Herzegovina met on a sunny day.", "Bosnia\u2014Herzegovina", None),
    ],
)
def test_tone_clause_span_keeps_the_clause_with_the_target(
    text: str, mention: str, clause: str | None
) -> None:
    target = target_of(text, mention)
    start, end = clause_span(target)
    assert start <= target.start < target.end <= end
    assert text[start:end] == (text if clause is None else clause)


# --- the VADER model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("China brutally crushed the peaceful protest, killing dozens.", "China", Label.NEGATIVE),
        ("Critics condemned China for its cruel and illegal crackdown.", "China", Label.NEGATIVE),
        ("Japan generously helped the victims and won wide praise.", "Japan", Label.POSITIVE),
        ("France warmly welcomed the successful and friendly summit.", "France", Label.POSITIVE),
        ("Germany held a meeting on Tuesday in Berlin.", "Germany", Label.NEUTRAL),
        # The target's own words are masked: "United" is positive in VADER's lexicon.
        ("The United States said talks would resume on Monday.", "United States", Label.NEUTRAL),
    ],
)
def test_tone_vader_labels_clear_sentences(
    vader: VaderToneModel, text: str, mention: str, label: Label
) -> None:
    (tone,) = vader.score([target_of(text, mention)])
    assert tone.label is label
    assert tone.p_negative + tone.p_neutral + tone.p_positive == pytest.approx(1.0)
    assert tone.score == pytest.approx(tone.p_positive - tone.p_negative)


@pytest.mark.parametrize(
    ("text", "praised", "condemned"),
    [
        ("Japan praised the deal, but China condemned the sanctions.", "Japan", "China"),
        (
            "China condemned the sanctions, while Japan praised the excellent deal.",
            "Japan",
            "China",
        ),
        (
            "India hailed the successful talks; Pakistan angrily rejected the outcome.",
            "India",
            "Pakistan",
        ),
    ],
)
def test_tone_vader_gives_two_clauses_their_own_tones(
    vader: VaderToneModel, text: str, praised: str, condemned: str
) -> None:
    positive, negative = vader.score([target_of(text, praised), target_of(text, condemned)])
    assert positive.score > 0 > negative.score
    assert positive.label is Label.POSITIVE
    assert negative.label is Label.NEGATIVE


def test_tone_vader_batch_equals_one_by_one(vader: VaderToneModel) -> None:
    text = "Japan praised the deal, but China condemned the sanctions. Russia stayed silent."
    targets = [
        target_of(text, "Japan"),
        target_of(text, "China"),
        target_of(text, "Russia"),
        target_of(text, "Japan"),
        target_of("A terrible day for Chile.", "Chile"),
    ]
    assert vader.score(targets) == [vader.score([target])[0] for target in targets]
    assert vader.score([]) == []


def test_tone_vader_probabilities_rise_with_compound() -> None:
    model = VaderToneModel(window="text", mask_target=False)
    texts = [
        "It is horrible and awful.",
        "It is bad.",
        "It is a table.",
        "It is good.",
        "Superb, wonderful!",
    ]
    tones = model.score([Target(text, 0, 2) for text in texts])
    scores = [tone.score for tone in tones]
    assert scores == sorted(scores)
    assert [tone.label for tone in tones] == [
        Label.NEGATIVE,
        Label.NEGATIVE,
        Label.NEUTRAL,
        Label.POSITIVE,
        Label.POSITIVE,
    ]


def test_tone_vader_window_text_masks_the_target(vader: VaderToneModel) -> None:
    text = "Rain fell. Japan praised the deal, but China condemned the sanctions."
    assert vader.window_text(target_of(text, "China")) == "but someone condemned the sanctions."


def test_tone_vader_rejects_bad_constants() -> None:
    with pytest.raises(ValueError, match="neutral_band"):
        VaderToneModel(neutral_band=-0.1)


def test_tone_import_loads_no_lexicon() -> None:
    code = "import sys, countrytone.tone; print('vaderSentiment' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- score_targets and the loader --------------------------------------------------------------


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


def test_tone_load_tone_model_caches_one_instance_per_name() -> None:
    model = load_tone_model("vader")
    assert load_tone_model("vader") is model
    assert isinstance(model, ToneModel)
    assert model.name == "vader"
    assert set(MODEL_NAMES) == {"default", "accurate", "minilm", "minilm-int8", "mpnet", "vader"}


def test_tone_load_tone_model_rejects_unknown_name() -> None:
    with pytest.raises(ModelError) as caught:
        load_tone_model("x")
    assert str(caught.value) == (
        "unknown tone model 'x': choose one of default, accurate, minilm, minilm-int8, mpnet, "
        "vader or a model directory"
    )
