"""Tests of countrytone.windows: the sentence and the clause around a target."""

import pytest

from countrytone.windows import clause_span, sentence_span
from tests.conftest import target_of


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
def test_windows_sentence_span_is_the_sentence_around_the_target(
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
def test_windows_clause_span_keeps_the_clause_with_the_target(
    text: str, mention: str, clause: str | None
) -> None:
    target = target_of(text, mention)
    start, end = clause_span(target)
    assert start <= target.start < target.end <= end
    assert text[start:end] == (text if clause is None else clause)
