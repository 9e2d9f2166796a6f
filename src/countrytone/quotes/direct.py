"""Direct quotes and their cues: which quotes are someone's words, and the verb that says whose."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Token

from countrytone.articles import Article
from countrytone.quotes.grammar import (
    DASHES,
    author_of_document,
    entity_of,
    is_circumstance,
    is_dash,
    is_denied,
    is_speech_verb,
    next_word,
    quoted_from_outside,
    speaker_token,
)
from countrytone.quotes.marks import DOUBLE_MARKS, Quote, enclosing_quote
from countrytone.quotes.records import AttributionKind, RawAttribution
from countrytone.quotes.tokens import ArticleTokens
from countrytone.quotes.vocabulary import QUOTE_CONTINUERS

# Characters that end a quoted clause which a following cue introduces ("…," Xi said).
_CLAUSE_END = frozenset(",?!—–-…")


_SENTENCE_END = frozenset({".", "!", "?"})


# The last dash of a line, words after it: where a signature may stand.
_LAST_DASH = re.compile(r"[―—–](?=[^―—–]*\w[^―—–]*$)")


# How far a cue may stand from the quote it introduces, in tokens ("said on Monday, “…").
MAX_CUE_GAP = 10


def direct_quotes(
    article: Article, tokens: ArticleTokens, quotes: list[Quote]
) -> list[RawAttribution]:
    found: dict[int, RawAttribution] = {}
    clause_quotes = [
        quote
        for quote in quotes
        if _starts_clause(article.text, tokens, quote) or _cue_right_after(tokens, quote, quotes)
    ]
    for quote in clause_quotes:
        cue = _cue_after(tokens, quote, quotes) or _cue_before(tokens, quote, quotes)
        if cue is None and quote.start == article.paragraphs[quote.paragraph].start:
            cue = _colon_cue_of_previous_paragraph(article, tokens, quote)
        cue = cue or _line_signature(tokens, quote)
        if cue is not None and not _starts_clause(article.text, tokens, quote):
            # "using the tax ''is a misguided approach,'' said Mr. Burman": a quote ending a
            # paraphrased clause; the attribution is the whole clause, reported.
            region = _preceding(tokens, quote, quotes)
            start = tokens.start(region[0]) if region else quote.start
            speaker = _quote_speaker(tokens, quotes, quote, cue)
            found[quote.start] = RawAttribution(
                start, quote.end, speaker, cue, AttributionKind.REPORTED
            )
        elif cue is not None:
            speaker = _quote_speaker(tokens, quotes, quote, cue)
            found[quote.start] = RawAttribution(
                quote.start, quote.end, speaker, cue, AttributionKind.DIRECT
            )
    # A quote with no cue of its own belongs to the quote beside it (split quotes, several
    # sentences, paragraphs of the same speaker).
    for position, quote in enumerate(clause_quotes):
        if quote.start in found or not _looks_like_speech(article.text, quote):
            continue
        neighbour = _reported_just_before(tokens, quotes, quote) or _neighbour(
            article, clause_quotes, position, found
        )
        found[quote.start] = RawAttribution(
            quote.start,
            quote.end,
            neighbour.speaker if neighbour else None,
            neighbour.cue if neighbour else None,
            AttributionKind.DIRECT,
            continues=True,
        )
    return list(found.values())


def _starts_clause(text: str, tokens: ArticleTokens, quote: Quote) -> bool:
    # A quote embedded in a clause ("as a “vigorous conversation”", "were “constructive”") is a
    # fragment of someone else's sentence, not a direct quote: a direct quote opens a clause.
    before = text[: quote.start].rstrip(" \t")
    if not before or before[-1] in "\n\r" or before[-1] in ".!?:;,—–-([" + "”\"’'":
        return True
    previous = tokens.at(len(before) - 1)
    return previous is not None and is_speech_verb(previous)


def _cue_right_after(tokens: ArticleTokens, quote: Quote, quotes: list[Quote]) -> bool:
    # "because “most people don’t know,” she said": a quote that ends its clause inside the marks
    # and is followed at once by its cue is quoted speech even when it does not open a clause.
    inner = _inner_end(tokens.text, quote)
    if not inner or inner[-1] not in ",?!":
        return False
    cue = _cue_after(tokens, quote, quotes)
    following = list(_following(tokens, quote, quotes))[:4]
    return cue is not None and any(token == cue for token in following)


def _inner_end(text: str, quote: Quote) -> str:
    # A quote's words up to its closing mark, without a nested quote's closing single mark:
    # "“You say you ‘accept the blame,’” Holm said" ends its clause on the comma.
    return text[quote.open_end : quote.close_start].rstrip().rstrip("’'‘").rstrip()


def _looks_like_speech(text: str, quote: Quote) -> bool:
    # A short quote with no cue is a title or a term, not a statement, unless it is a sentence
    # of its own: "“…,” the president added. ''We're America.''"
    inner = _inner_end(text, quote)
    before = text[: quote.start].rstrip()
    sentence = inner[-1:] in (".", "!", "?") and before[-1:] in (".", "!", "?", "”", "'", '"')
    return len(inner.split()) >= 4 or sentence


def _reported_just_before(
    tokens: ArticleTokens, quotes: list[Quote], quote: Quote
) -> RawAttribution | None:
    # "The administration may be reluctant to act, Schiff said. “The other factor …”": a quote
    # that opens the sentence after one reporting someone's words, in the same paragraph,
    # goes on with that speaker.
    opening = tokens.at(quote.start)
    if opening is None or opening.i == 0:
        return None
    end = opening.doc[opening.i - 1]
    sentence = end.sent
    start, stop = tokens.start(sentence[0]), tokens.end(sentence[-1])
    if end.text not in _SENTENCE_END or any(q.start < stop and start < q.end for q in quotes):
        # A sentence with a quote of its own passes its speaker on through that quote.
        return None
    cues = [
        token
        for token in sentence
        if is_speech_verb(token)
        and not is_denied(token)
        and enclosing_quote(quotes, tokens.start(token)) is None
    ]
    cue = next((token for token in cues if token.dep_ in ("ROOT", "parataxis")), None)
    speaker = speaker_token(cue) if cue is not None else None
    if cue is None or speaker is None:
        return None
    return RawAttribution(quote.start, quote.end, speaker, cue, AttributionKind.DIRECT)


def _neighbour(
    article: Article, quotes: list[Quote], position: int, found: dict[int, RawAttribution]
) -> RawAttribution | None:
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


def _cue_after(tokens: ArticleTokens, quote: Quote, quotes: list[Quote]) -> Token | None:
    # "…," Xi said / "…," said Wu Xinbo: a quote that ends on a comma, question or exclamation
    # mark (or is followed by a lower-case word) is introduced by the speech verb after it.
    text = tokens.text
    inner = _inner_end(text, quote)
    after = text[quote.end : quote.end + 40].lstrip()
    if after[:1] in DASHES:
        # "“…” ― Sonya Herridge": a dash and a name after a quote sign it (tweets, vox pops).
        signature = _signature(tokens, tokens.text.index(after[0], quote.end))
        if signature is not None:
            return signature
    ends_clause = bool(inner) and inner[-1] in _CLAUSE_END
    if not (ends_clause or after.startswith(",") or after[:1].islower()):
        return None
    for count, token in enumerate(_following(tokens, quote, quotes)):
        if count > 4 * MAX_CUE_GAP:
            break
        introduces = is_speech_verb(token) or (
            count <= 3 and _introduces_quote(tokens, quotes, token)
        )
        if introduces and not _has_own_content(tokens, token, quote, quotes):
            return token
    return None


def _introduces_quote(tokens: ArticleTokens, quotes: list[Quote], verb: Token) -> bool:
    """Whether a verb that is no speech verb introduces a quote beside it: a verb of going on
    that only the quote completes ("She continued, “…”", "“…,” she continued") or "put it" ("As
    Rosenthal put it, “…”")."""
    complements = [
        child
        for child in verb.children
        if child.dep_ in ("dobj", "ccomp", "xcomp")
        and enclosing_quote(quotes, tokens.start(child)) is None
    ]
    if verb.lemma_.lower() == "put":
        return [child.lower_ for child in complements] == ["it"]
    return verb.lemma_.lower() in QUOTE_CONTINUERS and not complements


def _signature(tokens: ArticleTokens, offset: int) -> Token | None:
    """The dash at ``offset`` when a name follows it."""
    # The tokenizer may glue the dash to the closing mark ("”―").
    dash = tokens.at(offset)
    if dash is None or dash.text[-1] not in DASHES or dash.i + 1 >= len(dash.doc):
        return None
    name = next_word(dash)
    return dash if name.pos_ == "PROPN" or name.ent_type_ == "PERSON" else None


def _line_signature(tokens: ArticleTokens, quote: Quote) -> Token | None:
    # In a list of quotes signed one to a line (vox pops, tweets), the signature that ends the
    # line signs a quote with no cue of its own: "“… all they have is money.” And that’s all he
    # has “the root of all evil.” ― Christina Lastra" is hers, not the line before's.
    line_end = tokens.text.find("\n", quote.end)
    line = tokens.text[quote.end : line_end if line_end != -1 else len(tokens.text)]
    last_dash = _LAST_DASH.search(line)
    return _signature(tokens, quote.end + last_dash.start()) if last_dash else None


def _following(tokens: ArticleTokens, quote: Quote, quotes: list[Quote]) -> Iterator[Token]:
    """Tokens after a quote up to the end of its sentence, its paragraph or the next quote."""
    closing = tokens.at(quote.end - 1)
    if closing is None:
        return
    # The quote's own paragraph: a quote that ends one has no cue in the next.
    paragraph_end = tokens.start(closing) - closing.idx + len(closing.doc.text)
    for token in tokens.between(quote.end, len(tokens.text)):
        start = tokens.start(token)
        if any(_nickname(tokens.text, q) for q in quotes if q.start <= start < q.end):
            # 'Marcia "Cia" Price shouted': a name in quotation marks is no next quote.
            continue
        if (
            start >= paragraph_end
            or enclosing_quote(quotes, start + 1)
            or token.text in DOUBLE_MARKS
        ):
            return
        if token.text in _SENTENCE_END and not _abbreviation_dot(token):
            return
        yield token


def _nickname(text: str, quote: Quote) -> bool:
    """Whether a quote holds only a name: one or two capitalised words ("Cia", "Big Daddy")."""
    words = text[quote.open_end : quote.close_start].split()
    return 0 < len(words) <= 2 and all(word[:1].isupper() for word in words)


def _abbreviation_dot(token: Token) -> bool:
    # "Sen. Claire McCaskill (D-Mo.) said": a full stop inside brackets ends no sentence.
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.text == "." and following is not None and following.text == ")"


def _has_own_content(tokens: ArticleTokens, cue: Token, quote: Quote, quotes: list[Quote]) -> bool:
    # "…", other areas showed there was work to do: a verb with its own clause after it says
    # something else. A clause inside the next quote is the second half of a split quote
    # ("“…,” Tester said, “you give …”"), and one of when it was said ("“…,” Warren told Stumpf,
    # after he admitted …") is the reporter's, not other content.
    return any(
        child.dep_ in ("ccomp", "xcomp")
        and not is_circumstance(cue, child)
        and tokens.start(child) >= quote.end
        and enclosing_quote(quotes, tokens.start(child)) is None
        for child in cue.children
    )


def _cue_before(tokens: ArticleTokens, quote: Quote, quotes: list[Quote]) -> Token | None:
    # Xi said, "…" / Allen tweeted: "…" / quoted Blinken as saying, "…": the speech verb (or the
    # colon) just before the opening mark introduces it.
    region = _preceding(tokens, quote, quotes)
    if not region:
        return None
    last = region[-1]
    if not (last.text in (",", ":", "—", "–", "-") or is_speech_verb(last)):
        return None
    for token in reversed(region[-MAX_CUE_GAP:]):
        if is_speech_verb(token) and not _aside_of(tokens, token, quote):
            return token
    # "She continued, “…”", "As Rosenthal put it, “…”".
    if len(region) >= 2:
        verb = region[-2] if region[-2].pos_ == "VERB" else region[-2].head
        if _introduces_quote(tokens, quotes, verb):
            return verb
    # "According to Limbaugh, “…”": the phrase is the cue, its object the speaker.
    according = next((token for token in region if token.lower_ == "according"), None)
    return according or (last if last.text == ":" else None)


def _aside_of(tokens: ArticleTokens, verb: Token, quote: Quote) -> bool:
    # "“…,” Holm said, pointing to the map, “…”": a participle the parser hangs off the quoted
    # clause is an aside about the speaker, not the quote's cue.
    return verb.tag_ == "VBG" and quote.start <= tokens.start(verb.head) < quote.end


def _preceding(tokens: ArticleTokens, quote: Quote, quotes: list[Quote]) -> list[Token]:
    """Tokens before a quote back to the start of its sentence, paragraph or the last quote."""
    region: list[Token] = []
    index = bisect.bisect_left(tokens.starts, quote.start) - 1
    first = tokens.at(quote.start)
    while index >= 0:
        token = tokens.tokens[index]
        if first is not None and token.doc is not first.doc:
            break
        start = tokens.start(token)
        if (
            token.text in _SENTENCE_END
            or enclosing_quote(quotes, start)
            or token.text in DOUBLE_MARKS
        ):
            break
        if any(quote_.start <= start < quote_.end for quote_ in quotes):
            break
        region.append(token)
        index -= 1
    return region[::-1]


def _colon_cue_of_previous_paragraph(
    article: Article, tokens: ArticleTokens, quote: Quote
) -> Token | None:
    # "The New York Times reports:" ending one paragraph introduces the quote of the next.
    if quote.paragraph == 0:
        return None
    previous = article.paragraphs[quote.paragraph - 1]
    if not article.text[previous.start : previous.end].rstrip().endswith(":"):
        return None
    region = tokens.between(previous.start, previous.end)
    for token in reversed(region[-MAX_CUE_GAP:]):
        if is_speech_verb(token):
            return token
    return region[-1] if region else None


def _quote_speaker(
    tokens: ArticleTokens, quotes: list[Quote], quote: Quote, cue: Token
) -> Token | None:
    # The parser often takes a word of the quote for the subject of an inverted cue
    # ("“… One of the brightest …,” said Rep. Cummings"): the subject then stands after the verb.
    # With no subject at all ("Said Ellis: “…”"), only a name right after the verb is taken.
    speaker = speaker_token(cue)
    if speaker is not None and not quoted_from_outside(tokens, quotes, speaker, cue):
        return speaker
    # The parser may give the cue two subjects, the quote's and the speaker's ("“… One of the
    # brightest …,” Rep. Cummings said").
    outside = [
        child
        for child in cue.children
        if child.dep_ in ("nsubj", "nsubjpass")
        and not is_dash(child)
        and enclosing_quote(quotes, tokens.start(child)) is None
    ]
    if outside:
        return author_of_document(outside[0])
    # "“…,” Flynn, a top Trump surrogate, said Thursday on “Fox and Friends”": a name between the
    # closing mark and its cue is the speaker, whatever the parser made the subject.
    between = tokens.between(quote.end, tokens.start(cue))
    named = next((token for token in between if _looks_like_name(token)), None)
    if named is not None and enclosing_quote(quotes, tokens.start(named)) is None:
        return _entity_root(named)
    window = MAX_CUE_GAP if speaker is not None else 1
    return next(
        (
            _entity_root(token)
            for token in cue.doc[cue.i + 1 : cue.i + 1 + window]
            if _looks_like_name(token) and enclosing_quote(quotes, tokens.start(token)) is None
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
    entity = entity_of(token)
    return entity.root if entity is not None else token
