"""An article with hand-built mentions and quotes tables, and a parser of the marks in HTML."""

from dataclasses import replace
from html.parser import HTMLParser

import pandas as pd

from countrytone.articles import Article, parse_article
from countrytone.tables import MentionRow, QuoteRow, mentions_frame, quotes_frame
from tests.rows import mention_row

TEXT = (
    "date 2024-03-14 World\n"
    "China <script>alert(1)</script> and Japan\n"
    '"We condemn China," Yuko Arakawa said. Japan & Australia agreed.\n'
    "Officials said talks with France would resume.\n"
)


def located(
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


def sample_article() -> Article:
    return parse_article(TEXT, article_id="a", source="Wire")


def sample_mentions(article: Article) -> pd.DataFrame:
    return mentions_frame(
        [
            located(article, "China", -0.2),
            located(article, "Japan", 0.1),
            located(article, "China", -0.9, occurrence=1, speaker="Yuko Arakawa"),
            located(article, "Japan", 0.7, occurrence=1),
            located(article, "Australia", 0.7),
            located(article, "France", 0.05, speaker="Officials"),
        ]
    )


def sample_quotes(article: Article) -> pd.DataFrame:
    quote_start = article.text.index('"We')
    quote_end = article.text.index(" Yuko")
    reported_start = article.text.index("talks")
    return quotes_frame(
        [
            quote_row(article, quote_start, quote_end, "Yuko Arakawa", "direct"),
            quote_row(article, reported_start, len(article.text) - 2, "Officials", "reported"),
        ]
    )


def quote_row(article: Article, start: int, end: int, speaker: str | None, kind: str) -> QuoteRow:
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


class MarkParser(HTMLParser):
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


def parse_marks(html: str) -> MarkParser:
    parser = MarkParser()
    parser.feed(html)
    return parser
