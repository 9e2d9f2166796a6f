"""Tone toward a target span: labels, the ToneModel protocol, the VADER model, the loader.

A tone model takes a batch of :class:`Target` (a text and the character span of the thing whose
tone is wanted) and returns one :class:`Tone` per target, in order. Models load through
:func:`load_tone_model`, once per name per process, never at import.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from countrytone.errors import ModelError

FloatArray = npt.NDArray[np.float64]


class Label(StrEnum):
    """The tone label; members compare equal to their lower-case strings."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


@dataclass(frozen=True)
class Target:
    """The tone toward ``text[start:end]`` within ``text``.

    Raises:
        ValueError: the span is empty or not inside the text.
    """

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= len(self.text):
            raise ValueError(
                f"target span [{self.start}, {self.end}) is empty or outside "
                f"the text of {len(self.text)} characters"
            )

    @property
    def mention(self) -> str:
        """The target's text, ``text[start:end]``."""
        return self.text[self.start : self.end]


# Probabilities from a model's softmax sum to 1 only up to rounding (float32: about 1e-7).
_PROBABILITY_SUM_TOLERANCE = 1e-4


@dataclass(frozen=True)
class Tone:
    """The tone toward one target: a label, a score in [-1, 1] and the three probabilities."""

    label: Label
    score: float
    p_negative: float
    p_neutral: float
    p_positive: float

    @classmethod
    def from_probabilities(cls, p_negative: float, p_neutral: float, p_positive: float) -> "Tone":
        """Build a Tone from three probabilities that sum to 1.

        ``label`` is the argmax (a tie that includes neutral is neutral, a tie between negative
        and positive alone is negative); ``score = p_positive - p_negative``.

        Raises:
            ValueError: a probability is negative or not finite, or they do not sum to 1.
        """
        probabilities = (float(p_negative), float(p_neutral), float(p_positive))
        if not all(math.isfinite(p) and p >= 0.0 for p in probabilities):
            raise ValueError(f"probabilities must be finite and non-negative, got {probabilities}")
        if abs(sum(probabilities) - 1.0) > _PROBABILITY_SUM_TOLERANCE:
            raise ValueError(f"probabilities must sum to 1, got {probabilities}")
        negative, neutral, positive = probabilities
        top = max(probabilities)
        if neutral == top:
            label = Label.NEUTRAL
        elif negative == top:
            label = Label.NEGATIVE
        else:
            label = Label.POSITIVE
        score = min(1.0, max(-1.0, positive - negative))
        return cls(label, score, negative, neutral, positive)


@runtime_checkable
class ToneModel(Protocol):
    """Anything that scores a batch of targets: the VADER model, a transformer, a test fake."""

    @property
    def name(self) -> str:
        """The id written in the output's ``model`` column, e.g. ``"vader"``."""
        ...

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        """Return one Tone per target, in the same order."""
        ...


def score_targets(model: ToneModel, targets: Sequence[Target]) -> list[Tone]:
    """Score targets, identical (text, start, end) triples once, in one model call.

    Returns one Tone per target, in order. No call is made for an empty batch.

    Raises:
        ModelError: the model returned a different number of tones than it was given targets.
    """
    unique = list(dict.fromkeys(targets))
    if not unique:
        return []
    tones = model.score(unique)
    if len(tones) != len(unique):
        raise ModelError(
            f"tone model {model.name!r} returned {len(tones)} tones for {len(unique)} targets"
        )
    by_target = dict(zip(unique, tones, strict=True))
    return [by_target[target] for target in targets]


# --- windows: the part of the text that a lexicon model scores for a target --------------------

Window = Literal["clause", "sentence", "text"]

# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by whitespace and an
# upper-case letter, digit or opening quote; a line break always ends one.
_SENTENCE_BREAK = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\s*\n\s*"
)
# Words whose full stop does not end a sentence ("Mr. Xi", "Gen. Milley").
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col"),
        *("sgt", "capt", "maj", "adm", "cmdr", "rev", "hon", "jr", "sr", "no", "vs", "inc"),
    }
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")

# Clause boundaries: semicolons and colons, spaced hyphens and en or em dashes, and the
# contrastive conjunctions that join clauses of opposite tone. A conjunction starts the clause
# after it (VADER's own "but" rule then weights the words after it, as it should).
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+"
    r"|\s+(?:--?|[\u2013\u2014])\s+|\s*[\u2013\u2014]\s*"
    r"|,?\s+(?=(?:but|while|whereas|although|though)\b)"
    r"|,\s+(?=yet\b)",
    re.IGNORECASE,
)

# A clause with fewer words than this ("China said") carries too little tone of its own;
# the whole sentence is scored instead.
MIN_CLAUSE_WORDS = 4
_WORD = re.compile(r"\w+")


def _is_sentence_break(text: str, match: re.Match[str]) -> bool:
    if match.group().strip() == "" or text[match.start()] != ".":
        return True
    word = text[: match.start() + 1].rsplit(maxsplit=1)[-1]
    return not (word[:-1].lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word))


def sentence_span(target: Target) -> tuple[int, int]:
    """Return ``(start, end)`` of the sentence(s) around the target, the target always inside."""
    text = target.text
    start, end = 0, len(text)
    for match in _SENTENCE_BREAK.finditer(text):
        if not _is_sentence_break(text, match):
            continue
        if match.end() <= target.start:
            start = match.end()
        elif match.start() >= target.end:
            end = match.start() + len(match.group().rstrip())
            break
    return start, end


def clause_span(target: Target) -> tuple[int, int]:
    """Return ``(start, end)`` of the clause holding the target, else of its sentence.

    The clause is cut from the sentence at the nearest clause boundaries (``;``, ``:``, dashes,
    "but", "while", "whereas", "although", "though", ", yet") on either side of the target;
    boundaries inside the target are ignored. A clause of fewer than ``MIN_CLAUSE_WORDS`` words
    gives the sentence.
    """
    sentence_start, sentence_end = sentence_span(target)
    sentence = target.text[sentence_start:sentence_end]
    start, end = sentence_start, sentence_end
    for match in _CLAUSE_BREAK.finditer(sentence):
        break_start, break_end = sentence_start + match.start(), sentence_start + match.end()
        if break_end <= target.start:
            start = break_end
        elif break_start >= target.end:
            end = break_start
            break
    if len(_WORD.findall(target.text[start:end])) < MIN_CLAUSE_WORDS:
        return sentence_start, sentence_end
    return start, end


def window_span(target: Target, window: Window) -> tuple[int, int]:
    """Return ``(start, end)`` of the clause, sentence or whole text around the target."""
    if window == "clause":
        return clause_span(target)
    if window == "sentence":
        return sentence_span(target)
    return 0, len(target.text)


# --- VADER -------------------------------------------------------------------------------------

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


# --- the loader --------------------------------------------------------------------------------

MODEL_NAMES: tuple[str, ...] = ("default", "accurate", "minilm", "minilm-int8", "mpnet", "vader")
# What the models "default" and "accurate" stand for: the fine-tuned transformers shipped with
# the package.
_ALIASES = {"default": "minilm", "accurate": "mpnet"}


@cache
def load_tone_model(name: str = "default") -> ToneModel:
    """Return the tone model registered as ``name``, or the one in the directory ``name``.

    Each model is created once per process. ``"default"`` is the shipped MiniLM model (the
    same instance as ``"minilm"``); ``"minilm-int8"`` is it with int8 weights (about 1.8x as
    fast on a CPU, 0.7 points of validation macro-F1 less: benchmarks/quantization.py).
    ``"accurate"`` (``"mpnet"``) is the shipped MPNet model, LoRA adapters over
    all-mpnet-base-v2, more accurate and about six times as slow; it needs the extra
    ``countrytone[accurate]``. ``"vader"`` is the lexicon model. Any other name is read as the
    path of a local model directory (see ``countrytone.transformer``).

    Raises:
        ModelError: the name is neither registered nor a model directory, or loading fails.
    """
    if name in _ALIASES:
        return load_tone_model(_ALIASES[name])
    if name == "vader":
        return VaderToneModel()
    # Imported here: torch and transformers load only when a transformer model is asked for.
    from countrytone.transformer import SHIPPED_MODELS, load_transformer

    if name in SHIPPED_MODELS:
        return load_transformer(SHIPPED_MODELS[name])
    if name == "minilm-int8":
        return load_transformer(SHIPPED_MODELS["minilm"], quantize=True)
    if Path(name).is_dir():
        return load_transformer(name)
    raise ModelError(
        f"unknown tone model {name!r}: choose one of {', '.join(MODEL_NAMES)} or a model directory"
    )
