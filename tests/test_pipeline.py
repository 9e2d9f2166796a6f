"""The whole flow: rows, offsets, speakers and batching, with the real pipeline."""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from countrytone.articles import Article, CorpusFields, parse_article
from countrytone.cache import CacheWarning
from countrytone.errors import InputError, InputWarning
from countrytone.pipeline import (
    LanguageWarning,
    analyze,
    analyze_articles,
    analyze_batches,
    analyze_with_quotes,
    locate_mentions,
    quotes_table,
)
from countrytone.tables import MENTION_COLUMNS, QUOTE_COLUMNS, aggregate
from tests.conftest import BLOC_ARTICLE, TARGETS_TOML, CountingModel, read_examples

ARTICLE = (
    "date 2024-05-02 World\n"
    "Japan and China spar over drills\n"
    "“China’s drills are reckless,” said Kenji Sato, Japan’s defence minister.\n"
    "Beijing rejected the criticism. Sato later said that Australia was a trusted partner.\n"
)


def test_pipeline_rows_have_speakers_quotes_and_offsets(nlp: Language) -> None:
    mentions = analyze(ARTICLE, nlp=nlp, model="vader")
    assert tuple(mentions.columns) == MENTION_COLUMNS
    body = mentions[mentions["part"] == "body"]
    columns = ["mention", "speaker", "speaker_country", "in_quote"]
    assert body[columns].astype(object).where(body[columns].notna(), None).values.tolist() == [
        ["China", "Kenji Sato", "JPN", True],
        ["Japan", None, None, False],  # in the descriptor, outside the quote
        ["Beijing", None, None, False],
        ["Australia", "Kenji Sato", "JPN", False],
    ]
    assert all(ARTICLE[r.start : r.end] == r.mention for r in mentions.itertuples())
    assert set(aggregate(mentions, by="speaker")["speaker"]) == {"(article)", "Kenji Sato"}


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make_input", "ids"),
    [
        (lambda path: ARTICLE, ["text"]),
        (lambda path: path, ["{path}"]),
        (lambda path: parse_article(ARTICLE, article_id="mine"), ["mine"]),
        (
            lambda path: [ARTICLE, path, parse_article(ARTICLE, article_id="mine")],
            ["text:1", "{path}", "mine"],
        ),
        (lambda path: (text for text in [ARTICLE, ARTICLE]), ["text:1", "text:2"]),
        (lambda path: path.parent, ["{path}"]),
    ],
    ids=["str", "path", "article", "list", "generator", "folder"],
)
def test_pipeline_analyze_takes_text_paths_articles_and_iterables(
    nlp: Language, article_file: Path, make_input: object, ids: list[str]
) -> None:
    mentions = analyze(make_input(article_file), nlp=nlp, model=CountingModel())  # type: ignore[operator]
    assert list(dict.fromkeys(mentions["article_id"])) == [
        article_id.format(path=article_file) for article_id in ids
    ]
    per_article = mentions.groupby("article_id", sort=False)["country"].apply(list)
    assert all(countries == per_article.iloc[0] for countries in per_article)
    assert per_article.iloc[0] == ["JPN", "CHN", "CHN", "JPN", "CHN", "AUS"]


def test_pipeline_analyze_warns_when_a_str_names_a_file(nlp: Language, article_file: Path) -> None:
    with pytest.warns(InputWarning, match=r"names a file but is analysed as text: pass pathlib"):
        mentions = analyze(str(article_file), nlp=nlp, model=CountingModel())
    assert mentions.empty


def test_pipeline_analyze_raises_on_a_missing_file_and_a_wrong_type(nlp: Language) -> None:
    with pytest.raises(InputError, match="no such file"):
        analyze(Path("/no/such/article.txt"), nlp=nlp, model=CountingModel())
    with pytest.raises(TypeError, match="not int"):
        analyze([ARTICLE, 3], nlp=nlp, model=CountingModel())  # type: ignore[list-item]


@pytest.mark.parametrize("countries", [["chn"], ["CHN"], "chn", " Chn , ", "China", ["prc"]])
def test_pipeline_analyze_countries_in_any_case(nlp: Language, countries: object) -> None:
    mentions = analyze(ARTICLE, nlp=nlp, model=CountingModel(), countries=countries)  # type: ignore[arg-type]
    assert set(mentions["country"]) == {"CHN"}


def test_pipeline_analyze_takes_the_reading_options(nlp: Language, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "key,headline,body,published\nr1,China warns Japan,Talks with Australia.,03/04/2024\n"
    )
    options = {"fields": CorpusFields(id="key", text="body", title="headline", date="published")}
    mentions = analyze(
        corpus, nlp=nlp, model=CountingModel(), dayfirst=True, analyze_titles=True, **options
    )  # type: ignore[arg-type]
    assert mentions[["article_id", "mention", "part"]].values.tolist() == [
        ["r1", "China", "title"],
        ["r1", "Japan", "title"],
        ["r1", "Australia", "body"],
    ]
    assert mentions["date"].tolist() == [pd.Timestamp("2024-04-03")] * 3


@pytest.mark.parametrize(
    ("countries", "message"),
    [
        (["CHN", "XYZ"], "^unknown country 'XYZ': use an ISO 3166-1 alpha-3 code or a name"),
        ("chn,Chnia", "^unknown country 'Chnia': did you mean CHN \\(China\\)\\?$"),
        ([], "^no country given$"),
    ],
)
def test_pipeline_analyze_unknown_country_code_raises_one_clear_error(
    nlp: Language, countries: list[str], message: str
) -> None:
    model = CountingModel()
    with pytest.raises(ValueError, match=message):
        analyze_batches([], nlp=nlp, model=model, countries=countries)
    with pytest.raises(ValueError, match=message):
        analyze(ARTICLE, nlp=nlp, model=model, countries=countries)
    assert model.batches == []


def test_pipeline_scores_all_articles_in_one_deduplicated_batch(
    nlp: Language, examples: Path
) -> None:
    model = CountingModel()
    articles = read_examples()
    mentions = analyze_articles(articles, model=model, nlp=nlp)
    assert [len(batch) for batch in model.batches] == [
        len(set(zip(mentions["sentence_text"], mentions["start"], strict=True)))
    ]
    assert set(mentions["model"]) == {"counting"}


def test_pipeline_batches_stream_the_same_rows(nlp: Language, examples: Path) -> None:
    articles = read_examples()[:5]
    model = CountingModel()
    tables = list(analyze_batches(articles, model=model, nlp=nlp, batch_size=2))
    assert len(tables) == 3
    assert len(model.batches) == 3
    whole = analyze_articles(articles, model=CountingModel(), nlp=nlp)
    pd.testing.assert_frame_equal(pd.concat(tables, ignore_index=True), whole)


def test_pipeline_batches_score_a_sentence_repeated_across_them_once(nlp: Language) -> None:
    wire = "China and Japan signed a trade pact on Monday, Reuters reported."
    articles = [
        parse_article(f"{wire}\n{local}", article_id=f"outlet-{number}")
        for number, local in enumerate(["Chile cheered.", "Peru shrugged.", "Chile cheered."])
    ]
    model = CountingModel()
    tables = list(analyze_batches(articles, model=model, nlp=nlp, batch_size=1))
    assert [sorted(target.mention for target in batch) for batch in model.batches] == [
        ["Chile", "China", "Japan"],
        ["Peru"],
    ]
    whole = analyze_articles(articles, model=CountingModel(), nlp=nlp)
    pd.testing.assert_frame_equal(pd.concat(tables, ignore_index=True), whole)
    assert whole.groupby("article_id")["country"].agg(list).to_dict() == {
        "outlet-0": ["CHN", "JPN", "CHL"],
        "outlet-1": ["CHN", "JPN", "PER"],
        "outlet-2": ["CHN", "JPN", "CHL"],
    }


def test_pipeline_parsing_in_two_processes_gives_the_same_rows(
    nlp: Language, examples: Path
) -> None:
    articles = read_examples()
    parallel = analyze_batches(articles, model="vader", nlp=nlp, n_process=2, batch_size=4)
    pd.testing.assert_frame_equal(
        pd.concat(parallel, ignore_index=True), analyze_articles(articles, model="vader", nlp=nlp)
    )


def test_pipeline_articles_naming_no_country_add_no_rows(nlp: Language) -> None:
    local = parse_article("Council votes\nThe council voted on the budget.", article_id="local")
    country = parse_article(ARTICLE, article_id="country")
    mixed = analyze_articles([local, country, local], model="vader", nlp=nlp)
    pd.testing.assert_frame_equal(mixed, analyze_articles([country], model="vader", nlp=nlp))


def test_pipeline_offsets_on_every_example(nlp: Language, examples: Path) -> None:
    for article in read_examples():
        mentions = analyze_articles([article], model=CountingModel(), nlp=nlp)
        assert not mentions.empty
        assert all(article.text[r.start : r.end] == r.mention for r in mentions.itertuples())
        for row in mentions.itertuples():
            assert row.mention in row.sentence_text


def test_pipeline_quotes_table(nlp: Language) -> None:
    from countrytone.articles import parse_article

    article = parse_article(ARTICLE, article_id="a")
    quotes = quotes_table([article], nlp=nlp)
    assert tuple(quotes.columns) == QUOTE_COLUMNS
    direct = quotes[quotes["kind"] == "direct"].iloc[0]
    assert direct["text"] == "“China’s drills are reckless,”"
    assert direct["speaker"] == "Kenji Sato"
    assert ARTICLE[direct["speaker_start"] : direct["speaker_end"]] == "Kenji Sato"
    assert ARTICLE[direct["cue_start"] : direct["cue_end"]] == "said"


def test_pipeline_warns_on_non_english(nlp: Language) -> None:
    text = "Die Regierung hat am Montag neue Gespräche mit China angekündigt. " * 4
    with pytest.warns(LanguageWarning, match="does not look like English"):
        analyze(text, nlp=nlp, model=CountingModel())


def _cached_rows(
    articles: list[Article], *, model: CountingModel, nlp: Language, cache: Path
) -> pd.DataFrame:
    tables = analyze_batches(articles, model=model, nlp=nlp, cache=cache, batch_size=3)
    return pd.concat(list(tables), ignore_index=True)


def test_pipeline_cache_reads_unchanged_articles_back(
    nlp: Language, examples: Path, tmp_path: Path
) -> None:
    articles = read_examples()[:4]
    first = CountingModel()
    rows = _cached_rows(articles, model=first, nlp=nlp, cache=tmp_path)
    again = CountingModel()
    pd.testing.assert_frame_equal(
        _cached_rows(articles, model=again, nlp=nlp, cache=tmp_path), rows
    )
    assert again.batches == []

    changed = [articles[0], replace(articles[1], text=articles[1].text + " "), *articles[2:]]
    third = CountingModel()
    pd.testing.assert_frame_equal(_cached_rows(changed, model=third, nlp=nlp, cache=tmp_path), rows)
    solo = CountingModel()
    analyze_articles([changed[1]], model=solo, nlp=nlp)
    assert third.batches == solo.batches


def test_pipeline_cache_treats_an_unreadable_file_as_a_miss(
    nlp: Language, examples: Path, tmp_path: Path
) -> None:
    articles = read_examples()[:2]
    rows = _cached_rows(articles, model=CountingModel(), nlp=nlp, cache=tmp_path)
    for path in tmp_path.rglob("*.entry"):
        path.write_bytes(b"not an entry")
    model = CountingModel()
    with pytest.warns(CacheWarning, match="truncated or corrupt") as caught:
        again = _cached_rows(articles, model=model, nlp=nlp, cache=tmp_path)
    pd.testing.assert_frame_equal(again, rows)
    assert len(caught) == 2
    assert len(model.batches) == 1


# (text, mention, its occurrence, expected speaker): one or more sentences per kind of failure
# the speaker of a mention used to have. The speaker is the innermost direct or reported
# attribution holding the mention whose speaker is known (DESIGN.md, Speaker).
SPEAKERS = [
    pytest.param(
        "China refused to resume military talks with the United States.",
        "United States",
        0,
        None,
        id="refusal-is-not-speech",
    ),
    pytest.param(
        "Minister Lena Park reiterated that the United States does not want to change the "
        "status quo over Taiwan.",
        "Taiwan",
        0,
        "Lena Park",
        id="intention-inside-speech-keeps-the-speaker",
    ),
    pytest.param(
        "China declined to condemn Russia over the invasion.",
        "Russia",
        0,
        None,
        id="speech-act-inside-a-refusal-is-not-speech",
    ),
    pytest.param(
        "The two sides also discussed Russia's war on Ukraine.",
        "Ukraine",
        0,
        None,
        id="discussion-is-not-speech",
    ),
    pytest.param(
        "Minister Lena Park says China didn't agree to set up a hotline, one of the hopes of the "
        "US visit.",
        "US",
        0,
        "Lena Park",
        id="agreement-inside-speech-keeps-the-speaker",
    ),
    pytest.param(
        "Both sides agreed to hold more talks with France next year.",
        "France",
        0,
        None,
        id="agreement-is-not-speech",
    ),
    pytest.param(
        "The council imposed new sanctions on Russia.",
        "Russia",
        0,
        None,
        id="an-act-is-not-speech",
    ),
    pytest.param(
        "“The council imposed new sanctions on Russia,” said Wu Ping, a professor in Shanghai.",
        "Russia",
        0,
        "Wu Ping",
        id="an-act-inside-speech-keeps-the-speaker",
    ),
    pytest.param(
        "The minister was determined to warn farmers about cheap imports from Norway.",
        "Norway",
        0,
        None,
        id="speech-one-means-to-make-is-not-speech",
    ),
    pytest.param(
        "“China has shown that it still hopes to work with the United States,” said Wu Ping, "
        "a professor in Shanghai.",
        "United States",
        0,
        "Wu Ping",
        id="unknown-inner-speaker-falls-back-to-the-quote",
    ),
    pytest.param(
        "“They said that Japan would wait,” said Kim Lee, an analyst in Seoul.",
        "Japan",
        0,
        "Kim Lee",
        id="unresolved-they-falls-back-to-the-quote",
    ),
    pytest.param(
        "The US said that Iran had broken the deal.",
        "Iran",
        0,
        "United States",
        id="country-as-state-by-its-short-name",
    ),
    pytest.param(
        "Washington warned that Iran had broken the deal.",
        "Iran",
        0,
        "United States",
        id="capital-as-state-by-its-short-name",
    ),
    pytest.param(
        "Reuters news agency noted that France had sent no envoy.",
        "France",
        0,
        "Reuters",
        id="organisation-without-its-descriptor",
    ),
    pytest.param(
        "Trade envoy Maria Costa met officials on Monday. “Washington is punishing its "
        "friends,” she said.",
        "Washington",
        0,
        "Maria Costa",
        id="pronoun-to-the-last-named-person",
    ),
    pytest.param(
        "Okonkwo, an economist at the bank, spoke first. “Washington is punishing its "
        "friends,” he said.",
        "Washington",
        0,
        "Okonkwo",
        id="pronoun-to-a-person-the-tagger-missed",
    ),
    pytest.param(
        "Ms. Lena Park, an economist, met Mr. Tom Hale on Monday. “Washington is punishing its "
        "friends,” she said.",
        "Washington",
        0,
        "Lena Park",
        id="pronoun-passes-over-a-person-of-the-other-gender",
    ),
    pytest.param(
        "Analyst Sarah Lind spoke first. Later the Chinese leader hinted that Japan could join.",
        "Japan",
        0,
        "the Chinese leader",
        id="role-with-a-country-is-not-another-person",
    ),
    pytest.param(
        "Some commentators called it a deliberate snub on the part of the Chinese authorities.",
        "Chinese",
        0,
        "some commentators",
        id="content-reaches-the-end-of-its-clause",
    ),
]


# (text, mention, its occurrence, expected speaker): which attribution speaks a mention when
# several hold it, and who that is.
WHO_SPEAKS = [
    pytest.param(
        "“Our military strongly condemns North Korea’s missile launch as a provocation,” "
        "General Tom Reed said in a statement.",
        "North Korea",
        0,
        "Tom Reed",
        id="first-person-owner-in-a-quote-is-its-speaker",
    ),
    pytest.param(
        "“My government condemns Japan’s claim to the islands,” said Jane Holm.",
        "Japan",
        0,
        "Jane Holm",
        id="my-government-in-a-quote-is-its-speaker",
    ),
    pytest.param(
        "“We told Beijing that China must stop,” said Jane Holm.",
        "China",
        0,
        "Jane Holm",
        id="we-in-a-quote-is-its-speaker",
    ),
    pytest.param(
        "Jane Holm said the calm suggested that traders saw the attack as calibrated, with Iran "
        "signalling restraint.",
        "Iran",
        0,
        "Jane Holm",
        id="a-thing-says-nothing-the-outer-speaker-speaks",
    ),
    pytest.param(
        "Trade minister Eleanor Ashworth said the agreement could add several billion pounds a "
        "year to the British economy.",
        "British",
        0,
        "Eleanor Ashworth",
        id="a-thing-adds-nothing-the-outer-speaker-speaks",
    ),
    pytest.param(
        "Jane Holm said a source had told her that Iran sent no envoy.",
        "Iran",
        0,
        "a source",
        id="a-person-noun-outside-the-role-lists-speaks",
    ),
    pytest.param(
        "The pollster said that 74 percent of voters said that China was a rival.",
        "China",
        0,
        "74 percent",
        id="a-share-of-people-polled-speaks",
    ),
    pytest.param(
        "Downing Street said the prime minister had spoken to Ukraine’s president and would "
        "host a meeting.",
        "Ukraine",
        0,
        "United Kingdom",
        id="whom-someone-spoke-to-is-not-what-they-said",
    ),
    pytest.param(
        "Spokesman Tom Reed said the United States would keep supporting Ukraine and accused "
        "Russia of deliberate cruelty.",
        "Russia",
        0,
        "Tom Reed",
        id="a-past-verb-after-would-is-the-reporting-speaker-s",
    ),
    pytest.param(
        "Wu Dehai, a foreign ministry spokesman, spoke on Tuesday. Countries outside the region, "
        "he said, “should not stir up trouble,” adding that Taiwan was purely China’s internal "
        "affair.",
        "Taiwan",
        0,
        "Wu Dehai",
        id="adding-after-a-cue-set-off-by-commas-is-that-cue-speaker",
    ),
    pytest.param(
        "Minister Lena Park told reporters that Washington should stop arming Taiwan, according "
        "to the Chinese readout.",
        "Taiwan",
        0,
        "Lena Park",
        id="according-to-ends-the-content-of-the-cue-it-reports",
    ),
    pytest.param(
        "The Chinese president told his counterpart that Washington should “stop arming "
        "Taiwan,” according to the Chinese readout.",
        "Chinese",
        1,
        None,
        id="according-to-hung-inside-the-content-is-no-part-of-it",
    ),
    pytest.param(
        "Chinese President Xi Jinping met Joe Biden in California. According to the Chinese "
        "readout, the Chinese president told his counterpart that Washington should “stop arming "
        "Taiwan.”",
        "Taiwan",
        0,
        "Xi Jinping",
        id="speech-inside-according-to-speaks-its-mentions",
    ),
    pytest.param(
        # The tagger takes the consultancy for a person, named after Pryce's first mention.
        "Growth would be modest, according to Jordan Pryce, chief economist at the London "
        "consultancy Harrow Lane Economics. Pryce estimated that a deal would raise output a "
        "little. “Britain will wait,” he said.",
        "Britain",
        0,
        "Jordan Pryce",
        id="a-person-named-again-is-the-nearest-for-the-pronoun-after",
    ),
]


@pytest.mark.parametrize(("text", "mention", "occurrence", "speaker"), [*SPEAKERS, *WHO_SPEAKS])
def test_pipeline_speaker_of_a_mention(
    nlp: Language, text: str, mention: str, occurrence: int, speaker: str | None
) -> None:
    article = parse_article(text, article_id="test", title="Test")
    located = [m for m in locate_mentions(article, nlp) if m.mention.mention == mention]
    attribution = located[occurrence].attribution
    assert (attribution.speaker if attribution else None) == speaker


def test_pipeline_analyze_with_quotes_gives_both_tables_from_one_parse(nlp: Language) -> None:
    articles = [
        *read_examples()[:3],
        # No country: not parsed for mentions, but its quote is in the quotes table.
        parse_article('"We will keep the plant open," the mayor said.', article_id="local"),
    ]
    model = CountingModel()
    mentions, quotes = analyze_with_quotes(articles, model=model, nlp=nlp)
    pd.testing.assert_frame_equal(mentions, analyze_articles(articles, model=model, nlp=nlp))
    pd.testing.assert_frame_equal(quotes, quotes_table(articles, nlp=nlp))
    assert quotes["article_id"].nunique() == 4
    assert "local" in set(quotes["article_id"])
    assert len(mentions) > 0


def _name_words(name: str) -> frozenset[str]:
    words = name.replace("’s", "").replace("'s", "").lower().split()
    return frozenset(words) - {"the", "a", "an"}


def test_pipeline_examples_show_no_speaker_under_two_names(nlp: Language) -> None:
    # What `make demo`'s report shows: per article, no two speaker names where one is the other
    # with a determiner or in another case ("the South Korean foreign ministry", "South Korean
    # foreign ministry"), one holds all the other's words (a surname and the full name, "the
    # ministry" and "Defence Ministry"), or a role is named beside its person. A state and a body
    # it owns ("Iran", "Iran's mission") are two speakers (docs/definitions.md: a body of a state
    # speaks under its own name).
    for article in read_examples():
        names = {
            located.attribution.speaker
            for located in locate_mentions(article, nlp)
            if located.attribution is not None and located.attribution.speaker is not None
        }
        for name in names:
            for other in names - {name}:
                same = _name_words(name) <= _name_words(other) or (
                    len(_name_words(name)) == 1
                    and name.lower().startswith("the ")
                    and other.lower().endswith(name.split()[-1].lower())
                )
                owned = other.startswith((f"{name}'s ", f"{name}’s "))
                assert not same or owned, f"{article.id}: {name!r} and {other!r}"


# ---------------------------------------------------------------------------------------------
# Targets: blocs and one's own beside countries


def _rows(mentions: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return list(
        mentions[["mention", "country", "target_name", "target_kind"]].itertuples(
            index=False, name=None
        )
    )


def test_pipeline_blocs_are_rows_when_asked_for(nlp: Language) -> None:
    countries = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel())
    assert set(countries["target_kind"]) == {"country"}
    blocs = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), targets="blocs")
    assert _rows(blocs) == [
        ("EU", "XEU", "European Union", "bloc"),
        ("European Commission", "XEU", "European Union", "bloc"),
        ("Brussels", "XEU", "European Union", "bloc"),
        ("NATO", "XNATO", "NATO", "bloc"),
        ("NATO", "XNATO", "NATO", "bloc"),
    ]
    both = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), targets="countries,blocs")
    assert len(both) == len(countries) + len(blocs)


def test_pipeline_speakers_speak_for_their_bloc_whatever_the_targets(nlp: Language) -> None:
    mentions = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel())
    beijing = mentions[mentions["mention"] == "Beijing"].iloc[0]
    assert (beijing["speaker"], beijing["speaker_country"]) == ("Ana Ruiz", "XNATO")


def test_pipeline_own_targets_from_a_file(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "people.toml"
    path.write_text(TARGETS_TOML, encoding="utf-8")
    mentions = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), targets=["countries", path])
    assert [row for row in _rows(mentions) if row[1] == "XI"] == [
        ("Xi Jinping", "XI", "Xi Jinping", "person")
    ]
    only = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), targets=path, countries="Xi")
    assert _rows(only) == [("Xi Jinping", "XI", "Xi Jinping", "person")]


def test_pipeline_countries_must_be_among_the_targets(nlp: Language) -> None:
    with pytest.raises(ValueError, match=r"XEU \(European Union\) is a bloc: add blocs"):
        analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), countries="EU")
    kept = analyze(BLOC_ARTICLE, nlp=nlp, model=CountingModel(), countries="EU", targets="blocs")
    assert set(kept["country"]) == {"XEU"}


def test_pipeline_cache_keeps_tables_of_other_targets_apart(nlp: Language, tmp_path: Path) -> None:
    article = parse_article(BLOC_ARTICLE, article_id="a")
    options = {"model": CountingModel(), "nlp": nlp, "cache": tmp_path / "cache"}
    countries = pd.concat(analyze_batches([article], **options))  # type: ignore[arg-type]
    blocs = pd.concat(analyze_batches([article], targets="blocs", **options))  # type: ignore[arg-type]
    assert set(countries["target_kind"]) == {"country"}
    assert set(blocs["target_kind"]) == {"bloc"}
