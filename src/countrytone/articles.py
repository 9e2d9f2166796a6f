"""Reading articles: files, strings, stdin, folders and JSONL/CSV corpora -> Article.

Every offset is a Python string index into ``Article.text``: the input decoded from UTF-8 with a
leading BOM dropped and ``\\r\\n`` kept as it is, or the ``text`` field of a corpus row.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Literal

from countrytone.dates import AmbiguousDateError, iso_date, split_date
from countrytone.errors import AmbiguousDateWarning, DateWarning, InputError, InputWarning

STDIN = "-"
ARTICLE_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
CORPUS_SUFFIXES = frozenset({".jsonl", ".csv"})
InputFormat = Literal["text", "html", "jsonl", "csv"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("text", "html", "jsonl", "csv")

# A headline rarely runs past 150 characters (wire style guides cap them near 100); a longer
# first line is a body paragraph. The limit is the layout's (docs/definitions.md).
MAX_TITLE_CHARS = 150

# The header line: "date", then a date in any common form (dates.py reads it) and the section.
_HEADER = re.compile(r"[ \t]*date[ \t]+(?P<rest>[^\n]*?\d[^\n]*?)[ \t\r]*")
_LINE = re.compile(r"[^\n]+")


class Part(StrEnum):
    """Where a paragraph sits in its article."""

    TITLE = "title"
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or the title) as a span of its article's text.

    ``index`` counts body paragraphs from 0; it is None for the title.
    """

    part: Part
    index: int | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class CorpusFields:
    """The names of the fields a corpus row is read from: JSONL keys or CSV columns.

    ``text`` is required; the others are read when a row has them.
    """

    text: str = "text"
    id: str = "id"
    date: str = "date"
    title: str = "title"
    source: str = "source"


DEFAULT_FIELDS = CorpusFields()


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """How inputs are read (``read_articles``'s options, passed down as one).

    Attributes:
        input_format: how a file or stdin is read; None: stdin as text, a file by extension.
        html_rows: the text of corpus rows is a web page.
        fields: the names of a corpus row's fields.
        dayfirst: the order of a numeric date's day and month (``countrytone.dates``); None
            reads only the dates whose order is clear.
        analyze_titles: a corpus row's ``title`` becomes the article's first line, analysed as
            its title (``part = "title"``): offsets then index the title, a line break and the
            text.
    """

    input_format: InputFormat | None = None
    html_rows: bool = False
    fields: CorpusFields = DEFAULT_FIELDS
    dayfirst: bool | None = None
    analyze_titles: bool = False


DEFAULT_READ_OPTIONS = ReadOptions()


@dataclass(frozen=True)
class Article:
    """One article: its text, metadata and paragraphs (the title first when it is in the text).

    ``title`` is the title's text: the title paragraph's, or a corpus row's ``title`` field (which
    is not part of ``text`` and so has no paragraph of its own).
    """

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    date: str | None = None
    section: str | None = None
    source: str | None = None
    title: str | None = None

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """The text of one of this article's paragraphs."""
        return self.text[paragraph.start : paragraph.end]


def parse_article(
    text: str,
    *,
    article_id: str,
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    dayfirst: bool | None = None,
) -> Article:
    """Split a text into title and paragraphs by the users' layout (docs/definitions.md).

    An optional header line ``date DATE Section`` comes first; with it, the next line is the
    title. The date may be written in the forms ``countrytone.dates`` reads (``2023-06-20``,
    ``20 June 2023``, ``June 20, 2023``, ``20/06/2023``, ...) and becomes ISO ``YYYY-MM-DD``;
    so does a ``date`` given by a corpus row, a timestamp keeping its time. ``dayfirst`` is the
    order of a numeric date's day and month: None reads only those whose order is clear. A date
    that cannot be read is left empty with a ``DateWarning``, one whose day and month could
    swap with an ``AmbiguousDateWarning`` (both ``InputWarning``); the header is still the
    header. Without a header, the first paragraph is the title when it is at most 150
    characters and more paragraphs follow. A ``title`` given by a corpus row replaces title
    detection: then every line of ``text`` is a body paragraph. Blank lines are ignored.

    Raises:
        InputError: the text holds no paragraph.
    """
    lines = [_strip_span(text, match.start(), match.end()) for match in _LINE.finditer(text)]
    lines = [(start, end) for start, end in lines if start < end]
    section = header_date = None
    header = _HEADER.fullmatch(text, *lines[0]) if lines else None
    if header:
        header_date, section = _read_header(
            header["rest"], article_id=article_id, dayfirst=dayfirst
        )
        lines = lines[1:]
    if date is not None:
        date = _read_date(date, article_id=article_id, dayfirst=dayfirst)
    else:
        date = header_date
    if not lines:
        raise InputError(article_id, "empty text: no paragraph to analyse")
    title_line = None if title is not None else _title_line(lines, text, has_header=bool(header))
    if title_line is not None:
        title = text[title_line[0] : title_line[1]]
        lines = lines[1:]
    paragraphs = [Paragraph(Part.TITLE, None, *title_line)] if title_line else []
    paragraphs += [Paragraph(Part.BODY, index, *span) for index, span in enumerate(lines)]
    return Article(
        id=article_id,
        text=text,
        paragraphs=tuple(paragraphs),
        date=date,
        section=section,
        source=source,
        title=title,
    )


def read_articles(
    sources: Iterable[str | Path],
    *,
    on_skip: Callable[[InputError], None],
    input_format: InputFormat | None = None,
    html_rows: bool = False,
    fields: CorpusFields = DEFAULT_FIELDS,
    dayfirst: bool | None = None,
    analyze_titles: bool = False,
) -> Iterator[Article]:
    """Articles from files, folders, web pages, JSONL/CSV corpora or ``-`` (stdin), lazily.

    A file or stdin is read as ``input_format`` says: ``text`` (one article), ``html`` (a web
    page: its main text, title and date, ``countrytone.html_pages``), ``jsonl`` or ``csv`` (a
    corpus); by default stdin is text and a file's extension decides (``.html``/``.htm``,
    ``.jsonl``, ``.csv``, else text). ``html_rows`` says the ``text`` of corpus rows is a web
    page; ``fields`` names the fields a corpus row is read from; ``dayfirst`` orders numeric
    dates; ``analyze_titles`` analyses a corpus row's title (see ``ReadOptions``). A folder
    yields its ``.txt``/``.text`` articles, ``.html``/``.htm`` pages and ``.jsonl``/``.csv``
    corpora, recursively, in path order, hidden files left out; the other files it holds are
    named, counted by extension, in one ``InputWarning``. An article read from a folder takes its
    ``source`` from the first subfolder under the folder given (``news/bbc/2024/x.txt`` read as
    ``news`` -> ``bbc``; a file directly in ``news`` has none) unless its corpus row names a
    source or its web page a site name. Text on stdin that is clearly JSONL rows with a
    ``text`` field, and a corpus without rows, get an ``InputWarning`` too. An input that
    cannot be read (missing, binary, not UTF-8, empty, a bad corpus row, a page with no main
    text) is passed to ``on_skip`` and the rest go on.
    """
    options = ReadOptions(
        input_format=input_format,
        html_rows=html_rows,
        fields=fields,
        dayfirst=dayfirst,
        analyze_titles=analyze_titles,
    )
    for source in sources:
        try:
            yield from _read_source(str(source), on_skip=on_skip, options=options)
        except InputError as error:
            on_skip(error)


ArticleSource = str | os.PathLike[str] | Article
"""What ``analyze`` takes as one input: an article's text, a file (or folder, or corpus), an
``Article``."""


def articles_from(
    inputs: ArticleSource | Iterable[ArticleSource], *, options: ReadOptions = DEFAULT_READ_OPTIONS
) -> Iterator[Article]:
    """The articles of one input or of an iterable of inputs, lazily, in order.

    A ``str`` is always an article's text (its id ``"text"``, or ``"text:N"`` counting an
    iterable's items from 1); a one-line ``str`` that names an existing file gets an
    ``InputWarning`` saying to pass a ``Path``. A path (``os.PathLike``) is read as
    ``read_articles`` reads it, with ``options``: a file, a folder or a JSONL/CSV corpus.

    Raises:
        InputError: a file or text cannot be read (strict: ``read_articles`` takes an
            ``on_skip`` to go on past bad inputs instead).
        TypeError: an input is none of these.
    """
    if isinstance(inputs, str | os.PathLike | Article):
        yield from _articles_of([inputs], options, text_ids=lambda _: "text")
    else:
        yield from _articles_of(inputs, options, text_ids=lambda number: f"text:{number}")


def _articles_of(
    items: Iterable[object], options: ReadOptions, *, text_ids: Callable[[int], str]
) -> Iterator[Article]:
    for number, item in enumerate(items, start=1):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, os.PathLike):
            yield from _read_source(os.fspath(item), on_skip=_raise, options=options)
        elif isinstance(item, str):
            _warn_if_a_path(item)
            yield parse_article(item, article_id=text_ids(number), dayfirst=options.dayfirst)
        else:
            raise TypeError(
                "takes an article's text (str), a file (pathlib.Path), an Article or an "
                f"iterable of these, not {type(item).__name__}"
            )


def _raise(error: InputError) -> None:
    raise error


def _warn_if_a_path(text: str) -> None:
    name = text.strip()
    if "\n" in name or not name:
        return
    try:
        exists = Path(name).exists()
    except (OSError, ValueError):  # a name too long or with a NUL byte is no file
        return
    if exists:
        message = (
            f"the text {name!r} names a file but is analysed as text: "
            f"pass pathlib.Path({name!r}) to read the file"
        )
        warnings.warn(InputWarning(message), stacklevel=2)


def decode(data: bytes, *, source: str) -> str:
    """Decode UTF-8 bytes, dropping a leading BOM and keeping line endings as they are.

    Raises:
        InputError: the data is binary or not valid UTF-8.
    """
    if b"\x00" in data:
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid UTF-8 text (byte {error.start})") from None


def _read_source(
    source: str,
    *,
    on_skip: Callable[[InputError], None],
    options: ReadOptions,
    outlet: str | None = None,
) -> Iterator[Article]:
    if source == STDIN:
        yield from _read_stdin(on_skip=on_skip, options=options)
        return
    path = Path(source)
    if path.is_dir():
        yield from _read_folder(path, source=source, on_skip=on_skip, options=options)
        return
    input_format = options.input_format or _format_of(path)
    if input_format == "text":
        text = _read_text(path, source=source)
        yield parse_article(text, article_id=source, source=outlet, dayfirst=options.dayfirst)
    elif input_format == "html":
        page = _read_text(path, source=source)
        yield _parse_page(page, article_id=source, outlet=outlet)
    else:
        with _open(path, source=source) as file:
            yield from _read_corpus(
                file, input_format, source=source, on_skip=on_skip, outlet=outlet, options=options
            )


def _format_of(path: Path) -> InputFormat:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    return "jsonl" if suffix == ".jsonl" else "csv" if suffix == ".csv" else "text"


def _parse_page(
    html: str,
    *,
    article_id: str,
    outlet: str | None,
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
) -> Article:
    """A web page as an article; the folder's outlet is its source where nothing else names one."""
    # Imported here: trafilatura loads only when a web page is read.
    from countrytone.html_pages import parse_html

    article = parse_html(html, article_id=article_id, date=date, source=source, title=title)
    return article if article.source else replace(article, source=outlet)


def _read_stdin(
    *, on_skip: Callable[[InputError], None], options: ReadOptions
) -> Iterator[Article]:
    input_format = options.input_format or "text"
    if input_format in ("jsonl", "csv"):
        yield from _read_corpus(
            sys.stdin.buffer,
            input_format,
            source=STDIN,
            on_skip=on_skip,
            outlet=None,
            options=options,
        )
        return
    text = decode(sys.stdin.buffer.read(), source=STDIN)
    if input_format == "html":
        yield _parse_page(text, article_id=STDIN, outlet=None)
        return
    if _looks_like_jsonl(text):
        message = (
            f"{STDIN}: looks like JSONL rows with a 'text' field but is read as one article's "
            "text; to read it as a corpus, pass --input-format jsonl"
        )
        warnings.warn(InputWarning(message), stacklevel=2)
    yield parse_article(text, article_id=STDIN, dayfirst=options.dayfirst)


def _looks_like_jsonl(text: str) -> bool:
    """Every line a JSON object, the first with a ``text`` string."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not all(line.startswith("{") and line.endswith("}") for line in lines):
        return False
    try:
        first = json.loads(lines[0])
    except json.JSONDecodeError:
        return False
    return isinstance(first, dict) and isinstance(first.get("text"), str)


def _read_folder(
    folder: Path, *, source: str, on_skip: Callable[[InputError], None], options: ReadOptions
) -> Iterator[Article]:
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    suffixes = ARTICLE_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
    readable = [path for path in files if path.suffix.lower() in suffixes]
    left_out = Counter(path.suffix.lower() or "(no extension)" for path in files)
    left_out.subtract(Counter(path.suffix.lower() for path in readable))
    kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(left_out.items()) if count)
    if not readable:
        holds = f" (it holds {kinds})" if kinds else ""
        raise InputError(
            source, f"folder holds no .txt/.html articles and no .jsonl/.csv corpus{holds}"
        )
    if kinds:
        message = f"{source}: files left out (neither articles nor corpora): {kinds}"
        warnings.warn(InputWarning(message), stacklevel=2)
    for path in readable:
        subfolders = path.relative_to(folder).parts[:-1]
        try:
            yield from _read_source(
                str(path),
                on_skip=on_skip,
                options=replace(options, input_format=None),
                outlet=subfolders[0] if subfolders else None,
            )
        except InputError as error:
            on_skip(error)


def _read_text(path: Path, *, source: str) -> str:
    with _open(path, source=source) as file:
        return decode(file.read(), source=source)


def _read_corpus(
    file: IO[bytes],
    input_format: Literal["jsonl", "csv"],
    *,
    source: str,
    on_skip: Callable[[InputError], None],
    outlet: str | None,
    options: ReadOptions,
) -> Iterator[Article]:
    rows = (
        _jsonl_rows(file, source=source, on_skip=on_skip)
        if input_format == "jsonl"
        else _csv_rows(file, source=source, on_skip=on_skip, fields=options.fields)
    )
    for location, row in rows:
        try:
            yield _article_from_row(row, location=location, outlet=outlet, options=options)
        except InputError as error:
            on_skip(error)


def _warn_no_rows(source: str) -> None:
    warnings.warn(InputWarning(f"{source}: no rows, an empty corpus"), stacklevel=4)


def _jsonl_rows(
    lines: IO[bytes], *, source: str, on_skip: Callable[[InputError], None]
) -> Iterator[tuple[str, dict[str, Any]]]:
    empty = True
    for line_number, raw_line in enumerate(lines, start=1):
        location = f"{source}:{line_number}"
        empty = empty and not raw_line.strip()
        try:
            row = json.loads(decode(raw_line, source=location)) if raw_line.strip() else {}
        except json.JSONDecodeError as error:
            on_skip(InputError(location, f"invalid JSON ({error.msg})"))
            continue
        except InputError as error:
            on_skip(error)
            continue
        if not isinstance(row, dict):
            on_skip(InputError(location, "not a JSON object"))
        elif row:
            yield location, row
    if empty:
        _warn_no_rows(source)


def _csv_rows(
    file: IO[bytes],
    *,
    source: str,
    on_skip: Callable[[InputError], None],
    fields: CorpusFields,
) -> Iterator[tuple[str, dict[str, Any]]]:
    # Detached, not closed, when done: closing the wrapper would close stdin or the file.
    lines = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(lines)
    try:
        if reader.fieldnames is None:
            _warn_no_rows(source)
            return
        _check_columns(reader.fieldnames, fields, source=source)
        line_number = reader.line_num + 1
        empty = True
        for row in reader:
            empty = False
            yield f"{source}:{line_number}", row
            line_number = reader.line_num + 1
        if empty:
            _warn_no_rows(source)
    except (csv.Error, UnicodeDecodeError) as error:
        # A broken line ends the file's rows: the CSV cannot be resynchronised past it.
        problem = "not valid UTF-8" if isinstance(error, UnicodeDecodeError) else str(error)
        on_skip(InputError(f"{source}:{reader.line_num + 1}", f"unreadable CSV ({problem})"))
    finally:
        lines.detach()


def _check_columns(columns: Sequence[str], fields: CorpusFields, *, source: str) -> None:
    """The text column, and every column named other than by default, must be in the header."""
    named = [
        (field.name, getattr(fields, field.name))
        for field in dataclass_fields(CorpusFields)
        if field.name == "text"
        or getattr(fields, field.name) != getattr(DEFAULT_FIELDS, field.name)
    ]
    for field, column in named:
        if column not in columns:
            found = ", ".join(repr(name) for name in columns)
            raise InputError(
                source,
                f"CSV corpus has no {column!r} column (its columns: {found}); "
                f"name the {field} column with --{field}-column NAME",
            )


@contextmanager
def _open(path: Path, *, source: str) -> Iterator[IO[bytes]]:
    try:
        file = path.open("rb")
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as error:
        raise InputError(source, f"cannot read ({error.strerror})") from None
    with file:
        yield file


def _article_from_row(
    row: dict[str, Any], *, location: str, outlet: str | None, options: ReadOptions
) -> Article:
    fields = options.fields
    text = row.get(fields.text)
    if not isinstance(text, str):
        keys = ", ".join(repr(key) for key in row)
        raise InputError(
            location,
            f"row has no {fields.text!r} string (its fields: {keys}); "
            "name the text field with --text-column NAME",
        )
    article_id = _optional_str(row.get(fields.id)) or location
    date = _optional_str(row.get(fields.date))
    source = _optional_str(row.get(fields.source))
    title = _optional_str(row.get(fields.title))
    if options.html_rows:
        date = _read_date(date, article_id=article_id, dayfirst=options.dayfirst) if date else None
        return _parse_page(
            text, article_id=article_id, outlet=outlet, date=date, source=source, title=title
        )
    article = parse_article(
        text,
        article_id=article_id,
        date=date,
        source=source or outlet,
        title=title,
        dayfirst=options.dayfirst,
    )
    return _with_title_line(article) if options.analyze_titles and title is not None else article


def _with_title_line(article: Article) -> Article:
    """The article with its title as its first line, a paragraph of its own (``part = title``):
    offsets of the body move past the title and its line break."""
    assert article.title is not None  # the caller checks
    # One line, each break a space: the title keeps its length, so offsets hold.
    title = article.title.replace("\r", " ").replace("\n", " ")
    shift = len(title) + 1
    body = tuple(
        replace(paragraph, start=paragraph.start + shift, end=paragraph.end + shift)
        for paragraph in article.paragraphs
    )
    first = Paragraph(Part.TITLE, None, 0, len(title))
    return replace(article, text=f"{title}\n{article.text}", paragraphs=(first, *body))


def _read_header(
    rest: str, *, article_id: str, dayfirst: bool | None
) -> tuple[str | None, str | None]:
    """The date and section of a header line's text after ``date``."""
    try:
        split = split_date(rest, dayfirst=dayfirst)
    except AmbiguousDateError as error:
        _warn_ambiguous_date(error, article_id=article_id)
        return None, None
    if split is None:
        _warn_date(rest, article_id=article_id)
        return None, None
    date, section = split
    return date, section or None


def _read_date(value: str, *, article_id: str, dayfirst: bool | None) -> str | None:
    try:
        date = iso_date(value, dayfirst=dayfirst)
    except AmbiguousDateError as error:
        _warn_ambiguous_date(error, article_id=article_id)
        return None
    if date is None:
        _warn_date(value, article_id=article_id)
    return date


def _warn_date(value: str, *, article_id: str) -> None:
    message = f"{article_id}: cannot read the date {value!r}; the date is left empty"
    warnings.warn(DateWarning(message), stacklevel=4)


def _warn_ambiguous_date(error: AmbiguousDateError, *, article_id: str) -> None:
    message = (
        f"{article_id}: the date {error.text!r} could be day/month or month/day; the date is "
        "left empty (read such dates with --dayfirst or --monthfirst, dayfirst= in Python)"
    )
    warnings.warn(AmbiguousDateWarning(message), stacklevel=4)


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _title_line(
    lines: list[tuple[int, int]], text: str, *, has_header: bool
) -> tuple[int, int] | None:
    if has_header:
        return lines[0]
    first_start, first_end = lines[0]
    is_short = len(text[first_start:first_end]) <= MAX_TITLE_CHARS
    return lines[0] if is_short and len(lines) > 1 else None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
