"""Dates as news text writes them, read into ISO 8601."""

import pytest

from countrytone.dates import AmbiguousDateError, iso_date, split_date


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
        ("21.06.2023", "2023-06-21"),
        ("21-06-23", "2023-06-21"),
        ("04/04/2024", "2024-04-04"),  # the same date either way
        ("2023/06/20", "2023-06-20"),
        ("20230620", "2023-06-20"),
        ("20 Jun 2023", "2023-06-20"),
        ("20-Jun-2023", "2023-06-20"),
        ("Tue, 20 Jun 2023 14:30:00 +0000", "2023-06-20T14:30:00+00:00"),
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


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("03/04/2024", True, "2024-04-03"),
        ("03/04/2024", False, "2024-03-04"),
        ("3.4.24", True, "2024-04-03"),
        ("13/04/2024", True, "2024-04-13"),
        # The order given holds for every numeric date of the run: no silent swap.
        ("13/04/2024", False, None),
        ("04/13/2024", True, None),
        ("04/13/2024", False, "2024-04-13"),
        # Dates that are not numeric day-month dates are read the same under either order.
        ("2024-04-03", True, "2024-04-03"),
        ("2024-04-03 10:00", True, "2024-04-03T10:00:00"),
        ("3 April 2024", False, "2024-04-03"),
    ],
)
def test_dates_iso_date_in_the_order_given(text: str, dayfirst: bool, expected: str | None) -> None:
    assert iso_date(text, dayfirst=dayfirst) == expected


@pytest.mark.parametrize("text", ["03/04/2024", "3.4.2024", "12-01-24", "03/04/2024 14:30"])
def test_dates_day_and_month_that_could_swap_are_never_guessed(text: str) -> None:
    # Was 2024-03-04 for "03/04/2024" while "13/04/2024" gave 2024-04-13: two orders in one file.
    with pytest.raises(AmbiguousDateError, match="could be read day first or month first"):
        iso_date(text)
    with pytest.raises(AmbiguousDateError):
        split_date(f"{text} World")
    assert split_date(f"{text} World", dayfirst=True) is not None
