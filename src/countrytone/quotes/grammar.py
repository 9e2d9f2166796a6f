"""The grammar of subjects: the token that names who speaks through a cue."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from countrytone.package_data import read_csv
from countrytone.quotes.marks import Quote, enclosing_quote
from countrytone.quotes.tokens import ArticleTokens
from countrytone.quotes.vocabulary import (
    BODY_NOUNS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    FEELING_WORDS,
    FIRST_PERSON,
    GENERIC_PERSON_NOUNS,
    GROUP_NOUNS,
    INQUIRY_VERBS,
    LIGHT_VERBS,
    NEGATION_RAISING,
    NO_ONE,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
    PRODUCING_VERBS,
    QUANTITY_WORDS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    WILL_WORDS,
)

# Penn tags of a finite verb, which no name holds.
_FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})

DASHES = frozenset({"―", "—", "–"})

# Conjunctions that open a clause of the time or circumstances of a cue, the reporter's words
# rather than the speaker's.
CIRCUMSTANCE = frozenset({"as", "while", "when", "whenever", "after", "before", "since", "until"})

# Prepositions whose object a participle right after them has for its subject: "with analysts
# saying …", "despite critics warning …".
_ABSOLUTE = frozenset({"with", "without", "despite", "amid", "amidst"})

# Punctuation that sets off a parenthetical cue: "The plan, he said, would fail".
SETTING_OFF = frozenset({",", "—", "–", "-", "("})


def is_speech_verb(token: Token) -> bool:
    return bool(token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"))


def reports_clause(token: Token) -> bool:
    """Whether a token is a verb of WordNet's lexicon of reporting verbs (``reporting_verbs``),
    which reports a clause and nothing else ("surmised that …", "…, he reckoned")."""
    return token.pos_ == "VERB" and token.lemma_.lower() in reporting_verbs()


@cache
def reporting_verbs() -> frozenset[str]:
    """``data/reporting_verbs.csv``: WordNet's verbs of communication, cognition or perception
    that take a clause (written by ``scripts/reporting_verbs.py``), and the verbs of inquiry,
    but the words of the hand-made cue classes, which keep their class: a verb of the lexicon
    reports only a clause."""
    lexicon = frozenset(row["lemma"] for row in read_csv("reporting_verbs.csv"))
    return (lexicon | INQUIRY_VERBS) - CUE_VERBS


def is_act(token: Token) -> bool:
    """Whether a token is a verb of WordNet's lexicon of social and political acts
    (``act_verbs``): "imposed sanctions", "vetoed the bill", "ruled that …"."""
    return token.pos_ == "VERB" and token.lemma_.lower() in act_verbs()


@cache
def act_verbs() -> frozenset[str]:
    """``data/act_verbs.csv``: WordNet's verbs of social acts done to something or someone
    (written by ``scripts/act_verbs.py``), but the words of the hand-made cue classes, which keep
    their class, and the light verbs, which say nothing by themselves ("made the case", "took
    offence")."""
    lexicon = frozenset(row["lemma"] for row in read_csv("act_verbs.csv"))
    return lexicon - (CUE_VERBS | LIGHT_VERBS)


def is_feeling(token: Token) -> bool:
    """Whether a token is a word of feeling, certainty or will said of its clause's subject: a
    predicate adjective ("are afraid that …", "is willing to talk") or a passive participle ("was
    frustrated that …", "is determined to win")."""
    if token.lower_ not in FEELING_WORDS | WILL_WORDS:
        return False
    predicate = token.pos_ == "ADJ" and token.dep_ == "acomp"
    participle = token.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in token.children)
    return predicate or participle


def next_word(token: Token) -> Token:
    # "― Jorge Falcon" is often typed with a no-break space, which spaCy keeps as a token.
    following = token.nbor(1)
    while following.is_space and following.i + 1 < len(token.doc):
        following = following.nbor(1)
    return following


def speaker_token(cue: Token) -> Token | None:
    """The token naming who speaks through a cue, before resolution."""
    token = _grammatical_speaker(cue, depth=0)
    if token is not None and _dateline(token):
        # "WASHINGTON -- President Obama, dedicating the museum, said": the parser makes the
        # dateline the subject and the speaker its apposition; a place in a dateline says nothing.
        token = next((child for child in token.children if child.dep_ == "appos"), None)
    return author_of_document(token) if token is not None else None


def is_dash(token: Token) -> bool:
    """Whether a token is a dash: a dash character, or hyphens standing between spaces
    ("BRUSSELS - European leaders", "WASHINGTON -- President Obama")."""
    if token.text in DASHES:
        return True
    spaced = bool(token.whitespace_) and token.i > 0 and bool(token.nbor(-1).whitespace_)
    return token.text in ("-", "--") and spaced


def _dateline(token: Token) -> bool:
    # The place in capitals that opens a wire story, set off by a dash.
    return (
        token.i == 0
        and token.is_upper
        and len(token.text) > 1
        and token.i + 1 < len(token.doc)
        and is_dash(token.nbor(1))
    )


def _grammatical_speaker(cue: Token, *, depth: int) -> Token | None:
    if depth > 3:
        return None
    if cue.text[-1] in DASHES and cue.i + 1 < len(cue.doc):
        name = next_word(cue)
        entity = entity_of(name)
        if entity is not None:
            return entity.root
        while name.i + 1 < len(cue.doc) and name.nbor(1).pos_ == "PROPN":
            name = name.nbor(1)
        return name
    if cue.text == ":":
        # A headline "Warren to Wells Fargo CEO: ‘…’": the clause before the colon speaks.
        head = cue.head
        return subject_of(head) or _colon_noun_speaker(head)
    if cue.lower_ == "according":
        return next((grand for child in cue.children if child.lower_ == "to"
                     for grand in child.children if grand.dep_ == "pobj"), None)  # fmt: skip
    if is_feeling(cue):
        # "Many farmers are afraid that …": who feels is the subject of the copula, or of the
        # passive participle ("The governor was frustrated that …").
        return subject_of(cue) or subject_of(cue.head)
    if cue.pos_ == "NOUN":
        # "Trump's claim that …", "a claim by the ministry that …": a noun's owner speaks; one
        # without an owner, whoever put it out ("the ministry issued a warning that …"). A
        # noun climbed to from a cue below it without either is a verb the tagger took for a
        # noun ("never seem to tire of telling …"): the climb goes on.
        owner = owner_of(cue) or _producer_of(cue)
        if owner is not None or depth == 0:
            return owner
    if depth == 0 and any(child.dep_ == "nsubjpass" for child in cue.children):
        # "has been called a charlatan by fellow physicians": a passive cue's speaker is its
        # agent; its subject is what was said of ("peacekeepers have been accused of …"), and
        # with no agent the text does not say who spoke. A participle under a passive verb is
        # its subject's ("had been pilloried for acknowledging that …").
        return agent_of(cue)
    subject = subject_of(cue) or _misread_subject(cue)
    if subject is not None:
        return subject
    # "quoted Blinken as saying": the object of quote/cite is the speaker.
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        verb = cue.head.head
        quoted = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
        if quoted:
            return quoted[0]
    # "a diplomat saying …": the participle modifies its speaker.
    if cue.dep_ in ("acl", "relcl") and _may_speak(cue.head):
        return cue.head
    # "…, saying …" / "said … and added …": the speaker is the subject of the verb above, or
    # the speaker of a cue set off inside that verb's clause ("Countries outside the region, he
    # said, “should not stir up trouble,” adding that …": he adds, not the countries).
    if rejoins_reporting_verb(cue):
        return _grammatical_speaker(cue.head.head, depth=depth + 1)
    reporting = _reporting_verb_of_participle(cue)
    if reporting is not None:
        return _grammatical_speaker(reporting, depth=depth + 1)
    controller = _object_controller(cue) or _absolute_subject(cue)
    if controller is not None:
        return controller
    if _shares_subject_above(cue):
        aside = next((child for child in cue.head.children if is_parenthetical(child)), None)
        return _grammatical_speaker(aside or cue.head, depth=depth + 1)
    # "concluded his visit with a press conference describing …": the participle hangs off a
    # noun that cannot speak; the verb above it has the speaker.
    if cue.dep_ in ("acl", "relcl"):
        governing = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if governing is not None:
            return _grammatical_speaker(governing, depth=depth + 1)
    return None


def _object_controller(cue: Token) -> Token | None:
    """The object that is the subject of an infinitive under a verb that makes it happen ("the
    threats prompted NATO to order …", "forced the minister to admit that …"); under a verb of
    speech or will the infinitive is what was said or wanted ("Obama urged Congress to condemn
    China" is Obama's, not a condemnation by Congress), and the verb's subject speaks."""
    head = cue.head
    if cue.dep_ != "xcomp" or head.lemma_.lower() in CUE_VERBS or reports_clause(head):
        return None
    objects = [child for child in head.children if child.dep_ == "dobj" and child.i < cue.i]
    return objects[0] if objects and can_speak(objects[0]) else None


def _absolute_subject(cue: Token) -> Token | None:
    """The object of "with", "despite" or "amid" that a participle right after it has for its
    subject, wherever the parser hangs the participle ("with analysts saying …", "remain
    confident despite a few early supporters of the bill, such as …, now saying …")."""
    if cue.tag_ != "VBG" or subject_of(cue) is not None:
        return None
    for preposition in cue.head.children:
        if (
            preposition.dep_ != "prep"
            or preposition.lower_ not in _ABSOLUTE
            or cue.i < preposition.i
        ):
            continue
        noun = next((child for child in preposition.children if child.dep_ == "pobj"), None)
        if noun is None:
            continue
        # Right after it, but for a comma that closes an aside the phrase opened ("…, such as
        # Corker and Graham, now saying"): "filed a complaint with the board, claiming …" is
        # the filer's.
        aside = any(word.text == "," for word in noun.subtree)
        between = cue.doc[noun.right_edge.i + 1 : cue.i]
        if all(word.dep_ == "advmod" or (aside and word.text == ",") for word in between):
            return noun
    return None


def _shares_subject_above(cue: Token) -> bool:
    """Whether a cue with no subject of its own speaks through the subject of the word it hangs
    off: an infinitive, participle, adverbial clause or joined verb does ("vowed to fight",
    "…, citing …"); a clause that is a verb's object does only under a verb of speech, a second
    verb of saying the parser hung inside the first ("said that … but said “…”"): "he succeeded
    – defend the deal" is not his defence."""
    if cue.head == cue:
        return False
    if cue.dep_ == "ccomp":
        return is_speech_verb(cue.head)
    return cue.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep")


def is_parenthetical(cue: Token) -> bool:
    """Whether a speech cue is set off by commas inside the clause it reports ("…, a source
    said", "The plan, he said, would fail"): the parser hangs it off that clause as parataxis,
    with no clause of its own. A cue the parser takes for parataxis without commas ("…: the
    leader hinted at a dinner that …") reports its own clause, not the one before it."""
    first = cue_phrase_start(cue)
    before = cue.doc[first.i - 1] if first.i > 0 else None
    return (
        cue.dep_ == "parataxis"
        and before is not None
        and before.text in SETTING_OFF
        and not says_its_own(cue)
    )


def is_as_clause(cue: Token) -> bool:
    """Whether a speech cue is a clause of "as" with nothing said of its own ("As the minister
    noted, Peru has paid", "…, as Holm had promised"): it reports the clause it hangs off, as a
    cue set off by commas does; "As he said this, the crowd cheered" has its own object."""
    marked = any(child.dep_ == "mark" and child.lower_ == "as" for child in cue.children)
    return cue.dep_ == "advcl" and marked and not says_its_own(cue)


def says_its_own(cue: Token) -> bool:
    """Whether a cue has something said of its own: a clause, an infinitive or an object, but
    not whom it was said to ("The plan, he told reporters, would fail", "as she told me")."""
    return any(
        child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "dobj" and not can_speak(child))
        for child in cue.children
    )


def cue_phrase_start(cue: Token) -> Token:
    """The first word of a cue's own phrase: its "as" ("as Holm observed, …"), else its
    subject's first word when the subject stands before it ("Though it went well, he said, …"
    starts at "he", whatever clause the parser hangs on the cue), else the cue's first word but
    punctuation."""
    marker = next((child for child in cue.lefts if child.dep_ == "mark"), None)
    if marker is not None and marker.lower_ == "as":
        return marker
    subject = subject_of(cue)
    if subject is not None and subject.i < cue.i:
        return subject.left_edge
    first = cue.left_edge
    while first.is_punct and first.i < cue.i:
        first = first.nbor(1)
    return first


def rejoins_reporting_verb(verb: Token) -> bool:
    """Whether a past tense with no subject of its own that the parser joined to a reported
    clause is the reporting verb's second verb: it cannot share the clause's "would" ("Mercer
    said the US would keep supporting Ukraine and accused Russia of …"), or it is a verb of
    speech in the reporting verb's tense ("China said it was opposed to the test and warned
    North Korea to refrain …"; but "Merrill says Machado promised … and said …" is hers)."""
    head = verb.head
    reporting = head.head
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBD"
        and subject_of(verb) is None
        and head.dep_ == "ccomp"
        and reporting.i < head.i
        and is_speech_verb(reporting)
        and (_modal(head) or (is_speech_verb(verb) and reporting.tag_ == "VBD"))
    )


def _reporting_verb_of_participle(cue: Token) -> Token | None:
    """The verb of speech a participle set off by a comma goes with when the parser hung it
    elsewhere: the one just before the comma ("“…,” Sanders said, going on to say that …", hung
    inside the quote before), or the one whose reported clause it hangs in ("Analysts said
    geopolitical factors have contributed to …, citing the importance of …"); None for any other
    word."""
    if cue.tag_ != "VBG" or cue.i < 2 or cue.nbor(-1).text != ",":
        return None
    before, head = cue.nbor(-2), cue.head
    if is_speech_verb(before) and before != head:
        return before
    in_reported_clause = cue.dep_ == "advcl" and head.dep_ == "ccomp" and head.head.i < head.i
    return head.head if in_reported_clause and is_speech_verb(head.head) else None


def is_circumstance(cue: Token, clause: Token) -> bool:
    """Whether a clause says when or while the cue happened, not what was said: "as Pyongyang
    fired", "when he ran for office", but not the second half of "knows as much … as I do"."""
    marker = clause.left_edge
    if marker.lower_ not in CIRCUMSTANCE or marker.dep_ not in ("mark", "advmod"):
        return False
    compared = any(
        word.lower_ == "as" and word.dep_ == "advmod" for word in cue.doc[cue.i : marker.i]
    )
    return not (marker.lower_ == "as" and compared)


def is_denied(cue: Token) -> bool:
    """Whether a cue is negated, so that its content was not said ("did not mention Russia",
    "never claimed that …"): a silence, kept as a stance; "does not think that …" still says
    what its subject thinks (a verb of belief carries its negation into the clause)."""
    negated = any(child.dep_ == "neg" for child in cue.children)
    return negated and cue.lemma_.lower() not in NEGATION_RAISING


def _modal(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "MD" for child in verb.children)


def _colon_noun_speaker(noun: Token) -> Token | None:
    # "Obama is rolling out a new campaign message: “…”", "she repeated the line: “…”": a
    # thing that cannot speak introduces the words of whoever the verb above it has as subject.
    if noun.pos_ not in ("PROPN", "NOUN"):
        return None
    if noun.pos_ == "PROPN" or _may_speak_as_written(noun) or author_of_document(noun) != noun:
        return noun
    # "A lesson from Loretta Lynch: “…”": what comes from someone is their words.
    source = next((child for child in noun.children if child.lower_ == "from"), None)
    origin = next((g for g in source.children if g.dep_ == "pobj"), None) if source else None
    if origin is not None and can_speak(origin):
        return origin
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(verb) if verb is not None else None
    return subject if subject is not None else noun


def _may_speak_as_written(token: Token) -> bool:
    # A person, group or role named by a common noun: "the minister", "critics", "many people".
    return bool(
        token.ent_type_ in ("PERSON", "ORG", "NORP")
        or token.lemma_.lower() in ROLE_NOUNS | GENERIC_PERSON_NOUNS | GROUP_NOUNS
    )


def _may_speak(token: Token) -> bool:
    # A person, an organisation or a role can speak; "a press conference on Monday" cannot.
    return bool(
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG", "NORP")
        or token.lemma_.lower() in ROLE_NOUNS | GENERIC_PERSON_NOUNS | DOCUMENT_NOUNS
    )


def can_speak(token: Token) -> bool:
    """Whether a subject names someone who can say something: a person, group, organisation,
    role, document or country, or a pronoun for one; "giant pandas", "the talks" and "the calm"
    cannot, nor "nobody"."""
    if token.lower_ in NO_ONE:
        return False
    complement = quantity_complement(token)
    if complement is not None and can_speak(complement):
        # "a number of economists" speaks as economists.
        return True
    return bool(
        token.lower_ in PERSON_PRONOUNS | FIRST_PERSON | {"they", "you"}
        or token.ent_type_ == "GPE"
        or token.lemma_.lower() in ORGANISATION_NOUNS | BODY_NOUNS
        or token.lemma_.lower() in _speaking_nouns()
        or _may_speak(token)
        or _may_speak_as_written(token)
    )


@cache
def _speaking_nouns() -> frozenset[str]:
    """``data/speaking_nouns.csv``: the common nouns that can name a speaker (people, groups,
    organisations, documents), from WordNet by ``scripts/speaking_nouns.py``."""
    return frozenset(row["lemma"] for row in read_csv("speaking_nouns.csv"))


def quantity_complement(token: Token) -> Token | None:
    """The group a quantity counts: "economists" of "a number of economists", "officials" of
    "dozens of officials" and "some of the officials"; None for any other word."""
    if token.lemma_.lower() not in QUANTITY_WORDS and token.pos_ != "NUM":
        return None
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if not is_dash(child):
            return child
        # "The film ― which weaves … ― explains": a dash the parser takes for a subject
        # stands for the phrase it sets off, after the true subject if there is one.
        behind = subject_of(child)
        if behind is not None:
            return behind
    return None


def _misread_subject(verb: Token) -> Token | None:
    """The name that opens a finite verb's sentence, set off by a comma, when the parser read
    it as anything but the verb's subject: "Trump, appearing at the forum, cited …", with
    "Trump" an adjective hung from the verb, or the sentence's root with the verb joined to it."""
    first = verb.sent[0]
    entity = entity_of(first)
    beside = first.head == verb or (verb.head == first and verb.dep_ == "conj")
    if verb.tag_ not in _FINITE_VERB_TAGS or not beside or entity is None:
        return None
    opens_sentence = entity.start == first.i and first.is_title
    set_off = entity.end < len(verb.doc) and verb.doc[entity.end].text == ","
    return entity.root if opens_sentence and set_off else None


def owner_of(noun: Token) -> Token | None:
    """Whose a noun is: its possessor ("Trump's", "his") or the object of its "by" or "from"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def _producer_of(noun: Token) -> Token | None:
    """The subject of a verb that puts out a statement, its object ("sounded a call for …")."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in PRODUCING_VERBS:
        return None
    return subject_of(verb)


def agent_of(verb: Token) -> Token | None:
    """The "by" object of a passive verb: "the plan was called a disaster by critics"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def author_of_document(token: Token) -> Token:
    # "A statement posted by spokesperson Matthew Miller concluded": the document's author is
    # the speaker; "a Reuters analysis": its organisation is; "the ministry issued a statement
    # saying …": whoever put it out is.
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return token
    producer = _producer_of(token)
    if producer is not None:
        return producer
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
        if child.dep_ in ("acl", "prep"):
            for grand in child.children:
                if grand.dep_ == "agent" or (child.lower_ == "from" and grand.dep_ == "pobj"):
                    author = next((g for g in grand.children if g.dep_ == "pobj"), grand)
                    # "A slide from a presentation shows …": a part of a document is no author.
                    if author.lemma_.lower() not in DOCUMENT_NOUNS:
                        return author
    return token


def quoted_from_outside(
    tokens: ArticleTokens, quotes: list[Quote], speaker: Token, cue: Token
) -> bool:
    # A cue outside quotation marks whose subject the parser found inside a quote ("pointing to
    # the map, “the farmers lose …”") climbed into someone else's words: no speaker there.
    return (
        enclosing_quote(quotes, tokens.start(speaker)) is not None
        and enclosing_quote(quotes, tokens.start(cue)) is None
    )


def entity_of(token: Token) -> Span | None:
    for entity in entities(token.doc):
        if entity.start <= token.i < entity.end:
            return entity
    return None


def entities(doc: Doc) -> Iterator[Span]:
    """The tagger's named entities, each ending before a finite verb it swallowed: in a
    headline's title case "Obama Says" or "Obama Sees 'Personal Insult'" is "Obama"."""
    for entity in doc.ents:
        verb = next((t.i for t in entity[1:] if t.tag_ in _FINITE_VERB_TAGS), entity.end)
        yield Span(doc, entity.start, verb, label=entity.label)
