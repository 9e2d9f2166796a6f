"""Fuzz the whole flow with random articles and corpora, and print what was tried and found.

Usage:
    .venv/bin/python benchmarks/fuzz.py [--articles 5000] [--corpora 5000] [--seed 0]

Runs the properties of ``tests/fuzzing.py`` (random Unicode articles: every kind of quotation
mark, unbalanced and nested, apostrophes, RTL text, emoji, control characters, ``\\r\\n`` and
lone ``\\r``, BOMs, 10,000-character tokens, empty paragraphs, near-miss headers; random JSONL
and CSV corpora with missing, null, numeric and huge fields) with a fake tone model, and prints
a tally of the inputs and outputs and, for a property that fails, the smallest failing example
hypothesis finds. ``tests/test_fuzz.py`` runs the same properties on a few examples.
"""

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' fuzzing module

from countrytone.nlp import load_nlp
from tests.fuzzing import (
    TALLY,
    article_texts,
    check_article,
    check_corpus,
    corpus_files,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--corpora", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    nlp = load_nlp()

    def articles(text: str) -> None:
        check_article(text, nlp)

    def corpora(corpus: tuple[str, bytes]) -> None:
        with TemporaryDirectory() as folder:
            check_corpus(*corpus, Path(folder))

    findings = [
        _run("articles", given(text=article_texts())(articles), args.articles, args.seed),
        _run("corpora", given(corpus=corpus_files())(corpora), args.corpora, args.seed),
    ]
    print("\ntried and seen (counts over every example, shrinking included):")
    for key, count in sorted(TALLY.items()):
        print(f"  {key:40} {count:>9,}")
    failed = [finding for finding in findings if finding]
    print(f"\nfound: {len(failed)} failing properties" if failed else "\nfound: nothing")
    for finding in failed:
        print(finding)


def _run(name: str, test: Callable[[], None], examples: int, seed_value: int) -> str:
    """Run one property; return '' when it holds, else the failing example and error."""
    profile = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    start = time.perf_counter()
    try:
        seed(seed_value)(profile(test))()
    except Exception:
        outcome = traceback.format_exc(limit=-3)
    else:
        outcome = ""
    elapsed = time.perf_counter() - start
    print(f"{name}: {examples:,} examples in {elapsed:.0f} s: {'FAILED' if outcome else 'held'}")
    return f"--- {name}\n{outcome}" if outcome else ""


if __name__ == "__main__":
    main()
