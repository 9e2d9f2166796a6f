"""Faults from outside, on the real command line: a run killed mid-way, two runs sharing a cache,
a damaged cache entry. Each runs `python -m countrytone` in a subprocess with the VADER model."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Seconds to wait for a subprocess to load spaCy and write its first rows on a busy machine.
STARTUP_TIMEOUT_S = 120

COUNTRIES = ("China", "Japan", "France", "Brazil", "Kenya", "India", "Canada", "Peru")


def _corpus(path: Path, articles: int) -> Path:
    """A JSONL corpus of distinct articles that each name two countries."""
    with path.open("w", encoding="utf-8") as corpus:
        for index in range(articles):
            first, second = COUNTRIES[index % 8], COUNTRIES[(index // 8) % 8]
            text = (
                f"Talks number {index}\n{first} praised {second} on day {index}. "
                f"Officials in {second} said the deal with {first} was fragile."
            )
            corpus.write(json.dumps({"id": f"a{index}", "text": text}) + "\n")
    return path


def _countrytone(*args: str) -> list[str]:
    return [sys.executable, "-m", "countrytone", *args]


@pytest.mark.parametrize(
    ("sent", "status", "line"),
    [(signal.SIGTERM, 143, "countrytone: terminated"),
     (signal.SIGINT, 130, "countrytone: interrupted")],
)  # fmt: skip
def test_cli_killed_mid_run_leaves_no_output_file(
    tmp_path: Path, sent: signal.Signals, status: int, line: str
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 5000)
    out = tmp_path / "out" / "mentions.jsonl"
    out.parent.mkdir()
    args = ["analyze", str(corpus), "--out", str(out), "--model", "vader", "--batch-size", "1"]
    with subprocess.Popen(
        _countrytone(*args), stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible
    ) as process:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        # Killed once rows are on disk, under the temporary name beside the output.
        while not any(path.stat().st_size for path in out.parent.iterdir()):
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no rows written in time"
            time.sleep(0.05)
        process.send_signal(sent)
        _, err = process.communicate(timeout=STARTUP_TIMEOUT_S)
    assert process.returncode == status
    assert err.splitlines() == [line]
    assert list(out.parent.iterdir()) == []


def _interruptible() -> None:
    # A test run from a background shell job inherits SIGINT ignored, and the CLI keeps a signal
    # its shell ignores: the child gets Ctrl-C back, as in a terminal's foreground.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_cli_two_runs_sharing_a_cache_agree_and_leave_it_sound(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 120)
    cache = tmp_path / "cache"
    args = ["analyze", str(corpus), "--model", "vader", "--batch-size", "4", "--cache", str(cache)]
    runs = [
        subprocess.Popen(_countrytone(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert results[0] == results[1]
    assert results[0][1] == b""
    assert len(list(cache.rglob("*.entry"))) == 120
    assert not [path for path in cache.rglob("*") if path.name.endswith(".partial")]
    # A third run reads every entry back, none damaged, the same rows.
    third = subprocess.run(_countrytone(*args), capture_output=True, check=False)
    assert (third.returncode, third.stdout, third.stderr) == (0, results[0][0], b"")


def test_cli_a_truncated_cache_entry_is_reported_once_and_recomputed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 3)
    cache = tmp_path / "cache"
    args = ["analyze", str(corpus), "--model", "vader", "--cache", str(cache)]
    first = subprocess.run(_countrytone(*args), capture_output=True, text=True, check=False)
    damaged = sorted(cache.rglob("*.entry"))[0]
    damaged.write_bytes(damaged.read_bytes()[:-50])
    second = subprocess.run(_countrytone(*args), capture_output=True, text=True, check=False)
    assert (second.returncode, second.stdout) == (0, first.stdout)
    assert second.stderr.splitlines() == [
        f"countrytone: warning: {damaged}: cache entry is truncated or corrupt "
        "(its checksum does not match); analysed again"
    ]
    third = subprocess.run(_countrytone(*args), capture_output=True, text=True, check=False)
    assert (third.returncode, third.stdout, third.stderr) == (0, first.stdout, "")
