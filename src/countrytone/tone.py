"""Tone toward a target span: the label, the target, the tone, the ToneModel protocol.

A tone model takes a batch of :class:`Target` (a text and the character span of the thing whose
tone is wanted) and returns one :class:`Tone` per target, in order. The models themselves live in
``countrytone.vader`` and ``countrytone.transformer``; ``countrytone.registry`` names and loads
them.
"""

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from countrytone.errors import ModelError


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


# Articles whose mentions are scored in one model call when streaming a corpus: a few thousand
# targets, enough to fill the model's length-sorted batches, a few MB of rows in memory.
DEFAULT_BATCH_ARTICLES = 64
# Distinct targets whose tones a ToneMemory keeps: a few times the targets of a batch of
# ``DEFAULT_BATCH_ARTICLES`` articles, about 25 MB of sentences and tones.
REMEMBERED_TARGETS = 50_000


class ToneMemory:
    """Scores targets with a model, remembering the tones of the last ``capacity`` distinct ones.

    A corpus repeats sentences (one wire story printed by several outlets, an outlet's
    boilerplate); over a stream of batches each is scored once, as long as it recurs within
    ``capacity`` distinct targets, and memory stays bounded however long the stream.
    """

    def __init__(self, model: ToneModel, *, capacity: int = REMEMBERED_TARGETS) -> None:
        self.model = model
        self.capacity = capacity
        self._tones: OrderedDict[Target, Tone] = OrderedDict()

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        """One Tone per target, in order; the targets not remembered are scored in one call
        (``score_targets``), and all of them become the most recently used."""
        distinct = dict.fromkeys(targets)
        known = {target: self._tones.pop(target) for target in distinct if target in self._tones}
        unknown = [target for target in distinct if target not in known]
        known.update(zip(unknown, score_targets(self.model, unknown), strict=True))
        self._tones.update(known)
        while len(self._tones) > self.capacity:
            self._tones.popitem(last=False)
        return [known[target] for target in targets]
