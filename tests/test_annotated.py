"""The annotated article on hand-built tables (no model)."""

import pandas as pd
import pytest

from countrytone.annotated import AnnotatedArticle, highlight, tone_colour
from countrytone.articles import Article, parse_article
from countrytone.tables import NoRowsWarning, mentions_frame, quotes_frame
from tests.annotated_sample import (
    parse_marks,
    quote_row,
    sample_article,
    sample_mentions,
    sample_quotes,
)


@pytest.fixture
def article() -> Article:
    return sample_article()


@pytest.fixture
def mentions(article: Article) -> pd.DataFrame:
    return sample_mentions(article)


@pytest.fixture
def quotes(article: Article) -> pd.DataFrame:
    return sample_quotes(article)


def test_annotated_highlight_marks_each_mention_once_with_its_tooltip(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    annotated = highlight(mentions, article, quotes=quotes)
    parsed = parse_marks(annotated.html)
    assert annotated.mentions == len(mentions)
    assert [text for text, _ in parsed.marks] == list(mentions["mention"])
    _, first_china = parsed.marks[2]
    assert first_china["data-tip"] == (
        "China (CHN)\nspeaker: Yuko Arakawa\nnegative -0.90\n"
        "p negative 0.90 · neutral 0.10 · positive 0.00"
    )
    assert tone_colour(-0.9)[0] in (first_china["style"] or "")
    assert parsed.runs == ["Yuko Arakawa", "Officials"]


def test_annotated_highlight_escapes_article_text(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    html = highlight(mentions, article, quotes=quotes)._repr_html_()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "</mark> &amp; <mark" in html
    assert parse_marks(html).scripts == 0


@pytest.mark.parametrize(
    ("options", "marked"),
    [
        ({"country": "CHN"}, ["China", "China"]),
        ({"speaker": "Yuko Arakawa"}, ["China"]),
        ({"speaker": "(article)"}, ["China", "Japan", "Japan", "Australia"]),
        # Any case, a name: was nothing marked but for "JPN".
        ({"country": "jpn"}, ["Japan", "Japan"]),
        ({"country": "Japan"}, ["Japan", "Japan"]),
    ],
)
def test_annotated_highlight_filters(
    article: Article,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    options: dict[str, str],
    marked: list[str],
) -> None:
    annotated = highlight(mentions, article, quotes=quotes, **options)
    assert [text for text, _ in parse_marks(annotated.html).marks] == marked


@pytest.mark.parametrize(
    ("options", "warning"),
    [
        ({"country": "JPN", "speaker": "Officials"}, "no mention of JPN spoken by 'Officials'"),
        ({"country": "Iran"}, "no mention of IRN"),
        ({"speaker": "Xi Jinping"}, "no mention spoken by 'Xi Jinping'"),
    ],
)
def test_annotated_highlight_says_when_a_filter_marks_nothing(
    article: Article,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    options: dict[str, str],
    warning: str,
) -> None:
    with pytest.warns(NoRowsWarning, match=f"^{article.id}: {warning}$"):
        annotated = highlight(mentions, article, quotes=quotes, **options)
    assert parse_marks(annotated.html).marks == []


def test_annotated_highlight_unknown_country_raises(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    with pytest.raises(ValueError, match="unknown country 'XXX'"):  # was nothing marked
        highlight(mentions, article, quotes=quotes, country="XXX")


def test_annotated_highlight_takes_an_article_id_of_a_table_with_text(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> None:
    with_text = mentions.assign(text=article.text, date=pd.Timestamp(str(article.date)))
    # Was an AttributeError traceback ('str' object has no attribute 'id').
    by_id = highlight(with_text, article.id, quotes=quotes)
    assert by_id.html == highlight(mentions, article, quotes=quotes).html
    with pytest.raises(ValueError, match="no 'text' column to show article"):
        highlight(mentions, article.id, quotes=quotes)
    with pytest.raises(ValueError, match="no article 'h1' in the table"):
        highlight(with_text, "h1", quotes=quotes)


def test_annotated_highlight_keeps_a_mention_whole_across_a_quote_edge(
    article: Article, mentions: pd.DataFrame
) -> None:
    # An attribution that ends inside "Australia": the mention stays one mark.
    inside = article.text.index("Australia") + 3
    quotes = quotes_frame([quote_row(article, 0, inside, None, "reported")])
    parsed = parse_marks(highlight(mentions, article, quotes=quotes).html)
    assert [text for text, _ in parsed.marks] == list(mentions["mention"])
    assert set(parsed.runs) == {"unknown speaker"}


def test_annotated_highlight_title_of_a_corpus_row() -> None:
    article = parse_article("China spoke.", article_id="r", title="A <b>row</b> title")
    annotated = highlight(mentions_frame([]), article, quotes=quotes_frame([]))
    assert isinstance(annotated, AnnotatedArticle)
    assert "A &lt;b&gt;row&lt;/b&gt; title" in annotated.html
    assert annotated.mentions == 0
