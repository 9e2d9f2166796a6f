"""The cue vocabularies: verbs and nouns that introduce, describe or attribute speech.

Lemmas as spaCy's lemmatizer gives them."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that introduce what someone said, wrote or stated, with a quote or a clause.
SPEECH_VERBS = _words(
    """say tell add confirm reiterate warn suggest claim argue note explain insist state announce
    report write tweet post declare conclude acknowledge admit deny assert allege contend maintain
    emphasize emphasise stress predict recall observe complain reveal indicate testify concede
    estimate caution respond reply answer ask agree mention comment remark counter continue
    propose recommend demand threaten boast joke quip lament charge wonder speculate muse
    insist promise pledge vow believe think hope fear worry show find know signal disclose
    point notice hint tout read shout yell chant scream sing exclaim"""
)


# Verbs whose content is their object: "called the plan a disaster", "described X as Y".
OBJECT_VERBS = _words(
    """call describe label dub brand accuse praise criticize criticise blast slam condemn attack
    dismiss hail decry denounce cite offer question defend back support propose reject endorse
    oppose highlight reference echo repeat express"""
)


# Verbs that name a topic of speech: "spoke about the deal", "commented on the plan".
TOPIC_VERBS = _words("speak talk comment discuss testify")


# Speech verbs whose noun object or prepositional phrase is most often not something said.
NOT_TOPICAL = _words("conclude continue post read")


# Prepositions that introduce what a speech verb is about.
TOPIC_PREPOSITIONS = _words("about on of to")


# Verbs of intent whose content is an infinitive: "vowed to fight", "urged Congress to act".
# "hop" is how the packaged lemmatizer gives "hoped" and "hoping".
INTENT_VERBS = _words(
    """urge pledge promise vow threaten plan want refuse expect seek decide need hope hop decline
    intend aim"""
)


# Nouns that name a document or message: its author, when the text gives one, is the speaker
# ("a statement posted by spokesperson Matthew Miller", "a Reuters analysis").
DOCUMENT_NOUNS = _words(
    """statement tweet post report analysis letter release email memo study survey poll note
    message video interview op-ed editorial article column transcript readout"""
)


# Nouns that describe a person's role: "the secretary of state" is the person last so described.
ROLE_NOUNS = _words(
    """secretary minister president premier chancellor spokesman spokeswoman spokesperson
    ambassador diplomat envoy senator governor mayor official correspondent reporter professor
    director chief leader candidate nominee chairman chair adviser advisor analyst economist
    general commander lawmaker representative congressman congresswoman"""
)


# Role nouns so general that the nearest person before them is the one meant.
GENERIC_PERSON_NOUNS = _words("politician man woman official leader diplomat")


# Common nouns for groups of people, who may be quoted as a group ("critics: “…”").
GROUP_NOUNS = _words(
    """people critic voter resident supporter protester worker expert analyst official
    lawmaker member student parent fan citizen"""
)


PERSON_PRONOUNS = _words("he she him her")


GROUP_PRONOUNS = _words("they them it")


FIRST_PERSON = _words("i we me us")


# Words that precede a name without being part of it.
TITLES = _words(
    """mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. president secretary
    prime minister senator governor"""
)
