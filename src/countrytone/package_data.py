"""The tables shipped in ``countrytone/data``: word lists, gazetteers and their sources."""

import csv
from importlib import resources


def read_csv(filename: str) -> list[dict[str, str]]:
    """The rows of the package's ``data/FILENAME``, each a dict by the header's column names."""
    text = resources.files("countrytone").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))
