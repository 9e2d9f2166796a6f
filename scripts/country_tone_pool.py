"""Write the candidate pool of the country-tone training set: every country mention that
countrytone's own mention finder gives in the two sources whose licences allow shipping weights
trained on them, one target a line, unlabelled.

Usage: python scripts/country_tone_pool.py SHARED_DATA_FOLDER OUT.jsonl
    [--written data/country-tone/written.txt]

Sources (``SHARED_DATA_FOLDER`` is ``../shared/data``):
- ``newsmtsc/train.jsonl`` (MIT): each ``sentence_normalized`` read as a one-paragraph text;
- ``persent/unlabelled.jsonl`` (CC BY 4.0): each article's ``text``, whose tokenisation is
  undone first (``detokenise``), so that training text looks like the news countrytone reads;
- with ``--written``, sentences written for the set (the repository's own), one a line.

Each target is the mention's span within its sentence, as ``countrytone analyze`` scores it.
Left out: a target whose sentence occurs in a development file (NewsMTSC dev_rw and dev_mt,
PerSenT dev, the repository's ``data/country-tone/dev.jsonl``), compared with spaces squeezed,
and repeats of a (sentence, span) pair. Lines: ``{"id", "text", "start", "end", "mention",
"country", "kind", "source"}``, ``source`` as in dev.jsonl (``FILE:LINE``, 1-based).
"""

import argparse
import csv
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from countrytone.articles import Article, parse_article
from countrytone.nlp import load_nlp
from countrytone.pipeline import LanguageWarning, locate_mentions

REPOSITORY = Path(__file__).resolve().parents[1]
COUNTRY_TONE_DEV = REPOSITORY / "data" / "country-tone" / "dev.jsonl"

# PerSenT's text is tokenised ("Trump ’ s", "six - year", "( CHIP )", "Sen . John"), marks its
# entity mentions with two spaces on each side ("said  the president  fully") and drops commas,
# leaving three spaces or more ("gun violence   nearly", "Mark Meadows    who"), or two before
# a closing quote ("negotiate with  ” he said").
_DETOKENISE = [
    (re.compile(r"(?<=\S) {2,}(?=[”\"] )"), ","),
    (re.compile(r"(?<=\S) {3,}(?=\S)"), ", "),
    (re.compile(r" {2,}"), " "),
    (re.compile(r"(?<=\w) ([’']) (?=\w)"), r"\1"),  # Trump ’ s, don ’ t
    (re.compile(r"(?<=\w) ([-/]) (?=\w)"), r"\1"),  # six - year, and/or
    (re.compile(r" +([.,;:?!)%])"), r"\1"),  # Sen . John, ( CHIP )
    (re.compile(r"([($]) +"), r"\1"),
    (re.compile(r"“ +"), "“"),
    (re.compile(r" +”"), "”"),
]
_STRAIGHT_QUOTED = re.compile(r'" *([^"\n]*?) *"')


def detokenise(text: str) -> str:
    """Undo PerSenT's tokenisation and restore the commas it dropped, as well as rules can."""
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return _STRAIGHT_QUOTED.sub(r'"\1"', text)


def squeeze(text: str) -> str:
    """The text with every run of white space one space, for comparing sentences."""
    return " ".join(text.split())


def dev_texts(shared_data: Path) -> list[str]:
    """The texts of every development file, spaces squeezed: no training sentence is in one."""
    texts = [
        squeeze(json.loads(line)["sentence_normalized"])
        for split in ("dev_rw", "dev_mt")
        for line in (shared_data / "newsmtsc" / f"{split}.jsonl").open(encoding="utf-8")
    ]
    with (shared_data / "persent" / "dev.csv").open(encoding="utf-8", newline="") as rows:
        texts += [squeeze(row["DOCUMENT"]) for row in csv.DictReader(rows)]
    texts += [squeeze(json.loads(line)["text"]) for line in COUNTRY_TONE_DEV.open()]
    return texts


def source_articles(shared_data: Path, written: list[Path]) -> Iterator[Article]:
    """NewsMTSC train's sentences, PerSenT's unlabelled articles and the written sentences,
    ids naming FILE:LINE."""
    for name in ("newsmtsc/train.jsonl", "persent/unlabelled.jsonl"):
        for number, line in enumerate((shared_data / name).open(encoding="utf-8"), 1):
            record = json.loads(line)
            if "sentence_normalized" in record:
                text = record["sentence_normalized"]
            else:
                text = detokenise(record["text"])
            yield parse_article(text, article_id=f"{name}:{number}", title="")
    for path in written:
        for number, line in enumerate(path.open(encoding="utf-8"), 1):
            yield parse_article(line.strip(), article_id=f"{path.name}:{number}", title="")


def main() -> None:
    """Write the pool; print how many targets each source gave."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shared_data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--written", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    shared_data, out = args.shared_data, args.out
    development = "\n".join(dev_texts(shared_data))
    nlp = load_nlp()
    seen: set[tuple[str, int, int]] = set()
    counts = {"targets": 0, "in a dev file": 0, "repeated": 0}
    with out.open("w", encoding="utf-8") as pool, warnings.catch_warnings():
        warnings.simplefilter("ignore", LanguageWarning)
        for article in source_articles(shared_data, args.written):
            for located in locate_mentions(article, nlp):
                target = located.target()
                key = (target.text, target.start, target.end)
                if squeeze(target.text) in development:
                    counts["in a dev file"] += 1
                    continue
                if key in seen:
                    counts["repeated"] += 1
                    continue
                seen.add(key)
                counts["targets"] += 1
                record = {
                    "id": f"pool-{counts['targets']:05d}",
                    "text": target.text,
                    "start": target.start,
                    "end": target.end,
                    "mention": target.mention,
                    "country": located.mention.country,
                    "kind": located.mention.kind.value,
                    "source": article.id,
                }
                pool.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
