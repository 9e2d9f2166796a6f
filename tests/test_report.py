"""The HTML report on hand-built tables (no model); the report command."""

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from countrytone import cli
from countrytone.articles import Article, parse_article
from countrytone.cli import main
from countrytone.report import write_report
from tests.annotated_sample import parse_marks, sample_article, sample_mentions, sample_quotes

matplotlib.use("Agg")


@pytest.fixture
def article() -> Article:
    return sample_article()


@pytest.fixture
def mentions(article: Article) -> pd.DataFrame:
    return sample_mentions(article)


@pytest.fixture
def quotes(article: Article) -> pd.DataFrame:
    return sample_quotes(article)


def test_report_single_file_holds_overview_and_every_article(
    tmp_path: Path, article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    other = parse_article("Quiet day\nNothing happened.", article_id="b", source="Post")
    written = write_report([article, other], mentions, quotes, out=tmp_path / "r.html")
    html = written[0].read_text(encoding="utf-8")
    assert written == [tmp_path / "r.html"]
    assert len(parse_marks(html).marks) == len(mentions)
    assert 'href="#article-1"' in html
    assert 'id="article-2"' in html
    assert "No country is mentioned in this article." in html
    assert html.count("<svg") == 2  # over time, by source
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_report_folder_has_an_index_and_a_page_per_article(
    tmp_path: Path, article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    other = parse_article("Quiet day\nNothing happened.", article_id="news/b.txt")
    written = write_report([article, other], mentions, quotes, out=f"{tmp_path}/out/")
    assert [path.relative_to(tmp_path / "out").as_posix() for path in written] == [
        "index.html",
        "articles/0001-a.html",
        "articles/0002-b.html",
    ]
    index = written[0].read_text(encoding="utf-8")
    assert 'href="articles/0001-a.html"' in index
    assert "<mark" not in index
    page = written[1].read_text(encoding="utf-8")
    assert 'href="../index.html"' in page
    assert len(parse_marks(page).marks) == len(mentions)


def test_report_cli_skips_a_bad_input_and_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Talks <script>alert(1)</script>\nChina and Japan met.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    status = main(["report", str(good), str(tmp_path / "missing.txt"), "--out", str(out)])
    assert status == 2
    assert capsys.readouterr().err.strip().endswith("missing.txt: no such file")
    html = out.read_text(encoding="utf-8")
    assert len(parse_marks(html).marks) == 2
    assert parse_marks(html).scripts == 0
    assert "Talks &lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [(["missing.txt"], "no article to report on"), (["good.txt"], "cannot write the report")],
)
def test_report_cli_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], inputs: list[str], problem: str
) -> None:
    (tmp_path / "good.txt").write_text("Talks\nChina met.\n", encoding="utf-8")
    (tmp_path / "file").write_text("")
    paths = [str(tmp_path / name) for name in inputs]
    status = main(["report", *paths, "--out", str(tmp_path / "file" / "report.html")])
    error = capsys.readouterr().err
    assert status == 1
    assert problem in error
    assert error.count("\n") == (2 if inputs == ["missing.txt"] else 1)


def test_report_cli_points_a_large_single_file_to_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "ONE_FILE_ARTICLES", 1)
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text("Talks\nChina met Japan.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", *map(str, paths), "--out", str(out), "--model", "vader"]) == 0
    assert capsys.readouterr().err == (
        f"countrytone: warning: {out}: 2 articles in one file (0 MB) take seconds to open; "
        "--out DIR/ writes an overview and one page per article\n"
    )
    assert main(["report", *map(str, paths), "--out", f"{tmp_path}/site/", "--model", "vader"]) == 0
    assert capsys.readouterr().err == ""
