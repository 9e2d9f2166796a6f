"""The text around a target: its sentence and its clause, found with plain patterns.

The VADER model scores a target's clause; the transformer model reads its sentence.
"""

import re
from typing import Literal

from countrytone.tone import Target

Window = Literal["clause", "sentence", "text"]

# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by whitespace and an
# upper-case letter, digit or opening quote; a line break always ends one.
_SENTENCE_BREAK = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\s*\n\s*"
)
# Words whose full stop does not end a sentence ("Mr. Xi", "Gen. Milley").
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col"),
        *("sgt", "capt", "maj", "adm", "cmdr", "rev", "hon", "jr", "sr", "no", "vs", "inc"),
    }
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")

# Clause boundaries: semicolons and colons, spaced hyphens and en or em dashes, and the
# contrastive conjunctions that join clauses of opposite tone. A conjunction starts the clause
# after it (VADER's own "but" rule then weights the words after it, as it should).
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+"
    r"|\s+(?:--?|[\u2013\u2014])\s+|\s*[\u2013\u2014]\s*"
    r"|,?\s+(?=(?:but|while|whereas|although|though)\b)"
    r"|,\s+(?=yet\b)",
    re.IGNORECASE,
)

# A clause with fewer words than this ("China said") carries too little tone of its own;
# the whole sentence is scored instead.
MIN_CLAUSE_WORDS = 4
_WORD = re.compile(r"\w+")


def _is_sentence_break(text: str, match: re.Match[str]) -> bool:
    if match.group().strip() == "" or text[match.start()] != ".":
        return True
    word = text[: match.start() + 1].rsplit(maxsplit=1)[-1]
    return not (word[:-1].lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word))


def sentence_span(target: Target) -> tuple[int, int]:
    """Return ``(start, end)`` of the sentence(s) around the target, the target always inside."""
    text = target.text
    start, end = 0, len(text)
    for match in _SENTENCE_BREAK.finditer(text):
        if not _is_sentence_break(text, match):
            continue
        if match.end() <= target.start:
            start = match.end()
        elif match.start() >= target.end:
            end = match.start() + len(match.group().rstrip())
            break
    return start, end


def clause_span(target: Target) -> tuple[int, int]:
    """Return ``(start, end)`` of the clause holding the target, else of its sentence.

    The clause is cut from the sentence at the nearest clause boundaries (``;``, ``:``, dashes,
    "but", "while", "whereas", "although", "though", ", yet") on either side of the target;
    boundaries inside the target are ignored. A clause of fewer than ``MIN_CLAUSE_WORDS`` words
    gives the sentence.
    """
    sentence_start, sentence_end = sentence_span(target)
    sentence = target.text[sentence_start:sentence_end]
    start, end = sentence_start, sentence_end
    for match in _CLAUSE_BREAK.finditer(sentence):
        break_start, break_end = sentence_start + match.start(), sentence_start + match.end()
        if break_end <= target.start:
            start = break_end
        elif break_start >= target.end:
            end = break_start
            break
    if len(_WORD.findall(target.text[start:end])) < MIN_CLAUSE_WORDS:
        return sentence_start, sentence_end
    return start, end


def window_span(target: Target, window: Window) -> tuple[int, int]:
    """Return ``(start, end)`` of the clause, sentence or whole text around the target."""
    if window == "clause":
        return clause_span(target)
    if window == "sentence":
        return sentence_span(target)
    return 0, len(target.text)
