"""countrytone: the tone of news text toward each country, per paragraph and per speaker.

The public API is imported lazily, so that ``import countrytone`` stays fast and loads neither
spaCy, pandas nor a model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from countrytone.annotated import AnnotatedArticle, highlight
    from countrytone.articles import (
        Article,
        CorpusFields,
        Paragraph,
        Part,
        parse_article,
        read_articles,
    )
    from countrytone.countries import CountryMention, MentionKind, country_name, find_mentions
    from countrytone.errors import CountrytoneError, InputError, ModelError
    from countrytone.nlp import load_nlp
    from countrytone.pipeline import (
        analyze,
        analyze_articles,
        analyze_batches,
        analyze_with_quotes,
        quotes_table,
    )
    from countrytone.registry import load_tone_model
    from countrytone.report import write_report
    from countrytone.saved_tables import read_mentions
    from countrytone.tables import aggregate
    from countrytone.tone import Label, Target, Tone, ToneModel

_EXPORTS = {
    "countrytone.annotated": ("AnnotatedArticle", "highlight"),
    "countrytone.articles": (
        "Article",
        "CorpusFields",
        "Paragraph",
        "Part",
        "parse_article",
        "read_articles",
    ),
    "countrytone.countries": ("CountryMention", "MentionKind", "country_name", "find_mentions"),
    "countrytone.errors": ("CountrytoneError", "InputError", "ModelError"),
    "countrytone.nlp": ("load_nlp",),
    "countrytone.pipeline": (
        "analyze",
        "analyze_articles",
        "analyze_batches",
        "analyze_with_quotes",
        "quotes_table",
    ),
    "countrytone.registry": ("load_tone_model",),
    "countrytone.report": ("write_report",),
    "countrytone.saved_tables": ("read_mentions",),
    "countrytone.tables": ("aggregate",),
    "countrytone.tone": ("Label", "Target", "Tone", "ToneModel"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "AnnotatedArticle",
    "Article",
    "CorpusFields",
    "CountryMention",
    "CountrytoneError",
    "InputError",
    "Label",
    "MentionKind",
    "ModelError",
    "Paragraph",
    "Part",
    "Target",
    "Tone",
    "ToneModel",
    "aggregate",
    "analyze",
    "analyze_articles",
    "analyze_batches",
    "analyze_with_quotes",
    "country_name",
    "find_mentions",
    "highlight",
    "load_nlp",
    "load_tone_model",
    "parse_article",
    "quotes_table",
    "read_articles",
    "read_mentions",
    "write_report",
]
__version__ = "0.1.0"


def __dir__() -> list[str]:
    # The lazily imported API is listed too, so that tab completion and dir() show it.
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'countrytone' has no attribute {name!r}")
    return getattr(import_module(_MODULE_OF[name]), name)
