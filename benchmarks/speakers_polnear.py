"""Who speaks each country mention, on PolNeAR dev: the speaker ``analyze`` gives a mention
against the speaker PolNeAR's attribution annotations give it.

Usage:
    .venv/bin/python benchmarks/speakers_polnear.py [--data ../shared/data/polnear/dev.jsonl]
        [--wordnet /usr/share/wordnet] [--errors N [--read-errors]] [--sample N]

PolNeAR marks attributions (source, cue, content), not speakers of mentions, so the gold speaker
of a mention is derived from them by DESIGN.md's rule (Speaker):

- the country mentions are the package's own (``countrytone.countries.find_mentions``);
- a gold attribution speaks when its cue is speech or thought: ``according to``, a colon, a
  dash or a quotation mark (not the apostrophe of a clitic: "'s decision", "'re worried"), or a
  word whose most frequent sense in WordNet 3.0 is one of communication, cognition, emotion or
  perception (verbs: "said", "believes", "fears", "saw"; nouns: "statement", "claim", "view");
  its cue is an act or intention, which never makes a speaker, when it holds a stance word of
  ``countrytone.quotes.vocabulary.STANCE_VERBS``, whatever the parser's tag (DESIGN.md's
  "refused to", "agreed to", "wants"; deeds done by signature or vote: "signed", "vetoed";
  "avoids condemning"), but for one that reports its clause as the package's does
  (``countrytone.quotes.reported.reports_its_clause``: "expects that …", "a poll shows that …"),
  or its word's most frequent sense is any other (acts, possession, motion,
  states: "imposed", "is against", "'s decision");
- a thing never speaks: a source whose head is a common noun that names no person, group,
  organisation or document (``countrytone.quotes.grammar.can_speak``: "the truck story
  suggests …", "have barely been mentioned in this year's presidential race"), or a "this"
  standing alone for what was just told ("This does not bode well for …"), makes no speaker,
  but what "according to" cites does ("according to federal statistics"), as DESIGN.md and
  docs/definitions.md say;
- the gold speaker of a mention is the source span of the innermost speaking attribution whose
  content holds the mention and has a source (one without a source never hides an outer one);
  none: the article's own voice. A mention inside the attribution's own source or cue is not
  in its content, though PolNeAR's content span sometimes runs over them, nor is whom the words
  went to ("urged North Korea to resume talks"), nor, in a content in pieces around its cue, the
  words of the cue's sentence between the pieces ("“…,” Obama said after meeting with Russian
  President Vladimir Putin. “…”"), which the content's text leaves out; "I" or "we" outside
  quotation marks, the author of an opinion piece, is the article's own voice.

A predicted speaker is right when both are the article's voice, when the predicted
attribution's ``speaker_start..speaker_end`` overlaps the gold source span, or when every word
of the gold source's name but titles is in the predicted name (the same person named elsewhere:
"Mr. Obama", "President Obama" and "Barack Obama"), or when the predicted full name ends the
gold source's first phrase ("Norman Ham" and "Retired U.S. Air Force Gen. Norman Ham"). The
derivation was checked by reading (``--sample`` prints the mentions to read;
``speakers_polnear_read.tsv`` beside this script keeps the verdicts, and the run reports how many
of them the current derivation gets wrong). A second accuracy takes the reader's speaker for gold
wherever a mention was read: the derivation, corrected where reading found it wrong. A second
reader read 110 of the read mentions again, apart (``speakers_polnear_read_b.tsv``: a seeded
sample, each shown with its paragraph, the one before and the title, and neither the derivation's
speaker nor the pipeline's), and the run reports how often the two readers give one speaker.
The first reader saw the derivation's speaker. Every mention was then read blind by two of four
more readers, apart, each shown it as the second reader was, and where the two parted, by a
third (``speakers_polnear_read_blind.tsv``, by the guide ``speakers_polnear_read_guide.md``);
the speaker most of them give (both of two, two of three) is the gold of the second accuracy,
else the first reader's where read, else the derivation's. The run reports how often the two
agree, how many the third settles, and where settled, how often the derivation and the first
reader give the readers' speaker.

WordNet comes from Debian's ``wordnet-base`` (``apt-get install wordnet-base``); WordNet 3.0
Copyright 2006 by Princeton University.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shared_data import POLNEAR_DEV
from spacy.tokens import Token

from countrytone.articles import parse_article
from countrytone.nlp import load_nlp
from countrytone.pipeline import locate_parsed
from countrytone.quotes import Attribution, quoted_spans
from countrytone.quotes.grammar import can_speak
from countrytone.quotes.reported import reports_its_clause
from countrytone.quotes.vocabulary import FIRST_PERSON, STANCE_VERBS, TITLES
from countrytone.segment import Chunk, parse

READ = Path(__file__).with_name("speakers_polnear_read.tsv")
# A second reader's speakers for a seeded sample of the read mentions, read apart from the first.
SECOND_READ = Path(__file__).with_name("speakers_polnear_read_b.tsv")
# Two blind readers' speakers for every mention, each read apart as the second reader's were,
# and a third's where the two part.
BLIND_READ = Path(__file__).with_name("speakers_polnear_read_blind.tsv")
WORDNET = Path("/usr/share/wordnet")

# WordNet's lexicographer files of speech and thought (lexnames, by number): verb.cognition,
# verb.communication, verb.emotion, verb.perception; noun.cognition, noun.communication,
# noun.feeling.
SPEAKING_LEXFILES = {"verb": frozenset({31, 32, 37, 39}), "noun": frozenset({9, 10, 12})}

# Quotation marks: a quotation is its source's words, whatever the cue ("“…,” he added").
QUOTE_MARKS = frozenset("\"“”'‘’")

# Cues that are no word: a colon ("Graham: …"), dashes of a signature, quotation marks.
PUNCTUATION_CUES = frozenset(":―—–-\"“”'‘’")

# Characters of context beside a mention that must be in a content in pieces for it to hold the
# mention: a few words, enough to tell the pieces from the cue's sentence between them.
CONTEXT = 20

# An apostrophe and the letters of a clitic: "'s", "’ll", "'re", "'ve", "'d".
CLITIC = re.compile(r"^['’](?=[a-z])")

# Demonstratives that stand alone for a state of affairs, never for someone who speaks.
DEMONSTRATIVES = frozenset(["this"])

# Words that open a relative clause and stand for what comes just before them.
RELATIVE_WORDS = frozenset(["who", "which", "that"])

# Determiners and titles that are no part of a name.
NOT_NAME = frozenset(["the", "a", "an"]) | TITLES


@dataclass(frozen=True)
class GoldAttribution:
    start: int
    end: int
    source: tuple[int, int] | None
    cue: str
    speaks: bool
    # Spans that are not what is said though the content holds them: the source and the cue
    # (PolNeAR's content sometimes runs over them: "…," says Paul Rieckhoff, founder of …
    # Veterans of America") and whom the words went to ("urged North Korea to resume talks").
    outside: tuple[tuple[int, int], ...]
    # A content in pieces around its cue ("“…,” Obama said after meeting with Russian President
    # Vladimir Putin. “…”") spans the words of the cue's sentence between them, which its text
    # (PolNeAR joins the pieces with a space) leaves out: what is said is only in that text.
    pieces_text: str | None

    def holds(self, start: int, end: int, text: str) -> bool:
        """Whether what is said holds a span of ``text``: PolNeAR's content leaves out the
        sentence's last period, which initials that end it share ("entrance to the U.S.")."""
        shared_period = end == self.end + 1 and text[self.end] == "."
        inside = self.start <= start and (end <= self.end or shared_period)
        if self.pieces_text is not None and inside:
            before = text[max(self.start, start - CONTEXT) : end]
            after = text[start : min(self.end, end + CONTEXT)]
            inside = any(" ".join(part.split()) in self.pieces_text for part in (before, after))
        return inside and not any(low <= start < high for low, high in self.outside)


class WordNet:
    """The lexicographer file of each word's most frequent sense, from WordNet's dict files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cache  # noqa: B019 - one instance per run
    def first_sense_lexfile(self, lemma: str, pos: str) -> int | None:
        offsets = self._index(pos).get(lemma.lower().replace(" ", "_"))
        return self._lexfiles(pos).get(offsets) if offsets else None

    @cache  # noqa: B019
    def _index(self, pos: str) -> dict[str, str]:
        first = {}
        for line in (self.folder / f"index.{pos}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            senses = int(fields[2])
            first[fields[0]] = fields[-senses]
        return first

    @cache  # noqa: B019
    def _lexfiles(self, pos: str) -> dict[str, int]:
        lexfiles = {}
        for line in (self.folder / f"data.{pos}").read_text(encoding="utf-8").splitlines():
            if not line.startswith(" "):
                offset, lexfile = line.split(maxsplit=2)[:2]
                lexfiles[offset] = int(lexfile)
        return lexfiles


def cue_speaks(cue: str, cue_tokens: list[Token], wordnet: WordNet) -> bool:
    """Whether a gold cue is speech or thought; ``cue_tokens`` are its parsed words."""
    words = [(token.lemma_.lower(), token.pos_) for token in cue_tokens]
    # A clitic that opens the cue ("'s decision", "’s claiming", "'re worried about") is a
    # possessive or a contraction, no quotation mark.
    stripped = CLITIC.sub("", cue.strip().lower())
    if not stripped or stripped[0] in PUNCTUATION_CUES or stripped.startswith("according"):
        return True
    verbs = [lemma for lemma, pos in words if pos == "VERB"]
    nouns = [lemma for lemma, pos in words if pos in ("NOUN", "PROPN")]
    if stripped.split()[0] == "in" and not verbs:
        # "in a statement", "in this poll": a document or a poll says it.
        return True
    # Whatever its tag: the parser reads "Trump avoids condemning …" as a noun "avoids"; but
    # one that reports its clause speaks ("expects that …", "a poll shows that …").
    stance = [token for token in cue_tokens if token.lemma_.lower() in STANCE_VERBS]
    if stance:
        return any(reports_its_clause(token) for token in stance)
    for lemma, pos in [(lemma, "verb") for lemma in verbs] + [(lemma, "noun") for lemma in nouns]:
        lexfile = wordnet.first_sense_lexfile(lemma, pos)
        if lexfile is not None:
            return lexfile in SPEAKING_LEXFILES[pos]
    return False


def gold_attributions(
    row: dict[str, object], chunks: list[Chunk], quoted: list[tuple[int, int]], wordnet: WordNet
) -> list[GoldAttribution]:
    tokens = [(chunk.start, token) for chunk in chunks for token in chunk.doc]
    golds = []
    for attribution in row["attributions"]:  # type: ignore[attr-defined]
        start, end, content = attribution["content"]
        cue_start, cue_end, cue = attribution["cue"]
        cue_tokens = [token for at, token in tokens if cue_start <= at + token.idx < cue_end]
        source = (
            (attribution["source"][0], attribution["source"][1])
            if attribution.get("source")
            else None
        )
        outside = [(cue_start, cue_end)] + ([source] if source else [])
        outside.extend(
            (offset + addressee.left_edge.idx, offset + addressee.right_edge.idx + 1)
            for offset, token in tokens
            if token in cue_tokens
            for addressee in _addressees(token)
        )
        golds.append(
            GoldAttribution(
                start,
                end,
                source,
                cue,
                (content[:1] in QUOTE_MARKS or cue_speaks(cue, cue_tokens, wordnet))
                and not _author_speaking(row, source, quoted)
                and (cue.strip().lower().startswith("according") or not _thing(tokens, source)),
                tuple(outside),
                _pieces_text(row["text"], start, end, content, cue_start),  # type: ignore[arg-type]
            )
        )
    return golds


def _pieces_text(text: str, start: int, end: int, content: str, cue_start: int) -> str | None:
    # The content's own text, its spaces collapsed, when it is in pieces around its cue.
    if text[start:end] == content or not start < cue_start < end:
        return None
    return " ".join(content.split())


def _addressees(verb: Token) -> list[Token]:
    # "urged North Korea to resume talks", "tell the American people that …": someone named
    # as the object before the verb's own clause or infinitive is whom the words went to.
    clauses = [child.i for child in verb.children if child.dep_ in ("ccomp", "xcomp")]
    return [
        child
        for child in verb.children
        if child.dep_ in ("dobj", "dative")
        and clauses
        and child.i < min(clauses)
        and (child.pos_ in ("PROPN", "PRON") or child.ent_type_ or child.lemma_ == "people")
    ]


def _author_speaking(
    row: dict[str, object], source: tuple[int, int] | None, quoted: list[tuple[int, int]]
) -> bool:
    # "I believe in …" outside quotation marks is the author of an opinion piece: the
    # article's own voice (DESIGN.md: "I"/"we" outside a quote is no one the article names).
    if source is None:
        return False
    text = row["text"][source[0] : source[1]]  # type: ignore[index]
    inside = any(low <= source[0] < high for low, high in quoted)
    return text.lower() in FIRST_PERSON and not inside


def _thing(tokens: list[tuple[int, Token]], source: tuple[int, int] | None) -> bool:
    # "the calm suggested …", "have barely been mentioned in this year's presidential race": a
    # source whose head is a common noun that names no one who can speak (DESIGN.md: people,
    # groups, organisations, documents) is a thing, and the attribution around it speaks (but
    # what "according to" cites is a source: "according to federal statistics").
    if source is None:
        return False
    inside = [token for at, token in tokens if source[0] <= at + token.idx < source[1]]
    heads = [token for token in inside if token.head not in inside or token.head == token]
    if not heads:
        return False
    # "This does not bode well for …": a demonstrative alone stands for what was just told.
    demonstrative = len(inside) == 1 and heads[0].lower_ in DEMONSTRATIVES
    return demonstrative or (heads[0].pos_ == "NOUN" and not can_speak(heads[0]))


def gold_speaker(
    golds: list[GoldAttribution], text: str, start: int, end: int
) -> GoldAttribution | None:
    holding = [
        gold
        for gold in golds
        if gold.speaks and gold.source is not None and gold.holds(start, end, text)
    ]
    return min(holding, key=lambda gold: gold.end - gold.start, default=None)


def name_words(text: str) -> set[str]:
    words = [word.strip(",.’'").lower() for word in re.sub(r"['’]s\b", "", text).split()]
    return {word for word in words if word and word not in NOT_NAME}


def same_speaker(text: str, predicted: Attribution | None, gold: GoldAttribution | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    assert gold.source is not None
    source_start, source_end = gold.source
    if (
        predicted.speaker_start is not None
        and predicted.speaker_end is not None
        and min(predicted.speaker_end, source_end) > max(predicted.speaker_start, source_start)
    ):
        return True
    # A name: every word but determiners and titles capitalised ("Mr. Obama", not "the agency").
    source = text[source_start:source_end]
    words = name_words(source)
    named = all(word[:1].isupper() for word in _name_tokens(source))
    if named and words and predicted.speaker and words <= name_words(predicted.speaker):
        return True
    # A full name that ends the gold source's first phrase: "Norman Ham" is "Retired U.S. Air
    # Force Gen. Norman Ham".
    full_name = (predicted.speaker or "").split()
    head = re.split(r"[,(]", source)[0].split()
    return len(full_name) >= 2 and head[-len(full_name) :] == full_name


def _name_tokens(text: str) -> list[str]:
    words = [word.strip(",.’'") for word in text.replace("’s", "").split()]
    return [word for word in words if word and word.lower() not in NOT_NAME]


def describe(text: str, gold: GoldAttribution | None) -> str:
    if gold is None or gold.source is None:
        return "(article)"
    return f"{text[gold.source[0] : gold.source[1]]} [{gold.cue}]"


def agrees(verdict: str, text: str, gold: GoldAttribution | None) -> bool:
    """Whether the derived gold is what the reader found: the same description, or the speaker
    the verdict names ("speaker: X", or "X [cue]") read as a blind reader's is."""
    return verdict == describe(text, gold) or derived_reading(read_speaker(verdict), text, gold)


def read_gold(
    verdict: str, text: str, start: int, gold: GoldAttribution | None
) -> GoldAttribution | None:
    """The speaker the reader found, where the derivation gives another: none for "(article)",
    else the reader's words ("speaker: X", or the source of "X [cue]") where they stand nearest
    the mention."""
    if agrees(verdict, text, gold):
        return gold
    return named_gold(read_speaker(verdict), text, start)


def blind_gold(reading: str | None, text: str, start: int) -> GoldAttribution | None:
    """The speaker both blind readers of a mention found, as gold. A reader writes a pronoun
    with its name ("he = Mr. King"): the name stands for the speaker, where the text has it."""
    if reading is None:
        return None
    parts = reading.split(" = ")
    return named_gold(next((p for p in parts[::-1] if _name_pattern(p).search(text)), parts[0]),
                      text, start)  # fmt: skip


def derived_reading(reading: str | None, text: str, gold: GoldAttribution | None) -> bool:
    """Whether a reader's speaker is the derivation's: the name of the gold source's first
    phrase ("Claire McCaskill" and "Sen. Claire McCaskill (D-Mo.)", not "Mike Schmidt, an
    adviser at the Clinton campaign"), or, for a relative word, what stands just before it
    ("some" of "scrutiny from some who saw …")."""
    if gold is None or gold.source is None or reading is None:
        return (gold is None or gold.source is None) and reading is None
    start, end = gold.source
    if text[start:end].lower() in RELATIVE_WORDS:
        before = text[:start].rstrip(" ,")
        return any(before.endswith(part) for part in reading.split(" = "))
    return same_reading(reading, re.split(r"[,(]", text[start:end])[0])


def named_gold(name: str | None, text: str, start: int) -> GoldAttribution | None:
    """A reader's speaker as gold: none for the article's voice, else their words where they
    stand nearest the mention."""
    if name is None:
        return None
    places = [(found.start(), found.end()) for found in _name_pattern(name).finditer(text)]
    if not places:
        raise ValueError(f"the reader's {name!r} is nowhere in the text of its mention")
    source = min(places, key=lambda place: abs(place[0] - start))
    return GoldAttribution(0, 0, source, cue="(read)", speaks=True, outside=(), pieces_text=None)


def _name_pattern(name: str) -> re.Pattern[str]:
    # Any space between words: a text may have non-breaking ones ("A\xa0Bloomberg poll").
    words = r"\s+".join(map(re.escape, name.split()))
    return re.compile(rf"\b{words}\b")


def read_speaker(verdict: str) -> str | None:
    """The speaker a verdict names: none for "(article)", else X of "speaker: X" or "X [cue]"."""
    if verdict == "(article)":
        return None
    return verdict.removeprefix("speaker: ").split(" [")[0]


def readers_agree(verdicts: dict[tuple[str, int], dict[str, str]]) -> tuple[int, int]:
    """How many mentions the second reader read, and on how many the two readers give one
    speaker: both the article's voice, or names that share a word but titles and determiners
    (the second reader writes a pronoun with its name: "he = Mr. King")."""
    with SECOND_READ.open(encoding="utf-8", newline="") as file:
        second = list(csv.DictReader(file, delimiter="\t"))
    same = 0
    for row in second:
        first = read_speaker(verdicts[(row["article_id"], int(row["start"]))]["right"])
        same += same_reading(first, None if row["speaker"] == "(article)" else row["speaker"])
    return len(second), same


def same_reading(first: str | None, other: str | None) -> bool:
    """Whether two readings give one speaker: both the article's voice, or names that share a
    word but titles and determiners ("he = Mr. King" is both words)."""
    if first is None or other is None:
        return first is None and other is None
    names = [set().union(*map(name_words, reading.split(" = "))) for reading in (first, other)]
    return bool(names[0] & names[1])


def settled_reading(readings: list[str | None]) -> tuple[bool, str | None]:
    """The speaker most of a mention's blind readers give (both of two, two of three), if any:
    whether there is one, and it (none: the article's voice)."""
    for reading in sorted(readings, key=lambda reading: not _proper_name(reading)):
        if 2 * sum(same_reading(reading, other) for other in readings) > len(readings) > 1:
            return True, reading
    return False, None


def _proper_name(reading: str | None) -> bool:
    # Of readings that agree, one that names the speaker ("he = Mr. Obama") before one that
    # describes them ("he = The president").
    name = (reading or "").split(" = ")[-1]
    return bool(_name_tokens(name)) and all(word[:1].isupper() for word in _name_tokens(name))


def blind_readings() -> dict[tuple[str, int], list[str | None]]:
    """The blind readers' speakers of each mention they read (none: the article's voice)."""
    readings: dict[tuple[str, int], list[str | None]] = {}
    if BLIND_READ.is_file():
        with BLIND_READ.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file, delimiter="\t"):
                speaker = None if row["speaker"] == "(article)" else row["speaker"]
                readings.setdefault((row["article_id"], int(row["start"])), []).append(speaker)
    return readings


def read_verdicts() -> dict[tuple[str, int], dict[str, str]]:
    if not READ.is_file():
        return {}
    with READ.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t")
        return {(row["article_id"], int(row["start"])): row for row in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV)
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="WordNet's dict folder")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong speakers")
    parser.add_argument("--read-errors", action="store_true",
                        help="--errors against the reader's speaker where read")  # fmt: skip
    parser.add_argument("--sample", type=int, default=0, help="print N mentions to read")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"speakers_polnear: no PolNeAR data at {args.data}", file=sys.stderr)
        return 1
    if not (args.wordnet / "index.verb").is_file():
        print(f"speakers_polnear: no WordNet at {args.wordnet} (apt-get install wordnet-base)",
              file=sys.stderr)  # fmt: skip
        return 1
    wordnet = WordNet(args.wordnet)
    nlp = load_nlp()
    verdicts = read_verdicts()
    blind = blind_readings()
    tally: Counter[str] = Counter()
    errors, read_errors, everything = [], [], []
    for line in args.data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        article = parse_article(text, article_id=row["id"])
        chunks = parse(article, nlp)
        located = locate_parsed(article, chunks)
        golds = gold_attributions(row, chunks, quoted_spans(article), wordnet)
        for mention in located:
            start, end = mention.mention.start, mention.mention.end
            gold = gold_speaker(golds, text, start, end)
            right = same_speaker(text, mention.attribution, gold)
            kind = "gold speaker" if gold is not None else "gold article"
            tally[kind] += 1
            tally[f"{kind} right"] += right
            predicted = mention.attribution.speaker if mention.attribution else None
            context = text[mention.sentence.start : mention.sentence.end].replace("\n", " ")
            item = (row["id"], start, mention.mention.mention, describe(text, gold), predicted,
                    context)  # fmt: skip
            everything.append(item)
            if not right:
                errors.append(item)
            verdict = verdicts.get((row["id"], start))
            readings = blind.get((row["id"], start), [])
            settled, reading = settled_reading(readings)
            tally["read blind"] += len(readings) > 1
            tally["read blind same"] += len(readings) > 1 and same_reading(*readings[:2])
            tally["read blind settled"] += settled
            if verdict is not None:
                tally["read"] += 1
                tally["read wrong"] += not agrees(verdict["right"], text, gold)
            if settled:
                derived = derived_reading(reading, text, gold)
                tally["read blind wrong"] += not derived
                if verdict is not None:
                    tally["read both"] += 1
                    first = read_speaker(verdict["right"])
                    tally["read both same"] += same_reading(reading, first)
                # A pronoun the readers name ("he = Mr. Obama") is matched by its name.
                if not derived or " = " in (reading or ""):
                    gold = blind_gold(reading, text, start)
            elif verdict is not None:
                gold = read_gold(verdict["right"], text, start, gold)
            if same_speaker(text, mention.attribution, gold):
                tally["read right"] += 1
            else:
                read_errors.append((*item[:3], describe(text, gold), *item[4:]))
    total = tally["gold speaker"] + tally["gold article"]
    right = tally["gold speaker right"] + tally["gold article right"]
    print(f"PolNeAR {args.data.name}: speaker of {total} country mentions")
    print(f"  speaker of mention  accuracy={right / total:.3f}  ({right} of {total})")
    for kind in ("gold speaker", "gold article"):
        count = tally[kind]
        share = tally[f"{kind} right"] / count if count else 0.0
        print(f"  {kind + ':':<14} n={count:<5} right={share:.3f}")
    print(f"  read by hand, the derivation's speaker shown: {tally['read']} mentions; the "
          f"derivation is wrong on {tally['read wrong']} of them")  # fmt: skip
    if verdicts and SECOND_READ.is_file():
        twice, same = readers_agree(verdicts)
        print(f"  read again apart by a second reader: {twice} of them; the same speaker on "
              f"{same} ({same / twice:.3f})")  # fmt: skip
    if blind:
        agreed, parted = tally["read blind same"], tally["read blind"] - tally["read blind same"]
        print(f"  read blind by two readers each, no speaker shown: {tally['read blind']} "
              f"mentions; the same speaker on {agreed} ({agreed / tally['read blind']:.3f}); a "
              f"third reader settles {tally['read blind settled'] - agreed} of the {parted} "
              f"where they part; where settled, the derivation is wrong on "
              f"{tally['read blind wrong']} and the first reader gives the readers' speaker on "
              f"{tally['read both same']} of {tally['read both']}")  # fmt: skip
    print(f"  speaker of mention, the reader's speaker where read  accuracy="
          f"{tally['read right'] / total:.3f}  ({tally['read right']} of {total})")  # fmt: skip
    for item in (read_errors if args.read_errors else errors)[: args.errors]:
        article_id, start, mention, gold, got, sentence = item
        print(f"- {article_id} {start} {mention!r}: gold {gold!r}, got {got!r}\n    {sentence}")
    for item in random.Random(0).sample(everything, min(args.sample, len(everything))):
        print("\t".join(str(field) for field in item))
    return 0


if __name__ == "__main__":
    sys.exit(main())
