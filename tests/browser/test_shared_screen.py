"""On a shared screen the verdict and the whole first chart are in view without scrolling: in
presentation mode and on the Presenter, at 1280 x 800 and 1920 x 1080, with every option and
strategy ranked (issue 14, "fit the screen")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from components.state import controls
from tests.browser.harness import settle
from tests.conftest import MODEL

SCREENS = [(1280, 800), (1920, 1080)]
VIEWS = {"presentation mode": "/?present=true", "Presenter": "/presenter"}
MAIN = "[data-testid='stMain']"
TEXTS = "(e) => [...e.querySelectorAll('text')].map((t) => t.textContent)"
BOX = "(e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }"


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_verdict_and_the_first_chart_fit_the_screen(
    page: Page, app_url: str, view: str, width: int, height: int
) -> None:
    assert len(MODEL.options) == 11  # eight options and three strategies, each a row
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_url + VIEWS[view])
    settle(page)
    headline = page.locator("[data-testid='stMain'] h1").first
    expect(headline).to_be_visible()
    chart = page.locator("[data-testid='stMain'] [data-testid='stVegaLiteChart'] svg").first
    expect(chart).to_be_visible()
    for element in (headline, chart):
        top, bottom, left, right = element.evaluate(BOX)
        assert top >= 0 and left >= 0
        assert bottom <= height and right <= width, f"{view}: cut off at {bottom:.0f} px"


def preset_query(preset_id: str) -> str:
    """The address query that sets the sliders as the preset does."""
    preset = MODEL.preset(preset_id)
    chosen = {**preset.assumptions, **preset.weights}
    return "&".join(f"{c.key}={chosen[c.target]:g}" for c in controls(MODEL) if c.target in chosen)


# The baseline, and the preset whose tornado has the most rows (14 assumptions move its margin).
PRESETS = ["baseline", "moscow_deal"]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_presenter_step_fits_with_its_axes_and_legend(
    page: Page, app_url: str, width: int, height: int, preset: str
) -> None:
    """Each step's title and its whole chart, axes and legend included, are in view, and no
    label on a chart is cut short with an ellipsis."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/presenter?{preset_query(preset)}")
    settle(page)
    steps = int(page.get_by_text(re.compile(r"^Step 1 of \d+")).inner_text().split()[3])
    assert steps >= 6
    for step in range(1, steps + 1):
        title = f"Step {step} of {steps}"
        expect(page.get_by_text(title)).to_be_visible()
        for chart in page.locator(f"{MAIN} [data-testid='stVegaLiteChart'] svg").all():
            _, bottom, _, right = chart.evaluate(BOX)
            assert bottom <= height and right <= width, f"{title}: cut off at {bottom:.0f} px"
            texts = chart.evaluate(TEXTS)
            assert not [t for t in texts if t.endswith("…")], f"{title}: a label is cut short"
        page.keyboard.press("PageDown")
        settle(page)


@pytest.mark.parametrize("presenting", [False, True], ids=["desk", "presentation mode"])
def test_the_result_strip_is_one_row_pinned_only_where_sliders_move_it(
    page: Page, app_url: str, presenting: bool
) -> None:
    """At the desk the Assumptions page's result strip stays in view above the sliders. In
    presentation mode the sliders are not on the page, and the strip, pinned and in large type
    on two rows, covered 300 of 800 pixels of whatever the room was reading."""
    page.set_viewport_size({"width": 1280, "height": 800})
    # The Moscow-deal preset puts the strategy with the longest short name in the lead.
    query = preset_query("moscow_deal") + ("&present=true" if presenting else "")
    page.goto(f"{app_url}/assumptions?{query}")
    settle(page)
    strip = page.locator(".st-key-result_strip")
    tops = [
        box[0]
        for box in strip.locator("[data-testid='stMetric']").evaluate_all(
            f"(metrics) => metrics.map({BOX})"
        )
    ]
    assert len(tops) == 3 and max(tops) - min(tops) < 5, f"not one row: {tops}"
    page.locator(MAIN).evaluate("(main) => main.scrollTo(0, 1200)")
    page.wait_for_timeout(300)
    top = strip.evaluate(BOX)[0]
    assert (top < 0) if presenting else (top >= 0), f"strip top at {top:.0f} px after scrolling"
