"""Speaker names: who an attribution's speaker is called, and their country.

Every sentence here is written for these tests (some after the repo's examples); they run the
packaged spaCy pipeline.
"""

import pytest
from spacy.language import Language

from tests.test_quotes import attributions, row_for

# (text, content, speaker, speaker_country)
NAMES = [
    pytest.param(
        "Britain and India will resume negotiations next year, the UK government said on Tuesday.",
        "Britain and India will resume negotiations next year",
        "United Kingdom",
        "GBR",
        id="a-state-by-its-government",
    ),
    pytest.param(
        "Talks will resume, Britain's government said.",
        "Talks will resume",
        "United Kingdom",
        "GBR",
        id="a-state-owning-its-government",
    ),
    pytest.param(
        "The Japanese government said that the drills were a threat.",
        "that the drills were a threat",
        "Japan",
        "JPN",
        id="a-state-by-its-government-adjective",
    ),
    pytest.param(
        "The UK company said that sales had fallen.",
        "that sales had fallen",
        "the UK company",
        "GBR",
        id="a-country-names-no-organisation",
    ),
    pytest.param(
        "Some U.S. business groups have complained that British exporters are ahead.",
        "that British exporters are ahead",
        "some U.S. business groups",
        "USA",
        id="a-group-is-not-its-country",
    ),
    pytest.param(
        "A number of economists warned that the controls could fail.",
        "that the controls could fail",
        "a number of economists",
        None,
        id="a-quantity-keeps-its-group",
    ),
    pytest.param(
        "Dozens of Chinese officials said that the plan would fail.",
        "that the plan would fail",
        "dozens of Chinese officials",
        "CHN",
        id="a-quantity-of-a-country",
    ),
    pytest.param(
        "A number of economists plan to leave.",
        "to leave",
        "a number of economists",
        None,
        id="a-quantity-of-people-takes-a-stance",
    ),
    pytest.param(
        "Japanese and South Korean officials said they were relieved but wary, and European "
        "business groups complained that their members were still waiting.",
        "that their members were still waiting",
        "European business groups",
        None,
        id="a-speaker-within-its-clause",
    ),
    pytest.param(
        "Japanese and South Korean officials said they were relieved.",
        "they were relieved",
        "Japanese and South Korean officials",
        "JPN",
        id="a-speaker-with-coordinated-modifiers",
    ),
    pytest.param(
        "On Thursday the General Assembly said that the war must end.",
        "that the war must end",
        "General Assembly",
        None,
        id="a-rank-that-starts-an-organisation-name",
    ),
    pytest.param(
        "General Mark Milley said that the war would be long.",
        "that the war would be long",
        "Mark Milley",
        None,
        id="a-rank-before-a-person",
    ),
    pytest.param(
        "A Brazilian trade official said that Brasília welcomed the plan.",
        "that Brasília welcomed the plan",
        "a Brazilian trade official",
        "BRA",
        id="a-group-in-lower-case-at-a-sentence-start",
    ),
    pytest.param(
        "Chinese officials said that the plan would fail.",
        "that the plan would fail",
        "Chinese officials",
        "CHN",
        id="a-demonym-keeps-its-capital",
    ),
    pytest.param(
        "Taiwan’s defence ministry reported 37 aircraft crossing the median line.",
        "37 aircraft crossing the median line",
        "Taiwan’s defence ministry",
        "TWN",
        id="an-organisation-as-written-not-as-a-name",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker", "country"), NAMES)
def test_quotes_speaker_names(
    nlp: Language, text: str, content: str, speaker: str, country: str | None
) -> None:
    row = row_for(attributions(text, nlp), text, content)
    assert (row.speaker, row.speaker_country) == (speaker, country)


def test_quotes_one_group_whatever_the_sentence_case(nlp: Language) -> None:
    text = "Officials said that the talks would resume. The talks stalled, officials said."
    rows = attributions(text, nlp)
    assert {row.speaker for row in rows} == {"officials"}
