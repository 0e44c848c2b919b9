"""The dashboard by keyboard alone: Tab and Shift+Tab to reach a control, arrows, Enter and the
Ctrl+Z shortcut to work it, and focus that can be seen at every stop on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.sensitivity_sections import SECTIONS
from components.state import GROUP_LABELS
from tests.browser.harness import settle, slider
from tests.conftest import MODEL

ASSUMPTION = MODEL.assumption("p_readmission_if_divested")  # moves the leader's score
SCORE = "[data-testid='stMetricValue']"  # the Recommendation page's figures: leader, score, margin
TAB_LIMIT = 200  # more Tab presses than any page has stops

# Where focus is, in words: tag, test id and accessible name.
FOCUSED = """() => {
  const e = document.activeElement;
  const name = e.getAttribute('aria-label') || (e.innerText || '').trim().split('\\n').pop();
  return [e.tagName, e.getAttribute('role') || '', e.getAttribute('data-testid') || '', name];
}"""
# Whether the focused element shows it: no transparent ancestor, and an outline, a ring in the
# theme's primary colour (#0b5cad) or a border in it on the element or a close wrapper (a text
# field marks focus on its frame). Streamlit's rings fade in, so callers poll this. A table's
# focused cell is a hidden stand-in: the grid draws its ring on the canvas.
FOCUS_SHOWS = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return true;
  if (focused.closest('[data-testid=stDataFrame]')) return true;
  for (let e = focused; e; e = e.parentElement) {
    if (getComputedStyle(e).opacity === '0') return false;
  }
  const box = focused.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  let e = focused;
  for (let depth = 0; e && depth < 4; depth++, e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return true;
    if (s.boxShadow.includes('11, 92, 173')) return true;
    if (s.borderTopColor === 'rgb(11, 92, 173)') return true;
  }
  return false;
}"""
# Every control a person could operate that the walk marked as never reached.
MISSED = """() => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.tabIndex >= 0 && !e.closest('[aria-hidden=true], [inert]'))
  .filter(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden')
  .filter(e => !e.dataset.keyboardReached)
  .map(e => e.tagName + ' ' + (e.getAttribute('aria-label') || e.innerText || '').slice(0, 60))"""


# Controls whose focus Streamlit marks too faintly, or not at all, or hides (components/views.py
# gives each a solid ring): what a walk must find on them.
RINGED = {
    "stSidebarNavLink",
    "stTab",
    "stMainMenuButton",
    "stMain",
    "stBaseButton-elementToolbar",
}
RING = "rgb(11, 92, 173) solid 2px"
OUTLINE = "() => getComputedStyle(document.activeElement).outline"


def focused(page: Page) -> list[str]:
    return page.evaluate(FOCUSED)


def assert_focus_shows(page: Page) -> None:
    try:
        page.wait_for_function(FOCUS_SHOWS, timeout=2_000)
    except PlaywrightTimeout as hidden:
        raise AssertionError(f"focus cannot be seen on {focused(page)}") from hidden


def tab_to(page: Page, name: str, role: str = "", backwards: bool = False) -> None:
    """Press Tab (Shift+Tab backwards) until the element named `name` (a prefix), with `role`
    if given, has focus; every stop on the way must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        assert_focus_shows(page)
        _tag, its_role, _test_id, its_name = focused(page)
        if its_name.startswith(name) and (not role or its_role == role):
            return
    raise AssertionError(f"{name!r} was not reached with {key} in {TAB_LIMIT} presses")


def test_a_keyboard_only_journey(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    score = page.locator(SCORE).nth(1)
    before = score.inner_text()

    # An assumption slider: open its group with Enter, then the arrow keys.
    tab_to(page, GROUP_LABELS[ASSUMPTION.group])
    page.keyboard.press("Enter")
    tab_to(page, ASSUMPTION.label)
    handle = slider(page, ASSUMPTION.id)
    expect(handle).to_be_focused()
    start = float(handle.input_value())
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        settle(page)
    moved = start + 3 * ASSUMPTION.step
    expect(handle).to_have_value(f"{moved:g}")
    expect(score).not_to_have_text(before)
    assert f"{ASSUMPTION.id}={moved:g}" in page.url

    # Back up the sidebar to its navigation, and Enter on a page link.
    tab_to(page, "Sensitivity", backwards=True)
    assert focused(page)[0] == "A"
    page.keyboard.press("Enter")
    settle(page)
    expect(page.get_by_role("heading", name="Sensitivity")).to_be_visible()
    assert "/sensitivity" in page.url and f"{ASSUMPTION.id}={moved:g}" in page.url

    # The page's sections: Tab to the open one, the arrow key to the next.
    first, second = list(SECTIONS)[:2]
    tab_to(page, first, role="tab")
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(page.get_by_role("tab", name=second)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name="Priority thresholds")).to_be_visible()

    # Ctrl+Z takes back the last slider step, wherever focus is, and the address follows.
    page.keyboard.press("Control+z")
    settle(page)
    expect(handle).to_have_value(f"{moved - ASSUMPTION.step:g}")
    expect(page).to_have_url(re.compile(rf"{ASSUMPTION.id}={moved - ASSUMPTION.step:g}"))
    expect(page.get_by_role("tab", name=second)).to_have_attribute("aria-selected", "true")


def open_section(page: Page, name: str) -> None:
    """Select a Sensitivity section with Enter; wait until its content has been drawn (a
    section is drawn only while open, so its panel starts empty)."""
    page.get_by_role("tab", name=name).focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("tabpanel", name=name)
    expect(panel.locator("[data-testid='stElementContainer']").first).to_be_attached()
    settle(page)


def walk_off_the_end(page: Page) -> None:
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            return
    raise AssertionError(f"Tab never left the page, at {focused(page)}")


@pytest.mark.parametrize("path", ["", "sensitivity"], ids=["recommendation", "sensitivity"])
def test_tab_reaches_every_control_shows_focus_and_leaves_the_page(
    page: Page, app_url: str, path: str
) -> None:
    """No trap: Tab walks off the end of the page (focus back on the document); no control is
    left out of the walk; each stop shows its focus. On Sensitivity, in every section."""
    page.goto(f"{app_url}/{path}")
    settle(page)
    sections = list(SECTIONS) if path == "sensitivity" else [None]
    ringed: set[str] = set()
    for section in sections:
        if section is not None:
            open_section(page, section)
            walk_off_the_end(page)  # so that the walk below starts at the top
        for _ in range(TAB_LIMIT):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break
            assert_focus_shows(page)
            page.evaluate("document.activeElement.dataset.keyboardReached = '1'")
            test_id = focused(page)[2]
            if test_id in RINGED:
                assert page.evaluate(OUTLINE) == RING, focused(page)
                ringed.add(test_id)
        else:
            raise AssertionError(f"{section or path}: Tab never left the page, at {focused(page)}")
        assert page.evaluate(MISSED) == [], section or path
    assert ringed == RINGED - ({"stTab"} if path == "" else set())
