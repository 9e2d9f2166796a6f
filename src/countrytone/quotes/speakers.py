"""Speaker resolution: speaker tokens to full names and countries, from what the article says."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from countrytone.articles import Article, Part
from countrytone.countries import CountryMention, MentionKind, country_name
from countrytone.package_data import read_csv
from countrytone.quotes.grammar import (
    DASHES,
    author_of_document,
    can_speak,
    entities,
    entity_of,
    is_dash,
    quantity_complement,
    subject_of,
)
from countrytone.quotes.marks import Quote, enclosing_quote
from countrytone.quotes.records import Attribution, AttributionKind, RawAttribution
from countrytone.quotes.tokens import ArticleTokens
from countrytone.quotes.vocabulary import (
    BEAT_NOUNS,
    BODY_NOUNS,
    DOCUMENT_NOUNS,
    FEMININE,
    FIRST_PERSON,
    FIRST_PERSON_POSSESSIVES,
    GENERIC_PERSON_NOUNS,
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    MASCULINE,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
    QUANTITY_WORDS,
    ROLE_NOUNS,
    TITLE_ROLES,
    TITLES,
)
from countrytone.segment import Chunk

# Words for people, groups and bodies: common nouns, whatever case they start a sentence in.
_PEOPLE_WORDS = (
    ROLE_NOUNS
    | GENERIC_PERSON_NOUNS
    | GROUP_NOUNS
    | QUANTITY_WORDS
    | ORGANISATION_NOUNS
    | BODY_NOUNS
)


# A nickname in quotation marks inside a name.
_NICKNAME = re.compile(r"\s*[\"“”][^\"“”]*[\"“”]")


@dataclass(frozen=True)
class _Person:
    start: int
    name: str
    words: frozenset[str]
    descriptor: str
    country: str | None
    gender: str | None  # "he" or "she" when a title or role says so ("Ms.", "spokesman")
    in_title: bool  # named in the article's title
    modifier: bool  # a name that describes a noun ("a Clinton surrogate"), no one referred to


class SpeakerResolver:
    """Turns speaker tokens into names and countries, with what the article says about them."""

    def __init__(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        tokens: ArticleTokens,
        quotes: list[Quote],
        mentions: Sequence[CountryMention],
    ) -> None:
        self.text = article.text
        self.tokens = tokens
        self.quotes = quotes
        self.mentions = mentions
        # Organisations that spoke, by offset: name, country and head word ("ministry").
        self.organisations: dict[int, tuple[str, str | None, str]] = {}
        # Groups that spoke, by offset, in text order: name and country.
        self.groups: dict[int, tuple[str, str | None]] = {}
        # Who "they" and "it" may be: the groups and bodies that spoke, by offset, with the
        # pronoun that stands for them.
        self.referents: dict[int, tuple[str, str | None, str]] = {}
        self.paragraph_starts = [paragraph.start for paragraph in article.paragraphs]
        self.title_end = max(
            (paragraph.end for paragraph in article.paragraphs if paragraph.part is Part.TITLE),
            default=0,
        )
        # Documents whose author the text gives, by offset: kind ("statement") and author.
        self.documents = [
            (tokens.start(token), token.lemma_.lower(), author)
            for chunk in chunks
            for token in chunk.doc
            if (author := _document_author(token)) is not None
        ]
        self.people = [
            self._person(entity) for chunk in chunks for entity in entities(chunk.doc)
            if entity.label_ == "PERSON" and _name(entity.text)
        ]  # fmt: skip
        for chunk in chunks:
            for name in _described_names(chunk.doc):
                self._remember(self._person(name))
        self.resolved: dict[int, tuple[str | None, str | None]] = {}
        self.quote_speakers: dict[int, tuple[str | None, str | None]] = {}
        # What the rows so far say or tell of someone: the people named there are spoken of.
        self.contents: list[tuple[int, int]] = []

    def attribution(self, raw: RawAttribution) -> Attribution:
        """The attribution's row; rows must come in text order (a quote before its insides)."""
        speaker, country = self.resolve(raw)
        if raw.kind is AttributionKind.DIRECT:
            self.quote_speakers[raw.start] = (speaker, country)
        self.contents.append((raw.start, raw.end))
        speaker_span = self._mention_span(raw.speaker) if raw.speaker is not None else None
        cue_span = self._cue_span(raw.cue) if raw.cue is not None else None
        return Attribution(
            start=raw.start,
            end=raw.end,
            speaker=speaker,
            speaker_start=speaker_span[0] if speaker_span else None,
            speaker_end=speaker_span[1] if speaker_span else None,
            speaker_country=country,
            cue=self.text[cue_span[0] : cue_span[1]] if cue_span else None,
            cue_start=cue_span[0] if cue_span else None,
            cue_end=cue_span[1] if cue_span else None,
            kind=raw.kind,
        )

    def _cue_span(self, cue: Token) -> tuple[int, int]:
        # The cue is the word, but for two shapes: "according to" is the phrase (its "to" is the
        # child the speaker hangs off), and a signature's dash glued to the closing mark ("”―")
        # is only the dash.
        if cue.lower_ == "according":
            to = next((child for child in cue.children if child.lower_ == "to"), cue)
            return self.tokens.span(cue, max(cue, to, key=lambda token: token.i))
        start, end = self.tokens.span(cue, cue)
        return (end - 1, end) if cue.text[-1] in DASHES else (start, end)

    def resolve(self, raw: RawAttribution) -> tuple[str | None, str | None]:
        """The speaker's name and country."""
        if raw.speaker is None:
            return None, None
        key = self.tokens.index(raw.speaker)
        if key not in self.resolved:
            self.resolved[key] = self._resolve(raw.speaker)
            name, country = self.resolved[key]
            word = raw.speaker.lemma_.lower()
            if name is not None and word in ORGANISATION_NOUNS | BODY_NOUNS | GOVERNMENT_NOUNS:
                self.organisations[self.tokens.start(raw.speaker)] = (name, country, word)
            if name is not None and raw.speaker.tag_ == "NNS":
                self.groups[self.tokens.start(raw.speaker)] = (name, country)
            pronoun = _pronoun_for(raw.speaker)
            if name is not None and pronoun is not None:
                self.referents[self.tokens.start(raw.speaker)] = (name, country, pronoun)
        return self.resolved[key]

    def _resolve(self, token: Token) -> tuple[str | None, str | None]:
        lower = token.lower_
        start = self.tokens.start(token)
        antecedent = (
            _antecedent(token) or _named_in_apposition(token) or self._document_before(token)
        )
        if antecedent is not None:
            return self._resolve(antecedent)
        if token.pos_ == "PRON" and lower in PERSON_PRONOUNS:
            before = self._subject_before(token, pronoun=lower)
            if before is not None:
                return before
            person = self._nearest_person(start, pronoun=lower)
            return (person.name, person.country) if person else (None, None)
        thing = token.pos_ == "NOUN" and not can_speak(token) and not _cited(token)
        if thing and not self._full_name(token.text, start):
            # "the calm suggested that …", "the agreement could add …": a thing says nothing of
            # its own, so the attribution around it speaks its mentions. A name the tagger took
            # for a noun ("Trump urges") is no thing: the article names that person.
            return None, None
        quote = enclosing_quote(self.quotes, start)
        if quote is not None and _first_person(token):
            # "We", "I", "our military", "my government" inside a quote are its speaker.
            return self.quote_speakers.get(quote.start, (None, None))
        if (
            token.pos_ == "PRON"
            and lower in GROUP_PRONOUNS
            and quote is None
            and token.head.dep_ != "ccomp"
        ):
            # "McConnell aides acknowledged … But they emphasized …", "The IMF pointed to … it
            # increased its forecast": the group or body that spoke last, in this paragraph or
            # the one before; else unknown. Not in a reported clause ("Obama said it would tell
            # …"), where the pronoun is the reported speaker's.
            return self._referent(start, pronoun="it" if lower in ("it", "its") else "they")
        if token.pos_ == "PRON" and (lower in FIRST_PERSON or lower in GROUP_PRONOUNS):
            # "I"/"we" outside a quote is no one the article names; "they"/"it" in a quote may be
            # anyone the speaker has in mind: both stay unknown.
            return None, None
        state = self._state(token) or self._government_of(token)
        if state is not None:
            return country_name(state), state
        institution = self._mention_at(token)
        if institution is not None and institution.kind is MentionKind.INSTITUTION:
            # An institution goes by its whole name ("the Chinese Foreign Ministry said"),
            # whatever part of it the tagger takes for an entity ("Foreign Ministry").
            return institution.mention, institution.country
        owner = _organisation_owner(token)
        if owner and self._mention_at(owner[0]) is None:
            # A country is no organisation's name: "the UK company" goes as written.
            name = " ".join(word.text for word in owner)
            return name, self._country(*self._descriptor(token))
        span = self._mention_span(token)
        written = self.text[span[0] : span[1]]
        if (token.pos_ == "PROPN" and not token.is_lower) or token.ent_type_ == "PERSON":
            # The tagger's entity type is unreliable for bare surnames ("Blinken" as ORG): a
            # name the article gave a person is that person. A word in lower case is no name,
            # whatever its tag ("Taiwan’s defence ministry").
            person = self._full_name(written, start)
            if person is not None:
                # Named again here, the person is the nearest for the pronouns that follow, not
                # whoever the article named in between ("Jordan Pryce, chief economist at Harrow
                # Lane Economics. Pryce estimated … “…,” he said": he is Pryce).
                self._remember(replace(person, start=start))
                return person.name, person.country
            # "Spokesperson Daniel Mercer", tagged as an organisation, is a person by the role;
            # "General Assembly" is an organisation whose name starts with a rank.
            bare = _without_possessive(written)
            name = _name(written)
            if name != bare and not _names_a_person(token, written, name):
                name = bare
            if token.ent_type_ in ("PERSON", "") or name != bare:
                return name or written, self._country(*self._descriptor(token))
        if token.lemma_.lower() in ROLE_NOUNS | GENERIC_PERSON_NOUNS and _is_definite(token):
            person = self._described_as(token, start)
            if person is not None:
                return person.name, person.country
        named = self._named_before(token, start) if _is_definite(token) else None
        if named is None and token.tag_ == "NNS" and not list(token.children):
            # "European Union leaders failed to agree … Leaders asked …": a bare plural is the
            # group of that kind last named; one with words of its own ("officials in Taipei")
            # is another group.
            named = next(
                (found for at, found in reversed(self.groups.items())
                 if at < start and _head_word(found[0]) == token.lower_),
                None,
            )  # fmt: skip
        if named is not None:
            return named
        return self._group_name(written, span[0]), self._country(*self._descriptor(token))

    def _document_before(self, token: Token) -> Token | None:
        # "The embassy issued a statement … The statement also said …": a document the text
        # names again speaks as the author of the last one of its kind.
        kind = token.lemma_.lower()
        if kind not in DOCUMENT_NOUNS or not _is_definite(token):
            return None
        offset = self.tokens.start(token)
        authors = [author for at, named, author in self.documents if at < offset and named == kind]
        return authors[-1] if authors else None

    def _referent(self, offset: int, *, pronoun: str) -> tuple[str | None, str | None]:
        paragraph = bisect.bisect_right(self.paragraph_starts, offset) - 1
        window_start = self.paragraph_starts[max(paragraph - 1, 0)] if paragraph >= 0 else 0
        candidates = [
            (at, name, country)
            for at, (name, country, stands_for) in self.referents.items()
            if window_start <= at < offset and stands_for == pronoun
        ]
        if not candidates:
            return None, None
        _, name, country = max(candidates, key=lambda candidate: candidate[0])
        return name, country

    def _named_before(
        self, token: Token, offset: int, *, described: bool = False
    ) -> tuple[str | None, str | None] | None:
        # "the ministry", "the government", "the embassy" with nothing else to tell which: the
        # last one the article named before ("Japan's Defence Ministry said … the ministry
        # said"), a state's institution or a speaker; a government speaks as its state.
        # ``described``: the word describes someone ("ministry spokesman"), as a modifier.
        head = token.lemma_.lower()
        modifiers = ("amod", "compound", "poss", "nmod")
        if token.tag_ == "NNS" or (
            not described and any(child.dep_ in modifiers for child in token.lefts)
        ):
            return None
        named: list[tuple[int, str, str | None]] = [
            (mention.start, country_name(mention.country), mention.country)
            if head in GOVERNMENT_NOUNS
            else (mention.start, mention.mention, mention.country)
            for mention in self.mentions
            if mention.start < offset
            and (
                (mention.kind is MentionKind.INSTITUTION and _head_word(mention.mention) == head)
                or (head in GOVERNMENT_NOUNS and self._names_government(mention))
            )
        ]
        named.extend(
            (at, name, country)
            for at, (name, country, word) in self.organisations.items()
            if at < offset and word == head
        )
        if not named:
            return None
        _, name, country = max(named, key=lambda found: found[0])
        return name, country

    def _names_government(self, mention: CountryMention) -> bool:
        # "the Japanese government", "Britain's government": a country that owns a government.
        word = self.tokens.at(mention.start)
        while word is not None and word.dep_ in ("compound", "amod", "poss", "case"):
            word = word.head
            if word.lemma_.lower() in GOVERNMENT_NOUNS:
                return True
        return False

    def _group_name(self, written: str, start: int) -> str:
        # "Officials said …" and "…, officials said" are one group: a common word capitalised
        # only because it starts its sentence is written in lower case ("The", "Dozens");
        # a name never is ("Chinese officials", and "Trump" the tagger took for a noun).
        first = self.tokens.at(start)
        if (
            first is None
            or not first.is_sent_start
            or first.pos_ == "PROPN"
            or first.ent_type_ not in ("", "CARDINAL", "QUANTITY", "ORDINAL", "DATE")
            or self._mention_at(first) is not None
            or not self._common_word(first)
        ):
            return written
        return written[:1].lower() + written[1:]

    def _common_word(self, token: Token) -> bool:
        # A determiner, pronoun or number, a word for people or groups, or a word the article
        # itself writes in lower case.
        return bool(
            token.pos_ in ("DET", "PRON", "NUM")
            or token.lemma_.lower() in _PEOPLE_WORDS
            or re.search(rf"\b{re.escape(token.lower_)}\b", self.text)
        )

    def _state(self, token: Token) -> str | None:
        # A country speaking as a state ("the US", "Washington", "Beijing said") goes by its
        # short English name, however the text names it; an institution keeps its own name.
        mention = self._mention_at(token)
        if mention is not None and mention.kind in (MentionKind.NAME, MentionKind.CAPITAL):
            return mention.country
        return None

    def _government_of(self, token: Token) -> str | None:
        # "the UK government", "Britain's government", "the Japanese administration": one
        # state's government speaks as that state.
        if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.tag_ == "NNS":
            return None
        owners = [child for child in token.lefts if child.dep_ in ("compound", "poss", "amod")]
        for word in (token, *owners):
            mention = self._mention_at(word)
            if mention is not None:
                return mention.country
        return None

    def _mention_at(self, token: Token) -> CountryMention | None:
        start = self.tokens.start(token)
        return next((m for m in self.mentions if m.start <= start < m.end), None)

    def _mention_span(self, token: Token) -> tuple[int, int]:
        """The words that name the speaker: the pronoun, the entity, or the head and its
        determiners and modifiers ("some analysts"), with the "of" complement of a quantity ("a
        number of economists"), within its own clause; "those" with the words that say who they
        are ("Those close to him", "those familiar with the talks")."""
        complement = quantity_complement(token)
        if token.pos_ == "PRON" and complement is None:
            described = [child for child in token.rights if child.dep_ in ("amod", "prep")]
            if token.lower_ == "those" and described:
                return self.tokens.span(token, described[-1].right_edge)
            return self.tokens.span(token, token)
        if token.ent_type_ and complement is None:
            entity = entity_of(token)
            if entity is not None:
                words = [
                    t
                    for t in entity
                    if t.lower_ not in ("the", "’s", "'s") and not (t.is_punct or t.is_space)
                ]
                if words:
                    return self.tokens.span(words[0], words[-1])
        first = token
        for child in token.lefts:
            if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "quantmod", "nmod"):
                first = child.left_edge
                break
        return self.tokens.span(_phrase_start(first, token), complement or token)

    def _remember(self, person: _Person) -> None:
        if person.name and all(known.start != person.start for known in self.people):
            bisect.insort(self.people, person, key=lambda known: known.start)

    def _person(self, entity: Span) -> _Person:
        start = self.tokens.start(entity[0])
        name = _name(entity.text)
        descriptor = self._descriptor(entity.root)
        described = self.text[descriptor[0] : descriptor[1]].lower()
        title = entity.doc[entity.start - 1].lower_ if entity.start > 0 else ""
        gender = _gender([title, *entity.text.lower().split(), *described.split()])
        words = frozenset(name.lower().split())
        country = self._country(*descriptor)
        modifier = entity.root.dep_ == "compound" and entity.root.head.pos_ == "NOUN"
        in_title = start < self.title_end
        return _Person(start, name, words, described, country, gender, in_title, modifier)

    def _descriptor(self, token: Token) -> tuple[int, int]:
        # What the text says about a speaker: the words before the name in its phrase
        # ("BBC China correspondent") and its apposition ("professor at Fudan University").
        first, last = _phrase_start(token.left_edge, token), quantity_complement(token) or token
        for child in token.rights:
            if child.dep_ == "appos":
                last = _without_clauses(child)
        while first.i > 0 and first.doc[first.i - 1].pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
            # "senior Chinese diplomat Wang Yi saying": the words just before a name describe it
            # even when the parser hangs the name elsewhere.
            if token.i - first.i > 5:
                break
            first = first.doc[first.i - 1]
        head = token.head
        if token.dep_ == "appos" or (head.pos_ == "NOUN" and 0 < token.i - head.i <= 3):
            # "the secretary of state, Antony Blinken"; "senior Chinese diplomat Wang Yi saying".
            first = min(first, head.left_edge, key=lambda t: t.i)
        if token.dep_ == "pobj" and head.dep_ == "agent":
            # "a statement posted by Matthew Miller on the US State Department’s website".
            first, last = head.head.left_edge, head.head.right_edge
        return self.tokens.span(first, last)

    def _country(self, start: int, end: int) -> str | None:
        # An office or party bound to one state says whom a speaker speaks for before a country
        # word does ("Secretary of State Ann Lowe"); an employer's seat never does (a BBC
        # correspondent is not British by that fact, a news agency is no country's voice).
        descriptor = self.text[start:end]
        for pattern, code in _speaker_table():
            if pattern.search(descriptor):
                return code
        for mention in self.mentions:
            if start <= mention.start and mention.end <= end and not self._beat(mention):
                return mention.country
        # "ministry spokesman He Lianfeng" after "The Chinese Commerce Ministry said": the body
        # a role names without its country is the one of that kind the article named last.
        for word in self.tokens.between(start, end):
            if word.pos_ == "NOUN" and word.lemma_.lower() in ORGANISATION_NOUNS | BODY_NOUNS:
                named = self._named_before(word, start, described=True)
                if named is not None:
                    return named[1]
        return None

    def _beat(self, mention: CountryMention) -> bool:
        # "BBC China correspondent John Moss": the country he covers, not his.
        last = self.tokens.at(mention.end - 1)
        return bool(
            mention.kind is MentionKind.NAME
            and last is not None
            and last.dep_ == "compound"
            and last.head.lemma_.lower() in BEAT_NOUNS
        )

    def _subject_before(
        self, token: Token, *, pronoun: str
    ) -> tuple[str | None, str | None] | None:
        # "The president's Pacific roots also came into play. In Honolulu last week, he told …
        # Crops are withering in the Marshall Islands, he noted": a pronoun outside quotes goes on
        # with the subject of the sentence just before (or the subject's owner), when no one is
        # named between: a role, as the person it names, or a pronoun of its gender, as that
        # pronoun goes on.
        offset, gender = self.tokens.start(token), _gender([pronoun])
        if enclosing_quote(self.quotes, offset) is not None:
            return None
        subject = token
        while subject.sent.start > 0:
            before = subject_of(subject.doc[subject.sent.start - 1].sent.root)
            if before is None:
                return None
            owner = next((child for child in before.children if child.dep_ == "poss"), None)
            subject = owner if owner is not None and owner.pos_ == "NOUN" else before
            at = self.tokens.start(subject)
            if any(at < person.start < offset for person in self.people):
                return None
            if subject.lower_ not in PERSON_PRONOUNS or _gender([subject.lower_]) != gender:
                break
        if subject.lemma_.lower() not in ROLE_NOUNS or not _is_definite(subject):
            return None
        person = self._described_as(subject, self.tokens.start(subject))
        if person is None or person.gender not in (None, gender):
            return None
        return person.name, person.country

    def _nearest_person(self, offset: int, *, pronoun: str) -> _Person | None:
        # A pronoun refers to the nearest person before it, looking first inside the quote it
        # stands in, then before that quote; "she" passes over a man the text calls "Mr.".
        quote = enclosing_quote(self.quotes, offset)
        gender = _gender([pronoun])
        candidates = [p for p in self.people if p.start < offset and not p.modifier]
        agreeing = [p for p in candidates if p.gender in (None, gender)]
        candidates = agreeing or candidates
        if quote is not None:
            inside = [p for p in candidates if quote.start < p.start]
            if inside:
                return self._full_name(inside[-1].name, offset) or inside[-1]
            candidates = [p for p in candidates if p.start < quote.start]
        outside = [p for p in candidates if enclosing_quote(self.quotes, p.start) is None]
        # Of those, one the text tells of rather than someone spoken of in another's words or
        # deeds ("Palmieri said Trump is reduced to taunts … “…,” she said" is hers), unless
        # the pronoun stands in those words too ("… because he cannot defend his record").
        told = [p for p in outside if not self._spoken_of(p.start, offset)]
        pool = told or outside or candidates
        if not pool:
            return None
        best = pool[-1]
        return self._full_name(best.name, best.start) or best

    def _spoken_of(self, at: int, offset: int) -> bool:
        # Whether a row before holds the text at ``at`` and not ``offset``.
        return any(start <= at < end and not start <= offset < end for start, end in self.contents)

    def _full_name(self, written: str, offset: int) -> _Person | None:
        # "Xi" is "Xi Jinping" when the article names him so: the longest name holding every
        # word, the nearest before first, else the first after. A title's names come last: a
        # title-case headline capitalises the verbs and adjectives beside a name, and the tagger
        # takes them into it ("Derelict Holm and Berg Ignore Farmers").
        words = frozenset(_name(written).lower().split())
        if not words:
            return None
        matches = [p for p in self.people if words <= p.words]
        matches = [p for p in matches if not p.in_title] or matches
        if not matches:
            return None
        longest = max(len(p.words) for p in matches)
        matches = [p for p in matches if len(p.words) == longest]
        before = [p for p in matches if p.start <= offset]
        chosen = _first_named(before) if before else matches[0]
        country = chosen.country or next(
            (p.country for p in self.people if p.name == chosen.name and p.country), None
        )
        gender = chosen.gender or next(
            (p.gender for p in self.people if p.name == chosen.name and p.gender), None
        )
        return replace(chosen, country=country, gender=gender)

    def _described_as(self, token: Token, offset: int) -> _Person | None:
        # "the secretary of state" is the last person the article described as a secretary;
        # "the politician" is the last person named.
        role = token.lemma_.lower()
        earlier = [p for p in self.people if p.start < offset]
        role_country = self._country(*self._descriptor(token))
        if role_country is not None:
            # "the Chinese leader" is no one the article gave another country or none.
            earlier = [p for p in earlier if p.country == role_country]
        described = [p for p in earlier if _described_by(p.descriptor, role)]
        # "The Republican nominee" is one the text called a Republican nominee, when it called
        # anyone so, not the Democratic nominee named since: the role's capitalised modifiers
        # (a party, a nationality) are in what the text said of that person.
        qualifiers = {
            c.lower_ for c in token.lefts if c.dep_ in ("amod", "compound") and c.is_title
        }
        described = [p for p in described if qualifiers <= set(p.descriptor.split())] or described
        if described:
            return self._full_name(described[-1].name, offset) or described[-1]
        if role in GENERIC_PERSON_NOUNS and earlier and role_country is None:
            return self._full_name(earlier[-1].name, offset) or earlier[-1]
        return None


def _described_by(descriptor: str, role: str) -> bool:
    """Whether what the text says of someone gives them a role: its word ("the secretary of
    state"), not as another's ("one of the president's closest aides"), or a title that stands
    for it ("Rep." for "the congressman")."""
    titled = any(role in TITLE_ROLES.get(word, ()) for word in descriptor.split())
    return titled or re.search(rf"\b{re.escape(role)}(?![’']s\b)", descriptor) is not None


def _first_named(people: Sequence[_Person]) -> _Person:
    """Of the people a name could be, in text order, the one named nearest before, unless they
    are several people who share it ("Ted Cruz", "Heidi Cruz"): then the one the article named
    first, its protagonist, as news style gives the others their first names ("Cruz thanked
    Trump" after "an unflattering photo of Heidi Cruz" is Ted Cruz)."""
    first: dict[str, _Person] = {}
    for person in people:
        first.setdefault(person.name, person)
    if len(first) == 1:
        return people[-1]
    return min(first.values(), key=lambda person: person.start)


def one_name_per_speaker(rows: Sequence[Attribution]) -> list[Attribution]:
    """The rows with one name and one country per speaker: names that differ only by a leading
    "the" or by case ("the South Korean foreign ministry", "South Korean foreign ministry") take
    the first form the article gives, and every row of a speaker the first country the text
    gave it ("Israeli Prime Minister Avi Cohen …" then "Cohen said").
    """
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    for row in rows:
        if row.speaker is not None:
            key = _speaker_key(row.speaker)
            names.setdefault(key, row.speaker)
            if row.speaker_country is not None:
                countries.setdefault(key, row.speaker_country)
    return [
        replace(
            row,
            speaker=names[_speaker_key(row.speaker)],
            speaker_country=countries.get(_speaker_key(row.speaker)),
        )
        if row.speaker is not None
        else row
        for row in rows
    ]


def _speaker_key(name: str) -> str:
    lower = name.lower()
    return lower.removeprefix("the ")


def _antecedent(token: Token) -> Token | None:
    # "The senator, who said …": the mention stays "who" (as annotators mark it), the speaker
    # is the noun the relative clause describes.
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        noun = token.head.head
        if noun.dep_ == "appos" and noun.head.pos_ in ("PROPN", "NOUN"):
            # "Josep Borrell, the EU's foreign policy chief, who praised …": the person named.
            noun = noun.head
        noun = _predicated_of(noun) or noun
        if token.lower_ == "who" and noun.pos_ == "NOUN" and not can_speak(noun):
            noun = _last_speaker_word(token) or noun
        return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") and noun != token else None
    return None


def _last_speaker_word(token: Token) -> Token | None:
    # "endorsements from 95 retired generals and admirals -- most of whom had announced their
    # support -- who cited …": "who" stands for someone; where the parser hangs its clause on a
    # thing, it is the nearest noun before it that can speak.
    before = token.doc[token.sent.start : token.i]
    return next(
        (word for word in reversed(before) if word.pos_ in ("NOUN", "PROPN") and can_speak(word)),
        None,
    )


def _predicated_of(noun: Token) -> Token | None:
    # "Trump is a birther who has pledged to …", "… is a liar, racist and birther who …": a
    # relative clause on the person the subject is said to be is the subject's; not in a cleft
    # ("It was Holm who said …"), nor when the subject or what it is said to be cannot speak
    # ("The video is a focal point for protesters, who …"; "The result has been a movement that
    # blames …").
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ != "attr" or not can_speak(noun):
        return None
    copula = noun.head
    while subject_of(copula) is None and copula.dep_ == "conj":
        # "… incites violence and is a liar who …": a joined verb shares its subject.
        copula = copula.head
    subject = subject_of(copula)
    return subject if subject is not None and can_speak(subject) else None


def _named_in_apposition(token: Token) -> Token | None:
    # "a spokeswoman, Jane Roe, said", "Japan's defence minister, Hiroshi Tanabe, said", "His
    # Japanese counterpart Minoru Kihara praised": the name set beside a role is the speaker.
    if token.pos_ != "NOUN":
        return None
    return next(
        (
            child
            for child in token.children
            if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN")
        ),
        None,
    )


def _document_author(token: Token) -> Token | None:
    """Who a document is from, when the text says: "a statement from the embassy", "the
    embassy's statement", "the embassy issued a statement", "In a statement, the embassy said";
    None for any other word."""
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    author = author_of_document(token)
    if author != token:
        return author
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "in" else token.head
    if token.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
        subject = subject_of(verb)
        return subject if subject is not None and can_speak(subject) else None
    return None


def _cited(token: Token) -> bool:
    """Whether a word is what "according to" cites: whatever a text cites as its source speaks
    ("according to the data", "according to federal statistics")."""
    return (
        token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
    )


def _pronoun_for(token: Token) -> str | None:
    """ "they" for a group ("McConnell aides", "Obama and Clinton"), "it" for a body or a
    document ("the IMF", "China", "the ministry", "the report"), None for a person."""
    if token.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in token.children):
        return "they"
    body_words = ORGANISATION_NOUNS | BODY_NOUNS | GOVERNMENT_NOUNS | DOCUMENT_NOUNS
    if token.ent_type_ in ("ORG", "GPE") or token.lemma_.lower() in body_words:
        return "it"
    return None


def _head_word(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _first_person(token: Token) -> bool:
    """Whether a speaker is the first person: "we", "I", or what the first person owns ("our
    military", "my government")."""
    if token.pos_ == "PRON":
        return token.lower_ in FIRST_PERSON
    return any(
        child.dep_ == "poss" and child.lower_ in FIRST_PERSON_POSSESSIVES
        for child in token.children
    )


def _phrase_start(first: Token, last: Token) -> Token:
    """The first word of the phrase ``first``..``last`` after any comma or conjunction that
    does not join two of its modifiers: a misparse can hang the end of the clause before on a
    subject ("relieved but wary, and European business groups complained"), never
    "Japanese and South Korean officials"."""
    doc, start = first.doc, first.i
    for word in doc[first.i : last.i]:
        breaks = word.dep_ == "cc" or word.text in (",", ";", ":") or is_dash(word)
        joins = any(
            child.dep_ == "conj" and word.i < child.i <= last.i for child in word.head.children
        )
        if breaks and not joins:
            start = word.i + 1
    return doc[start]


def _without_clauses(token: Token) -> Token:
    """The last word of a phrase but any clause in it: what "the EU's foreign policy chief, who
    praised South Korea" says of its person ends at "chief"."""
    last = token
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"):
            break
        last = max(last, child.right_edge, key=lambda word: word.i)
    return last


def _gender(words: Sequence[str]) -> str | None:
    """ "he" or "she" when the words say so and do not disagree, else None."""
    genders = {
        gender
        for word in words
        for gender, vocabulary in (("he", MASCULINE), ("she", FEMININE))
        if word in vocabulary
    }
    return genders.pop() if len(genders) == 1 else None


def _described_names(doc: Doc) -> Iterator[Span]:
    """Names the tagger missed that an apposition describes as someone: "Okonkwo, an economist
    at the bank", "Kovalenko, a farmer"."""
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ not in ("", "PERSON", "ORG"):
            continue
        if token.ent_type_ == "PERSON" or token.dep_ == "compound":
            continue
        if any(child.dep_ == "appos" and child.pos_ == "NOUN" for child in token.children):
            yield _proper_name(token)


def _proper_name(token: Token) -> Span:
    """The proper nouns that end at ``token``: its entity, else the run of proper nouns."""
    entity = entity_of(token)
    if entity is not None and entity.label_ == "PERSON":
        return entity
    doc, first = token.doc, token
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN":
        first = doc[first.i - 1]
    return doc[first.i : token.i + 1]


def _organisation_owner(token: Token) -> list[Token]:
    """The name an organisation goes by, without the common noun that describes it: "Reuters"
    of "Reuters news agency", "BBC" of "the BBC's website"; none for a noun that names one of
    many ("some U.S. business groups", "a U.S. firm"): such a group goes as written."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ORGANISATION_NOUNS:
        return []
    if token.tag_ == "NNS" or any(
        child.dep_ == "det" and child.lower_ != "the" for child in token.children
    ):
        return []
    for child in token.lefts:
        if child.dep_ in ("compound", "poss") and child.pos_ == "PROPN":
            entity = entity_of(child)
            words = entity if entity is not None and entity.root.i < token.i else [child]
            return [word for word in words if word.lower_ not in ("the", "’s", "'s")]
    return []


def _is_definite(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)


def _names_a_person(token: Token, written: str, name: str) -> bool:
    """Whether ``name``, what follows a title or role word in ``written``, is a person's name
    ("General Mark Milley", "Spokesperson Daniel Mercer", "Gen. Milley") and not the rest of an
    organisation's name that the word begins ("General Assembly", "General Motors"): the tagger
    says a person, the title is an honorific, or a given name and a surname follow."""
    return bool(
        token.ent_type_ == "PERSON"
        or written.split()[0].lower() in HONORIFICS
        or len(name.split()) >= 2
    )


def _without_possessive(text: str) -> str:
    return text.replace("’s", "").replace("'s", "")


def _name(text: str) -> str:
    """A person's name without titles, roles, possessive and nickname ("Mr. Burman's" ->
    "Burman", "Spokesperson Daniel Mercer" -> "Daniel Mercer", 'Marcia "Cia" Price' -> "Marcia
    Price")."""
    words = _NICKNAME.sub("", _without_possessive(text)).split()
    while words and words[0].lower() in TITLES | ROLE_NOUNS:
        words = words[1:]
    return " ".join(words)


@cache
def _speaker_table() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``data/speakers.csv``: offices and parties bound to one state, which give a speaker's
    country ("Secretary of State", "GOP")."""
    rows = read_csv("speakers.csv")
    return tuple(
        (_table_pattern(row["name"], ignore_case=row["kind"] == "role"), row["iso3"])
        for row in sorted(rows, key=lambda row: -len(row["name"]))
    )


def _table_pattern(name: str, *, ignore_case: bool) -> re.Pattern[str]:
    # Names match as written (so "RT" is not "rt"); roles in any case ("secretary of state").
    pattern = r"\b" + re.escape(name).replace("'", "['’]") + r"\b"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
