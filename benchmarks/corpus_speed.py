"""End-to-end speed and memory of corpus analysis, against scoring the same mentions alone.

Usage:
    .venv/bin/python benchmarks/corpus_speed.py polnear [--model default] [--processes N]
    .venv/bin/python benchmarks/corpus_speed.py generated --articles 2000 [--model default]

``polnear`` analyses the texts of ../shared/data/polnear/dev.jsonl (84 real news articles,
sparse in country mentions); ``generated`` a corpus of N articles built from the example
articles: their paragraphs shuffled across articles, and in each article the names of a few
dozen countries swapped at random among themselves, so that fewer sentences repeat. Many still
do (a sentence without a swapped name recurs wherever its paragraph is drawn), as wire copy
recurs across outlets in a real corpus: the pipeline scores a repeated (sentence, target) pair
once (``ToneMemory``), and so does the floor; the run prints how many mentions the model scored.

Prints articles/s and mentions/s end to end and the peak memory (RSS) of this process up to
then, and halfway through the corpus (flat memory: the two are close); the pipeline against its
own floor, measured in the same run: spaCy's parse of the same text alone (every paragraph of
every article in one ``nlp.pipe`` stream, with the pipeline's batch size and processes) plus the
tone model alone on the same mentions (the targets the pipeline gave it, scored again in one
``score_targets`` call), and the ratio of end to end to that floor (the target: at most
``FLOOR_TARGET``); and a run with ``--cache`` over the first ``--cache-articles`` articles
filling the cache and one reading it back. Run one corpus per process, since the peak is the
process's.
"""

import argparse
import random
import re
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory

from shared_data import POLNEAR_DEV
from spacy.language import Language

from countrytone.articles import Article, parse_article, read_articles
from countrytone.nlp import load_nlp
from countrytone.pipeline import analyze_batches
from countrytone.registry import load_tone_model
from countrytone.segment import PARSE_BATCH_SIZE
from countrytone.tone import Target, Tone, ToneModel, score_targets

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# Paragraphs per generated article: about the examples' own length.
GENERATED_PARAGRAPHS = 9
# Country names swapped among themselves in each generated article (their demonyms, capitals
# and the US stay as written).
SWAPPED_COUNTRIES = (
    "China", "Japan", "Russia", "Ukraine", "India", "Brazil", "Germany", "France", "Iran",
    "Israel", "Australia", "Canada", "Mexico", "Turkey", "Egypt", "Kenya", "Nigeria", "Chile",
    "Peru", "Poland", "Argentina", "Indonesia", "Vietnam", "Pakistan", "Saudi Arabia", "Spain",
    "Italy", "Sweden", "Norway", "Ghana", "Qatar", "Taiwan",
)  # fmt: skip
# The pipeline's time end to end may be at most this multiple of its floor (issue 10): finding
# mentions and speakers, batching and building tables cost at most a quarter on top of parsing
# and scoring, without parsing less (which could change a speaker) to get there.
FLOOR_TARGET = 1.25
_COUNTRY_NAME = re.compile(rf"\b(?:{'|'.join(SWAPPED_COUNTRIES)})\b")


def polnear_articles() -> Iterator[Article]:
    """The PolNeAR dev texts as articles (their annotations are not read)."""
    if not POLNEAR_DEV.is_file():
        sys.exit(f"corpus_speed: no PolNeAR data at {POLNEAR_DEV} (../shared absent?)")
    yield from read_articles([POLNEAR_DEV], on_skip=lambda error: print(f"skipped {error}"))


def generated_articles(count: int, *, seed: int = 13) -> Iterator[Article]:
    """``count`` articles of shuffled example paragraphs, with country names swapped."""
    files = [str(path) for path in sorted(EXAMPLES.glob("*/*.txt"))]  # the outlets' articles
    examples = list(read_articles(files, on_skip=lambda error: print(f"skipped {error}")))
    paragraphs = [article.paragraph_text(p) for article in examples for p in article.paragraphs]
    rng = random.Random(seed)
    for number in range(count):
        shuffled = rng.sample(SWAPPED_COUNTRIES, k=len(SWAPPED_COUNTRIES))
        swapped = dict(zip(SWAPPED_COUNTRIES, shuffled, strict=True))
        body = "\n".join(rng.sample(paragraphs, GENERATED_PARAGRAPHS))
        body = _COUNTRY_NAME.sub(partial(_swap, swapped), body)
        date = f"{2023 + number % 3}-{1 + number % 12:02d}-15"
        yield parse_article(f"date {date} World\n{body}", article_id=f"generated-{number}")


def _swap(swapped: dict[str, str], match: re.Match[str]) -> str:
    return swapped[match.group()]


class RecordingModel:
    """A tone model that scores with ``model`` and keeps every target it was given."""

    def __init__(self, model: ToneModel) -> None:
        self.model = model
        self.targets: list[Target] = []

    @property
    def name(self) -> str:
        """The wrapped model's name."""
        return self.model.name

    def score(self, targets: Sequence[Target]) -> list[Tone]:
        """Keep the targets, then score them with the wrapped model."""
        self.targets.extend(targets)
        return self.model.score(targets)


def main() -> None:
    """Measure one corpus and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["polnear", "generated"])
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--model", default="default")
    parser.add_argument("--processes", type=int, default=1, help="spaCy processes")
    parser.add_argument("--cache-articles", type=int, default=200, help="articles for --cache")
    args = parser.parse_args()
    model, nlp = RecordingModel(load_tone_model(args.model)), load_nlp()

    def corpus() -> Iterator[Article]:
        if args.corpus == "polnear":
            return polnear_articles()
        return generated_articles(args.articles)

    articles = sum(1 for _ in corpus())
    started = time.perf_counter()
    mentions = analysed = 0
    half_peak_mb = 0.0
    for table in analyze_batches(corpus(), model=model, nlp=nlp, n_process=args.processes):
        mentions += len(table)
        analysed += table["article_id"].nunique()  # articles with rows
        if not half_peak_mb and analysed >= articles / 2:
            half_peak_mb = _peak_rss_mb()
    end_to_end = time.perf_counter() - started
    peak_mb = _peak_rss_mb()

    started = time.perf_counter()
    texts = (article.paragraph_text(p) for article in corpus() for p in article.paragraphs)
    for _ in nlp.pipe(texts, batch_size=PARSE_BATCH_SIZE, n_process=args.processes):
        pass
    parse_alone = time.perf_counter() - started

    started = time.perf_counter()
    score_targets(model.model, model.targets)
    model_alone = time.perf_counter() - started
    floor = parse_alone + model_alone

    cached = list(islice(corpus(), args.cache_articles))
    with TemporaryDirectory() as cache:
        cold = _timed_run(cached, model=model.model, nlp=nlp, cache=cache)
        warm = _timed_run(cached, model=model.model, nlp=nlp, cache=cache)

    print(
        f"corpus {args.corpus}: {articles} articles, {mentions} mentions, "
        f"model {model.name}, {args.processes} spaCy process(es)"
    )
    print(
        f"end to end   {end_to_end:8.1f} s  {articles / end_to_end:7.1f} articles/s  "
        f"{mentions / end_to_end:7.1f} mentions/s"
    )
    print(
        f"peak RSS     {peak_mb:8.0f} MB  (up to the end of that run; "
        f"{half_peak_mb:.0f} MB halfway through: {peak_mb / half_peak_mb - 1:+.1%})"
    )
    print(f"spaCy alone  {parse_alone:8.1f} s  (parsing every paragraph of the same articles)")
    print(
        f"model alone  {model_alone:8.1f} s  (scoring the {len(model.targets)} targets the "
        f"pipeline scored: the {mentions} mentions less repeats)"
    )
    print(f"floor        {floor:8.1f} s  (spaCy alone + model alone)")
    verdict = "within" if end_to_end <= FLOOR_TARGET * floor else "above"
    print(
        f"ratio        {end_to_end / floor:8.2f}  (end to end / floor; {verdict} the target "
        f"{FLOOR_TARGET}); end to end / model alone {end_to_end / model_alone:.2f}"
    )
    print(
        f"with --cache {cold:8.1f} s filling it, {warm:.1f} s reading it back "
        f"({cold / warm:.0f}x faster; {len(cached)} articles)"
    )


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_run(articles: list[Article], *, model: ToneModel, nlp: Language, cache: str) -> float:
    started = time.perf_counter()
    for _ in analyze_batches(articles, model=model, nlp=nlp, cache=cache):
        pass
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
