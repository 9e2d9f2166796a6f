"""The records of the quotes stage: ``Attribution``, and the raw one before speaker resolution."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Token


class AttributionKind(StrEnum):
    """What an attribution is (DESIGN.md, Speaker).

    ``direct``: quoted word for word; ``reported``: speech or thought in the reporter's words;
    ``stance``: what its subject does, wants or refuses, not what it says. Only ``direct`` and
    ``reported`` attributions give a mention its speaker.
    """

    DIRECT = "direct"
    REPORTED = "reported"
    STANCE = "stance"

    @property
    def is_speech(self) -> bool:
        """Whether the attribution says who speaks its content."""
        return self is not AttributionKind.STANCE


@dataclass(frozen=True)
class Attribution:
    """Content attributed to a speaker; every offset indexes the article's text.

    ``text[start:end]`` is the content (with its quotation marks for a direct quote),
    ``text[speaker_start:speaker_end]`` the mention of the speaker the attribution rests on (the
    pronoun itself for "he said") and ``text[cue_start:cue_end]`` the cue. ``speaker`` is the
    resolved full name, a group or organisation as written, or None when unknown.
    """

    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_country: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: AttributionKind


@dataclass(frozen=True)
class RawAttribution:
    """An attribution before speaker resolution. ``continues``: a quote with no cue of its own
    that goes on with the speaker and cue of a quote or statement beside it, whose own row that
    cue still makes."""

    start: int
    end: int
    speaker: Token | None
    cue: Token | None
    kind: AttributionKind
    continues: bool = False
