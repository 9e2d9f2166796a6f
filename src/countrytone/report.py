"""The annotated article and the HTML report: every country mention coloured by its tone.

``highlight`` gives one article's text with each country mention coloured on the heatmaps'
diverging scale and each quotation or reported statement marked by its speaker; it shows itself
in Jupyter. ``write_report`` writes a self-contained HTML report of many articles: an overview
(tone toward each country, over time, by source, the articles ranked by how strongly they lean),
then each article's annotated text, its paragraph x country heatmap and its speaker x country
table. Pages load nothing from anywhere: styles are inline, charts inline SVG, and there is no
script. Markup lives in the Jinja2 templates beside this module, which escape every piece of
article text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from countrytone.articles import Article, Part
from countrytone.countries import country_name
from countrytone.errors import CountrytoneError
from countrytone.plots import (
    DARK_CELL,
    DIVERGING_CMAP,
    LINE_STYLES,
    MAX_COLUMNS,
    source_heatmap,
    tone_over_time,
)
from countrytone.tables import ARTICLE_VOICE, aggregate
from countrytone.writers import written_whole

__all__ = ["AnnotatedArticle", "highlight", "write_report"]

# Attribution kinds that decide who speaks (DESIGN.md, Speaker); others are not marked.
SPEAKING_KINDS = ("direct", "reported")
# Speakers' colours, white names on them: the Okabe-Ito palette without its blues (the tone
# scale's) and its yellow (too light under white text), and a grey.
SPEAKER_COLOURS = (
    *(colour for colour, _ in LINE_STYLES if colour not in {"#0072B2", "#56B4E9", "#F0E442"}),
    "#7f7f7f",
)
UNKNOWN_SPEAKER = "unknown speaker"
# Tone over time, in the period that suits the corpus's span: the mean of the last two periods.
OVER_TIME_WINDOW = 2
# A country needs this many sentences in an article to be named as the one it leans on most.
MIN_LEAN_SENTENCES = 2


@dataclass(frozen=True)
class _Mark:
    """A highlighted country mention."""

    country: str
    speaker: str
    colour: str
    ink: str
    tip: str


@dataclass(frozen=True)
class _Voice:
    """Who speaks in a run of text: a direct quote or reported speech."""

    speaker: str
    kind: str
    colour: str
    first: bool


@dataclass(frozen=True)
class _Piece:
    text: str
    mark: _Mark | None = None


@dataclass(frozen=True)
class _Run:
    pieces: tuple[_Piece, ...]
    voice: _Voice | None


@dataclass(frozen=True)
class _Block:
    """A paragraph (or the title) as runs of text."""

    part: str
    index: int | None
    runs: tuple[_Run, ...]


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article's text with its country mentions and attributions marked.

    Shows itself in Jupyter (``_repr_html_``); ``html`` is the fragment without its stylesheet.
    """

    article_id: str
    title: str | None
    meta: tuple[str, ...]
    blocks: tuple[_Block, ...]
    speakers: tuple[tuple[str, str], ...]
    mentions: int

    @property
    def html(self) -> str:
        """The annotated text as an HTML fragment, without its stylesheet."""
        return str(_render("annotated.html.j2", annotated=self))

    def _repr_html_(self) -> str:
        return str(_render("highlight.html.j2", annotated=self, css=_css()))


def highlight(
    mentions: pd.DataFrame,
    article: Article,
    *,
    quotes: pd.DataFrame | None = None,
    country: str | None = None,
    speaker: str | None = None,
) -> AnnotatedArticle:
    """One article's text, each country mention coloured by the tone toward it.

    Mentions are coloured on the heatmaps' scale (red negative, blue positive); hovering one
    shows its country, speaker, label, score and probabilities. Quotations (solid underline)
    and reported speech (dashed) are marked in their speaker's colour and named where they
    start.

    Args:
        mentions: the mentions table from ``analyze``; only the rows of ``article`` are used.
        article: the article the rows come from.
        quotes: its quotes table (``quotes_table``); found here (the spaCy pipeline loaded
            once per process) when None.
        country: colour only the mentions of this ISO-3 code.
        speaker: colour only the mentions (and mark only the attributions) of this speaker;
            ``"(article)"`` is the article's own voice.

    Returns:
        An ``AnnotatedArticle``, shown as HTML by Jupyter.
    """
    if quotes is None:
        from countrytone.pipeline import quotes_table

        quotes = quotes_table([article])
    rows = mentions[mentions["article_id"] == article.id]
    if country is not None:
        rows = rows[rows["country"] == country]
    if speaker is not None:
        rows = rows[rows["speaker"].fillna(ARTICLE_VOICE) == speaker]
    attributions = quotes[
        (quotes["article_id"] == article.id) & quotes["kind"].isin(SPEAKING_KINDS)
    ]
    if speaker is not None:
        attributions = attributions[attributions["speaker"].fillna(UNKNOWN_SPEAKER) == speaker]
    colours = _speaker_colours(attributions["speaker"].fillna(UNKNOWN_SPEAKER))
    marks = sorted(
        ((row["start"], row["end"], _mark(row)) for row in rows.to_dict("records")),
        key=lambda mark: mark[0],
    )
    spans = [
        (
            row["start"],
            row["end"],
            row["speaker"] if isinstance(row["speaker"], str) else None,
            row["kind"],
        )
        for row in attributions.to_dict("records")
    ]
    blocks = tuple(
        _block(article, paragraph, marks, spans, colours) for paragraph in article.paragraphs
    )
    return AnnotatedArticle(
        article_id=article.id,
        title=None if _title_in_text(article) else article.title,
        meta=tuple(value for value in (article.date, article.source, article.section) if value),
        blocks=blocks,
        speakers=tuple(colours.items()),
        mentions=len(marks),
    )


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
    folder = str(out).endswith(("/", "\\")) or Path(out).is_dir()
    names = _page_names(articles) if folder else [""] * len(articles)
    links = [f"articles/{name}" if folder else f"#{_anchor(i)}" for i, name in enumerate(names)]
    overview = _overview(articles, mentions, links) if len(articles) > 1 else None
    by_article = dict(tuple(mentions.groupby("article_id", sort=False)))
    empty = mentions.iloc[0:0]
    sections = [
        _section(article, by_article.get(article.id, empty), quotes, anchor=_anchor(i))
        for i, article in enumerate(articles)
    ]
    css = _css()
    try:
        if not folder:
            path = Path(out)
            _write(path, _render("report.html.j2", overview=overview, sections=sections, css=css))
            return [path]
        root = Path(out)
        index = root / "index.html"
        _write(index, _render("report.html.j2", overview=overview, sections=[], css=css))
        written = [index]
        for name, section in zip(names, sections, strict=True):
            page = root / "articles" / name
            html = _render("report.html.j2", sections=[section], css=css, back="../index.html")
            _write(page, html)
            written.append(page)
        return written
    except OSError as error:
        raise CountrytoneError(f"{out}: cannot write the report ({error.strerror})") from None


# ---------------------------------------------------------------------------------------------
# The annotated text.


def tone_colour(score: float) -> tuple[str, str]:
    """The background of a score on the heatmaps' diverging scale, and a readable ink on it."""
    red, green, blue, _ = matplotlib.colormaps[DIVERGING_CMAP]((score + 1) / 2)
    background = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
    return background, "#ffffff" if abs(score) > DARK_CELL else "#000000"


def _mark(row: Mapping[Any, Any]) -> _Mark:
    speaker = row["speaker"] if isinstance(row["speaker"], str) else ARTICLE_VOICE
    background, ink = tone_colour(float(row["score"]))
    quoted = " (in a quotation)" if row["in_quote"] is True else ""
    tip = (
        f"{country_name(row['country'])} ({row['country']})\n"
        f"speaker: {speaker}{quoted}\n"
        f"{row['label']} {float(row['score']):+.2f}\n"
        f"p negative {row['p_negative']:.2f} · neutral {row['p_neutral']:.2f} · "
        f"positive {row['p_positive']:.2f}"
    )
    return _Mark(country=row["country"], speaker=speaker, colour=background, ink=ink, tip=tip)


def _speaker_colours(speakers: pd.Series[str]) -> dict[str, str]:
    names = list(dict.fromkeys(speakers))
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(names)}


def _block(
    article: Article,
    paragraph: Any,
    marks: list[tuple[int, int, _Mark]],
    spans: list[tuple[int, int, str | None, str]],
    colours: Mapping[str, str],
) -> _Block:
    """A paragraph cut into runs of one voice, each into plain text and marked mentions.

    A run ends where an attribution starts or ends, except inside a mention, which stays whole
    (it then belongs to the run it starts in). A speaker is named where they first speak in the
    paragraph.
    """
    start, end = paragraph.start, paragraph.end
    inside = [(s, e, mark) for s, e, mark in marks if start <= s and e <= end]
    cuts = {start, end} | {
        point
        for s, e, _, _ in spans
        for point in (s, e)
        if start < point < end and not any(ms < point < me for ms, me, _ in inside)
    }
    bounds = sorted(cuts)
    runs = []
    named: set[str] = set()
    for run_start, run_end in pairwise(bounds):
        holding = [span for span in spans if span[0] <= run_start and run_end <= span[1]]
        voice = None
        if holding:
            known = [span for span in holding if span[2] is not None] or holding
            _, _, name, kind = min(known, key=lambda span: span[1] - span[0])
            speaker = name or UNKNOWN_SPEAKER
            voice = _Voice(speaker, kind, colours[speaker], first=speaker not in named)
            named.add(speaker)
        runs.append(_Run(_pieces(article.text, run_start, run_end, inside), voice))
    return _Block(paragraph.part.value, paragraph.index, tuple(runs))


def _pieces(
    text: str, start: int, end: int, marks: list[tuple[int, int, _Mark]]
) -> tuple[_Piece, ...]:
    pieces = []
    position = start
    for mark_start, mark_end, mark in marks:
        if mark_start < start or mark_start >= end:
            continue
        if mark_start > position:
            pieces.append(_Piece(text[position:mark_start]))
        pieces.append(_Piece(text[mark_start:mark_end], mark))
        position = mark_end
    if position < end:
        pieces.append(_Piece(text[position:end]))
    return tuple(pieces)


def _title_in_text(article: Article) -> bool:
    return any(paragraph.part is Part.TITLE for paragraph in article.paragraphs)


# ---------------------------------------------------------------------------------------------
# The report's sections.


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


def _section(
    article: Article, mentions: pd.DataFrame, quotes: pd.DataFrame, *, anchor: str
) -> _Section:
    annotated = highlight(mentions, article, quotes=quotes)
    if mentions.empty:
        return _Section(anchor, annotated, None, None)
    table = aggregate(mentions, by="paragraph")
    table["row"] = table["paragraph"].fillna(-1).astype(int)
    labels = {
        -1 if p.index is None else p.index: "title" if p.index is None else f"¶{p.index}"
        for p in article.paragraphs
    }
    paragraphs = _grid(
        table,
        rows="row",
        labels=labels,
        caption="Tone toward each country by paragraph",
        header="paragraph",
    )
    speakers = aggregate(mentions, by="speaker")
    volume = speakers.groupby("speaker")["sentences"].sum()
    order = sorted(volume.index, key=lambda name: (name != ARTICLE_VOICE, -volume[name], name))
    grid = _grid(
        speakers,
        rows="speaker",
        labels={name: name for name in order},
        caption="Tone toward each country by speaker",
        header="speaker",
    )
    return _Section(anchor, annotated, paragraphs, grid)


def _grid(
    table: pd.DataFrame, *, rows: str, labels: Mapping[Any, str], caption: str, header: str
) -> _Grid:
    """An aggregate table as a heatmap grid: the countries with most sentences, as the charts."""
    countries = (
        table.groupby("country")["sentences"].sum().sort_values(ascending=False, kind="stable")
    ).index[:MAX_COLUMNS]
    cells = {(row[rows], row["country"]): row for _, row in table.iterrows()}
    grid_rows = []
    for key, label in labels.items():
        line = []
        for code in countries:
            row = cells.get((key, code))
            line.append(None if row is None else _cell(row, where=label))
        grid_rows.append((label, tuple(line)))
    names = tuple(country_name(code) for code in countries)
    return _Grid(caption, header, names, tuple(grid_rows))


def _cell(row: pd.Series[Any], *, where: str) -> _Cell:
    score = float(row["score"])
    colour, ink = tone_colour(score)
    sentences, count = int(row["sentences"]), int(row["mentions"])
    tip = (
        f"{country_name(row['country'])}, {where}: {score:+.2f}\n"
        f"{sentences} sentences, {count} mentions\n"
        f"negative {row['share_negative']:.0%} · neutral {row['share_neutral']:.0%} · "
        f"positive {row['share_positive']:.0%} of sentences"
    )
    return _Cell(f"{score:+.2f} ({sentences})", colour, ink, tip)


def _overview(
    articles: Sequence[Article], mentions: pd.DataFrame, links: Sequence[str]
) -> _Overview:
    notes = []
    charts = []
    countries = None
    if not mentions.empty:
        overall = aggregate(mentions, by="country").assign(row="all articles")
        countries = _grid(
            overall,
            rows="row",
            labels={"all articles": "all articles"},
            caption="Tone toward each country, all articles",
            header="",
        )
    dated = mentions[mentions["date"].notna()]
    if dated.empty:
        notes.append("No article carries a date: there is no chart over time.")
    else:
        charts.append(
            (
                "Tone over time",
                _svg(tone_over_time(dated, window=OVER_TIME_WINDOW)),
            )
        )
    if mentions["source"].notna().any():
        charts.append(("By source", _svg(source_heatmap(mentions))))
    else:
        notes.append("No article carries a source: there is no chart by source.")
    return _Overview(
        articles=len(articles),
        mentions=len(mentions),
        countries=countries,
        charts=tuple(charts),
        ranked=_ranking(articles, mentions, links),
        notes=tuple(notes),
    )


def _ranking(
    articles: Sequence[Article], mentions: pd.DataFrame, links: Sequence[str]
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
                country=country_name(top["country"]),
                cell=_cell(top, where=article.title or article.id),
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


def _page_names(articles: Iterable[Article]) -> list[str]:
    """A file name per article: its number, then its id's stem in lower-case letters and digits."""
    names = []
    for number, article in enumerate(articles, start=1):
        stem = re.sub(r"[^a-z0-9]+", "-", Path(article.id).stem.lower()).strip("-")
        names.append(f"{number:04d}-{stem}.html")
    return names


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as partial:
        partial.write_text(html, encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("countrytone", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css() -> Markup:
    source, _, _ = _environment().loader.get_source(_environment(), "report.css")  # type: ignore[union-attr]
    return Markup(source)


def _render(template: str, **context: object) -> Markup:
    return Markup(_environment().get_template(template).render(**context))
