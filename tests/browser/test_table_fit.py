"""Tables on the Recommendation and When pages show every column at 1280 x 800 with the sidebar
open: nothing hidden behind a sideways scroll (issue 14, "nothing is truncated")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import OVERFLOW, settle

MOVED = "?weight_f35_prospects=48"  # a changed scenario, so the score-change table is drawn


@pytest.mark.parametrize("path", ["", "when"])
def test_every_table_shows_every_column_at_1280_px(page: Page, app_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{app_url}/{path}{MOVED}")
    settle(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()  # the sidebar takes its width
    tables = page.get_by_test_id("stDataFrame")
    expect(tables.first).to_be_visible()
    for table in tables.all():
        assert table.locator(".dvn-scroller").evaluate(OVERFLOW) == 0
