"""Attribution accuracy of ``countrytone.quotes`` on PolNeAR-format gold.

Usage:
    .venv/bin/python benchmarks/quotes_polnear.py [--data ../shared/data/polnear/dev.jsonl]
        [--misses N] [--missed-attributions N]

Each input line is an article ``{"id", "text", "attributions": [{"source", "cue", "content"}]}``
with ``[start, end, text]`` spans. Rules (DESIGN.md, ``countrytone quotes``):

- the rows that share a cue count as one span, from the first row's start to the last row's
  end: a quote split around its cue ("“…,” he said, “…”") and reported speech split around a
  cue set in its middle are whole in PolNeAR's gold. This is the main figure;
- every row counts, ``stance`` ones too: PolNeAR's gold annotates acts, intentions and
  refusals ("refused to", "plans to") as attributions. The figures without ``stance`` rows, and
  how many of those rows gold annotates, are printed apart;
- a predicted span matches a gold attribution when it covers at least half of the gold content;
- the speaker is right when a matching span's ``speaker_start..speaker_end`` overlaps the gold
  source span (a gold attribution without a source can never have a right speaker);
- "direct" gold attributions are those whose content starts with a quotation mark;
- precision is the share of predicted spans that overlap some gold content (direct or not) by
  at least half the length of the shorter of the two.

Speaker accuracy is the share of gold attributions that have a matching span with the right
speaker (so it never exceeds recall); the share among matched ones is printed beside it. It
scores the mention (``speaker_start..speaker_end``), not the resolved name: a "he" that gold
also marks is right whoever it resolves to. Speaker errors among matched spans are printed by
cause. The figures with every row scored alone (no joining) are printed for comparison.
Articles are parsed once per run, in memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from shared_data import POLNEAR_DEV

from countrytone.articles import parse_article
from countrytone.nlp import load_nlp
from countrytone.quotes import Attribution, AttributionKind, find_attributions
from countrytone.segment import parse

QUOTE_MARKS = "\"“”'‘’«»"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    source: tuple[int, int] | None
    direct: bool
    cue: str = ""


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
        cue = attribution.get("cue")
        golds.append(
            Gold(
                start,
                end,
                (source[0], source[1]) if source else None,
                direct=content[:1] in QUOTE_MARKS,
                cue=cue[2] if cue else "",
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


def precise(span: Attribution, golds: list[Gold]) -> bool:
    return any(
        2 * overlap(span.start, span.end, gold.start, gold.end)
        >= min(span.end - span.start, gold.end - gold.start)
        for gold in golds
    )


def joined(rows: list[Attribution]) -> list[Attribution]:
    """Rows that share a cue as one span, from the first row's start to the last row's end."""
    spans: dict[object, Attribution] = {}
    for row in rows:
        key = (row.kind, row.cue_start) if row.cue_start is not None else id(row)
        first = spans.get(key, row)
        spans[key] = replace(first, start=min(first.start, row.start), end=max(first.end, row.end))
    return list(spans.values())


@dataclass
class Scores:
    """The tallies of one way of scoring the predicted spans."""

    direct: Tally = field(default_factory=Tally)
    every: Tally = field(default_factory=Tally)
    predicted: int = 0
    precise: int = 0
    errors: dict[str, Counter[str]] = field(
        default_factory=lambda: {"direct": Counter(), "all": Counter()}
    )
    unmatched: list[str] = field(default_factory=list)

    def add(self, text: str, spans: list[Attribution], golds: list[Gold]) -> list[str]:
        """Tally one article; returns its missed direct quotes, described.

        Gold attributions no span matches are kept in ``unmatched``, with their cue."""
        self.predicted += len(spans)
        self.precise += sum(precise(span, golds) for span in spans)
        missed = []
        for gold in golds:
            matching = [span for span in spans if covers(span, gold)]
            right = any(speaker_right(span, gold) for span in matching)
            for tally in (self.direct, self.every) if gold.direct else (self.every,):
                tally.gold += 1
                tally.matched += bool(matching)
                tally.speaker_right += right
            if not matching:
                content = text[gold.start : gold.end][:120]
                self.unmatched.append(f"- [{gold.cue}] {content!r}")
            if matching and not right:
                error = speaker_error(text, matching, gold)
                for kind in ("direct", "all") if gold.direct else ("all",):
                    self.errors[kind][error] += 1
            if gold.direct and not right:
                source = text[gold.source[0] : gold.source[1]] if gold.source else None
                got = [(span.speaker, text[span.start : span.end][:40]) for span in matching]
                missed.append(f"- {text[gold.start : gold.end][:90]!r} <- {source!r}; got {got}")
        return missed

    def lines(self) -> list[str]:
        precision = self.precise / self.predicted if self.predicted else 0.0
        return [
            self.direct.line("direct quotes"),
            self.every.line("all attributions"),
            f"precision        {precision:.3f}  ({self.predicted} predicted spans)",
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV)
    parser.add_argument("--misses", type=int, default=0, help="print N missed direct quotes")
    parser.add_argument(
        "--missed-attributions",
        type=int,
        default=0,
        metavar="N",
        help="print N gold attributions (any kind) that no span matches, with their cue",
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"quotes_polnear: no PolNeAR data at {args.data} (../shared absent?)", file=sys.stderr
        )
        return 1
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp()
    main_scores, speech_only, alone = Scores(), Scores(), Scores()
    stance = stance_in_gold = 0
    misses: list[str] = []
    for row in rows:
        article = parse_article(row["text"], article_id=row["id"])
        found = find_attributions(article, parse(article, nlp))
        golds = gold_of(row)
        speech = [a for a in found if a.kind is not AttributionKind.STANCE]
        stances = [a for a in found if a.kind is AttributionKind.STANCE]
        misses.extend(main_scores.add(row["text"], joined(found), golds))
        speech_only.add(row["text"], joined(speech), golds)
        alone.add(row["text"], found, golds)
        stance += len(stances)
        stance_in_gold += sum(precise(span, golds) for span in stances)
    print(f"PolNeAR {args.data.name}: {len(rows)} articles")
    print("Main figures: every row, the rows sharing a cue as one span")
    for line in main_scores.lines():
        print(f"  {line}")
    for kind, counter in main_scores.errors.items():
        listed = ", ".join(f"{error} {count}" for error, count in counter.most_common())
        print(f"  speaker errors among matched {kind}: {listed}")
    print("Without stance rows (direct and reported only), the rows sharing a cue as one span")
    for line in speech_only.lines():
        print(f"  {line}")
    share = stance_in_gold / stance if stance else 0.0
    print(f"  stance rows: {stance}, of which {stance_in_gold} ({share:.3f}) overlap gold content")
    print("Every row alone (a split quote's halves scored apart)")
    for line in alone.lines():
        print(f"  {line}")
    for miss in misses[: args.misses]:
        print(miss)
    for miss in main_scores.unmatched[: args.missed_attributions]:
        print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
