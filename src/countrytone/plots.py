"""Charts: matplotlib functions that take a tidy table and return the Axes they drew on.

Every function takes a tidy table first (the mentions table from ``analyze``; for the model
charts, the predictions table of ``countrytone.evaluation``), options by keyword, ``ax=None``
(a new figure's Axes when None), and returns the Axes. A table with nothing to draw gives Axes
that say what is missing ("no rows with a source"), and an ``EmptyChartWarning``.
Scores use one blue-red diverging map centred on 0, readable for people who see red and green
poorly: blue is positive, red negative.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import cycle
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from pandas.io.formats.style import Styler

from countrytone.articles import Article
from countrytone.errors import InputWarning
from countrytone.gazetteer import country_name, parse_country_codes
from countrytone.tables import (
    ARTICLE_VOICE,
    LABELS,
    PROBABILITY_COLUMNS,
    ROLLING_WINDOW,
    TITLE_ROW,
    aggregate,
    evidence_table,
    own_targets,
    paragraph_row,
    paragraph_rows,
    period_for,
    rolling_tone,
    row_name,
    target_names,
    target_noun,
)

DIVERGING_CMAP = "RdBu"
# Counts and shares (confusion matrices) use one sequential blue map.
SEQUENTIAL_CMAP = "Blues"
# Words of a paragraph's first sentence shown in its row label.
LABEL_WORDS = 6
# Heatmap rows (speakers) and columns (countries) at most: beyond these, labels overlap and
# cells get too small to read; the largest by number of sentences are kept.
MAX_ROWS = 20
MAX_COLUMNS = 12
# Width and height of one annotated heatmap cell, in inches, for a new figure; the width of a
# character of a row label (10 pt), and of the colour bar with its labelled ticks.
CELL_INCHES = (0.9, 0.45)
LABEL_CHAR_INCHES = 0.075
COLOUR_BAR_INCHES = 1.6
# The least height of a new heatmap, so that a strip of one row still holds its colour bar's
# three labelled ticks.
MIN_HEATMAP_INCHES = 2.5
# How far apart the markers of a tone arc's countries sit on one paragraph, in paragraphs: the
# lines of several countries scored alike would hide one another's markers.
ARC_DODGE = 0.08
# Lines: the Okabe-Ito palette, told apart with any colour vision, and a marker each as well.
LINE_STYLES = tuple(
    zip(
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"),
        "osD^vP*X",
        strict=True,
    )
)
# Countries drawn as lines when none are chosen: more lines than this cannot be told apart.
MAX_LINES = 5
# The periods of tone_over_time by their pandas alias, named for the axis and title.
PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# Date ticks at most: beyond these, the labels of a long span overlap.
MAX_DATE_TICKS = 12
# A |score| above this gets white text on its dark heatmap cell.
DARK_CELL = 0.6


def paragraph_heatmap(
    mentions: pd.DataFrame,
    *,
    article_id: str | None = None,
    article: Article | None = None,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_COLUMNS,
    ax: Axes | None = None,
) -> Axes:
    """Paragraph x country heatmap of one article's tone, the title as its own first row.

    Cells show the mean score and, below it, the number of sentences behind it; cells without
    mentions stay blank, and so do the rows of paragraphs that mention no country (the rows are
    the article's layout, so none is dropped). Rows are labelled with the paragraph number and
    first words; the chart is titled with the article's title and date when ``article`` is
    given, else with its id.

    Args:
        mentions: the mentions table from ``analyze``.
        article_id: the article to draw; may be omitted when the table holds one article.
        article: the article itself, when at hand: then every paragraph gets a row labelled
            with the paragraph's own first words; without it, rows run from the title (when
            it has mentions) and paragraph 0 to the last paragraph with mentions, labelled
            with the first words of their first sentence that mentions a country.
        countries: the columns, as ``countries.parse_country_codes`` reads them; by default
            the ``top`` countries with the most sentences, the axis saying "12 of 21 countries"
            when there are more.
        top: how many countries to draw when ``countries`` is not given.
        ax: the Axes to draw on.

    Raises:
        ValueError: the table holds several articles and neither ``article_id`` nor
            ``article`` is given; ``countries`` names an unknown country.
    """
    mentions = _one_article(mentions, article.id if article else article_id)
    if mentions.empty:
        return _nothing_to_draw(ax, "no country mentions in this article")
    table = aggregate(mentions, by="paragraph")
    table["row"] = paragraph_rows(table["paragraph"])
    labels = _article_labels(article) if article else _paragraph_labels(mentions)
    grid = _Grid.of(
        table, mentions, rows="row", labels=labels.to_dict(), countries=countries, top=top
    )
    ax = _heatmap(grid, ax=ax)
    ax.set_ylabel("paragraph")
    noun = target_noun(mentions)
    _title(ax, f"Tone toward each {noun} by paragraph\n{_heading(mentions, article)}")
    return ax


def speaker_heatmap(
    mentions: pd.DataFrame,
    *,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_COLUMNS,
    max_speakers: int = MAX_ROWS,
    ax: Axes | None = None,
) -> Axes:
    """Speaker x country heatmap: how each speaker speaks of each country.

    The article's own voice is the first row, ``(article)``; the speakers with the most
    sentences follow, most first, ``max_speakers`` rows in all. Columns as
    ``paragraph_heatmap``'s (``countries=``, ``top=``); a speaker with no cell among them is
    left out, and the axis says how many speakers are drawn of how many ("20 of 35 speakers").

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    if mentions.empty:
        return _nothing_to_draw(ax, "no country mentions")
    table = aggregate(mentions, by="speaker")
    volume = table.groupby("speaker")["sentences"].sum()
    order = sorted(volume.index, key=lambda name: (name != ARTICLE_VOICE, -volume[name], name))
    rows = {name: name for name in order}
    grid = _Grid.of(table, mentions, rows="speaker", labels=rows, countries=countries, top=top)
    grid = grid.dense(max_rows=max_speakers)
    ax = _heatmap(grid, ax=ax)
    ax.set_ylabel(grid.rows_drawn("speaker", "speakers"))
    _title(ax, f"Tone toward each {target_noun(mentions)} by speaker")
    return ax


def dyad_heatmap(
    mentions: pd.DataFrame,
    *,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_COLUMNS,
    ax: Axes | None = None,
) -> Axes:
    """Speaker's country x country spoken of: how one side speaks of the other.

    Only mentions whose speaker belongs to or speaks for a country or a bloc
    (``speaker_country``: "an EU spokesperson" speaks for the European Union) count; the x axis
    label says how many rows with a speaker the chart leaves out for want of one. Columns and
    rows as ``speaker_heatmap``'s.

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    known = mentions["speaker_country"].notna()
    left_out = int((mentions["speaker"].notna() & ~known).sum())
    mentions = mentions[known]
    if mentions.empty:
        missing = "no rows with a speaker_country (a speaker of a country or bloc)"
        return _nothing_to_draw(ax, missing)
    table = aggregate(mentions, by="speaker_country")
    codes = sorted(table["speaker_country"].unique())
    rows = {code: country_name(code) for code in codes}
    grid = _Grid.of(
        table, mentions, rows="speaker_country", labels=rows, countries=countries, top=top
    )
    grid = grid.dense()
    ax = _heatmap(grid, ax=ax)
    ax.set_ylabel(grid.rows_drawn("speaker's country", "speakers' countries"))
    _title(ax, "How each side speaks of the other")
    if left_out:
        ax.set_xlabel(
            f"{ax.get_xlabel()}\n{left_out} rows with a speaker of no known country left out"
        )
    return ax


def tone_arc(
    mentions: pd.DataFrame,
    *,
    article_id: str | None = None,
    article: Article | None = None,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_LINES,
    ax: Axes | None = None,
) -> Axes:
    """Score toward each country along the paragraphs of one article, the title first.

    A country's line breaks over the paragraphs that do not mention it. The countries' markers
    on one paragraph sit a little apart (``ARC_DODGE``), so that equal scores stay visible.

    Args:
        mentions: the mentions table from ``analyze``.
        article_id: the article to draw; may be omitted when the table holds one article.
        article: the article itself, when at hand: the x axis then spans all its paragraphs
            and the chart is titled with its title and date (else with its id).
        countries: the countries to draw, as ``countries.parse_country_codes`` reads them; by
            default the ``top`` most mentioned, and the legend says so when there are more.
        top: how many countries to draw when ``countries`` is not given.
        ax: the Axes to draw on.

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    mentions = _one_article(mentions, article.id if article else article_id)
    if mentions.empty:
        return _nothing_to_draw(ax, "no country mentions in this article")
    ax = _axes(ax)
    table = aggregate(mentions, by="paragraph")
    table["row"] = paragraph_rows(table["paragraph"])
    rows = list(_article_labels(article).index if article else _paragraph_labels(mentions).index)
    chosen, legend = _chosen_countries(mentions, countries, top=top)
    names = target_names(mentions)
    styles = zip(chosen, cycle(LINE_STYLES), strict=False)
    for number, (code, (color, marker)) in enumerate(styles):
        # Missing paragraphs are NaN: matplotlib breaks the line there.
        line = table[table["country"] == code].set_index("row")["score"].reindex(rows)
        dodge = (number - (len(chosen) - 1) / 2) * ARC_DODGE
        x = np.asarray(rows, dtype=float) + dodge
        ax.plot(x, line.to_numpy(), marker=marker, color=color, label=names.get(code, code))
    ax.set_xticks(rows, ["title" if row == TITLE_ROW else str(row) for row in rows])
    _score_y_axis(ax)
    ax.set_xlabel("paragraph")
    _title(ax, f"Tone arc\n{_heading(mentions, article)}")
    ax.legend(title=legend)
    return ax


def tone_over_time(
    mentions: pd.DataFrame,
    *,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_LINES,
    freq: str | None = None,
    window: int = ROLLING_WINDOW,
    seed: int = 0,
    ax: Axes | None = None,
) -> Axes:
    """Tone toward countries over time: a rolling mean with a 95% bootstrap band.

    The line and band are ``countrytone.tables.rolling_tone``'s (sentences the unit, the mean
    over the last ``window`` periods of ``freq``, the band its 2.5 to 97.5 bootstrap
    percentiles). Each point sits at the start of its period, on a tick labelled with the
    period; a period in which a country is not mentioned has no point, and its line and band
    break there. The x axis spans the periods of the data and no more, and the title names the
    period. Rows without a date are left out.

    Args:
        mentions: the mentions table from ``analyze``.
        countries: the countries to draw, as ``countries.parse_country_codes`` reads them; by
            default the ``top`` most mentioned, and the legend says so when there are more.
        top: how many countries to draw when ``countries`` is not given.
        freq: the period, a pandas period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``;
            by default the one that suits the span of the dates (``tables.period_for``).
        window: the periods each mean pools (the report's and ``plot``'s, ``ROLLING_WINDOW``).
        seed: the seed of the bootstrap resamples.
        ax: the Axes to draw on.

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    dated = mentions[mentions["date"].notna()]
    if dated.empty:
        return _nothing_to_draw(ax, "no rows with a date")
    chosen, legend = _chosen_countries(dated, countries, top=top)
    freq = freq or period_for(dated["date"])
    tone = rolling_tone(dated, countries=chosen, freq=freq, window=window, seed=seed)
    if tone.empty:
        return _nothing_to_draw(ax, f"no dated rows of {', '.join(chosen)}")
    ax = _axes(ax)
    names = target_names(dated)
    for code, (color, marker) in zip(chosen, cycle(LINE_STYLES), strict=False):
        series = tone[tone["country"] == code]
        if series.empty:
            continue
        label = names.get(code, code)
        ax.plot(series["period"], series["mean"], marker=marker, color=color, label=label)
        ax.fill_between(series["period"], series["low"], series["high"], alpha=0.15, color=color)
    period = PERIOD_NAMES.get(freq.upper(), f"{freq} period")
    _period_x_axis(ax, tone["period"], freq=freq)
    _score_y_axis(ax)
    ax.set_xlabel(period)
    _title(
        ax,
        f"Tone over time: rolling mean of {window} {period}{'s' if window > 1 else ''}, "
        "95% bootstrap band",
    )
    ax.legend(title=legend)
    return ax


def source_heatmap(
    mentions: pd.DataFrame,
    *,
    countries: str | Sequence[str] | None = None,
    top: int = MAX_COLUMNS,
    ax: Axes | None = None,
) -> Axes:
    """Source x country heatmap over a corpus; rows without a source are left out.

    Columns and rows as ``speaker_heatmap``'s (``countries=``, ``top=``).

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    mentions = mentions[mentions["source"].notna()]
    if mentions.empty:
        return _nothing_to_draw(ax, "no rows with a source")
    table = aggregate(mentions, by="source")
    sources = {source: source for source in sorted(table["source"].unique())}
    grid = _Grid.of(
        table, mentions, rows="source", labels=sources, countries=countries, top=top
    ).dense()
    ax = _heatmap(grid, ax=ax)
    ax.set_ylabel(grid.rows_drawn("source", "sources"))
    _title(ax, f"Tone toward each {target_noun(mentions)} by source")
    return ax


def evidence(
    mentions: pd.DataFrame,
    *,
    country: str,
    part: str | None = None,
    paragraph: int | None = None,
    speaker: str | None = None,
    article_id: str | None = None,
) -> Styler:
    """The sentences behind one cell of a heatmap, with their scores, as a styled table.

    Takes the options of ``countrytone.tables.evidence_table`` (``part="title"`` for the
    title's row, ``paragraph=N`` for a body paragraph's) and shades its score cells on the
    heatmaps' colour map.
    """
    table = evidence_table(
        mentions,
        country=country,
        part=part,
        paragraph=paragraph,
        speaker=speaker,
        article_id=article_id,
    )
    return table.style.background_gradient(
        cmap=DIVERGING_CMAP, subset=["score"], vmin=-1, vmax=1
    ).format({"score": "{:+.2f}"})


def confusion_heatmap(predictions: pd.DataFrame, *, model: str, ax: Axes | None = None) -> Axes:
    """Confusion matrix of one model: gold labels (rows) against predictions (columns).

    Cells are coloured by the share of their gold row and annotated with count and share.

    Args:
        predictions: the table from ``countrytone.evaluation.predictions_table``.
        model: the model's name (its ``model`` column).
        ax: the Axes to draw on.
    """
    rows = predictions[predictions["model"] == model]
    if rows.empty:
        return _nothing_to_draw(ax, f"no predictions of model {model}")
    ax = _axes(ax, size=(5, 4))
    labels = list(LABELS)
    counts = pd.crosstab(rows["gold"], rows["label"]).reindex(
        index=labels, columns=labels, fill_value=0
    )
    totals = counts.to_numpy(dtype=int)
    shares = totals / np.maximum(totals.sum(axis=1, keepdims=True), 1)
    image = ax.imshow(shares, cmap=SEQUENTIAL_CMAP, vmin=0, vmax=1)
    for (row, column), share in np.ndenumerate(shares):
        ink = "white" if share > DARK_CELL else "black"
        text = f"{totals[row, column]}\n{share:.0%}"
        ax.text(column, row, text, ha="center", va="center", fontsize=9, color=ink)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"Confusion matrix: {model}")
    ax.figure.colorbar(image, ax=ax, label="share of the gold label")
    return ax


def calibration_curve(predictions: pd.DataFrame, *, bins: int = 10, ax: Axes | None = None) -> Axes:
    """Reliability diagram: how often each model is right against how sure it says it is.

    Predictions are binned by their confidence (the probability of the predicted label); a
    calibrated model's points lie on the diagonal.

    Args:
        predictions: the table from ``countrytone.evaluation.predictions_table``.
        bins: the number of equal-width confidence bins over [1/3, 1].
        ax: the Axes to draw on.
    """
    if predictions.empty:
        return _nothing_to_draw(ax, "no predictions")
    ax = _axes(ax, size=(6, 5))
    confidence = predictions[list(PROBABILITY_COLUMNS)].max(axis=1)
    edges = np.linspace(1 / 3, 1, bins + 1).tolist()
    binned = predictions.assign(
        confidence=confidence,
        correct=predictions["gold"] == predictions["label"],
        bin=pd.cut(confidence, edges, include_lowest=True),
    )
    curves = binned.groupby(["model", "bin"], observed=True).agg(
        confidence=("confidence", "mean"), accuracy=("correct", "mean")
    )
    models = curves.index.get_level_values("model").unique()
    for model, (color, marker) in zip(models, cycle(LINE_STYLES), strict=False):
        curve = curves.loc[model]
        ax.plot(curve["confidence"], curve["accuracy"], marker=marker, color=color, label=model)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=0.8, label="calibrated")
    ax.set_xlim(1 / 3 - 0.02, 1.0)
    ax.set_ylim(0, 1.0)
    ax.set_xlabel("confidence (probability of the predicted label)")
    ax.set_ylabel("accuracy")
    ax.set_title("Calibration")
    ax.legend()
    return ax


def _axes(ax: Axes | None, *, size: tuple[float, float] = (9, 6)) -> Axes:
    return ax if ax is not None else plt.figure(figsize=size, layout="constrained").add_subplot()


class EmptyChartWarning(InputWarning):
    """A chart has nothing to draw; what is missing is written on it."""


def _nothing_to_draw(ax: Axes | None, missing: str) -> Axes:
    """Axes that say what the chart misses, with a warning that says it too."""
    warnings.warn(EmptyChartWarning(f"nothing to draw: {missing}"), stacklevel=3)
    ax = _axes(ax)
    ax.text(0.5, 0.5, f"nothing to draw:\n{missing}", ha="center", va="center")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _heading(mentions: pd.DataFrame, article: Article | None) -> str:
    """One article's title and date when the article is given, else its id and date."""
    if article is not None:
        name, date = article.title or article.id, article.date
    else:
        dates = mentions["date"].dropna()
        name, date = str(mentions["article_id"].iloc[0]), str(dates.iloc[0]) if len(dates) else None
    return f"{name} ({date})" if date else name


def _chosen_countries(
    mentions: pd.DataFrame, countries: str | Sequence[str] | None, *, top: int
) -> tuple[list[str], str]:
    """The countries to draw, and the legend's title: it says when only the top ones are."""
    noun = target_noun(mentions)
    if countries is not None:
        return list(parse_country_codes(countries, own=own_targets(mentions))), noun
    counts = mentions["country"].value_counts()
    if len(counts) <= top:
        return counts.index.tolist(), noun
    return counts.index[:top].tolist(), f"{noun}: the {top} most mentioned of {len(counts)}"


def _period_x_axis(ax: Axes, starts: pd.Series[Any], *, freq: str) -> None:
    """Ticks at period starts, labelled with the period; the axis spans the data's periods."""
    periods = pd.period_range(starts.min(), starts.max(), freq=freq)
    step = -(-len(periods) // MAX_DATE_TICKS)  # ceiling division: at most MAX_DATE_TICKS
    shown = periods[::step]
    labels = [str(p.start_time.date()) if freq.upper() == "W" else str(p) for p in shown]
    ax.set_xticks(shown.start_time, labels, rotation=30, ha="right")
    # Half a period of margin on each side, so that the first and last points are not cut.
    half = (periods[-1].end_time - periods[-1].start_time) / 2
    left, right = periods[0].start_time - half, periods[-1].start_time + half
    ax.set_xlim(left, right)  # type: ignore[arg-type]  # matplotlib converts dates itself


@dataclass(frozen=True)
class _Grid:
    """What a heatmap draws: scores and sentences, rows x countries, and what it left out."""

    scores: pd.DataFrame
    sentences: pd.DataFrame
    labels: dict[Any, str]
    names: dict[str, str]  # the columns' names, by code
    nouns: tuple[str, str]  # what the columns are: ("country", "countries")
    total_rows: int
    total_countries: int
    countries_chosen: bool

    @classmethod
    def of(
        cls,
        table: pd.DataFrame,
        mentions: pd.DataFrame,
        *,
        rows: str,
        labels: dict[Any, str],
        countries: str | Sequence[str] | None,
        top: int,
    ) -> _Grid:
        """The rows of ``labels`` (in its order) of an aggregate table of ``mentions``, and as
        columns the ``countries`` given or the ``top`` with the most sentences."""
        sentences = table.pivot(index=rows, columns="country", values="sentences")
        if countries is not None:
            codes = list(parse_country_codes(countries, own=own_targets(mentions)))
        else:
            volume = sentences.sum().sort_values(ascending=False, kind="stable")
            codes = volume.index[:top].tolist()
        scores = table.pivot(index=rows, columns="country", values="score")
        return cls(
            scores=scores.reindex(index=list(labels), columns=codes),
            sentences=sentences.reindex(index=list(labels), columns=codes),
            labels=labels,
            names=target_names(mentions),
            nouns=(target_noun(mentions), target_noun(mentions, plural=True)),
            total_rows=len(sentences.index),
            total_countries=len(sentences.columns),
            countries_chosen=countries is not None,
        )

    def dense(self, *, max_rows: int | None = None) -> _Grid:
        """The grid without the rows that have no cell among its countries (and with only the
        first ``max_rows`` of those that have)."""
        kept = [row for row in self.labels if self.sentences.loc[row].notna().any()][:max_rows]
        return replace(
            self,
            scores=self.scores.loc[kept],
            sentences=self.sentences.loc[kept],
            labels={row: self.labels[row] for row in kept},
        )

    def rows_drawn(self, name: str, plural: str) -> str:
        """An axis label that says how many rows are drawn when not all: "20 of 35 speakers"."""
        drawn = len(self.labels)
        return name if drawn >= self.total_rows else f"{drawn} of {self.total_rows} {plural}"

    def countries_drawn(self) -> str:
        """The country axis's label: how many countries are drawn when not all, and what the
        cells hold."""
        drawn = len(self.scores.columns)
        cut = not self.countries_chosen and drawn < self.total_countries
        noun, plural = self.nouns
        name = f"{drawn} of {self.total_countries} {plural}" if cut else noun
        return f"{name} (cells: mean score, number of sentences)"


def _heatmap(grid: _Grid, *, ax: Axes | None) -> Axes:
    """Draw a grid as rows x countries cells annotated with score and sentences; a new figure
    is sized to fit its row labels, cells and colour bar."""
    countries, rows = list(grid.scores.columns), list(grid.labels)
    if not rows:
        return _nothing_to_draw(ax, f"no mentions of {', '.join(countries)}")
    labels = LABEL_CHAR_INCHES * max(len(label) for label in grid.labels.values())
    width = labels + CELL_INCHES[0] * len(countries) + COLOUR_BAR_INCHES
    height = max(MIN_HEATMAP_INCHES, 1.5 + CELL_INCHES[1] * len(rows))
    ax = _axes(ax, size=(width, height))
    counts = grid.sentences.to_numpy(dtype=float)
    values = grid.scores.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=DIVERGING_CMAP, vmin=-1, vmax=1, aspect="auto")
    for (row, column), score in np.ndenumerate(values):
        if not np.isnan(score):
            ink = "white" if abs(score) > DARK_CELL else "black"
            text = f"{score:+.2f}\n({counts[row, column]:.0f})"
            ax.text(column, row, text, ha="center", va="center", fontsize=8, color=ink)
    # Column labels slant from their column's centre, so that long names do not overlap.
    ax.set_xticks(
        range(len(countries)),
        [grid.names.get(code, code) for code in countries],
        rotation=45,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_yticks(range(len(rows)), list(grid.labels.values()))
    ax.set_xlabel(grid.countries_drawn())
    # The ends say what they mean, in a line each: a long label along the bar ran off a strip.
    colour_bar = ax.figure.colorbar(image, ax=ax, label="score")
    colour_bar.set_ticks([-1, 0, 1], labels=["−1 negative", "0", "+1 positive"])
    return ax


def _title(ax: Axes, title: str) -> None:
    """Set a title that matplotlib wraps, when it is drawn, to stay inside the figure."""
    ax.set_title(title, wrap=True)


def _one_article(mentions: pd.DataFrame, article_id: str | None) -> pd.DataFrame:
    if article_id is not None:
        return mentions[mentions["article_id"] == article_id]
    if mentions["article_id"].nunique() > 1:
        raise ValueError("the table holds several articles: pass article_id=")
    return mentions


def _paragraph_labels(mentions: pd.DataFrame) -> pd.Series[str]:
    """Rows from the title (when it has mentions) through every paragraph to the last one
    with mentions; a paragraph without mentions is labelled with its number alone."""
    first = mentions.assign(row=paragraph_rows(mentions["paragraph"]))
    first = first.sort_values(["row", "sentence", "start"]).drop_duplicates("row")
    words = dict(zip(first["row"], first["sentence_text"].map(_first_words), strict=True))
    rows = [TITLE_ROW] if TITLE_ROW in words else []
    rows += range(max(first["row"].max(), TITLE_ROW) + 1)
    return pd.Series(
        {row: f"{row_name(row)} {words[row]}" if row in words else row_name(row) for row in rows}
    )


def _article_labels(article: Article) -> pd.Series[str]:
    rows = {paragraph_row(paragraph.index): paragraph for paragraph in article.paragraphs}
    return pd.Series(
        {
            row: f"{row_name(row)} {_first_words(article.paragraph_text(paragraph))}"
            for row, paragraph in rows.items()
        }
    )


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")


def _score_y_axis(ax: Axes) -> None:
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("score: negative to positive")
    ax.axhline(0, color="grey", linewidth=0.8)
