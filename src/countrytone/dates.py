"""Dates as news text writes them -> ISO 8601, with python-dateutil doing the parsing.

``2023-06-20``, ``2023-6-20``, ``20 June 2023``, ``June 20, 2023`` and ``Tuesday, June 20,
2023`` all become ``2023-06-20``; a timestamp keeps its time (``2023-06-20T14:30:00+00:00``).
A date must name its year, month and day: ``June 2023`` is not a date of an article.
"""

from __future__ import annotations

from datetime import datetime

from dateutil import parser

# Two defaults that differ in every field: a field the text names comes out the same from both.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 13, 37, 59))
# The longest date a header spells out: "Tuesday, 20 June 2023, 14:30 GMT".
MAX_DATE_WORDS = 6


def iso_date(text: str) -> str | None:
    """The ISO form of a date (``YYYY-MM-DD``) or timestamp, or None when it is not one.

    A timestamp (a time of day given) keeps its time and its UTC offset when it has one.
    """
    parsed = [_parse(text, default) for default in _DEFAULTS]
    first, second = parsed
    if first is None or second is None:
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    if first.hour != second.hour:
        return first.date().isoformat()
    return first.isoformat()


def split_date(text: str) -> tuple[str, str] | None:
    """Split text that starts with a date into the date's ISO form and the rest.

    The date is the longest run of leading words (at most ``MAX_DATE_WORDS``) that reads as a
    date different from its shorter runs: ``June 20, 2023 Politics`` -> ``("2023-06-20",
    "Politics")``; words the parser ignores (``on``, ``at``) stay in the rest. None when no
    leading words read as a date.
    """
    words = text.split()
    best: tuple[str, str] | None = None
    for count in range(1, min(len(words), MAX_DATE_WORDS) + 1):
        date = iso_date(" ".join(words[:count]))
        if date is not None and (best is None or date != best[0]):
            best = (date, " ".join(words[count:]))
    return best


def _parse(text: str, default: datetime) -> datetime | None:
    try:
        return parser.parse(text, default=default)
    except (parser.ParserError, ValueError, OverflowError):
        return None
