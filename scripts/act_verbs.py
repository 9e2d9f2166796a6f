"""Write ``src/countrytone/data/act_verbs.csv``: verbs of social and political acts that someone
does to something or someone.

Usage: python scripts/act_verbs.py WORDNET_DICT_FOLDER (e.g. /usr/share/wordnet, Debian's
``wordnet-base``)

A verb is an act when its most frequent sense in WordNet 3.0 is in the lexicographer file of
social and political activities (verb.social: "imposed sanctions", "vetoed the bill", "enacted
rules", "appointed judges", "ruled that …") and that sense has a person acting on something or
someone: one of WordNet's sentence frames "Somebody ----s something" (8), "Somebody ----s
somebody" (9) or their longer forms (14 to 21, 24, 25). Single words only.
``countrytone.quotes.vocabulary`` reads the list: its rows are ``stance``, and a word of the
hand-made cue classes keeps its class there.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved (its licence is quoted
in ``scripts/speaking_nouns.py``).
"""

import sys
from pathlib import Path

from reporting_verbs import verbs_by_first_sense
from speaking_nouns import write_lemmas

# Lexicographer file (lexname) of the senses that are acts: verb.social.
ACT_LEXFILE = 41

# WordNet's sentence frames whose subject is a person acting on something or someone.
TRANSITIVE_FRAMES = frozenset({8, 9, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25})

OUT = Path(__file__).resolve().parents[1] / "src" / "countrytone" / "data" / "act_verbs.csv"


def main(folder: str) -> None:
    verbs = verbs_by_first_sense(Path(folder), lexfiles={ACT_LEXFILE}, frames=TRANSITIVE_FRAMES)
    write_lemmas(OUT, verbs)
    print(f"{OUT}: {len(verbs)} verbs")


if __name__ == "__main__":
    main(*sys.argv[1:])
