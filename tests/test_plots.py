"""Charts, checked through their Axes (labels, colour limits, annotations), never pixels."""

from collections.abc import Callable, Iterator

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from countrytone import plots
from countrytone.articles import parse_article
from countrytone.tables import mentions_frame
from tests.rows import mention_row

matplotlib.use("Agg")


@pytest.fixture
def mentions() -> pd.DataFrame:
    return mentions_frame(
        [
            mention_row(None, 0, "CHN", 0.4),
            mention_row(0, 0, "CHN", -0.8, speaker="Wang Yi", speaker_country="CHN"),
            mention_row(0, 0, "USA", -0.6, speaker="Wang Yi", speaker_country="CHN"),
            mention_row(1, 0, "USA", 0.5, speaker="Jane Doe", speaker_country="USA"),
            mention_row(1, 1, "CHN", -0.2, speaker="Jane Doe", speaker_country="USA"),
            mention_row(2, 0, "TWN", 0.1),
        ]
    )


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    matplotlib.pyplot.close("all")


def _ticks(labels: list[matplotlib.text.Text]) -> list[str]:
    return [label.get_text() for label in labels]


def test_plots_paragraph_heatmap_rows_columns_colours_and_cells(mentions: pd.DataFrame) -> None:
    ax = plots.paragraph_heatmap(mentions)
    [image] = ax.get_images()
    rows = _ticks(ax.get_yticklabels())
    assert rows[0].startswith("title Sentence 0")
    assert [row.split()[0] for row in rows] == ["title", "¶0", "¶1", "¶2"]
    assert _ticks(ax.get_xticklabels()) == ["China", "United States", "Taiwan"]
    assert image.get_clim() == (-1, 1)
    assert image.get_cmap().name == "RdBu"
    cells = image.get_array()
    assert np.ma.count_masked(cells) + np.isnan(cells.filled(np.nan)).sum() > 0  # blank cells
    texts = sorted(text.get_text() for text in ax.texts)
    assert texts == sorted(
        ["+0.40\n(1)", "-0.80\n(1)", "-0.60\n(1)", "+0.50\n(1)", "-0.20\n(1)", "+0.10\n(1)"]
    )


def test_plots_speaker_heatmap_article_voice_first(mentions: pd.DataFrame) -> None:
    ax = plots.speaker_heatmap(mentions)
    assert _ticks(ax.get_yticklabels()) == ["(article)", "Jane Doe", "Wang Yi"]


def test_plots_dyad_heatmap_rows_are_speaker_countries(mentions: pd.DataFrame) -> None:
    ax = plots.dyad_heatmap(mentions)
    assert _ticks(ax.get_yticklabels()) == ["China", "United States"]
    assert "-0.80\n(1)" in [text.get_text() for text in ax.texts]


def test_plots_tone_arc_one_line_per_country(mentions: pd.DataFrame) -> None:
    ax = plots.tone_arc(mentions, countries=["CHN", "USA"])
    assert [
        line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")
    ] == [
        "China",
        "United States",
    ]
    assert _ticks(ax.get_xticklabels()) == ["title", "0", "1", "2"]
    assert ax.get_ylim() == (-1.05, 1.05)


def test_plots_tone_over_time_lines_and_bands() -> None:
    rows = [
        mention_row(0, index, "CHN", score, date=date, article_id=date)
        for date, scores in {
            "2024-01-10": [0.5, 0.3],
            "2024-02-10": [-0.2, -0.4],
            "2024-04-10": [-0.6, -0.8, -0.7],
        }.items()
        for index, score in enumerate(scores)
    ]
    ax = plots.tone_over_time(mentions_frame(rows), window=1)
    [line] = [line for line in ax.get_lines() if line.get_label() == "China"]
    assert list(line.get_ydata()) == pytest.approx([0.4, -0.3, -0.7])
    assert len(ax.collections) == 1  # the bootstrap band


def test_plots_source_heatmap(mentions: pd.DataFrame) -> None:
    others = [
        mention_row(0, 0, "USA", 0.3, source="Post", article_id="b"),
        mention_row(0, 0, "CHN", 0.9, source=None, article_id="c"),  # no source: left out
    ]
    ax = plots.source_heatmap(pd.concat([mentions, mentions_frame(others)], ignore_index=True))
    assert _ticks(ax.get_yticklabels()) == ["Post", "Wire"]
    assert _ticks(ax.get_xticklabels()) == ["China", "United States", "Taiwan"]
    [image] = ax.get_images()
    cells = image.get_array().filled(np.nan)
    # Wire: China's three sentences (+0.4, -0.8, -0.2), the United States' two (-0.6, +0.5).
    np.testing.assert_allclose(cells, [[np.nan, 0.3, np.nan], [-0.2, -0.05, 0.1]])
    assert sorted(text.get_text() for text in ax.texts) == sorted(
        ["+0.30\n(1)", "-0.20\n(3)", "-0.05\n(2)", "+0.10\n(1)"]
    )


def test_plots_evidence_lists_sentences_behind_a_cell(mentions: pd.DataFrame) -> None:
    styled = plots.evidence(mentions, country="CHN", speaker="Jane Doe")
    table = styled.data
    assert table["sentence_text"].tolist() == ["Sentence 1 of paragraph 1 about CHN here."]
    assert table["score"].tolist() == [-0.2]
    assert "background-color" in styled.to_html()
    title = plots.evidence(mentions, country="CHN", part="title").data
    assert title["score"].tolist() == [0.4]


@pytest.mark.parametrize(
    "draw",
    [
        plots.paragraph_heatmap,
        plots.speaker_heatmap,
        plots.dyad_heatmap,
        plots.tone_arc,
        plots.tone_over_time,
        plots.source_heatmap,
    ],
)
def test_plots_empty_table_gives_empty_axes(draw: Callable[..., Axes]) -> None:
    ax = draw(mentions_frame([]))
    assert isinstance(ax, Axes)
    assert not ax.get_images()
    assert not ax.get_lines()


def test_plots_several_articles_need_an_article_id(mentions: pd.DataFrame) -> None:
    other = mentions.assign(article_id="b")
    with pytest.raises(ValueError, match="article_id"):
        plots.paragraph_heatmap(pd.concat([mentions, other]))
    ax = plots.paragraph_heatmap(pd.concat([mentions, other]), article_id="b")
    assert "b" in ax.get_title()


@pytest.fixture
def predictions() -> pd.DataFrame:
    rows = [
        ("lexicon", "negative", "negative", (0.9, 0.05, 0.05)),
        ("lexicon", "negative", "neutral", (0.3, 0.4, 0.3)),
        ("lexicon", "positive", "positive", (0.1, 0.2, 0.7)),
        ("lexicon", "neutral", "neutral", (0.2, 0.6, 0.2)),
        ("other", "neutral", "positive", (0.1, 0.4, 0.5)),
    ]
    return pd.DataFrame(
        [
            {
                "model": m,
                "split": "dev",
                "gold": g,
                "label": p,
                "p_negative": n,
                "p_neutral": u,
                "p_positive": o,
            }
            for m, g, p, (n, u, o) in rows
        ]
    )


def test_plots_confusion_heatmap_counts_and_shares(predictions: pd.DataFrame) -> None:
    ax = plots.confusion_heatmap(predictions, model="lexicon")
    [image] = ax.get_images()
    assert _ticks(ax.get_yticklabels()) == ["negative", "neutral", "positive"]
    assert image.get_clim() == (0, 1)
    texts = [text.get_text() for text in ax.texts]
    assert texts[:3] == ["1\n50%", "1\n50%", "0\n0%"]


def test_plots_calibration_curve_one_line_per_model(predictions: pd.DataFrame) -> None:
    ax = plots.calibration_curve(predictions, bins=3)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["lexicon", "other", "calibrated"]
    [lexicon] = [line for line in ax.get_lines() if line.get_label() == "lexicon"]
    assert list(lexicon.get_ydata()) == pytest.approx([0.0, 1.0, 1.0])


def test_plots_paragraph_heatmap_with_the_article_has_a_row_per_paragraph(
    mentions: pd.DataFrame,
) -> None:
    paragraphs = ["First one here.", "Second paragraph has words.", "Third.", "Fourth, no mention."]
    text = "\n".join(["A title on China", *paragraphs])
    article = parse_article(text, article_id="a")
    ax = plots.paragraph_heatmap(mentions, article=article)
    assert _ticks(ax.get_yticklabels()) == [
        "title A title on China",
        "¶0 First one here.",
        "¶1 Second paragraph has words.",
        "¶2 Third.",
        "¶3 Fourth, no mention.",
    ]
    [image] = ax.get_images()
    assert np.isnan(image.get_array().filled(np.nan)[4]).all()
