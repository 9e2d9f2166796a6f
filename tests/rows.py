"""Hand-built rows of the mentions table, for tests that need no model."""

from countrytone.gazetteer import gazetteer
from countrytone.tables import MentionRow
from countrytone.tone import Tone


def mention_row(
    paragraph: int | None,
    sentence: int,
    country: str,
    score: float,
    *,
    speaker: str | None = None,
    speaker_country: str | None = None,
    date: str | None = "2024-01-15",
    source: str | None = "Wire",
    article_id: str = "a",
    kind: str = "name",
    target_kind: str | None = None,
) -> MentionRow:
    """One mentions-table row whose probabilities give its score (the rest neutral); a code
    countrytone does not ship is one's own target of ``target_kind`` ("custom")."""
    known = gazetteer()
    p_positive, p_negative = max(score, 0.0), max(-score, 0.0)
    return MentionRow(
        article_id=article_id,
        date=date,
        source=source,
        part="title" if paragraph is None else "body",
        paragraph=paragraph,
        sentence=sentence,
        sentence_text=f"Sentence {sentence} of paragraph {paragraph} about {country} here.",
        start=0,
        end=1,
        mention=country,
        country=country,
        kind=kind,
        speaker=speaker,
        speaker_country=speaker_country,
        in_quote=False,
        tone=Tone.from_probabilities(p_negative, 1 - p_positive - p_negative, p_positive),
        model="hand-built",
        target_name=known.names.get(country, f"{country} (own)"),
        target_kind=target_kind or known.kinds.get(country, "custom"),
    )
