"""Charts: matplotlib functions that take the mentions table and return the Axes they drew on."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from countrytone.countries import country_name
from countrytone.tables import aggregate

# A blue-red diverging map reads for people who see red and green poorly.
DIVERGING_CMAP = "RdBu"
# Words of a paragraph's first sentence shown in its row label.
LABEL_WORDS = 6


def paragraph_heatmap(
    mentions: pd.DataFrame, *, article_id: str | None = None, ax: Axes | None = None
) -> Axes:
    """Paragraph x country heatmap of one article's tone, the title as its own first row.

    Cells show the mean score (blue positive, red negative, centred on 0) and the number of
    sentences behind it; cells without mentions stay blank. Rows are labelled with the
    paragraph number and the first words of its first sentence that mentions a country.

    Args:
        mentions: the mentions table from ``analyze``.
        article_id: the article to draw; may be omitted when the table holds one article.
        ax: the Axes to draw on (a new figure's when None).

    Returns:
        The Axes; empty (no cells) when the table has no mentions.

    Raises:
        ValueError: the table holds several articles and ``article_id`` is not given.
    """
    ax = ax if ax is not None else plt.figure(figsize=(8, 6)).add_subplot()
    mentions = _one_article(mentions, article_id)
    if mentions.empty:
        return ax
    table = aggregate(mentions, by="paragraph")
    table["row"] = _row_numbers(table["paragraph"])
    sentences = table.pivot(index="row", columns="country", values="sentences")
    countries = sentences.sum().sort_values(ascending=False).index
    scores = table.pivot(index="row", columns="country", values="score")[countries]
    values = scores.to_numpy(dtype=float)
    counts = sentences[countries].to_numpy(dtype=float)
    image = ax.imshow(values, cmap=DIVERGING_CMAP, vmin=-1, vmax=1, aspect="auto")
    for (row, column), score in np.ndenumerate(values):
        if not np.isnan(score):
            ink = "white" if abs(score) > 0.6 else "black"
            text = f"{score:+.2f}\n({counts[row, column]:.0f})"
            ax.text(column, row, text, ha="center", va="center", fontsize=8, color=ink)
    ax.set_xticks(range(len(countries)), [country_name(code) for code in countries])
    ax.set_yticks(range(len(scores)), _row_labels(mentions).loc[scores.index].tolist())
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_xlabel("country")
    ax.set_ylabel("paragraph")
    ax.set_title(f"Tone toward each country by paragraph: {mentions['article_id'].iloc[0]}")
    ax.figure.colorbar(image, ax=ax, label="score (negative … positive)")
    return ax


def _one_article(mentions: pd.DataFrame, article_id: str | None) -> pd.DataFrame:
    if article_id is not None:
        return mentions[mentions["article_id"] == article_id]
    if mentions["article_id"].nunique() > 1:
        raise ValueError("the table holds several articles: pass article_id=")
    return mentions


def _row_numbers(paragraph: pd.Series[Any]) -> pd.Series[int]:
    # The title (no paragraph number) becomes row -1, so that it sorts before paragraph 0.
    return paragraph.fillna(-1).astype(int)


def _row_labels(mentions: pd.DataFrame) -> pd.Series[str]:
    first = mentions.assign(row=_row_numbers(mentions["paragraph"]))
    first = first.sort_values(["row", "sentence", "start"]).drop_duplicates("row")
    names = ["title" if row < 0 else f"¶{row}" for row in first["row"]]
    words = [_first_words(text) for text in first["sentence_text"]]
    return pd.Series(
        [f"{name} {text}" for name, text in zip(names, words, strict=True)], index=first["row"]
    )


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")
