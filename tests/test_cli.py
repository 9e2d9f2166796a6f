"""The command-line contract: outputs, formats, exit codes and one-line errors."""

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from matplotlib.figure import Figure

import countrytone
from countrytone.cli import _parser, main
from countrytone.tables import CONTRACT_MENTION_COLUMNS, QUOTE_COLUMNS
from tests.conftest import CountingModel

ARTICLE = (
    "date 2024-03-14 World\n"
    "China and Japan trade barbs\n"
    "Japan praised the agreement with Australia.\n"
    "“We strongly condemn China’s drills,” the minister said.\n"
)
GERMAN = (
    "Die Bundesregierung hat am Montag neue Gespräche mit China angekündigt. Der Kanzler "
    "sagte, dass die Beziehungen zwischen Deutschland und Frankreich sehr gut seien und dass "
    "man gemeinsam handeln werde, um die Wirtschaft zu stärken und Arbeitsplätze zu sichern."
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_cli_analyze_writes_design_columns(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    status, out, err = _run(capsys, "analyze", str(article))
    rows = _jsonl(out)
    assert (status, err) == (0, "")
    assert all(tuple(row) == CONTRACT_MENTION_COLUMNS for row in rows)
    assert [(row["mention"], row["country"], row["part"]) for row in rows] == [
        ("China", "CHN", "title"),
        ("Japan", "JPN", "title"),
        ("Japan", "JPN", "body"),
        ("Australia", "AUS", "body"),
        ("China", "CHN", "body"),
    ]
    text = ARTICLE
    assert all(text[row["start"] : row["end"]] == row["mention"] for row in rows)  # type: ignore[misc]
    assert rows[0]["article_id"] == str(article)
    assert rows[0]["date"] == "2024-03-14"
    assert rows[0]["paragraph"] is None
    assert rows[2]["paragraph"] == 0


@pytest.mark.parametrize("extension", ["csv", "parquet", "jsonl"])
def test_cli_analyze_format_from_out_extension(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path, extension: str
) -> None:
    out = tmp_path / f"mentions.{extension}"
    status, _, _ = _run(capsys, "analyze", str(article), "--out", str(out))
    read = {"csv": pd.read_csv, "parquet": pd.read_parquet}.get(
        extension, lambda path: pd.read_json(path, lines=True)
    )
    frame = read(out)
    assert status == 0
    assert tuple(frame.columns) == CONTRACT_MENTION_COLUMNS
    assert len(frame) == 5
    if extension == "parquet":
        metadata = pq.read_schema(out).metadata
        assert metadata[b"model"] == b"mpnet-int8"
        assert metadata[b"countrytone_version"] == countrytone.__version__.encode()


def test_cli_analyze_countries_filter(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    status, out, _ = _run(capsys, "analyze", str(article), "--countries", "chn, aus")
    assert status == 0
    assert {row["country"] for row in _jsonl(out)} == {"CHN", "AUS"}


def test_cli_analyze_vader_model_column(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    _, out, _ = _run(capsys, "analyze", str(article), "--model", "vader")
    assert {row["model"] for row in _jsonl(out)} == {"vader"}


def test_cli_analyze_keeps_good_inputs_when_some_are_bad(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Café in Paris\nFrance".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    paths = [str(path) for path in (binary, article, empty, latin1, missing)]
    status, out, err = _run(capsys, "analyze", *paths)
    assert status == 2
    assert len(_jsonl(out)) == 5
    lines = err.splitlines()
    assert len(lines) == 4
    for path, problem in [
        (binary, "binary"),
        (empty, "empty text"),
        (latin1, "UTF-8"),
        (missing, "no such file"),
    ]:
        assert any(str(path) in line and problem in line for line in lines)


def test_cli_analyze_corpus_with_broken_files_keeps_every_good_row(
    capsys: pytest.CaptureFixture[str], examples: Path, tmp_path: Path
) -> None:
    """Broken files and corpus lines among many articles, scored in several batches."""
    good, broken = tmp_path / "good", tmp_path / "broken"
    texts = [path.read_text(encoding="utf-8") for path in sorted(examples.rglob("*.txt"))]
    for copy in range(2):
        for number, text in enumerate(texts):
            (good / f"copy{copy}").mkdir(parents=True, exist_ok=True)
            (good / f"copy{copy}" / f"{number:02d}.txt").write_text(text, encoding="utf-8")
    good_lines = [json.dumps({"id": f"row{n}", "text": text}) for n, text in enumerate(texts)]
    (good / "corpus.jsonl").write_text("\n".join(good_lines) + "\n", encoding="utf-8")
    # The same articles again, with broken files and lines between them.
    for path in sorted(good.rglob("*.txt")):
        target = broken / path.relative_to(good)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "copy0" / "05b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (broken / "copy1" / "03b.txt").write_text("\n \n", encoding="utf-8")
    (broken / "copy1" / "07b.txt").write_bytes("Caf\xe9 in Paris".encode("latin-1"))
    broken_lines = [*good_lines[:5], "{not json", *good_lines[5:9], '{"id": "no text"}']
    broken_lines += good_lines[9:]
    (broken / "corpus.jsonl").write_text("\n".join(broken_lines) + "\n", encoding="utf-8")
    options = ["--model", "vader", "--batch-size", "4", "--format", "csv"]

    status, expected, err = _run(capsys, "analyze", str(good), *options)
    assert (status, err) == (0, "")
    missing = tmp_path / "missing"
    status, out, err = _run(capsys, "analyze", str(broken), str(missing), *options)

    assert status == 2
    assert len(err.splitlines()) == 6
    for name in ("05b.txt", "03b.txt", "07b.txt", "corpus.jsonl:6", "corpus.jsonl:11", "missing"):
        assert sum(name in line for line in err.splitlines()) == 1
    rows = pd.read_csv(io.StringIO(out), keep_default_na=False)
    expected_rows = pd.read_csv(io.StringIO(expected), keep_default_na=False)
    assert len(expected_rows) > 1000
    rows["article_id"] = rows["article_id"].str.replace(str(broken), "")
    expected_rows["article_id"] = expected_rows["article_id"].str.replace(str(good), "")
    pd.testing.assert_frame_equal(rows, expected_rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "x.txt", "--model", "nope"], "unknown tone model 'nope'"),
        (["analyze", "x.txt", "--countries", "XXX"], "XXX"),
        (["analyze", "x.txt", "--out", "out.xlsx"], "cannot tell the format"),
        (["analyze", "x.txt", "--batch-size", "0"], "not a positive whole number"),
        (["analyze", "x.txt", "--format", "parquet"], "parquet output needs --out"),
        (["analyze"], "required"),
        (["frobnicate"], "invalid choice"),
        (["analyze", "x.txt", "--out", "/no/such/dir/out.csv"], "/no/such/dir/out.csv"),
    ],
)
def test_cli_usage_errors_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        raise SystemExit(main(args))
    err = capsys.readouterr().err
    assert exit_info.value.code == 1
    assert len(err.strip().splitlines()) == 1
    assert message in err


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({}, "folder holds no"),
        ({"notes.md": "hello"}, "folder holds no"),
    ],
)
def test_cli_folder_without_articles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    status, out, err = _run(capsys, "analyze", str(tmp_path))
    assert (status, out) == (2, "")
    assert problem in err


def test_cli_unreadable_date_is_one_warning_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.replace("2024-03-14", "14 Marchish 2024"), encoding="utf-8")
    status, out, err = _run(capsys, "analyze", str(path), "--model", "vader")
    rows = _jsonl(out)
    assert status == 0
    problem = "cannot read the date '14 Marchish 2024 World'; the date is left empty"
    assert err == f"countrytone: warning: {path}: {problem}\n"
    assert {(row["date"], row["part"]) for row in rows} == {(None, "title"), (None, "body")}


def test_cli_unreadable_dates_of_a_corpus_are_one_warning_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for number in range(3):
        text = ARTICLE.replace("2024-03-14", f"{number} Marchish 2024")
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    for command in ("analyze", "report"):
        out = ["--out", str(tmp_path / "report.html")] if command == "report" else []
        status, _, err = _run(capsys, command, str(tmp_path), "--model", "vader", *out)
        problem = "cannot read the date '0 Marchish 2024 World'; the date is left empty"
        first = f"{tmp_path / '0.txt'}: {problem}"
        assert (status, err) == (0, f"countrytone: warning: {first} (and 2 more inputs)\n")


def test_cli_unbalanced_quotes_are_analysed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "quotes.txt"
    path.write_text(
        "Title\n“China will never accept this, the spokesman said.\nRussia and India met.\n"
    )
    status, out, _ = _run(capsys, "analyze", str(path))
    assert status == 0
    assert [row["country"] for row in _jsonl(out)] == ["CHN", "RUS", "IND"]


def test_cli_non_english_text_warns_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GERMAN, encoding="utf-8")
    status, _, err = _run(capsys, "analyze", str(tmp_path))
    assert status == 0
    assert err.count("does not look like English") == 1
    assert "1 more" in err


def test_cli_one_megabyte_paragraph(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sentence = "Officials in Tokyo said Japan would raise tariffs on steel next year. "
    path = tmp_path / "huge.txt"
    path.write_text("Title\n" + sentence * (1_000_000 // len(sentence) + 1))
    # The fast model: the test is about reading and chunking, not about the tone.
    status, out, _ = _run(capsys, "analyze", str(path), "--format", "csv", "--model", "fast")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0
    assert (frame["country"] == "JPN").sum() == 1_000_000 // len(sentence) + 1
    assert frame["paragraph"].eq(0).all()


def test_cli_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, _ = _run(capsys, "analyze", "-")
    assert status == 0
    assert {row["article_id"] for row in _jsonl(out)} == {"-"}


def test_cli_stdin_corpus(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE}]
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, err = _run(capsys, "analyze", "-", "--input-format", "jsonl", "--model", "vader")
    assert (status, err) == (0, "")
    assert list(dict.fromkeys(row["article_id"] for row in _jsonl(out))) == ["a", "b"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, err = _run(capsys, "analyze", "-", "--model", "vader")
    assert status == 0
    assert err == (
        "countrytone: warning: -: looks like JSONL rows with a 'text' field but is read as one "
        "article's text; to read it as a corpus, pass --input-format jsonl\n"
    )


def test_cli_folder_names_the_files_it_leaves_out_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name in ("b.md", "c.md", "d.xml", "e.pdf"):
        (tmp_path / name).write_text("x")
    status, out, err = _run(capsys, "analyze", str(tmp_path), "--model", "vader")
    assert (status, len(_jsonl(out))) == (0, 5)
    assert err == (
        f"countrytone: warning: {tmp_path}: files left out (neither articles nor corpora): "
        "2 .md, 1 .pdf, 1 .xml\n"
    )


def test_cli_targets_one_line_per_input_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = [
        json.dumps(
            {
                "text": "Critics condemned China for its brutal crackdown.",
                "start": 18,
                "end": 23,
                "id": 1,
            }
        ),
        json.dumps({"text": "Short.", "start": 2, "end": 40, "label": "keep?"}),
        "not json",
        json.dumps({"text": "Japan was praised for the excellent deal.", "start": 0, "end": 5}),
        json.dumps({"text": "x", "start": "0", "end": 1}),
    ]
    path = tmp_path / "targets.jsonl"
    path.write_text("\n".join(lines) + "\n")
    status, out, err = _run(capsys, "targets", str(path))
    rows = _jsonl(out)
    assert status == 2
    assert len(rows) == len(lines)
    assert rows[0]["id"] == 1
    assert rows[0]["label"] == "negative"
    assert rows[3]["label"] == "positive"
    assert rows[1]["label"] is None
    assert "error" in rows[1]
    assert rows[2]["error"].startswith("invalid JSON")  # type: ignore[union-attr]
    assert len(err.splitlines()) == 3
    assert f"{path}:2" in err


def test_cli_targets_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = _run(capsys, "targets", str(tmp_path / "none.jsonl"))
    assert (status, out) == (2, "")
    assert "no such file" in err


def test_cli_console_script_has_no_traceback(tmp_path: Path, examples: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "countrytone",
            "analyze",
            str(binary),
            str(examples),
            "--model",
            "fast",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    # The binary file skipped, the folder's README left out: one line each.
    assert result.stderr.count("\n") == 2
    assert "skipped" in result.stderr
    assert "files left out" in result.stderr
    assert len(result.stdout.splitlines()) > 100


def test_cli_quotes_rows(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    status, out, _ = _run(capsys, "quotes", str(article))
    rows = _jsonl(out)
    assert status == 0
    assert all(tuple(row) == QUOTE_COLUMNS for row in rows)
    direct = [row for row in rows if row["kind"] == "direct"]
    assert [(row["text"], row["cue"]) for row in direct] == [
        ("“We strongly condemn China’s drills,”", "said")
    ]
    assert all(ARTICLE[row["start"] : row["end"]] == row["text"] for row in rows)  # type: ignore[misc]


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"countrytone {countrytone.__version__}\n"


@pytest.mark.parametrize(
    "command", ["analyze", "quotes", "plot", "evaluate", "train", "interpolate", "targets"]
)
def test_cli_help_shows_every_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # help text unwrapped
    subcommands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    options = subcommands.choices[command]._actions
    with pytest.raises(SystemExit):
        main([command, "--help"])
    # One block per option: its line and, for a long option, the help on the next line.
    help_text = capsys.readouterr().out
    blocks = [" ".join(block.split()) for block in re.split(r"\n(?=  -)", help_text)]
    defaults = {
        action.option_strings[-1]: action.default
        for action in options
        if action.option_strings and action.default not in (None, False, [], argparse.SUPPRESS)
    }
    assert defaults
    for option, default in defaults.items():
        block = next(block for block in blocks if block.startswith(option))
        assert f"(default: {default})" in block, block


@pytest.mark.parametrize(
    ("kind", "axis", "ticks"),
    [
        (
            "paragraphs",
            "y",
            ["title China and Japan trade barbs", "¶0 Japan praised the agreement with Australia.",
             "¶1 “We strongly condemn China’s drills,” the …"],
        ),
        ("arc", "x", ["title", "0", "1"]),
        ("speakers", "y", ["(article)", "Japan", "the minister"]),
        ("dyads", "y", ["Japan"]),
        ("over-time", "legend", ["China", "Japan", "Australia"]),
        ("sources", "y", ["Wire"]),
    ],
)  # fmt: skip
def test_cli_plot_writes_png(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    article: Path,
    tmp_path: Path,
    kind: str,
    axis: str,
    ticks: list[str],
) -> None:
    # In a folder, the outlet's subfolder names its source.
    folder = tmp_path / "articles"
    (folder / "Wire").mkdir(parents=True)
    article.rename(folder / "Wire" / article.name)
    saved: list[Figure] = []
    save = Figure.savefig
    monkeypatch.setattr(
        Figure, "savefig", lambda self, *a, **k: saved.append(self) or save(self, *a, **k)
    )
    out = tmp_path / f"{kind}.png"
    status, _, err = _run(capsys, "plot", str(folder), "--out", str(out), "--kind", kind)
    assert (status, err) == (0, "")
    assert out.read_bytes().startswith(b"\x89PNG")
    [figure] = saved
    ax = figure.axes[0]
    labels = {
        "x": ax.get_xticklabels,
        "y": ax.get_yticklabels,
        "legend": lambda: ax.get_legend().get_texts(),
    }[axis]()
    assert [label.get_text() for label in labels] == ticks
    assert ax.has_data()


def test_cli_plot_one_article_kinds_refuse_a_folder(
    capsys: pytest.CaptureFixture[str], examples: Path, tmp_path: Path
) -> None:
    status, _, err = _run(capsys, "plot", str(examples), "--out", str(tmp_path / "x.png"))
    assert status == 1
    assert "draws one article" in err
    assert "choose one with --article ID" in err


def test_cli_plot_one_article_of_a_corpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from countrytone import plots

    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": name, "text": ARTICLE, "title": f"Title {name}"} for name in ("a", "b")]
    corpus.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    drawn: list[pd.DataFrame] = []
    tone_arc = plots.tone_arc

    def spy(mentions: pd.DataFrame, **options: object) -> object:
        drawn.append(mentions)
        return tone_arc(mentions, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(plots, "tone_arc", spy)
    out = tmp_path / "arc.png"
    args = ["plot", str(corpus), "--kind", "arc", "--article", "b", "--out", str(out)]
    status, _, err = _run(capsys, *args, "--countries", "chn", "--model", "vader")
    assert (status, err) == (0, "")
    assert set(drawn[0]["article_id"]) == {"b"}
    assert set(drawn[0]["country"]) == {"CHN"}
    assert out.read_bytes().startswith(b"\x89PNG")
    status, _, err = _run(capsys, "plot", str(corpus), "--article", "c", "--out", str(out))
    assert status == 1
    assert err == "countrytone: error: --article c: no article of the inputs has this id\n"


def test_cli_evaluate_prints_scores_and_skips_bad_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sentence = "China condemned the brutal attack."
    line = {
        "sentence_normalized": sentence,
        "targets": [{"from": 0, "to": 5, "mention": "China", "polarity": 2.0}],
    }
    data = tmp_path / "dev.jsonl"
    data.write_text(json.dumps(line) + "\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    missing = tmp_path / "none.jsonl"
    status, out, err = _run(
        capsys, "evaluate", str(data), str(missing), str(empty), "--model", "vader"
    )
    assert status == 2
    assert f"{data}: model vader, 1 targets, macro-F1" in out
    assert "precision  recall" in out
    assert "predicted" in out
    assert "no such file" in err
    assert "no labelled targets" in err


def test_cli_cache_rerun_gives_the_same_rows(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    article: Path,
    tmp_path: Path,
) -> None:
    models: list[CountingModel] = []
    monkeypatch.setattr(
        "countrytone.registry.load_tone_model",
        lambda *_, **__: models.append(CountingModel()) or models[-1],
    )
    cache = tmp_path / "cache"
    first = _run(capsys, "analyze", str(article), "--cache", str(cache))
    second = _run(capsys, "analyze", str(article), "--cache", str(cache))
    assert first == second
    assert first[0] == 0
    assert len(_jsonl(first[1])) == 5
    assert len(list(cache.rglob("*.entry"))) == 1
    # The first run scored the five mentions; the second read them back from the cache.
    assert [len(batch) for batch in models[0].batches] == [5]
    assert models[1].batches == []
