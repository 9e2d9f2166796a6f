"""Write ``src/countrytone/data/reporting_verbs.csv``: verbs that report what someone says or
thinks with a clause.

Usage: python scripts/reporting_verbs.py WORDNET_DICT_FOLDER (e.g. /usr/share/wordnet, Debian's
``wordnet-base``)

A verb reports speech or thought when its most frequent sense in WordNet 3.0 is one of
communication, cognition or perception (lexicographer files verb.communication, verb.cognition
and verb.perception) and that sense takes a clause: WordNet's sentence frame 26, "Somebody ----s
that CLAUSE" ("affirmed that", "conceded that", "surmised that", "discovered that", "noticed
that": a perception that takes a clause is a finding, thought as "found that" is). Single
words only. ``countrytone.quotes.vocabulary`` reads the list; a word of its own hand-made cue
classes keeps its class there.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved (its licence is quoted
in ``scripts/speaking_nouns.py``).
"""

import re
import sys
from collections.abc import Collection
from pathlib import Path

from speaking_nouns import write_lemmas

# Lexicographer files (lexnames) of the senses that report: verb.cognition, verb.communication,
# verb.perception.
REPORTING_LEXFILES = frozenset({31, 32, 39})

# WordNet's generic sentence frame "Somebody ----s that CLAUSE".
THAT_CLAUSE_FRAME = 26

OUT = Path(__file__).resolve().parents[1] / "src" / "countrytone" / "data" / "reporting_verbs.csv"

WORD = re.compile(r"[a-z][a-z-]*")


def read_senses(path: Path) -> dict[str, tuple[int, list[str], list[tuple[int, int]]]]:
    """Each synset's offset -> (its lexicographer file, its words, its (frame, word) pairs; word
    0 means every word of the synset)."""
    senses = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        offset, lexfile, word_count = fields[0], int(fields[1]), int(fields[3], 16)
        words = [fields[4 + 2 * n].lower() for n in range(word_count)]
        rest = fields[4 + 2 * word_count :]
        rest = rest[1 + 4 * int(rest[0]) :]  # past the pointers
        frames = []
        if rest:
            frames = [(int(rest[2 + 3 * n]), int(rest[3 + 3 * n], 16)) for n in range(int(rest[0]))]
        senses[offset] = (lexfile, words, frames)
    return senses


def first_senses(path: Path) -> dict[str, str]:
    """Each verb's most frequent sense: the first synset ``index.verb`` lists for it."""
    first = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        first[fields[0]] = fields[-int(fields[2])]
    return first


def verbs_by_first_sense(
    folder: Path, *, lexfiles: Collection[int], frames: Collection[int]
) -> set[str]:
    """The single-word verbs whose most frequent sense is in one of ``lexfiles`` and has one of
    the sentence ``frames`` for that word (or for every word of its synset)."""
    senses = read_senses(folder / "data.verb")
    verbs = set()
    for lemma, offset in first_senses(folder / "index.verb").items():
        lexfile, words, sense_frames = senses[offset]
        number = words.index(lemma) + 1 if lemma in words else None
        framed = any(frame in frames and word in (0, number) for frame, word in sense_frames)
        if lexfile in lexfiles and framed and WORD.fullmatch(lemma):
            verbs.add(lemma)
    return verbs


def main(folder: str) -> None:
    verbs = verbs_by_first_sense(
        Path(folder), lexfiles=REPORTING_LEXFILES, frames={THAT_CLAUSE_FRAME}
    )
    write_lemmas(OUT, verbs)
    print(f"{OUT}: {len(verbs)} verbs")


if __name__ == "__main__":
    main(*sys.argv[1:])
