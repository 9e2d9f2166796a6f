"""Attributions: direct quotes, reported speech, speakers and their countries.

Every sentence here is written for these tests. Integration tests run the packaged spaCy
pipeline; ``quoted_spans`` needs no model.
"""

from pathlib import Path

import pytest
from spacy.language import Language

from countrytone.articles import Article, parse_article
from countrytone.quotes import Attribution, AttributionKind, find_attributions, quoted_spans
from countrytone.quotes.grammar import act_verbs, reporting_verbs
from countrytone.quotes.vocabulary import OBJECT_VERBS, SPEECH_VERBS, STANCE_VERBS, TOPIC_VERBS
from countrytone.segment import parse

DIRECT = AttributionKind.DIRECT
REPORTED = AttributionKind.REPORTED
STANCE = AttributionKind.STANCE


def article(text: str) -> Article:
    # A title given by the caller makes every line of the text a body paragraph.
    return parse_article(text, article_id="test", title="Test")


def attributions(text: str, nlp: Language) -> list[Attribution]:
    parsed = article(text)
    return find_attributions(parsed, parse(parsed, nlp))


def row_for(rows: list[Attribution], text: str, content: str) -> Attribution:
    matching = [row for row in rows if text[row.start : row.end] == content]
    assert matching, f"no row for {content!r}; rows: {[text[r.start : r.end] for r in rows]}"
    return matching[0]


# (text, content, kind, speaker, speaker mention)
PATTERNS = [
    pytest.param(
        "Foreign minister Jane Holm visited Oslo on Monday.\n“We will not back down,” Holm said.",
        "“We will not back down,”",
        DIRECT,
        "Jane Holm",
        "Holm",
        id="curly-quote-before-cue-surname",
    ),
    pytest.param(
        'Jane Holm said, "The talks went well and we are pleased."',
        '"The talks went well and we are pleased."',
        DIRECT,
        "Jane Holm",
        "Jane Holm",
        id="straight-quote-after-cue",
    ),
    pytest.param(
        '"Trade is growing again," said Pedro Alvarez, an economist at the central bank.',
        '"Trade is growing again,"',
        DIRECT,
        "Pedro Alvarez",
        "Pedro Alvarez",
        id="inverted-cue",
    ),
    pytest.param(
        "“We are ready,” Mark Olsen said. “The rest is up to them.”",
        "“The rest is up to them.”",
        DIRECT,
        "Mark Olsen",
        "Mark Olsen",
        id="split-quote-second-half",
    ),
    pytest.param(
        "Mark Olsen said: “The first round went well. The second did not. We will try again.”",
        "“The first round went well. The second did not. We will try again.”",
        DIRECT,
        "Mark Olsen",
        "Mark Olsen",
        id="several-sentences",
    ),
    pytest.param(
        "Mark Olsen said: “The first round went well.\n“The second round did not.”",
        "“The first round went well.\n“The second round did not.”",
        DIRECT,
        "Mark Olsen",
        "Mark Olsen",
        id="continued-in-next-paragraph",
    ),
    pytest.param(
        "Mark Olsen said, “We will wait and see what happens.\nThe meeting ended early.",
        "“We will wait and see what happens.",
        DIRECT,
        "Mark Olsen",
        "Mark Olsen",
        id="missing-closing-mark-ends-at-paragraph",
    ),
    pytest.param(
        "Reporter Anna Berg tweeted: “The summit is over and nothing was signed.”",
        "“The summit is over and nothing was signed.”",
        DIRECT,
        "Anna Berg",
        "Anna Berg",
        id="tweet",
    ),
    pytest.param(
        "A statement posted by spokesman Tom Reed on the ministry website concluded: "
        "“Both sides will meet again in May.”",
        "“Both sides will meet again in May.”",
        DIRECT,
        "Tom Reed",
        "Tom Reed",
        id="statement-posted-by",
    ),
    pytest.param(
        "Analyst Mary Clark tweeted: “The visit achieved little.” "
        "She quoted Karl Johnson as saying, “We need more time to agree.”",
        "“We need more time to agree.”",
        DIRECT,
        "Karl Johnson",
        "Karl Johnson",
        id="quoted-as-saying",
    ),
    pytest.param(
        "“The vote was fair and the count was quick,” ― Lena Park",
        "“The vote was fair and the count was quick,”",
        DIRECT,
        "Lena Park",
        "Lena Park",
        id="signed-with-dash",
    ),
    pytest.param(
        "Jane Holm said that the economy was growing faster than expected.",
        "that the economy was growing faster than expected",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="said-that",
    ),
    pytest.param(
        "Jane Holm arrived in Oslo on Sunday. She warned that prices would rise sharply.",
        "that prices would rise sharply",
        REPORTED,
        "Jane Holm",
        "She",
        id="pronoun-warned-that",
    ),
    pytest.param(
        "Prices will rise sharply next year, according to the central bank.",
        "Prices will rise sharply next year",
        REPORTED,
        "the central bank",
        "the central bank",
        id="according-to",
    ),
    pytest.param(
        "Jane Holm described the talks as a “frank exchange” between old friends.",
        "the talks as a “frank exchange” between old friends",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="partial-quote-in-reported-speech",
    ),
    pytest.param(
        "Some analysts said the deal was fragile.",
        "the deal was fragile",
        REPORTED,
        "some analysts",
        "Some analysts",
        id="group-as-written",
    ),
    pytest.param(
        "Reuters reported that the plant had closed after the storm.",
        "that the plant had closed after the storm",
        REPORTED,
        "Reuters",
        "Reuters",
        id="organisation",
    ),
    pytest.param(
        "Senator Ruth Ames toured the port on Friday. "
        "The politician made it clear that she opposed the sale.",
        "that she opposed the sale",
        REPORTED,
        "Ruth Ames",
        "The politician",
        id="role-made-it-clear",
    ),
    pytest.param(
        "The harvest was poor this year, the farmers' union warned.",
        "The harvest was poor this year",
        REPORTED,
        "the farmers' union",
        "the farmers' union",
        id="parenthetical-cue-after-clause",
    ),
    pytest.param(
        "Senator Ruth Ames questioned the cost of the new dam.",
        "the cost of the new dam",
        REPORTED,
        "Ruth Ames",
        "Ruth Ames",
        id="stance-verb-object",
    ),
    pytest.param(
        "Jane Holm spoke about the border dispute at length.",
        "the border dispute",
        STANCE,
        "Jane Holm",
        "Jane Holm",
        id="a-topic-of-speech-is-a-stance",
    ),
    pytest.param(
        "Pedro Alvarez noted the rising cost of fuel.",
        "the rising cost of fuel",
        REPORTED,
        "Pedro Alvarez",
        "Pedro Alvarez",
        id="speech-verb-noun-object",
    ),
    pytest.param(
        "“We want our jobs back.” ―\u00a0Lena Park",
        "“We want our jobs back.”",
        DIRECT,
        "Lena Park",
        "Lena Park",
        id="signature-after-no-break-space",
    ),
    pytest.param(
        "“We want our jobs back and our wages paid.” ― Lena Park\n"
        "“Nobody in this town trusts the mayor any more.” That is all, “the whole story.” "
        "― Tom Berg",
        "“Nobody in this town trusts the mayor any more.”",
        DIRECT,
        "Tom Berg",
        "Tom Berg",
        id="signature-ending-the-line-signs-its-quotes",
    ),
    pytest.param(
        "Foreign minister Jane Holm met her counterpart.\n"
        "“Whenever the port closes,” Holm said, pointing to the map, “the farmers lose money.”",
        "“Whenever the port closes,”",
        DIRECT,
        "Jane Holm",
        "Holm",
        id="split-quote-first-half-before-clause",
    ),
    pytest.param(
        "Foreign minister Jane Holm met her counterpart.\n"
        "“Whenever the port closes,” Holm said, pointing to the map, “the farmers lose money.”",
        "“the farmers lose money.”",
        DIRECT,
        "Jane Holm",
        "Holm",
        id="split-quote-second-half-after-aside",
    ),
    pytest.param(
        "The union adopted “Fair pay now” as its motto.",
        "“Fair pay now”",
        REPORTED,
        "the union",
        "The union",
        id="quoted-fragment-as-object",
    ),
    pytest.param(
        "Protesters outside the ministry chanted “Not in our name” for an hour.",
        "“Not in our name”",
        DIRECT,
        "protesters",
        "Protesters",
        id="chanted",
    ),
    pytest.param(
        "The senator has used the phrase “clean energy” in every speech.",
        "the phrase “clean energy”",
        REPORTED,
        "the senator",
        "The senator",
        id="quoted-fragment-in-noun-phrase",
    ),
    pytest.param(
        "The senator has bought a forest preserve in Norway and a “philanthropub” in Oslo.",
        "“philanthropub”",
        REPORTED,
        "the senator",
        "The senator",
        id="quoted-fragment-of-an-act-is-only-its-words",
    ),
    pytest.param(
        "She nodded, but as the mayor went on about “how the system is broken,” and “wounded "
        "Norwegian families” and “our own tired workers,” Anna said yes, yes, yes, over and over "
        "again.",
        "“wounded Norwegian families”",
        REPORTED,
        "the mayor",
        "the mayor",
        id="quoted-fragment-joined-to-the-verb-goes-on-with-its-object",
    ),
    pytest.param(
        "Tom Berg and Ana Ruiz never seem to tire of telling the story of Oslo: In May, the "
        "two learned of a meeting of the leaders of Brazil and China.",
        "In May, the two learned of a meeting of the leaders of Brazil and China",
        REPORTED,
        "Tom Berg",
        "Tom Berg",
        id="a-colon-closing-a-speech-cues-phrase-announces-what-was-said",
    ),
    pytest.param(
        "Tom Berg explained the plan: Norway would buy Peruvian copper.",
        "Norway would buy Peruvian copper",
        REPORTED,
        "Tom Berg",
        "Tom Berg",
        id="a-colon-after-the-topic-of-a-speech-verb",
    ),
    pytest.param(
        "As the minister noted, Peru has paid its debts to Chile.",
        "Peru has paid its debts to Chile",
        REPORTED,
        "the minister",
        "the minister",
        id="a-clause-of-as-reports-the-clause-it-hangs-off",
    ),
    pytest.param(
        "Yet, as Mr. Holm observed, in the first weeks of a new government Norway had few friends.",
        "in the first weeks of a new government Norway had few friends",
        REPORTED,
        "Holm",
        "Holm",
        id="a-clause-of-as-ends-at-its-comma",
    ),
    pytest.param(
        "The fleet sailed for Peru, as the minister had promised.",
        "The fleet sailed for Peru",
        REPORTED,
        "the minister",
        "the minister",
        id="a-clause-of-as-after-what-it-reports",
    ),
    pytest.param(
        "The debate host Chris Wallace opened the evening.\n"
        "WALLACE: Let us begin with the economy tonight.",
        "Let us begin with the economy tonight",
        REPORTED,
        "Chris Wallace",
        "WALLACE",
        id="transcript-turn",
    ),
    pytest.param(
        "Senator Ruth Ames, who said the bill was unfair, voted against it.",
        "the bill was unfair",
        REPORTED,
        "Ruth Ames",
        "who",
        id="relative-pronoun-to-antecedent",
    ),
    pytest.param(
        '"This is a great day for the harbour. One of the best we have had," '
        "said Mayor Tom Reyes on Friday.",
        '"This is a great day for the harbour. One of the best we have had,"',
        DIRECT,
        "Tom Reyes",
        "Tom Reyes",
        id="inverted-cue-subject-not-in-quote",
    ),
    pytest.param(
        "Jane Holm vowed to fight the ruling in court.",
        "to fight the ruling in court",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="speech-verb-of-intent",
    ),
    pytest.param(
        "The union hoped to reach a deal by Friday.",
        "to reach a deal by Friday",
        STANCE,
        "the union",
        "The union",
        id="intent-hoped",
    ),
    pytest.param(
        "Senator Ruth Ames accused the bank of hiding its losses.",
        "the bank of hiding its losses",
        REPORTED,
        "Ruth Ames",
        "Ruth Ames",
        id="accused-of",
    ),
    pytest.param(
        "According to Tom Reyes, “the ships will sail on time.”",
        "“the ships will sail on time.”",
        DIRECT,
        "Tom Reyes",
        "Tom Reyes",
        id="according-to-before-quote",
    ),
    pytest.param(
        "Mayor Tom Reyes was blunt. Said Reyes: “We are not moving the port.”",
        "“We are not moving the port.”",
        DIRECT,
        "Tom Reyes",
        "Reyes",
        id="inverted-said-name-colon",
    ),
    pytest.param(
        "“We want the port open!” the dock workers shouted at the gate.",
        "“We want the port open!”",
        DIRECT,
        "the dock workers",
        "the dock workers",
        id="shouted",
    ),
    pytest.param(
        "“You say you ‘accept the blame, and it was the fault of those 50 workers,’” Holm said. "
        "“That is not accepting the blame.”",
        "“You say you ‘accept the blame, and it was the fault of those 50 workers,’”",
        DIRECT,
        "Holm",
        "Holm",
        id="nested-single-quote-before-cue",
    ),
    pytest.param(
        "Mayor Tom Reyes is rolling out a new campaign message: “The port belongs to us.”",
        "“The port belongs to us.”",
        DIRECT,
        "Tom Reyes",
        "Tom Reyes",
        id="colon-after-a-thing-said",
    ),
    pytest.param(
        "The ministry issued a statement: “The ships will sail.”",
        "“The ships will sail.”",
        DIRECT,
        "the ministry",
        "The ministry",
        id="colon-after-an-unsigned-statement",
    ),
    pytest.param(
        "OSLO -- Foreign Minister Jane Holm, visiting the port on Monday, said the deal would "
        "help farmers.",
        "the deal would help farmers",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="a-dateline-is-no-speaker",
    ),
    pytest.param(
        "BRUSSELS - European leaders gathered Friday to discuss the challenges facing their "
        "continent.",
        "the challenges facing their continent",
        STANCE,
        "European leaders",
        "European leaders",
        id="a-dateline-is-no-part-of-the-speaker",
    ),
    pytest.param(
        "The report ― which draws on the voices of historians and farmers ― explains how the "
        "Norwegian prison system grew.",
        "how the Norwegian prison system grew",
        REPORTED,
        "the report",
        "The report",
        id="a-dash-before-the-verb-is-no-subject",
    ),
    pytest.param(
        "When Holm noted that the firm had not paid any tax ― as was true for the years its "
        "returns were made public ― Tom Berg boasted, “That makes me smart.”",
        "“That makes me smart.”",
        DIRECT,
        "Tom Berg",
        "Tom Berg",
        id="a-dash-and-a-named-subject",
    ),
    pytest.param(
        "Foreign policy analysts said geopolitical factors have raised the country's appeal, "
        "citing the strategic importance of a nation that borders China.",
        "the strategic importance of a nation that borders China",
        REPORTED,
        "Foreign policy analysts",
        "Foreign policy analysts",
        id="a-participle-after-a-reported-clause-is-the-reporters",
    ),
    pytest.param(
        "Jane Holm does not think that Norway will sign the deal.",
        "that Norway will sign the deal",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="a-belief-keeps-its-negation",
    ),
    pytest.param(
        'Holm said it was "firmly opposed" to the plan and warned Norway to refrain from further '
        "actions.",
        "to refrain from further actions",
        REPORTED,
        "Holm",
        "Holm",
        id="a-speech-verb-joined-to-the-reported-clause-is-the-reporters",
    ),
    pytest.param(
        "The minister said he would order a review of the nation’s defenses and warned against "
        "hackers from Norway.",
        "hackers from Norway",
        REPORTED,
        "the minister",
        "The minister",
        id="warned-against",
    ),
    pytest.param(
        "“We are not a burden on anyone,” the minister added. “We are Norway.”",
        "“We are Norway.”",
        DIRECT,
        "the minister",
        "the minister",
        id="a-short-quote-that-is-a-sentence",
    ),
    pytest.param(
        "“The port must stay open,” said Jane Holm. She continued, “For us, the farmers, "
        "all we ask is a fair hearing.”",
        "“For us, the farmers, all we ask is a fair hearing.”",
        DIRECT,
        "Jane Holm",
        "She",
        id="she-continued",
    ),
    pytest.param(
        "“There is a real gap between this government and frankly the king and our farmers,” "
        "Olsen, a top Labour adviser, said Friday morning on Oslo Radio’s “Oslo and Friends.”",
        "“There is a real gap between this government and frankly the king and our farmers,”",
        DIRECT,
        "Olsen",
        "Olsen",
        id="a-name-between-the-quote-and-its-cue",
    ),
    pytest.param(
        "“You should resign. You should give back the money you took while this scam was going "
        "on,” Holm told Berg, after he admitted under Holm’s grilling he hadn’t yet been held "
        "personally accountable for the actions of his employees.",
        "“You should resign. You should give back the money you took while this scam was going "
        "on,”",
        DIRECT,
        "Holm",
        "Holm",
        id="a-clause-of-when-is-no-content-of-the-cue",
    ),
    pytest.param(
        "A lesson from Jane Holm: “Be the voice that people hear.”",
        "“Be the voice that people hear.”",
        DIRECT,
        "Jane Holm",
        "Jane Holm",
        id="words-from-someone-before-a-colon",
    ),
    pytest.param(
        "As Jane Holm, a tax lawyer at the Oslo Tax Center, recently put it, “Did the firm lower "
        "its taxes through legal avoidance, or illegal evasion?”\nThe firm has never been "
        "charged with any wrongdoing.",
        "“Did the firm lower its taxes through legal avoidance, or illegal evasion?”",
        DIRECT,
        "Jane Holm",
        "Jane Holm",
        id="as-she-put-it-and-no-cue-in-the-next-paragraph",
    ),
    pytest.param(
        "“How many times do we have to see this in our country?” Holm said.\n“Maybe I can, by "
        "speaking directly to farmers, say, look, this is not who we are,” she continued.",
        "“Maybe I can, by speaking directly to farmers, say, look, this is not who we are,”",
        DIRECT,
        "Holm",
        "she",
        id="she-continued-after-the-quote",
    ),
    pytest.param(
        "The ministry may act slowly while talks with Norway go on, Holm said. “The other factor "
        "is the weather. I don’t think the farmers can wait.”",
        "“The other factor is the weather. I don’t think the farmers can wait.”",
        DIRECT,
        "Holm",
        "Holm",
        id="a-quote-goes-on-from-the-statement-before",
    ),
    pytest.param(
        "“We have had problems with them in the past,” Jane Holm said after meeting Tom Berg. "
        "Berg didn’t suggest any steps. “Our goal is to set some norms for everybody.”",
        "“Our goal is to set some norms for everybody.”",
        DIRECT,
        "Jane Holm",
        "Jane Holm",
        id="a-silence-before-a-quote-passes-no-speaker-on",
    ),
    pytest.param(
        "The minister surmised that Norway would back down.",
        "that Norway would back down",
        REPORTED,
        "the minister",
        "The minister",
        id="a-reporting-verb-of-the-wordnet-lexicon",
    ),
    pytest.param(
        "Norway will back down soon, the minister reckoned.",
        "Norway will back down soon",
        REPORTED,
        "the minister",
        "the minister",
        id="a-reporting-verb-of-the-wordnet-lexicon-set-off",
    ),
    pytest.param(
        "One study found Tom Berg would raise taxes on Norwegians.",
        "Tom Berg would raise taxes on Norwegians",
        REPORTED,
        "one study",
        "One study",
        id="found-a-clause",
    ),
    pytest.param(
        "Tom Berg has discovered that the fund sent money to Iranian banks.",
        "that the fund sent money to Iranian banks",
        REPORTED,
        "Tom Berg",
        "Tom Berg",
        id="a-verb-of-perception-with-a-clause-is-a-finding",
    ),
    pytest.param(
        "Jane Holm’s claim that Norway broke the fishing quota was false.",
        "that Norway broke the fishing quota",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="a-noun-of-saying-and-its-owner",
    ),
    pytest.param(
        "One of the two candidates is propounding views that threaten Estonia.",
        "views that threaten Estonia",
        REPORTED,
        "one of the two candidates",
        "One of the two candidates",
        id="propounding-views",
    ),
    pytest.param(
        "Six million Chilean jobs depend on exports to Peru, one slide says.",
        "Six million Chilean jobs depend on exports to Peru",
        REPORTED,
        "one slide",
        "one slide",
        id="a-slide-is-a-document-that-speaks",
    ),
    pytest.param(
        "President Tom Berg sounded a call for Norway to accept more refugees.",
        "for Norway to accept more refugees",
        REPORTED,
        "Tom Berg",
        "Tom Berg",
        id="a-noun-of-saying-put-out-by-its-verbs-subject",
    ),
    pytest.param(
        "The ministry issued a warning that Russian ships were near.",
        "that Russian ships were near",
        REPORTED,
        "the ministry",
        "The ministry",
        id="a-noun-of-saying-and-its-clause-the-parser-makes-relative",
    ),
    pytest.param(
        "Tom Berg spoke at noon. It vindicated his theory of Norway's role in the world.",
        "of Norway's role in the world",
        STANCE,
        "Tom Berg",
        "his",
        id="a-theory-of-a-topic-says-only-what-it-is-about",
    ),
    pytest.param(
        "Holm’s comments about the fishing quota angered Sweden.",
        "about the fishing quota",
        STANCE,
        "Holm",
        "Holm",
        id="a-noun-of-saying-and-its-topic-is-a-stance",
    ),
    pytest.param(
        "The minister’s claim that the rules would cut emissions from Norwegian plants, which "
        "gave the envoy leverage in talks with Sweden, was false.",
        "that the rules would cut emissions from Norwegian plants",
        REPORTED,
        "the minister",
        "The minister",
        id="a-noun-of-saying-without-the-reporters-aside",
    ),
    pytest.param(
        "Jane Holm praised Norway.",
        "Norway",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="one-word-that-names",
    ),
    pytest.param(
        '"This is a big year for our farmers in Norway!" the minister\'s aide, Marcia "Cia" Berg, '
        "shouted to the crowd.",
        '"This is a big year for our farmers in Norway!"',
        DIRECT,
        "Marcia Berg",
        "the minister's aide",
        id="a-nickname-is-no-next-quote",
    ),
    pytest.param(
        "About 9.9 million farmers live in Norway, according to federal statistics.",
        "About 9.9 million farmers live in Norway",
        REPORTED,
        "federal statistics",
        "federal statistics",
        id="what-according-to-cites-speaks",
    ),
    pytest.param(
        "The minister has portrayed himself as a friend of the farmers of Norway.",
        "himself as a friend of the farmers of Norway",
        REPORTED,
        "the minister",
        "The minister",
        id="portrayed-as",
    ),
    pytest.param(
        "The new film explains how the prison system in Norway grew.",
        "how the prison system in Norway grew",
        REPORTED,
        "the new film",
        "The new film",
        id="a-film-is-a-document",
    ),
    pytest.param(
        "The border plan was called a disaster by several farm leaders.",
        "The border plan was called a disaster",
        REPORTED,
        "several farm leaders",
        "several farm leaders",
        id="a-passive-cue-speaks-through-its-agent",
    ),
    pytest.param(
        "The senator lauded the mayor for her work with Norway.",
        "the mayor for her work with Norway",
        REPORTED,
        "the senator",
        "The senator",
        id="praise-aloud",
    ),
    pytest.param(
        "The minister blamed the shortage on Sweden.",
        "the shortage on Sweden",
        REPORTED,
        "the minister",
        "The minister",
        id="blame-aloud",
    ),
    pytest.param(
        "Jane Holm likened the new rules to a tax on farmers.",
        "the new rules to a tax on farmers",
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="liken",
    ),
    pytest.param(
        "Many farmers are afraid that the new tariffs will hurt Norway.",
        "that the new tariffs will hurt Norway",
        STANCE,
        "many farmers",
        "Many farmers",
        id="afraid-that",
    ),
    pytest.param(
        "The minister is worried about the talks with Sweden.",
        "the talks with Sweden",
        STANCE,
        "the minister",
        "The minister",
        id="worried-about",
    ),
    pytest.param(
        "The governor was frustrated that Norway had refused.",
        "that Norway had refused",
        STANCE,
        "the governor",
        "The governor",
        id="a-participle-of-feeling",
    ),
    pytest.param(
        "Critics see the plan as a gift to Norway.",
        "the plan as a gift to Norway",
        REPORTED,
        "critics",
        "Critics",
        id="regard-as",
    ),
    pytest.param(
        "Anna Holm spoke about what she sees as a threat from Peru.",
        "as a threat from Peru",
        REPORTED,
        "Anna Holm",
        "she",
        id="regard-as-a-free-relative",
    ),
    pytest.param(
        "Holm rejected the plan, which critics view as a gift to Peru.",
        "as a gift to Peru",
        REPORTED,
        "critics",
        "critics",
        id="regard-as-in-a-relative-clause",
    ),
    pytest.param(
        "Holm painted Berg as a rich man who looked down on Norway.",
        "Berg as a rich man who looked down on Norway",
        REPORTED,
        "Holm",
        "Holm",
        id="paint-as",
    ),
    pytest.param(
        "The plan was endorsed by the president on Friday.",
        "The plan was endorsed",
        STANCE,
        "the president",
        "the president",
        id="a-passive-stance-verb-with-its-agent",
    ),
    pytest.param(
        "Trump, appearing after Holm at the CNN/ABC forum, cited problems in Mexico and elsewhere.",
        "problems in Mexico and elsewhere",
        REPORTED,
        "Trump",
        "Trump",
        id="a-name-the-parser-reads-as-an-adjective-speaks",
    ),
    pytest.param(
        '"That we would go back to tariffs is absurd," Jane Holm said, going on to say that the '
        'country has spent "decades fighting against tariffs, to have that fight again, young '
        'farmers do not want to see that."',
        'that the country has spent "decades fighting against tariffs, to have that fight again, '
        'young farmers do not want to see that."',
        REPORTED,
        "Jane Holm",
        "Jane Holm",
        id="a-participle-right-after-a-cue-goes-with-it-wherever-the-parser-hangs-it",
    ),
]

# A cue in the middle of its clause splits the reported content in two rows with one speaker,
# as a quote split around its cue does (DESIGN.md), so the speaker's words are in neither.
PARENTHETICAL = [
    pytest.param(
        "The top 1 percent paid a quarter of all taxes in Norway, according to the budget office, "
        "and the top 10 percent paid two thirds of them.",
        [
            "The top 1 percent paid a quarter of all taxes in Norway",
            "the top 10 percent paid two thirds of them",
        ],
        "the budget office",
        id="according-to-in-the-middle",
    ),
    pytest.param(
        "Though that transition was relatively seamless, Holm said, replacing the minister would "
        "be much more acrimonious for Norway.",
        [
            "Though that transition was relatively seamless",
            "replacing the minister would be much more acrimonious for Norway",
        ],
        "Holm",
        id="a-clause-the-parser-hangs-on-the-cue",
    ),
    pytest.param(
        "If this argument fails to persuade, Mr. Holm argues, there are other tools in the "
        "toolbox.",
        ["If this argument fails to persuade", "there are other tools in the toolbox"],
        "Holm",
        id="argues",
    ),
    pytest.param(
        "Peru, as the minister said last week, has paid its debts to Chile.",
        ["Peru", "has paid its debts to Chile"],
        "the minister",
        id="a-clause-of-as-in-the-middle",
    ),
    pytest.param(
        "Food prices, Tom Reyes said, would keep rising through the winter.",
        ["Food prices", "would keep rising through the winter"],
        "Tom Reyes",
        id="name-said",
    ),
    pytest.param(
        "Tariffs on steel, the minister added, will stay in place until March.",
        ["Tariffs on steel", "will stay in place until March"],
        "the minister",
        id="role-added",
    ),
    pytest.param(
        "The plan, the minister told reporters, would fail in Norway.",
        ["The plan", "would fail in Norway"],
        "the minister",
        id="told-whom-in-the-middle",
    ),
    pytest.param(
        "The difference now, Tom Reyes told me on Friday, is that Peru pays its debts.",
        ["The difference now", "is that Peru pays its debts"],
        "Tom Reyes",
        id="a-cue-the-parser-hangs-on-the-subject",
    ),
]


@pytest.mark.parametrize(("text", "content", "kind", "speaker", "mention"), PATTERNS)
def test_quotes_pattern(
    nlp: Language, text: str, content: str, kind: AttributionKind, speaker: str, mention: str
) -> None:
    rows = attributions(text, nlp)
    row = row_for(rows, text, content)
    assert row.kind is kind
    assert row.speaker == speaker
    assert row.speaker_start is not None
    assert text[row.speaker_start : row.speaker_end] == mention


TRANSCRIPT = (
    "The host Chris Wallace questioned Governor Anne Roe.\n"
    "WALLACE: Will you raise tariffs on Chinese steel?\n"
    "ROE: Not this year.\n"
    "Our farmers need markets in Canada and Mexico first.\n"
    "WALLACE: And next year?\n"
    "ROE: We will see.\n"
    "The debate ended at ten, and the Canadian envoy left early."
)


@pytest.mark.parametrize(
    ("content", "speaker"),
    [
        pytest.param("Not this year", "Anne Roe", id="a-turn"),
        pytest.param(
            "Our farmers need markets in Canada and Mexico first",
            "Anne Roe",
            id="a-paragraph-between-turns-goes-on-with-the-turn-before",
        ),
        pytest.param(
            "The debate ended at ten, and the Canadian envoy left early",
            None,
            id="after-the-last-turn-the-article-resumes",
        ),
    ],
)
def test_quotes_transcript_turns_go_on_to_the_next_turn(
    nlp: Language, content: str, speaker: str | None
) -> None:
    rows = [row for row in attributions(TRANSCRIPT, nlp) if row.cue == ":"]
    held = {row.speaker for row in rows if TRANSCRIPT[row.start : row.end] == content}
    assert held == ({speaker} if speaker else set())


# A clause of "who" set off by a comma that tells who a name is, is the reporter's gloss: the
# content goes on after it in a second row; inside a quote it is the quote's.
@pytest.mark.parametrize(
    ("text", "contents"),
    [
        pytest.param(
            "Holm accused Tom Berg, who was born in Norway, of lying to the council.",
            ["Tom Berg", "of lying to the council"],
            id="in-the-middle",
        ),
        pytest.param(
            "Holm questioned the health of Tom Berg, who is 70 and lives in Norway.",
            ["the health of Tom Berg"],
            id="at-the-end",
        ),
        pytest.param(
            "“Tom Berg, who was born in Norway, knew the mayor,” Holm said.",
            ["“Tom Berg, who was born in Norway, knew the mayor,”"],
            id="inside-a-quote-the-words-are-the-quotes",
        ),
        pytest.param(
            "Holm said the plan, which Norway drafted, would fail.",
            ["the plan, which Norway drafted, would fail"],
            id="a-clause-of-which-on-a-common-noun-is-said",
        ),
    ],
)
def test_quotes_a_gloss_on_a_name_is_the_reporters(
    nlp: Language, text: str, contents: list[str]
) -> None:
    rows = [row for row in attributions(text, nlp) if row.speaker == "Holm"]
    assert [text[row.start : row.end] for row in rows] == contents


@pytest.mark.parametrize(("text", "contents", "speaker"), PARENTHETICAL)
def test_quotes_parenthetical_cue_splits_reported_content(
    nlp: Language, text: str, contents: list[str], speaker: str
) -> None:
    rows = [row_for(attributions(text, nlp), text, content) for content in contents]
    assert [row.kind for row in rows] == [REPORTED, REPORTED]
    assert {row.speaker for row in rows} == {speaker}
    assert len({row.cue_start for row in rows}) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Jane Holm concluded her visit to Oslo on Monday.", id="concluded-a-visit"),
        pytest.param("The ministry posted the schedule on its website.", id="posted-on-a-site"),
        pytest.param(
            "The institute maintains a program for young leaders in Norway.",
            id="maintains-a-program",
        ),
        pytest.param(
            "The minister accepted the nomination in Oslo.",
            id="a-reporting-verb-takes-only-a-clause",
        ),
        pytest.param("Holm explored the Arctic coast of Norway.", id="explored-a-place"),
        pytest.param("The rebels declared war on Norway.", id="declared-war"),
        pytest.param("Holm painted the house in Norway.", id="painted-a-house"),
        pytest.param(
            "Holm mocked the fact that the Norwegian ferries were late.",
            id="a-fact-is-true-in-the-voice-around-it",
        ),
        pytest.param(
            "It was on Holm's watch that the assembly set up a fund for Norway.",
            id="a-cleft-clause-is-no-ones-thought",
        ),
        pytest.param(
            "As he said this, the crowd in Lima cheered.", id="a-clause-of-as-with-its-own-object"
        ),
        pytest.param(
            "The leaders found little unity on a vision for Europe without Britain.",
            id="found-a-thing",
        ),
        pytest.param(
            "Tom Berg visited three countries: Peru, Chile and Bolivia.", id="a-colon-after-an-act"
        ),
        pytest.param("Divers discovered a wreck off Peru.", id="a-perception-without-a-clause"),
        pytest.param(
            "What do you see as the main problem in Peru?", id="a-question-regards-nothing"
        ),
    ],
)
def test_quotes_speech_verb_used_for_an_act_reports_nothing(nlp: Language, text: str) -> None:
    # An act may be a stance row ("visited three countries"); it is never speech.
    assert [row for row in attributions(text, nlp) if row.kind is not STANCE] == []


def test_quotes_headline_speaker_and_colon(nlp: Language) -> None:
    # Only a title reads "Speaker: claim"; a body line "Note: …" is a label.
    text = (
        "Holm: The border deal will hurt farmers\n"
        "Foreign minister Jane Holm spoke in Oslo on Monday.\n"
        "Note: all times are local."
    )
    parsed = parse_article(text, article_id="test")
    rows = find_attributions(parsed, parse(parsed, nlp))
    assert [(text[row.start : row.end], row.speaker) for row in rows] == [
        ("The border deal will hurt farmers", "Jane Holm")
    ]


def test_quotes_headline_colon_without_a_claim_gives_no_empty_row(nlp: Language) -> None:
    # Found by benchmarks/fuzz.py: the title "China : ." gave a row with an empty span.
    text = "date 2024-03-14 World\nChina \ufeff China China : . \nChina said no."
    parsed = parse_article(text, article_id="test")
    rows = find_attributions(parsed, parse(parsed, nlp))
    assert all(row.start < row.end for row in rows)
    assert not [row for row in rows if row.cue == ":"]


def test_quotes_split_quote_gives_two_rows_with_one_speaker(nlp: Language) -> None:
    text = "“We are ready,” Mark Olsen said. “The rest is up to them.”"
    rows = [row for row in attributions(text, nlp) if row.kind is DIRECT]
    assert [text[row.start : row.end] for row in rows] == [
        "“We are ready,”",
        "“The rest is up to them.”",
    ]
    assert {row.speaker for row in rows} == {"Mark Olsen"}
    assert {row.cue for row in rows} == {"said"}


def test_quotes_nested_attribution_inside_a_quote(nlp: Language) -> None:
    text = (
        "Correspondent Paul Nye said the talks would go on. "
        "“Karl Johnson said that no deal was near,” he said."
    )
    rows = attributions(text, nlp)
    outer = row_for(rows, text, "“Karl Johnson said that no deal was near,”")
    inner = row_for(rows, text, "that no deal was near")
    assert (outer.speaker, outer.kind) == ("Paul Nye", DIRECT)
    assert text[outer.speaker_start : outer.speaker_end] == "he"
    assert (inner.speaker, inner.kind) == ("Karl Johnson", REPORTED)
    assert outer.start < inner.start < inner.end < outer.end


def test_quotes_according_to_inside_a_quote_cites_for_the_quote_alone(nlp: Language) -> None:
    text = (
        "Farmers sold more grain to Norway this year, and the ministry said the firm “runs "
        "twelve depots in Sweden, according to its own website.”"
    )
    rows = attributions(text, nlp)
    cited = [row for row in rows if row.cue == "according to"]
    assert [text[row.start : row.end] for row in cited] == ["runs twelve depots in Sweden"]
    assert all("Norway" not in text[row.start : row.end] for row in rows)


@pytest.mark.parametrize(
    ("text", "content", "country"),
    [
        pytest.param(
            "Senior Chinese diplomat Wang Yi said, “There is no room for compromise.”",
            "“There is no room for compromise.”",
            "CHN",
            id="demonym",
        ),
        pytest.param(
            "Secretary of State Ann Lowe said, “We will keep talking to them.”",
            "“We will keep talking to them.”",
            "USA",
            id="role",
        ),
    ],
)
def test_quotes_speaker_country(nlp: Language, text: str, content: str, country: str) -> None:
    assert row_for(attributions(text, nlp), text, content).speaker_country == country


def test_quotes_offsets_are_consistent(nlp: Language) -> None:
    text = (
        "Jane Holm said, “We will wait.\n"
        "Some analysts said the deal was fragile, according to Reuters.\n"
        '"It is over," said Karl Johnson.'
    )
    rows = attributions(text, nlp)
    assert rows == sorted(rows, key=lambda row: (row.start, -row.end))
    for row in rows:
        assert 0 <= row.start < row.end <= len(text)
        if row.cue is not None:
            assert text[row.cue_start : row.cue_end] == row.cue
    assert "\n" not in text[rows[0].start : rows[0].end]


def test_quotes_never_refuse_unbalanced_marks(nlp: Language) -> None:
    text = 'He said "yes.\n"No," she said, "and "maybe.\nIt rained ” all day.'
    rows = attributions(text, nlp)
    # The quote around "No," is still found, attributed through "she said", whatever the
    # unbalanced marks around it.
    assert any('"No,"' in text[row.start : row.end] for row in rows)
    for row in rows:
        assert row.end <= len(text)
        assert row.cue_start is not None
        assert row.speaker_start is not None
        assert text[row.cue_start : row.cue_end] == "said"
        assert text[row.speaker_start : row.speaker_end] == "she"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        pytest.param('He said "yes" and "no".', ['"yes"', '"no"'], id="straight"),
        pytest.param("She said “yes” today.", ["“yes”"], id="curly"),
        pytest.param("It isn’t the Clintons’ plan.", [], id="apostrophes-are-not-quotes"),
        pytest.param("A ‘headline quote’ here.", ["‘headline quote’"], id="single-marks"),
        pytest.param("''It is over,'' he said.", ["''It is over,''"], id="doubled-apostrophes"),
        pytest.param(
            '"He read “the letter” to us," she said.',
            ['"He read “the letter” to us,"'],
            id="nested-other-family",
        ),
        pytest.param("Open “and never closed", ["“and never closed"], id="missing-close"),
        pytest.param("Stray ” closing mark.", [], id="stray-close"),
    ],
)
def test_quotes_quoted_spans(text: str, spans: list[str]) -> None:
    assert [text[start:end] for start, end in quoted_spans(article(text))] == spans


def test_quotes_continued_quote_spans_paragraphs() -> None:
    text = "“First part.\n“Second part.”\nNo quote here."
    [(start, end)] = quoted_spans(article(text))
    assert text[start:end] == "“First part.\n“Second part.”"


def test_quotes_shared_article_speakers(nlp: Language, shared: Path) -> None:
    path = shared / "articles" / "seed-2023-06-20-blinken-beijing.txt"
    text = path.read_text(encoding="utf-8")
    parsed = parse_article(text, article_id=str(path))
    rows = [row for row in find_attributions(parsed, parse(parsed, nlp)) if row.kind is DIRECT]
    speakers = [(text[row.start : row.start + 12], row.speaker) for row in rows]
    assert speakers == [
        ("“Today I met", "Antony Blinken"),
        ("“Blinken say", "Bethany Allen"),
        ("“It’s absolu", "Antony Blinken"),
        ("“Antony Blin", "Stephen McDonell"),
        ("“China has n", "Wang Yi"),
        ("“The two sid", "Xi Jinping"),
        ("“The message", "Wu Xinbo"),
        ("“China has s", "Wu Xinbo"),
        ("“Both sides ", "Matthew Miller"),
    ]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            "China reportedly refused to resume talks with the army.",
            "to resume talks with the army",
            "China",
            id="refusal",
        ),
        pytest.param(
            "The two sides also discussed the war in the east.",
            "the war in the east",
            "the two sides",
            id="discussion",
        ),
        pytest.param(
            "Holm came to talk to me about trade and the Norwegian elections.",
            "trade and the Norwegian elections",
            "Holm",
            id="a-topic-of-talk",
        ),
        pytest.param(
            "When the poll asked about the candidates seeking office in Norway, Holm led.",
            "the candidates seeking office in Norway",
            "the poll",
            id="a-topic-of-asking",
        ),
        pytest.param(
            "The film explains Norway's treatment of its fishermen.",
            "Norway's treatment of its fishermen",
            "the film",
            id="a-topic-explained",
        ),
        pytest.param(
            "Holm mentioned the Norway deal and commented on Berg's visit.",
            "the Norway deal",
            "Holm",
            id="a-topic-mentioned",
        ),
        pytest.param(
            "Holm mentioned the Norway deal and commented on Berg's visit.",
            "Berg's visit",
            "Holm",
            id="a-topic-commented-on",
        ),
        pytest.param(
            "The ministry plans to open two more offices next year.",
            "to open two more offices next year",
            "the ministry",
            id="plan",
        ),
        pytest.param(
            "Both sides have agreed to continue the talks in May.",
            "to continue the talks in May",
            "both sides",
            id="agreement",
        ),
        pytest.param(
            "Jane Holm did not mention the role of Norway in the talks.",
            "the role of Norway in the talks",
            "Jane Holm",
            id="a-denied-cue-is-a-silence",
        ),
        pytest.param(
            "The farmers union endorses Holm.",
            "Holm",
            "the farmers union",
            id="one-name-endorsed",
        ),
        pytest.param(
            "Tom Berg spoke in Oslo. His decision to leave Norway surprised everyone.",
            "to leave Norway",
            "Tom Berg",
            id="a-noun-of-intention",
        ),
        pytest.param(
            "The ministry did not respond to requests for comment.",
            "requests for comment",
            "the ministry",
            id="no-answer",
        ),
        pytest.param(
            "The council imposed new sanctions on Norway.",
            "new sanctions on Norway",
            "the council",
            id="an-act-on-something",
        ),
        pytest.param(
            "The president vetoed the bill and imposed new tariffs on Norway.",
            "new tariffs on Norway",
            "the president",
            id="an-act-joined-to-the-main-verb",
        ),
        pytest.param(
            "The court ruled that the election law broke the constitution.",
            "that the election law broke the constitution",
            "the court",
            id="an-act-with-a-clause",
        ),
        pytest.param(
            "The latest figures show that exports to Norway fell sharply.",
            "that exports to Norway fell sharply",
            "the latest figures",
            id="what-a-thing-shows-in-a-clause",
        ),
        pytest.param(
            "Norway is willing to reopen talks with the union.",
            "to reopen talks with the union",
            "Norway",
            id="a-word-of-will",
        ),
        pytest.param(
            "A trade official said Lima welcomed Chinese investment in Peru's ports.",
            "Chinese investment in Peru's ports",
            "Peru",
            id="welcoming-is-approval",
        ),
        pytest.param(
            "The two countries signed a treaty to cut Peru's fishing quotas.",
            "a treaty to cut Peru's fishing quotas",
            "the two countries",
            id="a-signature-is-an-act",
        ),
        pytest.param(
            "The governor vetoed a bill that would tax Canadian timber.",
            "a bill that would tax Canadian timber",
            "the governor",
            id="a-veto-is-an-act",
        ),
        pytest.param(
            "An appeals court overruled the ban on Brazilian beef.",
            "the ban on Brazilian beef",
            "an appeals court",
            id="a-ruling-is-an-act",
        ),
        pytest.param(
            "Tom Berg has avoided criticizing Norway's whaling.",
            "criticizing Norway's whaling",
            "Tom Berg",
            id="avoiding-is-a-refusal",
        ),
        pytest.param(
            "Holm hopes to win in Sweden.",
            "to win in Sweden",
            "Holm",
            id="hoping-to-is-an-intention",
        ),
        pytest.param(
            "The data show that Norwegian exports fell.",
            "that Norwegian exports fell",
            None,
            id="what-data-show-is-evidence",
        ),
    ],
)
def test_quotes_acts_and_intentions_are_stance(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    row = row_for(attributions(text, nlp), text, content)
    assert (row.kind, row.speaker) == (STANCE, speaker)


# Reported rows and their speakers: hearsay is reported by no one; words received ("faced
# criticism for …") are said of their topic, by whoever the text names; railing against
# something reports it; an infinitive under a verb that makes it happen is its object's, one
# under a verb of speech stays its subject's; a document speaks as whoever put it out, and
# says what it shows; a verb of expecting with a clause says what its subject believes.
REPORTED_BY = [
    pytest.param(
        "The new border plan seems to have failed in Norway.",
        "The new border plan seems to have failed in Norway",
        None,
        id="seems-to",
    ),
    pytest.param(
        "It appears that Norway will leave the pact.",
        "It appears that Norway will leave the pact",
        None,
        id="appears-that",
    ),
    pytest.param(
        "A deal with Norway looks unlikely.",
        "A deal with Norway looks unlikely",
        None,
        id="looks-unlikely",
    ),
    pytest.param(
        "The dealer allegedly sold rifles to buyers in Norway.",
        "The dealer allegedly sold rifles to buyers in Norway",
        None,
        id="allegedly",
    ),
    pytest.param(
        "The Norwegian minister has faced sharp criticism for cutting the aid budget.",
        "cutting the aid budget",
        None,
        id="faced-criticism-for",
    ),
    pytest.param(
        "The embassy is drawing questions about its spending in Oslo.",
        "its spending in Oslo",
        None,
        id="drawing-questions-about",
    ),
    pytest.param(
        "The Oslo agreement came under criticism for its vague terms.",
        "its vague terms",
        None,
        id="came-under-criticism",
    ),
    pytest.param(
        "The new ferry timetable has faced ridicule since it was published.",
        "The new ferry timetable",
        None,
        id="faced-ridicule-subject",
    ),
    pytest.param(
        "The Norwegian plan received praise from the fishermen's union.",
        "The Norwegian plan",
        "the fishermen's union",
        id="praise-from",
    ),
    pytest.param(
        "Holm railed against the new tariffs on Norwegian salmon.",
        "the new tariffs on Norwegian salmon",
        "Holm",
        id="railed-against",
    ),
    pytest.param(
        "Holm inveighed against the fishing quotas in Norway.",
        "the fishing quotas in Norway",
        "Holm",
        id="inveighed-against",
    ),
    pytest.param(
        "The border incidents prompted Norway to warn that the Swedish quotas were unfair.",
        "that the Swedish quotas were unfair",
        "Norway",
        id="prompted-object-to-warn",
    ),
    pytest.param(
        "Holm urged the council to condemn the Swedish quotas.",
        "the Swedish quotas",
        "Holm",
        id="urged-object-to-condemn",
    ),
    pytest.param(
        "The fishermen's union issued a statement saying that the Swedish quotas were unfair.",
        "that the Swedish quotas were unfair",
        "the fishermen's union",
        id="a-statement-speaks-as-whoever-put-it-out",
    ),
    pytest.param(
        "The fishermen's union expects that the Swedish quotas will be cut.",
        "that the Swedish quotas will be cut",
        "the fishermen's union",
        id="expects-that-is-a-belief",
    ),
    pytest.param(
        "Holm hoped the Swedish ferries would return.",
        "the Swedish ferries would return",
        "Holm",
        id="hoped-a-clause-is-a-belief",
    ),
    pytest.param(
        "Farm incomes in Norway fell sharply last year, a new ministry report shows.",
        "Farm incomes in Norway fell sharply last year",
        "a new ministry report",
        id="what-a-document-shows-set-off-after-it",
    ),
    pytest.param(
        "Norway's position that the quotas are unfair to Sweden is well known.",
        "that the quotas are unfair to Sweden",
        "Norway",
        id="an-owned-noun-with-a-that-clause",
    ),
    pytest.param(
        "The film explores how the quotas emptied the fishing towns of Norway.",
        "how the quotas emptied the fishing towns of Norway",
        "the film",
        id="what-a-document-explores",
    ),
    pytest.param(
        "A poll shows that most voters in Norway oppose the quotas.",
        "that most voters in Norway oppose the quotas",
        "a poll",
        id="what-a-document-shows-it-says",
    ),
    pytest.param(
        "A slide from a presentation that Holm carries shows what a ferry made in Norway would "
        "cost.",
        "what a ferry made in Norway would cost",
        "a slide",
        id="a-part-of-a-document-is-no-author",
    ),
    pytest.param(
        "Holm asked whether Norway would pay for the bridge.",
        "whether Norway would pay for the bridge",
        "Holm",
        id="a-verb-of-talk-with-a-clause-reports-it",
    ),
    pytest.param(
        "Holm asked the farmers this: Would Norway pay for the bridge?",
        "Would Norway pay for the bridge?",
        "Holm",
        id="a-verb-of-talk-with-a-clause-after-a-colon-reports-it",
    ),
    pytest.param(
        "Holm spoke about “the Norway betrayal” at length.",
        "the Norway betrayal",
        "Holm",
        id="a-topic-that-quotes-words-reports-them",
    ),
    pytest.param(
        "Holm’s concerns about “farmers trying to get rich in Norway” were dismissed.",
        "about “farmers trying to get rich in Norway”",
        "Holm",
        id="a-nouns-topic-that-quotes-words-reports-them",
    ),
    pytest.param(
        "Security experts in Oslo have linked the breach to a notorious Russian hacking group.",
        "the breach to a notorious Russian hacking group",
        "Security experts",
        id="linking-one-thing-to-another-is-a-claim",
    ),
    pytest.param(
        "The minister attributed the fall in exports to Chinese tariffs.",
        "the fall in exports to Chinese tariffs",
        "the minister",
        id="attributing-one-thing-to-another-is-a-claim",
    ),
    pytest.param(
        "Holm and Berg remain confident despite a few early supporters of the bill, such as Anna "
        "Lie and Per Dahl, now saying they think Norway should change it.",
        "they think Norway should change it",
        "a few early supporters",
        id="despite-someone-saying-is-theirs",
    ),
    pytest.param(
        "Markets fell in Oslo, with analysts saying that Norway would cut rates.",
        "that Norway would cut rates",
        "analysts",
        id="with-someone-saying-is-theirs",
    ),
    pytest.param(
        "The union filed a complaint with the Norwegian labour board, claiming that the firm "
        "broke the rules.",
        "that the firm broke the rules",
        "the union",
        id="a-participle-after-a-comma-is-the-subjects",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker"), REPORTED_BY)
def test_quotes_reported_row_and_its_speaker(
    nlp: Language, text: str, content: str, speaker: str | None
) -> None:
    row = row_for(attributions(text, nlp), text, content)
    assert (row.kind, row.speaker) == (REPORTED, speaker)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The minister appeared on television in Norway.", id="appeared-on-tv"),
        pytest.param("The company looks to expand into Norway.", id="looks-to-seek"),
    ],
)
def test_quotes_seeming_verb_without_a_complement_reports_nothing(nlp: Language, text: str) -> None:
    assert attributions(text, nlp) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Norwegian team faced Sweden in the final.", id="faced-a-team"),
        pytest.param("The Oslo museum drew large crowds on Monday.", id="drew-crowds"),
        pytest.param("The minister's criticism of the plan was mild.", id="no-receiving-verb"),
    ],
)
def test_quotes_nothing_said_is_received(nlp: Language, text: str) -> None:
    rows = [row for row in attributions(text, nlp) if row.speaker is None]
    assert rows == []


def test_quotes_a_rail_is_no_cue(nlp: Language) -> None:
    assert attributions("The train to Oslo left the rail near Bergen.", nlp) == []


@pytest.mark.parametrize(
    ("text", "first", "rest", "speaker"),
    [
        pytest.param(
            "Exports to Norway rose 4 percent, the agency said in its report, and imports fell"
            " 2 percent.",
            "Exports to Norway rose 4 percent",
            "imports fell 2 percent",
            "the agency",
            id="own-subject",
        ),
        pytest.param(
            'Oslo is "a fine city," Holm wrote in a letter, and "full of life."',
            'Oslo is "a fine city,"',
            '"full of life."',
            "Holm",
            id="quoted-adjective-beside-a-direct-cue",
        ),
        pytest.param(
            'Berg "made a deal with Oslo," Holm said, and still "got to keep his seat in the'
            ' cabinet."',
            'Berg "made a deal with Oslo,"',
            'still "got to keep his seat in the cabinet."',
            "Holm",
            id="quoted-verb-beside-a-direct-cue",
        ),
    ],
)
def test_quotes_content_goes_on_after_its_cue(
    nlp: Language, text: str, first: str, rest: str, speaker: str
) -> None:
    rows = attributions(text, nlp)
    for content in (first, rest):
        row = row_for(rows, text, content)
        assert (row.kind, row.speaker) == (REPORTED, speaker)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Exports to Norway will rise, the minister said, and left the room.", id="own-act"
        ),
        pytest.param(
            "Exports to Norway will rise, the minister said, and he left the room.",
            id="own-act-pronoun",
        ),
    ],
)
def test_quotes_the_speakers_own_act_after_the_cue_is_no_content(nlp: Language, text: str) -> None:
    contents = [text[row.start : row.end] for row in attributions(text, nlp)]
    assert contents == ["Exports to Norway will rise"]


def test_quotes_cue_classes_share_no_word() -> None:
    classes = [
        SPEECH_VERBS, OBJECT_VERBS, TOPIC_VERBS, STANCE_VERBS, reporting_verbs(), act_verbs()
    ]  # fmt: skip
    for index, first in enumerate(classes):
        for second in classes[index + 1 :]:
            assert not first & second


# Rows a reader of the quotes table would reject: no one speaks, a thing speaks, or a cue takes
# the sentence before it for its content.
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "“Nobody expected this meeting to solve every problem,” said Mark Olsen.",
            "Nobody",
            None,
            id="nobody-speaks",
        ),
        pytest.param(
            'Officials said that talks had to be "based on mutual respect."',
            "talks",
            None,
            id="talks-do-not-speak",
        ),
        pytest.param(
            'The leader hinted that the pandas could soon return as "envoys of friendship."',
            "the pandas",
            None,
            id="pandas-do-not-speak",
        ),
        pytest.param(
            "The conversation had been “candid but never hostile.”",
            "The conversation",
            None,
            id="a-conversation-does-not-speak",
        ),
        pytest.param(
            "Authorities announced on Friday the arrest of a man in the shooting in Oslo.",
            None,
            "Friday",
            id="a-day-is-no-content",
        ),
        pytest.param(
            "Mr. Quiros was accused of using the money for himself.",
            "Quiros",
            None,
            id="a-passive-subject-is-spoken-of",
        ),
        pytest.param(
            "The minister was asked how the talks would end.",
            "the minister",
            None,
            id="a-passive-subject-is-asked",
        ),
        pytest.param(
            "“Let everyone know that if Norway pulls back, Europe must defend itself,” Jane Holm "
            "said.",
            "everyone",
            None,
            id="whom-a-speaker-lets-know-says-nothing",
        ),
        pytest.param(
            "Her goal was to make the minister defend the deal with Norway.",
            "the minister",
            None,
            id="whom-a-speaker-makes-defend-says-nothing",
        ),
        pytest.param(
            "“If Lowe’s goal was to make Olsen defend business as usual – defend the mistakes of "
            "Anna Berg and the cost of the Norway deal – he succeeded,” Tom Holm wrote.",
            "Anna Berg",
            "the mistakes of Anna Berg and the cost of the Norway deal",
            id="a-clause-without-subject-under-a-verb-not-of-speech-is-no-ones",
        ),
        pytest.param(
            "Anna Holm lives in Oslo. “It never crossed my mind that I was wrong,” she said months "
            "later, and a big reason for this conviction was the rise of Tom Berg, who had talked "
            "about the Norway deal.",
            None,
            "a big reason for this conviction was the rise of Tom Berg, who had talked about the "
            "Norway deal",
            id="after-a-direct-quote-plain-words-go-on-in-the-reporters-voice",
        ),
        pytest.param(
            "But there were lighter notes too: the leader hinted at a dinner that the pandas "
            "could return.",
            None,
            "But there were lighter notes too",
            id="cue-without-commas-reports-its-own-clause",
        ),
        pytest.param(
            "It is certain that Norway will join the pact.",
            None,
            "that Norway will join the pact",
            id="certain-with-no-one-who-feels",
        ),
        pytest.param(
            "The envoy saw the minister leave Oslo for Norway.",
            "the envoy",
            None,
            id="seeing-without-as-says-nothing",
        ),
        pytest.param(
            "The agency that oversees the visa program opened an office in Oslo.",
            "the agency",
            "the visa program",
            id="an-act-in-a-relative-clause-describes-its-subject",
        ),
        pytest.param(
            "After visiting the White House, the minister flew to Oslo.",
            "the minister",
            "the White House",
            id="an-act-in-a-clause-of-time-sets-the-scene",
        ),
        pytest.param(
            "The village near the border was hit by a storm from Norway.",
            "a storm from Norway",
            "The village near the border was hit",
            id="a-passive-whose-agent-cannot-speak",
        ),
        pytest.param(
            "The foundation was registered in Norway as a charity.",
            None,
            "The foundation was registered in Norway as a charity",
            id="an-act-with-no-one-who-acts",
        ),
        pytest.param(
            "The new tariffs prevented imports from Norway.",
            "the new tariffs",
            "imports from Norway",
            id="a-thing-does-no-act",
        ),
        pytest.param(
            "The new tariffs aim to protect farmers from Norwegian imports.",
            "the new tariffs",
            "to protect farmers from Norwegian imports",
            id="a-thing-has-no-aim",
        ),
        pytest.param(
            "The new rules are ready to take effect in Norway.",
            "the new rules",
            "to take effect in Norway",
            id="a-thing-has-no-will",
        ),
        pytest.param(
            "The company that was considered a threat in Norway closed.",
            None,
            "The company that was considered a threat in Norway closed",
            id="a-passive-in-a-relative-clause-describes",
        ),
        pytest.param(
            "The slide in Peru's markets says little about the economy.",
            "the slide",
            None,
            id="a-fall-in-prices-is-no-document",
            marks=pytest.mark.xfail(
                strict=True, reason="a document noun speaks in every sense: 'slide' is polysemous"
            ),
        ),
        pytest.param(
            "The theory of relativity was taught in Peru.",
            None,
            "of relativity",
            id="a-theory-no-one-holds",
        ),
        pytest.param(
            "Yesterday, speaking in Ohio, cited problems in Mexico.",
            "Yesterday",
            None,
            id="a-word-of-time-that-opens-the-sentence-is-no-subject",
        ),
        pytest.param(
            "Tom Berg rejected the claim that Peru cheated.",
            None,
            "that Peru cheated",
            id="a-claim-rejected-is-not-the-rejecters",
        ),
        pytest.param(
            "A new bridge links Norway to Sweden.",
            "A new bridge",
            None,
            id="a-thing-that-links-says-nothing",
        ),
        pytest.param(
            "The mayor was “disgusting” to many in Norway.",
            "the mayor",
            None,
            id="a-quoted-predicate-is-said-of-its-subject-not-by-it",
        ),
    ],
)
def test_quotes_no_row_a_reader_would_reject(
    nlp: Language, text: str, speaker: str | None, content: str | None
) -> None:
    rows = attributions(text, nlp)
    assert speaker is None or speaker not in {row.speaker for row in rows}
    assert content is None or content not in {text[row.start : row.end] for row in rows}


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        pytest.param(
            "Mr. Quiros was accused of using the money for himself.",
            "Mr. Quiros was accused of using the money for himself",
            REPORTED,
            id="accused",
        ),
        pytest.param(
            "The new treaty is expected to be signed next month in Oslo.",
            "The new treaty is expected to be signed next month in Oslo",
            STANCE,
            id="expected",
        ),
        pytest.param(
            "The border deal with Norway is considered a failure.",
            "The border deal with Norway is considered a failure",
            REPORTED,
            id="a-verb-of-thought-with-nothing-else-to-report",
        ),
    ],
)
def test_quotes_a_passive_cue_without_agent_has_no_speaker(
    nlp: Language, text: str, content: str, kind: AttributionKind
) -> None:
    # Someone said it and the text does not say who: the row holds the whole clause.
    row = row_for(attributions(text, nlp), text, content)
    assert (row.kind, row.speaker, row.speaker_start) == (kind, None, None)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "Some commentators called it a deliberate snub on the part of the authorities.",
            "it a deliberate snub on the part of the authorities",
            id="object-verb",
        ),
        pytest.param(
            'The ministry called the talks "positive and constructive," a spokesman said.',
            'the talks "positive and constructive,"',
            id="to-the-closing-mark",
        ),
        pytest.param(
            "The council condemned the missile launch as Pyongyang fired three more missiles "
            "into the sea.",
            "the missile launch",
            id="not-a-clause-of-when-it-was-said",
        ),
        pytest.param(
            "The minister praised the deal while farmers protested outside the hall in Oslo.",
            "the deal",
            id="not-a-clause-of-while-it-was-said",
        ),
        pytest.param(
            "Few people would have described Holm as a farm champion when she ran for office in "
            "Norway.",
            "Holm as a farm champion",
            id="not-a-clause-of-when-it-was-said-by-adverb",
        ),
        pytest.param(
            "She wants to triple the size of the farm program, grow the Peace Corps and create a "
            "new reserve in Norway.",
            "to triple the size of the farm program, grow the Peace Corps and create a new reserve "
            "in Norway",
            id="infinitives-the-parser-joins-to-the-cue",
        ),
        pytest.param(
            "Holm knows as much about farming as I do about football.",
            "as much about farming as I do about football",
            id="a-comparison-is-no-clause-of-when",
        ),
        pytest.param(
            'Holm said it was "firmly opposed" to the plan and warned Norway to refrain from '
            "further actions.",
            'it was "firmly opposed" to the plan',
            id="not-the-reporters-second-verb",
        ),
        pytest.param(
            "The institute called for new bases to counter Bolivian aggression.",
            "for new bases to counter Bolivian aggression",
            id="an-infinitive-of-purpose-is-no-second-cue",
        ),
        pytest.param(
            "Critics say the money would be better spent with NATO, the alliance that includes "
            "the United States and Canada.",
            "the money would be better spent with NATO",
            id="an-apposition-that-ends-the-clause-is-the-reporters-gloss",
        ),
        pytest.param(
            "Aides say she would have to consider Tom Berg, a former ambassador to Peru.",
            "she would have to consider Tom Berg",
            id="a-person-glossed-by-the-reporter",
        ),
        pytest.param(
            "Aides say she would have to consider Tom Berg, a former mayor and ambassador in the "
            "Peru embassy who can raise money.",
            "she would have to consider Tom Berg",
            id="a-gloss-with-a-conjunction-inside-it",
        ),
        pytest.param(
            "Aides say the envoy, a former ambassador to Peru, would resign in May.",
            "the envoy, a former ambassador to Peru, would resign in May",
            id="an-apposition-inside-the-clause-stays-in-it",
        ),
        pytest.param(
            "The ministry said that, last week, two destroyers had sailed near Peru, and that two "
            "frigates had sailed between Arica, Chile's northernmost city, and the Bolivian coast.",
            "that, last week, two destroyers had sailed near Peru, and that two frigates had "
            "sailed between Arica, Chile's northernmost city, and the Bolivian coast",
            id="an-apposition-with-more-joined-to-it-stays-in-the-clause",
        ),
        pytest.param(
            "The ministry said that two frigates had sailed between Arica, Chile's northernmost "
            "inhabited city, and the Bolivian coast.",
            "that two frigates had sailed between Arica, Chile's northernmost inhabited city, and "
            "the Bolivian coast",
            id="an-apposition-joined-to-past-its-closing-comma-stays-in-the-clause",
        ),
        pytest.param(
            "Holm has said that the ferries cannot afford the new fees to enter the U.K.",
            "that the ferries cannot afford the new fees to enter the U.K.",
            id="the-period-of-initials-that-end-the-sentence",
        ),
        pytest.param(
            "The mine in Norway, which Holm says he is keeping open, loses money.",
            "he is keeping open",
            id="a-relative-word-before-the-cue-is-no-part-of-its-clause",
        ),
    ],
)
def test_quotes_content_reaches_the_end_of_its_clause(
    nlp: Language, text: str, content: str
) -> None:
    row_for(attributions(text, nlp), text, content)


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        pytest.param("Beijing said, “We will respond.”", "China", "CHN", id="capital"),
        pytest.param("The US said, “We will respond.”", "United States", "USA", id="short-form"),
        pytest.param(
            "Reuters news agency said, “The talks were tense.”", "Reuters", None, id="agency"
        ),
        pytest.param(
            "Lena Park spoke first. “We will respond,” Ms. Park said.",
            "Lena Park",
            None,
            id="surname-with-title",
        ),
        pytest.param(
            "Spokesperson Daniel Mercer said, “We will respond.”",
            "Daniel Mercer",
            None,
            id="name-without-its-role",
        ),
    ],
)
def test_quotes_one_name_per_speaker(
    nlp: Language, text: str, speaker: str, country: str | None
) -> None:
    [row] = [row for row in attributions(text, nlp) if row.kind is DIRECT]
    assert (row.speaker, row.speaker_country) == (speaker, country)
