"""Which targets are rows, and a user's own targets read from a file: one line per bad one."""

import re
from pathlib import Path

import pytest

from countrytone.gazetteer import TargetEntry
from countrytone.targets import (
    COUNTRIES,
    SHIPPED,
    Targets,
    TargetsError,
    parse_targets,
    read_targets_file,
)
from tests.conftest import BAD_TARGETS_TOML, TARGETS_TOML

PEOPLE_TOML = f"""\
# Leaders, for tone toward people
{TARGETS_TOML}
[[target]]
code = "HAMAS"
name = "Hamas"
aliases = ["Hamas"]
"""
PEOPLE_CSV = """\
code,name,aliases,kind
XI,Xi Jinping,Xi Jinping;President Xi;Xi,person
HAMAS,Hamas,Hamas,
"""
XI = TargetEntry("XI", "Xi Jinping", ("Xi Jinping", "President Xi", "Xi"), "person")
HAMAS = TargetEntry("HAMAS", "Hamas", ("Hamas",), "custom")


@pytest.mark.parametrize(
    ("name", "text"), [("people.toml", PEOPLE_TOML), ("people.csv", PEOPLE_CSV)]
)
def test_targets_file_in_toml_or_csv(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_targets_file(path) == (XI, HAMAS)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (None, Targets(countries=True, blocs=False)),
        ("countries", Targets(countries=True, blocs=False)),
        ("blocs", Targets(countries=False, blocs=True)),
        ("Countries, BLOCS", Targets(countries=True, blocs=True)),
        (["blocs", "countries"], SHIPPED),
        (SHIPPED, SHIPPED),
    ],
)
def test_targets_parse_names_the_sets(spec: object, expected: Targets) -> None:
    assert parse_targets(spec) == expected  # type: ignore[arg-type]


def test_targets_parse_adds_files_to_sets(tmp_path: Path) -> None:
    path = tmp_path / "people.toml"
    path.write_text(PEOPLE_TOML, encoding="utf-8")
    assert parse_targets(f"countries,{path}") == Targets(own=(XI, HAMAS))
    assert parse_targets(path) == Targets(countries=False, own=(XI, HAMAS))
    assert parse_targets(["blocs", path]) == Targets(countries=False, blocs=True, own=(XI, HAMAS))


# Each bad target is one line: the file, the target's line, every problem with it.
def test_targets_file_one_line_per_bad_target(tmp_path: Path) -> None:
    path = tmp_path / "people.toml"
    path.write_text(BAD_TARGETS_TOML, encoding="utf-8")
    with pytest.raises(TargetsError) as raised:
        read_targets_file(path)
    assert raised.value.problems == (
        f"{path}:1: unknown field 'alias' (did you mean 'aliases'?)",
        f"{path}:11: code 'PUTIN' is taken by the target of line 6: choose another",
        f"{path}:16: empty alias list for 'HAMAS': give the names to find",
    )
    assert str(raised.value).count("\n") == 2


def test_targets_file_codes_and_aliases_are_no_one_elses(tmp_path: Path) -> None:
    path = tmp_path / "people.toml"
    path.write_text(
        PEOPLE_TOML + '[[target]]\ncode = "CHN"\nname = "n"\naliases = ["Georgia", "Xi"]\n',
        encoding="utf-8",
    )
    with pytest.raises(TargetsError) as raised:
        read_targets_file(path)
    assert raised.value.problems == (
        f"{path}:12: code 'CHN' is taken by CHN (China): choose another; alias 'Georgia' "
        "already names GEO (Georgia); alias 'Xi' already names the target of line 2",
    )


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("t.toml", "[[target]]\ncode = 'X I'\nname = 'n'\naliases = ['a']\n", "code 'X I': use"),
        ("t.toml", "[[target]]\ncode = 'china'\nname = 'n'\naliases = ['a']\n", "a name of CHN"),
        ("t.toml", "[[target]]\ncode = 'A'\nname = ''\naliases = ['a']\n", "empty name"),
        ("t.toml", "[[target]]\ncode = 'A'\nname = 'n'\naliases = 'a'\n", "aliases: a list"),
        ("t.toml", "[[target]]\ncode = 'A'\nnmae = 'n'\naliases = ['a']\n", "'nmae' (did you"),
        ("t.toml", "[[targets]]\ncode = 'A'\n", "unknown table 'targets'"),
        ("t.toml", "[[target]\n", "invalid TOML"),
        ("t.toml", "", "no target in it"),
        ("t.csv", "code,name,alias\nA,n,a\n", "t.csv:1: unknown field 'alias'"),
        ("t.csv", "code,name,aliases\nA,n,a,extra\n", "t.csv:2: 4 fields, the header has 3"),
        ("t.csv", "code,name,aliases\nA,n,;\n", "t.csv:2: empty alias list"),
    ],
)
def test_targets_file_problems(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TargetsError, match=re.escape(problem)):
        read_targets_file(path)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("blcs", "unknown targets 'blcs': name countries, blocs or a .toml or .csv file"),
        ("missing.toml", "missing.toml: no such file"),
        (" , ", "no targets given"),
    ],
)
def test_targets_parse_errors(spec: str, problem: str) -> None:
    with pytest.raises(TargetsError, match=f"^{re.escape(problem)}"):
        parse_targets(spec)


def test_targets_include_and_name_their_codes() -> None:
    targets = Targets(countries=False, blocs=True, own=(XI,))
    assert [targets.includes(code) for code in ("XEU", "CHN", "XI")] == [True, False, True]
    assert (targets.name("XI"), targets.kind("XI")) == ("Xi Jinping", "person")
    assert (targets.name("XEU"), targets.kind("XEU")) == ("European Union", "bloc")
    assert (COUNTRIES.name("CHN"), COUNTRIES.kind("CHN")) == ("China", "country")


@pytest.mark.parametrize(
    ("targets", "countries", "error"),
    [
        (COUNTRIES, "EU", "XEU (European Union) is a bloc: add blocs to the targets"),
        (Targets(countries=False, blocs=True), "China", "CHN (China) is a country: add countries"),
        (COUNTRIES, "Xi", "unknown country 'Xi'"),
    ],
)
def test_targets_codes_of_countries_among_them(
    targets: Targets, countries: str, error: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        targets.codes_of(countries)
    assert Targets(blocs=True, own=(XI,)).codes_of("EU,xi jinping,chn") == ("XEU", "XI", "CHN")


def test_targets_own_are_checked_however_made() -> None:
    with pytest.raises(TargetsError, match="code 'USA' is taken by USA"):
        Targets(own=(TargetEntry("USA", "Uncle Sam", ("Uncle Sam",)),))
    with pytest.raises(TargetsError, match="no targets chosen"):
        Targets(countries=False)


def test_targets_cache_key_holds_every_own_target_whole() -> None:
    renamed = TargetEntry("XI", "Xi", XI.aliases, XI.kind)
    keys = [Targets(own=(XI,)).cache_key(), Targets(own=(renamed,)).cache_key()]
    assert keys[0] != keys[1]
    assert COUNTRIES.cache_key() != SHIPPED.cache_key()
