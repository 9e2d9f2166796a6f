"""Wall time of the command line as an analyst meets it: starting, one article, the loop.

Usage:
    .venv/bin/python benchmarks/cli_times.py [--repeats 3] [--model default]

Each command runs as a fresh process (``python -m countrytone``, as the console script does),
``--repeats`` times; the median is printed. Timed: ``--version``, ``--help`` and ``analyze
--help``; ``analyze`` of one example article; then the analyst's loop over the examples,
``analyze examples --out rows.parquet --with-text`` once, ``plot rows.parquet --kind all`` and
``report rows.parquet`` from the saved table. Another process busy on the same cores lengthens
every time: compare runs made side by side.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
ONE_ARTICLE = EXAMPLES / "harbour-post" / "2023-11-16-us-china-summit-thaw.txt"


def main() -> None:
    """Time each command and print its median wall time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each command")
    parser.add_argument("--model", default="default", help="the tone model analyze uses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows, charts, report = (Path(folder) / name for name in ("rows.parquet", "charts/", "r"))
        commands = {
            "--version": ["--version"],
            "--help": ["--help"],
            "analyze --help": ["analyze", "--help"],
            "analyze one article": ["analyze", str(ONE_ARTICLE), "--model", args.model],
            "analyze examples once": [
                "analyze", str(EXAMPLES), "--model", args.model, "--with-text", "--out", str(rows)
            ],
            "plot rows.parquet --kind all (30 charts)": [
                "plot", str(rows), "--kind", "all", "--out", f"{charts}/"
            ],
            "report rows.parquet": ["report", str(rows), "--out", f"{report}.html"],
        }  # fmt: skip
        for name, command in commands.items():
            seconds = [timed(command) for _ in range(args.repeats)]
            print(f"{name}: {statistics.median(seconds):.2f} s (runs: {_runs(seconds)})")


def timed(arguments: list[str]) -> float:
    """Seconds one ``countrytone`` process takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "countrytone", *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _runs(seconds: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in seconds)


if __name__ == "__main__":
    main()
