"""Speaker names: who an attribution's speaker is called, and their country.

Every sentence here is written for these tests (some after the repo's examples); they run the
packaged spaCy pipeline.
"""

import pytest
from spacy.language import Language

from countrytone.articles import parse_article
from countrytone.quotes import find_attributions
from countrytone.segment import parse
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
        "Holm Seeks More Farm Workers As She Visits Oslo\n“We need more hands,” Holm said.",
        "“We need more hands,”",
        "Holm",
        None,
        id="a-name-ends-before-a-headline-verb",
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
        "“Norway tried to hurt us, and it failed,” military spokesman Lt. Col. Ari Ben-Tal said.",
        "“Norway tried to hurt us, and it failed,”",
        "Ari Ben-Tal",
        None,
        id="an-abbreviated-rank-before-a-person",
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
    pytest.param(
        "Those close to the mayor say that she will visit Peru.",
        "that she will visit Peru",
        "those close to the mayor",
        None,
        id="those-with-the-words-that-say-who",
    ),
    pytest.param(
        "Those in the room said Chile had left the talks.",
        "Chile had left the talks",
        "those in the room",
        None,
        id="those-with-a-place",
    ),
    pytest.param(
        "Senator Tom Holm endorsed the Norway deal on Friday. Critics had mocked a photo of Anna "
        "Holm, his wife. On Wednesday, Holm said the deal would help Norway.",
        "the deal would help Norway",
        "Tom Holm",
        None,
        id="a-shared-surname-is-the-one-named-first",
    ),
    pytest.param(
        "Anna Holm endorsed the Norway deal on Friday. Critics had mocked a photo of Tom Holm, "
        "her husband. On Wednesday, Holm said the deal would help Norway.",
        "the deal would help Norway",
        "Anna Holm",
        None,
        id="a-shared-surname-is-the-one-named-first-either-way",
    ),
    pytest.param(
        "Anna Holm endorsed the Norway deal on Friday. Critics had mocked Tom Berg, her rival. "
        "On Wednesday, Berg said the deal would hurt Norway.",
        "the deal would hurt Norway",
        "Tom Berg",
        None,
        id="a-surname-no-one-shares-is-its-one-full-name",
    ),
    pytest.param(
        "Jane Holm said Lars Berg was reduced to insults because he could not defend his record "
        "in Norway. “This man wants to lead Norway,” she said.",
        "“This man wants to lead Norway,”",
        "Jane Holm",
        None,
        id="a-pronoun-passes-over-whom-a-speaker-spoke-of",
    ),
    pytest.param(
        "Berg, a Holm surrogate, said he had been ill. “The debates will dispel any doubts that "
        "voters in Norway have,” he said.",
        "“The debates will dispel any doubts that voters in Norway have,”",
        "Berg",
        None,
        id="a-name-that-describes-a-noun-is-no-referent",
    ),
    pytest.param(
        "Tom Berg is a farmer, mayor and critic who has vowed to ban all imports from Norway.",
        "to ban all imports from Norway",
        "Tom Berg",
        None,
        id="a-relative-clause-on-what-the-subject-is-speaks-of-the-subject",
    ),
    pytest.param(
        "It was the Norwegian minister who said the quotas would fall.",
        "the quotas would fall",
        "the Norwegian minister",
        "NOR",
        id="a-cleft-speaks-of-its-noun",
    ),
    pytest.param(
        "The result has been a movement that blames Norway for all woes.",
        "Norway for all woes",
        "a movement",
        None,
        id="what-a-thing-is-said-to-be-keeps-its-clause",
    ),
    pytest.param(
        "Labour candidate Anna Berg spoke first. Conservative candidate Tom Holm spoke next. The "
        "Labour candidate also vowed to cut taxes in Norway.",
        "to cut taxes in Norway",
        "Anna Berg",
        None,
        id="a-role-with-a-proper-adjective-is-the-one-the-text-so-called",
    ),
    pytest.param(
        "Holm unveiled a list of endorsements from 95 retired generals and admirals -- most of "
        "whom had already announced their support -- who cited her years as a senator from "
        "Norway.",
        "her years as a senator from Norway",
        "admirals",
        None,
        id="who-stands-for-someone-where-the-parser-hangs-it-on-a-thing",
    ),
    pytest.param(
        "Title of the piece\nPresident Tom Holm met farmers in May. Erik Berg, one of the "
        "president's closest aides, recalled the trip.\nThe president's Nordic roots also came "
        "into play. In Oslo last week, he told farmers that few people understood the stakes of "
        "the quotas. Crops are failing in Norway, he noted.",
        "Crops are failing in Norway",
        "Tom Holm",
        None,
        id="a-pronoun-goes-on-with-the-subject-before-it",
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


# One name per speaker within an article (text, content, speaker, speaker_country).
ONE_NAME = [
    pytest.param(
        "The Norwegian embassy issued a statement on Monday. The statement also said that the "
        "talks with Sweden would resume.",
        "that the talks with Sweden would resume",
        "Norwegian embassy",
        "NOR",
        id="a-statement-speaks-as-its-author",
    ),
    pytest.param(
        "In a statement, the Norwegian embassy said the ships would sail. The statement also said "
        "that talks with Sweden would resume.",
        "that talks with Sweden would resume",
        "Norwegian embassy",
        "NOR",
        id="in-a-statement-x-said",
    ),
    pytest.param(
        "McConnell aides acknowledged a good relationship with the White House. But they "
        "emphasized that the sanctions on Norway got results.",
        "that the sanctions on Norway got results",
        "McConnell aides",
        None,
        id="they-is-the-group-that-spoke-last",
    ),
    pytest.param(
        "The ministry criticized the budget plans of Norway. It said that growth would slow next "
        "year.",
        "that growth would slow next year",
        "the ministry",
        None,
        id="it-is-the-body-that-spoke-last",
    ),
    pytest.param(
        "A spokeswoman, Jane Roe, said the talks would resume.",
        "the talks would resume",
        "Jane Roe",
        None,
        id="a-role-named-in-apposition",
    ),
    pytest.param(
        "Japan's defence minister, Hiroshi Tanabe, said the pact was vital.",
        "the pact was vital",
        "Hiroshi Tanabe",
        "JPN",
        id="an-office-named-in-apposition-keeps-its-country",
    ),
    pytest.param(
        "His Japanese counterpart Minoru Kihara praised India's naval build-up.",
        "India's naval build-up",
        "Minoru Kihara",
        "JPN",
        id="a-counterpart-named-beside-it",
    ),
    pytest.param(
        "Japan's Defence Ministry said the drills were a threat. The ministry said the ships "
        "had left.",
        "the ships had left",
        "Defence Ministry",
        "JPN",
        id="the-ministry-named-before",
    ),
    pytest.param(
        "The Japanese government said the drills were a threat. The government said the ships "
        "had left.",
        "the ships had left",
        "Japan",
        "JPN",
        id="the-government-named-before",
    ),
    pytest.param(
        "The Chinese Commerce Ministry said the curbs were unfair, and ministry spokesman He "
        "Lianfeng warned that the talks could fail.",
        "that the talks could fail",
        "He Lianfeng",
        "CHN",
        id="a-role-of-the-ministry-named-before",
    ),
    pytest.param(
        "European Union leaders said the plan was sound. Leaders said the talks would go on.",
        "the talks would go on",
        "European Union leaders",
        "XEU",  # a bloc's leaders speak for the bloc (issue 21)
        id="a-bare-plural-is-the-group-named-before",
    ),
    pytest.param(
        "The report was confirmed by two US officials. Officials in Oslo said only that Norway "
        "would comply.",
        "only that Norway would comply",
        "officials",
        None,
        id="a-plural-with-words-of-its-own-is-another-group",
    ),
    pytest.param(
        "“We welcome the deal,” said Josep Borrell, the EU's foreign policy chief, who praised "
        "South Korea for its support.",
        "South Korea for its support",
        "Josep Borrell",
        "XEU",  # the EU's foreign policy chief speaks for the EU, not for South Korea
        id="who-after-an-apposition-is-the-person",
    ),
    pytest.param(
        "Israeli Prime Minister Avi Cohen said the strike had failed. Cohen said the war would "
        "go on.",
        "the war would go on",
        "Avi Cohen",
        "ISR",
        id="a-country-carried-to-a-later-mention",
    ),
    pytest.param(
        "Rep. Tom Berg, the top Democrat on the committee, said the plan would hurt Norway. The "
        "Oregon congressman said the quotas were unfair to Sweden.",
        "the quotas were unfair to Sweden",
        "Tom Berg",
        None,
        id="a-role-a-title-stands-for",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker", "country"), ONE_NAME)
def test_quotes_speakers_one_name_per_speaker(
    nlp: Language, text: str, content: str, speaker: str, country: str | None
) -> None:
    row = row_for(attributions(text, nlp), text, content)
    assert (row.speaker, row.speaker_country) == (speaker, country)


def test_quotes_speakers_determiners_and_case_make_no_second_speaker(nlp: Language) -> None:
    text = (
        "The South Korean foreign ministry said it hoped for calm. "
        "South Korean foreign ministry said it would wait."
    )
    rows = [row for row in attributions(text, nlp) if row.kind.is_speech]
    # An institution goes by its name, the span of its mention (no "the").
    assert {row.speaker for row in rows} == {"South Korean foreign ministry"}


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("Derelict Holm and Berg Ignore Farmers", id="an-adjective-before-a-name"),
        pytest.param("Weak Holm and Berg Ignore Peru", id="another-adjective"),
        pytest.param("Farmers Slam Holm Over Peru Deal", id="no-word-glued-to-the-name"),
    ],
)
def test_quotes_speakers_a_title_case_headline_lends_no_words_to_a_name(
    nlp: Language, title: str
) -> None:
    # The first line is the article's title here: the tagger takes a title-case headline's
    # capitalised words into the names beside them.
    parsed = parse_article(
        f"{title}\nMayor Holm said that Peru was wrong. Holm added that Chile was right.\n",
        article_id="test",
    )
    rows = find_attributions(parsed, parse(parsed, nlp))
    assert [row.speaker for row in rows] == ["Holm", "Holm"]


# The text never says whom these speakers belong to or speak for: what they speak of, their
# beat and their employer's seat are not their country (speaker, content). What Josep Borrell,
# "the EU's foreign policy chief, who praised South Korea", praised is not his either: he speaks
# for the EU (ONE_NAME, who-after-an-apposition-is-the-person).
NO_COUNTRY = [
    pytest.param(
        "“The message has been positive,” said Li Ming, a professor at Fudan University in "
        "Shanghai.",
        "“The message has been positive,”",
        id="a-university-in-a-country",
    ),
    pytest.param(
        "BBC China correspondent John Moss said, “The mood in Beijing is calm today.”",
        "“The mood in Beijing is calm today.”",
        id="a-beat-and-a-broadcaster",
    ),
    pytest.param(
        "Reuters news agency said, “The talks were tense.”",
        "“The talks were tense.”",
        id="a-news-agency",
    ),
    pytest.param(
        "Kim Lee, a Korea scholar at the institute, said the launch was a test.",
        "the launch was a test",
        id="a-scholar-of-a-country",
    ),
    pytest.param(
        "A spokeswoman said Russia had attacked Ukraine overnight.",
        "Russia had attacked Ukraine overnight",
        id="what-she-said",
    ),
]


@pytest.mark.parametrize(("text", "content"), NO_COUNTRY)
def test_quotes_speakers_country_empty_when_the_text_never_says(
    nlp: Language, text: str, content: str
) -> None:
    row = row_for(attributions(text, nlp), text, content)
    assert row.speaker is not None
    assert row.speaker_country is None


def test_quotes_speakers_an_answer_to_an_act_says_nothing(nlp: Language) -> None:
    text = "Peskov said Moscow was responding to Ukrainian attacks on Russian refineries."
    rows = attributions(text, nlp)
    assert {row.speaker for row in rows} == {"Peskov"}
