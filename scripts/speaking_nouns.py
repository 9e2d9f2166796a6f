"""Write ``src/countrytone/data/speaking_nouns.csv``: the common nouns that can name a speaker.

Usage: python scripts/speaking_nouns.py WORDNET_DICT_FOLDER (e.g. /usr/share/wordnet, Debian's
``wordnet-base``)

A noun can name a speaker when one of its senses in WordNet 3.0 is a person ("analyst",
"source", "aide"), a group of people or an organisation ("police", "team", "mission") or a
written document ("complaint", "brief"): every single-word noun under ``person.n.01``,
``people.n.01``, ``social_group.n.01`` and ``document.n.01``, by hyponym links (names of
instances left out). Any sense counts, so a word is left out only when no sense of it can
speak ("the calm", "the agreement"). ``countrytone.quotes.grammar.can_speak`` reads the list.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT
THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY
PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. (The WordNet 3.0 licence.)
"""

import csv
import re
import sys
from pathlib import Path

# The synsets whose hyponyms can speak, by offset in data.noun: person.n.01, people.n.01,
# social_group.n.01 (organisations among them), document.n.01.
ROOTS = ("00007846", "07942152", "07950920", "06470073")

OUT = Path(__file__).resolve().parents[1] / "src" / "countrytone" / "data" / "speaking_nouns.csv"

WORD = re.compile(r"[a-z][a-z-]*")


def read_synsets(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each synset's offset -> (its words, the offsets of its hyponyms but instances)."""
    synsets = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        offset, word_count = fields[0], int(fields[3], 16)
        words = [fields[4 + 2 * n] for n in range(word_count)]
        rest = fields[4 + 2 * word_count :]
        pointers = [rest[1 + 4 * n : 5 + 4 * n] for n in range(int(rest[0]))]
        hyponyms = [target for symbol, target, pos, _ in pointers if symbol == "~" and pos == "n"]
        synsets[offset] = (words, hyponyms)
    return synsets


def speaking_nouns(synsets: dict[str, tuple[list[str], list[str]]]) -> set[str]:
    """The lower-case single-word nouns of the roots and all their hyponyms."""
    nouns, seen, todo = set(), set(), list(ROOTS)
    while todo:
        offset = todo.pop()
        if offset in seen:
            continue
        seen.add(offset)
        words, hyponyms = synsets[offset]
        for word in words:
            # "head(a)": WordNet marks a syntactic position after the word.
            lemma = re.sub(r"\(.*\)$", "", word).lower()
            if WORD.fullmatch(lemma):
                nouns.add(lemma)
        todo.extend(hyponyms)
    return nouns


def write_lemmas(path: Path, lemmas: set[str]) -> None:
    """A one-column CSV, ``lemma``, sorted: the package's word lists from WordNet."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["lemma"])
        writer.writerows([lemma] for lemma in sorted(lemmas))


def main(folder: str) -> None:
    nouns = speaking_nouns(read_synsets(Path(folder) / "data.noun"))
    write_lemmas(OUT, nouns)
    print(f"{OUT}: {len(nouns)} nouns")


if __name__ == "__main__":
    main(*sys.argv[1:])
