"""Segmenting: an article's paragraphs parsed by spaCy into chunks and sentences, offsets kept."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from countrytone.articles import Article, Paragraph

# spaCy refuses texts longer than nlp.max_length (1,000,000 characters) and its parser needs
# about 1 GB of memory per 100,000 characters; a paragraph longer than this is parsed in chunks
# cut at sentence-like boundaries, so that a 1 MB paragraph is analysed with flat memory.
MAX_CHUNK_CHARS = 10_000

# A run of text without a space longer than this is cut into pieces of this length, each parsed
# on its own: spaCy's tokenizer splits such a run affix by affix in quadratic time (10,000
# quotation marks took 20 s, 1,000 took 0.2 s). News text holds no word this long, so no
# ordinary token is ever cut.
MAX_RUN_CHARS = 1_000

# Paragraphs per spaCy batch. spaCy's default (1,000) parsed PolNeAR dev's 1,942 paragraphs in
# 14.6 s on one process, 256 in 12.7 s (and with two processes 11.4 s against 9.1 s: smaller
# batches keep both workers busy and hand results on sooner).
PARSE_BATCH_SIZE = 256

# Where a chunk may end, best first: after a sentence's final punctuation, after a clause's,
# after any space.
_CHUNK_ENDS = (re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"[,;:]\s+"), re.compile(r"\s+"))


@dataclass(frozen=True)
class Chunk:
    """A piece of one paragraph (the whole paragraph unless it is very long) parsed by spaCy.

    ``doc.text == article.text[start : start + len(doc.text)]``.
    """

    paragraph: Paragraph
    start: int
    doc: Doc


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of its article's text; ``index`` counts from 0 within its paragraph."""

    paragraph: Paragraph
    index: int
    start: int
    end: int


def parse(article: Article, nlp: Language) -> list[Chunk]:
    """Parse every paragraph of one article with spaCy.

    Args:
        article: the article to parse.
        nlp: a loaded spaCy pipeline (see ``countrytone.nlp.load_nlp``).

    Returns:
        The chunks in text order, each paragraph covered by one or more chunks.
    """
    [(_, chunks)] = parse_stream([article], nlp)
    return chunks


def parse_stream(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    worth_parsing: Callable[[list[Doc]], bool] | None = None,
) -> Iterator[tuple[Article, list[Chunk]]]:
    """Parse a stream of articles with one ``nlp.pipe`` call over all their paragraphs.

    spaCy batches paragraphs across articles (and spreads them over ``n_process`` processes);
    articles are read lazily, so memory stays flat however long the stream.

    Args:
        worth_parsing: called with an article's chunks tokenised only (``nlp.make_doc``); an
            article for which it is false is not parsed and comes with no chunks.

    Yields:
        Each article with its chunks, in the order of the input.
    """
    pending: deque[tuple[Article, list[tuple[Paragraph, int, int]]]] = deque()

    def tokenised() -> Iterator[Doc]:
        for article in articles:
            spans = [
                (paragraph, start, end)
                for paragraph in article.paragraphs
                for start, end in chunk_spans(article.text, paragraph.start, paragraph.end)
            ]
            docs = [nlp.make_doc(article.text[start:end]) for _, start, end in spans]
            if worth_parsing is not None and not worth_parsing(docs):
                spans, docs = [], []
            pending.append((article, spans))
            yield from docs

    def unparsed() -> Iterator[tuple[Article, list[Chunk]]]:
        while pending and not pending[0][1]:
            yield pending.popleft()[0], []

    chunks: list[Chunk] = []
    for doc in nlp.pipe(tokenised(), batch_size=PARSE_BATCH_SIZE, n_process=n_process):
        yield from unparsed()
        article, spans = pending[0]
        paragraph, start, _ = spans[len(chunks)]
        chunks.append(Chunk(paragraph, start, doc))
        if len(chunks) == len(spans):
            pending.popleft()
            yield article, chunks
            chunks = []
    yield from unparsed()


def sentences(chunks: list[Chunk]) -> Iterator[Sentence]:
    """Every sentence of the parsed chunks in text order, numbered from 0 in each paragraph."""
    index = 0
    previous: Paragraph | None = None
    for chunk in chunks:
        if chunk.paragraph != previous:
            index, previous = 0, chunk.paragraph
        for sent in chunk.doc.sents:
            start, end = chunk.start + sent.start_char, chunk.start + sent.end_char
            yield Sentence(chunk.paragraph, index, start, end)
            index += 1


def chunk_spans(
    text: str,
    start: int,
    end: int,
    *,
    max_chars: int = MAX_CHUNK_CHARS,
    max_run: int = MAX_RUN_CHARS,
) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``max_chars`` at sentence-like boundaries,
    and every run without a space into pieces of at most ``max_run`` characters."""
    long_run = re.compile(rf"\S{{{max_run + 1},}}")
    cuts = [
        cut
        for run in long_run.finditer(text, start, end)
        for cut in range(run.start() + max_run, run.end(), max_run)
    ]
    bounds = [start, *cuts, end]
    for piece_start, piece_end in pairwise(bounds):
        while piece_end - piece_start > max_chars:
            cut = _best_cut(text, piece_start, piece_start + max_chars)
            yield piece_start, cut
            piece_start = cut
        yield piece_start, piece_end


def _best_cut(text: str, start: int, limit: int) -> int:
    # Prefer a boundary in the second half of the window, so chunks stay large.
    floor = start + (limit - start) // 2
    for boundary in _CHUNK_ENDS:
        ends = [match.end() for match in boundary.finditer(text, floor, limit)]
        if ends:
            return ends[-1]
    return limit
