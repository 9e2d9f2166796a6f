"""Attributions: direct quotes, reported speech and who made them.

The package is laid out along the stages; ``find_attributions`` below runs them in order.

How an article is read, in order:
1. Quotation marks (``marks``, no spaCy): straight, curly and doubled-apostrophe double marks, and
   single marks used as the outer quote (headline style). Whether a mark opens or closes is read
   from the characters around it first (an opener follows a space and precedes a word), from the
   state of the paragraph second. A quote whose closing mark is missing ends at its paragraph's end;
   when the next paragraph opens with a mark (news style for a continued quote) the quote continues
   there. Nothing is ever refused.
2. Direct quotes and their cues (``direct``; cue words in ``vocabulary``): a quote that starts a
   clause (paragraph start, after a sentence, a comma, a colon or a speech verb) and has a cue: a
   speech verb right after it in its paragraph (past a nickname in marks: 'Marcia "Cia" Price
   shouted') ("…," Xi said; "…," she continued), a speech verb, a colon or a verb of going on right
   before it (Xi said, "…"; She continued, "…"; As Rosenthal put it, "…"), a colon ending the
   previous paragraph, or a neighbouring quote of the same speaker, or the statement in the sentence
   just before it ("…, Schiff said. “The other factor …”"; not a silence: "He didn't suggest …") (a
   quote with no cue of its own is a statement when it has four words or more or is a sentence of
   its own: "“…,” the president added. “We're America.”"), or a signature that ends its line. A
   quote embedded in a clause ("as a “vigorous conversation”") is a fragment: it is only a quoted
   span, part of whatever attribution holds it.
3. Reported speech and quoted fragments (``reported``): a cue's content by its class in
   ``vocabulary``, one class per word. Speech and thought (``reported``): a speech verb's clausal
   complement ("X said (that) …"), else its infinitive ("vowed to fight") or topic ("noted the
   risk"; not whom the words went to: "told reporters"); a cue set off by commas inside its clause
   ("The plan, he said, would fail") splits it in two rows, as does
   a clause of "as" with nothing said of its own ("As the minister noted, Peru has paid"), and a
   content before its cue that goes on after it past a comma and a conjunction ("Prices rose, the
   agency said, and wages fell", "…, she said, and still “kept her seat”"; not the speaker's own
   act: "…, she said, and left"; after a direct quote only a quote goes on with it: "“…,” she
   said, and a big reason for this was …" is the reporter's); a colon that closes a speech cue's
   phrase announces the rest of the sentence ("telling the story of Oslo: In May, …", "explained
   the plan: Norway would …"); the
   clause, and only the clause, of a verb of WordNet's lexicon of reporting verbs ("surmised that
   …"; ``data/reporting_verbs.csv``); the object of a verb of calling, describing or accusing, or
   of praising, blaming, likening or linking aloud ("lauded the mayor for …", "blamed the
   shortage on …", "linked the breach to a Russian group");
   what a verb of regarding takes its object as ("critics see the plan as a gift", and with a
   relative word for the object, "spoke about what he sees as a threat", "the plan, which critics
   view as a gift"; "saw the minister leave" and a question, "What do you see as …?", say
   nothing); the subject of a passive cue whose agent can speak, up to the agent ("The
   plan was called a disaster by critics" is "The plan was called a disaster"); the
   clause of a noun of saying, as its owner's ("Trump's claim that …", "her promise to …"; its
   topic alone is a stance: "his comments about women"; with no owner, the subject's of the
   verb that puts it out: "issued a warning that …"; an aside at its end, "…, which gave Kerry
   leverage", is the reporter's); "…, according to X"
   (in the middle of its sentence, two rows: "A, according to X, and B"; inside a quote, the
   quote's words alone: "“…, according to its own website”"); a quoted fragment no other
   row holds, as the object of the verb of a subject that can speak (or a noun the parser joins
   to that verb: "went on about “…,” and “wounded American families”"; not what a copula says of
   its subject: "The mayor was “disgusting”" is no word of the mayor's); transcript turns
   ("WALLACE: …", and a paragraph with no name between two turns goes on with the turn before
   it) and headline claims ("Graham: …"); a clause given as how things seem or what is said,
   with no speaker: "the plan seems to have failed", "that looks unlikely", "he allegedly fired a
   pistol" (a verb of seeming with its complement, an adverb of hearsay); what a noun of saying that
   its subject receives is about ("has faced criticism for …", "is drawing questions about …",
   "came under criticism for …"; with no topic, the subject: "the clip has faced ridicule"),
   spoken by its "from" ("received praise from the unions"), else by no one. Acts, intentions
   and refusals
   (``stance``: "refused to", "agreed to", "plans to", "discussed", the topic of a verb of talk,
   what the talk was about in the reporter's words: "spoke about the deal", "talked to me about
   trade", and with no clause "asked about", "explained the rules", "mentioned", "commented on"
   (with one, "asked whether …", "explained that …", it is reported) and of a noun of saying
   ("his comments about women", "his theory of the United States' role"; in quotation marks the
   talker's words, reported: "spoke about “the China virus”"), a noun of intention: "his
   decision to …", the object, infinitive or clause of a verb of WordNet's lexicon of social and
   political acts that its sentence asserts, as its main verb or one joined to it: "imposed
   sanctions", "vetoed the bill", "ruled that …" (``data/act_verbs.csv``; not in a relative or
   adverbial clause: "the agency, which oversees the program", nor a passive with no agent), and the
   clause or topic of a word of feeling or certainty held by its subject, or the infinitive of a
   word of will: "are afraid that …", "is willing to talk", "is worried about …", "was frustrated
   that …", "is critical of …"): kept as rows, never the speaker of a mention; a thing takes no
   stance ("the tariffs aim to …") but what it shows in a clause ("the data show that …"). A negated
   cue is a silence, a stance ("did not mention Russia", "did not respond to requests for comment"),
   but a belief keeps its negation ("does not think that …" is reported). What someone is let or
   made to say is not theirs ("Let everyone know that …"). Content reaches the end of its clause
   (not an "…, according to X" that says whose it is, nor a clause of when or while it was said:
   "condemned the launch as Pyongyang fired", nor an apposition set off by a comma that ends a
   reported clause and tells who or what a name is, the reporter's gloss: "critics say it is
   better spent with NATO, the alliance that includes the United States", or "…, a former governor
   and ambassador", unless more is joined to it past the comma that closes it: "between Yonaguni,
   Japan's westernmost island, and the Taiwanese coast", nor a clause of "who" set off by a comma
   on a name, the reporter's gloss too, after which the content goes on in a second row: "accused
   Rafael Cruz, who was born in Cuba, of associating with …"), and the
   closing mark of a quote it ends inside; it has two words or more, or is one name ("endorses
   Clinton", not "said so" nor "announced on Friday").
4. Speakers: the cue's subject (``grammar``) (or a name between a quote and its cue, whatever the
   parser made the subject: "“…,” Flynn, a top Trump surrogate, said on “Fox and Friends”"; the
   object of "quoted X as saying", the author of "a statement posted by X", of "X issued a
   statement saying" or of what comes "from X" before a colon ("A lesson from Loretta Lynch: “…”"),
   the agent of a passive cue: "was called a disaster by critics"; the object of "with",
   "despite" or "amid" a participle right after it has for its subject: "with analysts saying
   …"; a passive cue's subject is
   spoken of, never the speaker: "X was accused of …" has none, and its row holds the whole clause
   (so does a passive verb of speech or thought its sentence asserts with nothing else to report:
   "it is considered a threat"); a cue with no subject speaks through the word it hangs off, but a
   clause that is a verb's object does so only under a verb of speech ("said that … but said “…”";
   in "to make Olsen defend X – defend Y – he succeeded" the parser hangs the second "defend" off
   "succeeded": Y is no one's); a name that opens the sentence, set off by a comma, is the subject
   of a finite cue that has none, whatever the parser made of it ("Trump, appearing at the forum,
   cited …", "Trump" read as an adjective); a dateline is no speaker: "WASHINGTON -- President
   Obama, …, said" is Obama's; a dash the parser takes for a subject stands for the subject before
   it; a participle "…, adding that …" has the speaker of the verb it hangs off, or of a cue set
   off by commas in that verb's clause: "X, he said, “…,” adding that …" is his, as is one the
   parser hangs inside his reported clause ("Analysts said X has risen, citing …") or inside the
   quote before it ("“…,” Sanders said, going on to say that …" is Sanders', not the subject of the
   quote's last verb); a past tense joined to a reported clause with "would", or a verb of speech
   in the reporting verb's tense so joined, is the reporting verb's and the clause ends before it:
   "X said the US would … and accused Russia", "China said it was opposed and warned North Korea …"
   are X's and China's), then resolved (``speakers``) to one name per speaker: pronouns to the
   nearest person before them (inside the same quote first; not one the rows before speak of,
   unless the pronoun stands in those words too: "Holm said Berg was reduced to insults … “…,” she
   said" is Holm; nor a name that describes a noun: "a Holm surrogate"; outside quotes, the
   subject of the sentence just before, or its owner, when no one is named between: "The
   president's roots came into play. … he told …"), "they" and "it" in the
   article's own clause to the group or body that spoke last in that paragraph or the one before
   ("McConnell aides acknowledged … But they emphasized …"), a relative clause on what its subject
   is said to be to the subject ("Berg is a farmer who has vowed to …"; not a cleft: "It was the
   minister who said …"), "who" the parser hangs on a thing to the nearest noun before it that can
   speak, the first person inside a quote ("we",
   "I", "our military") to the quote's speaker, surnames to the full name the article introduced
   (its body before its title, whose title case lets the tagger take a capitalised verb or
   adjective into a name: "Derelict Holm and Berg Ignore Farmers"; a surname several full names
   share, the one named first, as news style gives the others their first names: "Cruz" after
   "Heidi Cruz" in a story of Ted Cruz), a name without the title before it ("Mark Milley" for
   "General Mark Milley", but "General Assembly", an organisation's name a rank begins), "the
   secretary of state" to the last person so described (of the country the role names, if any; "the
   congressman" to one a title like "Rep." gave the role; "the Republican nominee" to one the text
   called a Republican nominee, if any); a country speaking as a state, or
   through its government, by its short English name ("United States" for "the US", "Washington";
   "United Kingdom" for "the UK government"); an organisation without its descriptors ("Reuters"
   for "Reuters news agency"), but never by a country alone; groups as written ("some U.S. business
   groups"), a quantity with the group it counts ("a number of economists"), "those" with the words
   that say who they are ("those close to him"), a common word that starts the sentence in lower
   case ("officials" for "Officials said", "a Brazilian official"); a speaker's words never reach
   back across a comma or conjunction into the clause before ("wary, and European business groups
   complained"); a thing ("the calm suggested …") is no one, so the attribution around it speaks
   (but what "according to" cites is a source: "according to federal statistics") (the common nouns
   that can speak, people, groups, organisations and documents, are WordNet's:
   ``data/speaking_nouns.csv``). A role with a name in apposition is that person ("a spokeswoman,
   Jane Roe,"); "the ministry", "the government" the one named before, "the statement", "the
   report" the author of the last one named before ("The embassy issued a statement … The statement
   also said"), a bare plural ("Leaders said"; not "officials in Taipei") the group of that kind
   named before; names that differ by a leading "the" or by case are one speaker.
5. ``speaker_country``, from what the article says of the speaker, carried to every row of that
   speaker: a country (or bloc) speaking as a state is its own; else an office or party bound to one
   state or bloc from ``data/speakers.csv`` in the speaker's descriptor ("Secretary of State Ann
   Lowe", "European Commissioner"), else a country or bloc mention in it ("Chinese diplomat Wang Yi"
   -> CHN, "a NATO spokesperson" -> XNATO) but a beat before a role ("China correspondent") or what
   an apposition's clause says ("…, who praised South Korea"), else the country of the body a role
   names that the article named last ("ministry spokesman He Lianfeng"). An employer's seat never
   counts (a BBC correspondent, a Fudan professor, a news agency).
"""

from __future__ import annotations

from collections.abc import Sequence

from countrytone.articles import Article
from countrytone.countries import CountryMention, find_mentions
from countrytone.quotes.direct import direct_quotes
from countrytone.quotes.marks import find_quotes, quoted_spans
from countrytone.quotes.records import Attribution, AttributionKind
from countrytone.quotes.reported import (
    headline_claims,
    hearsay,
    quoted_fragments,
    received_speech,
    reported_speech,
    transcript_turns,
)
from countrytone.quotes.speakers import SpeakerResolver, one_name_per_speaker
from countrytone.quotes.tokens import ArticleTokens
from countrytone.segment import Chunk
from countrytone.targets import SHIPPED

__all__ = ["Attribution", "AttributionKind", "find_attributions", "quoted_spans"]


def find_attributions(
    article: Article,
    chunks: Sequence[Chunk],
    *,
    mentions: Sequence[CountryMention] | None = None,
) -> list[Attribution]:
    """All attributions of an article, sorted by start; nested ones overlap.

    Args:
        article: the article the chunks were parsed from.
        chunks: the article's paragraphs parsed by ``countrytone.segment.parse``.
        mentions: the article's country and bloc mentions (``find_mentions`` of every chunk, at
            its offset), where the caller has found them already; found here otherwise.

    Returns:
        One ``Attribution`` per direct quote (a quote split around its cue gives two) and per
        reported statement; attributions inside a quote are their own rows.
    """
    tokens = ArticleTokens(article, chunks)
    quotes = find_quotes(article)
    direct = direct_quotes(article, tokens, quotes)
    # A direct quote's cue reports nothing more over the quote; what it reports elsewhere in
    # its sentence is its own row ("A “…,” Holm said, and still “…”").
    direct_spans = {
        (tokens.index(raw.cue), raw.start, raw.end)
        for raw in direct
        if raw.cue is not None and not raw.continues
    }
    reported = [
        raw
        for raw in reported_speech(tokens, quotes)
        if raw.cue is None
        or not any(
            cue == tokens.index(raw.cue) and start < raw.end and raw.start < end
            for cue, start, end in direct_spans
        )
    ]
    fragments = list(quoted_fragments(tokens, quotes, [*direct, *reported]))
    fragments.extend(transcript_turns(article, tokens))
    fragments.extend(headline_claims(article, tokens))
    fragments.extend(hearsay(tokens, quotes))
    fragments.extend(received_speech(tokens))
    if mentions is None:
        # Blocs too: "a NATO spokesperson" speaks for NATO.
        mentions = [
            mention
            for chunk in chunks
            for mention in find_mentions(
                chunk.doc, offset=chunk.start, targets=SHIPPED, context=article.text
            )
        ]
    resolver = SpeakerResolver(article, chunks, tokens, quotes, mentions)
    rows: dict[tuple[int, int], Attribution] = {}
    everything = [*direct, *reported, *fragments]
    for raw in sorted(everything, key=lambda raw: (raw.start, -raw.end)):
        rows.setdefault((raw.start, raw.end), resolver.attribution(raw))
    return one_name_per_speaker(sorted(rows.values(), key=lambda row: (row.start, -row.end)))
