"""Writing tables incrementally as JSON lines, CSV or Parquet, to a file or stdout.

A file is written under a temporary name beside it and moved into place only when complete:
an interrupted or failed run leaves no file that looks complete (and an older file of that name
as it was).

pandas and pyarrow are imported where they are used: the command line names the formats in its
``--help`` without loading them, and JSON lines and CSV never load pyarrow.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from countrytone.errors import CountrytoneError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq


class Format(StrEnum):
    """The output formats."""

    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


def output_format(out: str | None, requested: str | None) -> Format:
    """The format asked for, else the one named by the output file's extension, else JSONL.

    Raises:
        CountrytoneError: no format is asked for and the extension names none.
    """
    if requested is not None:
        return Format(requested)
    if out is None:
        return Format.JSONL
    extension = Path(out).suffix.lower().lstrip(".")
    if extension not in Format.__members__.values():
        choices = ", ".join(Format)
        raise CountrytoneError(f"{out}: cannot tell the format from '.{extension}': use {choices}")
    return Format(extension)


# The temporary files being written now, so that a run ended by a signal can remove them.
_PARTIAL_FILES: set[Path] = set()


def discard_partial_files() -> None:
    """Remove the temporary file of every output being written now (a run ends on a signal)."""
    for partial in list(_PARTIAL_FILES):
        partial.unlink(missing_ok=True)


@contextmanager
def written_whole(out: str | Path) -> Iterator[Path]:
    """A temporary path beside ``out`` to write to, moved onto ``out`` when the block completes.

    When the block raises (an error, Ctrl-C, a signal turned into an exception), the temporary
    file is removed and ``out`` is left as it was. The file gets the permissions a new file
    would get.

    Raises:
        CountrytoneError: ``out`` is a folder, or its folder cannot be written to.
    """
    target = Path(out)
    if target.is_dir():
        raise CountrytoneError(f"{out}: cannot write (a folder)")
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
    except OSError as error:
        raise CountrytoneError(f"{out}: cannot write ({error.strerror})") from None
    os.close(handle)
    partial = Path(name)
    _PARTIAL_FILES.add(partial)
    try:
        partial.chmod(0o666 & ~_umask())
        yield partial
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        _PARTIAL_FILES.discard(partial)


def is_folder(out: str | Path) -> bool:
    """Whether ``out`` names a folder to write files into: it ends in a slash, or is one."""
    return str(out).endswith(("/", "\\")) or Path(out).is_dir()


def numbered_names(article_ids: Iterable[str], *, suffix: str) -> list[str]:
    """A file name per article, unique in a folder: its number, then its id's stem in lower-case
    letters and digits (``0003-us-china-chip-curbs.html``)."""
    names = []
    for number, article_id in enumerate(article_ids, start=1):
        stem = re.sub(r"[^a-z0-9]+", "-", Path(article_id).stem.lower()).strip("-")
        names.append(f"{number:04d}-{stem}{suffix}")
    return names


def _umask() -> int:
    # The umask can only be read by setting it: set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def open_text_output(out: str | None) -> Iterator[IO[str]]:
    """A UTF-8 text stream to the file ``out`` (written whole, see ``written_whole``), or
    stdout when it is None.

    Raises:
        CountrytoneError: the file cannot be opened for writing.
    """
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with (
        written_whole(out) as partial,
        partial.open("w", encoding="utf-8", newline="") as file,
    ):
        yield file


class TableWriter:
    """Appends DataFrames of one layout to a file (or stdout), so that rows stream out.

    Args:
        out: the output path (written whole, see ``written_whole``: use the writer as a context
            manager, so that a failed run leaves no file), or None for stdout (not for Parquet).
        output: the format.
        template: an empty DataFrame with the table's columns and dtypes; it fixes the header
            and the Parquet schema, so that a run with no rows still writes a valid table.
        metadata: key-value pairs stored in a Parquet file's metadata (the model id, the
            package version); JSON lines and CSV have no place for them.

    Raises:
        CountrytoneError: the output cannot be opened, or Parquet is asked for on stdout.
    """

    def __init__(
        self,
        out: str | None,
        *,
        output: Format,
        template: pd.DataFrame,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        self._format = output
        self._columns = list(template.columns)
        self._stream: IO[str] | None = None
        self._parquet: pq.ParquetWriter | None = None
        if output is Format.PARQUET and out is None:
            raise CountrytoneError("parquet output needs --out FILE")
        # Opened under one stack that a failure while opening unwinds (removing the file).
        with ExitStack() as opening:
            if output is Format.PARQUET and out is not None:
                import pyarrow.parquet as pq

                self._schema = _arrow_schema(template, metadata=metadata)
                partial = opening.enter_context(written_whole(out))
                self._parquet = pq.ParquetWriter(partial, self._schema)
                opening.callback(self._parquet.close)
            else:
                self._stream = opening.enter_context(open_text_output(out))
            self._header_pending = output is Format.CSV
            if self._header_pending:
                self.write(template)
            self._resources = opening.pop_all()

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of a DataFrame with the template's columns."""
        frame = frame[self._columns]
        if self._parquet is not None:
            import pyarrow as pa

            table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
            self._parquet.write_table(table)
            return
        frame = _iso_datetimes(frame)
        if self._stream is not None and self._format is Format.CSV:
            frame.to_csv(self._stream, header=self._header_pending, index=False)
            self._header_pending = False
        elif self._stream is not None and not frame.empty:
            lines = frame.to_json(orient="records", lines=True, force_ascii=False)
            self._stream.write(lines if lines.endswith("\n") else lines + "\n")
        if self._stream is not None:
            self._stream.flush()

    def close(self) -> None:
        """Finish the output (Parquet's footer), close the file and move it into place."""
        self._resources.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # On an exception the file is closed and removed, never moved into place.
        self._resources.__exit__(exc_type, exc, traceback)


def _iso_datetimes(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns as ISO text (JSON lines would get milliseconds since 1970, CSV a time of
    00:00:00 on every date)."""
    import pandas as pd

    columns = {
        name: iso_text(frame[name])
        for name in frame.columns
        if pd.api.types.is_datetime64_dtype(frame[name].dtype)
    }
    return frame.assign(**columns)


def iso_text(datetimes: pd.Series[Any]) -> pd.Series[Any]:
    """Datetimes as the ISO text articles' dates are written in: ``2024-03-14``, or
    ``2024-03-14T14:30:00`` when a time of day is given; missing ones stay missing."""
    midnight = datetimes == datetimes.dt.normalize()
    stamps = datetimes.dt.strftime("%Y-%m-%dT%H:%M:%S")
    dates: pd.Series[Any] = datetimes.dt.strftime("%Y-%m-%d")
    return dates.where(midnight, stamps)


def _arrow_schema(template: pd.DataFrame, *, metadata: Mapping[str, str] | None) -> pa.Schema:
    import pyarrow as pa

    fields = [_arrow_field(name, template[name]) for name in template.columns]
    return pa.schema(fields, metadata=metadata)


def _arrow_field(name: str, column: pd.Series[Any]) -> pa.Field:
    import pandas as pd
    import pyarrow as pa

    kind = column.dtype.kind
    if pd.api.types.is_bool_dtype(column.dtype):
        return pa.field(name, pa.bool_())
    if kind == "M":
        return pa.field(name, pa.timestamp("ns"))
    if kind in "iu":
        return pa.field(name, pa.int64())
    if kind == "f":
        return pa.field(name, pa.float64())
    return pa.field(name, pa.string())
