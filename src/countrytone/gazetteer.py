"""What mentions are found of: every target's code, name and kind, and the forms that name it.

Three kinds of target:

- **countries** (kind ``country``), ISO 3166-1 alpha-3 codes (XKX for Kosovo).
  ``data/countries.csv``: ``iso3,name,aliases,demonyms,capitals``; the last three are
  ``;``-separated lists of forms as written in English news ("the" left out); ``name`` is the
  short name of tables and charts. pycountry checks every code and adds official names
  ("Federal Republic of Germany").
- **blocs and international organisations** (kind ``bloc``). ``data/blocs.csv``:
  ``code,name,aliases,short_names,seats``. A bloc's code is X and its usual acronym (XEU,
  XNATO, XUN, XG7): ISO 3166-1 never assigns a code that begins with X (XAA-XZZ are left to
  users, as Kosovo's XKX is), and a code of four characters or more is no alpha-3 code at all,
  so a bloc's code can never be a country's. ``short_names`` ("AU", "ICC") are names that count
  only where the article names the bloc otherwise; ``seats`` are cities that stand for the bloc
  when they act ("Brussels said", not "a summit in Brussels").
- **a user's own** (any kind, ``custom`` by default): ``TargetEntry`` records, read from a file
  by ``countrytone.targets``; their aliases are names, matched as written.

``data/institutions.csv``: ``code,kind,name``; kind ``capital`` is a seat of power that stands
for its target ("Kremlin", "White House", "Berlaymont"), ``institution`` a named body of a state
or bloc ("State Department", "European Commission"), ``short`` an institution's short name that
counts only where the article names its target otherwise ("the Commission", "the Security
Council"). ``data/heads.csv``: ``iso3,surname``: heads of state or government whose
administration, government, regime or cabinet stands for their state ("the Biden
administration"); surnames that are also common words or shared by heads of two countries
("May", "Johnson", "Lee") are left out. ``data/ambiguous.csv``: ``form,kind,codes``: forms of
more than one country ("Congo"), which the article's own evidence decides (``evidence_codes``):
each candidate's other names, institutions, capitals and the words of ``data/evidence.csv``.

Every form also matches with a curly apostrophe and without accents ("Elysee", "Cote d'Ivoire").
Each form names one target: two that share one are an error in the data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum
from functools import cache, lru_cache

import pycountry

from countrytone.errors import CountrytoneError
from countrytone.package_data import read_csv

__all__ = [
    "BLOC",
    "COUNTRY",
    "CUSTOM",
    "Form",
    "Gazetteer",
    "TargetEntry",
    "UnknownCountryError",
    "bloc_codes",
    "code_of_name",
    "country_codes",
    "country_name",
    "evidence_codes",
    "gazetteer",
    "parse_country_code",
    "parse_country_codes",
    "variants",
]

# The kinds of target that countrytone ships, and the kind of a user's target that names none.
COUNTRY = "country"
BLOC = "bloc"
CUSTOM = "custom"

# How alike an unknown country must be to a known name to be suggested (difflib's ratio): "Irann"
# and "Britian" are (0.89, 0.86). A code-sized string is never near anything: one letter off
# another code ("EUR" -> "EU", "CHM" -> "CHN") is as likely a different place as a typo.
SUGGESTION_CUTOFF = 0.7
MAX_CODE_CHARS = 3
# An ambiguous form's candidates in a label and a gazetteer: "COD/COG".
CANDIDATE_SEPARATOR = "/"


class UnknownCountryError(CountrytoneError, KeyError):
    """A country (or bloc) code that countrytone does not know."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"unknown country code {code!r}: use an ISO 3166-1 alpha-3 code or a bloc's (XEU)"
        )
        self.code = code

    def __str__(self) -> str:
        # KeyError would print the repr of the message.
        return str(self.args[0])


class Form(StrEnum):
    """What a matched phrase is, which decides the context rule applied to it."""

    NAME = "name"
    DEMONYM = "demonym"
    CITY = "city"  # a capital or a bloc's seat: a mention only when it acts as its target
    SEAT = "seat"  # a seat of power: a mention unless it is only a place
    BODY = "body"  # a named institution: as a seat
    COMPOSED = "composed"  # name or demonym + institution head, "the X administration": always
    SHORT_NAME = "short_name"  # a name that counts only where the article names its target
    SHORT_BODY = "short_body"  # an institution's short name: likewise, then as a seat


@dataclass(frozen=True)
class TargetEntry:
    """A target of a user's own.

    Attributes:
        code: how tables name it (letters, digits, ``-``, ``_``; never a country's or bloc's).
        name: how charts and the report name it.
        aliases: the forms that name it in text, matched as written (case and punctuation
            count, "Xi" is not "XI"; a curly apostrophe and letters without accents also match).
        kind: what it is ("person", "party"), the table's ``target_kind``.
    """

    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str = CUSTOM


@dataclass(frozen=True)
class Gazetteer:
    """Every target's name and kind by code, and every form that names one.

    ``forms`` maps a form as written to its code and ``Form``; an ambiguous form's code lists
    its candidates ("COD/COG"). ``heads`` maps a head of state's or government's surname to the
    code of their state.
    """

    names: Mapping[str, str]
    kinds: Mapping[str, str]
    forms: Mapping[str, tuple[str, Form]]
    heads: Mapping[str, str]


def country_name(code: str) -> str:
    """The short common name of a country or bloc for tables and charts ("CHN" -> "China",
    "XEU" -> "European Union").

    Raises:
        UnknownCountryError: the code is not one of ``country_codes()`` or ``bloc_codes()``.
    """
    try:
        return gazetteer().names[code.upper()]
    except KeyError:
        raise UnknownCountryError(code) from None


def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code that ``find_mentions`` can return."""
    return _codes_of_kind(COUNTRY)


def bloc_codes() -> frozenset[str]:
    """Every code of a bloc or international organisation (``data/blocs.csv``)."""
    return _codes_of_kind(BLOC)


@cache
def _codes_of_kind(kind: str) -> frozenset[str]:
    return frozenset(code for code, known in gazetteer().kinds.items() if known == kind)


def parse_country_codes(
    countries: str | Iterable[str], *, own: Iterable[TargetEntry] = ()
) -> tuple[str, ...]:
    """The codes of countries (and blocs) as a user names them: ``"chn, Iran"``, ``["UK", "EU"]``.

    The one reader of every ``country=`` and ``countries=`` option. Each is a code or an English
    name (a short name or alias of ``data/countries.csv`` or ``data/blocs.csv``, an ISO name), in
    any case, or one of ``own`` (its code, name or an alias); a string is split on commas. Codes
    come in the order given, each once.

    Raises:
        ValueError: no country is named, or some are unknown or ambiguous ("Congo"); the one
            message names each and the nearest country where one is near ("did you mean GBR
            (United Kingdom)?").
    """
    items = countries.split(",") if isinstance(countries, str) else countries
    names = [name.strip() for name in items if name.strip()]
    if not names:
        raise ValueError("no country given")
    own = tuple(own)
    # A country's or bloc's name wins over one's own target of the same name in another case.
    codes = {
        **{
            name.casefold(): entry.code
            for entry in own
            for name in (entry.code, entry.name, *entry.aliases)
        },
        **_codes_by_name(),
    }
    display = {**gazetteer().names, **{entry.code: entry.name for entry in own}}
    found = {name: codes.get(name.casefold()) for name in names}
    problems = [
        _unknown_country(name, code, codes, display)
        for name, code in found.items()
        if code is None or CANDIDATE_SEPARATOR in code
    ]
    if problems:
        raise ValueError("; ".join(problems))
    return tuple(dict.fromkeys(code for code in found.values() if code is not None))


def parse_country_code(country: str, *, own: Iterable[TargetEntry] = ()) -> str:
    """The code of one country (or bloc, or one of ``own``) as a user names it (see
    ``parse_country_codes``).

    Raises:
        ValueError: the country is unknown, or more than one is named.
    """
    if "," in country:
        raise ValueError(f"one country is asked for, not several: {country!r}")
    return parse_country_codes([country], own=own)[0]


def code_of_name(name: str) -> str | None:
    """The code of the shipped country or bloc that goes by this code, name or alias in any
    case ("china", "EU"), or None; an ambiguous name gives its candidates ("COD/COG")."""
    return _codes_by_name().get(name.casefold())


@cache
def _codes_by_name() -> Mapping[str, str]:
    """Codes, names and aliases in case-folded form -> code (an ambiguous name -> its
    candidates, "COD/COG")."""
    known = gazetteer()
    names = [
        (name, code)
        for name, (code, form) in known.forms.items()
        if form in (Form.NAME, Form.SHORT_NAME)
    ]
    names += [(name, code) for code, name in known.names.items()]
    return {name.casefold(): code for name, code in names} | {
        code.casefold(): code for code in known.names
    }


def _unknown_country(
    name: str, code: str | None, codes: Mapping[str, str], display: Mapping[str, str]
) -> str:
    """What is wrong with a country that is ambiguous (``code`` lists its candidates) or unknown
    (``code`` is None), with the nearest known one (a demonym's country too: "Chinese" -> CHN)."""
    if code is not None:
        choices = " or ".join(
            f"{candidate} ({display[candidate]})" for candidate in code.split(CANDIDATE_SEPARATOR)
        )
        return f"ambiguous country {name!r}: name {choices}"
    forms = {form.casefold(): code for form, (code, _) in gazetteer().forms.items()}
    known = {
        form: code for form, code in {**forms, **codes}.items() if CANDIDATE_SEPARATOR not in code
    }
    nearest = (
        get_close_matches(name.casefold(), known, n=1, cutoff=SUGGESTION_CUTOFF)
        if len(name) > MAX_CODE_CHARS
        else []
    )
    if not nearest:
        return f"unknown country {name!r}: use an ISO 3166-1 alpha-3 code or a name (CHN, Iran, UK)"
    suggested = known[nearest[0]]
    return f"unknown country {name!r}: did you mean {suggested} ({display[suggested]})?"


# ---------------------------------------------------------------------------------------------
# Evidence: what an article says elsewhere about an ambiguous form or a short name


def evidence_codes(text: str, codes: tuple[str, ...]) -> frozenset[str]:
    """Which of ``codes`` the text names otherwise than by an ambiguous form or a short name:
    one of its names, demonyms, institutions, seats or capitals, or a word of
    ``data/evidence.csv`` ("Kinshasa", "Goma" for DR Congo). The longest form wins where two
    overlap: "Democratic Republic of Congo" is no evidence of the Republic of Congo."""
    return _evidence_codes(text, tuple(sorted(codes)))


@lru_cache(maxsize=16)
def _evidence_codes(text: str, codes: tuple[str, ...]) -> frozenset[str]:
    # Cached: every short name and ambiguous form of an article searches the same article text,
    # whose hash Python keeps once computed; articles come one after another, so a few entries
    # serve a corpus, and no more than a few texts are held.
    pattern, code_of = _evidence_pattern(codes)
    return frozenset(code_of[match.group()] for match in pattern.finditer(text))


@cache
def _evidence_pattern(codes: tuple[str, ...]) -> tuple[re.Pattern[str], Mapping[str, str]]:
    code_of = {
        form: code
        for form, (code, kind) in gazetteer().forms.items()
        if code in codes and kind not in (Form.SHORT_NAME, Form.SHORT_BODY)
    }
    for row in read_csv("evidence.csv"):
        if row["code"] in codes:
            code_of |= dict.fromkeys(_split(row["words"]), row["code"])
    longest_first = sorted(code_of, key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in longest_first)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), code_of


# ---------------------------------------------------------------------------------------------
# Reading the data


def gazetteer(own: tuple[TargetEntry, ...] = ()) -> Gazetteer:
    """The shipped countries and blocs, with ``own`` targets added (their aliases as names).

    Raises:
        CountrytoneError: a target of ``own`` takes a code or form another target has (the
            reader of a user's file, ``countrytone.targets``, says which line first).
    """
    return _with_own(own) if own else _shipped()


@cache
def _with_own(own: tuple[TargetEntry, ...]) -> Gazetteer:
    shipped = _shipped()
    names, kinds, forms = dict(shipped.names), dict(shipped.kinds), dict(shipped.forms)
    for entry in own:
        _add_target(names, kinds, entry.code, entry.name, entry.kind, source="targets")
        for alias in entry.aliases:
            _add_form(forms, alias, entry.code, Form.NAME, source="targets")
    return Gazetteer(names=names, kinds=kinds, forms=forms, heads=shipped.heads)


# The files of whole targets: each one's column of codes, the kind of its targets, and its
# columns of forms.
_TARGET_FILES = (
    (
        "countries.csv",
        "iso3",
        COUNTRY,
        {"aliases": Form.NAME, "demonyms": Form.DEMONYM, "capitals": Form.CITY},
    ),
    (
        "blocs.csv",
        "code",
        BLOC,
        {"aliases": Form.NAME, "short_names": Form.SHORT_NAME, "seats": Form.CITY},
    ),
)


@cache
def _shipped() -> Gazetteer:
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    forms: dict[str, tuple[str, Form]] = {}
    for filename, code_column, kind, columns in _TARGET_FILES:
        for row in read_csv(filename):
            code = row[code_column]
            if kind == BLOC and not code.startswith("X"):
                raise CountrytoneError(f"blocs data: {code!r} does not begin with X; fix the csv")
            _add_target(names, kinds, code, row["name"], kind)
            for column, form in columns.items():
                for text in _split(row[column]):
                    _add_form(forms, text, code, form)
    institution_forms = {"capital": Form.SEAT, "institution": Form.BODY, "short": Form.SHORT_BODY}
    for row in read_csv("institutions.csv"):
        _add_form(forms, row["name"], row["code"], institution_forms[row["kind"]])
    for row in read_csv("ambiguous.csv"):
        candidates = CANDIDATE_SEPARATOR.join(_split(row["codes"]))
        _add_form(forms, row["form"], candidates, Form(row["kind"]))
    _add_demonym_plurals(forms)
    _add_pycountry_names(forms, kinds)
    heads: dict[str, str] = {}
    for row in read_csv("heads.csv"):
        for surname in variants(row["surname"]):
            if heads.setdefault(surname, row["iso3"]) != row["iso3"]:
                raise CountrytoneError(f"heads data: {surname!r} heads two states; fix the csv")
    return Gazetteer(names=names, kinds=kinds, forms=forms, heads=heads)


def _add_target(
    names: dict[str, str],
    kinds: dict[str, str],
    code: str,
    name: str,
    kind: str,
    *,
    source: str = "countries data",
) -> None:
    if code.upper() in {known.upper() for known in names}:
        raise CountrytoneError(f"{source}: two targets have the code {code!r}")
    names[code], kinds[code] = name, kind


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def _add_form(
    forms: dict[str, tuple[str, Form]],
    text: str,
    code: str,
    form: Form,
    *,
    source: str = "countries data",
) -> None:
    for variant in variants(text):
        known = forms.setdefault(variant, (code, form))
        if known != (code, form):
            raise CountrytoneError(
                f"{source}: {variant!r} is both {known} and {(code, form)}; fix the csv"
            )


def variants(text: str) -> set[str]:
    """The form as written, with a curly apostrophe, and without accents."""
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return {variant.replace("'", quote) for variant in (text, folded) for quote in ("'", "’")}


def _add_demonym_plurals(forms: dict[str, tuple[str, Form]]) -> None:
    # "Americans", "Israelis", "South Koreans"; not "Chineses", "Swisss", "Britishs", "Frenchmans"
    # (those plurals, like "Czechs", are in the csv when they exist).
    no_plural = ("s", "sh", "ch", "ese", "x", "z", "ic", "man", "men")
    for text, (code, form) in list(forms.items()):
        if form is Form.DEMONYM and not text.endswith(no_plural):
            forms.setdefault(text + "s", (code, form))


def _add_pycountry_names(forms: dict[str, tuple[str, Form]], kinds: Mapping[str, str]) -> None:
    for code, kind in kinds.items():
        if kind != COUNTRY or code == "XKX":  # XKX is a user-assigned code, not in ISO 3166-1
            continue
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise CountrytoneError(f"countries data: {code!r} is not an ISO 3166-1 alpha-3 code")
        for attribute in ("name", "official_name", "common_name"):
            official = getattr(country, attribute, "").removeprefix("the ")
            # pycountry sorts some names ("Korea, Republic of"); the csv wins where a name is
            # taken ("Congo" is ambiguous there, COG in pycountry).
            if official and not set(",()") & set(official) and official not in forms:
                _add_form(forms, official, code, Form.NAME)
