"""Attributions: direct quotes, reported speech and who made them.

How an article is read, in order:

1. Quotation marks (``quoted_spans``): straight, curly and doubled-apostrophe double marks, and
   single marks used as the outer quote (headline style). Whether a mark opens or closes is read
   from the characters around it first (an opener follows a space and precedes a word), from the
   state of the paragraph second. A quote whose closing mark is missing ends at its paragraph's
   end; when the next paragraph opens with a mark (news style for a continued quote) the quote
   continues there. Nothing is ever refused.
2. Direct quotes: a quote that starts a clause (paragraph start, after a sentence, a comma, a
   colon or a speech verb) and has a cue: a speech verb right after it ("…," Xi said), a speech
   verb or colon right before it (Xi said, "…"), a colon ending the previous paragraph, or a
   neighbouring quote of the same speaker. A quote embedded in a clause ("as a “vigorous
   conversation”") is a fragment: it is only a quoted span, part of whatever attribution holds it.
3. Reported speech: a speech verb's clausal complement ("X said (that) …"), else its
   infinitive ("vowed to fight") or topic ("noted the risk", "spoke about the deal"); a cue set
   off by commas inside its clause ("The plan, he said, would fail") splits it in two rows; the
   object of a verb of calling, describing or taking a stance; "…, according to X"; a quoted
   fragment no other row holds, as the object of its verb; transcript turns ("WALLACE: …") and
   headline claims ("Graham: …").
4. Speakers: the cue's subject (or the object of "quoted X as saying", the author of "a statement
   posted by X"), then resolved: pronouns to the nearest person before them (inside the same quote
   first), surnames to the full name the article introduced, "the secretary of state" to the last
   person so described; organisations and groups stay as written.
5. ``speaker_country``: an organisation, role or place from ``data/speakers.csv`` in the
   speaker's descriptor ("BBC China correspondent" -> GBR), else a country mention in it
   ("Chinese diplomat Wang Yi" -> CHN).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from countrytone.articles import Article, Part
from countrytone.countries import CountryMention, find_mentions
from countrytone.segment import Chunk

__all__ = ["Attribution", "AttributionKind", "find_attributions", "quoted_spans"]


class AttributionKind(StrEnum):
    """Whether the content is quoted word for word or reported."""

    DIRECT = "direct"
    REPORTED = "reported"


@dataclass(frozen=True)
class Attribution:
    """Content attributed to a speaker; every offset indexes the article's text.

    ``text[start:end]`` is the content (with its quotation marks for a direct quote),
    ``text[speaker_start:speaker_end]`` the mention of the speaker the attribution rests on (the
    pronoun itself for "he said") and ``text[cue_start:cue_end]`` the cue. ``speaker`` is the
    resolved full name, a group or organisation as written, or None when unknown.
    """

    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_country: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: AttributionKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Vocabulary. Lemmas as spaCy's lemmatizer gives them.

# Verbs that introduce what someone said, wrote or stated, with a quote or a clause.
SPEECH_VERBS = _words(
    """say tell add confirm reiterate warn suggest claim argue note explain insist state announce
    report write tweet post declare conclude acknowledge admit deny assert allege contend maintain
    emphasize emphasise stress predict recall observe complain reveal indicate testify concede
    estimate caution respond reply answer ask agree mention comment remark counter continue
    propose recommend demand threaten boast joke quip lament charge wonder speculate muse
    insist promise pledge vow believe think hope fear worry show find know signal disclose
    point notice hint tout read shout yell chant scream sing exclaim"""
)

# Verbs whose content is their object: "called the plan a disaster", "described X as Y".
OBJECT_VERBS = _words(
    """call describe label dub brand accuse praise criticize criticise blast slam condemn attack
    dismiss hail decry denounce cite offer question defend back support propose reject endorse
    oppose highlight reference echo repeat express"""
)

# Verbs that name a topic of speech: "spoke about the deal", "commented on the plan".
TOPIC_VERBS = _words("speak talk comment discuss testify")

# Speech verbs whose noun object or prepositional phrase is most often not something said.
NOT_TOPICAL = _words("conclude continue post read")

# Prepositions that introduce what a speech verb is about.
TOPIC_PREPOSITIONS = _words("about on of to")

# Verbs of intent whose content is an infinitive: "vowed to fight", "urged Congress to act".
# "hop" is how the packaged lemmatizer gives "hoped" and "hoping".
INTENT_VERBS = _words(
    """urge pledge promise vow threaten plan want refuse expect seek decide need hope hop decline
    intend aim"""
)

# Nouns that name a document or message: its author, when the text gives one, is the speaker
# ("a statement posted by spokesperson Matthew Miller", "a Reuters analysis").
DOCUMENT_NOUNS = _words(
    """statement tweet post report analysis letter release email memo study survey poll note
    message video interview op-ed editorial article column transcript readout"""
)

# Nouns that describe a person's role: "the secretary of state" is the person last so described.
ROLE_NOUNS = _words(
    """secretary minister president premier chancellor spokesman spokeswoman spokesperson
    ambassador diplomat envoy senator governor mayor official correspondent reporter professor
    director chief leader candidate nominee chairman chair adviser advisor analyst economist
    general commander lawmaker representative congressman congresswoman"""
)

# Role nouns so general that the nearest person before them is the one meant.
GENERIC_PERSON_NOUNS = _words("politician man woman official leader diplomat")

# Common nouns for groups of people, who may be quoted as a group ("critics: “…”").
GROUP_NOUNS = _words(
    """people critic voter resident supporter protester worker expert analyst official
    lawmaker member student parent fan citizen"""
)

PERSON_PRONOUNS = _words("he she him her")
GROUP_PRONOUNS = _words("they them it")
FIRST_PERSON = _words("i we me us")

# Words that precede a name without being part of it.
TITLES = _words(
    """mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. president secretary
    prime minister senator governor"""
)

# Double quotation marks, the doubled apostrophe of some wires first; then single marks.
_MARK = re.compile(r"''|‘‘|’’|[\"“”]|[‘’']")
_DOUBLE_MARKS = frozenset({'"', "“", "”", "''", "‘‘", "’’"})
# Marks of one family close each other; inside a quote, marks of another family are a nested
# quote ("He read: “As you know…” to us") and do not end it.
_FAMILY = {'"': "straight", "“": "curly", "”": "curly", "''": "apostrophes", "‘‘": "apostrophes",
           "’’": "apostrophes"}  # fmt: skip
# Characters after which a mark opens a quote, besides a space.
_BEFORE_OPENER = frozenset("([{—–-/:;,")
# Characters that end a quoted clause which a following cue introduces ("…," Xi said).
_CLAUSE_END = frozenset(",?!—–-…")
_SENTENCE_END = frozenset({".", "!", "?"})
_DASHES = frozenset({"―", "—", "–"})
_CLOSING_SHAPES = frozenset({"”", "’’"})
_TRIM = " \t\r\n,;:—–-"
# How far a cue may stand from the quote it introduces, in tokens ("said on Monday, “…").
MAX_CUE_GAP = 10


# ---------------------------------------------------------------------------------------------
# Quotation marks


@dataclass(frozen=True)
class _Quote:
    start: int  # at the opening mark
    end: int  # after the closing mark, or at the paragraph end when it is missing
    open_end: int  # after the opening mark
    close_start: int  # at the closing mark (== end when it is missing)
    paragraph: int  # index into article.paragraphs of the paragraph where it opens
    last_paragraph: int


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """Spans inside quotation marks, marks included: direct quotes and quoted fragments.

    Args:
        article: the article to scan.

    Returns:
        ``(start, end)`` offsets into ``article.text``, sorted and not overlapping. Quotes
        nested inside another quote are part of it.
    """
    return [(quote.start, quote.end) for quote in _quotes(article)]


def _quotes(article: Article) -> list[_Quote]:
    quotes: list[_Quote] = []
    for index, paragraph in enumerate(article.paragraphs):
        for quote in _paragraph_quotes(article.text, paragraph.start, paragraph.end, index):
            previous = quotes[-1] if quotes else None
            if previous is not None and _continues(previous, quote, article):
                quotes[-1] = _Quote(
                    previous.start,
                    quote.end,
                    previous.open_end,
                    quote.close_start,
                    previous.paragraph,
                    quote.last_paragraph,
                )
            else:
                quotes.append(quote)
    return quotes


def _continues(previous: _Quote, quote: _Quote, article: Article) -> bool:
    # News style leaves a quote open at a paragraph's end and reopens it at the start of the
    # next when the same speaker goes on.
    unclosed = previous.close_start == previous.end
    return (
        unclosed
        and quote.paragraph == previous.last_paragraph + 1
        and quote.start == article.paragraphs[quote.paragraph].start
    )


def _paragraph_quotes(text: str, start: int, end: int, paragraph: int) -> Iterator[_Quote]:
    marks = list(_MARK.finditer(text, start, end))
    opened: re.Match[str] | None = None
    position = 0
    while position < len(marks):
        mark = marks[position]
        position += 1
        role = _role(text, mark, start, end)
        if mark[0] not in _DOUBLE_MARKS:
            if opened is None and role == "open":
                close = _single_close(text, marks, position, start, end)
                if close is not None:
                    yield _Quote(mark.start(), marks[close].end(), mark.end(), marks[close].start(),
                                 paragraph, paragraph)  # fmt: skip
                    position = close + 1
            continue
        if opened is None:
            # A closing mark with no opener is stray: it is skipped, not guessed at. A closing
            # curly mark between spaces is one too.
            if role == "open" or (role == "either" and mark[0] not in _CLOSING_SHAPES):
                opened = mark
        elif _FAMILY[mark[0]] != _FAMILY[opened[0]]:
            continue
        elif role == "open":
            # An opener while a quote is open: the earlier quote lost its closing mark.
            stop = _strip_end(text, opened.end(), mark.start())
            yield _Quote(opened.start(), stop, opened.end(), stop, paragraph, paragraph)
            opened = mark
        else:
            yield _Quote(opened.start(), mark.end(), opened.end(), mark.start(), paragraph,
                         paragraph)  # fmt: skip
            opened = None
    if opened is not None:
        stop = _strip_end(text, opened.end(), end)
        yield _Quote(opened.start(), stop, opened.end(), stop, paragraph, paragraph)


def _role(text: str, mark: re.Match[str], start: int, end: int) -> str:
    """'open', 'close' or 'either', from the characters on each side of a mark."""
    before = text[mark.start() - 1] if mark.start() > start else " "
    after = text[mark.end()] if mark.end() < end else " "
    can_open = (before.isspace() or before in _BEFORE_OPENER) and not (
        after.isspace() or after in ".,;:?!)"
    )
    can_close = not before.isspace() and not after.isalnum()
    if can_open != can_close:
        return "open" if can_open else "close"
    # Curly marks are often typed the wrong way round ("visit. “."): the state decides.
    return "either"


def _single_close(
    text: str, marks: list[re.Match[str]], position: int, start: int, end: int
) -> int | None:
    # A single mark is most often an apostrophe: it only quotes when a closer follows in the
    # same paragraph.
    for index in range(position, len(marks)):
        mark = marks[index]
        if mark[0] in ("’", "'") and _role(text, mark, start, end) == "close":
            return index
    return None


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ---------------------------------------------------------------------------------------------
# Tokens across an article's chunks


class _Tokens:
    """The tokens of all chunks in text order, with offsets into the article's text."""

    def __init__(self, article: Article, chunks: Sequence[Chunk]) -> None:
        self.text = article.text
        self.offsets = {id(chunk.doc): chunk.start for chunk in chunks}
        self.tokens = [token for chunk in chunks for token in chunk.doc]
        self.starts = [self.start(token) for token in self.tokens]
        self.position = {(id(token.doc), token.i): index for index, token in enumerate(self.tokens)}

    def start(self, token: Token) -> int:
        return int(self.offsets[id(token.doc)] + token.idx)

    def end(self, token: Token) -> int:
        return self.start(token) + len(token.text)

    def span(self, first: Token, last: Token) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def index(self, token: Token) -> int:
        return self.position[(id(token.doc), token.i)]

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens that start in ``[start, end)``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return self.tokens[low:high]

    def at(self, offset: int) -> Token | None:
        """The token that starts at or covers ``offset``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if self.start(token) <= offset < self.end(token) + 1 else None


# ---------------------------------------------------------------------------------------------
# Finding attributions


@dataclass(frozen=True)
class _Raw:
    """An attribution before speaker resolution."""

    start: int
    end: int
    speaker: Token | None
    cue: Token | None
    kind: AttributionKind


def find_attributions(
    article: Article,
    chunks: Sequence[Chunk],
    *,
    mentions: Sequence[CountryMention] | None = None,
) -> list[Attribution]:
    """All attributions of an article, sorted by start; nested ones overlap.

    Args:
        article: the article the chunks were parsed from.
        chunks: the article's paragraphs parsed by ``countrytone.segment.parse``.
        mentions: the article's country mentions (``find_mentions`` of every chunk, at its
            offset), where the caller has found them already; found here otherwise.

    Returns:
        One ``Attribution`` per direct quote (a quote split around its cue gives two) and per
        reported statement; attributions inside a quote are their own rows.
    """
    tokens = _Tokens(article, chunks)
    quotes = _quotes(article)
    direct = _direct_quotes(article, tokens, quotes)
    used_cues = {tokens.index(raw.cue) for raw in direct if raw.cue is not None}
    reported = [
        raw
        for raw in _reported(tokens, quotes)
        if raw.cue is None or tokens.index(raw.cue) not in used_cues
    ]
    fragments = list(_fragments(tokens, quotes, [*direct, *reported]))
    fragments.extend(_transcript_turns(article, tokens))
    fragments.extend(_headline_claims(article, tokens))
    if mentions is None:
        mentions = [
            mention for chunk in chunks for mention in find_mentions(chunk.doc, offset=chunk.start)
        ]
    resolver = _Resolver(article, chunks, tokens, quotes, mentions)
    rows: dict[tuple[int, int], Attribution] = {}
    everything = [*direct, *reported, *fragments]
    for raw in sorted(everything, key=lambda raw: (raw.start, -raw.end)):
        rows.setdefault((raw.start, raw.end), resolver.attribution(raw))
    return sorted(rows.values(), key=lambda row: (row.start, -row.end))


def _fragments(tokens: _Tokens, quotes: list[_Quote], found: list[_Raw]) -> Iterator[_Raw]:
    # A quoted fragment no attribution holds ("The union adopted “Fair pay now”", "Trump has
    # used the phrase “…”") is the words of the subject of the verb it is the object of: one
    # reported row for the verb's object phrase, as for "described it as a “…”".
    for quote in quotes:
        if any(raw.start <= quote.start and quote.end <= raw.end for raw in found):
            continue
        root = _quote_root(tokens, quote)
        verb, phrase = _governing_verb(root) if root is not None else (None, None)
        if verb is None or phrase is None:
            continue
        speaker = _subject(verb)
        if speaker is not None and speaker.lower_ not in _THINGS:
            start, end = tokens.span(phrase.left_edge, phrase.right_edge)
            yield _Raw(min(start, quote.start), max(end, quote.end),
                       _author_of_document(speaker), verb, AttributionKind.REPORTED)  # fmt: skip


# "WALLACE: Let's start with …": a transcript turn, the speaker's name in capitals and a colon.
_TURN = re.compile(r"[\"“']?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]")


def _transcript_turns(article: Article, tokens: _Tokens) -> Iterator[_Raw]:
    # A turn is reported speech rather than a quote: transcripts carry no quotation marks.
    for paragraph in article.paragraphs:
        turn = _TURN.match(article.text, paragraph.start, paragraph.end)
        if turn is None or len(turn[1]) < 3:
            continue
        name, colon = tokens.at(turn.end(1) - 1), tokens.at(turn.end(1))
        start, end = _trim(article.text, turn.end(), paragraph.end)
        if name is not None and colon is not None and start < end:
            yield _Raw(start, end, name, colon, AttributionKind.REPORTED)


# "Graham: Trump's rhetoric is hurting the party": a headline's speaker, a colon and the claim.
_HEADLINE = re.compile(r"([^:\n]{2,40}):[ \t]+\S")


def _headline_claims(article: Article, tokens: _Tokens) -> Iterator[_Raw]:
    # Only the title: in the body a short phrase and a colon is as often a label ("Note: …").
    for paragraph in article.paragraphs:
        claim = _HEADLINE.match(article.text, paragraph.start, paragraph.end)
        if paragraph.part is not Part.TITLE or claim is None:
            continue
        words = tokens.between(paragraph.start, claim.end(1))
        colon = tokens.at(claim.end(1))
        start, end = _trim(article.text, claim.end(1) + 1, paragraph.end)
        if words and colon is not None and not any(w.pos_ in ("VERB", "AUX") for w in words):
            yield _Raw(start, end, words[-1], colon, AttributionKind.REPORTED)


def _quote_root(tokens: _Tokens, quote: _Quote) -> Token | None:
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
        if phrase.dep_ in ("ROOT", "nsubj", "nsubjpass") or phrase.head is phrase:
            return None, None
        if phrase.head.pos_ in ("VERB", "AUX") and phrase.dep_ in _OBJECT_DEPS:
            return phrase.head, phrase
        phrase = phrase.head
    return None, None


# Subjects that name no speaker: "it seemed “unfair”".
_THINGS = frozenset({"it", "this", "that", "there"})
_OBJECT_DEPS = frozenset({"dobj", "oprd", "attr", "prep", "xcomp", "ccomp", "acomp", "npadvmod"})


def _direct_quotes(article: Article, tokens: _Tokens, quotes: list[_Quote]) -> list[_Raw]:
    found: dict[int, _Raw] = {}
    clause_quotes = [
        quote
        for quote in quotes
        if _starts_clause(article.text, tokens, quote) or _cue_right_after(tokens, quote, quotes)
    ]
    for quote in clause_quotes:
        cue = _cue_after(tokens, quote, quotes) or _cue_before(tokens, quote, quotes)
        if cue is None and quote.start == article.paragraphs[quote.paragraph].start:
            cue = _colon_cue_of_previous_paragraph(article, tokens, quote)
        if cue is not None and not _starts_clause(article.text, tokens, quote):
            # "using the tax ''is a misguided approach,'' said Mr. Burman": a quote ending a
            # paraphrased clause; the attribution is the whole clause, reported.
            region = _preceding(tokens, quote, quotes)
            start = tokens.start(region[0]) if region else quote.start
            found[quote.start] = _Raw(start, quote.end, _quote_speaker(tokens, quotes, cue), cue,
                                      AttributionKind.REPORTED)  # fmt: skip
        elif cue is not None:
            speaker = _quote_speaker(tokens, quotes, cue)
            found[quote.start] = _Raw(quote.start, quote.end, speaker, cue, AttributionKind.DIRECT)
    # A quote with no cue of its own belongs to the quote beside it (split quotes, several
    # sentences, paragraphs of the same speaker).
    for position, quote in enumerate(clause_quotes):
        if quote.start in found or not _looks_like_speech(article.text, quote):
            continue
        neighbour = _neighbour(article, clause_quotes, position, found)
        found[quote.start] = _Raw(
            quote.start,
            quote.end,
            neighbour.speaker if neighbour else None,
            neighbour.cue if neighbour else None,
            AttributionKind.DIRECT,
        )
    return list(found.values())


def _starts_clause(text: str, tokens: _Tokens, quote: _Quote) -> bool:
    # A quote embedded in a clause ("as a “vigorous conversation”", "were “constructive”") is a
    # fragment of someone else's sentence, not a direct quote: a direct quote opens a clause.
    before = text[: quote.start].rstrip(" \t")
    if not before or before[-1] in "\n\r" or before[-1] in ".!?:;,—–-([" + "”\"’'":
        return True
    previous = tokens.at(len(before) - 1)
    return previous is not None and _is_speech_verb(previous)


def _cue_right_after(tokens: _Tokens, quote: _Quote, quotes: list[_Quote]) -> bool:
    # "because “most people don’t know,” she said": a quote that ends its clause inside the marks
    # and is followed at once by its cue is quoted speech even when it does not open a clause.
    inner = _inner_end(tokens.text, quote)
    if not inner or inner[-1] not in ",?!":
        return False
    cue = _cue_after(tokens, quote, quotes)
    following = list(_following(tokens, quote, quotes))[:4]
    return cue is not None and any(token is cue for token in following)


def _inner_end(text: str, quote: _Quote) -> str:
    # A quote's words up to its closing mark, without a nested quote's closing single mark:
    # "“You say you ‘accept the blame,’” Holm said" ends its clause on the comma.
    return text[quote.open_end : quote.close_start].rstrip().rstrip("’'‘").rstrip()


def _looks_like_speech(text: str, quote: _Quote) -> bool:
    # A short quote with no cue is a title or a term, not a statement.
    inner = text[quote.open_end : quote.close_start]
    return len(inner.split()) >= 4


def _neighbour(
    article: Article, quotes: list[_Quote], position: int, found: dict[int, _Raw]
) -> _Raw | None:
    quote = quotes[position]
    # The next quote, when only spaces separate them, carries the cue ("“…” “…,” he said").
    following = quotes[position + 1] if position + 1 < len(quotes) else None
    if following is not None and following.start in found:
        between = article.text[quote.end : following.start]
        if not between.strip() and following.paragraph == quote.last_paragraph:
            return found[following.start]
    for earlier in reversed(quotes[:position]):
        same_paragraph = earlier.last_paragraph == quote.paragraph
        previous_paragraph = earlier.last_paragraph == quote.paragraph - 1 and quote.start == (
            article.paragraphs[quote.paragraph].start
        )
        if not (same_paragraph or previous_paragraph):
            return None
        if earlier.start in found:
            return found[earlier.start]
    return None


def _is_speech_verb(token: Token) -> bool:
    return bool(token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX"))


def _inside(quotes: list[_Quote], offset: int) -> _Quote | None:
    starts = [quote.start for quote in quotes]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and quotes[index].start < offset < quotes[index].end:
        return quotes[index]
    return None


def _cue_after(tokens: _Tokens, quote: _Quote, quotes: list[_Quote]) -> Token | None:
    # "…," Xi said / "…," said Wu Xinbo: a quote that ends on a comma, question or exclamation
    # mark (or is followed by a lower-case word) is introduced by the speech verb after it.
    text = tokens.text
    inner = _inner_end(text, quote)
    after = text[quote.end : quote.end + 40].lstrip()
    signature = _signature(tokens, quote, after)
    if signature is not None:
        return signature
    ends_clause = bool(inner) and inner[-1] in _CLAUSE_END
    if not (ends_clause or after.startswith(",") or after[:1].islower()):
        return None
    for count, token in enumerate(_following(tokens, quote, quotes)):
        if count > 4 * MAX_CUE_GAP:
            break
        if _is_speech_verb(token) and not _has_own_content(tokens, token, quote, quotes):
            return token
    return None


def _signature(tokens: _Tokens, quote: _Quote, after: str) -> Token | None:
    # "“…” ― Sonya Herridge": a dash and a name after a quote sign it (tweets, vox pops).
    if after[:1] not in _DASHES:
        return None
    # The tokenizer may glue the dash to the closing mark ("”―").
    dash = tokens.at(tokens.text.index(after[0], quote.end))
    if dash is None or dash.text[-1] not in _DASHES or dash.i + 1 >= len(dash.doc):
        return None
    name = _next_word(dash)
    return dash if name.pos_ == "PROPN" or name.ent_type_ == "PERSON" else None


def _next_word(token: Token) -> Token:
    # "― Jorge Falcon" is often typed with a no-break space, which spaCy keeps as a token.
    following = token.nbor(1)
    while following.is_space and following.i + 1 < len(token.doc):
        following = following.nbor(1)
    return following


def _following(tokens: _Tokens, quote: _Quote, quotes: list[_Quote]) -> Iterator[Token]:
    """Tokens after a quote up to the end of its sentence or the next quote."""
    paragraph_end = None
    for token in tokens.between(quote.end, len(tokens.text)):
        start = tokens.start(token)
        if paragraph_end is None:
            paragraph_end = start + len(token.doc.text) - token.idx
        if start >= paragraph_end or _inside(quotes, start + 1) or token.text in _DOUBLE_MARKS:
            return
        if token.text in _SENTENCE_END and not _abbreviation_dot(token):
            return
        yield token


def _abbreviation_dot(token: Token) -> bool:
    # "Sen. Claire McCaskill (D-Mo.) said": a full stop inside brackets ends no sentence.
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.text == "." and following is not None and following.text == ")"


def _has_own_content(tokens: _Tokens, cue: Token, quote: _Quote, quotes: list[_Quote]) -> bool:
    # "…", other areas showed there was work to do: a verb with its own clause after it says
    # something else. A clause inside the next quote is the second half of a split quote
    # ("“…,” Tester said, “you give …”"), not other content.
    return any(
        child.dep_ in ("ccomp", "xcomp")
        and tokens.start(child) >= quote.end
        and _inside(quotes, tokens.start(child)) is None
        for child in cue.children
    )


def _cue_before(tokens: _Tokens, quote: _Quote, quotes: list[_Quote]) -> Token | None:
    # Xi said, "…" / Allen tweeted: "…" / quoted Blinken as saying, "…": the speech verb (or the
    # colon) just before the opening mark introduces it.
    region = _preceding(tokens, quote, quotes)
    if not region:
        return None
    last = region[-1]
    if not (last.text in (",", ":", "—", "–", "-") or _is_speech_verb(last)):
        return None
    for token in reversed(region[-MAX_CUE_GAP:]):
        if _is_speech_verb(token) and not _aside_of(tokens, token, quote):
            return token
    # "According to Limbaugh, “…”": the phrase is the cue, its object the speaker.
    according = next((token for token in region if token.lower_ == "according"), None)
    return according or (last if last.text == ":" else None)


def _aside_of(tokens: _Tokens, verb: Token, quote: _Quote) -> bool:
    # "“…,” Holm said, pointing to the map, “…”": a participle the parser hangs off the quoted
    # clause is an aside about the speaker, not the quote's cue.
    return verb.tag_ == "VBG" and quote.start <= tokens.start(verb.head) < quote.end


def _preceding(tokens: _Tokens, quote: _Quote, quotes: list[_Quote]) -> list[Token]:
    """Tokens before a quote back to the start of its sentence, paragraph or the last quote."""
    region: list[Token] = []
    index = bisect.bisect_left(tokens.starts, quote.start) - 1
    first = tokens.at(quote.start)
    while index >= 0:
        token = tokens.tokens[index]
        if first is not None and token.doc is not first.doc:
            break
        start = tokens.start(token)
        if token.text in _SENTENCE_END or _inside(quotes, start) or token.text in _DOUBLE_MARKS:
            break
        if any(quote_.start <= start < quote_.end for quote_ in quotes):
            break
        region.append(token)
        index -= 1
    return region[::-1]


def _colon_cue_of_previous_paragraph(
    article: Article, tokens: _Tokens, quote: _Quote
) -> Token | None:
    # "The New York Times reports:" ending one paragraph introduces the quote of the next.
    if quote.paragraph == 0:
        return None
    previous = article.paragraphs[quote.paragraph - 1]
    if not article.text[previous.start : previous.end].rstrip().endswith(":"):
        return None
    region = tokens.between(previous.start, previous.end)
    for token in reversed(region[-MAX_CUE_GAP:]):
        if _is_speech_verb(token):
            return token
    return region[-1] if region else None


def _quote_speaker(tokens: _Tokens, quotes: list[_Quote], cue: Token) -> Token | None:
    # The parser often takes a word of the quote for the subject of an inverted cue
    # ("“… One of the brightest …,” said Rep. Cummings"): the subject then stands after the verb.
    # With no subject at all ("Said Ellis: “…”"), only a name right after the verb is taken.
    speaker = _speaker_token(cue)
    if speaker is not None and not _quoted_from_outside(tokens, quotes, speaker, cue):
        return speaker
    window = MAX_CUE_GAP if speaker is not None else 1
    return next(
        (
            _entity_root(token)
            for token in cue.doc[cue.i + 1 : cue.i + 1 + window]
            if _looks_like_name(token) and _inside(quotes, tokens.start(token)) is None
        ),
        None,
    )


def _looks_like_name(token: Token) -> bool:
    # The tagger reads a surname at a sentence's start as a noun ("Said Reyes: …").
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title)


def _entity_root(token: Token) -> Token:
    # "Mayor Tom Reyes": a title is a compound of the name it precedes.
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    entity = _entity_of(token)
    return entity.root if entity is not None else token


def _speaker_token(cue: Token) -> Token | None:
    """The token naming who speaks through a cue, before resolution."""
    token = _grammatical_speaker(cue, depth=0)
    return _author_of_document(token) if token is not None else None


def _grammatical_speaker(cue: Token, *, depth: int) -> Token | None:
    if depth > 3:
        return None
    if cue.text[-1] in _DASHES and cue.i + 1 < len(cue.doc):
        name = _next_word(cue)
        entity = _entity_of(name)
        if entity is not None:
            return entity.root
        while name.i + 1 < len(cue.doc) and name.nbor(1).pos_ == "PROPN":
            name = name.nbor(1)
        return name
    if cue.text == ":":
        # A headline "Warren to Wells Fargo CEO: ‘…’": the clause before the colon speaks.
        head = cue.head
        return _subject(head) or _colon_noun_speaker(head)
    if cue.lower_ == "according":
        return next((grand for child in cue.children if child.lower_ == "to"
                     for grand in child.children if grand.dep_ == "pobj"), None)  # fmt: skip
    subject = _subject(cue)
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
    # "…, saying …" / "said … and added …": the speaker is the subject of the verb above.
    if cue.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "prep") and cue.head is not cue:
        return _grammatical_speaker(cue.head, depth=depth + 1)
    # "concluded his visit with a press conference describing …": the participle hangs off a
    # noun that cannot speak; the verb above it has the speaker.
    if cue.dep_ in ("acl", "relcl"):
        governing = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if governing is not None:
            return _grammatical_speaker(governing, depth=depth + 1)
    return None


def _colon_noun_speaker(noun: Token) -> Token | None:
    # "Obama is rolling out a new campaign message: “…”", "she repeated the line: “…”": a
    # thing that cannot speak introduces the words of whoever the verb above it has as subject.
    if noun.pos_ not in ("PROPN", "NOUN"):
        return None
    if noun.pos_ == "PROPN" or _may_speak_as_written(noun) or _author_of_document(noun) is not noun:
        return noun
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = _subject(verb) if verb is not None else None
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


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _author_of_document(token: Token) -> Token:
    # "A statement posted by spokesperson Matthew Miller concluded": the document's author is
    # the speaker; "a Reuters analysis": its organisation is.
    if token.lemma_.lower() not in DOCUMENT_NOUNS:
        return token
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
        if child.dep_ in ("acl", "prep"):
            for grand in child.children:
                if grand.dep_ == "agent" or (child.lower_ == "from" and grand.dep_ == "pobj"):
                    objects = [g for g in grand.children if g.dep_ == "pobj"] or [grand]
                    return objects[0]
    return token


# ---------------------------------------------------------------------------------------------
# Reported speech


def _reported(tokens: _Tokens, quotes: list[_Quote]) -> Iterator[_Raw]:
    for token in tokens.tokens:
        spans = _content_spans(tokens, token)
        speaker = _speaker_token(token) if spans else None
        if speaker is None or _quoted_from_outside(tokens, quotes, speaker, token):
            continue
        for found in spans:
            start, end = _trim(tokens.text, *found)
            if len(tokens.text[start:end].split()) >= 2:
                yield _Raw(start, end, speaker, token, AttributionKind.REPORTED)


def _quoted_from_outside(tokens: _Tokens, quotes: list[_Quote], speaker: Token, cue: Token) -> bool:
    # A cue outside quotation marks whose subject the parser found inside a quote ("pointing to
    # the map, “the farmers lose …”") climbed into someone else's words: no speaker there.
    return (
        _inside(quotes, tokens.start(speaker)) is not None
        and _inside(quotes, tokens.start(cue)) is None
    )


def _content_spans(tokens: _Tokens, token: Token) -> list[tuple[int, int]]:
    """What a cue token reports, by the kind of cue: usually one span, two for a cue standing
    in the middle of its clause ("The plan, he said, would fail")."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        found = _according_to(tokens, token)
    elif token.pos_ not in ("VERB", "AUX"):
        return []
    elif lemma in TOPIC_VERBS:
        found = _topic_content(tokens, token)
    elif lemma in SPEECH_VERBS:
        if _is_parenthetical(token):
            return _parenthetical_content(tokens, token)
        found = _clause_content(tokens, token)
    elif lemma in OBJECT_VERBS:
        found = _object_content(tokens, token)
    elif lemma in INTENT_VERBS:
        found = _intent_content(tokens, token)
    elif lemma == "make":
        found = _made_clear_content(tokens, token)
    else:
        return []
    return [found] if found is not None else []


def _clause_content(tokens: _Tokens, cue: Token) -> tuple[int, int] | None:
    # "X said (that) …": the clausal complement is what was said, on either side of the verb.
    for child in cue.children:
        if child.dep_ == "ccomp":
            # What follows the clause in the verb's phrase belongs to it too: the parser often
            # cuts "she felt X and Y" after X.
            last = cue.right_edge if child.i > cue.i else child.right_edge
            return tokens.span(child.left_edge, last)
    # "vowed to fight", "agreed to talk": speech verbs of intent take an infinitive. Verbs that
    # also mean doing ("concluded his visit", "posted on the website") take no noun content.
    if cue.lemma_.lower() in NOT_TOPICAL:
        return _intent_content(tokens, cue)
    return _intent_content(tokens, cue) or _topic_content(tokens, cue)


def _topic_content(tokens: _Tokens, cue: Token) -> tuple[int, int] | None:
    # "noted the risk", "spoke about the deal", "responded to the report": without a clause,
    # what the verb is about is what was said; a person told or asked is not.
    for child in cue.rights:
        if child.dep_ == "dobj" and not _names_someone(child):
            return tokens.span(child.left_edge, child.right_edge)
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS:
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects:
                return tokens.span(objects[0].left_edge, objects[0].right_edge)
    return None


def _names_someone(token: Token) -> bool:
    # "told reporters", "asked Beijing": an addressee, not what was said.
    return token.pos_ in ("PRON", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _is_parenthetical(cue: Token) -> bool:
    # "…, a source said" / "The plan, he said, would fail": the parser hangs a cue set off by
    # commas off the clause it reports, as parataxis, with no clause of its own.
    return cue.dep_ == "parataxis" and not any(
        child.dep_ in ("ccomp", "xcomp", "dobj") for child in cue.children
    )


def _parenthetical_content(tokens: _Tokens, cue: Token) -> list[tuple[int, int]]:
    # The reported clause is the head's phrase minus the cue's own phrase; a cue in its middle
    # splits it in two rows, like a quote split around its cue (DESIGN.md), so that the speaker's
    # own words ("Chinese diplomat Wang Yi") never fall inside what he is reported to say.
    head, doc = cue.head, cue.doc
    spans = []
    if cue.left_edge.i > head.left_edge.i:
        spans.append(tokens.span(head.left_edge, doc[cue.left_edge.i - 1]))
    if cue.right_edge.i < head.right_edge.i:
        spans.append(tokens.span(doc[cue.right_edge.i + 1], head.right_edge))
    return spans


def _object_content(tokens: _Tokens, cue: Token) -> tuple[int, int] | None:
    # "called the plan a disaster", "described his meetings as a “vigorous conversation”",
    # "accused the bank of fraud".
    right = [
        child
        for child in cue.rights
        if child.dep_ in ("dobj", "oprd", "ccomp", "xcomp") or child.lower_ in ("as", "for", "of")
    ]
    if not right:
        return None
    return tokens.span(right[0].left_edge, right[-1].right_edge)


def _intent_content(tokens: _Tokens, cue: Token) -> tuple[int, int] | None:
    # "vowed to fight on", "urged Congress to act": the infinitive is the stated intent.
    for child in cue.rights:
        if child.dep_ in ("xcomp", "ccomp"):
            return tokens.span(child.left_edge, child.right_edge)
    return None


def _made_clear_content(tokens: _Tokens, make: Token) -> tuple[int, int] | None:
    # "X made it clear that …" states what follows; the parser hangs the clause off "clear".
    clear = next((child for child in make.rights if child.lower_ == "clear"), None)
    if clear is None:
        return None
    for child in [*clear.rights, *make.rights]:
        if child.dep_ in ("ccomp", "advcl") and child is not clear:
            return tokens.span(child.left_edge, child.right_edge)
    return None


def _according_to(tokens: _Tokens, according: Token) -> tuple[int, int] | None:
    # "…, according to X": the rest of the sentence is what X says.
    sentence = according.sent
    phrase_start, phrase_end = according.left_edge.i, according.right_edge.i
    if phrase_start - sentence.start >= sentence.end - 1 - phrase_end:
        if phrase_start == sentence.start:
            return None
        return tokens.span(sentence[0], according.doc[phrase_start - 1])
    return tokens.span(according.doc[phrase_end + 1], sentence[-1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Speakers


@dataclass(frozen=True)
class _Person:
    start: int
    name: str
    words: frozenset[str]
    descriptor: str
    country: str | None


class _Resolver:
    """Turns speaker tokens into names and countries, with what the article says about them."""

    def __init__(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        tokens: _Tokens,
        quotes: list[_Quote],
        mentions: Sequence[CountryMention],
    ) -> None:
        self.text = article.text
        self.tokens = tokens
        self.quotes = quotes
        self.mentions = mentions
        self.people = [
            self._person(entity) for chunk in chunks for entity in chunk.doc.ents
            if entity.label_ == "PERSON" and _name(entity.text)
        ]  # fmt: skip
        self.resolved: dict[int, tuple[str | None, str | None]] = {}
        self.quote_speakers: dict[int, tuple[str | None, str | None]] = {}

    def attribution(self, raw: _Raw) -> Attribution:
        """The attribution's row; rows must come in text order (a quote before its insides)."""
        speaker, country = self.resolve(raw)
        if raw.kind is AttributionKind.DIRECT:
            self.quote_speakers[raw.start] = (speaker, country)
        speaker_span = self._mention_span(raw.speaker) if raw.speaker is not None else None
        cue_span = self.tokens.span(raw.cue, raw.cue) if raw.cue is not None else None
        if raw.cue is not None and raw.cue.lower_ == "according" and cue_span:
            cue_span = (cue_span[0], cue_span[1] + 3)
        elif raw.cue is not None and raw.cue.text[-1] in _DASHES and cue_span:
            cue_span = (cue_span[1] - 1, cue_span[1])
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

    def resolve(self, raw: _Raw) -> tuple[str | None, str | None]:
        """The speaker's name and country."""
        if raw.speaker is None:
            return None, None
        key = self.tokens.index(raw.speaker)
        if key not in self.resolved:
            self.resolved[key] = self._resolve(raw.speaker)
        return self.resolved[key]

    def _resolve(self, token: Token) -> tuple[str | None, str | None]:
        lower = token.lower_
        start = self.tokens.start(token)
        antecedent = _antecedent(token)
        if antecedent is not None:
            return self._resolve(antecedent)
        if token.pos_ == "PRON" and lower in PERSON_PRONOUNS:
            person = self._nearest_person(start)
            return (person.name, person.country) if person else (None, None)
        if token.pos_ == "PRON" and (lower in FIRST_PERSON or lower in GROUP_PRONOUNS):
            return self._first_or_group_pronoun(token)
        span = self._mention_span(token)
        written = self.text[span[0] : span[1]]
        if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
            # The tagger's entity type is unreliable for bare surnames ("Blinken" as ORG): a
            # name the article gave a person is that person.
            person = self._full_name(written, start)
            if person is not None:
                return person.name, person.country
            if token.ent_type_ in ("PERSON", ""):
                return _name(written) or written, self._country(*self._descriptor(token))
        if token.lemma_.lower() in ROLE_NOUNS | GENERIC_PERSON_NOUNS and _is_definite(token):
            person = self._described_as(token, start)
            if person is not None:
                return person.name, person.country
        return written, self._country(*self._descriptor(token))

    def _first_or_group_pronoun(self, token: Token) -> tuple[str | None, str | None]:
        # "I"/"we" inside a quote is its speaker; "they"/"it" cannot be told apart from the
        # article's other groups reliably, so they stay unknown.
        quote = _inside(self.quotes, self.tokens.start(token))
        if token.lower_ in FIRST_PERSON and quote is not None:
            return self.quote_speakers.get(quote.start, (None, None))
        return None, None

    def _mention_span(self, token: Token) -> tuple[int, int]:
        """The words that name the speaker: the pronoun, the entity, or the head and its
        determiners and modifiers ("some analysts")."""
        if token.pos_ == "PRON":
            return self.tokens.span(token, token)
        if token.ent_type_:
            entity = _entity_of(token)
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
        return self.tokens.span(first, token)

    def _person(self, entity: Span) -> _Person:
        start = self.tokens.start(entity[0])
        name = _name(entity.text)
        descriptor = self._descriptor(entity.root)
        return _Person(start, name, frozenset(name.lower().split()),
                       self.text[descriptor[0]:descriptor[1]].lower(),
                       self._country(*descriptor))  # fmt: skip

    def _descriptor(self, token: Token) -> tuple[int, int]:
        # What the text says about a speaker: the words before the name in its phrase
        # ("BBC China correspondent") and its apposition ("professor at Fudan University").
        first, last = token.left_edge, token
        for child in token.rights:
            if child.dep_ == "appos":
                last = child.right_edge
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
        # An organisation, role or place says whom a speaker speaks for before a country word
        # does: a "BBC China correspondent" is British.
        descriptor = self.text[start:end]
        for pattern, code in _speaker_table():
            if pattern.search(descriptor):
                return code
        for mention in self.mentions:
            if start <= mention.start and mention.end <= end:
                return mention.country
        return None

    def _nearest_person(self, offset: int) -> _Person | None:
        # A pronoun refers to the nearest person before it, looking first inside the quote it
        # stands in, then before that quote.
        quote = _inside(self.quotes, offset)
        candidates = [p for p in self.people if p.start < offset]
        if quote is not None:
            inside = [p for p in candidates if quote.start < p.start]
            if inside:
                return self._full_name(inside[-1].name, offset) or inside[-1]
            candidates = [p for p in candidates if p.start < quote.start]
        outside = [p for p in candidates if _inside(self.quotes, p.start) is None]
        pool = outside or candidates
        if not pool:
            return None
        best = pool[-1]
        return self._full_name(best.name, best.start) or best

    def _full_name(self, written: str, offset: int) -> _Person | None:
        # "Xi" is "Xi Jinping" when the article names him so: the longest name holding every
        # word, the nearest before first, else the first after.
        words = frozenset(_name(written).lower().split())
        if not words:
            return None
        matches = [p for p in self.people if words <= p.words]
        if not matches:
            return None
        longest = max(len(p.words) for p in matches)
        matches = [p for p in matches if len(p.words) == longest]
        before = [p for p in matches if p.start <= offset]
        chosen = before[-1] if before else matches[0]
        country = chosen.country or next(
            (p.country for p in self.people if p.name == chosen.name and p.country), None
        )
        return _Person(chosen.start, chosen.name, chosen.words, chosen.descriptor, country)

    def _described_as(self, token: Token, offset: int) -> _Person | None:
        # "the secretary of state" is the last person the article described as a secretary;
        # "the politician" is the last person named.
        role = token.lemma_.lower()
        earlier = [p for p in self.people if p.start < offset]
        described = [p for p in earlier if re.search(rf"\b{re.escape(role)}", p.descriptor)]
        if described:
            return self._full_name(described[-1].name, offset) or described[-1]
        if role in GENERIC_PERSON_NOUNS and earlier:
            return self._full_name(earlier[-1].name, offset) or earlier[-1]
        return None


def _antecedent(token: Token) -> Token | None:
    # "The senator, who said …": the mention stays "who" (as annotators mark it), the speaker
    # is the noun the relative clause describes.
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        noun = token.head.head
        return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") and noun is not token else None
    return None


def _is_definite(token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)


def _entity_of(token: Token) -> Span | None:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


def _name(text: str) -> str:
    """A person's name without titles and possessive ("Mr. Burman's" -> "Burman")."""
    words = text.replace("’s", "").replace("'s", "").split()
    while words and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


@cache
def _speaker_table() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``data/speakers.csv``: organisations, roles and places that give a speaker's country."""
    path = resources.files("countrytone") / "data" / "speakers.csv"
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return tuple(
        (_table_pattern(row["name"], ignore_case=row["kind"] == "role"), row["iso3"])
        for row in sorted(rows, key=lambda row: -len(row["name"]))
    )


def _table_pattern(name: str, *, ignore_case: bool) -> re.Pattern[str]:
    # Names match as written (so "RT" is not "rt"); roles in any case ("secretary of state").
    pattern = r"\b" + re.escape(name).replace("'", "['’]") + r"\b"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
