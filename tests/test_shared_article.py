"""Country sets per paragraph of the real article in ../shared/articles, checked by hand.

Run ``.venv/bin/pytest tests/test_shared_article.py -s`` to print recall and precision over
(paragraph, country) pairs. Skips where ../shared is absent.
"""

from pathlib import Path

import pytest
from spacy.language import Language

from countrytone.articles import read_articles
from countrytone.pipeline import locate_mentions

ARTICLE = "articles/seed-2023-06-20-blinken-beijing.txt"

# Read by a person, paragraph by paragraph (None is the title). Capitals that are only places
# ("his two-day visit to Beijing", "Qin Gang in Beijing", "engagements in Washington and
# Beijing") are not mentions; "Beijing's reluctance ... with Washington" are.
EXPECTED: dict[int | None, set[str]] = {
    None: {"CHN"},
    0: {"USA", "CHN"},
    1: {"CHN"},
    2: set(),
    3: {"CHN", "USA", "TWN"},
    4: {"CHN"},
    5: set(),
    6: {"CHN", "USA", "TWN"},
    7: {"CHN", "USA"},
    8: {"CHN", "USA"},
    9: {"TWN", "CHN"},
    10: {"USA", "TWN", "CHN"},
    11: {"RUS", "UKR", "USA", "CHN"},
    12: {"CHN", "USA"},
    13: {"CHN", "USA"},
    14: {"USA"},
    15: {"USA", "CHN"},
}


def test_shared_article_paragraph_countries(shared: Path, nlp: Language) -> None:
    [article] = read_articles([shared / ARTICLE], on_skip=pytest.fail)
    found: dict[int | None, set[str]] = {paragraph: set() for paragraph in EXPECTED}
    for located in locate_mentions(article, nlp):
        found[located.sentence.paragraph.index].add(located.mention.country)
    expected_pairs = {(p, c) for p, countries in EXPECTED.items() for c in countries}
    found_pairs = {(p, c) for p, countries in found.items() for c in countries}
    hits = len(expected_pairs & found_pairs)
    recall, precision = hits / len(expected_pairs), hits / max(len(found_pairs), 1)
    print(f"\n(paragraph, country) pairs: {len(expected_pairs)} expected, {len(found_pairs)} found")
    print(f"recall {recall:.3f}  precision {precision:.3f}")
    for paragraph in EXPECTED:
        missed = EXPECTED[paragraph] - found[paragraph]
        extra = found[paragraph] - EXPECTED[paragraph]
        if missed or extra:
            print(f"paragraph {paragraph}: missed {sorted(missed)}, extra {sorted(extra)}")
    assert found == EXPECTED
