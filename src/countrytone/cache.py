"""An on-disk cache of analysed articles, so that a re-run over an unchanged corpus is cheap.

One Parquet file per article under ``DIRECTORY/ab/abcdef….parquet``, named by a SHA-256 of the
article (id, text, date, source, title) and of everything else its rows depend on: the tone
model's id, the spaCy pipeline and its version, the countries kept and countrytone's version.
A changed article, model, option or release misses and is analysed again; a file that cannot be
read is a miss too, and is written anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from pathlib import Path

import pandas as pd
import pyarrow as pa

from countrytone import __version__
from countrytone.articles import Article
from countrytone.errors import CountrytoneError


class ResultCache:
    """The mentions tables of articles analysed before, read back by content.

    Args:
        directory: where the files live (created when missing).
        model: the tone model's id (its ``name``).
        pipeline: the spaCy pipeline's name and version.
        countries: the ISO-3 codes kept, or None for all.

    Raises:
        CountrytoneError: the directory cannot be created.
    """

    def __init__(
        self,
        directory: str | Path,
        *,
        model: str,
        pipeline: str,
        countries: Collection[str] | None = None,
    ) -> None:
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CountrytoneError(
                f"{directory}: cannot use as a cache ({error.strerror})"
            ) from None
        kept = sorted(countries) if countries is not None else None
        self._settings = [__version__, model, pipeline, kept]

    def get(self, article: Article) -> pd.DataFrame | None:
        """The article's mentions table from an earlier run, or None."""
        path = self._path(article)
        try:
            return pd.read_parquet(path)
        except (OSError, pa.ArrowException):
            return None

    def put(self, article: Article, table: pd.DataFrame) -> None:
        """Store the article's mentions table (written whole, then moved into place)."""
        path = self._path(article)
        path.parent.mkdir(exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        table.to_parquet(partial, index=False)
        partial.replace(path)

    def _path(self, article: Article) -> Path:
        content = [article.id, article.text, article.date, article.source, article.title]
        key = hashlib.sha256(json.dumps([self._settings, content]).encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.parquet"
