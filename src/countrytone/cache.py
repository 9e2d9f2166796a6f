"""An on-disk cache of analysed articles, so that a re-run over an unchanged corpus is cheap.

One file per article under ``DIRECTORY/ab/abcdef….entry``, named by a SHA-256 of the article
(id, text, date, source, title) and of everything else its rows depend on: the tone model's id,
the spaCy pipeline and its version, the countries kept, the targets (a file of one's own targets
by its content: codes, names, aliases, kinds), countrytone's version and the content of its own
files (:func:`package_digest`: its rules, word lists and shipped models change between releases
too). A changed article, model, option, rule or release misses and is analysed again.

An entry is a header line holding the SHA-256 of what follows, then the rows as Parquet. It is
written under a temporary name and moved into place whole, so that processes sharing the
directory see an entry complete or not at all; one that is damaged nevertheless (a truncated
file, a disk error) fails its checksum, is reported with a ``CacheWarning``, analysed again and
written anew, and its rows are never returned.
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from countrytone import __version__
from countrytone.articles import Article
from countrytone.errors import CountrytoneError
from countrytone.tables import typed
from countrytone.writers import written_whole

# The first line of an entry: this prefix, then the hex SHA-256 of the bytes after the line.
_HEADER = b"countrytone-cache sha256="


def package_digest() -> str:
    """Return the SHA-256 of countrytone's own files (its code, word lists and shipped models),
    read once per process: the rows depend on each, and the version changes only at releases."""
    return _digest_of(Path(__file__).resolve().parent)


@cache
def _digest_of(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class CacheWarning(UserWarning):
    """A cache entry is damaged: the article is analysed again and the entry rewritten."""


class ResultCache:
    """The mentions tables of articles analysed before, read back by content.

    Args:
        directory: where the files live (created when missing).
        model: the tone model's id (its ``name``).
        pipeline: the spaCy pipeline's name and version.
        countries: the ISO-3 codes kept, or None for all.
        targets: what the targets are (``targets.Targets.cache_key``); None for countries.

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
        targets: list[Any] | None = None,
    ) -> None:
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CountrytoneError(
                f"{directory}: cannot use as a cache ({error.strerror})"
            ) from None
        kept = sorted(countries) if countries is not None else None
        self._settings = [__version__, package_digest(), model, pipeline, kept, targets]

    def get(self, article: Article) -> pd.DataFrame | None:
        """The article's mentions table from an earlier run, or None.

        Warns with ``CacheWarning`` (and returns None) when the entry is damaged.
        """
        path = self._path(article)
        try:
            entry = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            problem = f"cannot be read ({error.strerror})"
        else:
            header, _, rows = entry.partition(b"\n")
            if header == _HEADER + hashlib.sha256(rows).hexdigest().encode():
                # Typed as analyze types its tables: an entry written before ``date`` became a
                # datetime column holds it as text.
                return typed(pd.read_parquet(io.BytesIO(rows)))
            problem = "is truncated or corrupt (its checksum does not match)"
        warnings.warn(CacheWarning(f"{path}: cache entry {problem}; analysed again"), stacklevel=2)
        return None

    def put(self, article: Article, table: pd.DataFrame) -> None:
        """Store the article's mentions table (written whole, then moved into place).

        Raises:
            CountrytoneError: the entry cannot be written.
        """
        path = self._path(article)
        rows = io.BytesIO()
        table.to_parquet(rows, index=False)
        header = _HEADER + hashlib.sha256(rows.getvalue()).hexdigest().encode()
        path.parent.mkdir(exist_ok=True)
        with written_whole(path) as partial:
            partial.write_bytes(header + b"\n" + rows.getvalue())

    def _path(self, article: Article) -> Path:
        content = [article.id, article.text, article.date, article.source, article.title]
        key = hashlib.sha256(json.dumps([self._settings, content]).encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.entry"
