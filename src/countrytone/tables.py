"""Tables: the schema of the mentions and quotes tables, their rows, and the statistics drawn
from them (aggregation by paragraph, article, speaker, date, period, source; the rolling tone with
its bootstrap band). Computing only: charts live in ``countrytone.plots``."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from countrytone.errors import InputWarning
from countrytone.gazetteer import (
    COUNTRY,
    TargetEntry,
    gazetteer,
    parse_country_code,
    parse_country_codes,
)
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
    """One row of the mentions table: a mention, where it is, who speaks, its tone.

    The fields are the table's columns in order, ``tone`` standing for ``TONE_COLUMNS``.
    ``paragraph`` is None for the title (``part == "title"``); ``speaker`` is None for the
    article's own voice. ``country`` is the code of the target mentioned (a country's, a
    bloc's or one's own), ``target_name`` its name in charts, ``target_kind`` what it is
    (``country``, ``bloc``, or the kind a file of one's own targets gives).
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
    target_name: str
    target_kind: str


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
# The mentions table's last columns, added after DESIGN.md's contract: the command line writes
# them only where blocs or one's own targets are analysed, so that a country-only table has the
# contract's columns exactly, and a table without them is still a mentions table
# (``saved_tables`` fills them in).
TARGET_COLUMNS: tuple[str, ...] = ("target_name", "target_kind")
CONTRACT_MENTION_COLUMNS: tuple[str, ...] = tuple(
    column for column in MENTION_COLUMNS if column not in TARGET_COLUMNS
)

# The dtypes of the tables' columns: nullable types where values may be missing, and every text
# column typed, so a table without rows has the same dtypes as one with. ``date`` is a datetime
# (``_datetimes``).
_TEXT_COLUMNS = (
    "article_id", "source", "part", "sentence_text", "mention", "country", "kind",
    "speaker", "speaker_country", "label", "model", "text", "cue", *TARGET_COLUMNS,
)  # fmt: skip
DTYPES: Mapping[str, str] = {
    **dict.fromkeys(_TEXT_COLUMNS, "str"),
    "date": "datetime64[ns]",
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

# The periods ``aggregate`` groups dates by, as pandas period aliases.
PERIODS: Mapping[str, str] = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}

# The columns that identify one sentence of a corpus (the title's paragraph is null).
SENTENCE_KEYS: tuple[str, ...] = ("article_id", "part", "paragraph", "sentence")
# The title's row in a table or chart by paragraph (its ``paragraph`` is null): before paragraph 0.
TITLE_ROW = -1
# Bootstrap resamples for the band of rolling_tone; 1,000 gives percentiles stable to ~0.01.
BOOTSTRAP_SAMPLES = 1000
# The periods a rolling mean pools, wherever tone is drawn over time (the report and ``plot``
# alike): a period and the two before it, so that a period of one or two articles does not swing
# the line on its own, while a change shows within three periods.
ROLLING_WINDOW = 3
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


def target_names(mentions: pd.DataFrame) -> dict[str, str]:
    """Every target's name by its code: the countries and blocs countrytone ships, and the
    table's own as its ``target_name`` gives them (a table without that column names one's own
    targets by their codes)."""
    names = dict(gazetteer().names)
    if "target_name" in mentions.columns:
        pairs = mentions[["country", "target_name"]].drop_duplicates("country")
        names |= dict(zip(pairs["country"], pairs["target_name"], strict=True))
    return names | {code: code for code in mentions["country"].unique() if code not in names}


def target_noun(mentions: pd.DataFrame, *, plural: bool = False) -> str:
    """What the table's targets are called in charts and the report: countries, unless it
    holds blocs or one's own targets."""
    kinds = mentions["target_kind"] if "target_kind" in mentions.columns else None
    if kinds is None or (kinds == COUNTRY).all():
        return "countries" if plural else "country"
    return "targets" if plural else "target"


def own_targets(mentions: pd.DataFrame) -> tuple[TargetEntry, ...]:
    """The table's targets that countrytone does not ship (a file of one's own gave them), so
    that ``country=`` and ``countries=`` options of the charts know them by code or name."""
    if "target_name" not in mentions.columns:
        return ()
    shipped = gazetteer().names
    rows = mentions[~mentions["country"].isin(list(shipped))]
    rows = rows[["country", "target_name", "target_kind"]].drop_duplicates("country")
    return tuple(
        TargetEntry(code=code, name=name, aliases=(), kind=kind)
        for code, name, kind in rows.itertuples(index=False)
    )


def with_target_columns(mentions: pd.DataFrame) -> pd.DataFrame:
    """A mentions table with ``TARGET_COLUMNS``: a table written before them gets the names and
    kinds of the countries (and blocs) it holds."""
    if set(TARGET_COLUMNS) <= set(mentions.columns):
        return mentions
    known = gazetteer()
    codes = mentions["country"]
    filled = mentions.assign(
        target_name=codes.map(lambda code: known.names.get(code, code)).astype("str"),
        target_kind=codes.map(lambda code: known.kinds.get(code, "")).astype("str"),
    )
    first = [column for column in MENTION_COLUMNS if column in filled.columns]
    return filled[first + [column for column in filled.columns if column not in first]]


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
    return typed(pd.DataFrame.from_records(records, columns=list(columns)))


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """A mentions or quotes table with every column of the schema in its dtype: how a table
    read back from a file, or from an older cache, is made the same as ``analyze``'s.

    ``date`` becomes a datetime column (``_datetimes``); ``text`` (``--with-text``) a string.
    """
    dtypes = {column: dtype for column, dtype in DTYPES.items() if column in table.columns}
    if "date" in dtypes:
        table = table.assign(date=_datetimes(table["date"]))
    return table.astype(dtypes)


def _datetimes(values: pd.Series[Any]) -> pd.Series[Any]:
    """ISO dates and timestamps (articles' dates), or datetimes, as naive datetimes; a timestamp
    with a UTC offset is converted to UTC, since one column holds one time zone."""
    parsed = pd.to_datetime(values, format="ISO8601", utc=True)
    return parsed.dt.tz_localize(None).astype("datetime64[ns]")


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
            a period of the date (``day``, ``week``, ``month``, ``quarter``, ``year``: a column
            of that name holding pandas Periods), a column of the table, or a list of these;
            every group is also split by country.

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
    periods = {key: PERIODS[key] for key in keys if key in PERIODS and key not in mentions}
    if periods:
        dates = _datetimes(mentions["date"])
        mentions = mentions.assign(
            **{key: dates.dt.to_period(freq) for key, freq in periods.items()}
        )
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
        elif level in mentions.columns or level in PERIODS:
            keys.append(level)
        else:
            choices = ", ".join([*LEVELS, *PERIODS])
            raise ValueError(f"cannot aggregate by {level!r}: choose {choices} or a column")
    return list(dict.fromkeys(key for key in keys if key != "country"))


def period_for(dates: pd.Series[Any]) -> str:
    """The period alias that suits the span of ``dates``: ``"Q"``, ``"M"`` or ``"W"``.

    Quarters over more than two years, months over more than two months, else weeks. Takes
    a datetime column, or ISO dates and timestamps (some with a UTC offset).
    """
    parsed = _datetimes(dates)
    days = (parsed.max() - parsed.min()).days
    return "Q" if days > QUARTERS_AFTER_DAYS else "M" if days > MONTHS_AFTER_DAYS else "W"


def rolling_tone(
    mentions: pd.DataFrame,
    *,
    countries: str | Sequence[str],
    freq: str = "M",
    window: int = ROLLING_WINDOW,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone toward countries over time: a rolling mean over sentences with a 95% bootstrap band.

    Sentences are the unit (``sentence_scores``). For each period of ``freq`` (pandas period
    alias: ``"M"`` months, ``"W"`` weeks, ``"D"`` days) the mean is over the sentences of the
    last ``window`` periods, the band the 2.5 to 97.5 percentiles of that mean over
    ``BOOTSTRAP_SAMPLES`` resamples of those sentences. A period without a sentence of its own
    has no value (its ``mean``, ``low`` and ``high`` are NaN, its ``sentences`` 0): a chart
    shows a gap there rather than a tone no article of the period gave. Rows without a date
    are left out.

    Args:
        countries: the countries, as ``countries.parse_country_codes`` reads them.

    Returns:
        One row per country (in the order given) and period, from each country's first period
        to its last: ``country``, ``period`` (the period's start), ``mean``, ``low``, ``high``
        and ``sentences`` (in the window).

    Raises:
        ValueError: ``countries`` names an unknown country.
    """
    codes = parse_country_codes(countries, own=own_targets(mentions))
    sentences = sentence_scores(mentions[mentions["date"].notna()], by=["date"])
    sentences["period"] = _datetimes(sentences["date"]).dt.to_period(freq)
    rng = np.random.default_rng(seed)
    rows = [
        {"country": code, **row}
        for code in codes
        for row in _rolling_with_band(sentences[sentences["country"] == code], freq, window, rng)
    ]
    columns = ["country", "period", "mean", "low", "high", "sentences"]
    return pd.DataFrame.from_records(rows, columns=columns)


# The row of a period without a sentence of its own: no mean, no band.
_NO_VALUE = {"mean": np.nan, "low": np.nan, "high": np.nan, "sentences": 0}


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
        if period not in scores_by_period:
            yield {"period": period.start_time, **_NO_VALUE}
            continue
        recent = periods[max(0, index - window + 1) : index + 1]
        scores = np.concatenate([scores_by_period[p] for p in recent if p in scores_by_period])
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
        country: the cell's country, as ``countries.parse_country_code`` reads it (``"irn"``,
            ``"Iran"``).
        part: ``"title"`` or ``"body"``, or None for both.
        paragraph: a body paragraph's number, or None for every paragraph.
        speaker: the cell's speaker (``"(article)"`` for the article's own voice), or None.
        article_id: restrict to one article.

    Returns:
        ``article_id, part, paragraph, sentence, speaker, sentence_text, mentions`` (the distinct
        mention texts), ``label`` (favoured by the mean probabilities) and ``score`` (the mean),
        in text order. When no row is left, a ``NoRowsWarning`` says which filter left none.

    Raises:
        ValueError: ``country`` is not a known country.
    """
    code = parse_country_code(country, own=own_targets(mentions))
    rows = mentions[mentions["country"] == code]
    rows = rows.assign(speaker=rows["speaker"].fillna(ARTICLE_VOICE))
    for column, value in (
        ("article_id", article_id),
        ("part", part),
        ("paragraph", paragraph),
        ("speaker", speaker),
    ):
        if value is not None:
            rows = rows[(rows[column] == value).fillna(False)]
    if rows.empty:
        _warn_no_rows(mentions, country=code, speaker=speaker, article_id=article_id)
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


class NoRowsWarning(InputWarning):
    """A filter (a country, speaker or article) keeps no row of a table."""


def _warn_no_rows(
    mentions: pd.DataFrame, *, country: str, speaker: str | None, article_id: str | None
) -> None:
    """Say which filter left no row: the country, speaker or article the table lacks, else
    their combination."""
    voices = mentions["speaker"].fillna(ARTICLE_VOICE)
    if country not in set(mentions["country"]):
        missing = f"no mention of {country}"
    elif article_id is not None and article_id not in set(mentions["article_id"]):
        missing = f"no article {article_id!r}"
    elif speaker is not None and speaker not in set(voices):
        missing = f"no speaker {speaker!r}"
    else:
        missing = f"no mention of {country} where the other filters hold"
    warnings.warn(NoRowsWarning(f"{missing} in the table"), stacklevel=3)
