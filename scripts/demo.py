"""`make demo`: analyse the example articles and write tables and charts under an output folder.

Usage: python scripts/demo.py [EXAMPLES_FOLDER] [OUT_FOLDER]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from countrytone import aggregate, analyze_articles, read_articles
from countrytone.plots import paragraph_heatmap

LEVELS = ("paragraph", "article", "country", "date", "source")


def main(examples: Path, out: Path) -> None:
    """Write mentions.csv, one by_LEVEL.csv per aggregation level and a heatmap per article."""
    articles = read_articles([examples], on_skip=lambda error: print(f"skipped {error}"))
    mentions = analyze_articles(articles)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    mentions.to_csv(out / "mentions.csv", index=False)
    for level in LEVELS:
        aggregate(mentions, by=level).to_csv(out / f"by_{level}.csv", index=False)
    for article_id in mentions["article_id"].unique():
        ax = paragraph_heatmap(mentions, article_id=article_id)
        ax.figure.savefig(out / "charts" / f"{Path(article_id).stem}.png", bbox_inches="tight")
        plt.close(ax.figure)
    print(f"{len(mentions)} country mentions in {mentions['article_id'].nunique()} articles")
    print(aggregate(mentions, by="country").round(2).to_string(index=False))
    print(f"tables and charts written to {out}/")


if __name__ == "__main__":
    examples_folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("examples")
    main(examples_folder, Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out"))
