"""Tables: the schema of the mentions and quotes tables, their rows, and the statistics drawn
from them (aggregation by paragraph, article, speaker, date, source; the rolling tone with its
bootstrap band). Computing only: charts live in ``countrytone.plots``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from countrytone.tone import Label, Tone

# The label names and the columns of their probabilities and shares, in Label's order.
LABELS: tuple[str, ...] = tuple(label.value for label in Label)
PROBABILITY_COLUMNS: tuple[str, ...] = tuple(f"p_{label}" for label in LABELS)
SHARE_COLUMNS: tuple[str, ...] = tuple(f"share_{label}" for label in LABELS)
# The columns a Tone fills: its label, its score and the three probabilities.
TONE_COLUMNS: tuple[str, ...] = ("label", "score", *PROBABILITY_COLUMNS)


def tone_values(tone: Tone) -> dict[str, str | float]:
    """A Tone as the values of ``TONE_COLUMNS``."""
    values: dict[str, str | float] = {"label": tone.label.value, "score": tone.score}
    return values | {column: float(getattr(tone, column)) for column in PROBABILITY_COLUMNS}


@dataclass(frozen=True, kw_only=True)
class MentionRow:
    """One row of the mentions table: a country mention, where it is, who speaks, its tone.

    The fields are the table's columns in order, ``tone`` standing for ``TONE_COLUMNS``.
    ``paragraph`` is None for the title (``part == "title"``); ``speaker`` is None for the
    article's own voice.
    """

    article_id: str
    date: str | None
    source: str | None
    part: str
    paragraph: int | None
    sentence: int
    sentence_text: str
    start: int
    end: int
    mention: str
    country: str
    kind: str
    speaker: str | None
    speaker_country: str | None
    in_quote: bool
    tone: Tone
    model: str


@dataclass(frozen=True, kw_only=True)
class QuoteRow:
    """One row of the quotes table: an attribution, its text, speaker and cue."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_country: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: str


def _columns(record: type[MentionRow] | type[QuoteRow]) -> tuple[str, ...]:
    names = (field.name for field in fields(record))
    return tuple(
        column for name in names for column in (TONE_COLUMNS if name == "tone" else [name])
    )


MENTION_COLUMNS: tuple[str, ...] = _columns(MentionRow)
QUOTE_COLUMNS: tuple[str, ...] = _columns(QuoteRow)

# The dtypes of the tables' columns: nullable types where values may be missing, and every text
# column typed, so a table without rows has the same dtypes as one with.
_TEXT_COLUMNS = (
    "article_id", "date", "source", "part", "sentence_text", "mention", "country", "kind",
    "speaker", "speaker_country", "label", "model", "text", "cue",
)  # fmt: skip
_DTYPES: Mapping[str, str] = {
    **dict.fromkeys(_TEXT_COLUMNS, "str"),
    **dict.fromkeys(("score", *PROBABILITY_COLUMNS), "float64"),
    "paragraph": "Int64",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "in_quote": "boolean",
    "speaker_start": "Int64",
    "speaker_end": "Int64",
    "cue_start": "Int64",
    "cue_end": "Int64",
}

# How tables and charts name the article's own voice: mentions outside every attribution.
ARTICLE_VOICE = "(article)"

# The aggregation levels: the columns that identify one group at that level (besides country).
LEVELS: Mapping[str, tuple[str, ...]] = {
    "paragraph": ("article_id", "part", "paragraph"),
    "article": ("article_id",),
    "country": (),
    "date": ("date",),
    "source": ("source",),
    "speaker": ("speaker",),
}

# The columns that identify one sentence of a corpus (the title's paragraph is null).
SENTENCE_KEYS: tuple[str, ...] = ("article_id", "part", "paragraph", "sentence")
# The title's row in a table or chart by paragraph (its ``paragraph`` is null): before paragraph 0.
TITLE_ROW = -1
# Bootstrap resamples for the band of rolling_tone; 1,000 gives percentiles stable to ~0.01.
BOOTSTRAP_SAMPLES = 1000
# The period that suits a span of dates: quarters over more than two years, months over more
# than two months, else weeks (a few dozen periods at most, each holding several articles).
QUARTERS_AFTER_DAYS = 730
MONTHS_AFTER_DAYS = 60


def paragraph_row(paragraph: int | None) -> int:
    """The row of a paragraph number in a table or chart by paragraph: ``TITLE_ROW`` for None."""
    return TITLE_ROW if paragraph is None else paragraph


def paragraph_rows(paragraphs: pd.Series[Any]) -> pd.Series[int]:
    """``paragraph_row`` of each value of a ``paragraph`` column (the title's is null)."""
    return paragraphs.fillna(TITLE_ROW).astype(int)


def row_name(row: int) -> str:
    """A row of a table or chart by paragraph as a reader names it: ``"title"``, ``"¶3"``."""
    return "title" if row == TITLE_ROW else f"¶{row}"


def mentions_frame(rows: Iterable[MentionRow]) -> pd.DataFrame:
    """The mentions table from its rows, columns in order and typed (docs/definitions.md)."""
    records = [
        {
            field.name: getattr(row, field.name)
            for field in fields(MentionRow)
            if field.name != "tone"
        }
        | tone_values(row.tone)
        for row in rows
    ]
    return _frame(records, MENTION_COLUMNS)


def quotes_frame(rows: Iterable[QuoteRow]) -> pd.DataFrame:
    """The quotes table (one row per attribution) from its rows, columns in order, typed."""
    records = [{column: getattr(row, column) for column in QUOTE_COLUMNS} for row in rows]
    return _frame(records, QUOTE_COLUMNS)


def _frame(records: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    return frame.astype({column: _DTYPES[column] for column in columns})


def sentence_scores(mentions: pd.DataFrame, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Mentions of one country within one sentence averaged: one row per sentence and country.

    Args:
        mentions: the mentions table.
        by: further columns that split a sentence's mentions (e.g. ``speaker``); a missing
            speaker is the article's own voice, ``"(article)"``.

    Returns:
        The columns of ``SENTENCE_KEYS``, of ``by`` and ``country``; ``score`` and the
        probabilities (means over the mentions), ``mentions`` (their number) and ``label``
        (the label the mean probabilities favour), in the table's order.
    """
    if "speaker" in by:
        mentions = mentions.assign(speaker=mentions["speaker"].fillna(ARTICLE_VOICE))
    keys = list(dict.fromkeys([*SENTENCE_KEYS, *by, "country"]))
    table = (
        mentions.groupby(keys, dropna=False, sort=False)
        .agg(
            score=("score", "mean"),
            mentions=("score", "size"),
            **{column: (column, "mean") for column in PROBABILITY_COLUMNS},
        )
        .reset_index()
    )
    favoured = table[list(PROBABILITY_COLUMNS)].to_numpy().argmax(axis=1)
    return table.assign(label=pd.Series(np.asarray(LABELS)[favoured], dtype="str"))


def aggregate(mentions: pd.DataFrame, *, by: str | Sequence[str] = "article") -> pd.DataFrame:
    """Tone toward each country, aggregated at one or more levels.

    Mentions of the same country within one sentence are averaged first (so "Chinese President
    Xi ... China" counts once), then sentences are averaged (docs/definitions.md,
    "Aggregation").

    Args:
        mentions: the mentions table from ``analyze``.
        by: a level (``paragraph``, ``article``, ``country``, ``date``, ``source``, ``speaker``),
            a column of the table, or a list of these; every group is also split by country.

    Returns:
        One row per group and country: the group's columns, ``country``, ``score`` (mean of the
        sentence scores), ``sentences``, ``mentions``, and ``share_negative``,
        ``share_neutral``, ``share_positive`` (shares of sentences whose mean probabilities
        favour each label). The article's own voice is named ``"(article)"`` by speaker; the
        title's rows (``paragraph`` null) come first.

    Raises:
        ValueError: ``by`` names neither a level nor a column of the table.
    """
    keys = [*_group_keys(mentions, by), "country"]
    per_sentence = sentence_scores(mentions, by=keys)
    for label, share in zip(LABELS, SHARE_COLUMNS, strict=True):
        per_sentence[share] = (per_sentence["label"] == label).astype(float)
    table = (
        per_sentence.groupby(keys, dropna=False)
        .agg(
            score=("score", "mean"),
            sentences=("score", "size"),
            mentions=("mentions", "sum"),
            **{share: (share, "mean") for share in SHARE_COLUMNS},
        )
        .reset_index()
    )
    # Titles have no paragraph number: sorting on it with missing values first puts them on top.
    order = [key for key in keys if key != "part"]
    return table.sort_values(order, na_position="first", ignore_index=True)


def _group_keys(mentions: pd.DataFrame, by: str | Sequence[str]) -> list[str]:
    keys: list[str] = []
    for level in [by] if isinstance(by, str) else by:
        if level in LEVELS:
            keys += LEVELS[level]
        elif level in mentions.columns:
            keys.append(level)
        else:
            choices = ", ".join(LEVELS)
            raise ValueError(f"cannot aggregate by {level!r}: choose {choices} or a column")
    return list(dict.fromkeys(key for key in keys if key != "country"))


def period_for(dates: pd.Series[str]) -> str:
    """The period alias that suits the span of ``dates``: ``"Q"``, ``"M"`` or ``"W"``.

    Quarters over more than two years, months over more than two months, else weeks. Dates
    and timestamps may be mixed (ISO, some with a UTC offset), as articles' dates are.
    """
    parsed = _utc_dates(dates)
    days = (parsed.max() - parsed.min()).days
    return "Q" if days > QUARTERS_AFTER_DAYS else "M" if days > MONTHS_AFTER_DAYS else "W"


def rolling_tone(
    mentions: pd.DataFrame,
    *,
    countries: Sequence[str],
    freq: str = "M",
    window: int = 3,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone toward countries over time: a rolling mean over sentences with a 95% bootstrap band.

    Sentences are the unit (``sentence_scores``). For each period of ``freq`` (pandas period
    alias: ``"M"`` months, ``"W"`` weeks, ``"D"`` days) the mean is over the sentences of the
    last ``window`` periods, the band the 2.5 to 97.5 percentiles of that mean over
    ``BOOTSTRAP_SAMPLES`` resamples of those sentences. Rows without a date are left out;
    periods with no sentence in their window have no row.

    Returns:
        One row per country (in the order given) and period: ``country``, ``period`` (the
        period's start), ``mean``, ``low``, ``high`` and ``sentences`` (in the window).
    """
    sentences = sentence_scores(mentions[mentions["date"].notna()], by=["date"])
    sentences["period"] = _utc_dates(sentences["date"]).dt.tz_localize(None).dt.to_period(freq)
    rng = np.random.default_rng(seed)
    rows = [
        {"country": code, **row}
        for code in countries
        for row in _rolling_with_band(sentences[sentences["country"] == code], freq, window, rng)
    ]
    columns = ["country", "period", "mean", "low", "high", "sentences"]
    return pd.DataFrame.from_records(rows, columns=columns)


def _rolling_with_band(
    sentences: pd.DataFrame, freq: str, window: int, rng: np.random.Generator
) -> Iterable[dict[str, Any]]:
    if sentences.empty:
        return
    periods = pd.period_range(sentences["period"].min(), sentences["period"].max(), freq=freq)
    scores_by_period: dict[Any, npt.NDArray[np.float64]] = {
        period: group.to_numpy(dtype=float)
        for period, group in sentences.groupby("period")["score"]
    }
    for index, period in enumerate(periods):
        recent = periods[max(0, index - window + 1) : index + 1]
        pooled = [scores_by_period[p] for p in recent if p in scores_by_period]
        if not pooled:
            continue
        scores = np.concatenate(pooled)
        resampled = rng.choice(scores, size=(BOOTSTRAP_SAMPLES, len(scores))).mean(axis=1)
        low, high = np.percentile(resampled, [2.5, 97.5])
        yield {
            "period": period.start_time,
            "mean": scores.mean(),
            "low": low,
            "high": high,
            "sentences": len(scores),
        }


def evidence_table(
    mentions: pd.DataFrame,
    *,
    country: str,
    part: str | None = None,
    paragraph: int | None = None,
    speaker: str | None = None,
    article_id: str | None = None,
) -> pd.DataFrame:
    """The sentences behind one cell of an aggregate: one row per sentence (and speaker).

    Args:
        mentions: the mentions table from ``analyze``.
        country: the ISO-3 code of the cell's column.
        part: ``"title"`` or ``"body"``, or None for both.
        paragraph: a body paragraph's number, or None for every paragraph.
        speaker: the cell's speaker (``"(article)"`` for the article's own voice), or None.
        article_id: restrict to one article.

    Returns:
        ``article_id, part, paragraph, sentence, speaker, sentence_text, mentions`` (the distinct
        mention texts), ``label`` (favoured by the mean probabilities) and ``score`` (the mean),
        in text order.
    """
    rows = mentions[mentions["country"] == country]
    rows = rows.assign(speaker=rows["speaker"].fillna(ARTICLE_VOICE))
    for column, value in (
        ("article_id", article_id),
        ("part", part),
        ("paragraph", paragraph),
        ("speaker", speaker),
    ):
        if value is not None:
            rows = rows[(rows[column] == value).fillna(False)]
    keys = [*SENTENCE_KEYS, "speaker"]
    scores = sentence_scores(rows, by=["speaker"])
    texts = (
        rows.groupby(keys, dropna=False, sort=False)
        .agg(
            sentence_text=("sentence_text", "first"),
            mentions=("mention", lambda names: ", ".join(dict.fromkeys(names))),
        )
        .reset_index()
    )
    table = texts.merge(scores[[*keys, "label", "score"]], on=keys, how="left")
    return table.sort_values(
        ["article_id", "paragraph", "sentence"], na_position="first", ignore_index=True
    )


def _utc_dates(dates: pd.Series[str]) -> pd.Series[pd.Timestamp]:
    # Dates and timestamps mixed (ISO, some with a UTC offset): all read as UTC.
    return pd.to_datetime(dates, format="ISO8601", utc=True)
