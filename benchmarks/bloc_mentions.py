"""Recall and precision of the mentions of blocs and international organisations.

Usage:
    .venv/bin/python benchmarks/bloc_mentions.py [--data benchmarks/data/bloc_mentions.txt]

The data (``benchmarks/data/bloc_mentions.txt``, its header says how it was made and the rules
it was labelled by) is small invented articles, one paragraph a line, each mention of a bloc
marked ``[text](CODE)``, traps left unmarked. Each paragraph is parsed alone and its mentions
found as ``analyze --targets blocs`` finds them (``find_mentions`` with the whole article as the
context of short names). A found mention is right when its span and code are the gold's exactly;
recall and precision are over mentions, then per bloc, then every miss and extra is printed with
its paragraph. Needs nothing but the package.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from countrytone.countries import find_mentions
from countrytone.nlp import load_nlp
from countrytone.targets import Targets

DATA = Path(__file__).resolve().parent / "data" / "bloc_mentions.txt"
MARK = re.compile(r"\[([^\]]+)\]\((X[A-Z0-9]+)\)")
BLOCS = Targets(countries=False, blocs=True)

# A mention: where it starts and ends in its article's text, and the code of its bloc.
Mention = tuple[int, int, str]


@dataclass(frozen=True)
class Article:
    """A labelled article: its paragraphs as plain text and the gold mentions of its text (the
    paragraphs joined by line breaks)."""

    paragraphs: tuple[str, ...]
    gold: frozenset[Mention]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def read_articles(path: Path) -> list[Article]:
    """The articles of the file: blank lines separate them, ``#`` lines are notes."""
    articles: list[Article] = []
    paragraphs: list[str] = []
    gold: set[Mention] = set()
    offset = 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if paragraphs:
                articles.append(Article(tuple(paragraphs), frozenset(gold)))
            paragraphs, gold, offset = [], set(), 0
            continue
        plain, position = [], 0
        for match in MARK.finditer(line):
            plain.append(line[position : match.start()])
            start = offset + sum(map(len, plain))
            gold.add((start, start + len(match.group(1)), match.group(2)))
            plain.append(match.group(1))
            position = match.end()
        plain.append(line[position:])
        paragraphs.append("".join(plain))
        offset += len(paragraphs[-1]) + 1
    return articles


def found_mentions(article: Article, nlp: object) -> frozenset[Mention]:
    """The bloc mentions countrytone finds in an article, paragraph by paragraph."""
    found: set[Mention] = set()
    offset = 0
    for paragraph, doc in zip(article.paragraphs, nlp.pipe(article.paragraphs), strict=True):  # type: ignore[attr-defined]
        for mention in find_mentions(doc, offset=offset, targets=BLOCS, context=article.text):
            found.add((mention.start, mention.end, mention.country))
        offset += len(paragraph) + 1
    return frozenset(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    articles = read_articles(args.data)
    nlp = load_nlp()
    right: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    found_count: Counter[str] = Counter()
    errors: list[str] = []
    for article in articles:
        found = found_mentions(article, nlp)
        text = article.text
        for start, end, code in sorted(article.gold | found):
            in_gold, in_found = (start, end, code) in article.gold, (start, end, code) in found
            gold_count[code] += in_gold
            found_count[code] += in_found
            right[code] += in_gold and in_found
            if in_gold != in_found:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end) % (len(text) + 1)
                what = "missed" if in_gold else "extra "
                errors.append(f"{what} {code:9} {text[start:end]!r}: {text[line_start:line_end]}")
    total_right, total_gold, total_found = (
        sum(counter.values()) for counter in (right, gold_count, found_count)
    )
    paragraphs = sum(len(article.paragraphs) for article in articles)
    print(f"{args.data.name}: {len(articles)} articles, {paragraphs} paragraphs")
    print(
        f"mentions: {total_gold} gold, {total_found} found, {total_right} right: "
        f"recall {total_right / total_gold:.3f}, precision {total_right / max(total_found, 1):.3f}"
    )
    print("\nper bloc (gold, found, right):")
    for code in sorted(gold_count | found_count, key=lambda code: -gold_count[code]):
        print(f"  {code:10} {gold_count[code]:4} {found_count[code]:4} {right[code]:4}")
    if errors:
        print(f"\n{len(errors)} errors:")
        print("\n".join(errors))


if __name__ == "__main__":
    main()
