"""Segmenting: chunks of long paragraphs, sentence numbering, offsets."""

from collections.abc import Iterator
from itertools import count, islice

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from countrytone.articles import Article, Part, parse_article
from countrytone.segment import chunk_spans, parse, parse_stream, sentences


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("Short text.", 100, ["Short text."]),
        ("One two. Three four. Five six.", 21, ["One two. Three four. ", "Five six."]),
        ("aaa, bbb, ccc, ddd", 10, ["aaa, bbb, ", "ccc, ddd"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ],
)
def test_segment_chunk_spans_cut_at_boundaries(
    text: str, max_chars: int, expected: list[str]
) -> None:
    spans = list(chunk_spans(text, 0, len(text), max_chars=max_chars))
    assert [text[start:end] for start, end in spans] == expected
    assert all(end - start <= max_chars for start, end in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab cdefghij k", ["ab cdef", "ghij k"]),
        ("ab cdef k", ["ab cdef k"]),  # a run of max_run is not cut
        ("“““““““““ x", ["““““", "““““", "“ x"]),
    ],
)
def test_segment_chunk_spans_cut_long_runs_without_a_space(text: str, expected: list[str]) -> None:
    spans = list(chunk_spans(text, 0, len(text), max_chars=100, max_run=4))
    assert [text[start:end] for start, end in spans] == expected


def test_segment_a_run_of_10000_marks_is_parsed_in_pieces(nlp: Language) -> None:
    article = parse_article("Title\nChina said " + "“" * 10_000 + " no.", article_id="a")
    chunks = parse(article, nlp)
    assert "".join(chunk.doc.text for chunk in chunks[1:]) == article.paragraph_text(
        article.paragraphs[1]
    )
    assert max(len(chunk.doc.text) for chunk in chunks) <= 1_000 + len("China said ")


def test_segment_sentences_numbered_per_paragraph(nlp: Language) -> None:
    article = parse_article(
        "Title of it\nFirst sentence here. Second one here.\nThird here.", article_id="a"
    )
    found = list(sentences(parse(article, nlp)))
    assert [(s.paragraph.part, s.paragraph.index, s.index) for s in found] == [
        (Part.TITLE, None, 0),
        (Part.BODY, 0, 0),
        (Part.BODY, 0, 1),
        (Part.BODY, 1, 0),
    ]
    assert article.text[found[2].start : found[2].end] == "Second one here."


def test_segment_long_paragraph_is_parsed_in_chunks(nlp: Language) -> None:
    paragraph = "China and Japan held talks in Tokyo on Monday. " * 600  # ~28,000 characters
    article = parse_article("Title\n" + paragraph, article_id="long")
    chunks = parse(article, nlp)
    assert len(chunks) > 1
    assert all(article.text[c.start : c.start + len(c.doc.text)] == c.doc.text for c in chunks)
    body = list(sentences(chunks))[1:]
    assert [s.index for s in body] == list(range(len(body)))
    assert len(body) == 600


def test_segment_parse_stream_keeps_order_and_reads_lazily(nlp: Language) -> None:
    def endless() -> Iterator[Article]:
        for number in count():
            yield parse_article(
                f"Title {number}\nBody {number}.\nMore {number}.", article_id=str(number)
            )

    parsed = list(islice(parse_stream(endless(), nlp), 5))
    assert [article.id for article, _ in parsed] == ["0", "1", "2", "3", "4"]
    assert all(len(chunks) == 3 for _, chunks in parsed)
    assert parsed[3][1][2].doc.text == "More 3."


def test_segment_parse_stream_skips_articles_not_worth_parsing(nlp: Language) -> None:
    articles = [
        parse_article(f"Title {name}\nBody of {name}.", article_id=name)
        for name in ("skip-first", "keep", "skip-a", "skip-b", "keep-too", "skip-last")
    ]
    seen: list[list[str]] = []

    def worth_parsing(docs: list[Doc]) -> bool:
        seen.append([doc.text for doc in docs])
        return "keep" in docs[0].text

    parsed = list(parse_stream(articles, nlp, worth_parsing=worth_parsing))
    assert [article.id for article, _ in parsed] == [article.id for article in articles]
    assert [len(chunks) for _, chunks in parsed] == [0, 2, 0, 0, 2, 0]
    assert seen[1] == ["Title keep", "Body of keep."]
    assert parsed[1][1][1].doc.has_annotation("DEP")
