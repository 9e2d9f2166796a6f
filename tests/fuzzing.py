"""Property-based fuzzing of the whole flow: random articles and random corpora, and the
invariants every output must keep. Shared by ``tests/test_fuzz.py`` (a small, derandomized
profile in every test run) and ``benchmarks/fuzz.py`` (10,000 examples, with a tally).

Invariants: nothing raises but the package's own ``InputError``; on every mention row
``text[start:end] == mention``, the mention inside its sentence and its sentence inside its
paragraph (the title's rows with ``paragraph`` null, body paragraphs counted from 0), rows in
text order; every quote, speaker and cue span inside the text and equal to its text; the
command line exits 0, or 2 with one ``skipped`` line per skipped input, never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pandas as pd
from hypothesis import strategies as st
from spacy.language import Language

from countrytone.articles import Article, Part, parse_article, read_articles
from countrytone.cli import main
from countrytone.errors import InputError, InputWarning
from countrytone.pipeline import LanguageWarning, analyze_articles, quotes_table
from tests.conftest import CountingModel

# What was tried and what came of it, by kind: the benchmark prints it.
TALLY: Counter[str] = Counter()

QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "„", "‟", "«", "»", "‹", "›", "「", "」", "''", "``"]
APOSTROPHES = ["'s", "’s", "s'", "’", "n't", "’ll", "O'Brien", "rock ’n’ roll"]
COUNTRY_WORDS = [
    "China", "the US", "U.S.", "America", "Americans", "Chinese", "Beijing's", "Washington",
    "the White House", "the Kremlin", "#China", "PRC", "the US State Department", "Georgia",
    "Jordan Peterson", "The Times of India", "Kosovo", "Hong Kong", "North Korea", "Iran's",
    "UK", "Britain", "EU", "Congo", "Niger", "Dominica", "Guinea-Bissau", "Saudi-led",
]  # fmt: skip
WORDS = [
    "said", "told", "says", "according to", "warned", "he", "she", "they", "it", "minister",
    "Xi Jinping", "Antony Blinken", "President", "spokesman", "officials", "refused", "talks",
    "the", "a", "of", "and", "that", "in", "on", ".", ",", ":", ";", "—", "-", "(", ")", "…",
]  # fmt: skip
RTL = ["مرحبا بالعالم", "الصين", "שלום", "ישראל", "\u200f", "\u200e", "\u202b", "\u202c", "\u2067"]
EMOJI = ["😀", "🇨🇳", "🇺🇸", "👩‍👩‍👧", "🏳️‍🌈", "✊🏿", "\U0001f9ff", "\ufe0f"]
CONTROLS = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\u2028",
            "\u2029", "\u200b", "\ufffd"]  # fmt: skip
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\n \n", "\n\t\n", "\r\r", "\n\r"]
HEADERS = [
    "date 2024-03-14 World", "  date 2024-03-14", "date 2024-03-14", "date 2024-13-45 World",
    "Date 2024-03-14 World", "date  2024-03-14 World", "date 2024-3-14 World",
    "date2024-03-14",
    "date 2024-03-14World", "date 24-03-14", "date 2024-03-14 \r", "\tdate 2024-03-14 x",
    "date 20 June 2023 World", "date 9999-99-99", "date ２０２４-０３-１４",
    "date 2024-03-14T10:00",
    "date \u00a02024-03-14", "date 0000-00-00 ",
]  # fmt: skip

# Tokens of 1,000 and 10,000 characters (a run of quotation marks among them).
long_tokens = st.builds(
    lambda word, length: (word * length)[:length],
    st.sampled_from(["A", "China", "x-y", ".", "“", '"', "«"]),
    st.sampled_from([1_000, 10_000]),
)
SPEAKERS = [
    "Xi Jinping", "Antony Blinken", "he", "she", "they", "a Chinese diplomat", "Beijing",
    "the US State Department", "some analysts", "Reuters", "the minister", "Russia's Lavrov",
]  # fmt: skip
SPEECH_VERBS = ["said", "told reporters", "warned", "added", "says", "wrote", "denied"]
contents = st.lists(st.sampled_from(COUNTRY_WORDS + WORDS + APOSTROPHES), min_size=1, max_size=9)
# A sentence that quotes or reports a speaker, its marks drawn at random (so often unbalanced,
# mismatched or nested): where attributions and speakers come from.
speech = st.builds(
    lambda form, opening, content, closing, speaker, verb: [
        f"{speaker} {verb}, {opening}{content}{closing}",
        f"{opening}{content},{closing} {speaker} {verb}.",
        f"{opening}{content},{closing} {verb} {speaker}, {opening}{content}{closing}",
        f"{speaker} {verb} that {content}.",
        f"According to {speaker}, {content}.",
    ][form],
    st.integers(0, 4),
    st.sampled_from(QUOTE_MARKS),
    contents.map(" ".join),
    st.sampled_from([*QUOTE_MARKS, ""]),
    st.sampled_from(SPEAKERS),
    st.sampled_from(SPEECH_VERBS),
)
pieces = st.one_of(
    speech,
    speech,
    st.sampled_from(COUNTRY_WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(APOSTROPHES),
    st.sampled_from(RTL),
    st.sampled_from(EMOJI),
    st.sampled_from(CONTROLS),
    st.sampled_from(BREAKS),
    st.sampled_from(QUOTE_MARKS),
    st.text(max_size=12),
    st.just("\ufeff"),
)
separators = st.sampled_from([" ", " ", " ", "", "\n", "\r\n", "\r", "\n\n", "\t", "\u00a0"])


@st.composite
def article_texts(draw: st.DrawFn) -> str:
    """An article's text: maybe a BOM, maybe a header (or a near miss), then random pieces."""
    parts = []
    if draw(st.booleans()):
        parts.append("\ufeff")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(HEADERS)) + draw(st.sampled_from(BREAKS)))
    for piece in draw(st.lists(pieces, max_size=40)):
        parts.append(piece + draw(separators))
    # One long token in about one article of ten, somewhere in it.
    if draw(st.integers(0, 9)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(long_tokens) + " ")
    return "".join(parts)


FIELD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    article_texts(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(lambda n: "China said " * n, st.integers(1, 5_000)),
    st.sampled_from(["2024-03-14", "14 March 2024", "2024-02-30", "yesterday", ""]),
)


@st.composite
def corpus_rows(draw: st.DrawFn) -> list[dict[str, object]]:
    """Corpus rows with each of id, text, date, title, source missing, null, odd or huge."""
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = {}
        for key in ("id", "text", "date", "title", "source", "extra"):
            if draw(st.integers(0, 3)):  # a quarter of the keys missing
                row[key] = draw(article_texts() if key == "text" else FIELD_VALUES)
        rows.append(row)
    return rows


@st.composite
def corpus_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A corpus file's name and bytes: JSONL or CSV, with broken lines and bytes mixed in."""
    rows = draw(corpus_rows())
    if draw(st.booleans()):
        lines = [json.dumps(row, ensure_ascii=draw(st.booleans())).encode() for row in rows]
        extras = st.sampled_from(
            [b"", b"{", b"[1, 2]", b"null", b"\xff\xfe", b'{"text": "\xc3"}', b"\xef\xbb\xbf{}"]
        )
        for _ in range(draw(st.integers(0, 2))):
            lines.insert(draw(st.integers(0, len(lines))), draw(extras))
        newline = draw(st.sampled_from([b"\n", b"\r\n"]))
        return "corpus.jsonl", newline.join(lines) + draw(st.sampled_from([b"", newline]))
    columns = sorted({key for row in rows for key in row} | set(draw(st.sets(
        st.sampled_from(["text", "id", "date", "Text", ""]), max_size=2))))  # fmt: skip
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})
    return "corpus.csv", buffer.getvalue().encode("utf-8", "surrogatepass")


def _csv_value(value: object) -> object:
    return json.dumps(value) if isinstance(value, list | dict) else value


@contextlib.contextmanager
def package_warnings_only() -> Iterator[None]:
    """The package's own warnings are expected; any other warning is a finding."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", LanguageWarning)
        warnings.simplefilter("ignore", InputWarning)
        yield


def check_article(text: str, nlp: Language) -> None:
    """Analyse one text as an article and check every invariant of its mentions and quotes."""
    TALLY["articles tried"] += 1
    _tally_features(text)
    with package_warnings_only():
        try:
            article = parse_article(text, article_id="fuzz")
        except InputError:
            TALLY["refused with InputError"] += 1
            return
        mentions = analyze_articles([article], model=CountingModel(), nlp=nlp)
        quotes = quotes_table([article], nlp=nlp)
    TALLY["mention rows"] += len(mentions)
    TALLY["quote rows"] += len(quotes)
    TALLY["articles with a header date"] += article.date is not None
    check_mentions(article, mentions)
    check_quotes(article, quotes)


def check_mentions(article: Article, mentions: pd.DataFrame) -> None:
    """Offsets, sentences and paragraphs of every mention row agree with the article's text."""
    text = article.text
    paragraphs = {
        (paragraph.part.value, paragraph.index): article.paragraph_text(paragraph)
        for paragraph in article.paragraphs
    }
    body = [p.index for p in article.paragraphs if p.part is Part.BODY]
    assert body == list(range(len(body))), body
    positions = []
    for row in mentions.itertuples():
        assert text[row.start : row.end] == row.mention, row
        assert row.mention, row
        paragraph = None if pd.isna(row.paragraph) else int(row.paragraph)
        assert (row.part == "title") == (paragraph is None), row
        span = next(
            p for p in article.paragraphs if (p.part.value, p.index) == (row.part, paragraph)
        )
        assert span.start <= row.start, row
        assert row.end <= span.end, row
        assert row.sentence >= 0, row
        assert _holds(paragraphs[row.part, paragraph], row.sentence_text, row.start - span.start)
        positions.append(row.start)
    assert positions == sorted(positions), positions
    sentences = mentions.groupby(["part", "paragraph", "sentence"], dropna=False)["sentence_text"]
    assert (sentences.nunique() == 1).all()


def _holds(paragraph: str, sentence: str, offset: int) -> bool:
    """Whether an occurrence of the sentence in the paragraph holds the character at offset."""
    start = paragraph.find(sentence)
    while start >= 0:
        if start <= offset < start + len(sentence):
            return True
        start = paragraph.find(sentence, start + 1)
    return False


def check_quotes(article: Article, quotes: pd.DataFrame) -> None:
    """Every quote, speaker and cue span lies inside the text and equals its text."""
    text = article.text
    for row in quotes.itertuples():
        assert 0 <= row.start < row.end <= len(text), row
        assert text[row.start : row.end] == row.text, row
        for start, end, value in (
            (row.speaker_start, row.speaker_end, None),
            (row.cue_start, row.cue_end, row.cue),
        ):
            if pd.isna(start):
                assert pd.isna(end), row
                continue
            assert 0 <= start < end <= len(text), row
            if value is not None and not pd.isna(value):
                assert text[start:end] == value, row


def check_corpus(name: str, data: bytes, folder: Path) -> None:
    """Read a corpus file, then run ``countrytone analyze`` over it: exit codes per DESIGN.md."""
    TALLY["corpora tried"] += 1
    path = folder / name
    path.write_bytes(data)
    skipped: list[InputError] = []
    with package_warnings_only():
        articles = list(read_articles([str(path)], on_skip=skipped.append))
    TALLY["corpus articles read"] += len(articles)
    TALLY["corpus inputs skipped"] += len(skipped)
    for article in articles:
        assert article.text.strip(), article
    err = io.StringIO()
    out = io.StringIO()
    # The command line loads its model by name: the fake stands in for it.
    with (
        package_warnings_only(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch("countrytone.registry.load_tone_model", return_value=CountingModel()),
    ):
        status = main(["analyze", str(path), "--model", "counting"])
    lines = err.getvalue().splitlines()
    TALLY[f"exit {status}"] += 1
    assert status in (0, 2), (status, lines)
    assert all(line.startswith("countrytone: ") for line in lines), lines
    skips = [line for line in lines if line.startswith("countrytone: skipped")]
    assert (status == 2) == bool(skips) == bool(skipped), (status, lines, skipped)
    # Lines end with "\n" only: a row's text may hold U+0085 or U+2028, which JSON leaves as is.
    for row in map(json.loads, out.getvalue().split("\n")[:-1]):
        assert row["mention"] in row["sentence_text"], row


def _tally_features(text: str) -> None:
    features = {
        "BOM": "\ufeff" in text,
        "\\r\\n": "\r\n" in text,
        "lone \\r": "\r" in text.replace("\r\n", ""),
        "curly or guillemet quotes": any(mark in text for mark in "“”‘’„«»‹›「」"),
        "straight double quotes": '"' in text,
        "odd number of straight quotes": text.count('"') % 2 == 1,
        "RTL": any("\u0590" <= char <= "\u06ff" or char in "\u200f\u202b\u2067" for char in text),
        "emoji": any(ord(char) >= 0x1F000 for char in text),
        "control characters": any(char in "".join(CONTROLS) for char in text),
        "1,000-character token": any(len(token) >= 1_000 for token in text.split()),
        "10,000-character token": any(len(token) >= 10_000 for token in text.split()),
        "empty paragraphs": "\n\n" in text or "\r\n\r\n" in text,
        "header or near miss": any(header.strip() in text for header in HEADERS),
    }
    for feature, present in features.items():
        TALLY[f"with {feature}"] += present
