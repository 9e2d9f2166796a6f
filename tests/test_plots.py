"""Charts, checked through their Axes (labels, colour limits, annotations), never pixels."""

import re
from collections.abc import Callable, Iterator

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.transforms import Bbox

from countrytone import plots
from countrytone.articles import parse_article
from countrytone.countries import country_codes
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


def test_plots_dyad_heatmap_says_how_many_rows_it_leaves_out(mentions: pd.DataFrame) -> None:
    # Jane Doe's two rows have a speaker but, here, no country: the chart leaves them out.
    unknown = mentions.assign(
        speaker_country=mentions["speaker_country"].where(mentions["speaker"] != "Jane Doe")
    )
    ax = plots.dyad_heatmap(unknown)
    assert _ticks(ax.get_yticklabels()) == ["China"]
    assert ax.get_xlabel().endswith("\n2 rows with a speaker of no known country left out")
    assert "left out" not in plots.dyad_heatmap(mentions).get_xlabel()


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
    # March has no mention: a gap, not a line drawn through it.
    assert list(line.get_ydata()) == pytest.approx([0.4, -0.3, np.nan, -0.7], nan_ok=True)
    assert len(ax.collections) == 1  # the bootstrap band


def test_plots_tone_over_time_draws_no_value_for_a_period_without_mentions() -> None:
    dated = _dated({"2024-01-10": [("CHN", 0.5)], "2024-04-10": [("CHN", -0.5)]})
    ax = plots.tone_over_time(dated, freq="M")  # the default window pools three months
    [line] = [line for line in ax.get_lines() if line.get_label() == "China"]
    # Was [0.5, 0.5, 0.5, 0.0]: February and March drawn with January's tone.
    assert list(line.get_ydata()) == pytest.approx([0.5, np.nan, np.nan, -0.5], nan_ok=True)
    assert "rolling mean of 3 months" in ax.get_title()


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
    ("draw", "missing"),
    [
        (plots.paragraph_heatmap, "no country mentions in this article"),
        (plots.speaker_heatmap, "no country mentions"),
        (plots.dyad_heatmap, "no rows with a speaker_country (a speaker of a country or bloc)"),
        (plots.tone_arc, "no country mentions in this article"),
        (plots.tone_over_time, "no rows with a date"),
        (plots.source_heatmap, "no rows with a source"),
    ],
)
def test_plots_empty_table_says_what_is_missing(draw: Callable[..., Axes], missing: str) -> None:
    with pytest.warns(plots.EmptyChartWarning, match=f"^nothing to draw: {re.escape(missing)}$"):
        ax = draw(mentions_frame([]))
    assert isinstance(ax, Axes)
    assert [text.get_text() for text in ax.texts] == [f"nothing to draw:\n{missing}"]
    assert not ax.get_images()
    assert not ax.get_lines()


@pytest.mark.parametrize(
    ("draw", "missing"),
    [
        (lambda table: plots.confusion_heatmap(table, model="m"), "no predictions of model m"),
        (plots.calibration_curve, "no predictions"),
    ],
)
def test_plots_model_charts_without_predictions_say_so(
    draw: Callable[..., Axes], missing: str
) -> None:
    empty = pd.DataFrame(
        columns=["model", "gold", "label", "p_negative", "p_neutral", "p_positive"]
    )
    with pytest.warns(plots.EmptyChartWarning, match=f"^nothing to draw: {missing}$"):
        ax = draw(empty)
    assert [text.get_text() for text in ax.texts] == [f"nothing to draw:\n{missing}"]


@pytest.mark.parametrize(
    ("draw", "missing"),
    [
        (plots.source_heatmap, "no rows with a source"),
        (plots.dyad_heatmap, "no rows with a speaker_country"),
        (plots.tone_over_time, "no rows with a date"),
    ],
)
def test_plots_rows_without_what_a_chart_needs(
    mentions: pd.DataFrame, draw: Callable[..., Axes], missing: str
) -> None:
    bare = mentions.assign(source=None, speaker_country=None, date=None)
    with pytest.warns(plots.EmptyChartWarning, match=missing):
        ax = draw(bare)
    assert missing in ax.texts[0].get_text()


def _dated(dates: dict[str, list[tuple[str, float]]]) -> pd.DataFrame:
    return mentions_frame(
        mention_row(0, index, country, score, date=date, article_id=date)
        for date, scores in dates.items()
        for index, (country, score) in enumerate(scores)
    )


def test_plots_tone_over_time_spans_the_data_and_names_the_period() -> None:
    dated = _dated({"2023-06-20": [("CHN", 0.5)], "2023-11-16T14:30:00+00:00": [("CHN", -0.5)]})
    ax = plots.tone_over_time(dated, freq="Q", window=1)
    assert ax.get_xlabel() == "quarter"
    assert "rolling mean of 1 quarter," in ax.get_title()
    assert _ticks(ax.get_xticklabels()) == ["2023Q2", "2023Q3", "2023Q4"]
    [line] = ax.get_lines()[:1]
    ticks = ax.get_xticks()
    # Points sit on the ticks of their periods; the axis ends half a quarter past the last.
    assert set(line.get_xdata(orig=False)) <= set(ticks)
    left, right = ax.get_xlim()
    assert ticks[0] - 50 < left < ticks[0]
    assert ticks[-1] < right < ticks[-1] + 50
    one = plots.tone_over_time(_dated({"2024-03-14": [("CHN", 0.2)]}), freq="M")
    assert _ticks(one.get_xticklabels()) == ["2024-03"]
    assert one.get_xlim()[1] - one.get_xlim()[0] < 32  # days: one month, not years
    # Without freq=, the period suits the span: quarters over three years.
    years = plots.tone_over_time(_dated({"2022-02-01": [("CHN", 0.5)], "2025-01-20": [("CHN", 0)]}))
    assert years.get_xlabel() == "quarter"
    # 13 quarters: a tick every other one.
    assert _ticks(years.get_xticklabels())[::3] == ["2022Q1", "2023Q3", "2025Q1"]


def test_plots_tone_over_time_says_when_it_keeps_the_top_countries() -> None:
    codes = ["CHN", "USA", "RUS", "UKR", "JPN", "IND", "FRA"]
    dated = _dated({"2024-01-10": [(code, 0.1) for code in codes] + [("CHN", 0.2)]})
    ax = plots.tone_over_time(dated)
    assert ax.get_legend().get_title().get_text() == "country: the 5 most mentioned of 7"
    assert len(ax.get_legend().get_texts()) == 5
    ax = plots.tone_over_time(dated, top=2)
    assert ax.get_legend().get_title().get_text() == "country: the 2 most mentioned of 7"
    ax = plots.tone_over_time(dated, countries=["fra"])
    assert ax.get_legend().get_title().get_text() == "country"
    assert _ticks(ax.get_legend().get_texts()) == ["France"]
    with pytest.raises(ValueError, match="unknown country 'XYZ'"):
        plots.tone_over_time(dated, countries=["CHN", "XYZ"])
    ax = plots.tone_over_time(dated, countries="france,united states")
    assert _ticks(ax.get_legend().get_texts()) == ["France", "United States"]


def test_plots_paragraph_heatmap_keeps_rows_of_paragraphs_without_mentions(
    mentions: pd.DataFrame,
) -> None:
    ax = plots.paragraph_heatmap(mentions[mentions["paragraph"].fillna(-1) != 1])
    assert [row.split()[0] for row in _ticks(ax.get_yticklabels())] == [
        "title", "¶0", "¶1", "¶2"
    ]  # fmt: skip
    assert _ticks(ax.get_yticklabels())[2] == "¶1"
    [image] = ax.get_images()
    assert np.isnan(image.get_array().filled(np.nan)[2]).all()
    # Column labels slant from their columns, right-aligned, so that they do not overlap.
    assert {(label.get_rotation(), label.get_ha()) for label in ax.get_xticklabels()} == {
        (45.0, "right")
    }


def test_plots_tone_arc_breaks_lines_across_paragraphs_without_mentions(
    mentions: pd.DataFrame,
) -> None:
    ax = plots.tone_arc(mentions, countries=["TWN", "CHN"])
    taiwan, china = ax.get_lines()[:2]
    np.testing.assert_allclose(taiwan.get_ydata(), [np.nan, np.nan, np.nan, 0.1])
    np.testing.assert_allclose(china.get_ydata(), [0.4, -0.8, -0.2, np.nan])


def test_plots_tone_arc_markers_of_one_paragraph_sit_apart(mentions: pd.DataFrame) -> None:
    ax = plots.tone_arc(mentions, countries=["TWN", "CHN", "usa"])
    taiwan, china, united_states = ax.get_lines()[:3]
    # Were all at [-1, 0, 1, 2]: equal scores hid one another's markers.
    np.testing.assert_allclose(china.get_xdata(), [-1, 0, 1, 2])
    np.testing.assert_allclose(taiwan.get_xdata(), china.get_xdata() - plots.ARC_DODGE)
    np.testing.assert_allclose(united_states.get_xdata(), china.get_xdata() + plots.ARC_DODGE)
    assert _ticks(ax.get_xticklabels()) == ["title", "0", "1", "2"]


def test_plots_one_article_charts_are_titled_with_its_title_and_date(
    mentions: pd.DataFrame,
) -> None:
    text = "date 20 June 2023 World\nA title on China\nOne.\nTwo.\nThree."
    article = parse_article(text, article_id="/some/path/a.txt")
    rows = mentions.assign(article_id=article.id)
    for draw in (plots.paragraph_heatmap, plots.tone_arc):
        title = draw(rows, article=article).get_title()
        assert title.endswith("\nA title on China (2023-06-20)")
        assert "/some/path" not in title


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


def _many_countries() -> pd.DataFrame:
    """21 countries: China most mentioned, by the article's own voice in a source of its own,
    and 20 others once each, by a speaker and a source of their own."""
    codes = sorted(country_codes() - {"CHN"})[:20]
    rows = [
        mention_row(0, index, code, 0.1, speaker=f"speaker {code}", source=f"source {code}")
        for index, code in enumerate(codes)
    ]
    rows += [mention_row(1, index, "CHN", -0.5) for index in range(3)]
    return mentions_frame(rows)


@pytest.mark.parametrize(
    ("draw", "rows"),
    [
        (plots.speaker_heatmap, "12 of 21 speakers"),
        (plots.source_heatmap, "12 of 21 sources"),
        (plots.dyad_heatmap, "speaker's country"),
    ],
)
def test_plots_heatmaps_say_what_they_leave_out(draw: Callable[..., Axes], rows: str) -> None:
    table = _many_countries().assign(speaker_country="USA")
    ax = draw(table)
    # Was "country (cells: ...)" over 12 columns of 21, and a blank row per speaker or source
    # of a country left out.
    assert ax.get_xlabel() == "12 of 21 countries (cells: mean score, number of sentences)"
    assert len(ax.get_xticklabels()) == 12
    assert ax.get_ylabel() == rows
    [image] = ax.get_images()
    assert not np.isnan(image.get_array().filled(np.nan)).all(axis=1).any()


@pytest.mark.parametrize(
    "draw",
    [plots.speaker_heatmap, plots.source_heatmap, plots.dyad_heatmap, plots.paragraph_heatmap],
)
def test_plots_heatmaps_take_countries_and_top(
    mentions: pd.DataFrame, draw: Callable[..., Axes]
) -> None:
    ax = draw(mentions, countries="usa, Taiwan")
    assert _ticks(ax.get_xticklabels())[: 1 + (draw is not plots.dyad_heatmap)] == [
        "United States", "Taiwan"
    ][: 1 + (draw is not plots.dyad_heatmap)]  # fmt: skip
    assert ax.get_xlabel().startswith("country (")
    ax = draw(mentions, top=1)
    assert len(ax.get_xticklabels()) == 1
    assert ax.get_xlabel().startswith("1 of ")
    with pytest.raises(ValueError, match="unknown country 'Tiawan': did you mean TWN"):
        draw(mentions, countries=["Tiawan"])


def test_plots_heatmap_of_countries_not_mentioned_says_so(mentions: pd.DataFrame) -> None:
    with pytest.warns(plots.EmptyChartWarning, match="no mentions of FRA"):
        plots.speaker_heatmap(mentions, countries=["FRA"])


def _drawn(ax: Axes) -> tuple[Bbox, RendererBase]:
    """The figure's bounds and renderer, once drawn (where wrapping and layout happen)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    return figure.bbox, renderer


def test_plots_source_strip_fits_its_colour_bar(mentions: pd.DataFrame) -> None:
    ax = plots.source_heatmap(mentions)  # one source: a strip
    bounds, renderer = _drawn(ax)
    colour_bar = ax.get_figure(root=True).axes[-1]  # type: ignore[union-attr]
    texts = [colour_bar.yaxis.label, *colour_bar.get_yticklabels()]
    assert _ticks(texts) == ["score", "−1 negative", "0", "+1 positive"]
    # Was a label of 2.7 inches on a figure of 1.95: it ran off the top and bottom.
    for text in texts:
        extent = text.get_window_extent(renderer)
        assert bounds.y0 <= extent.y0 < extent.y1 <= bounds.y1


def test_plots_long_titles_are_wrapped_to_the_figure(mentions: pd.DataFrame) -> None:
    title = "A very long headline about China " * 4
    article = parse_article(f"{title}\nOne.\nTwo.\nThree.", article_id="a")
    for draw in (plots.paragraph_heatmap, plots.tone_arc):
        ax = draw(mentions, article=article)
        bounds, renderer = _drawn(ax)
        extent = ax.title.get_window_extent(renderer)
        # Was one line some twice as wide as the figure.
        assert bounds.x0 <= extent.x0 < extent.x1 <= bounds.x1


@pytest.mark.parametrize("country", ["CHN", "chn", "China", "PRC"])
def test_plots_evidence_takes_a_country_as_a_user_names_it(
    mentions: pd.DataFrame, country: str
) -> None:
    assert len(plots.evidence(mentions, country=country).data) == 3  # was empty but for "CHN"


def test_plots_evidence_of_an_unknown_country_raises(mentions: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown country 'XXX'"):  # was an empty table
        plots.evidence(mentions, country="XXX")


@pytest.fixture
def with_targets() -> pd.DataFrame:
    """Rows of a country, a bloc and one's own target (named "PUTIN (own)" by its file)."""
    return mentions_frame(
        [
            mention_row(0, 0, "CHN", 0.4, speaker="Kaja Kallas", speaker_country="XEU"),
            mention_row(0, 1, "XEU", -0.5),
            mention_row(1, 0, "PUTIN", -0.7, target_kind="person"),
        ]
    )


@pytest.mark.parametrize(
    "chart", [plots.source_heatmap, plots.speaker_heatmap, plots.paragraph_heatmap]
)
def test_plots_name_blocs_and_own_targets_from_the_table(
    with_targets: pd.DataFrame, chart: Callable[..., Axes]
) -> None:
    ax = chart(with_targets)
    assert set(_ticks(ax.get_xticklabels())) == {"China", "European Union", "PUTIN (own)"}
    assert ax.get_xlabel().startswith("target (cells")
    assert ax.get_title().startswith("Tone toward each target by")


def test_plots_lines_and_choices_know_own_targets(with_targets: pd.DataFrame) -> None:
    ax = plots.tone_arc(with_targets, countries="putin (own),EU")
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "PUTIN (own)",
        "European Union",
    ]
    assert ax.get_legend().get_title().get_text() == "target"


def test_plots_dyads_show_a_bloc_speaking(with_targets: pd.DataFrame) -> None:
    ax = plots.dyad_heatmap(with_targets)
    assert _ticks(ax.get_yticklabels()) == ["European Union"]
