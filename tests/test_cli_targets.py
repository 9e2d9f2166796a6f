"""--targets on the command line: blocs and one's own targets in every table, chart and report;
a bad file of targets is one line per bad target."""

import json
from pathlib import Path

import pytest

from countrytone.cli import main
from countrytone.saved_tables import read_mentions
from countrytone.tables import MENTION_COLUMNS, TARGET_COLUMNS, mentions_frame
from tests.conftest import BAD_TARGETS_TOML, BLOC_ARTICLE, TARGETS_TOML
from tests.rows import mention_row


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """An article of the outlet "Wire" in the folder "news"."""
    path = tmp_path / "news" / "Wire" / "eu-china.txt"
    path.parent.mkdir(parents=True)
    path.write_text(BLOC_ARTICLE, encoding="utf-8")
    return path


def test_cli_targets_blocs_on_the_examples(
    capsys: pytest.CaptureFixture[str], examples: Path
) -> None:
    status, out, _ = _run(
        capsys, "analyze", str(examples), "--model", "vader", "--targets", "blocs"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert {"XEU", "XNATO"} <= {row["country"] for row in rows}
    assert {row["target_kind"] for row in rows} == {"bloc"}


def test_cli_targets_own_file_flows_to_the_table_and_charts(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    people = tmp_path / "people.toml"
    people.write_text(TARGETS_TOML, encoding="utf-8")
    table = tmp_path / "rows.parquet"
    targets = f"countries,blocs,{people}"
    args = ["analyze", str(article.parents[1]), "--model", "vader", "--with-text"]
    assert _run(capsys, *args, "--targets", targets, "--out", str(table)) == (0, "", "")
    rows = read_mentions(table)
    xi = rows[rows["country"] == "XI"]
    assert list(xi[["mention", "target_name", "target_kind"]].iloc[0]) == [
        "Xi Jinping",
        "Xi Jinping",
        "person",
    ]
    # A saved table knows its own targets by name with no file given, by alias with it.
    chart = tmp_path / "sources.png"
    plot = ["plot", str(table), "--kind", "sources", "--out", str(chart)]
    assert _run(capsys, *plot, "--countries", "xi jinping,EU") == (0, "", "")
    assert chart.stat().st_size > 0
    by_alias = ["--countries", "President Xi"]
    assert _run(capsys, *plot, *by_alias, "--targets", str(people)) == (0, "", "")
    with pytest.raises(SystemExit):
        _run(capsys, *plot, *by_alias)
    assert "unknown country 'President Xi'" in capsys.readouterr().err
    report = tmp_path / "report.html"
    assert _run(capsys, "report", str(table), "--out", str(report)) == (0, "", "")
    html = report.read_text(encoding="utf-8")
    assert "Xi Jinping" in html
    assert "European Union" in html
    assert "Tone toward each target" in html


def test_cli_targets_bad_file_is_one_line_per_bad_target(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    people = tmp_path / "people.toml"
    people.write_text(BAD_TARGETS_TOML, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        _run(capsys, "analyze", str(article), "--targets", str(people))
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"countrytone: error: argument --targets: {people}:1: unknown field 'alias' "
        "(did you mean 'aliases'?)",
        f"countrytone: error: argument --targets: {people}:11: code 'PUTIN' is taken by the "
        "target of line 6: choose another",
        f"countrytone: error: argument --targets: {people}:16: empty alias list for 'HAMAS': "
        "give the names to find",
    ]


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["--targets", "blcs"], "argument --targets: unknown targets 'blcs'"),
        (["--countries", "EU"], "argument --countries: XEU (European Union) is a bloc: add blocs"),
        (["--targets", "blocs", "--countries", "Irann"], "unknown country 'Irann'"),
    ],
)
def test_cli_targets_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], article: Path, options: list[str], error: str
) -> None:
    for command in ("analyze", "plot"):
        out = ["--out", str(article.with_suffix(".png"))] if command == "plot" else []
        with pytest.raises(SystemExit) as exit_info:
            _run(capsys, command, str(article), "--model", "vader", *options, *out)
        err = capsys.readouterr().err
        assert exit_info.value.code == 1
        assert err.count("\n") == 1
        assert error in err


def test_cli_targets_plot_and_report_analyse_with_the_targets(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    chart = tmp_path / "dyads.png"
    targets = ["--targets", "countries,blocs"]
    plot = ["plot", str(article), "--model", "vader", "--kind", "dyads", *targets]
    assert _run(capsys, *plot, "--out", str(chart)) == (0, "", "")
    report = tmp_path / "report.html"
    args = ["report", str(article), "--model", "vader", *targets]
    assert _run(capsys, *args, "--out", str(report)) == (0, "", "")
    assert "European Union" in report.read_text(encoding="utf-8")


def test_cli_targets_a_table_written_before_them_is_read(tmp_path: Path) -> None:
    old = mentions_frame([mention_row(0, 0, "CHN", 0.5)]).drop(columns=list(TARGET_COLUMNS))
    path = tmp_path / "old.csv"
    old.to_csv(path, index=False)
    table = read_mentions(path)
    assert tuple(table.columns) == MENTION_COLUMNS
    assert list(table[list(TARGET_COLUMNS)].iloc[0]) == ["China", "country"]
