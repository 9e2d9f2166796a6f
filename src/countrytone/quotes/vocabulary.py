"""The cue vocabularies: verbs and nouns that introduce, describe or attribute speech.

Lemmas as spaCy's lemmatizer gives them."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each cue class has its own vocabulary and no word is in two: the class decides the kind of
# the attribution (``reported`` or ``stance``) and where its content lies.

# Verbs of speech and thought that report what someone said, wrote, stated or believes, with a
# clause ("said (that) …"), an infinitive ("vowed to fight", "urged Congress to act") or a topic
# ("noted the risk").
SPEECH_VERBS = _words(
    """say tell add confirm reiterate warn suggest claim argue note explain insist state announce
    report write tweet post declare conclude acknowledge admit deny assert allege contend maintain
    emphasize emphasise stress predict recall observe complain reveal indicate testify concede
    estimate caution respond reply answer ask mention comment remark counter propose recommend
    demand threaten boast joke quip lament charge wonder speculate muse promise pledge vow urge
    believe think fear worry find know signal disclose point hint tout read shout yell chant
    scream sing exclaim propound espouse rail inveigh"""
)

# Words of feeling and certainty that say what their subject thinks, as "fears" and "believes"
# do, with a clause or a topic: "are afraid that …", "is worried about …", "were not sure
# whether …", "has been critical of …". Written as they stand in the text, for the tagger reads
# "was frustrated that …" as a passive verb as often as an adjective.
FEELING_WORDS = _words(
    """afraid worried concerned fearful anxious nervous sure certain confident convinced aware
    hopeful optimistic pessimistic skeptical sceptical doubtful frustrated angry upset furious
    disappointed pleased happy glad sorry proud critical"""
)

# Words of will and readiness that say what their subject means to do, with an infinitive, as
# the nouns of intention do: "is willing to talk", "were reluctant to act", "is determined to
# win". Their rows are stances, as the words of feeling's are.
WILL_WORDS = _words("willing unwilling eager keen reluctant loath determined ready prepared")

# Verbs of going on that introduce a quote beside them when nothing else completes them ("She
# continued, “…”", "“…,” she continued"), though elsewhere they are acts ("continued to press").
QUOTE_CONTINUERS = _words("continue begin start")

# Verbs of speech whose content is their object: "called the plan a disaster", "described X as
# Y", "accused the bank of fraud"; verbs of praising, blaming, likening and linking aloud too
# ("mocked the complaint", "lauded the mayor for …", "blamed the shortage on …", "likened the
# rules to …", "linked the breach to a Russian group", "attributed the fall to tariffs").
OBJECT_VERBS = _words(
    """call describe label dub brand accuse praise criticize criticise blast slam condemn attack
    dismiss hail decry denounce cite question defend highlight reference echo repeat express
    portray depict characterize characterise mock ridicule deride chastise scold rebuke berate
    lambaste laud extol applaud commend compliment thank bemoan blame liken compare downplay
    link attribute"""
)

# Verbs of regarding, which say what their subject thinks of their object in the shape "X as Y"
# (or "X Y"): "critics see the plan as a gift", "views Norway as a partner", "judged the law a
# failure", "painted Romney as a rich guy". In any other shape they keep their own class ("saw
# the minister speak", "painted the house" say nothing).
REGARDING_VERBS = _words("see view regard consider judge deem perceive paint")

# Verbs of inquiry and account, which report the clause of "how", "why" or "what" they take, as
# a reporting verb does its "that" clause ("the film explores how the amendment …", "the report
# details why …"), and nothing else ("explored the Arctic"); WordNet gives them no clause.
INQUIRY_VERBS = _words("explore examine document detail chronicle investigate")

# Verbs of talk, whose content is only a topic: "spoke about the deal", "talked of war". A topic
# says what the talk was about, not what was said, in the reporter's words: their rows are
# stances, as "discussed the war" is.
TOPIC_VERBS = _words("speak talk")

# Verbs of speech that name only a topic when they take no clause, as the verbs of talk do
# ("asked about the deal", "explained the rules", "mentioned climate change", "commented on
# the case": stances), and report a clause when they take one ("asked whether …", "explained
# that …", "…, she explained").
TOPIC_OR_CLAUSE_VERBS = _words("ask explain mention comment")

# Verbs of acts, intentions and refusals: what the subject does, wants or refuses, not what it
# says ("refused to resume talks", "does not want to change", "agreed to meet", "discussed the
# war", "continue to press", "the data show that"; but see EXPECTING_VERBS, and a document says
# what it shows); acts done by a signature or a vote, which are deeds, not speech, though WordNet
# files them under communication ("signed an agreement to …", "vetoed the bill", "overruled the
# judge's decision"); avoiding, a refusal ("avoids condemning the invasion"); welcoming, approval
# as supporting is ("welcomed Chinese investment", "welcomed the delegation"). Their rows are
# ``stance``: kept in the quotes table, never the speaker of a mention. "hop" is how the packaged
# lemmatizer gives "hoped".
STANCE_VERBS = _words(
    """agree continue discuss support back oppose reject endorse offer plan want refuse expect
    seek decide need hope hop decline intend aim show try attempt prepare vote sign veto
    overrule ratify avoid welcome"""
)

# Verbs of stance that report a finite clause as what their subject thinks will be, as "fears"
# and "believes" do ("the IMF expects that output will slow", "he hoped the utilities would
# …"); with an infinitive they stay intentions ("expects to win"). "hop" is how the packaged
# lemmatizer gives "hoped".
EXPECTING_VERBS = _words("expect hope hop")

# The verbs of speech, whatever their content (clause, object or topic), and with the verbs of
# stance the hand-made cue classes, whose words keep their class over the WordNet lexicons
# (``data/reporting_verbs.csv``, ``data/act_verbs.csv``).
SAYING_VERBS = SPEECH_VERBS | OBJECT_VERBS | TOPIC_VERBS
CUE_VERBS = SAYING_VERBS | STANCE_VERBS

# Verbs of seeming, which give their clause as how things appear, to no one named: "the plan
# seems to have failed", "that looks unlikely"; and adverbs of hearsay, which give it as what
# someone says: "he allegedly fired a pistol". The text does not say whose either is.
SEEMING_VERBS = _words("seem appear look sound")
HEARSAY_ADVERBS = _words("allegedly reportedly reputedly purportedly supposedly")

# Light verbs, whose object carries the meaning ("made the case for", "took offence at", "do
# what it takes", "let them vote"): no act by themselves, though WordNet files some as social acts.
LIGHT_VERBS = _words("make take do let have give get")

# Verbs of belief whose negation is the belief in a negated clause: "does not think that the
# talks will work" says what its subject thinks (neg-raising, after Horn 1978).
NEGATION_RAISING = _words("think believe suppose imagine reckon feel expect want")

# Verbs of answering, and the nouns for things said that their "to" answers ("responded to the
# criticism"); what else they answer is an act ("responding to Ukrainian attacks" says nothing).
ANSWER_VERBS = _words("respond reply answer")
SAID_NOUNS = _words(
    """question criticism remark comment claim accusation allegation charge call request demand
    appeal proposal offer warning speech query inquiry suggestion announcement invitation
    ultimatum ridicule praise"""
)

# Verbs by which their subject receives what others say of it, named by a noun of saying: "has
# faced criticism for …", "is drawing questions about …", "received praise from unions"; "came
# under criticism" too, by its preposition.
RECEIVING_VERBS = _words("face draw receive attract earn")

# Nouns of saying or thinking that report what their owner said, as their verbs do: "Trump's
# claim that …", "her insistence that …" (with SAID_NOUNS); with only a topic they say what the
# talk was about, a stance ("his comments about women").
STATEMENT_NOUNS = SAID_NOUNS | _words(
    """assertion argument admission denial insistence belief view theory concern fear promise
    pledge vow threat"""
)

# Verbs that put out a statement named by its noun, whose subject is the noun's owner when it has
# none of its own: "sounded a call for …", "issued a warning that …", "made the claim that …",
# "voiced concern that …" (but "rejected the claim that …" is someone else's claim).
PRODUCING_VERBS = _words("make issue sound voice deliver give raise publish release renew")

# Nouns of intention, whose owner's infinitive is a stance: "his decision to act alone".
INTENT_NOUNS = _words("decision plan intention determination refusal bid attempt effort")

# Speech verbs whose noun object or prepositional phrase is most often not something said
# ("concluded his visit", "maintains a program", "found little unity", "to counter Russian
# aggression", "declared war on …", a deed done by saying it): they report only a clause or an
# infinitive ("found that …", "declared that …").
NOT_TOPICAL = _words("conclude post read maintain find counter declare")

# Prepositions that introduce what a speech verb is about ("warned against hackers").
TOPIC_PREPOSITIONS = _words("about on of to against")


# Nouns that name a document or message: its author, when the text gives one, is the speaker
# ("a statement posted by spokesperson Matthew Miller", "a Reuters analysis").
DOCUMENT_NOUNS = _words(
    """statement tweet post report analysis letter release email memo study survey poll note
    message video interview op-ed editorial article column transcript readout ad advertisement
    commercial clip complaint lawsuit filing book film documentary slide presentation chart"""
)


# Common nouns that describe an organisation named beside them: "Reuters news agency".
ORGANISATION_NOUNS = _words(
    """agency newspaper paper daily weekly magazine network broadcaster channel outlet website
    site company firm group bank station service union government council committee"""
)

# Nouns for the government of a state, which speaks as the state when its country names it:
# "the UK government" is the United Kingdom.
GOVERNMENT_NOUNS = _words("government administration")

# Nouns that describe a person's role: "the secretary of state" is the person last so described.
ROLE_NOUNS = _words(
    """secretary minister president premier chancellor spokesman spokeswoman spokesperson
    ambassador diplomat envoy senator governor mayor official correspondent reporter professor
    director chief leader candidate nominee chairman chair adviser advisor analyst economist
    general commander lawmaker representative congressman congresswoman judge investigator
    officer operative attorney lawyer prosecutor"""
)


# Roles defined by what they cover or study: a country's name before them is the subject, not
# the person's country ("a China correspondent", "a Korea scholar").
BEAT_NOUNS = _words(
    """correspondent reporter analyst expert scholar specialist watcher editor researcher
    observer hand bureau"""
)

# Role nouns so general that the nearest person before them is the one meant.
GENERIC_PERSON_NOUNS = _words("politician man woman official leader diplomat")


# Common nouns for groups of people, who may be quoted as a group ("critics: “…”"); "74
# percent said" is a share of the people a poll asked.
GROUP_NOUNS = _words(
    """people critic voter resident supporter protester worker expert analyst official
    lawmaker member student parent fan citizen family opponent environmentalist activist
    majority side person percent"""
)

# Words for a part or a number of a group, which speaks as the group of their "of" complement:
# "a number of economists", "dozens of officials", "some of the analysts" (numbers too).
QUANTITY_WORDS = _words(
    """number group majority minority handful couple dozen score hundred thousand million lot
    host few some many most several all both each half rest"""
)

# Bodies that act and speak as one without a name beside them: "the campaign plans to …", "the
# panel refused to …".
BODY_NOUNS = _words(
    """campaign panel party coalition court state country administration ministry department
    school college museum business"""
)


# Subjects that name no one, so no speaker: "Nobody expected this meeting to solve …".
NO_ONE = _words("nobody no-one none nothing noone")

# Titles, roles and pronouns that tell a person's gender, for the pronouns that refer to them.
MASCULINE = _words("mr mr. he him his spokesman congressman chairman businessman king prince")
FEMININE = _words(
    "ms ms. mrs mrs. miss she her hers spokeswoman congresswoman chairwoman businesswoman queen "
    "princess"
)

PERSON_PRONOUNS = _words("he she him her his")


GROUP_PRONOUNS = _words("they them their it its")


FIRST_PERSON = _words("i we me us")

# A subject the first person owns speaks for it: "our military", "my government" in a quote.
FIRST_PERSON_POSSESSIVES = _words("my our")


# Forms of address that stand only before a person's name.
HONORIFICS = _words("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen.")

# The roles an abbreviated title gives: "Rep. Adam Schiff" is the one the text later calls "the
# California congressman".
TITLE_ROLES = {
    "rep.": _words("representative congressman congresswoman lawmaker"),
    "sen.": _words("senator lawmaker"),
    "gov.": _words("governor"),
    "gen.": _words("general commander"),
}

# Words that precede a name without being part of it.
TITLES = HONORIFICS | _words("president secretary prime minister senator governor")
