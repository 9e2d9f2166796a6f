"""Web pages as articles: main text, title, date and site name, everything else dropped."""

import io
import json
import sys
from pathlib import Path

import pytest

from countrytone.articles import Article, Part, read_articles
from countrytone.cli import main
from countrytone.errors import InputError
from countrytone.html_pages import parse_html

PAGES = Path(__file__).resolve().parent / "pages"


@pytest.fixture
def news() -> str:
    return (PAGES / "news.html").read_text(encoding="utf-8")


def test_html_pages_keep_the_story_and_drop_the_rest(news: str) -> None:
    article = parse_html(news, article_id="news.html")
    assert (article.title, article.date, article.source) == (
        "Japan and China agree to resume talks",
        "2024-03-14",
        "The Harbour Post",
    )
    paragraphs = [article.paragraph_text(p) for p in article.paragraphs]
    assert paragraphs[0] == article.title
    assert article.paragraphs[0].part is Part.TITLE
    assert [p.index for p in article.paragraphs] == [None, 0, 1, 2, 3]
    assert paragraphs[1].startswith("Japan and China agreed on Thursday")
    assert paragraphs[4].startswith("Analysts said the talks")
    assert article.text == "\n".join(paragraphs)
    for dropped in ("Home", "Advertisement", "Mara Quint", "Related", "GreatPatriot99", "©"):
        assert dropped not in article.text


def test_html_pages_row_metadata_wins_over_the_page(news: str) -> None:
    article = parse_html(news, article_id="r", date="2024-03-15", source="Wire", title="Talks")
    assert (article.title, article.date, article.source) == ("Talks", "2024-03-15", "Wire")
    assert article.paragraph_text(article.paragraphs[0]) == "Talks"


def test_html_pages_without_main_text_are_refused_in_one_line() -> None:
    page = (PAGES / "no-main-text.html").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="no main text found in the HTML page"):
        parse_html(page, article_id="login.html")


def _read(*sources: str | Path, html_rows: bool = False) -> tuple[list[Article], list[str]]:
    skipped: list[InputError] = []
    articles = list(read_articles(sources, on_skip=skipped.append, html_rows=html_rows))
    return articles, [str(error) for error in skipped]


def test_html_pages_in_a_folder_are_read_and_an_empty_one_skipped(
    tmp_path: Path, news: str
) -> None:
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "story.HTM").write_text(news, encoding="utf-8")
    unnamed = news.replace('<meta property="og:site_name" content="The Harbour Post">', "")
    (tmp_path / "post" / "unnamed.html").write_text(unnamed, encoding="utf-8")
    login = tmp_path / "post" / "login.html"
    login.write_text((PAGES / "no-main-text.html").read_text(encoding="utf-8"))
    articles, skipped = _read(tmp_path)
    assert [(Path(a.id).name, a.source) for a in articles] == [
        ("story.HTM", "The Harbour Post"),
        ("unnamed.html", "post"),
    ]
    assert skipped == [f"{login}: no main text found in the HTML page"]


def test_html_pages_as_corpus_rows_and_on_stdin(
    tmp_path: Path, news: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "pages.jsonl"
    rows = [{"id": "p1", "text": news, "date": "15 March 2024"}, {"id": "p2", "text": news}]
    corpus.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    articles, _ = _read(corpus, html_rows=True)
    assert [(a.id, a.date, a.title) for a in articles] == [
        ("p1", "2024-03-15", "Japan and China agree to resume talks"),
        ("p2", "2024-03-14", "Japan and China agree to resume talks"),
    ]
    as_text, _ = _read(corpus)
    assert as_text[0].text == news
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(news.encode())))
    skipped: list[InputError] = []
    [page] = read_articles(["-"], on_skip=skipped.append, input_format="html")
    assert (page.id, page.title) == ("-", "Japan and China agree to resume talks")


def test_html_pages_cli_rows_index_the_extracted_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "login.html"
    empty.write_text((PAGES / "no-main-text.html").read_text(encoding="utf-8"))
    news = str(PAGES / "news.html")
    status = main(["analyze", news, str(empty), "--with-text", "--model", "vader"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert err == f"countrytone: skipped {empty}: no main text found in the HTML page\n"
    assert {row["source"] for row in rows} == {"The Harbour Post"}
    assert [row["mention"] for row in rows][:3] == ["Japan", "China", "Japan"]
    assert all(row["text"][row["start"] : row["end"]] == row["mention"] for row in rows)
    assert not any("GreatPatriot99" in row["text"] for row in rows)
