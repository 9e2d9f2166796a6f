"""Attribution accuracy of ``countrytone.quotes`` on PolNeAR-format gold (issue 3's rules).

Usage:
    .venv/bin/python benchmarks/quotes_polnear.py [--data ../shared/data/polnear/dev.jsonl]
        [--misses N]

Each input line is an article ``{"id", "text", "attributions": [{"source", "cue", "content"}]}``
with ``[start, end, text]`` spans. Rules:

- a predicted row matches a gold attribution when it covers at least half of the gold content;
- the speaker is right when a matching row's ``speaker_start..speaker_end`` overlaps the gold
  source span (a gold attribution without a source can never have a right speaker);
- "direct" gold attributions are those whose content starts with a quotation mark;
- precision is the share of predicted rows that overlap some gold content (direct or not) by at
  least half the length of the shorter of the two spans.

Speaker accuracy is the share of gold attributions that have a matching row with the right
speaker (so it never exceeds recall); the share among matched ones is printed beside it. It
scores the mention (``speaker_start..speaker_end``), not the resolved name: a "he" that gold
also marks is right whoever it resolves to. Speaker errors among matched rows are printed by
cause. A split quote gives two rows (DESIGN.md); where gold has it as one span neither half may
cover half of it, so the number of direct quotes missed only for that is printed with the
recall the joined halves would have.
Articles are parsed once per run, in memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from shared_data import POLNEAR_DEV

from countrytone.articles import parse_article
from countrytone.nlp import load_nlp
from countrytone.quotes import Attribution, find_attributions
from countrytone.segment import parse

QUOTE_MARKS = "\"“”'‘’«»"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    source: tuple[int, int] | None
    direct: bool


@dataclass
class Tally:
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0

    def line(self, name: str) -> str:
        recall = self.matched / self.gold if self.gold else 0.0
        speaker = self.speaker_right / self.gold if self.gold else 0.0
        of_matched = self.speaker_right / self.matched if self.matched else 0.0
        return (
            f"{name:<16} n={self.gold:<5} recall={recall:.3f}  speaker accuracy={speaker:.3f}"
            f"  (of matched {of_matched:.3f})"
        )


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def gold_of(row: dict[str, object]) -> list[Gold]:
    golds = []
    for attribution in row["attributions"]:  # type: ignore[attr-defined]
        start, end, content = attribution["content"]
        source = attribution.get("source")
        golds.append(
            Gold(
                start,
                end,
                (source[0], source[1]) if source else None,
                direct=content[:1] in QUOTE_MARKS,
            )
        )
    return golds


def covers(row: Attribution, gold: Gold) -> bool:
    return 2 * overlap(row.start, row.end, gold.start, gold.end) >= gold.end - gold.start


def speaker_right(row: Attribution, gold: Gold) -> bool:
    if gold.source is None or row.speaker_start is None or row.speaker_end is None:
        return False
    return overlap(row.speaker_start, row.speaker_end, *gold.source) > 0


PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "who", "which"]
)


def speaker_error(text: str, matching: list[Attribution], gold: Gold) -> str:
    """Why no matching row has the gold speaker: the category printed per kind of gold."""
    if gold.source is None:
        return "gold has no source"
    row = matching[0]
    if row.speaker_start is None:
        return "no speaker found"
    mention = text[row.speaker_start : row.speaker_end].lower()
    if mention in PRONOUNS:
        return "pronoun, gold names another"
    return "another mention (wrong subject or antecedent)"


def precise(row: Attribution, golds: list[Gold]) -> bool:
    return any(
        2 * overlap(row.start, row.end, gold.start, gold.end)
        >= min(row.end - row.start, gold.end - gold.start)
        for gold in golds
    )


def _joined(found: list[Attribution]) -> list[tuple[int, int]]:
    """Direct rows sharing a cue joined into one span: the two halves of a split quote."""
    spans: dict[object, tuple[int, int]] = {}
    for row in found:
        key = row.cue_start if row.kind == "direct" and row.cue_start is not None else id(row)
        start, end = spans.get(key, (row.start, row.end))
        spans[key] = (min(start, row.start), max(end, row.end))
    return list(spans.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV)
    parser.add_argument("--misses", type=int, default=0, help="print N missed direct quotes")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"quotes_polnear: no PolNeAR data at {args.data} (../shared absent?)", file=sys.stderr
        )
        return 1
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp()
    direct, every, joined = Tally(), Tally(), Tally()
    predicted = precise_rows = 0
    misses: list[str] = []
    split_only = 0
    errors: dict[str, Counter[str]] = {"direct": Counter(), "all": Counter()}
    for row in rows:
        article = parse_article(row["text"], article_id=row["id"])
        found = find_attributions(article, parse(article, nlp))
        golds = gold_of(row)
        predicted += len(found)
        precise_rows += sum(precise(attribution, golds) for attribution in found)
        for gold in golds:
            matching = [attribution for attribution in found if covers(attribution, gold)]
            right = any(speaker_right(attribution, gold) for attribution in matching)
            for tally in (direct, every) if gold.direct else (every,):
                tally.gold += 1
                tally.matched += bool(matching)
                tally.speaker_right += right
            if matching and not right:
                error = speaker_error(row["text"], matching, gold)
                for kind in ("direct", "all") if gold.direct else ("all",):
                    errors[kind][error] += 1
            if gold.direct:
                spans = _joined(found)
                joined.gold += 1
                hit = any(2 * overlap(*span, gold.start, gold.end)
                          >= gold.end - gold.start for span in spans)  # fmt: skip
                joined.matched += hit
                split_only += hit and not matching
            if gold.direct and not right and len(misses) < args.misses:
                source = row["text"][gold.source[0] : gold.source[1]] if gold.source else None
                got = [(a.speaker, row["text"][a.start : a.end][:40]) for a in matching]
                misses.append(
                    f"- {row['text'][gold.start : gold.end][:90]!r} <- {source!r}; got {got}"
                )
    print(f"PolNeAR {args.data.name}: {len(rows)} articles, {predicted} predicted rows")
    print(direct.line("direct quotes"))
    print(every.line("all attributions"))
    print(
        f"(direct recall with each split quote's rows joined: {joined.matched / joined.gold:.3f};"
        f" {split_only} direct gold quotes are missed only because gold joins the halves of a"
        " quote split around its cue, which DESIGN.md gives as two rows)"
    )
    for kind, counter in errors.items():
        listed = ", ".join(f"{error} {count}" for error, count in counter.most_common())
        print(f"speaker errors among matched {kind}: {listed}")
    print(f"precision        {precise_rows / predicted if predicted else 0.0:.3f}")
    for miss in misses:
        print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
