"""The Sensitivity page at laptop sizes: a chart on the first screen, every section's name in
view, and the stakeholder table whole at 1280 px (issue 14)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from components.sensitivity_sections import SECTIONS
from tests.browser.harness import OVERFLOW, settle


def open_sensitivity(page: Page, app_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/sensitivity")
    settle(page)


def test_at_1024_px_the_first_chart_and_every_section_name_are_on_the_first_screen(
    page: Page, app_url: str
) -> None:
    open_sensitivity(page, app_url, 1024, 768)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()  # the sidebar takes its width
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["y"] < 768 - 150  # its top rows at least, without scrolling
    tabs = page.get_by_role("tablist")
    assert [t.inner_text() for t in tabs.get_by_role("tab").all()] == list(SECTIONS)
    assert tabs.evaluate(OVERFLOW) == 0


def test_at_1280_px_the_stakeholder_table_shows_every_column(page: Page, app_url: str) -> None:
    open_sensitivity(page, app_url, 1280, 800)
    page.get_by_role("tab", name="Stakeholders").click()
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
    settle(page)
    headers = table.get_by_role("columnheader", include_hidden=True)  # drawn on a canvas
    expect(headers.nth(1)).to_have_text("Largest regret (points)")
    assert table.locator(".dvn-scroller").evaluate(OVERFLOW) == 0
