"""Reading articles: layouts, offsets, corpora, and every way an input can be bad."""

import io
import json
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from countrytone.articles import (
    Article,
    CorpusFields,
    InputFormat,
    Part,
    decode,
    parse_article,
    read_articles,
)
from countrytone.errors import AmbiguousDateWarning, DateWarning, InputError, InputWarning


def _texts(article: Article) -> list[tuple[str, int | None, str]]:
    return [(p.part.value, p.index, article.paragraph_text(p)) for p in article.paragraphs]


def _read(*sources: str | Path) -> tuple[list[Article], list[InputError]]:
    skipped: list[InputError] = []
    return list(read_articles(sources, on_skip=skipped.append)), skipped


@pytest.mark.parametrize(
    ("text", "expected", "date", "section"),
    [
        (
            "date 2024-03-14 World\nTitle here\nFirst.\nSecond.\n",
            [("title", None, "Title here"), ("body", 0, "First."), ("body", 1, "Second.")],
            "2024-03-14",
            "World",
        ),
        (
            "  date 2024-03-14 Politics\nOnly a title\n",
            [("title", None, "Only a title")],
            "2024-03-14",
            "Politics",
        ),
        (
            "date 2024-03-14\nTitle\nBody.",
            [("title", None, "Title"), ("body", 0, "Body.")],
            "2024-03-14",
            None,
        ),
        (
            "A short headline\n\n\nFirst paragraph.\n  \nSecond paragraph.",
            [
                ("title", None, "A short headline"),
                ("body", 0, "First paragraph."),
                ("body", 1, "Second paragraph."),
            ],
            None,
            None,
        ),
        ("One paragraph only.", [("body", 0, "One paragraph only.")], None, None),
        (
            "x" * 151 + "\nSecond.",
            [("body", 0, "x" * 151), ("body", 1, "Second.")],
            None,
            None,
        ),
        (
            "Title\r\nBody one.\r\nBody two.\r\n",
            [("title", None, "Title"), ("body", 0, "Body one."), ("body", 1, "Body two.")],
            None,
            None,
        ),
        (
            "dated reports say\nBody.",
            [("title", None, "dated reports say"), ("body", 0, "Body.")],
            None,
            None,
        ),
    ],
)
def test_articles_layout(
    text: str, expected: list[tuple[str, int | None, str]], date: str | None, section: str | None
) -> None:
    article = parse_article(text, article_id="a")
    assert _texts(article) == expected
    assert (article.date, article.section) == (date, section)
    title = [p for p in article.paragraphs if p.part is Part.TITLE]
    assert article.title == (article.paragraph_text(title[0]) if title else None)


@pytest.mark.parametrize(
    "header",
    [
        "date 2023-06-20 Politics",
        "date 2023-6-20 Politics",
        "date 20 June 2023 Politics",
        "date June 20, 2023 Politics",
        "date Tuesday, June 20, 2023 Politics",
        "  date Tue 20 June 2023 Politics",
    ],
)
def test_articles_header_dates_in_news_forms_become_iso(header: str) -> None:
    article = parse_article(f"{header}\nThe title\nBody.", article_id="a")
    assert (article.date, article.section, article.title) == ("2023-06-20", "Politics", "The title")
    assert _texts(article) == [("title", None, "The title"), ("body", 0, "Body.")]


def test_articles_unreadable_header_date_warns_and_keeps_the_layout() -> None:
    with pytest.warns(InputWarning, match=r"^a: cannot read the date '31 Juneish 2023 Politics'"):
        article = parse_article("date 31 Juneish 2023 Politics\nThe title\nBody.", article_id="a")
    assert (article.date, article.title) == (None, "The title")
    assert _texts(article) == [("title", None, "The title"), ("body", 0, "Body.")]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("20 June 2023", "2023-06-20"),
        ("06/21/2023", "2023-06-21"),
        ("2023-06-20T14:30:00Z", "2023-06-20T14:30:00+00:00"),
        (20230620, "2023-06-20"),
    ],
)
def test_articles_corpus_dates_become_iso(tmp_path: Path, date: object, expected: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "Body.", "date": date}) + "\n")
    articles, skipped = _read(corpus)
    assert (articles[0].date, skipped) == (expected, [])


def test_articles_unreadable_corpus_date_warns_and_is_left_empty(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "r1", "text": "Body.", "date": "last week"}) + "\n")
    with pytest.warns(InputWarning, match="r1: cannot read the date 'last week'"):
        articles, skipped = _read(corpus)
    assert (articles[0].date, skipped) == (None, [])


@pytest.mark.parametrize(
    ("header", "dayfirst", "date"),
    [
        ("date 13/04/2024 World", None, "2024-04-13"),
        ("date 04/13/2024 World", None, "2024-04-13"),
        ("date 03/04/2024 World", True, "2024-04-03"),
        ("date 03/04/2024 World", False, "2024-03-04"),
        ("date 13/04/2024 World", False, None),
    ],
)
def test_articles_numeric_header_dates_in_the_order_given(
    header: str, dayfirst: bool | None, date: str | None
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = parse_article(f"{header}\nThe title\nBody.", article_id="a", dayfirst=dayfirst)
    assert article.date == date
    assert [w.category for w in caught] == ([] if date else [DateWarning])
    assert article.title == "The title"


def test_articles_day_and_month_that_could_swap_are_one_warning_each(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    dates = ["03/04/2024", "13/04/2024", "2024-04-03"]
    corpus.write_text(
        "".join(json.dumps({"id": d, "text": "Body.", "date": d}) + "\n" for d in dates)
    )
    with pytest.warns(AmbiguousDateWarning) as caught:
        articles, _ = _read(corpus)
    # Was 2024-03-04 then 2024-04-13: one file read in two orders without a word.
    assert [article.date for article in articles] == [None, "2024-04-13", "2024-04-03"]
    assert [str(w.message) for w in caught] == [
        "03/04/2024: the date '03/04/2024' could be day/month or month/day; the date is left "
        "empty (read such dates with --dayfirst or --monthfirst, dayfirst= in Python)"
    ]
    skipped: list[InputError] = []
    read = list(read_articles([corpus], on_skip=skipped.append, dayfirst=True))
    assert [article.date for article in read] == ["2024-04-03", "2024-04-13", "2024-04-03"]


def test_articles_offsets_index_the_decoded_text() -> None:
    data = "\ufeffdate 2024-01-02 World\r\nTitle “quoted”\r\nÉlysée talks.\r\n".encode()
    text = decode(data, source="x")
    article = parse_article(text, article_id="x")
    assert text.startswith("date")
    assert "\r\n" in text
    assert [article.paragraph_text(p) for p in article.paragraphs] == [
        "Title “quoted”",
        "Élysée talks.",
    ]


def test_articles_row_title_makes_every_line_a_body_paragraph() -> None:
    article = parse_article("Short first line\nSecond.", article_id="r", title="Given title")
    assert article.title == "Given title"
    assert [p.part for p in article.paragraphs] == [Part.BODY, Part.BODY]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty text"),
        (b"  \n\n \r\n", "empty text"),
        (b"date 2024-01-01 World\n", "empty text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_articles_bad_file_is_skipped_with_one_line(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    articles, skipped = _read(path)
    assert articles == []
    assert [error.source for error in skipped] == [str(path)]
    assert problem in str(skipped[0])
    assert "\n" not in str(skipped[0])


def test_articles_missing_file_is_skipped(tmp_path: Path) -> None:
    articles, skipped = _read(tmp_path / "nope.txt")
    assert articles == []
    assert "no such file" in str(skipped[0])


def test_articles_folder_keeps_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Title B\nBody B.")
    (tmp_path / "a.txt").write_text("Title A\nBody A.")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("Hidden\nBody.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Title C\nBody C.")
    (tmp_path / "sub" / "page.xml").write_text("<p>Not read</p>")
    (tmp_path / "sub" / "notes.MD").write_text("not an article")
    (tmp_path / "LICENSE").write_text("MIT")
    with pytest.warns(InputWarning) as caught:
        articles, skipped = _read(tmp_path)
    assert [a.title for a in articles] == ["Title A", "Title B", "Title C"]
    assert articles[0].id == str(tmp_path / "a.txt")
    assert [e.source for e in skipped] == [str(tmp_path / "broken.txt")]
    assert [str(warning.message) for warning in caught] == [
        f"{tmp_path}: files left out (neither articles nor corpora): "
        "1 (no extension), 2 .md, 1 .xml"
    ]


def test_articles_folder_source_is_the_first_subfolder(tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "bbc" / "2024").mkdir(parents=True)
    (news / "bbc" / "2024" / "a.txt").write_text("Title A\nBody A.")
    (news / "loose.txt").write_text("Title B\nBody B.")
    rows = [{"text": "Row one.", "source": "Reuters"}, {"text": "Row two."}]
    (news / "wire").mkdir()
    (news / "wire" / "rows.jsonl").write_text("\n".join(json.dumps(row) for row in rows))
    articles, skipped = _read(news)
    assert skipped == []
    assert [a.source for a in articles] == ["bbc", None, "Reuters", "wire"]
    # Read on its own, a file has no folder to name its source.
    assert _read(news / "bbc" / "2024" / "a.txt")[0][0].source is None


def test_articles_empty_folder_is_reported(tmp_path: Path) -> None:
    articles, skipped = _read(tmp_path)
    assert articles == []
    assert str(skipped[0]) == (
        f"{tmp_path}: folder holds no .txt/.html articles and no .jsonl/.csv corpus"
    )
    (tmp_path / "a.md").write_text("notes")
    articles, skipped = _read(tmp_path)
    assert str(skipped[0]).endswith("corpus (it holds 1 .md)")


def test_articles_jsonl_corpus_ids_metadata_and_bad_rows(tmp_path: Path) -> None:
    rows = [
        {"id": "r1", "text": "Body one.", "date": "2024-05-01", "source": "Wire", "title": "T1"},
        {"text": "Headline\nBody two."},
        "not an object",
        {"id": "r4"},
        {"text": "   "},
    ]
    lines = [json.dumps(row) for row in rows] + ["{broken", ""]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n")
    articles, skipped = _read(corpus)
    assert [(a.id, a.date, a.source, a.title) for a in articles] == [
        ("r1", "2024-05-01", "Wire", "T1"),
        (f"{corpus}:2", None, None, "Headline"),
    ]
    assert [e.source for e in skipped] == [f"{corpus}:{n}" for n in (3, 4, 5, 6)]


def test_articles_csv_corpus_counts_physical_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('id,text\n,"Headline\nBody."\nx2,Second body.\n', encoding="utf-8")
    articles, skipped = _read(corpus)
    assert skipped == []
    assert [a.id for a in articles] == [f"{corpus}:2", "x2"]
    assert articles[0].text == "Headline\nBody."


def test_articles_csv_without_text_column_is_skipped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,body\n1,hello\n")
    articles, skipped = _read(corpus)
    assert articles == []
    # Was "CSV corpus has no 'text' column", naming neither the columns found nor the way out.
    assert str(skipped[0]) == (
        f"{corpus}: CSV corpus has no 'text' column (its columns: 'id', 'body'); "
        "name the text column with --text-column NAME"
    )


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_articles_corpus_fields_by_other_names(tmp_path: Path, suffix: str) -> None:
    rows = [{"key": "r1", "body": "Headline\nChina met Japan.", "published": "2024-03-14",
             "headline": "Talks", "outlet": "Wire"}]  # fmt: skip
    corpus = tmp_path / f"corpus{suffix}"
    if suffix == ".csv":
        pd.DataFrame(rows).to_csv(corpus, index=False)
    else:
        corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
    fields = CorpusFields(
        text="body", id="key", date="published", title="headline", source="outlet"
    )
    skipped: list[InputError] = []
    [article] = read_articles([corpus], on_skip=skipped.append, fields=fields)
    assert skipped == []
    assert (article.id, article.date, article.title, article.source) == (
        "r1", "2024-03-14", "Talks", "Wire"
    )  # fmt: skip
    assert article.text == "Headline\nChina met Japan."


@pytest.mark.parametrize(
    ("suffix", "content", "fields", "problem"),
    [
        (".csv", "id,text\n1,hi\n", CorpusFields(text="body"),
         "CSV corpus has no 'body' column (its columns: 'id', 'text'); name the text column "
         "with --text-column NAME"),
        (".csv", "id,text\n1,hi\n", CorpusFields(date="published"),
         "CSV corpus has no 'published' column (its columns: 'id', 'text'); name the date "
         "column with --date-column NAME"),
        (".jsonl", '{"id": "1", "body": "hi"}\n', CorpusFields(),
         "row has no 'text' string (its fields: 'id', 'body'); name the text field with "
         "--text-column NAME"),
    ],
)  # fmt: skip
def test_articles_missing_corpus_field_names_the_fields_found(
    tmp_path: Path, suffix: str, content: str, fields: CorpusFields, problem: str
) -> None:
    corpus = tmp_path / f"corpus{suffix}"
    corpus.write_text(content)
    skipped: list[InputError] = []
    assert list(read_articles([corpus], on_skip=skipped.append, fields=fields)) == []
    assert [error.problem for error in skipped] == [problem]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.jsonl", ""),
        ("blank.jsonl", "\n  \n"),
        ("empty.csv", ""),
        ("header.csv", "id,text\n"),
    ],
)
def test_articles_empty_corpus_is_one_warning(tmp_path: Path, name: str, content: str) -> None:
    corpus = tmp_path / name
    corpus.write_text(content)
    # Was no word at all for JSONL, and "no 'text' column" skipped (exit 2) for an empty CSV.
    with pytest.warns(InputWarning, match=f"^{corpus}: no rows, an empty corpus$") as caught:
        articles, skipped = _read(corpus)
    assert (articles, skipped, len(caught)) == ([], [], 1)


def test_articles_corpus_title_analysed_as_the_first_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    row = {"id": "r1", "title": "China warns Japan", "text": "Short first line\nSecond."}
    corpus.write_text(json.dumps(row) + "\n")
    skipped: list[InputError] = []
    [plain] = read_articles([corpus], on_skip=skipped.append)
    [titled] = read_articles([corpus], on_skip=skipped.append, analyze_titles=True)
    assert skipped == []
    assert [p.part for p in plain.paragraphs] == [Part.BODY, Part.BODY]
    assert titled.text == "China warns Japan\nShort first line\nSecond."
    assert titled.title == "China warns Japan"
    assert _texts(titled) == [
        ("title", None, "China warns Japan"),
        ("body", 0, "Short first line"),
        ("body", 1, "Second."),
    ]


def test_articles_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Title\nBody from stdin."))
    monkeypatch.setattr(sys, "stdin", stdin)
    articles, skipped = _read("-")
    assert skipped == []
    assert articles[0].id == "-"
    assert articles[0].title == "Title"


JSONL_ROWS = b'{"id": "a", "text": "Body A.", "date": "20 June 2023"}\n{"text": "Body B."}\n'


@pytest.mark.parametrize(
    ("data", "input_format"),
    [(JSONL_ROWS, "jsonl"), (b"id,text,date\na,Body A.,20 June 2023\n,Body B.,\n", "csv")],
)
def test_articles_stdin_corpus_with_input_format(
    monkeypatch: pytest.MonkeyPatch, data: bytes, input_format: InputFormat
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    skipped: list[InputError] = []
    articles = list(read_articles(["-"], on_skip=skipped.append, input_format=input_format))
    assert [(a.id, a.text, a.date) for a in articles] == [
        ("a", "Body A.", "2023-06-20"),
        ("-:2" if input_format == "jsonl" else "-:3", "Body B.", None),
    ]
    assert skipped == []


def test_articles_stdin_jsonl_read_as_text_gets_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JSONL_ROWS)))
    with pytest.warns(InputWarning, match="^-: looks like JSONL rows .* --input-format jsonl$"):
        articles, _ = _read("-")
    assert [a.id for a in articles] == ["-"]


@pytest.mark.parametrize(
    "text", ['{"title": "no text field"}\n', "{Not JSON}\nBody.", 'Title\n{"text": "x"}\n']
)
def test_articles_stdin_text_without_hint(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        articles, skipped = _read("-")
    assert ([a.id for a in articles], skipped) == (["-"], [])


def test_articles_file_input_format_overrides_the_extension(tmp_path: Path) -> None:
    corpus = tmp_path / "rows.txt"
    corpus.write_bytes(JSONL_ROWS)
    skipped: list[InputError] = []
    articles = list(read_articles([corpus], on_skip=skipped.append, input_format="jsonl"))
    assert [a.id for a in articles] == ["a", f"{corpus}:2"]
    articles, _ = _read(corpus)
    assert [a.id for a in articles] == [str(corpus)]


def test_articles_read_lazily() -> None:
    # A generator: nothing is read before it is iterated.
    skipped: list[InputError] = []
    articles = read_articles(["/no/such/file.txt"], on_skip=skipped.append)
    assert skipped == []
    assert list(articles) == []
    assert len(skipped) == 1
