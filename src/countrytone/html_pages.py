"""Saved web pages -> Article: the main text, title and date that trafilatura extracts.

Navigation, adverts, bylines, related links and comments are left out. The article's text is the
extracted title and paragraphs, one a line, and every offset indexes that text (not the HTML):
``analyze --with-text`` and the report carry it, so rows stay traceable.
"""

from __future__ import annotations

import re

from countrytone.articles import Article, Paragraph, Part
from countrytone.errors import InputError

_LINE = re.compile(r"[^\n]+")
# Fewer words than this is no story (a brief runs to two sentences, some 40 words): what the
# extractor falls back to on a page without one, its menu or a sign-in form.
MIN_MAIN_TEXT_WORDS = 20


def parse_html(
    html: str,
    *,
    article_id: str,
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
) -> Article:
    """The main text of a web page as an article: its title first, then one line per paragraph.

    ``title``, ``date`` and ``source`` (a corpus row's) win; else the page's own title, date
    and site name are used where it gives them.

    Raises:
        InputError: the page has no main text.
    """
    import trafilatura

    # Precision over recall: a stray menu or teaser left in would be scored as the story.
    page = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    found = {} if page is None else page if isinstance(page, dict) else page.as_dict()
    body = [line.strip() for line in _LINE.findall(found.get("text") or "")]
    body = [line for line in body if line]
    if sum(len(line.split()) for line in body) < MIN_MAIN_TEXT_WORDS:
        raise InputError(article_id, "no main text found in the HTML page")
    title = title or _clean(found.get("title"))
    if title and body[0] == title:
        body = body[1:]
    if not body:
        raise InputError(article_id, "no main text found in the HTML page")
    lines = [title, *body] if title else body
    text = "\n".join(lines)
    paragraphs = []
    start = 0
    for number, line in enumerate(lines):
        is_title = bool(title) and number == 0
        index = None if is_title else number - bool(title)
        paragraphs.append(
            Paragraph(Part.TITLE if is_title else Part.BODY, index, start, start + len(line))
        )
        start += len(line) + 1
    return Article(
        id=article_id,
        text=text,
        paragraphs=tuple(paragraphs),
        date=date or _clean(found.get("date")),
        source=source or _clean(found.get("sitename")),
        title=title,
    )


def _clean(value: object) -> str | None:
    """A metadata value as one line of text, or None when the page gives none."""
    if not isinstance(value, str):
        return None
    line = " ".join(value.split())
    return line or None
