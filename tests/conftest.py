"""Fixtures shared by the tests: the real spaCy pipeline, the shared data folder."""

from pathlib import Path

import pytest
from spacy.language import Language

from countrytone.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The packaged spaCy pipeline, loaded once for the whole run."""
    return load_nlp()


@pytest.fixture
def examples() -> Path:
    """The example articles shipped in the repo."""
    return EXAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repo (articles, data); skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED
