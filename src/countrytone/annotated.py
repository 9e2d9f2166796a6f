"""The annotated article: its text with every country mention coloured by the tone toward it.

``highlight`` gives one article's text with each country mention coloured on the heatmaps'
diverging scale and each quotation or reported statement marked by its speaker; it shows itself
in Jupyter, loads nothing from anywhere and holds no script. The report (``countrytone.report``)
shows each article this way.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.colors import Colormap

from countrytone.articles import Article, Part
from countrytone.gazetteer import parse_country_code
from countrytone.plots import DARK_CELL, DIVERGING_CMAP, LINE_STYLES
from countrytone.saved_tables import articles_from_text
from countrytone.tables import ARTICLE_VOICE, NoRowsWarning, own_targets, target_names, target_noun
from countrytone.templating import render, stylesheet

__all__ = ["AnnotatedArticle", "highlight", "tone_colour"]

# Attribution kinds that decide who speaks (docs/definitions.md, speakers); others are not marked.
SPEAKING_KINDS = ("direct", "reported")
# Speakers' colours, white names on them: the Okabe-Ito palette without its blues (the tone
# scale's) and its yellow (too light under white text), and a grey.
SPEAKER_COLOURS = (
    *(colour for colour, _ in LINE_STYLES if colour not in {"#0072B2", "#56B4E9", "#F0E442"}),
    "#7f7f7f",
)
UNKNOWN_SPEAKER = "unknown speaker"


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
    target_noun: str = "country"  # "target" where blocs or one's own targets are marked

    @property
    def html(self) -> str:
        """The annotated text as an HTML fragment, without its stylesheet."""
        return str(render("annotated.html.j2", annotated=self))

    def _repr_html_(self) -> str:
        return str(render("highlight.html.j2", annotated=self, css=stylesheet()))


def highlight(
    mentions: pd.DataFrame,
    article: Article | str,
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
        article: the article the rows come from, or its id in the table: the table must then
            carry the articles' text (``analyze --with-text``, ``saved_tables``).
        quotes: its quotes table (``quotes_table``); found here (the spaCy pipeline loaded
            once per process) when None.
        country: colour only the mentions of this country (or bloc, or one's own target), as
            ``countries.parse_country_code`` reads it (``"irn"``, ``"Iran"``, ``"EU"``).
        speaker: colour only the mentions (and mark only the attributions) of this speaker;
            ``"(article)"`` is the article's own voice.

    Returns:
        An ``AnnotatedArticle``, shown as HTML by Jupyter. When a filter keeps no mention, a
        ``tables.NoRowsWarning`` says which.

    Raises:
        ValueError: ``article`` is an id the table lacks, or the table has no text to show it
            by; ``country`` is not a known country.
    """
    article = _article_of(mentions, article) if isinstance(article, str) else article
    rows = mentions[mentions["article_id"] == article.id]
    wanted = []
    if country is not None:
        code = parse_country_code(country, own=own_targets(mentions))
        rows = rows[rows["country"] == code]
        wanted.append(f"of {code}")
    if speaker is not None:
        rows = rows[rows["speaker"].fillna(ARTICLE_VOICE) == speaker]
        wanted.append(f"spoken by {speaker!r}")
    if wanted and rows.empty:
        message = f"{article.id}: no mention {' '.join(wanted)}"
        warnings.warn(NoRowsWarning(message), stacklevel=2)
    if quotes is None:
        from countrytone.pipeline import quotes_table

        quotes = quotes_table([article])
    attributions = quotes[
        (quotes["article_id"] == article.id) & quotes["kind"].isin(SPEAKING_KINDS)
    ]
    if speaker is not None:
        attributions = attributions[attributions["speaker"].fillna(UNKNOWN_SPEAKER) == speaker]
    colours = _speaker_colours(attributions["speaker"].fillna(UNKNOWN_SPEAKER))
    names = target_names(rows)
    marks = sorted(
        ((row["start"], row["end"], _mark(row, names)) for row in rows.to_dict("records")),
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
        target_noun=target_noun(rows),
    )


def _article_of(mentions: pd.DataFrame, article_id: str) -> Article:
    """The article of an id from the table's ``text`` column."""
    rows = mentions[mentions["article_id"] == article_id]
    if rows.empty:
        known = ", ".join(repr(name) for name in mentions["article_id"].unique()[:5])
        raise ValueError(f"no article {article_id!r} in the table (its articles: {known}, ...)")
    if "text" not in rows.columns:
        raise ValueError(
            f"the table has no 'text' column to show article {article_id!r} by: pass the "
            "Article (read_articles), or a table written by analyze --with-text"
        )
    [article] = articles_from_text(rows.head(1))
    return article


def tone_colour(score: float) -> tuple[str, str]:
    """The background of a score on the heatmaps' diverging scale, and a readable ink on it."""
    red, green, blue, _ = _tone_scale()((score + 1) / 2)
    background = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
    return background, "#ffffff" if abs(score) > DARK_CELL else "#000000"


@cache
def _tone_scale() -> Colormap:
    # matplotlib's registry hands out a new copy of a colour map on every lookup, which builds
    # its lookup table on first use: a report colours tens of thousands of cells with one copy.
    return matplotlib.colormaps[DIVERGING_CMAP]


def _mark(row: Mapping[Any, Any], names: Mapping[str, str]) -> _Mark:
    speaker = row["speaker"] if isinstance(row["speaker"], str) else ARTICLE_VOICE
    background, ink = tone_colour(float(row["score"]))
    quoted = " (in a quotation)" if row["in_quote"] is True else ""
    tip = (
        f"{names[row['country']]} ({row['country']})\n"
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
