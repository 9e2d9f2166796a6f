"""End-to-end speed and memory of corpus analysis, against scoring the same mentions alone.

Usage:
    .venv/bin/python benchmarks/corpus_speed.py polnear [--model default]
    .venv/bin/python benchmarks/corpus_speed.py generated --articles 2000 [--model default]

``polnear`` analyses the texts of ../shared/data/polnear/dev.jsonl (84 real news articles,
sparse in country mentions); ``generated`` a corpus of N articles built from the example
articles (their paragraphs shuffled across articles, so that sentences repeat as little as the
examples allow). Prints articles/s and mentions/s end to end, the time the tone model alone
takes to score the same mentions, their ratio, a run with ``--cache`` filling it and one
reading it back, and the peak memory (RSS) of this process; run one corpus per process, since
the peak is the process's.
"""

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from tempfile import TemporaryDirectory

from spacy.language import Language

from countrytone.articles import Article, parse_article, read_articles
from countrytone.nlp import load_nlp
from countrytone.pipeline import analyze_batches, locate_mentions
from countrytone.tone import ToneModel, load_tone_model, score_targets

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = REPO.parent / "shared" / "data" / "polnear" / "dev.jsonl"
EXAMPLES = REPO / "examples"
# Paragraphs per generated article: about the examples' own length.
GENERATED_PARAGRAPHS = 9


def polnear_articles() -> Iterator[Article]:
    """The PolNeAR dev texts as articles (their annotations are not read)."""
    if not POLNEAR_DEV.is_file():
        sys.exit(f"corpus_speed: no PolNeAR data at {POLNEAR_DEV} (../shared absent?)")
    yield from read_articles([POLNEAR_DEV], on_skip=lambda error: print(f"skipped {error}"))


def generated_articles(count: int, *, seed: int = 13) -> Iterator[Article]:
    """``count`` articles of shuffled example paragraphs, dated across the examples' years."""
    examples = list(read_articles([EXAMPLES], on_skip=lambda error: print(f"skipped {error}")))
    paragraphs = [article.paragraph_text(p) for article in examples for p in article.paragraphs]
    rng = random.Random(seed)
    for number in range(count):
        body = rng.sample(paragraphs, GENERATED_PARAGRAPHS)
        date = f"{2023 + number % 3}-{1 + number % 12:02d}-15"
        text = f"date {date} World\n" + "\n".join(body)
        yield parse_article(text, article_id=f"generated-{number}")


def main() -> None:
    """Measure one corpus and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["polnear", "generated"])
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    model, nlp = load_tone_model(args.model), load_nlp()
    articles = list(
        polnear_articles() if args.corpus == "polnear" else generated_articles(args.articles)
    )

    started = time.perf_counter()
    mentions = sum(len(table) for table in analyze_batches(articles, model=model, nlp=nlp))
    end_to_end = time.perf_counter() - started

    targets = [
        located.target() for article in articles for located in locate_mentions(article, nlp)
    ]
    started = time.perf_counter()
    score_targets(model, targets)
    model_alone = time.perf_counter() - started

    with TemporaryDirectory() as cache:
        cold = _timed_run(articles, model=model, nlp=nlp, cache=cache)
        warm = _timed_run(articles, model=model, nlp=nlp, cache=cache)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"corpus {args.corpus}: {len(articles)} articles, {mentions} mentions, model {model.name}"
    )
    print(
        f"end to end   {end_to_end:8.1f} s  {len(articles) / end_to_end:7.1f} articles/s  "
        f"{mentions / end_to_end:7.1f} mentions/s"
    )
    print(f"model alone  {model_alone:8.1f} s  (scoring the same {len(targets)} mentions)")
    print(f"ratio        {end_to_end / model_alone:8.2f}  (end to end / model alone)")
    print(
        f"with --cache {cold:8.1f} s filling it, {warm:.1f} s reading it back "
        f"({cold / warm:.0f}x faster)"
    )
    print(f"peak RSS     {peak_mb:8.0f} MB")


def _timed_run(articles: list[Article], *, model: ToneModel, nlp: Language, cache: str) -> float:
    started = time.perf_counter()
    for _ in analyze_batches(articles, model=model, nlp=nlp, cache=cache):
        pass
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
