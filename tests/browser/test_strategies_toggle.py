"""The "Show strategies" toggle in a real browser: worked from the keyboard, written to the
address bar, and restored from a shared link."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from components.state import STRATEGIES_KEY
from scoring import evaluate
from tests.browser.harness import OVERFLOW, settle
from tests.conftest import MODEL

LEADER = "[data-testid='stMetricValue']"


def toggle(page: Page):
    return page.locator(f".st-key-{STRATEGIES_KEY}").get_by_role("switch")


def direct_leader() -> str:
    """Short label of the leader among the direct options alone."""
    return MODEL.option(evaluate(model=MODEL.without_strategies()).ranking[0].option_id).short_label


def test_the_toggle_goes_into_the_address_and_a_shared_link_restores_it(
    page: Page, browser: Browser, app_url: str
) -> None:
    page.goto(app_url)
    settle(page)
    expect(toggle(page)).to_be_checked()
    assert STRATEGIES_KEY not in page.url  # on is the default: the address stays clean
    toggle(page).focus()
    page.keyboard.press("Space")
    settle(page)
    expect(toggle(page)).not_to_be_checked()
    expect(page).to_have_url(re.compile(rf"{STRATEGIES_KEY}=false"))
    expect(page.locator(LEADER).first).to_have_text(direct_leader())
    colleague = browser.new_context().new_page()
    try:
        colleague.goto(page.url)
        settle(colleague)
        expect(toggle(colleague)).not_to_be_checked()
        expect(colleague.locator(LEADER).first).to_have_text(direct_leader())
    finally:
        colleague.context.close()


def test_at_1280_px_a_strategy_leading_is_named_whole(page: Page, app_url: str) -> None:
    """The leading option's metric wraps a strategy's name rather than ending it in "…"."""
    leader = MODEL.option(evaluate(model=MODEL).ranking[0].option_id)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(app_url)
    settle(page)
    value = page.locator(LEADER).first
    expect(value).to_have_text(leader.short_label)
    assert value.locator("[data-testid='stMarkdownContainer']").evaluate(OVERFLOW) == 0
