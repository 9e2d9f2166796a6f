"""Hand-built rows of the mentions table, for tests that need no model."""


def mention_row(
    paragraph: int | None,
    sentence: int,
    country: str,
    score: float,
    *,
    speaker: str | None = None,
    speaker_country: str | None = None,
    date: str = "2024-01-15",
    source: str | None = "Wire",
    article_id: str = "a",
) -> dict[str, object]:
    """One mentions-table row with probabilities that match its score."""
    p_positive, p_negative = max(score, 0.0), max(-score, 0.0)
    return {
        "article_id": article_id,
        "date": date,
        "source": source,
        "part": "title" if paragraph is None else "body",
        "paragraph": paragraph,
        "sentence": sentence,
        "sentence_text": f"Sentence {sentence} of paragraph {paragraph} about {country} here.",
        "start": 0,
        "end": 1,
        "mention": country,
        "country": country,
        "speaker": speaker,
        "speaker_country": speaker_country,
        "label": "positive" if score > 0 else "negative",
        "score": score,
        "p_negative": p_negative,
        "p_neutral": 1 - p_positive - p_negative,
        "p_positive": p_positive,
    }
