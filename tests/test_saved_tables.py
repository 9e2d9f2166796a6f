"""Tables written by analyze, read back as analyze gives them, on hand-built rows."""

from pathlib import Path

import pandas as pd
import pytest

from countrytone.articles import parse_article
from countrytone.errors import InputError
from countrytone.saved_tables import articles_from_text, read_mentions, read_table, table_kind
from countrytone.tables import mentions_frame, quotes_frame
from countrytone.writers import Format, TableWriter
from tests.annotated_sample import quote_row
from tests.rows import mention_row

TEXT = "date 2024-03-14 World\nChina and Japan\nJapan praised Australia.\nNA said China erred."


@pytest.fixture
def mentions() -> pd.DataFrame:
    rows = [
        mention_row(None, 0, "CHN", 0.4, date="2024-03-14"),
        mention_row(0, 0, "JPN", -0.2, date="2024-03-14", speaker="NA", speaker_country="JPN"),
        mention_row(1, 0, "CHN", -0.8, date="2024-03-14T14:30:00+02:00", article_id="b"),
        mention_row(1, 1, "USA", 0.1, date=None, source=None, article_id="c"),
    ]
    table = mentions_frame(rows)
    return table.assign(text=pd.Series([TEXT] * len(table), dtype="str"))


def _write(table: pd.DataFrame, path: Path) -> Path:
    with TableWriter(str(path), output=Format(path.suffix[1:]), template=table.iloc[0:0]) as out:
        out.write(table)
    return path


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_saved_tables_read_back_as_analyze_gives_them(
    tmp_path: Path, mentions: pd.DataFrame, suffix: str
) -> None:
    path = _write(mentions, tmp_path / f"rows{suffix}")
    assert table_kind(path) == "mentions"
    read = read_mentions(path)
    # A speaker named "NA" stays a name; the timestamp with an offset is in UTC.
    assert read.loc[1, "speaker"] == "NA"
    assert str(read.loc[2, "date"]) == "2024-03-14 12:30:00"
    pd.testing.assert_frame_equal(read, mentions)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("corpus.jsonl", '{"id": "1", "text": "China met."}\n', None),
        ("corpus.csv", "id,text\n1,China met.\n", None),
        ("article.txt", "China met.", None),
        ("missing.parquet", None, None),
        ("broken.parquet", "not parquet", None),
    ],
)
def test_saved_tables_other_files_are_no_table(
    tmp_path: Path, name: str, content: str | None, kind: None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    assert table_kind(path) is kind
    assert table_kind(tmp_path) is None


def test_saved_tables_quotes_table_is_told_apart(tmp_path: Path) -> None:
    article = parse_article(TEXT, article_id="a")
    quotes = quotes_frame([quote_row(article, 22, 27, "Wang Yi", "direct")])
    path = _write(quotes, tmp_path / "quotes.csv")
    assert table_kind(path) == "quotes"
    kind, table = read_table(path)
    assert kind == "quotes"
    pd.testing.assert_frame_equal(table, quotes)
    with pytest.raises(InputError, match="a quotes table, not the mentions table of analyze"):
        read_mentions(path)


def test_saved_tables_articles_from_text_are_laid_out_as_read(mentions: pd.DataFrame) -> None:
    articles = articles_from_text(mentions)
    assert [article.id for article in articles] == ["a", "b", "c"]
    assert articles[0] == parse_article(TEXT, article_id="a", source="Wire")
    assert (articles[1].date, articles[2].date, articles[2].source) == (
        "2024-03-14T12:30:00",
        None,
        None,
    )
    with pytest.raises(ValueError, match="no 'text' column"):
        articles_from_text(mentions.drop(columns="text"))
