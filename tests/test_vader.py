"""Tests of countrytone.vader: the lexicon tone model."""

import subprocess
import sys

import pytest

from countrytone.tone import Label, Target
from countrytone.vader import VaderToneModel
from tests.conftest import target_of


@pytest.fixture(scope="module")
def vader() -> VaderToneModel:
    return VaderToneModel()


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
def test_vader_labels_clear_sentences(
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
def test_vader_gives_two_clauses_their_own_tones(
    vader: VaderToneModel, text: str, praised: str, condemned: str
) -> None:
    positive, negative = vader.score([target_of(text, praised), target_of(text, condemned)])
    assert positive.score > 0 > negative.score
    assert positive.label is Label.POSITIVE
    assert negative.label is Label.NEGATIVE


def test_vader_batch_equals_one_by_one(vader: VaderToneModel) -> None:
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


def test_vader_probabilities_rise_with_compound() -> None:
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


def test_vader_window_text_masks_the_target(vader: VaderToneModel) -> None:
    text = "Rain fell. Japan praised the deal, but China condemned the sanctions."
    assert vader.window_text(target_of(text, "China")) == "but someone condemned the sanctions."


def test_vader_rejects_bad_constants() -> None:
    with pytest.raises(ValueError, match="neutral_band"):
        VaderToneModel(neutral_band=-0.1)


def test_vader_import_loads_no_lexicon() -> None:
    code = "import sys, countrytone.vader; print('vaderSentiment' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
