"""Dates as news text writes them -> ISO 8601, with python-dateutil doing the parsing.

``2023-06-20``, ``2023-6-20``, ``20 June 2023``, ``June 20, 2023`` and ``Tuesday, June 20,
2023`` all become ``2023-06-20``; a timestamp keeps its time (``2023-06-20T14:30:00+00:00``).
A date must name its year, month and day: ``June 2023`` is not a date of an article.

A numeric date with the day and month first (``20/06/2023``, ``06/20/2023``, ``20.06.23``) is
read in the order its numbers allow: a number over 12 is the day. When both could be the month
(``03/04/2024``) the date is never guessed: it is read only in the order given by ``dayfirst``
(True: day first, False: month first), else ``AmbiguousDateError``. The order given holds for
every numeric date: under ``dayfirst=True``, ``06/20/2023`` is no date.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser

# Two defaults that differ in every field: a field the text names comes out the same from both.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 13, 37, 59))
# The longest date a header spells out: "Tuesday, 20 June 2023, 14:30 GMT".
MAX_DATE_WORDS = 6
# Day and month first, then the year: "03/04/2024", "3.4.24", "03-04-2024".
_DAY_AND_MONTH_FIRST = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})\b")
MONTHS_IN_YEAR = 12


class AmbiguousDateError(ValueError):
    """A numeric date whose day and month could swap (``03/04/2024``), read in no order given."""

    def __init__(self, text: str) -> None:
        super().__init__(f"the date {text!r} could be read day first or month first")
        self.text = text


def iso_date(text: str, *, dayfirst: bool | None = None) -> str | None:
    """The ISO form of a date (``YYYY-MM-DD``) or timestamp, or None when it is not one.

    A timestamp (a time of day given) keeps its time and its UTC offset when it has one.
    ``dayfirst`` is the order of a numeric date's day and month (see the module's note).

    Raises:
        AmbiguousDateError: a numeric date's day and month could swap, and ``dayfirst`` is None.
    """
    order = _numeric_order(text, dayfirst=dayfirst)
    parsed = [_parse(text, default, dayfirst=order) for default in _DEFAULTS]
    first, second = parsed
    if first is None or second is None:
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    if order is not None and not _in_order(text, first, dayfirst=order):
        return None
    if first.hour != second.hour:
        return first.date().isoformat()
    return first.isoformat()


def split_date(text: str, *, dayfirst: bool | None = None) -> tuple[str, str] | None:
    """Split text that starts with a date into the date's ISO form and the rest.

    The date is the longest run of leading words (at most ``MAX_DATE_WORDS``) that reads as a
    date different from its shorter runs: ``June 20, 2023 Politics`` -> ``("2023-06-20",
    "Politics")``; words the parser ignores (``on``, ``at``) stay in the rest. None when no
    leading words read as a date. ``dayfirst`` as for ``iso_date``.

    Raises:
        AmbiguousDateError: the text starts with a numeric date whose day and month could swap,
            and ``dayfirst`` is None.
    """
    words = text.split()
    best: tuple[str, str] | None = None
    for count in range(1, min(len(words), MAX_DATE_WORDS) + 1):
        date = iso_date(" ".join(words[:count]), dayfirst=dayfirst)
        if date is not None and (best is None or date != best[0]):
            best = (date, " ".join(words[count:]))
    return best


def _numeric_order(text: str, *, dayfirst: bool | None) -> bool | None:
    """Whether a numeric date at the start of ``text`` has its day first; None for any other
    date (dateutil would read "2024-04-03" as 4 March if told the day comes first)."""
    match = _DAY_AND_MONTH_FIRST.match(text)
    if match is None:
        return None
    first, second = int(match[1]), int(match[3])
    if dayfirst is not None:
        return dayfirst
    if first == second or max(first, second) > MONTHS_IN_YEAR:
        return first > MONTHS_IN_YEAR
    raise AmbiguousDateError(match[0].strip())


def _in_order(text: str, parsed: datetime, *, dayfirst: bool) -> bool:
    """dateutil swaps day and month when the order asked for cannot be: this tells."""
    match = _DAY_AND_MONTH_FIRST.match(text)
    assert match is not None  # _numeric_order gave an order: the text starts with the numbers
    day, month = (match[1], match[3]) if dayfirst else (match[3], match[1])
    return (parsed.day, parsed.month) == (int(day), int(month))


def _parse(text: str, default: datetime, *, dayfirst: bool | None) -> datetime | None:
    try:
        return parser.parse(text, default=default, dayfirst=bool(dayfirst))
    except (parser.ParserError, ValueError, OverflowError):
        return None
