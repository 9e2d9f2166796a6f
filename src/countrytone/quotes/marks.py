"""Quotation marks: where quotes open and close, read from the text alone (no spaCy)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from countrytone.articles import Article

# Double quotation marks, the doubled apostrophe of some wires first; then single marks.
_MARK = re.compile(r"''|‘‘|’’|[\"“”]|[‘’']")


DOUBLE_MARKS = frozenset({'"', "“", "”", "''", "‘‘", "’’"})


# Marks of one family close each other; inside a quote, marks of another family are a nested
# quote ("He read: “As you know…” to us") and do not end it.
_FAMILY = {'"': "straight", "“": "curly", "”": "curly", "''": "apostrophes", "‘‘": "apostrophes",
           "’’": "apostrophes"}  # fmt: skip


# Characters after which a mark opens a quote, besides a space.
_BEFORE_OPENER = frozenset("([{—–-/:;,")


_CLOSING_SHAPES = frozenset({"”", "’’"})


@dataclass(frozen=True)
class Quote:
    start: int  # at the opening mark
    end: int  # after the closing mark, or at the paragraph end when it is missing
    open_end: int  # after the opening mark
    close_start: int  # at the closing mark (== end when it is missing)
    paragraph: int  # index into article.paragraphs of the paragraph where it opens
    last_paragraph: int


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """Spans inside quotation marks, marks included: direct quotes and quoted fragments.

    Args:
        article: the article to scan.

    Returns:
        ``(start, end)`` offsets into ``article.text``, sorted and not overlapping. Quotes
        nested inside another quote are part of it.
    """
    return [(quote.start, quote.end) for quote in find_quotes(article)]


def find_quotes(article: Article) -> list[Quote]:
    quotes: list[Quote] = []
    for index, paragraph in enumerate(article.paragraphs):
        for quote in _paragraph_quotes(article.text, paragraph.start, paragraph.end, index):
            previous = quotes[-1] if quotes else None
            if previous is not None and _continues(previous, quote, article):
                quotes[-1] = Quote(
                    previous.start,
                    quote.end,
                    previous.open_end,
                    quote.close_start,
                    previous.paragraph,
                    quote.last_paragraph,
                )
            else:
                quotes.append(quote)
    return quotes


def _continues(previous: Quote, quote: Quote, article: Article) -> bool:
    # News style leaves a quote open at a paragraph's end and reopens it at the start of the
    # next when the same speaker goes on.
    unclosed = previous.close_start == previous.end
    return (
        unclosed
        and quote.paragraph == previous.last_paragraph + 1
        and quote.start == article.paragraphs[quote.paragraph].start
    )


def _paragraph_quotes(text: str, start: int, end: int, paragraph: int) -> Iterator[Quote]:
    marks = list(_MARK.finditer(text, start, end))
    opened: re.Match[str] | None = None
    position = 0
    while position < len(marks):
        mark = marks[position]
        position += 1
        role = _role(text, mark, start, end)
        if mark[0] not in DOUBLE_MARKS:
            if opened is None and role == "open":
                close = _single_close(text, marks, position, start, end)
                if close is not None:
                    yield Quote(mark.start(), marks[close].end(), mark.end(), marks[close].start(),
                                 paragraph, paragraph)  # fmt: skip
                    position = close + 1
            continue
        if opened is None:
            # A closing mark with no opener is stray: it is skipped, not guessed at. A closing
            # curly mark between spaces is one too.
            if role == "open" or (role == "either" and mark[0] not in _CLOSING_SHAPES):
                opened = mark
        elif _FAMILY[mark[0]] != _FAMILY[opened[0]]:
            # A closer of another family ends the quote when none of its own family follows:
            # '"Oz has a huge bully pulpit,” said …' mixes straight and curly marks.
            if role != "close" or _family_follows(marks[position:], _FAMILY[opened[0]]):
                continue
            yield Quote(opened.start(), mark.end(), opened.end(), mark.start(), paragraph,
                         paragraph)  # fmt: skip
            opened = None
        elif role == "open":
            # An opener while a quote is open: the earlier quote lost its closing mark.
            stop = _strip_end(text, opened.end(), mark.start())
            yield Quote(opened.start(), stop, opened.end(), stop, paragraph, paragraph)
            opened = mark
        else:
            yield Quote(opened.start(), mark.end(), opened.end(), mark.start(), paragraph,
                         paragraph)  # fmt: skip
            opened = None
    if opened is not None:
        stop = _strip_end(text, opened.end(), end)
        yield Quote(opened.start(), stop, opened.end(), stop, paragraph, paragraph)


def _family_follows(marks: list[re.Match[str]], family: str) -> bool:
    return any(_FAMILY.get(mark[0]) == family for mark in marks)


def _role(text: str, mark: re.Match[str], start: int, end: int) -> str:
    """'open', 'close' or 'either', from the characters on each side of a mark."""
    before = text[mark.start() - 1] if mark.start() > start else " "
    after = text[mark.end()] if mark.end() < end else " "
    can_open = (before.isspace() or before in _BEFORE_OPENER) and not (
        after.isspace() or after in ".,;:?!)"
    )
    can_close = not before.isspace() and not after.isalnum()
    if can_open != can_close:
        return "open" if can_open else "close"
    # Curly marks are often typed the wrong way round ("visit. “."): the state decides.
    return "either"


def _single_close(
    text: str, marks: list[re.Match[str]], position: int, start: int, end: int
) -> int | None:
    # A single mark is most often an apostrophe: it only quotes when a closer follows in the
    # same paragraph.
    for index in range(position, len(marks)):
        mark = marks[index]
        if mark[0] in ("’", "'") and _role(text, mark, start, end) == "close":
            return index
    return None


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def enclosing_quote(quotes: list[Quote], offset: int) -> Quote | None:
    starts = [quote.start for quote in quotes]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and quotes[index].start < offset < quotes[index].end:
        return quotes[index]
    return None
