"""A small, derandomized profile of the fuzzing in ``tests/fuzzing.py``: the same examples on
every run, so that it cannot flake; ``benchmarks/fuzz.py`` runs 10,000."""

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from spacy.language import Language

from tests.fuzzing import article_texts, check_article, check_corpus, corpus_files

SMALL = settings(
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@SMALL
@given(text=article_texts())
def test_fuzz_articles_keep_every_invariant(nlp: Language, text: str) -> None:
    check_article(text, nlp)


@SMALL
@given(corpus=corpus_files())
def test_fuzz_corpora_are_read_or_skipped_in_one_line(corpus: tuple[str, bytes]) -> None:
    with TemporaryDirectory() as folder:
        check_corpus(*corpus, Path(folder))
