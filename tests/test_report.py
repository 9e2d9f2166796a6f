"""The annotated article and the HTML report on hand-built tables (no model); the report command."""

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from countrytone import cli
from countrytone.articles import Article, parse_article
from countrytone.cli import main
from countrytone.report import AnnotatedArticle, highlight, tone_colour, write_report
from countrytone.tables import MentionRow, QuoteRow, mentions_frame, quotes_frame
from tests.rows import mention_row

matplotlib.use("Agg")

TEXT = (
    "date 2024-03-14 World\n"
    "China <script>alert(1)</script> and Japan\n"
    '"We condemn China," Yuko Arakawa said. Japan & Australia agreed.\n'
    "Officials said talks with France would resume.\n"
)


def _located(
    article: Article, mention: str, score: float, *, occurrence: int = 0, speaker: str | None = None
) -> MentionRow:
    """A mentions-table row for an occurrence of ``mention`` in the article's text."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(mention, start + 1)
    paragraph = next(p for p in article.paragraphs if p.start <= start < p.end)
    country = {"China": "CHN", "Japan": "JPN", "Australia": "AUS", "France": "FRA"}[mention]
    row = mention_row(paragraph.index, 0, country, score, speaker=speaker, article_id=article.id)
    return replace(row, start=start, end=start + len(mention), mention=mention)


@pytest.fixture
def article() -> Article:
    return parse_article(TEXT, article_id="a", source="Wire")


@pytest.fixture
def mentions(article: Article) -> pd.DataFrame:
    return mentions_frame(
        [
            _located(article, "China", -0.2),
            _located(article, "Japan", 0.1),
            _located(article, "China", -0.9, occurrence=1, speaker="Yuko Arakawa"),
            _located(article, "Japan", 0.7, occurrence=1),
            _located(article, "Australia", 0.7),
            _located(article, "France", 0.05, speaker="Officials"),
        ]
    )


@pytest.fixture
def quotes(article: Article) -> pd.DataFrame:
    quote_start = article.text.index('"We')
    quote_end = article.text.index(" Yuko")
    reported_start = article.text.index("talks")
    return quotes_frame(
        [
            _quote(article, quote_start, quote_end, "Yuko Arakawa", "direct"),
            _quote(article, reported_start, len(article.text) - 2, "Officials", "reported"),
        ]
    )


def _quote(article: Article, start: int, end: int, speaker: str | None, kind: str) -> QuoteRow:
    """A quotes-table row without its speaker's and cue's spans."""
    return QuoteRow(
        article_id=article.id,
        start=start,
        end=end,
        text=article.text[start:end],
        speaker=speaker,
        speaker_start=None,
        speaker_end=None,
        speaker_country=None,
        cue=None,
        cue_start=None,
        cue_end=None,
        kind=kind,
    )


class _Marks(HTMLParser):
    """The text of every <mark> and of every quote run, and whether a <script> element exists."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, dict[str, str | None]]] = []
        self.runs: list[str | None] = []
        self.scripts = 0
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "mark":
            self._open = attributes
            self.marks.append(("", attributes))
        if tag == "span" and "data-who" in attributes:
            self.runs.append(attributes["data-who"])
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            text, attributes = self.marks[-1]
            self.marks[-1] = (text + data, attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def test_report_highlight_marks_each_mention_once_with_its_tooltip(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    annotated = highlight(mentions, article, quotes=quotes)
    parsed = _parse(annotated.html)
    assert annotated.mentions == len(mentions)
    assert [text for text, _ in parsed.marks] == list(mentions["mention"])
    _, first_china = parsed.marks[2]
    assert first_china["data-tip"] == (
        "China (CHN)\nspeaker: Yuko Arakawa\nnegative -0.90\n"
        "p negative 0.90 · neutral 0.10 · positive 0.00"
    )
    assert tone_colour(-0.9)[0] in (first_china["style"] or "")
    assert parsed.runs == ["Yuko Arakawa", "Officials"]


def test_report_highlight_escapes_article_text(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    html = highlight(mentions, article, quotes=quotes)._repr_html_()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "</mark> &amp; <mark" in html
    assert _parse(html).scripts == 0


@pytest.mark.parametrize(
    ("options", "marked"),
    [
        ({"country": "CHN"}, ["China", "China"]),
        ({"speaker": "Yuko Arakawa"}, ["China"]),
        ({"speaker": "(article)"}, ["China", "Japan", "Japan", "Australia"]),
        ({"country": "JPN", "speaker": "Officials"}, []),
    ],
)
def test_report_highlight_filters(
    article: Article,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    options: dict[str, str],
    marked: list[str],
) -> None:
    annotated = highlight(mentions, article, quotes=quotes, **options)
    assert [text for text, _ in _parse(annotated.html).marks] == marked


def test_report_highlight_keeps_a_mention_whole_across_a_quote_edge(
    article: Article, mentions: pd.DataFrame
) -> None:
    # An attribution that ends inside "Australia": the mention stays one mark.
    inside = article.text.index("Australia") + 3
    quotes = quotes_frame([_quote(article, 0, inside, None, "reported")])
    parsed = _parse(highlight(mentions, article, quotes=quotes).html)
    assert [text for text, _ in parsed.marks] == list(mentions["mention"])
    assert set(parsed.runs) == {"unknown speaker"}


def test_report_highlight_title_of_a_corpus_row() -> None:
    article = parse_article("China spoke.", article_id="r", title="A <b>row</b> title")
    annotated = highlight(mentions_frame([]), article, quotes=quotes_frame([]))
    assert isinstance(annotated, AnnotatedArticle)
    assert "A &lt;b&gt;row&lt;/b&gt; title" in annotated.html
    assert annotated.mentions == 0


def test_report_single_file_holds_overview_and_every_article(
    tmp_path: Path, article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    other = parse_article("Quiet day\nNothing happened.", article_id="b", source="Post")
    written = write_report([article, other], mentions, quotes, out=tmp_path / "r.html")
    html = written[0].read_text(encoding="utf-8")
    assert written == [tmp_path / "r.html"]
    assert len(_parse(html).marks) == len(mentions)
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
    assert len(_parse(page).marks) == len(mentions)


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
    assert len(_parse(html).marks) == 2
    assert _parse(html).scripts == 0
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
