"""The analyst's loop on the command line: analyse once, then draw and report from the saved
table; and the input options that decide what is analysed (dates, fields, titles, countries)."""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from countrytone.cli import main
from countrytone.saved_tables import read_mentions

ARTICLE = (
    "date 2024-03-14 World\n"
    "China and Japan trade barbs\n"
    "Japan praised the agreement with Australia.\n"
    "“We strongly condemn China’s drills,” the minister said.\n"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles of one outlet."""
    outlet = tmp_path / "articles" / "Wire"
    outlet.mkdir(parents=True)
    (outlet / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (outlet / "b.txt").write_text(ARTICLE.replace("2024-03-14", "2024-05-02"), encoding="utf-8")
    return tmp_path / "articles"


@pytest.fixture
def analyse(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> Callable[..., Path]:
    """Analyse the folder into a table; from then on no tone model loads: drawing or reporting
    the table must not analyse it again."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a saved table was analysed again")

    def analyse_once(out: Path, *options: str) -> Path:
        args = ["analyze", str(folder), "--model", "vader", "--out", str(out), *options]
        assert _run(capsys, *args) == (0, "", "")
        monkeypatch.setattr("countrytone.registry.load_tone_model", refuse)
        return out

    return analyse_once


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_cli_tables_plot_draws_a_saved_table(
    capsys: pytest.CaptureFixture[str],
    analyse: Callable[..., Path],
    folder: Path,
    tmp_path: Path,
    suffix: str,
) -> None:
    rows = analyse(tmp_path / f"rows{suffix}")
    chart = tmp_path / "sources.png"
    # Was "CSV corpus has no 'text' column", an empty PNG and exit 2 for analyze's own output.
    status, _, err = _run(capsys, "plot", str(rows), "--kind", "sources", "--out", str(chart))
    assert (status, err) == (0, "")
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_cli_tables_plot_all_writes_every_chart_from_one_analysis(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    rows = analyse(tmp_path / "rows.parquet", "--with-text")
    charts = tmp_path / "charts"
    status, _, err = _run(capsys, "plot", str(rows), "--kind", "all", "--out", f"{charts}/")
    written = sorted(str(path.relative_to(charts)) for path in charts.rglob("*.png"))
    assert written == [
        "articles/0001-a-arc.png",
        "articles/0001-a-paragraphs.png",
        "articles/0002-b-arc.png",
        "articles/0002-b-paragraphs.png",
        "dyads.png",
        "over-time.png",
        "sources.png",
        "speakers.png",
    ]
    assert (status, err) == (0, "")


def test_cli_tables_plot_all_leaves_out_a_chart_with_nothing_to_draw(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    rows = analyse(tmp_path / "rows.csv", "--countries", "chn")
    charts = tmp_path / "charts"
    status, _, err = _run(capsys, "plot", str(rows), "--kind", "all", "--out", f"{charts}/")
    assert status == 0
    assert not (charts / "dyads.png").exists()
    assert err == (
        f"countrytone: warning: {charts / 'dyads.png'}: not written, nothing to draw: no rows "
        "with a speaker_country (a speaker of a country or bloc)\n"
    )


@pytest.mark.parametrize(
    ("kind", "out", "error"),
    [
        ("all", "chart.png", "--kind all writes every chart into a folder (--out DIR/)"),
        ("sources", "charts/", "any other kind one image (--out FILE.png)"),
    ],
)
def test_cli_tables_plot_out_fits_the_kind(
    capsys: pytest.CaptureFixture[str], folder: Path, kind: str, out: str, error: str
) -> None:
    status, _, err = _run(capsys, "plot", str(folder), "--kind", kind, "--out", out)
    assert status == 1
    assert error in err


def test_cli_tables_plot_one_article_of_a_saved_table(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    rows = analyse(tmp_path / "rows.parquet")
    chart = tmp_path / "arc.png"
    status, _, err = _run(capsys, "plot", str(rows), "--kind", "arc", "--out", str(chart))
    assert status == 1
    assert "--kind arc draws one article, the inputs hold 2: choose one with --article ID" in err
    article = str(folder / "Wire" / "a.txt")
    args = ["plot", str(rows), "--kind", "arc", "--article", article, "--out", str(chart)]
    assert _run(capsys, *args) == (0, "", "")
    status, _, err = _run(capsys, "plot", str(rows), "--article", "zz", "--out", str(chart))
    assert (status, err) == (
        1,
        "countrytone: error: --article zz: no article of the inputs has this id\n",
    )


def test_cli_tables_report_from_a_table_with_its_text(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    rows = analyse(tmp_path / "rows.parquet", "--with-text")
    report = tmp_path / "report.html"
    assert _run(capsys, "report", str(rows), "--out", str(report)) == (0, "", "")
    html = report.read_text(encoding="utf-8")
    assert html.count("China and Japan trade barbs") >= 2
    assert "the minister" in html  # the quotation's speaker, found by the parser alone


def test_cli_tables_report_needs_the_text_and_says_how(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    rows = analyse(tmp_path / "rows.csv")
    report = tmp_path / "report.html"
    status, _, err = _run(capsys, "report", str(rows), "--out", str(report))
    assert (status, err) == (
        1,
        "countrytone: error: the report shows the articles' text, which the table lacks: write "
        "the table with analyze --with-text, or pass the articles too (report TABLE ARTICLE...)\n",
    )
    # The articles beside the table: read, not analysed.
    assert _run(capsys, "report", str(rows), str(folder), "--out", str(report)) == (0, "", "")
    assert "China and Japan trade barbs" in report.read_text(encoding="utf-8")
    status, _, err = _run(
        capsys, "report", str(rows), str(folder / "Wire" / "a.txt"), "--out", str(report)
    )
    assert status == 1
    assert "1 articles of the table are not among the inputs" in err


def test_cli_tables_dates_are_iso_text_in_files_and_datetimes_in_parquet(
    capsys: pytest.CaptureFixture[str], analyse: Callable[..., Path], folder: Path, tmp_path: Path
) -> None:
    _, out, _ = _run(capsys, "analyze", str(folder), "--model", "vader")
    assert {json.loads(line)["date"] for line in out.splitlines()} == {"2024-03-14", "2024-05-02"}
    rows = analyse(tmp_path / "rows.parquet")
    assert str(pq.read_schema(rows).field("date").type) == "timestamp[ns]"
    assert str(pd.read_parquet(rows)["date"].dtype) == "datetime64[ns]"
    assert read_mentions(rows)["date"].min() == pd.Timestamp("2024-03-14")


def _corpus(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return corpus


def test_cli_tables_ambiguous_dates_are_one_warning_and_read_when_told(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dates = ["03/04/2024", "05/06/2024", "13/04/2024"]
    corpus = _corpus(tmp_path, [{"id": d, "text": "China met Japan.", "date": d} for d in dates])
    status, out, err = _run(capsys, "analyze", str(corpus), "--model", "vader")
    assert status == 0
    assert err == (
        "countrytone: warning: 03/04/2024: the date '03/04/2024' could be day/month or "
        "month/day; the date is left empty (read such dates with --dayfirst or --monthfirst, "
        "dayfirst= in Python) (and 1 more inputs)\n"
    )
    assert [json.loads(line)["date"] for line in out.splitlines()][::2] == [
        None,
        None,
        "2024-04-13",
    ]
    for order, expected in (("--dayfirst", "2024-04-03"), ("--monthfirst", "2024-03-04")):
        status, out, err = _run(capsys, "analyze", str(corpus), "--model", "vader", order)
        assert json.loads(out.splitlines()[0])["date"] == expected
    with pytest.raises(SystemExit) as exit_info:
        _run(capsys, "analyze", str(corpus), "--dayfirst", "--monthfirst")
    assert exit_info.value.code == 1
    assert "not allowed with argument" in capsys.readouterr().err


def test_cli_tables_corpus_fields_by_other_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("key,body\nr1,China met Japan.\n", encoding="utf-8")
    status, out, err = _run(capsys, "analyze", str(corpus), "--model", "vader")
    assert (status, out) == (2, "")
    assert "(its columns: 'key', 'body'); name the text column with --text-column NAME" in err
    args = [
        "analyze",
        str(corpus),
        "--model",
        "vader",
        "--text-column",
        "body",
        "--id-column",
        "key",
    ]
    status, out, err = _run(capsys, *args)
    assert (status, err) == (0, "")
    assert {json.loads(line)["article_id"] for line in out.splitlines()} == {"r1"}


def test_cli_tables_empty_corpus_is_one_warning_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "empty.jsonl"
    corpus.write_text("")
    # Was exit 0, no output and no word.
    status, out, err = _run(capsys, "analyze", str(corpus), "--model", "vader")
    assert (status, out) == (0, "")
    assert err == f"countrytone: warning: {corpus}: no rows, an empty corpus\n"


def test_cli_tables_analyze_titles(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path, [{"id": "r1", "title": "China warns Japan", "text": "Talks went on."}]
    )
    status, out, _ = _run(capsys, "analyze", str(corpus), "--model", "vader")
    assert (status, out) == (0, "")  # the title is metadata: nothing to analyse
    status, out, _ = _run(
        capsys, "analyze", str(corpus), "--model", "vader", "--analyze-titles", "--with-text"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["mention"], row["part"]) for row in rows] == [
        ("China", "title"),
        ("Japan", "title"),
    ]
    assert all(row["text"][row["start"] : row["end"]] == row["mention"] for row in rows)


@pytest.mark.parametrize(
    ("countries", "kept"),
    [("irn,JPN", {"JPN"}), ("Japan", {"JPN"}), ("china, UK", {"CHN"}), ("PRC", {"CHN"})],
)
def test_cli_tables_countries_as_a_user_names_them(
    capsys: pytest.CaptureFixture[str], folder: Path, countries: str, kept: set[str]
) -> None:
    status, out, err = _run(
        capsys, "analyze", str(folder), "--model", "vader", "--countries", countries
    )
    assert (status, err) == (0, "")
    assert {json.loads(line)["country"] for line in out.splitlines()} == kept


@pytest.mark.parametrize(
    ("countries", "error"),
    [
        ("Irann", "unknown country 'Irann': did you mean IRN (Iran)?"),
        ("XXX", "unknown country 'XXX': use an ISO 3166-1 alpha-3 code or a name"),
    ],
)
def test_cli_tables_unknown_country_is_one_line(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path, countries: str, error: str
) -> None:
    for command in ("analyze", "plot"):
        out = ["--out", str(tmp_path / "x.png")] if command == "plot" else []
        with pytest.raises(SystemExit) as exit_info:
            _run(capsys, command, str(folder), "--countries", countries, *out)
        err = capsys.readouterr().err
        assert exit_info.value.code == 1
        assert err.count("\n") == 1
        assert error in err


@pytest.mark.parametrize(
    "line", [["--version"], ["--help"], ["analyze", "--help"], ["report", "--help"]]
)
def test_cli_tables_version_and_help_load_nothing_heavy(line: list[str]) -> None:
    code = (
        "import sys\nfrom countrytone.cli import main\n"
        f"try:\n    main({line!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('spacy', 'torch', 'pandas', 'matplotlib', 'transformers', 'pyarrow')\n"
        "print(sorted(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # Was ['pandas', 'pyarrow', 'spacy', 'torch', ...]: two seconds before the version showed.
    assert result.stderr.strip() == "[]"
