"""Country sets per paragraph, and who speaks each country mention, of the real article in
../shared/articles, checked by hand.

Run ``.venv/bin/pytest tests/test_shared_article.py -s`` to print recall and precision over
(paragraph, country) pairs and the share of mentions whose speaker matches. Skips where
../shared is absent.
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


# Who speaks each country mention, labelled by hand by DESIGN.md's rule (the innermost direct or
# reported attribution with a known speaker; acts, intentions and refusals never speak; None is
# the article's own voice), as (paragraph, mention, speaker) in text order.
BLINKEN = "Antony Blinken"
USA = "United States"
EXPECTED_SPEAKERS: list[tuple[int | None, str, str | None]] = [
    (None, "China", None),
    (0, "US", None),  # "China reportedly refused to resume communication ... with the US"
    (0, "China", None),
    (0, "China", None),
    (0, "US military", None),
    (1, "China", None),
    (1, "Chinese", "some commentators"),  # "called it a deliberate snub on the part of ..."
    (1, "Chinese", "Reuters"),  # "Reuters news agency noted that ..."
    (3, "China", None),
    (3, "United States", None),
    (3, "China", USA),  # "the United States accused China of ..."
    (3, "American", USA),
    (3, "China", None),
    (3, "Taiwan", None),
    (3, "US", None),
    (3, "China", USA),  # "US fears that China could ..."
    (4, "People’s Republic of China", BLINKEN),
    (6, "China", BLINKEN),  # inside Bethany Allen's tweet: "Blinken says China didn't agree"
    (6, "US", BLINKEN),
    (6, "Taiwan", None),
    (6, "China", None),
    (7, "China", None),  # "BBC China correspondent"
    (7, "United States", "Stephen McDonell"),
    (7, "China", BLINKEN),  # inside McDonell's quote: "Antony Blinken said that #China ..."
    (7, "US", BLINKEN),
    (8, "Beijing", "Reuters"),  # "..., according to a Reuters analysis"
    (8, "Washington", "Reuters"),
    (8, "China", "Reuters"),
    (9, "Taiwan", None),
    (9, "Chinese", None),
    (9, "China", "Wang Yi"),
    (10, "United States", BLINKEN),  # "Blinken reiterated that the United States ..."
    (10, "Taiwan", BLINKEN),
    (10, "Chinese", BLINKEN),
    (10, "Beijing", BLINKEN),
    (10, "United States", None),
    (10, "Taiwan", None),
    (10, "China", None),
    (11, "Russia", None),  # "The two sides also discussed Russia's war on Ukraine"
    (11, "Ukraine", None),
    (11, "United States", BLINKEN),  # Blinken "made it clear that the United States ..."
    (11, "United States", None),
    (11, "Ukraine", None),
    (11, "China", USA),  # "has previously accused China of helping Russia"
    (11, "Russia", USA),
    (12, "China", "Xi Jinping"),
    (12, "US", "Xi Jinping"),
    (13, "China", "Wu Xinbo"),
    (13, "China", "Wu Xinbo"),
    (13, "United States", "Wu Xinbo"),  # "it still hopes to work with" inside his quote
    (13, "China", "Wu Xinbo"),
    (13, "China", "Wu Xinbo"),
    (13, "US", "Wu Xinbo"),
    (14, "US State Department", None),
    (15, "US State Department", None),
    (15, "Chinese Foreign Ministry", None),
]


def test_shared_article_speaker_of_every_mention(shared: Path, nlp: Language) -> None:
    [article] = read_articles([shared / ARTICLE], on_skip=pytest.fail)
    found = [
        (
            located.sentence.paragraph.index,
            located.mention.mention,
            located.attribution.speaker if located.attribution else None,
        )
        for located in locate_mentions(article, nlp)
    ]
    right = sum(a == b for a, b in zip(found, EXPECTED_SPEAKERS, strict=False))
    print(f"\nspeakers: {right} of {len(EXPECTED_SPEAKERS)} mentions match the labels")
    assert found == EXPECTED_SPEAKERS
