"""The mentions table and its aggregation, on hand-built rows."""

import pandas as pd
import pytest

from countrytone.tables import MENTION_COLUMNS, aggregate, mentions_frame
from tests.rows import mention_row


@pytest.fixture
def mentions() -> pd.DataFrame:
    return mentions_frame(
        [
            mention_row(paragraph=None, sentence=0, country="CHN", score=0.5),
            # Two mentions of CHN in one sentence count as one sentence with their mean.
            mention_row(paragraph=0, sentence=0, country="CHN", score=-0.9),
            mention_row(paragraph=0, sentence=0, country="CHN", score=-0.5),
            mention_row(paragraph=0, sentence=1, country="CHN", score=0.9, speaker="Wang Yi"),
            mention_row(paragraph=0, sentence=1, country="USA", score=-0.8, speaker="Wang Yi"),
            mention_row(paragraph=1, sentence=0, country="USA", score=0.2, article_id="b"),
        ]
    )


def test_tables_mentions_frame_has_design_columns_and_types() -> None:
    frame = mentions_frame([])
    assert tuple(frame.columns) == MENTION_COLUMNS
    assert str(frame["paragraph"].dtype) == "Int64"
    assert str(frame["in_quote"].dtype) == "boolean"


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
    ("by", "keys"),
    [
        ("article", ["article_id", "country"]),
        ("date", ["date", "country"]),
        ("source", ["source", "country"]),
        (["article", "speaker"], ["article_id", "speaker", "country"]),
        ("kind", ["kind", "country"]),
    ],
)
def test_tables_aggregate_levels(mentions: pd.DataFrame, by: str, keys: list[str]) -> None:
    table = aggregate(mentions, by=by)
    assert list(table.columns[: len(keys)]) == keys
    assert table["mentions"].sum() == len(mentions)


def test_tables_aggregate_unknown_level(mentions: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="cannot aggregate by 'planet'"):
        aggregate(mentions, by="planet")


def test_tables_aggregate_empty_table() -> None:
    assert aggregate(mentions_frame([]), by="paragraph").empty
