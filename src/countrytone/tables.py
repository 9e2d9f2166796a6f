"""Tables: the mentions table and its aggregation by paragraph, article, speaker, date, source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

MENTION_COLUMNS: tuple[str, ...] = (
    "article_id",
    "date",
    "source",
    "part",
    "paragraph",
    "sentence",
    "sentence_text",
    "start",
    "end",
    "mention",
    "country",
    "kind",
    "speaker",
    "speaker_country",
    "in_quote",
    "label",
    "score",
    "p_negative",
    "p_neutral",
    "p_positive",
    "model",
)

QUOTE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_country",
    "cue",
    "cue_start",
    "cue_end",
    "kind",
)

# The dtypes of the tables' columns: nullable types where values may be missing, and every text
# column typed, so a table without rows has the same dtypes as one with.
_TEXT_COLUMNS = (
    "article_id", "date", "source", "part", "sentence_text", "mention", "country", "kind",
    "speaker", "speaker_country", "label", "model", "text", "cue",
)  # fmt: skip
_DTYPES: Mapping[str, str] = {
    **dict.fromkeys(_TEXT_COLUMNS, "str"),
    "paragraph": "Int64",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "in_quote": "boolean",
    "score": "float64",
    "p_negative": "float64",
    "p_neutral": "float64",
    "p_positive": "float64",
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

_SENTENCE_KEYS = ("article_id", "part", "paragraph", "sentence")
_PROBABILITIES = ("p_negative", "p_neutral", "p_positive")
_LABELS = ("negative", "neutral", "positive")


def mentions_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """The mentions table from row mappings, with DESIGN.md's columns in order and typed."""
    return _frame(rows, MENTION_COLUMNS)


def quotes_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """The quotes table (one row per attribution) from row mappings, columns in order, typed."""
    return _frame(rows, QUOTE_COLUMNS)


def _frame(rows: Iterable[Mapping[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(rows), columns=list(columns))
    return frame.astype({column: _DTYPES[column] for column in columns if column in _DTYPES})


def aggregate(mentions: pd.DataFrame, *, by: str | Sequence[str] = "article") -> pd.DataFrame:
    """Tone toward each country, aggregated at one or more levels.

    Mentions of the same country within one sentence are averaged first (so "Chinese President
    Xi ... China" counts once), then sentences are averaged.

    Args:
        mentions: the mentions table from ``analyze``.
        by: a level (``paragraph``, ``article``, ``country``, ``date``, ``source``, ``speaker``),
            a column of the table, or a list of these; every group is also split by country.

    Returns:
        One row per group and country: the group's columns, ``country``, ``score`` (mean of the
        sentence scores), ``sentences``, ``mentions``, and ``share_negative``,
        ``share_neutral``, ``share_positive`` (shares of sentences whose mean probabilities
        favour each label). The article's own voice is named ``"(article)"`` by speaker.

    Raises:
        ValueError: ``by`` names neither a level nor a column of the table.
    """
    keys = [*_group_keys(mentions, by), "country"]
    mentions = mentions.assign(speaker=mentions["speaker"].fillna(ARTICLE_VOICE))
    sentence_keys = list(dict.fromkeys([*_SENTENCE_KEYS, *keys]))
    per_sentence = (
        mentions.groupby(sentence_keys, dropna=False, sort=False)
        .agg(
            score=("score", "mean"),
            mentions=("score", "size"),
            **{column: (column, "mean") for column in _PROBABILITIES},
        )
        .reset_index()
    )
    sentence_label = per_sentence[list(_PROBABILITIES)].to_numpy().argmax(axis=1)
    for index, label in enumerate(_LABELS):
        per_sentence[f"share_{label}"] = (sentence_label == index).astype(float)
    table = (
        per_sentence.groupby(keys, dropna=False)
        .agg(
            score=("score", "mean"),
            sentences=("score", "size"),
            mentions=("mentions", "sum"),
            **{f"share_{label}": (f"share_{label}", "mean") for label in _LABELS},
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
