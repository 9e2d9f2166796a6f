"""`make demo`: analyse the example articles and write tables and charts under an output folder.

Usage: python scripts/demo.py [EXAMPLES_FOLDER] [OUT_FOLDER]
"""

import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from countrytone import (
    aggregate,
    analyze_with_quotes,
    plots,
    read_articles,
    write_report,
)

LEVELS = ("paragraph", "article", "country", "date", "source", "speaker")
# The stories the examples follow over time.
TRACKED_COUNTRIES = ["CHN", "USA", "RUS", "UKR"]


def main(examples: Path, out: Path) -> None:
    """Write mentions.csv, one by_LEVEL.csv per aggregation level, the charts and report.html."""
    articles = list(read_articles([examples], on_skip=lambda error: print(f"skipped {error}")))
    mentions, quotes = analyze_with_quotes(articles)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    mentions.to_csv(out / "mentions.csv", index=False)
    for level in LEVELS:
        aggregate(mentions, by=level).to_csv(out / f"by_{level}.csv", index=False)
    for article in articles:
        name = Path(article.id).stem
        save(plots.paragraph_heatmap(mentions, article=article), out, f"{name}.png")
        save(plots.tone_arc(mentions, article=article), out, f"{name}-arc.png")
    save(plots.speaker_heatmap(mentions), out, "speakers.png")
    save(plots.source_heatmap(mentions), out, "sources.png")
    over_time = plots.tone_over_time(mentions, countries=TRACKED_COUNTRIES, freq="Q")
    save(over_time, out, "over-time.png")
    write_report(articles, mentions, quotes, out=out / "report.html")
    print(f"{len(mentions)} country mentions in {mentions['article_id'].nunique()} articles")
    print(aggregate(mentions, by="country").round(2).to_string(index=False))
    print(f"tables, charts and report.html written to {out}/")


def save(ax: Axes, out: Path, name: str) -> None:
    """Write the chart of an Axes under out/charts and close its figure."""
    ax.figure.savefig(out / "charts" / name, bbox_inches="tight")
    plt.close(ax.figure)


def one_line_warning(message: Warning | str, category: type[Warning], *_: object) -> str:
    """A warning as one line ("warning: ..."), as the command line shows it."""
    return f"warning: {message}\n"


if __name__ == "__main__":
    warnings.formatwarning = one_line_warning
    examples_folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("examples")
    main(examples_folder, Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out"))
