"""Every page meets WCAG 2.2 AA as axe-core checks it: no serious or critical violation, in the
normal view and in presentation mode (axe-core ships inside axe-playwright-python: nothing is
fetched)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.harness import settle

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
AXE = Axe()


def page_paths(page: Page, url: str) -> list[str]:
    """Every page the navigation offers, as an address path."""
    page.goto(url)
    settle(page)
    links = page.locator("[data-testid='stSidebarNav'] a")
    return [links.nth(n).get_attribute("href") or "" for n in range(links.count())]


def blocking_violations(page: Page) -> list[str]:
    """'rule: first offending element' for each serious or critical axe-core finding."""
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{violation['id']} x{len(violation['nodes'])}: {violation['nodes'][0]['html'][:160]}"
        for violation in result.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    ("width", "height", "mode"),
    [(1280, 800, ""), (1920, 1080, "?present=true")],
    ids=["1280-normal", "1920-presentation"],
)
def test_no_serious_wcag_violation_on_any_page(
    page: Page, app_url: str, width: int, height: int, mode: str
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    paths = page_paths(page, app_url)
    assert len(paths) >= 8, paths
    found = {}
    for path in paths:
        page.goto(path + mode)
        settle(page)
        page.wait_for_timeout(500)  # charts draw after the script finishes
        if problems := blocking_violations(page):
            found[path] = problems
    assert found == {}
