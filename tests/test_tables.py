"""The mentions table and its aggregation, on hand-built rows."""

import math

import pandas as pd
import pytest

from countrytone.tables import (
    CONTRACT_MENTION_COLUMNS,
    PROBABILITY_COLUMNS,
    QUOTE_COLUMNS,
    NoRowsWarning,
    aggregate,
    evidence_table,
    mentions_frame,
    period_for,
    quotes_frame,
    rolling_tone,
    sentence_scores,
    typed,
)
from tests.rows import mention_row


@pytest.fixture
def mentions() -> pd.DataFrame:
    return mentions_frame(
        [
            mention_row(paragraph=None, sentence=0, country="CHN", score=0.5),
            # Two mentions of CHN in one sentence count as one sentence with their mean.
            mention_row(paragraph=0, sentence=0, country="CHN", score=-0.9),
            mention_row(paragraph=0, sentence=0, country="CHN", score=-0.5, kind="demonym"),
            mention_row(paragraph=0, sentence=1, country="CHN", score=0.9, speaker="Wang Yi"),
            mention_row(paragraph=0, sentence=1, country="USA", score=-0.8, speaker="Wang Yi"),
            mention_row(
                paragraph=1,
                sentence=0,
                country="USA",
                score=0.2,
                article_id="b",
                date="2024-02-01",
                source="Post",
            ),
        ]
    )


# DESIGN.md's command-line contract, spelled out here once more on purpose: the schema in
# countrytone.tables must not drift from it (the target's name and kind come after it).
DESIGN_MENTION_COLUMNS = [
    "article_id",
    "date",
    "source",
    "part",
    "paragraph",
    "sentence",
    "sentence_text",
    "start",
    "end",
    "mention",
    "country",
    "kind",
    "speaker",
    "speaker_country",
    "in_quote",
    "label",
    "score",
    "p_negative",
    "p_neutral",
    "p_positive",
    "model",
]
DESIGN_QUOTE_COLUMNS = [
    "article_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_country",
    "cue",
    "cue_start",
    "cue_end",
    "kind",
]


def test_tables_mentions_frame_has_design_columns_and_types() -> None:
    frame = mentions_frame([])
    assert list(frame.columns) == [*DESIGN_MENTION_COLUMNS, "target_name", "target_kind"]
    assert list(CONTRACT_MENTION_COLUMNS) == DESIGN_MENTION_COLUMNS
    assert list(quotes_frame([]).columns) == DESIGN_QUOTE_COLUMNS == list(QUOTE_COLUMNS)
    assert PROBABILITY_COLUMNS == ("p_negative", "p_neutral", "p_positive")
    assert str(frame["paragraph"].dtype) == "Int64"
    assert str(frame["in_quote"].dtype) == "boolean"
    assert str(frame["date"].dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024-03-14", "2024-03-14 00:00:00"),
        ("2024-03-14T14:30:00", "2024-03-14 14:30:00"),
        # One column holds one time zone: a timestamp with an offset is given in UTC.
        ("2024-03-14T23:30:00-05:00", "2024-03-15 04:30:00"),
        (None, "NaT"),
    ],
)
def test_tables_date_is_a_datetime_column(date: str | None, expected: str) -> None:
    rows = [
        mention_row(0, 0, "CHN", 0.1, date="2024-01-01"),
        mention_row(0, 1, "CHN", 0.1, date=date),
    ]
    frame = mentions_frame(rows)
    assert str(frame["date"].iloc[1]) == expected
    assert frame["date"].dtype == "datetime64[ns]"


def test_tables_typed_reads_back_a_table_of_strings() -> None:
    frame = mentions_frame([mention_row(None, 0, "CHN", 0.5), mention_row(1, 0, "USA", -0.5)])
    as_read = frame.astype(object).where(frame.notna(), None)
    as_read["date"] = ["2024-01-15", "2024-01-15"]
    as_read["paragraph"] = [None, "1"]
    assert typed(as_read).dtypes.to_dict() == frame.dtypes.to_dict()
    pd.testing.assert_frame_equal(typed(as_read), frame)


def test_tables_mentions_frame_spreads_the_tone_over_its_columns() -> None:
    frame = mentions_frame([mention_row(paragraph=None, sentence=0, country="CHN", score=-0.25)])
    row = frame.iloc[0]
    assert row["part"] == "title"
    assert pd.isna(row["paragraph"])
    assert row[["label", "score", "p_negative", "p_neutral", "p_positive"]].tolist() == [
        "neutral",
        -0.25,
        0.25,
        0.75,
        0.0,
    ]


def test_tables_sentence_scores_average_a_country_within_a_sentence(
    mentions: pd.DataFrame,
) -> None:
    table = sentence_scores(mentions)
    rows = table[["article_id", "paragraph", "sentence", "country", "score", "mentions"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["a", None, 0, "CHN", 0.5, 1],
        ["a", 0, 0, "CHN", pytest.approx(-0.7), 2],
        ["a", 0, 1, "CHN", 0.9, 1],
        ["a", 0, 1, "USA", -0.8, 1],
        ["b", 1, 0, "USA", 0.2, 1],
    ]
    assert table["label"].tolist() == ["neutral", "negative", "positive", "negative", "neutral"]


@pytest.mark.parametrize(
    ("dates", "period"),
    [
        (["2024-01-10"], "W"),
        (["2024-01-10", "2024-03-10"], "W"),
        (["2024-01-10", "2024-03-11"], "M"),
        (["2023-01-10T08:00:00+02:00", "2024-12-31"], "M"),
        (["2023-01-10", "2025-01-10"], "Q"),
    ],
)
def test_tables_period_for_suits_the_span_of_the_dates(dates: list[str], period: str) -> None:
    assert period_for(pd.Series(dates)) == period


def test_tables_rolling_tone_means_and_bootstrap_band() -> None:
    rows = [
        mention_row(0, index, "CHN", score, date=date, article_id=date)
        for date, scores in {
            "2024-01-10": [0.5, 0.3],
            "2024-02-10": [-0.2, -0.4],
            "2024-04-10": [-0.6, -0.8, -0.7],
        }.items()
        for index, score in enumerate(scores)
    ]
    table = rolling_tone(mentions_frame(rows), countries=["chn", "United States"], window=2)
    assert table["period"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03",
                                                             "2024-04"]  # fmt: skip
    # March has no mention: no value, a gap, not February's tone carried over (was -0.3).
    assert table["mean"].tolist() == pytest.approx([0.4, 0.05, math.nan, -0.7], nan_ok=True)
    assert table["sentences"].tolist() == [2, 4, 0, 3]
    drawn = table.dropna()
    assert (drawn["low"] <= drawn["mean"]).all()
    assert (drawn["mean"] <= drawn["high"]).all()
    assert table["low"].iloc[1] < 0 < table["high"].iloc[1]
    assert set(table["country"]) == {"CHN"}


def test_tables_rolling_tone_unknown_country() -> None:
    with pytest.raises(ValueError, match="unknown country 'Irann': did you mean IRN"):
        rolling_tone(mentions_frame([]), countries=["Irann"])


def test_tables_evidence_table_title_and_paragraph_cells(mentions: pd.DataFrame) -> None:
    title = evidence_table(mentions, country="CHN", part="title")
    assert title["sentence_text"].tolist() == ["Sentence 0 of paragraph None about CHN here."]
    body = evidence_table(mentions, country="CHN", paragraph=0)
    assert body[["sentence", "speaker", "mentions"]].values.tolist() == [
        [0, "(article)", "CHN"],
        [1, "Wang Yi", "CHN"],
    ]
    assert body["score"].tolist() == pytest.approx([-0.7, 0.9])


@pytest.mark.parametrize("country", ["CHN", "chn", "China", "PRC"])
def test_tables_evidence_table_takes_a_country_as_a_user_names_it(
    mentions: pd.DataFrame, country: str
) -> None:
    assert len(evidence_table(mentions, country=country)) == 3  # was empty but for "CHN"


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"country": "XXX"}, "unknown country 'XXX'"),
        ({"country": "Chnia"}, "did you mean CHN"),
        ({"country": "chn,usa"}, "one country is asked for"),
    ],
)
def test_tables_evidence_table_unknown_country_raises(
    mentions: pd.DataFrame, options: dict[str, str], error: str
) -> None:
    with pytest.raises(ValueError, match=error):
        evidence_table(mentions, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "warning"),
    [
        ({"country": "Iran"}, "no mention of IRN in the table"),
        ({"country": "CHN", "speaker": "Xi"}, "no speaker 'Xi' in the table"),
        ({"country": "CHN", "article_id": "z"}, "no article 'z' in the table"),
        ({"country": "USA", "paragraph": 7}, "no mention of USA where the other filters hold"),
    ],
)
def test_tables_evidence_table_says_which_filter_leaves_no_row(
    mentions: pd.DataFrame, options: dict[str, object], warning: str
) -> None:
    with pytest.warns(NoRowsWarning, match=warning):
        assert evidence_table(mentions, **options).empty  # type: ignore[arg-type]


def test_tables_aggregate_by_paragraph(mentions: pd.DataFrame) -> None:
    table = aggregate(mentions, by="paragraph")
    rows = table[["article_id", "paragraph", "country", "score", "sentences", "mentions"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["a", None, "CHN", 0.5, 1, 1],
        ["a", 0, "CHN", pytest.approx((-0.7 + 0.9) / 2), 2, 3],
        ["a", 0, "USA", -0.8, 1, 1],
        ["b", 1, "USA", 0.2, 1, 1],
    ]
    assert table.loc[1, ["share_negative", "share_neutral", "share_positive"]].tolist() == [
        0.5,
        0.0,
        0.5,
    ]


def test_tables_aggregate_by_country_averages_sentences_not_mentions(
    mentions: pd.DataFrame,
) -> None:
    table = aggregate(mentions, by="country").set_index("country")
    assert table.loc["CHN", "score"] == pytest.approx((0.5 - 0.7 + 0.9) / 3)
    assert table.loc["CHN", "sentences"] == 3
    assert table.loc["CHN", "mentions"] == 4


def test_tables_aggregate_by_speaker_names_the_article_voice(mentions: pd.DataFrame) -> None:
    table = aggregate(mentions, by="speaker")
    assert set(zip(table["speaker"], table["country"], strict=True)) == {
        ("(article)", "CHN"),
        ("(article)", "USA"),
        ("Wang Yi", "CHN"),
        ("Wang Yi", "USA"),
    }


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "article",
            [["a", "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4], ["a", "USA", -0.8, 1, 1],
             ["b", "USA", 0.2, 1, 1]],
        ),
        (
            "date",
            [[pd.Timestamp("2024-01-15"), "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4],
             [pd.Timestamp("2024-01-15"), "USA", -0.8, 1, 1],
             [pd.Timestamp("2024-02-01"), "USA", 0.2, 1, 1]],
        ),
        (
            "month",
            [[pd.Period("2024-01", "M"), "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4],
             [pd.Period("2024-01", "M"), "USA", -0.8, 1, 1],
             [pd.Period("2024-02", "M"), "USA", 0.2, 1, 1]],
        ),
        (
            "quarter",
            [[pd.Period("2024Q1", "Q"), "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4],
             [pd.Period("2024Q1", "Q"), "USA", (-0.8 + 0.2) / 2, 2, 2]],
        ),
        (
            ["year", "source"],
            [[pd.Period("2024", "Y"), "Post", "USA", 0.2, 1, 1],
             [pd.Period("2024", "Y"), "Wire", "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4],
             [pd.Period("2024", "Y"), "Wire", "USA", -0.8, 1, 1]],
        ),
        (
            "source",
            [["Post", "USA", 0.2, 1, 1], ["Wire", "CHN", (0.5 - 0.7 + 0.9) / 3, 3, 4],
             ["Wire", "USA", -0.8, 1, 1]],
        ),
        (
            ["article", "speaker"],
            [["a", "(article)", "CHN", (0.5 - 0.7) / 2, 2, 3], ["a", "Wang Yi", "CHN", 0.9, 1, 1],
             ["a", "Wang Yi", "USA", -0.8, 1, 1], ["b", "(article)", "USA", 0.2, 1, 1]],
        ),
        (
            # A mention's kind splits its sentence: the demonym of sentence 0 counts on its own.
            "kind",
            [["demonym", "CHN", -0.5, 1, 1], ["name", "CHN", (0.5 - 0.9 + 0.9) / 3, 3, 3],
             ["name", "USA", (-0.8 + 0.2) / 2, 2, 2]],
        ),
    ],
)  # fmt: skip
def test_tables_aggregate_levels(
    mentions: pd.DataFrame, by: str | list[str], expected: list[list[object]]
) -> None:
    table = aggregate(mentions, by=by)
    columns = [*table.columns[: len(expected[0]) - 3], "score", "sentences", "mentions"]
    rows = table[columns].values.tolist()
    assert rows == [[*row[:-3], pytest.approx(row[-3]), *row[-2:]] for row in expected]


def test_tables_aggregate_unknown_level(mentions: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"cannot aggregate by 'planet'.* month, quarter"):
        aggregate(mentions, by="planet")


def test_tables_aggregate_by_week_starts_weeks_on_monday(mentions: pd.DataFrame) -> None:
    table = aggregate(mentions, by="week")
    assert [str(week.start_time.date()) for week in table["week"]] == [
        "2024-01-15", "2024-01-15", "2024-01-29"
    ]  # fmt: skip


def test_tables_aggregate_empty_table() -> None:
    assert aggregate(mentions_frame([]), by="paragraph").empty
