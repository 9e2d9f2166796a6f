"""Output files are written whole: under a temporary name, moved into place when complete."""

import stat
from pathlib import Path

import pandas as pd
import pytest

from countrytone.errors import CountrytoneError
from countrytone.tables import mentions_frame
from countrytone.writers import Format, TableWriter, open_text_output, written_whole
from tests.rows import mention_row


def test_writers_written_whole_moves_the_file_into_place(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with written_whole(out) as partial:
        partial.write_text("rows")
        assert partial.parent == tmp_path
        assert not out.exists()
    assert out.read_text() == "rows"
    assert list(tmp_path.iterdir()) == [out]
    assert stat.S_IMODE(out.stat().st_mode) & 0o044 == 0o044  # readable as a new file is


def _write_then_fail(out: Path, raised: type[BaseException]) -> None:
    with open_text_output(str(out)) as stream:
        stream.write("half of today's")
        raise raised


def _write_rows_then_fail(out: Path, output: Format, rows: pd.DataFrame) -> None:
    with TableWriter(str(out), output=output, template=mentions_frame([])) as writer:
        writer.write(rows)
        raise KeyboardInterrupt


@pytest.mark.parametrize("raised", [RuntimeError, KeyboardInterrupt])
def test_writers_an_interrupted_write_leaves_the_old_file_and_no_other(
    tmp_path: Path, raised: type[BaseException]
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("yesterday's rows")
    with pytest.raises(raised):
        _write_then_fail(out, raised)
    assert out.read_text() == "yesterday's rows"
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("output", list(Format))
def test_writers_table_writer_removes_its_file_on_an_error(tmp_path: Path, output: Format) -> None:
    out = tmp_path / f"mentions.{output}"
    rows = mentions_frame([mention_row(0, 0, "CHN", 0.5)])
    with pytest.raises(KeyboardInterrupt):
        _write_rows_then_fail(out, output, rows)
    assert list(tmp_path.iterdir()) == []
    with TableWriter(str(out), output=output, template=mentions_frame([])) as writer:
        writer.write(rows)
    assert list(tmp_path.iterdir()) == [out]
    read = {Format.JSONL: lambda p: pd.read_json(p, lines=True), Format.CSV: pd.read_csv,
            Format.PARQUET: pd.read_parquet}[output]  # fmt: skip
    assert read(out)["country"].tolist() == ["CHN"]


def test_writers_refuse_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CountrytoneError, match="a folder"), written_whole(tmp_path):
        pass
    with (
        pytest.raises(CountrytoneError, match="cannot write"),
        written_whole(tmp_path / "no" / "out.csv"),
    ):
        pass


@pytest.mark.parametrize(
    ("output", "dates"),
    [
        (Format.JSONL, ['"date":"2024-03-14"', '"date":"2024-03-14T14:30:00"', '"date":null']),
        (Format.CSV, ["2024-03-14,", "2024-03-14T14:30:00,", "\na,,"]),
    ],
)
def test_writers_dates_are_iso_text_in_text_formats(
    tmp_path: Path, output: Format, dates: list[str]
) -> None:
    rows = [
        mention_row(0, 0, "CHN", 0.1, date=date)
        for date in ("2024-03-14", "2024-03-14T14:30:00", None)
    ]
    out = tmp_path / f"rows.{output}"
    with TableWriter(str(out), output=output, template=mentions_frame([])) as writer:
        writer.write(mentions_frame(rows))
    text = out.read_text()
    # JSON lines had milliseconds since 1970 once the column held datetimes.
    assert all(date in text for date in dates), text
