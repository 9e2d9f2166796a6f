"""Size of the HTML report and the time to write it and to open it in Chromium.

Usage:
    .venv/bin/python benchmarks/report_size.py examples [--model default]
    .venv/bin/python benchmarks/report_size.py generated --articles 2000 [--model fast]

``examples`` reports the shipped examples; ``generated`` the corpus of ``corpus_speed.py``
(example paragraphs shuffled across articles, country names swapped), each article given one of
four outlets as its source. Prints the time to analyse (mentions and quotes), then for the
single-file report and for the folder report (``--out DIR/``) the time to write, the size, and
the time headless Chromium takes to load the page (the ``load`` event) and to paint it (a
screenshot of the first screen). The report's own cost does not depend on the tone model, so a
large corpus may be analysed with ``--model fast``.
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import matplotlib

matplotlib.use("Agg")

from corpus_speed import EXAMPLES, generated_articles

from countrytone.articles import read_articles
from countrytone.nlp import load_nlp
from countrytone.pipeline import analyze_with_quotes
from countrytone.registry import load_tone_model
from countrytone.report import write_report

OUTLETS = ("harbour-post", "meridian-wire", "capital-ledger", "northern-star")
CHROMIUM = "/usr/bin/chromium"
T = TypeVar("T")


def main() -> None:
    """Build the corpus, analyse it, write both reports and open them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["examples", "generated"])
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    if args.corpus == "examples":
        articles = list(read_articles([EXAMPLES], on_skip=lambda error: print(f"skipped {error}")))
    else:
        articles = [
            replace(article, source=OUTLETS[number % len(OUTLETS)])
            for number, article in enumerate(generated_articles(args.articles))
        ]
    model, nlp = load_tone_model(args.model), load_nlp()
    (mentions, quotes), seconds = timed(lambda: analyze_with_quotes(articles, model=model, nlp=nlp))
    print(
        f"{len(articles)} articles, {len(mentions)} mentions, {len(quotes)} attributions: "
        f"analysed in {seconds:.1f} s ({args.model})"
    )
    with tempfile.TemporaryDirectory() as folder:
        single = Path(folder) / "report.html"
        written, seconds = timed(lambda: write_report(articles, mentions, quotes, out=single))
        print(f"one file: written in {seconds:.1f} s, {megabytes(written):.2f} MB")
        opened = open_in_chromium(single)
        written, seconds = timed(
            lambda: write_report(articles, mentions, quotes, out=f"{folder}/site/")
        )
        pages = written[1:]
        print(
            f"folder: written in {seconds:.1f} s, index.html {megabytes(written[:1]):.3f} MB, "
            f"{len(pages)} article pages of {megabytes(pages) / len(pages) * 1000:.0f} kB "
            f"on average, {megabytes(written):.2f} MB in all"
        )
        if opened:
            open_in_chromium(written[0])
            open_in_chromium(pages[len(pages) // 2])


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of ``work`` and the seconds it took."""
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def megabytes(paths: list[Path]) -> float:
    """The size of the files together, in MB."""
    return sum(path.stat().st_size for path in paths) / 1e6


def open_in_chromium(page: Path) -> bool:
    """Print how long Chromium takes to load and paint a page; False where it cannot run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (playwright is not installed: not opened)")
        return False
    if not Path(CHROMIUM).exists():
        print(f"  (no Chromium at {CHROMIUM}: not opened)")
        return False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        _, load = timed(lambda: tab.goto(page.as_uri(), wait_until="load", timeout=600_000))
        _, paint = timed(lambda: tab.screenshot())
        marks = tab.locator("mark.ct-m").count()
        browser.close()
    print(
        f"  Chromium, {page.name}: load {load:.2f} s, then first screen painted in {paint:.2f} s "
        f"({marks} highlighted mentions)"
    )
    return True


if __name__ == "__main__":
    main()
