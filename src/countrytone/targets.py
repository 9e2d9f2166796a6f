"""What ``analyze`` finds mentions of: countries, blocs, a user's own targets, in any mix.

``--targets countries,blocs,people.toml`` (``targets="countries,blocs"`` or
``targets=["blocs", Path("people.toml")]`` in Python) names the sets: ``countries`` (the
default, alone: what countrytone finds without the option), ``blocs`` (blocs and international
organisations, ``data/blocs.csv``), and files of a user's own targets. Whatever is chosen, every
shipped form takes part in deciding spans, so a bloc's name is never a country's mention even
when blocs are not analysed ("Organization of American States" is no mention of the US).

A file of one's own targets is TOML, one ``[[target]]`` table each::

    [[target]]
    code = "XI"
    name = "Xi Jinping"
    aliases = ["Xi Jinping", "President Xi", "Xi"]
    kind = "person"            # optional: "custom" by default

or CSV with the header ``code,name,aliases,kind`` (``kind`` optional), aliases ``;``-separated.
``code`` is how tables name the target (letters, digits, ``-`` and ``_``; not a country's or
bloc's), ``name`` how charts and the report name it, ``aliases`` the forms found in text, as
written: case and punctuation count, and each also matches with a curly apostrophe and without
accents. An alias may not be another target's or a shipped form ("Georgia").
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from countrytone.errors import CountrytoneError, one_line
from countrytone.gazetteer import (
    BLOC,
    COUNTRY,
    CUSTOM,
    Gazetteer,
    TargetEntry,
    code_of_name,
    gazetteer,
    parse_country_codes,
    variants,
)

__all__ = [
    "COUNTRIES",
    "SHIPPED",
    "TargetSpec",
    "Targets",
    "TargetsError",
    "parse_targets",
    "read_targets_file",
]

# The sets of targets that ``--targets`` names; any other item is a file.
SET_NAMES = ("countries", "blocs")
FIELDS = ("code", "name", "aliases", "kind")
REQUIRED_FIELDS = ("code", "name", "aliases")
TOML_TABLE = "target"
# A target's code as tables hold it: short, and safe in a file name or a CSV cell.
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
# How alike a misspelt field must be to a known one to be suggested (difflib's ratio: "alias"
# and "aliases" are 0.83, "nmae" and "name" 0.75).
FIELD_CUTOFF = 0.6


class TargetsError(CountrytoneError, ValueError):
    """Targets that cannot be read: one line per problem (a bad target of a file is one line
    that names the file, its line and what is wrong)."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(one_line(problem) for problem in problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Targets:
    """The targets whose mentions are rows: countries, blocs, and a user's own.

    Raises:
        TargetsError: no target is chosen, or ``own`` takes a code or an alias that another
            target has.
    """

    countries: bool = True
    blocs: bool = False
    own: tuple[TargetEntry, ...] = ()

    def __post_init__(self) -> None:
        if not (self.countries or self.blocs or self.own):
            raise TargetsError(["no targets chosen: name countries, blocs or a file"])
        if self.own and (problems := _own_problems(self.own)):
            raise TargetsError(problems)

    @property
    def gazetteer(self) -> Gazetteer:
        """Every target's name, kind and forms: the shipped ones and ``own``."""
        return gazetteer(self.own)

    def includes(self, code: str) -> bool:
        """Whether mentions of ``code`` are rows."""
        kind = self.gazetteer.kinds.get(code)
        if kind == COUNTRY:
            return self.countries
        if kind == BLOC:
            return self.blocs
        return any(entry.code == code for entry in self.own)

    def name(self, code: str) -> str:
        """The target's name for tables and charts."""
        return self.gazetteer.names[code]

    def kind(self, code: str) -> str:
        """What the target is: ``country``, ``bloc``, or a user's kind."""
        return self.gazetteer.kinds[code]

    def codes_of(self, countries: str | Iterable[str]) -> tuple[str, ...]:
        """The codes of ``countries`` as a user names them (``parse_country_codes``, which
        also knows ``own``), every one among these targets.

        Raises:
            ValueError: a country is unknown, or is not among these targets ("XEU (European
                Union) is a bloc: add blocs to the targets").
        """
        codes = parse_country_codes(countries, own=self.own)
        left_out = [code for code in codes if not self.includes(code)]
        if left_out:
            sets = {COUNTRY: "countries", BLOC: "blocs"}
            raise ValueError(
                "; ".join(
                    f"{code} ({self.name(code)}) is a {self.kind(code)}: add "
                    f"{sets[self.kind(code)]} to the targets"
                    for code in left_out
                )
            )
        return codes

    def with_shipped(self) -> Targets:
        """These targets and every shipped one: what is found, before rows are chosen (the
        speakers of an article need its countries and blocs whatever its rows are of)."""
        return Targets(countries=True, blocs=True, own=self.own)

    def cache_key(self) -> list[Any]:
        """What a cached analysis depends on: the sets chosen and every own target whole."""
        own = [[entry.code, entry.name, list(entry.aliases), entry.kind] for entry in self.own]
        return [self.countries, self.blocs, own]


COUNTRIES = Targets()
SHIPPED = Targets(countries=True, blocs=True)

# What ``targets=`` takes: a Targets, or set names and files (a str is split on commas).
TargetSpec = Targets | str | Path | Iterable[str | Path] | None


def parse_targets(targets: TargetSpec) -> Targets:
    """The targets a user names: ``"countries,blocs"``, ``["blocs", Path("people.toml")]``.

    None is countries alone. A name that is not a set (``countries``, ``blocs``) is a file of
    one's own targets (``read_targets_file``); several files add up.

    Raises:
        TargetsError: a name is neither a set nor a file, or a file cannot be read or holds bad
            targets (a line for each).
    """
    if targets is None:
        return COUNTRIES
    if isinstance(targets, Targets):
        return targets
    items: Iterable[str | Path] = (
        targets.split(",") if isinstance(targets, str) else [targets]
        if isinstance(targets, Path) else targets
    )  # fmt: skip
    names = [item if isinstance(item, Path) else item.strip() for item in items]
    names = [name for name in names if str(name)]
    sets = {name for name in names if isinstance(name, str) and name.casefold() in SET_NAMES}
    files = [Path(name) for name in names if name not in sets]
    problems = [
        f"unknown targets {str(path)!r}: name countries, blocs or a .toml or .csv file"
        for path in files
        if path.suffix.lower() not in (".toml", ".csv")
    ]
    if problems or not names:
        raise TargetsError(problems or ["no targets given: name countries, blocs or a file"])
    own: list[TargetEntry] = []
    for path in files:
        own.extend(read_targets_file(path))
    chosen = {name.casefold() for name in sets}
    return Targets(countries="countries" in chosen, blocs="blocs" in chosen, own=tuple(own))


def read_targets_file(path: str | Path) -> tuple[TargetEntry, ...]:
    """A user's own targets, read from a TOML or CSV file (see the module's docstring).

    Raises:
        TargetsError: the file cannot be read, or some targets are bad: one line each, naming
            the file, the target's line and every problem with it (a misspelt field, a code
            taken or given twice, an empty alias list, an alias another target has).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TargetsError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise TargetsError([f"{path}: cannot read ({error})"]) from None
    toml = path.suffix.lower() == ".toml"
    raw = list(_toml_targets(path, text) if toml else _csv_targets(path, text))
    checked = {
        id(entry): found
        for entry, found in _entry_problems(
            (entry, f"the target of line {line}") for entry, line, _ in raw if entry is not None
        )
    }
    entries: list[TargetEntry] = []
    problems: list[str] = []
    for entry, line, found in raw:
        found = found or checked[id(entry)]
        if found:
            problems.append(f"{path}:{line}: {'; '.join(found)}")
        elif entry is not None:
            entries.append(entry)
    if problems:
        raise TargetsError(problems)
    if not entries:
        raise TargetsError([f"{path}: no target in it"])
    return tuple(entries)


# A target as read from a file: the entry (None when it cannot be made), its line, its problems.
_Raw = tuple[TargetEntry | None, int, list[str]]


def _toml_targets(path: Path, text: str) -> Iterator[_Raw]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TargetsError([f"{path}: invalid TOML ({error})"]) from None
    if unknown := [key for key in document if key != TOML_TABLE]:
        raise TargetsError(
            [f"{path}: unknown table {key!r}: write each target as [[target]]" for key in unknown]
        )
    tables = document.get(TOML_TABLE, [])
    if not isinstance(tables, list):
        raise TargetsError([f"{path}: write each target as [[target]], not [target]"])
    lines = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(rf"\s*\[\[\s*{TOML_TABLE}\s*\]\]", line)
    ]
    for index, table in enumerate(tables):
        yield _entry(table, line=lines[index] if index < len(lines) else 0)


def _csv_targets(path: Path, text: str) -> Iterator[_Raw]:
    reader = csv.reader(text.splitlines())
    header = [column.strip() for column in next(reader, [])]
    unknown = [column for column in header if column not in FIELDS]
    suggested = {_nearest_field(column) for column in unknown}
    problems = [_unknown_field(column) for column in unknown]
    problems += [
        f"no {field!r} column"
        for field in REQUIRED_FIELDS
        if field not in header and field not in suggested
    ]
    if problems:
        raise TargetsError([f"{path}:1: {'; '.join(problems)} (header: {','.join(FIELDS)})"])
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            yield None, reader.line_num, [f"{len(cells)} fields, the header has {len(header)}"]
            continue
        row: dict[str, Any] = dict(zip(header, cells, strict=False))
        aliases = row.get("aliases")
        if isinstance(aliases, str):
            row["aliases"] = [alias for alias in aliases.split(";") if alias.strip()]
        if not row.get("kind"):
            row.pop("kind", None)
        yield _entry(row, line=reader.line_num)


def _entry(fields: Mapping[str, Any], *, line: int) -> _Raw:
    """A target from its fields, or what is wrong with them."""
    unknown = [field for field in fields if field not in FIELDS]
    problems = [_unknown_field(field) for field in unknown]
    suggested = {_nearest_field(field) for field in unknown}
    problems += [
        f"no {field!r}"
        for field in REQUIRED_FIELDS
        if field not in fields and field not in suggested
    ]
    code: Any = fields.get("code")
    name: Any = fields.get("name")
    aliases: Any = fields.get("aliases")
    kind: Any = fields.get("kind", CUSTOM)
    if "code" in fields and not (isinstance(code, str) and CODE_PATTERN.fullmatch(code)):
        problems.append(f"code {code!r}: use up to 32 letters, digits, - and _")
    if "name" in fields and not (isinstance(name, str) and name.strip()):
        problems.append("empty name")
    if not (isinstance(kind, str) and kind.strip()):
        problems.append(f"kind {kind!r}: a word such as person or party")
    if "aliases" in fields:
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append('aliases: a list of names, ["Xi Jinping", "Xi"]')
        elif not [alias for alias in aliases if alias.strip()]:
            problems.append(f"empty alias list for {code!r}: give the names to find")
        elif any(not alias.strip() for alias in aliases):
            problems.append("an empty alias")
    if problems:
        return None, line, problems
    entry = TargetEntry(
        code=code,
        name=name.strip(),
        aliases=tuple(dict.fromkeys(alias.strip() for alias in aliases)),
        kind=str(kind).strip(),
    )
    return entry, line, []


def _unknown_field(field: str) -> str:
    nearest = _nearest_field(field)
    hint = f"did you mean {nearest!r}?" if nearest else f"the fields are {', '.join(FIELDS)}"
    return f"unknown field {field!r} ({hint})"


def _nearest_field(field: str) -> str | None:
    nearest = get_close_matches(field, FIELDS, n=1, cutoff=FIELD_CUTOFF)
    return nearest[0] if nearest else None


@cache
def _own_problems(own: tuple[TargetEntry, ...]) -> tuple[str, ...]:
    """What is wrong with targets made in Python or read from several files: every problem."""
    named = ((entry, f"{entry.code} ({entry.name})") for entry in own)
    return tuple(problem for _, found in _entry_problems(named) for problem in found)


def _entry_problems(
    entries: Iterable[tuple[TargetEntry, str]],
) -> Iterator[tuple[TargetEntry, list[str]]]:
    """What is wrong with each of several targets, each with how to name it where a later one
    takes its code or alias (``"the target of line 3"``): a code or an alias that a shipped
    target or an earlier one has."""
    shipped = gazetteer()
    codes = {code.upper(): f"{code} ({name})" for code, name in shipped.names.items()}
    forms = {form: codes.get(code.upper(), code) for form, (code, _) in shipped.forms.items()}
    for entry, where in entries:
        problems = []
        if (taken := codes.get(entry.code.upper())) is not None:
            problems.append(f"code {entry.code!r} is taken by {taken}: choose another")
        elif (named := code_of_name(entry.code)) is not None:
            problems.append(f"code {entry.code!r} is a name of {named}: choose another")
        for alias in entry.aliases:
            owner = next((forms[form] for form in variants(alias) if form in forms), None)
            if owner is not None:
                problems.append(f"alias {alias!r} already names {owner}")
        if not problems:
            codes[entry.code.upper()] = where
            forms |= {form: where for alias in entry.aliases for form in variants(alias)}
        yield entry, problems
