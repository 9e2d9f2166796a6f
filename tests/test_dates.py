"""Dates as news text writes them, read into ISO 8601."""

import pytest

from countrytone.dates import iso_date, split_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-20", "2023-06-20"),
        ("2023-6-20", "2023-06-20"),
        ("20 June 2023", "2023-06-20"),
        ("June 20, 2023", "2023-06-20"),
        ("Tuesday, June 20, 2023", "2023-06-20"),
        ("Tue 20 June 2023", "2023-06-20"),
        ("06/21/2023", "2023-06-21"),
        ("21/06/2023", "2023-06-21"),
        ("2023-06-20T14:30:00Z", "2023-06-20T14:30:00+00:00"),
        ("2023-06-20 14:30", "2023-06-20T14:30:00"),
        ("2023-06-20T00:00:00", "2023-06-20T00:00:00"),
        ("June 2023", None),
        ("2023", None),
        ("2023-13-45", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-20 World", ("2023-06-20", "World")),
        ("20 June 2023 Politics", ("2023-06-20", "Politics")),
        ("Tuesday, June 20, 2023 Asia Pacific", ("2023-06-20", "Asia Pacific")),
        ("2023-06-20 14:30 World", ("2023-06-20T14:30:00", "World")),
        ("2023-06-20", ("2023-06-20", "")),
        # Words the parser skips are not taken into the date.
        ("2023-06-20 on Sunday", ("2023-06-20", "on Sunday")),
        ("2023-13-45 Politics", None),
        ("Politics", None),
    ],
)
def test_dates_split_date(text: str, expected: tuple[str, str] | None) -> None:
    assert split_date(text) == expected
