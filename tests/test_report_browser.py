"""The report in a real browser: headless Chromium, driven by Playwright, opening it from disk.

Skips, saying why, only where Playwright or a Chromium cannot be found (``.ci/run`` installs
Debian's ``chromium``). One browser serves the whole module.
"""

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib.image
import pytest

from countrytone.cli import main
from countrytone.countries import country_name

# The browsers Debian and Ubuntu install; Playwright's own download cannot work offline.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# The five articles of one outlet: an overview and sections, quick to analyse.
REPORTED = ("harbour-post",)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if executable is None:
        pytest.skip("no Chromium on PATH: install Debian's chromium package (.ci/run does)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> tuple[Path, list[Any]]:
    """The report of some examples, and the rows `analyze` gives for them with the same model."""
    out = tmp_path_factory.mktemp("report")
    inputs = [str(examples / outlet) for outlet in REPORTED]
    model = ["--model", "fast"]
    assert main(["report", *inputs, "--out", str(out / "report.html"), *model]) == 0
    assert main(["analyze", *inputs, "--out", str(out / "mentions.jsonl"), *model]) == 0
    lines = (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    return out / "report.html", [json.loads(line) for line in lines]


@pytest.fixture
def requests() -> list[str]:
    """The URL of every request the page makes."""
    return []


@pytest.fixture
def page(browser: Any, report: tuple[Path, list[Any]], requests: list[str]) -> Iterator[Any]:
    opened = browser.new_page(viewport={"width": 1200, "height": 900})
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto(report[0].as_uri(), wait_until="load")
    yield opened
    opened.close()


def test_report_browser_highlights_every_analyzed_mention(
    page: Any, report: tuple[Path, list[Any]]
) -> None:
    _, rows = report
    marks = page.locator("mark.ct-m")
    assert marks.count() == len(rows)
    assert marks.nth(len(rows) - 1).text_content() == rows[-1]["mention"]


def test_report_browser_hover_shows_the_tooltip(page: Any, report: tuple[Path, list[Any]]) -> None:
    _, rows = report
    index = len(rows) // 2
    row, mark = rows[index], page.locator("mark.ct-m").nth(index)
    tooltip = "element => getComputedStyle(element, '::after').content"
    assert mark.evaluate(tooltip) == "none"
    mark.scroll_into_view_if_needed()
    mark.hover()
    shown = mark.evaluate(tooltip)
    assert f"{country_name(row['country'])} ({row['country']})" in shown
    assert f"speaker: {row['speaker'] or '(article)'}" in shown
    assert f"{row['label']} {row['score']:+.2f}" in shown
    assert f"neutral {row['p_neutral']:.2f}" in shown


def test_report_browser_makes_no_request(
    page: Any, report: tuple[Path, list[Any]], requests: list[str]
) -> None:
    page.locator("a[href^='#article-']").first.click()
    page.mouse.wheel(0, 20000)
    page.wait_for_load_state("load")
    assert requests == [report[0].as_uri()]


def test_report_browser_screenshot_is_not_blank(page: Any) -> None:
    pixels = matplotlib.image.imread(io.BytesIO(page.screenshot(full_page=False)), format="png")
    ink = (pixels[..., :3].mean(axis=2) < 0.9).mean()
    assert ink > 0.02
    assert pixels[..., :3].std() > 0.05
