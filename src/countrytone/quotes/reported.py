"""Reported speech and quoted fragments: what a cue reports, by the kind of cue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from countrytone.articles import Article, Paragraph, Part
from countrytone.quotes.grammar import (
    SETTING_OFF,
    agent_of,
    author_of_document,
    can_speak,
    cue_phrase_start,
    is_act,
    is_as_clause,
    is_circumstance,
    is_denied,
    is_feeling,
    is_parenthetical,
    quoted_from_outside,
    rejoins_reporting_verb,
    reports_clause,
    speaker_token,
    subject_of,
)
from countrytone.quotes.marks import Quote, enclosing_quote
from countrytone.quotes.records import AttributionKind, RawAttribution
from countrytone.quotes.tokens import ArticleTokens
from countrytone.quotes.vocabulary import (
    ANSWER_VERBS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    EXPECTING_VERBS,
    HEARSAY_ADVERBS,
    INTENT_NOUNS,
    NO_ONE,
    NOT_TOPICAL,
    OBJECT_VERBS,
    PERSON_PRONOUNS,
    RECEIVING_VERBS,
    REGARDING_VERBS,
    SAID_NOUNS,
    SAYING_VERBS,
    SEEMING_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    STATEMENT_NOUNS,
    TOPIC_OR_CLAUSE_VERBS,
    TOPIC_PREPOSITIONS,
    TOPIC_VERBS,
    WILL_WORDS,
)

# Characters trimmed off both ends of reported content.
_TRIM = " \t\r\n,;:—–-"

# Initials whose last period a content keeps, though it ends the sentence too: "the U.S.".
_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}$")

# Children of a verb that stand outside the clause its content belongs to: a second verb ("said
# X and added Y"), punctuation, an aside set off by commas.
_OUTSIDE_CLAUSE = frozenset({"conj", "cc", "punct", "parataxis"})

# Entity types of a time, which no content names alone ("announced Friday").
_WHEN = frozenset({"DATE", "TIME"})

# Words a speech cue's phrase may run to before a colon that announces what was said ("telling
# the story of Copenhagen:"): a phrase, not a clause.
_PHRASE_BEFORE_COLON = 12

# Penn tags of a finite verb or a modal, which start a clause of their own.
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})

# Verbs that make or let someone do something.
_CAUSATIVE = frozenset({"let", "make"})

# Dependencies by which a quoted fragment is the object of the verb above it.
_OBJECT_DEPS = frozenset({"dobj", "oprd", "attr", "prep", "xcomp", "ccomp", "acomp", "npadvmod"})

# Prepositions by which a noun of saying received names what it is about: "criticism for …".
_RECEIVED_TOPIC = frozenset({"for", "about", "over", "on", "of"})

# "WALLACE: Let's start with …": a transcript turn, the speaker's name in capitals and a colon.
_TURN = re.compile(r"[\"“']?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]")

# "Graham: Trump's rhetoric is hurting the party": a headline's speaker, a colon and the claim.
_HEADLINE = re.compile(r"([^:\n]{2,40}):[ \t]+\S")


def quoted_fragments(
    tokens: ArticleTokens, quotes: list[Quote], found: list[RawAttribution]
) -> Iterator[RawAttribution]:
    # A quoted fragment no attribution holds ("The union adopted “Fair pay now”", "Trump has
    # used the phrase “…”") is the words of the subject of the verb it is the object of: one
    # reported row for the verb's object phrase, as for "described it as a “…”".
    for quote in quotes:
        if any(raw.start <= quote.start and quote.end <= raw.end for raw in found):
            continue
        root = _quote_root(tokens, quote)
        verb, phrase = _governing_verb(root) if root is not None else (None, None)
        speaker = subject_of(verb) if verb is not None else None
        if root is None or verb is None or phrase is None or speaker is None:
            continue
        if not can_speak(speaker):
            continue
        # A verb of speech says its whole phrase ("likened the rules to “…”"); another verb only
        # the quoted words and the noun they name ("used the phrase “…”"): in "bought a forest
        # preserve in Belize and a “philanthropub”" the purchase is the reporter's.
        speech = verb.lemma_.lower() in SAYING_VERBS
        named = root.head == phrase and root.dep_ != "conj"
        start, end = (
            tokens.span(phrase.left_edge, phrase.right_edge)
            if speech or named
            else (quote.start, quote.end)
        )
        yield RawAttribution(
            min(start, quote.start), max(end, quote.end), author_of_document(speaker), verb,
            _kind(verb, quotes_words=True),
        )  # fmt: skip


def hearsay(tokens: ArticleTokens, quotes: list[Quote]) -> Iterator[RawAttribution]:
    """Clauses the text gives as how things seem or what is said, without saying to whom or by
    whom: "the plan seems to have failed", "that looks unlikely", "he allegedly fired a pistol".
    One ``reported`` row with no speaker per clause, from its subject to its end."""
    for token in tokens.tokens:
        verb = _hearsay_verb(token)
        subject = subject_of(verb) if verb is not None else None
        if verb is None or subject is None or subject.i > verb.i:
            continue
        start, end = _to_closing_mark(
            quotes, *_trim(tokens.text, *tokens.span(subject.left_edge, _clause_end(verb)))
        )
        if start < end:
            yield RawAttribution(start, end, None, token, AttributionKind.REPORTED)


def _hearsay_verb(token: Token) -> Token | None:
    """The verb of a clause that an adverb of hearsay marks, or a verb of seeming with a
    complement ("seems to …", "seems that …", "looks unlikely"; not "appeared on television",
    nor "looks to shore up support", which seeks)."""
    if token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod":
        return token.head
    kinds = ("acomp",) if token.lemma_.lower() == "look" else ("xcomp", "ccomp", "acomp")
    complement = any(child.dep_ in kinds for child in token.children)
    if token.lemma_.lower() in SEEMING_VERBS and token.pos_ == "VERB" and complement:
        return token
    return None


def received_speech(tokens: ArticleTokens) -> Iterator[RawAttribution]:
    """What a noun of saying its subject receives is said of: "has faced criticism for failing to
    act" (failing to act), "is drawing questions about the foundation" (the foundation), "The
    plan drew ridicule" (the plan). One ``reported`` row per noun, whose speaker is its "from"
    ("received praise from unions"), else no one: the text does not say who."""
    for noun in tokens.tokens:
        verb = _receiving_verb(noun)
        found = _received_content(tokens, noun, verb) if verb is not None else None
        if verb is None or found is None:
            continue
        start, end = _trim(tokens.text, *found)
        if len(tokens.text[start:end].split()) >= 2 or _a_name(tokens, start, end):
            yield RawAttribution(start, end, _from_whom(noun, verb), noun, AttributionKind.REPORTED)


def _receiving_verb(noun: Token) -> Token | None:
    """The verb by which its subject receives a noun of saying ("faced criticism", "is drawing
    questions"), or "come" of "came under criticism" (the parser may hang a word between)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SAID_NOUNS:
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:
        return noun.head
    for above in list(noun.ancestors)[:3]:
        if above.lower_ == "under" and above.head.lemma_.lower() == "come":
            return above.head
    return None


def _received_content(tokens: ArticleTokens, noun: Token, verb: Token) -> tuple[int, int] | None:
    """What the received words are about: the noun's topic to its end ("questions about the
    deal at the bank", "criticism for its failure"), or a "for" the parser hangs above the noun,
    up to the verb; else the verb's subject."""
    above = list(noun.ancestors)
    above = above[: above.index(verb) + 1]
    topics = [word for word in noun.rights if word.lower_ in _RECEIVED_TOPIC]
    topics += [word for head in above for word in head.rights if word.lower_ == "for"]
    for topic in topics:
        objects = [child for child in topic.children if child.dep_ in ("pobj", "pcomp")]
        last = noun.right_edge if topic.head == noun else topic.right_edge
        if topic.dep_ == "prep" and objects:
            return tokens.span(objects[0].left_edge, last)
    subject = subject_of(verb)
    if subject is None or subject.i > verb.i:
        return None
    return tokens.span(subject.left_edge, subject.right_edge)


def _from_whom(noun: Token, verb: Token) -> Token | None:
    """Who said what was received: the "from" of the noun or its verb, if it can speak."""
    for word in [*noun.rights, *verb.rights]:
        sources = [child for child in word.children if child.dep_ == "pobj"]
        if word.dep_ == "prep" and word.lower_ == "from" and sources and can_speak(sources[0]):
            return sources[0]
    return None


def transcript_turns(article: Article, tokens: ArticleTokens) -> Iterator[RawAttribution]:
    # A turn is reported speech rather than a quote: transcripts carry no quotation marks. A
    # paragraph with no name of its own between two turns goes on with the turn before it
    # (the speaker's next paragraph); after the last turn the article may have resumed.
    turns = [_turn(article, paragraph) for paragraph in article.paragraphs]
    last = max((index for index, turn in enumerate(turns) if turn is not None), default=-1)
    cue: tuple[Token, Token] | None = None
    for index, (paragraph, turn) in enumerate(zip(article.paragraphs, turns, strict=True)):
        if turn is not None:
            name, colon = tokens.at(turn.end(1) - 1), tokens.at(turn.end(1))
            cue = (name, colon) if name is not None and colon is not None else None
            start = turn.end()
        elif cue is None or index > last or paragraph.part is Part.TITLE:
            continue
        else:
            start = paragraph.start
        start, end = _trim(article.text, start, paragraph.end)
        if cue is not None and start < end:
            yield RawAttribution(start, end, cue[0], cue[1], AttributionKind.REPORTED)


def _turn(article: Article, paragraph: Paragraph) -> re.Match[str] | None:
    """A paragraph's transcript turn ("WALLACE: …"): the name in capitals and its colon."""
    turn = _TURN.match(article.text, paragraph.start, paragraph.end)
    return turn if turn is not None and len(turn[1]) >= 3 else None


def headline_claims(article: Article, tokens: ArticleTokens) -> Iterator[RawAttribution]:
    # Only the title: in the body a short phrase and a colon is as often a label ("Note: …").
    for paragraph in article.paragraphs:
        claim = _HEADLINE.match(article.text, paragraph.start, paragraph.end)
        if paragraph.part is not Part.TITLE or claim is None:
            continue
        words = tokens.between(paragraph.start, claim.end(1))
        colon = tokens.at(claim.end(1))
        start, end = _trim(article.text, claim.end(1) + 1, paragraph.end)
        # "China : ." claims nothing: no row with an empty span.
        claims = start < end and not any(w.pos_ in ("VERB", "AUX") for w in words)
        if words and colon is not None and claims:
            yield RawAttribution(start, end, words[-1], colon, AttributionKind.REPORTED)


def _quote_root(tokens: ArticleTokens, quote: Quote) -> Token | None:
    """The token inside a quote whose head lies outside it."""
    inside = [token for token in tokens.between(quote.open_end, quote.close_start)
              if not token.is_punct]  # fmt: skip
    positions = {(id(token.doc), token.i) for token in inside}
    return next((t for t in inside if (id(t.doc), t.head.i) not in positions), None)


def _governing_verb(token: Token) -> tuple[Token | None, Token | None]:
    # Up through nouns and prepositions ("the phrase “…”", "likened the rules to “…”") to the
    # first verb, two steps at most: farther up the fragment is no longer the verb's object.
    phrase = token
    for _ in range(3):
        if phrase.dep_ in ("ROOT", "nsubj", "nsubjpass") or phrase.head == phrase:
            return None, None
        if phrase.head.lemma_ == "be" and phrase.dep_ in ("attr", "acomp"):
            # "The mayor was “disgusting”": said of the copula's subject, not by it.
            return None, None
        if phrase.head.pos_ in ("VERB", "AUX") and phrase.dep_ in _OBJECT_DEPS:
            return phrase.head, phrase
        if phrase.head.pos_ == "VERB" and phrase.dep_ == "conj" and phrase.pos_ == "NOUN":
            # A noun the parser joins to a verb goes on with its object ("went on about “…,” and
            # “wounded American families”").
            return phrase.head, phrase
        phrase = phrase.head
    return None, None


def reported_speech(tokens: ArticleTokens, quotes: list[Quote]) -> Iterator[RawAttribution]:
    """Reported speech (``reported``) and acts, intentions and refusals (``stance``) of every
    cue outside a direct quote's own cue, with the cue's subject as the speaker token."""
    for token in tokens.tokens:
        spans = _content_spans(tokens, token, quotes)
        speaker = speaker_token(token) if spans else None
        said = spans or _said_of(token)
        unsourced = _unsourced_passive(tokens, token) if said and speaker is None else None
        if unsourced is not None:
            # "Mr. Quiros was accused of using $50 million …": someone said it, the text does
            # not say who; the row holds the whole clause, as what was said of its subject.
            start, end = _to_closing_mark(quotes, *_trim(tokens.text, *unsourced))
            yield RawAttribution(start, end, None, token, _kind(token))
        if speaker is None or speaker.lower_ in NO_ONE:
            continue
        thing = speaker.pos_ == "NOUN" and not can_speak(speaker)
        clause = any(child.dep_ == "ccomp" for child in token.children)
        if thing and _kind(token) is AttributionKind.STANCE and not clause:
            # "the tariffs aim to …", "other areas showed …": a thing does not take a stance;
            # what it shows in a clause is its evidence ("the data show that …").
            continue
        if _intended(token):
            # "declined to condemn the invasion", "is expected to announce duties": an act
            # wanted, refused or expected, not said; the stance row holds it.
            continue
        if token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in _CAUSATIVE:
            # "Let everyone know that …", "to make Kaine defend the deal": what someone is to be
            # made to say or know is not theirs; the sentence around it is its speaker's.
            continue
        if quoted_from_outside(tokens, quotes, speaker, token):
            continue
        for found in [part for span in spans for part in _around_glosses(tokens, quotes, span)]:
            start, end = _to_closing_mark(
                quotes, *_trim(tokens.text, *_before_source(tokens, *found))
            )
            if len(tokens.text[start:end].split()) >= 2 or _a_name(tokens, start, end):
                quoting = any(start <= q.open_end and q.close_start <= end for q in quotes)
                kind = _kind(token, quotes_words=quoting)
                yield RawAttribution(start, end, speaker, token, kind)


def _intended(cue: Token) -> bool:
    """Whether a cue is the infinitive of a verb or word of will ("declined to condemn", "is
    expected to announce", "is determined to warn"): wanted, refused or expected, not said."""
    head = cue.head
    return cue.dep_ == "xcomp" and (
        head.lemma_.lower() in STANCE_VERBS or head.lower_ in WILL_WORDS
    )


def _a_name(tokens: ArticleTokens, start: int, end: int) -> bool:
    # One word is content only when it names someone or somewhere ("endorses Clinton", "backed
    # Ukraine"); "said so", "wants it" report nothing.
    words = tokens.between(start, end)
    return len(words) == 1 and words[0].pos_ == "PROPN" and words[0].ent_type_ not in _WHEN


def _unsourced_passive(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    """The clause of a passive cue with no agent, from its subject ("peacekeepers have been
    accused of …", "he is expected to …"); None for any other cue."""
    subject = next((child for child in cue.children if child.dep_ == "nsubjpass"), None)
    if subject is None or agent_of(cue) is not None or is_act(cue):
        # "The foundation was registered as a charity": an act done with no one named says
        # nothing of anyone's.
        return None
    if _intended(cue):
        return None
    return tokens.span(subject.left_edge, _clause_end(cue))


def _before_source(tokens: ArticleTokens, start: int, end: int) -> tuple[int, int]:
    # "… should stop arming Taiwan, according to the readout": the phrase that says whose the
    # content is ends it, wherever the parser hangs it, so that the cue's row nests inside the
    # readout's and the readout's own words are no one's content.
    for token in tokens.between(start, end):
        if token.lower_ != "according":
            continue
        after = tokens.between(tokens.end(token.right_edge), end)
        if all(word.is_punct or word.is_space for word in after):
            return start, tokens.start(token)
    return start, end


def _kind(cue: Token, *, quotes_words: bool = False) -> AttributionKind:
    # A word of feeling is an attitude its subject holds ("is critical of the deal", "is not
    # optimistic about the talks"), often the reporter's or a quoted speaker's reading of it: a
    # stance, which never takes a mention from the speaker around it. A topic is a stance too,
    # but one that quotes words reports them, the talker's ("spoke about “the China virus”").
    lemma = cue.lemma_.lower()
    intent = cue.pos_ == "NOUN" and lemma in INTENT_NOUNS
    if reports_its_clause(cue):
        return AttributionKind.REPORTED
    if lemma in STANCE_VERBS or intent or is_act(cue) or is_denied(cue) or is_feeling(cue):
        return AttributionKind.STANCE
    topic = _only_a_topic(cue) and not quotes_words
    return AttributionKind.STANCE if topic else AttributionKind.REPORTED


def _only_a_topic(cue: Token) -> bool:
    """Whether a cue names only what the talk was about ("talked about trade", "asked about the
    deal", "his comments about women"), not what was said: a verb of talk that reports no clause,
    none after a colon ("asked yourself this: Would I …"), nor is set off inside the clause it
    reports ("The plan, she explained, would fail"); a noun of saying with no clause of "that" or
    "to" ("his claim that …", "her promise to …")."""
    lemma = cue.lemma_.lower()
    if cue.pos_ == "NOUN" and lemma in STATEMENT_NOUNS:
        return not any(_opens_clause(child, ("that", "to")) for child in cue.rights)
    if cue.pos_ != "VERB":
        return False
    if lemma in TOPIC_VERBS:
        return True
    # A noun the parser hangs as a clause is an object ("mentioned the deal twice").
    clauses = [child for child in cue.children if child.dep_ in ("ccomp", "xcomp")]
    clause = any(child.pos_ in ("VERB", "AUX") for child in clauses)
    clause = clause or _announced(cue) is not None
    set_off = is_parenthetical(cue) or is_as_clause(cue)
    return lemma in TOPIC_OR_CLAUSE_VERBS and not clause and not set_off


def reports_its_clause(cue: Token) -> bool:
    """Whether a verb of stance reports its clause: one of expecting with a finite clause ("the
    IMF expects that output will slow"), or a document that shows one ("a poll shows that …",
    as "the report says"; "the data show that …" stays evidence, no one's words)."""
    if not any(child.dep_ == "ccomp" for child in cue.children):
        return False
    lemma = cue.lemma_.lower()
    subject = subject_of(cue)
    shown = lemma == "show" and subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS
    return shown or lemma in EXPECTING_VERBS


def _to_closing_mark(quotes: list[Quote], start: int, end: int) -> tuple[int, int]:
    # Content that opens outside a quote or at its opening mark and ends inside it ("called the
    # talks “positive, comprehensive and constructive,”", "and “full of life.”") reaches its
    # closing mark: the parser leaves the quote's last comma and mark out of the clause.
    quote = enclosing_quote(quotes, end)
    if quote is not None and start <= quote.start:
        return start, quote.end
    return start, end


def _content_spans(
    tokens: ArticleTokens, token: Token, quotes: list[Quote]
) -> list[tuple[int, int]]:
    """What a cue token reports, by its cue class: usually one span, two for a cue standing
    in the middle of its clause ("The plan, he said, would fail")."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return _according_to(tokens, token, quotes)
    said = lemma in SAYING_VERBS or reports_clause(token)
    announced = _after_colon(tokens, token) if said and token.pos_ == "VERB" else None
    if announced is not None:
        return [announced]
    if token.pos_ == "NOUN" and (lemma in STATEMENT_NOUNS | INTENT_NOUNS or _owned_thought(token)):
        found = _noun_content(tokens, token)
    elif is_feeling(token):
        found = _feeling_content(tokens, token)
    elif token.pos_ not in ("VERB", "AUX"):
        return []
    elif _passive_with_agent(token):
        found = _passive_content(tokens, token)
    elif _regards_as(token):
        found = _object_content(tokens, token)
    elif lemma in TOPIC_VERBS:
        found = _topic_content(tokens, token)
    elif lemma in SPEECH_VERBS:
        if is_parenthetical(token) or is_as_clause(token):
            return _parenthetical_content(tokens, token)
        found = _clause_content(tokens, token)
        if found is not None and found[1] <= tokens.start(token):
            quoted = any(quote.start <= found[0] < quote.end for quote in quotes)
            return [found, *_continued_after(tokens, token, after_quote=quoted)]
    elif lemma in OBJECT_VERBS:
        found = _object_content(tokens, token)
    elif reports_clause(token):
        if is_parenthetical(token) or is_as_clause(token):
            return _parenthetical_content(tokens, token)
        found = _reported_clause(tokens, token)
    elif lemma in STANCE_VERBS:
        found = (
            _intent_content(tokens, token)
            or _reported_clause(tokens, token)
            or _stance_object(tokens, token)
        )
    elif is_act(token) and _asserted(token):
        # What an act is done to is its object; its prepositional phrase says where, when or
        # from what ("resigned from the network", "was founded in 1949").
        found = (
            _intent_content(tokens, token)
            or _reported_clause(tokens, token)
            or _stance_object(tokens, token, deps=("dobj",))
        )
    elif lemma == "make":
        found = _made_clear_content(tokens, token)
    else:
        return []
    return [found] if found is not None else []


def _passive_with_agent(verb: Token) -> bool:
    """Whether a cue verb is passive with an agent who can speak or act: "the plan was endorsed
    by the president", "was criticized by rights groups"; "was hit by a storm" is no cue."""
    passive = any(child.dep_ == "nsubjpass" for child in verb.children)
    agent = agent_of(verb)
    return (
        passive
        and agent is not None
        and can_speak(agent)
        and (_cue_verb(verb) or (is_act(verb) and _asserted(verb)))
    )


def _said_of(verb: Token) -> bool:
    """Whether a verb of speech or thought that its sentence asserts says something of its
    passive subject with nothing else to report: "the plan was confirmed", "it is considered a
    threat"; a verb of stance does not ("was supposed to", "is needed")."""
    stance = verb.lemma_.lower() in STANCE_VERBS
    return verb.pos_ == "VERB" and _cue_verb(verb) and not stance and _asserted(verb)


def _cue_verb(verb: Token) -> bool:
    """Whether a verb is in a cue class of speech, thought or stance (not an act's)."""
    return verb.lemma_.lower() in CUE_VERBS | REGARDING_VERBS or reports_clause(verb)


def _passive_content(tokens: ArticleTokens, cue: Token) -> tuple[int, int]:
    """What the agent of a passive cue said or did something to: its subject, up to the agent
    ("The plan was endorsed" of "The plan was endorsed by the president on Friday"), for the
    agent's own words are the speaker's."""
    subject = next(child for child in cue.children if child.dep_ == "nsubjpass")
    by = next(child for child in cue.children if child.dep_ == "agent")
    last = cue.doc[by.i - 1] if by.i > subject.i else _clause_end(cue)
    return tokens.span(subject.left_edge, last)


def _asserted(verb: Token) -> bool:
    """Whether a verb is what its sentence asserts: the root, or a verb joined to it ("vetoed
    the bill and imposed sanctions"); not a clause that describes or sets the scene ("the agency,
    which oversees the program", "after visiting the White House")."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _after_colon(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    """What a colon that closes a speech cue's phrase announces, to the end of its sentence:
    "never tire of telling the story of Oslo: In May, the two learned …", "Berg explained the
    plan: Norway would buy …"."""
    after = _announced(cue)
    if after is None:
        return None
    return _trim(tokens.text, *tokens.span(after, cue.doc[after.sent.end - 1]))


def _announced(cue: Token) -> Token | None:
    """The first word after a colon that closes a cue's phrase. A quote after the colon is a
    direct quote's; a finite verb or other punctuation before it ends the cue's phrase first."""
    doc = cue.doc
    for index in range(cue.i + 1, min(cue.i + _PHRASE_BEFORE_COLON, len(doc) - 1)):
        word = doc[index]
        if word.text == ":":
            after = doc[index + 1]
            return None if after.is_quote or after.is_space else after
        if word.is_punct or word.tag_ in _FINITE:
            return None
    return None


def _regards_as(verb: Token) -> bool:
    """Whether a verb of regarding has an object and what it is regarded as: "see the plan as a
    gift", "judged the law a failure", or a relative word for its object, in a relative clause or
    after a preposition: "the plan, which critics view as a gift", "spoke about what he sees as
    a threat" (not a question: "What do you see as the problem?")."""
    if verb.lemma_.lower() not in REGARDING_VERBS:
        return False
    objects = [child for child in verb.rights if child.dep_ == "dobj"]
    relative = verb.dep_ in ("relcl", "pcomp")
    wh_object = relative and any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.lefts)
    # The parser hangs "as" off the verb or off its object ("see [the plan as a gift]").
    around = [*verb.rights, *(grand for obj in objects for grand in obj.rights)]
    complement = any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in around)
    return bool(objects or wh_object) and complement


def _clause_content(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    clause = _reported_clause(tokens, cue)
    if clause is not None:
        return clause
    # "vowed to fight", "agreed to talk": speech verbs of intent take an infinitive. Verbs that
    # also mean doing ("concluded his visit", "posted on the website") take no noun content.
    if cue.lemma_.lower() in NOT_TOPICAL:
        return _intent_content(tokens, cue)
    return _intent_content(tokens, cue) or _topic_content(tokens, cue)


def _reported_clause(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    # "X said (that) …": the clausal complement is what was said, after the verb first; before
    # it only when set off from the cue ("The plan will fail, he said"): a clause the parser
    # hangs before "…: the leader hinted that …" is the reporter's.
    clauses = [child for child in cue.children if child.dep_ == "ccomp"]
    for child in [*cue.rights, *clauses]:
        if child.dep_ != "ccomp":
            continue
        if child.i > cue.i:
            # What follows the clause in the verb's phrase belongs to it too: the parser often
            # cuts "she felt X and Y" after X.
            end = _before_trailing_gloss(child, _before_rejoined(child, _clause_end(cue)))
            return tokens.span(_clause_start(child, cue), end)
        if _set_off_before(cue):
            return tokens.span(child.left_edge, child.right_edge)
    return None


def _before_trailing_gloss(clause: Token, end: Token) -> Token:
    """The end of a reported clause before an apposition set off by a comma that ends it and
    tells who or what a name is: in "critics say the money is better spent with NATO, the
    alliance that includes the United States" the gloss on NATO is the reporter's, not the
    critics'; "…, one of the hopes of the visit" of a common noun stays in the clause, and so
    does one the parser joins more to past the comma that closes it ("between Bergen, Norway's
    second city, and the Danish coast"); a conjunction inside the gloss keeps it one ("…, a former
    governor and ambassador in the Obama administration")."""
    for word in clause.subtree:
        named = word.dep_ == "appos" and word.head.pos_ == "PROPN"
        gloss = named and not _joined_past_comma(word)
        gloss = gloss and word.right_edge == end and word.left_edge.i > clause.i
        if gloss and word.doc[word.left_edge.i - 1].text == ",":
            return word.doc[word.left_edge.i - 2]
    return end


def _around_glosses(
    tokens: ArticleTokens, quotes: list[Quote], span: tuple[int, int]
) -> list[tuple[int, int]]:
    """A content without the clauses of "who" set off by a comma that tell who a name is, the
    reporter's gloss, as a trailing apposition is: in "accused Rafael Cruz, who was born in
    Cuba, of associating with …" Cuba is in the article's voice, and the content goes on after
    the gloss in a second row, as it does around a cue set off inside it. A quote's words stay
    the quote's."""
    start, end = span
    parts = []
    for word in tokens.between(start, end):
        gloss = _gloss(word)
        if gloss is None:
            continue
        comma, last = gloss
        inside = start <= tokens.start(comma) and tokens.end(last) <= end
        if inside and enclosing_quote(quotes, tokens.start(comma)) is None:
            parts.append((start, tokens.start(comma)))
            start = tokens.end(last)
    return [(first, last) for first, last in [*parts, (start, end)] if last > first]


def _gloss(word: Token) -> tuple[Token, Token] | None:
    """The comma that opens a relative clause of "who" or "whose" on a name ("Rafael Cruz, who
    was born in Cuba,") and the clause's last word, or the comma that closes it."""
    doc, first, last = word.doc, word.left_edge, word.right_edge
    if word.dep_ != "relcl" or word.head.pos_ != "PROPN" or first.lower_ not in ("who", "whose"):
        return None
    if first.i == 0 or doc[first.i - 1].text != ",":
        return None
    closing = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return doc[first.i - 1], closing if closing is not None and closing.text == "," else last


def _joined_past_comma(apposition: Token) -> bool:
    """Whether the parser joins more to an apposition after a comma that closes it: ", and the
    Danish coast" after "Bergen, Norway's second city"; not "governor and ambassador"."""
    doc = apposition.doc
    return any(
        child.dep_ == "conj"
        and doc[child.left_edge.i - 1].dep_ == "cc"
        and doc[child.left_edge.i - 2].text == ","
        for child in apposition.children
    )


def _before_rejoined(clause: Token, end: Token) -> Token:
    """The end of a reported clause before a second verb of its reporting verb that the parser
    joined to it ("said it was opposed to the test and warned North Korea …" ends at "test")."""
    for verb in clause.rights:
        if rejoins_reporting_verb(verb):
            last = verb.doc[verb.left_edge.i - 1]
            while last.i > clause.i and (last.dep_ == "cc" or last.is_punct):
                last = last.doc[last.i - 1]
            return min(end, last, key=lambda token: token.i)
    return end


def _continued_after(
    tokens: ArticleTokens, cue: Token, *, after_quote: bool
) -> list[tuple[int, int]]:
    """The rest of a content set before its cue that goes on after it, past a conjunction:
    "Prices rose, the agency said, and wages fell", "Lund “got a deal,” she said,
    and still “kept her seat”" (a second row, as for a cue in the middle of its clause). A verb of
    the speaker's own is no part of it: "…, she said, and left the room", "…, and added …".
    ``after_quote``: the content before is a direct quote; what goes on in plain words is the
    reporter's ("“…,” she said, and a big reason for this was …"), only a quote goes on with it."""
    spans = []
    for conj in cue.rights:
        joined = [word for word in cue.rights if word.dep_ == "cc" and word.i < conj.i]
        goes_on = _goes_on_with_content(cue, conj)
        if after_quote:
            goes_on = goes_on and _quoted(conj)
        if conj.dep_ == "conj" and joined and goes_on:
            spans.append(tokens.span(conj.left_edge, conj.right_edge))
    return spans


def _goes_on_with_content(cue: Token, conj: Token) -> bool:
    """Whether a word joined to a cue after it goes on with the content before the cue: a verb
    with a subject of its own, another's than the cue's ("and wages fell"), or a word in quotation
    marks ("and still “kept her seat”", "and “full of nonsense”"); not a cue or an act."""
    if _cue_verb(conj) or is_act(conj):
        return False
    subject, speaker = subject_of(conj), subject_of(cue)
    if subject is None:
        return _quoted(conj)
    return subject.lower_ not in PERSON_PRONOUNS and (
        speaker is None or subject.lower_ != speaker.lower_
    )


def _quoted(word: Token) -> bool:
    # "and still “kept her seat”": a quotation mark opens the word's phrase.
    return any(child.is_quote for child in word.children if child.i < word.i)


def _set_off_before(cue: Token) -> bool:
    """Whether punctuation or a quotation mark sets the cue's phrase off from what precedes it
    ("…, he said", "…” Xi said")."""
    subject = subject_of(cue)
    first = subject.left_edge if subject is not None and subject.i < cue.i else cue
    before = cue.doc[first.i - 1] if first.i > 0 else None
    return before is not None and (before.text in SETTING_OFF or before.is_quote)


def _topic_content(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    # "noted the risk", "spoke about the deal", "responded to the report": without a clause,
    # what the verb is about is what was said; a person told or asked is not.
    for child in cue.rights:
        if child.dep_ == "dobj" and not _names_someone(child):
            return tokens.span(child.left_edge, _clause_end(cue))
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS:
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects and child.lower_ == "to" and not _topic_of(cue, objects[0]):
                continue
            if objects:
                return tokens.span(objects[0].left_edge, objects[0].right_edge)
    return None


def _feeling_content(tokens: ArticleTokens, word: Token) -> tuple[int, int] | None:
    # "afraid that the tariffs will hurt", "not sure whether …", "worried about the talks",
    # "critical of the deal", "willing to talk": the clause or infinitive, or the topic of
    # "about", "of" or "over".
    for child in word.rights:
        if child.dep_ in ("ccomp", "xcomp"):
            return tokens.span(child.left_edge, child.right_edge)
        if child.dep_ == "prep" and child.lower_ in ("about", "of", "over"):
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects:
                return tokens.span(objects[0].left_edge, objects[0].right_edge)
    return None


def _stance_object(
    tokens: ArticleTokens, cue: Token, *, deps: tuple[str, ...] = ("dobj", "prep")
) -> tuple[int, int] | None:
    # "discussed Russia's war on Ukraine", "support Taiwan": what an act is about or aimed at,
    # a name included.
    for child in cue.rights:
        if child.dep_ in deps:
            return tokens.span(child.left_edge, _clause_end(cue))
    return None


def _clause_end(cue: Token) -> Token:
    """The last token of the cue's clause: content reaches it ("called it a snub on the part of
    the Chinese authorities"), but not a verb joined to the cue, a participle of speech ("…,
    adding that …") that reports something else, nor a clause that says when or while the cue
    happened ("condemned the launch as Pyongyang fired three more missiles")."""
    last = cue
    for child in cue.rights:
        if child.dep_ in _OUTSIDE_CLAUSE and not _continues_content(cue, child):
            continue
        participle = child.tag_ == "VBG" and child.lemma_.lower() in SPEECH_VERBS
        if child.dep_ == "advcl" and (participle or is_circumstance(cue, child)):
            continue
        last = max(last, child.right_edge, key=lambda token: token.i)
    return last


def _continues_content(cue: Token, child: Token) -> bool:
    """Whether a word the parser joins to the cue goes on with its content rather than being a
    second verb of its own: a noun ("emphasizing economic fairness, and a need to …") or a bare
    verb the finite cue cannot share ("wants to triple the program, grow the Peace Corps and
    create …"), with no subject of its own."""
    if child.dep_ != "conj" or subject_of(child) is not None:
        return False
    bare = child.tag_ == "VB" and cue.tag_ in ("VBZ", "VBD")
    return bare or child.pos_ in ("NOUN", "PROPN")


def _topic_of(cue: Token, token: Token) -> bool:
    # Whom the words went to is no topic ("had spoken to Ukraine's president", "talked to
    # reporters"); what an answer answers is one when it was said or written ("responded to the
    # report", "replied to the criticism"), not an act ("responding to Ukrainian attacks").
    if cue.lemma_.lower() in ANSWER_VERBS:
        return token.lemma_.lower() in DOCUMENT_NOUNS | SAID_NOUNS
    return not _names_someone(token) and not (
        can_speak(token) and token.lemma_.lower() not in DOCUMENT_NOUNS
    )


def _names_someone(token: Token) -> bool:
    # "told reporters", "asked Beijing": an addressee, not what was said.
    return token.pos_ in ("PRON", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _parenthetical_content(tokens: ArticleTokens, cue: Token) -> list[tuple[int, int]]:
    # The reported clause is the head's phrase minus the cue's own phrase; a cue in its middle
    # splits it in two rows, like a quote split around its cue (DESIGN.md), so that the speaker's
    # own words ("Chinese diplomat Wang Yi") never fall inside what he is reported to say.
    head, doc, first, last = cue.head, cue.doc, cue_phrase_start(cue), _cue_phrase_end(cue)
    if head.dep_ in ("nsubj", "nsubjpass"):
        # "The difference now, he told me, is that …": the parser hangs the cue on the subject;
        # it reports the subject's clause.
        head = head.head
    spans = []
    if first.i > head.left_edge.i:
        spans.append(tokens.span(head.left_edge, doc[first.i - 1]))
    if last.i < head.right_edge.i:
        spans.append(tokens.span(doc[last.i + 1], head.right_edge))
    return spans


def _cue_phrase_end(cue: Token) -> Token:
    """The last word of a cue's own phrase: the comma that closes a clause of "as" ("as Holm
    observed, in the early days …", where the parser may hang what follows on the cue), else
    the cue's last word."""
    if is_as_clause(cue):
        comma = next((child for child in cue.rights if child.text == ","), None)
        if comma is not None:
            return comma
    return cue.right_edge


def _object_content(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    # "called the plan a disaster", "described his meetings as a “vigorous conversation”",
    # "accused the bank of fraud". "The fact that …" is true in the voice around it, whoever
    # mocks or praises it ("was mocking the fact that Clinton was trying to …").
    right = [
        child
        for child in cue.rights
        if child.dep_ in ("dobj", "oprd", "ccomp", "xcomp") or child.lower_ in ("as", "for", "of")
    ]
    if not right or right[0].lemma_.lower() == "fact":
        return None
    return tokens.span(
        right[0].left_edge, max(right[-1].right_edge, _clause_end(cue), key=lambda token: token.i)
    )


def _intent_content(tokens: ArticleTokens, cue: Token) -> tuple[int, int] | None:
    # "vowed to fight on", "urged Congress to act": the infinitive is the stated intent.
    for child in cue.rights:
        if child.dep_ in ("xcomp", "ccomp"):
            return tokens.span(_clause_start(child, cue), _clause_end(cue))
    return None


def _clause_start(clause: Token, cue: Token) -> Token:
    """The first word of a clause that follows its cue: its left edge, but not a relative word
    that stands before the cue with the cue's subject ("a deal that Downing Street hopes will
    show …" reports "will show …", "which Mr. Clarke says he is doing" "he is doing")."""
    return clause.left_edge if clause.left_edge.i > cue.i else cue.doc[cue.i + 1]


def _noun_content(tokens: ArticleTokens, noun: Token) -> tuple[int, int] | None:
    # "Trump's claim that there have been thousands of shootings", "his decision to act alone",
    # "her comments about the deal": a noun's clause, infinitive or topic, as its verb's (a topic
    # alone makes a stance row, as a verb of talk's does: ``_only_a_topic``). The
    # parser also hangs the clause as a relative one with "that" for its conjunction ("a warning
    # that ships were near") or as an adverbial one ("a call for Norway to accept refugees").
    for child in noun.rights:
        topic = (
            child.dep_ == "prep"
            and child.lower_ in ("about", "on", "of")
            and noun.lemma_.lower() in STATEMENT_NOUNS
        )
        if _opens_clause(child, ("that", "to")) or topic:
            return tokens.span(child.left_edge, _before_trailing_aside(child))
    return None


def _opens_clause(word: Token, conjunctions: tuple[str, ...]) -> bool:
    """Whether a noun's dependent is a clause one of ``conjunctions`` opens ("claim that …",
    "decision to …"), however the parser hangs it: as a clause of its own, a relative one or an
    adverbial one."""
    return word.dep_ in ("acl", "ccomp", "relcl", "advcl") and any(
        grand.dep_ in ("mark", "aux") and grand.lower_ in conjunctions for grand in word.children
    )


def _owned_thought(noun: Token) -> bool:
    """Whether a noun someone owns holds a clause of "that", so says what its owner holds true,
    as the nouns of saying do, whatever the noun ("officials' high confidence that Russia was
    behind the hacks", "China's position that …")."""
    owned = any(child.dep_ == "poss" and can_speak(child) for child in noun.children)
    clause = any(_opens_clause(child, ("that",)) for child in noun.rights)
    return owned and clause and not _in_cleft(noun)


def _in_cleft(word: Token) -> bool:
    """Whether a word stands in a cleft, whose clause of "that" is the sentence's ("It was on
    Ban's watch that the assembly set up …")."""
    verb = next((ancestor for ancestor in word.ancestors if ancestor.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.lemma_ == "be"
        and any(child.dep_ in ("nsubj", "expl") and child.lower_ == "it" for child in verb.children)
    )


def _before_trailing_aside(phrase: Token) -> Token:
    """The last word of a phrase before a relative clause set off by a comma that ends it: in
    "to reduce emissions from coal plants, which gave Mr. Kerry the leverage …" the reporter's
    aside is no part of what was announced."""
    last = phrase.right_edge
    while last.is_punct and last.i > phrase.i:
        last = last.doc[last.i - 1]
    for word in phrase.subtree:
        if word.dep_ != "relcl" or word.right_edge.i < last.i:
            continue
        first = word.left_edge
        comma = first if first.text == "," else word.doc[first.i - 1]
        if comma.text == "," and comma.i > phrase.left_edge.i:
            return word.doc[comma.i - 1]
    return last


def _made_clear_content(tokens: ArticleTokens, make: Token) -> tuple[int, int] | None:
    # "X made it clear that …" states what follows; the parser hangs the clause off "clear".
    clear = next((child for child in make.rights if child.lower_ == "clear"), None)
    if clear is None:
        return None
    for child in [*clear.rights, *make.rights]:
        if child.dep_ in ("ccomp", "advcl") and child != clear:
            return tokens.span(child.left_edge, child.right_edge)
    return None


def _according_to(
    tokens: ArticleTokens, according: Token, quotes: list[Quote]
) -> list[tuple[int, int]]:
    # "…, according to X": the rest of the sentence is what X says, or the rest of the quote the
    # phrase stands in (a quoted "…, according to its own website" cites a source for the quoted
    # words alone); set in its middle ("A, according to X, and B") the phrase splits it in two
    # rows, as a cue set off by commas does.
    doc, words = according.doc, list(according.sent)
    quote = enclosing_quote(quotes, tokens.start(according))
    if quote is not None:
        words = [
            word
            for word in words
            if quote.open_end <= tokens.start(word) and tokens.end(word) <= quote.close_start
        ]
    first, last = words[0], words[-1]
    phrase_start, phrase_end = according.left_edge.i, according.right_edge.i
    spans = []
    if phrase_start > first.i:
        spans.append(tokens.span(first, doc[phrase_start - 1]))
    after = phrase_end + 1
    while after < last.i and (doc[after].is_punct or doc[after].dep_ == "cc"):
        after += 1
    if after < last.i:
        spans.append(tokens.span(doc[after], last))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + "." and not _INITIALS.search(text, start, end):
        end -= 1
    return start, end
