"""Every table on every page shows all it holds at 1280 x 800 with the sidebar open, and on a
shared screen at 1920 x 1080: no column behind a sideways scroll, no rows in an inner scroll
box, no cell cut to one line (issue 14, "nothing is truncated")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from components.sensitivity_sections import SECTIONS
from scoring import default_model
from tests.browser.harness import OVERFLOW, settle

MOVED = "weight_f35_prospects=48"  # a changed scenario, so the score-change table is drawn
PAGES = ["", "assumptions", "tradeoffs", "when", "sensitivity", "evidence", "method", "presenter"]
SCREENS = {"1280 sidebar open": (1280, 800, ""), "1920 presenting": (1920, 1080, "&present=true")}
FONT_PX = "(e) => parseFloat(getComputedStyle(e).fontSize)"
PRESENTATION_TABLE_PX = 20  # a quarter above the page's 16 px body type
# Pixels of a grid's rows below its frame: rows hidden in an inner scroll box.
ROWS_BELOW = "(e) => e.scrollHeight - e.clientHeight"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PAGES)
def test_every_table_shows_everything(page: Page, app_url: str, path: str, screen: str) -> None:
    width, height, mode = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{path}?{MOVED}{mode}")
    settle(page)
    if not mode and path != "presenter":  # the Presenter always opens with the sidebar shut
        expect(page.get_by_test_id("stSidebar")).to_be_visible()  # the sidebar takes its width
    assert_tables_show_everything(page)
    if mode:  # on a shared screen, no grid's fixed small type: every table in the large type
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
        for table in page.get_by_test_id("stTable").all():
            assert table.locator("td p").first.evaluate(FONT_PX) >= PRESENTATION_TABLE_PX


@pytest.mark.parametrize("screen", SCREENS)
def test_each_sensitivity_tab_shows_its_tables_whole(page: Page, app_url: str, screen: str) -> None:
    """The Sensitivity page draws a tab's tables only while the tab is open."""
    width, height, mode = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/sensitivity?{MOVED}{mode}")
    settle(page)
    for section in SECTIONS:
        page.get_by_role("tab", name=section).click()
        settle(page)
        expect(page.get_by_role("tab", name=section)).to_have_attribute("aria-selected", "true")
        assert_tables_show_everything(page)


def assert_tables_show_everything(page: Page) -> None:
    """No visible table hides a column behind a sideways scroll or rows in an inner box."""
    for grid in page.get_by_test_id("stDataFrame").all():
        if grid.is_visible():
            scroller = grid.locator(".dvn-scroller")
            assert scroller.evaluate(OVERFLOW) == 0, f"columns hidden in {grid.inner_text()[:60]}"
            assert scroller.evaluate(ROWS_BELOW) <= 1, f"rows hidden in {grid.inner_text()[:60]}"
    for table in page.get_by_test_id("stTable").all():
        if table.is_visible():
            assert table.evaluate(OVERFLOW) <= 1, f"columns hidden in {table.inner_text()[:60]}"


def longest(texts: list[str]) -> str:
    return max(texts, key=len)


def test_the_method_page_shows_every_rationale_whole(page: Page, app_url: str) -> None:
    model = default_model()
    parameters = [p.rationale for o in model.direct_options for _, p in o.parameters]
    scores = [s.rationale for o in model.direct_options for s in o.scores.values()]
    constants = [c.rationale for _, c in model.info.constants]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{app_url}/method")
    settle(page)
    for text in (longest(parameters), longest(scores), longest(constants)):
        expect(page.get_by_role("cell", name=text, exact=True)).to_be_visible()


def test_the_evidence_register_shows_every_entry_whole(page: Page, app_url: str) -> None:
    model = default_model()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{app_url}/evidence")
    settle(page)
    rows = page.locator(".st-key-evidence_table").get_by_role("row")
    expect(rows).to_have_count(len(model.evidence) + 1)  # and the header
    entry = max(model.evidence, key=lambda e: len(e.summary))
    expect(page.get_by_role("cell", name=entry.summary, exact=False)).to_be_visible()
