"""The lexicon tone model: VADER's compound score of the clause around each target."""

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from countrytone.tone import Target, Tone
from countrytone.windows import Window, window_span

FloatArray = npt.NDArray[np.float64]

# Fitted on NewsMTSC train.jsonl only (8,739 targets; never on dev) by a grid search that
# maximises macro-F1 over the band (0.00..0.60, step 0.01) and then minimises log loss over the
# sharpness (0.5..10.0, step 0.1), with the clause window and the target masked (train macro-F1
# 0.529, log loss 1.009). Reproduce with
#   .venv/bin/python benchmarks/tone_accuracy.py --fit
VADER_NEUTRAL_BAND = 0.16
VADER_SHARPNESS = 1.3
# The clause window, not the sentence: on train the sentence window scores 0.531 against 0.529,
# a difference smaller than its bootstrap spread (sd 0.002), and only the clause window can give
# two countries in one sentence different tones ("Japan praised the deal, but China condemned").
VADER_WINDOW: Window = "clause"

# The target's own words are replaced by this before VADER scores the window: a name's words
# are no tone toward it ("United" is +1.8 in VADER's lexicon, so "the United States said"
# scores +0.42). The word is absent from VADER's lexicon, boosters and negations.
_TARGET_PLACEHOLDER = "someone"


def probabilities_from_compound(
    compound: FloatArray, *, neutral_band: float, sharpness: float
) -> FloatArray:
    """Map VADER compound scores c in [-1, 1] to (p_negative, p_neutral, p_positive) rows.

    The probabilities are the softmax of the logits ``(-k*c, k*b, k*c)`` with neutral band
    ``b = neutral_band`` and sharpness ``k``: the label is positive iff ``c > b``, negative iff
    ``c < -b``, else neutral; ``p_positive - p_negative`` rises with c.
    """
    scaled = sharpness * np.asarray(compound, dtype=np.float64)
    logits = np.stack([-scaled, np.full_like(scaled, sharpness * neutral_band), scaled], axis=-1)
    logits -= logits.max(axis=-1, keepdims=True)
    weights = np.exp(logits)
    probabilities: FloatArray = weights / weights.sum(axis=-1, keepdims=True)
    return probabilities


class VaderToneModel:
    """The lexicon tone model: VADER's compound score of the window around each target.

    Args:
        window: the text scored for a target: its ``"clause"`` (the default), its
            ``"sentence"``, or the whole ``"text"``.
        neutral_band: compound scores within this distance of 0 are neutral.
        sharpness: how fast the probabilities move from neutral to a polar label.
        mask_target: replace the target's own words before scoring (see ``_TARGET_PLACEHOLDER``).
        name: the id written in the ``model`` column.

    VADER's analyzer (and its lexicon) is created on the first call to :meth:`score`.
    """

    def __init__(
        self,
        *,
        window: Window = VADER_WINDOW,
        neutral_band: float = VADER_NEUTRAL_BAND,
        sharpness: float = VADER_SHARPNESS,
        mask_target: bool = True,
        name: str = "vader",
    ) -> None:
        if neutral_band < 0 or sharpness <= 0:
            raise ValueError("neutral_band must be >= 0 and sharpness > 0")
        self.window: Window = window
        self.neutral_band = neutral_band
        self.sharpness = sharpness
        self.mask_target = mask_target
        self._name = name
        self._analyzer: Any = None

    @property
    def name(self) -> str:
        """The id written in the output's ``model`` column."""
        return self._name

    def __repr__(self) -> str:
        return (
            f"VaderToneModel(window={self.window!r}, neutral_band={self.neutral_band}, "
            f"sharpness={self.sharpness}, mask_target={self.mask_target}, name={self._name!r})"
        )

    def window_text(self, target: Target) -> str:
        """Return the text VADER scores for the target: its window, the target masked."""
        start, end = window_span(target, self.window)
        if not self.mask_target:
            return target.text[start:end]
        text = target.text
        return f"{text[start : target.start]}{_TARGET_PLACEHOLDER}{text[target.end : end]}"

    def compound(self, targets: Sequence[Target]) -> FloatArray:
        """Return VADER's compound score in [-1, 1] of each target's window, in order."""
        windows = [self.window_text(target) for target in targets]
        scores = {text: self._compound_of(text) for text in dict.fromkeys(windows)}
        return np.array([scores[text] for text in windows], dtype=np.float64)

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        """Return one Tone per target, in order."""
        if not targets:
            return []
        probabilities = probabilities_from_compound(
            self.compound(targets), neutral_band=self.neutral_band, sharpness=self.sharpness
        )
        return [Tone.from_probabilities(*row) for row in probabilities.tolist()]

    def _compound_of(self, text: str) -> float:
        if self._analyzer is None:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            self._analyzer = SentimentIntensityAnalyzer()
        return float(self._analyzer.polarity_scores(text)["compound"])
