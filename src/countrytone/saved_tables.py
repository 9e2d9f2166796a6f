"""Tables that ``analyze`` and ``quotes`` wrote, read back: analyse once, look many times.

A file is a saved table when its columns are a table's: every column of the mentions table
(``analyze``, with ``text`` as well under ``--with-text``; a table written before its target
columns, ``tables.TARGET_COLUMNS``, gets them filled in) or of the quotes table (``quotes``),
in Parquet, CSV or JSON lines. Its rows come back as ``analyze`` gives them (``tables.typed``):
``date`` a datetime column, ``paragraph`` nullable integers, ``in_quote`` booleans. The charts
and the report take such a table as they take ``analyze``'s; the report also needs the text of
its articles, which a table written with ``--with-text`` carries (``articles_from_text``).
"""

from __future__ import annotations

import csv
import json
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow.parquet as pq

from countrytone.articles import Article, parse_article
from countrytone.errors import AmbiguousDateWarning, DateWarning, InputError
from countrytone.tables import (
    DTYPES,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    TARGET_COLUMNS,
    typed,
    with_target_columns,
)
from countrytone.writers import iso_text

TableKind = Literal["mentions", "quotes"]
TABLE_SUFFIXES = frozenset({".parquet", ".csv", ".jsonl"})


def table_kind(path: str | Path) -> TableKind | None:
    """Which table a file holds, told by its columns; None for anything else (an article, a
    corpus, a folder, a file that cannot be read: reading it as an input says what is wrong)."""
    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
        return None
    try:
        columns = set(_columns(path))
    except (OSError, ValueError, csv.Error):
        return None
    if columns >= set(MENTION_COLUMNS) - set(TARGET_COLUMNS):
        return "mentions"
    if columns >= set(QUOTE_COLUMNS):
        return "quotes"
    return None


def read_mentions(path: str | Path) -> pd.DataFrame:
    """The mentions table that ``analyze`` wrote to ``path`` (``.parquet``, ``.csv`` or
    ``.jsonl``), with the dtypes ``analyze`` gives.

    Raises:
        InputError: the file cannot be read, or holds no mentions table.
    """
    kind, table = read_table(path)
    if kind != "mentions":
        raise InputError(str(path), f"a {kind} table, not the mentions table of analyze")
    return table


def read_table(path: str | Path) -> tuple[TableKind, pd.DataFrame]:
    """The table saved in ``path`` and its kind, with the dtypes ``analyze`` and ``quotes`` give.

    Raises:
        InputError: the file cannot be read, or holds neither table.
    """
    kind = table_kind(path)
    if kind is None:
        expected = ", ".join(MENTION_COLUMNS)
        raise InputError(str(path), f"not a table of countrytone (columns {expected})")
    path = Path(path)
    try:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            table = pd.read_parquet(path)
        elif suffix == ".csv":
            # Only an empty field is missing: a speaker named "NA" stays a name.
            dtypes = {column: _csv_dtype(column) for column in _columns(path)}
            table = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
        else:
            table = pd.DataFrame.from_records(_jsonl_records(path))
        return kind, typed(with_target_columns(table) if kind == "mentions" else table)
    except (OSError, ValueError, TypeError) as error:
        raise InputError(str(path), f"cannot read the {kind} table ({error})") from None


def articles_from_text(mentions: pd.DataFrame) -> list[Article]:
    """The articles of a mentions table that carries their ``text`` (``analyze --with-text``),
    in the order of the table, laid out as ``analyze`` read them.

    Their date and source are the table's. A corpus row's ``title`` field, which is not part of
    the text, is not in the table: such an article comes back without it.

    Raises:
        ValueError: the table has no ``text`` column.
    """
    if "text" not in mentions.columns:
        raise ValueError("the table has no 'text' column (analyze --with-text writes it)")
    firsts = mentions.drop_duplicates("article_id")
    firsts = firsts.assign(date=iso_text(firsts["date"]).astype(object))
    articles = []
    # The table has the dates already; a date that could not be read was warned of then.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        warnings.simplefilter("ignore", AmbiguousDateWarning)
        for row in firsts.to_dict("records"):
            article = parse_article(row["text"], article_id=row["article_id"])
            articles.append(
                replace(article, date=_optional(row["date"]), source=_optional(row["source"]))
            )
    return articles


def _columns(path: Path) -> list[str]:
    """The column names of a saved table, read from its first line or its schema alone."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return list(pq.read_schema(path).names)  # ArrowInvalid, a ValueError, for no Parquet
    with path.open(encoding="utf-8-sig", newline="") as file:
        if suffix == ".csv":
            return next(csv.reader(file), [])
        first = next((line for line in file if line.strip()), "{}")
    row = json.loads(first)
    return list(row) if isinstance(row, dict) else []


def _csv_dtype(column: str) -> str:
    # Dates are read as text and parsed by tables.typed, as for the other formats.
    dtype = DTYPES.get(column, "str")
    return "str" if column == "date" else dtype


def _jsonl_records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def _optional(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)
