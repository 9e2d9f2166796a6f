"""The Jinja2 templates and the stylesheet of countrytone's HTML (package data in templates/).

Every template autoescapes: article text is always shown as text, never read as markup.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader
from markupsafe import Markup


def render(template: str, **context: object) -> Markup:
    """A template rendered with ``context``."""
    return Markup(_environment().get_template(template).render(**context))


@cache
def stylesheet() -> Markup:
    """The stylesheet of the annotated text and the report, to inline in a page."""
    source, _, _ = _environment().loader.get_source(_environment(), "report.css")  # type: ignore[union-attr]
    return Markup(source)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("countrytone", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
