"""The README's snippets, as written: its Python blocks run, its command lines parse."""

import re
import shlex
import warnings
from pathlib import Path

import matplotlib
import pytest

from countrytone.cli import _parser
from tests.conftest import REPO

matplotlib.use("Agg")

README = REPO / "README.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def _command_lines() -> list[str]:
    lines = [line.split("#")[0].strip() for block in _blocks("sh") for line in block.splitlines()]
    return [line[line.index("countrytone ") :] for line in lines if "countrytone " in line]


@pytest.mark.slow
def test_readme_python_snippets_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    blocks = _blocks("python")
    assert len(blocks) >= 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for block in blocks:
            exec(compile(block, str(README), "exec"), namespace)
    matplotlib.pyplot.close("all")
    # The one warning expected: the examples folder's README.md is not an article.
    assert [str(warning.message) for warning in caught] == [
        "examples: files left out (neither articles nor corpora): 1 .md"
    ]


@pytest.mark.parametrize("line", _command_lines())
def test_readme_command_lines_parse(line: str) -> None:
    args = shlex.split(line)[1:]
    if args == ["--version"]:  # prints the version and exits 0
        with pytest.raises(SystemExit) as exit_info:
            _parser().parse_args(args)
        assert exit_info.value.code == 0
    else:
        assert callable(_parser().parse_args(args).command)


def test_readme_links_to_files_that_exist() -> None:
    links = re.findall(r"\]\(([^)#]+)\)", README.read_text(encoding="utf-8"))
    assert links
    assert [link for link in links if not (REPO / Path(link)).exists()] == []
