"""The HTML report of many articles: an overview, then each article's annotated text and grids.

``write_report`` writes a self-contained report: an overview (tone toward each country, over
time, by source, the articles ranked by how strongly they lean), then each article's annotated
text (``countrytone.annotated``), its paragraph x country heatmap and its speaker x country
table. Pages load nothing from anywhere: styles are inline, charts inline SVG, and there is no
script. Markup lives in the Jinja2 templates (``countrytone.templating``), which escape every
piece of article text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from markupsafe import Markup

from countrytone.annotated import AnnotatedArticle, highlight, tone_colour
from countrytone.articles import Article
from countrytone.errors import CountrytoneError
from countrytone.plots import MAX_COLUMNS, source_heatmap, tone_over_time
from countrytone.tables import (
    ARTICLE_VOICE,
    aggregate,
    paragraph_row,
    paragraph_rows,
    row_name,
    target_names,
    target_noun,
)
from countrytone.templating import render, stylesheet
from countrytone.writers import is_folder, numbered_names, written_whole

__all__ = ["write_report"]

# A country needs this many sentences in an article to be named as the one it leans on most.
MIN_LEAN_SENTENCES = 2


def write_report(
    articles: Sequence[Article],
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    *,
    out: str | Path,
) -> list[Path]:
    """Write the HTML report of the articles: one file, or a folder of files.

    With several articles an overview comes first. ``out`` ending in ``/`` (or naming an
    existing folder) gets ``index.html`` (the overview) and one page per article under
    ``articles/``, which keeps a large corpus quick to open; otherwise ``out`` is one file
    holding everything.

    Args:
        articles: the articles, in the order their sections appear.
        mentions: their mentions table (``analyze_articles``).
        quotes: their quotes table (``quotes_table``).
        out: the file or folder to write.

    Returns:
        The files written, the main one first.

    Raises:
        CountrytoneError: the report cannot be written there.
    """
    folder = is_folder(out)
    ids = [article.id for article in articles]
    names = numbered_names(ids, suffix=".html") if folder else [""] * len(articles)
    links = [f"articles/{name}" if folder else f"#{_anchor(i)}" for i, name in enumerate(names)]
    naming = _Naming(
        target_names(mentions), target_noun(mentions), target_noun(mentions, plural=True)
    )
    overview = _overview(articles, mentions, links, naming) if len(articles) > 1 else None
    tables_of = _per_article(mentions, quotes)
    sections = [
        _section(article, tables_of(article.id), naming, anchor=_anchor(i))
        for i, article in enumerate(articles)
    ]
    page = {"css": stylesheet(), "noun": naming.noun, "nouns": naming.nouns}
    try:
        if not folder:
            path = Path(out)
            _write(path, render("report.html.j2", overview=overview, sections=sections, **page))
            return [path]
        root = Path(out)
        index = root / "index.html"
        _write(index, render("report.html.j2", overview=overview, sections=[], **page))
        written = [index]
        for name, section in zip(names, sections, strict=True):
            path = root / "articles" / name
            html = render("report.html.j2", sections=[section], back="../index.html", **page)
            _write(path, html)
            written.append(path)
        return written
    except OSError as error:
        raise CountrytoneError(f"{out}: cannot write the report ({error.strerror})") from None


@dataclass(frozen=True)
class _Naming:
    """How the report names the targets: each by its code, and what they all are."""

    names: Mapping[str, str]
    noun: str  # "country", or "target" where blocs or one's own targets are among them
    nouns: str


@dataclass(frozen=True)
class _Cell:
    text: str
    colour: str
    ink: str
    tip: str


@dataclass(frozen=True)
class _Grid:
    """Rows x countries, each cell the mean score and the sentences behind it."""

    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[_Cell | None, ...]], ...]


@dataclass(frozen=True)
class _Section:
    anchor: str
    annotated: AnnotatedArticle
    paragraphs: _Grid | None
    speakers: _Grid | None


@dataclass(frozen=True)
class _Ranked:
    link: str
    title: str
    meta: str
    strength: float
    country: str
    cell: _Cell


@dataclass(frozen=True)
class _Overview:
    articles: int
    mentions: int
    countries: _Grid | None
    charts: tuple[tuple[str, Markup], ...]
    ranked: tuple[_Ranked, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _ArticleTables:
    """One article's rows of the corpus's tables."""

    mentions: pd.DataFrame
    quotes: pd.DataFrame
    by_paragraph: pd.DataFrame
    by_speaker: pd.DataFrame


def _per_article(mentions: pd.DataFrame, quotes: pd.DataFrame) -> Callable[[str], _ArticleTables]:
    """Each article's tables by its id: the corpus's aggregated and grouped once (two
    ``aggregate`` calls per article took most of a report's time, in pandas' cost per call)."""
    tables = (
        mentions,
        quotes,
        aggregate(mentions, by="paragraph"),
        aggregate(mentions, by=["article_id", "speaker"]),
    )
    groups = [dict(tuple(table.groupby("article_id", sort=False))) for table in tables]
    empty = [table.iloc[0:0] for table in tables]

    def tables_of(article_id: str) -> _ArticleTables:
        return _ArticleTables(
            *(rows.get(article_id, none) for rows, none in zip(groups, empty, strict=True))
        )

    return tables_of


def _section(article: Article, tables: _ArticleTables, naming: _Naming, *, anchor: str) -> _Section:
    annotated = highlight(tables.mentions, article, quotes=tables.quotes)
    if tables.mentions.empty:
        return _Section(anchor, annotated, None, None)
    table = tables.by_paragraph.assign(row=paragraph_rows(tables.by_paragraph["paragraph"]))
    rows = [paragraph_row(paragraph.index) for paragraph in article.paragraphs]
    labels = {row: row_name(row) for row in rows}
    paragraphs = _grid(
        table,
        naming,
        rows="row",
        labels=labels,
        caption=f"Tone toward each {naming.noun} by paragraph",
        header="paragraph",
    )
    speakers = tables.by_speaker
    volume = speakers.groupby("speaker")["sentences"].sum()
    order = sorted(volume.index, key=lambda name: (name != ARTICLE_VOICE, -volume[name], name))
    grid = _grid(
        speakers,
        naming,
        rows="speaker",
        labels={name: name for name in order},
        caption=f"Tone toward each {naming.noun} by speaker",
        header="speaker",
    )
    return _Section(anchor, annotated, paragraphs, grid)


def _grid(
    table: pd.DataFrame,
    naming: _Naming,
    *,
    rows: str,
    labels: Mapping[Any, str],
    caption: str,
    header: str,
) -> _Grid:
    """An aggregate table as a heatmap grid: the countries with most sentences, as the charts,
    the caption saying how many of how many when not all."""
    volume = table.groupby("country")["sentences"].sum().sort_values(ascending=False, kind="stable")
    countries = volume.index[:MAX_COLUMNS]
    if len(countries) < len(volume):
        caption += f" ({len(countries)} of {len(volume)} {naming.nouns}, the most mentioned)"
    cells = {(row[rows], row["country"]): row for row in table.to_dict("records")}
    grid_rows = []
    for key, label in labels.items():
        line = []
        for code in countries:
            row = cells.get((key, code))
            line.append(None if row is None else _cell(row, naming, where=label))
        grid_rows.append((label, tuple(line)))
    names = tuple(naming.names[code] for code in countries)
    return _Grid(caption, header, names, tuple(grid_rows))


def _cell(row: Mapping[Any, Any], naming: _Naming, *, where: str) -> _Cell:
    score = float(row["score"])
    colour, ink = tone_colour(score)
    sentences, count = int(row["sentences"]), int(row["mentions"])
    tip = (
        f"{naming.names[row['country']]}, {where}: {score:+.2f}\n"
        f"{sentences} sentences, {count} mentions\n"
        f"negative {row['share_negative']:.0%} · neutral {row['share_neutral']:.0%} · "
        f"positive {row['share_positive']:.0%} of sentences"
    )
    return _Cell(f"{score:+.2f} ({sentences})", colour, ink, tip)


def _overview(
    articles: Sequence[Article], mentions: pd.DataFrame, links: Sequence[str], naming: _Naming
) -> _Overview:
    notes = []
    charts = []
    countries = None
    if not mentions.empty:
        overall = aggregate(mentions, by="country").assign(row="all articles")
        countries = _grid(
            overall,
            naming,
            rows="row",
            labels={"all articles": "all articles"},
            caption=f"Tone toward each {naming.noun}, all articles",
            header="",
        )
    dated = mentions[mentions["date"].notna()]
    if dated.empty:
        notes.append("No article carries a date: there is no chart over time.")
    else:
        # The period that suits the corpus's span, and plot's rolling window (ROLLING_WINDOW).
        charts.append(("Tone over time", _svg(tone_over_time(dated))))
    if mentions["source"].notna().any():
        charts.append(("By source", _svg(source_heatmap(mentions))))
    else:
        notes.append("No article carries a source: there is no chart by source.")
    return _Overview(
        articles=len(articles),
        mentions=len(mentions),
        countries=countries,
        charts=tuple(charts),
        ranked=_ranking(articles, mentions, links, naming),
        notes=tuple(notes),
    )


def _ranking(
    articles: Sequence[Article], mentions: pd.DataFrame, links: Sequence[str], naming: _Naming
) -> tuple[_Ranked, ...]:
    """Articles by how strongly they lean: the sentence-weighted mean |score| of their countries.

    Each names the country it leans on most: the largest |score| among countries with at least
    ``MIN_LEAN_SENTENCES`` sentences (any country when none has).
    """
    if mentions.empty:
        return ()
    table = aggregate(mentions, by="article")
    table["strength"] = table["score"].abs()
    ranked = []
    groups = dict(tuple(table.groupby("article_id", sort=False)))
    for article, link in zip(articles, links, strict=True):
        rows = groups.get(article.id)
        if rows is None:
            continue
        strength = float((rows["strength"] * rows["sentences"]).sum() / rows["sentences"].sum())
        candidates = rows[rows["sentences"] >= MIN_LEAN_SENTENCES]
        top = (candidates if not candidates.empty else rows).sort_values("strength").iloc[-1]
        meta = " · ".join(value for value in (article.date, article.source) if value)
        ranked.append(
            _Ranked(
                link=link,
                title=article.title or article.id,
                meta=meta,
                strength=strength,
                country=naming.names[top["country"]],
                cell=_cell(top.to_dict(), naming, where=article.title or article.id),
            )
        )
    return tuple(sorted(ranked, key=lambda item: -item.strength))


def _svg(ax: Any) -> Markup:
    """A chart as inline SVG, its text kept as text (smaller, selectable); its figure closed."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}):
        ax.figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(ax.figure)
    svg = buffer.getvalue()
    return Markup(svg[svg.index("<svg") :])


def _anchor(index: int) -> str:
    return f"article-{index + 1}"


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as partial:
        partial.write_text(html, encoding="utf-8")
