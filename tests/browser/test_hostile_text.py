"""Hostile text through every view, in a real browser (hardening defect 2).

Each payload goes in as the scenario name in a shared link, as a link value and as an unknown
link key, is saved to the library, compared and imported. After every step the page must hold no
link or image made from it, no colour directive drawn from it, and the browser must have asked
no other host for anything.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import settle

PAGES = [
    "",
    "assumptions",
    "tradeoffs",
    "when",
    "sensitivity",
    "scenarios",
    "evidence",
    "method",
    "presenter",
]
PAYLOADS = {
    "image": "![pixel](http://evil.example/track.png)",
    "link": "[Approved: open the minute](http://evil.example/phish)",
    "javascript": "[x](javascript:alert(1))",
    "html": "<img src=http://evil.example/html.png> <a href='http://evil.example/a'>a</a>",
    "directive": ":red-background[APPROVED] :material/verified: **bold**",
    "bare_url": "see http://evil.example/bare or www.evil.example",
}
MARKDOWN = "[data-testid='stMarkdownContainer']"  # where Streamlit renders Markdown
FOUND_INTERPRETED = """(markdown) => {
    const found = [];
    for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href');
        if (/evil|javascript:/i.test(href)) found.push('link ' + href);
    }
    for (const img of document.querySelectorAll('img[src], image[href]')) {
        const src = img.getAttribute('src') || img.getAttribute('href');
        if (/evil/i.test(src)) found.push('image ' + src);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (/APPROVED|evil\\.example/.test(node.nodeValue)
                && parent.closest(markdown) && !parent.closest('code')) {
            found.push('Markdown text outside a code span: ' + node.nodeValue.slice(0, 80));
        }
    }
    return found;
}"""


def assert_inert(page: Page, where: str) -> None:
    found = page.evaluate(FOUND_INTERPRETED, MARKDOWN)
    assert found == [], f"{where}: {found}"


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_hostile_text_is_shown_literally_on_every_view(
    page: Page, app_url: str, outside_requests: list[str], payload: str
) -> None:
    query = (
        f"scenario_name={quote(payload)}&interceptor_shelf_life_years={quote(payload)}"
        f"&{quote(payload)}=1"
    )
    for path in PAGES:
        page.goto(f"{app_url}/{path}?{query}")
        settle(page)
        expect(page.get_by_text("was ignored").first).to_be_visible()
        assert_inert(page, f"/{path}")

    page.goto(f"{app_url}/scenarios?scenario_name={quote(payload)}")
    settle(page)
    page.locator(".st-key-save_author input").fill(payload)
    page.locator(".st-key-save_rationale textarea").fill(payload)
    page.get_by_role("button", name="Save as a new version").click()
    settle(page)
    expect(page.get_by_text("Saved as version")).to_be_visible()
    assert_inert(page, "after saving")

    for tab in ["Library", "Compare", "Decision record"]:
        page.get_by_role("tab", name=tab).click()
        settle(page)
        assert_inert(page, tab)
    page.get_by_role("tab", name="Compare").click()
    picker = page.locator(".st-key-compare_names").get_by_role("combobox")
    picker.focus()
    picker.press_sequentially(payload[:12])
    picker.press("Enter")
    picker.press("Escape")  # an open list hides the rest of the page from the accessibility tree
    settle(page)
    expect(page.get_by_text("leads in").first).to_be_visible()
    assert_inert(page, "comparing")

    page.get_by_role("tab", name="Import and export").click()
    upload = page.locator(".st-key-import_file input[type='file']")
    upload.set_input_files(
        {
            "name": "hostile.json",
            "mimeType": "application/json",
            "buffer": json.dumps({"schema_version": 1, "name": payload}).encode(),
        }
    )
    settle(page)
    expect(page.get_by_text("Ready to apply")).to_be_visible()
    assert_inert(page, "import")
    page.get_by_role("button", name="Apply to the dashboard").click()
    settle(page)
    assert_inert(page, "after import")

    page.wait_for_timeout(500)  # anything an element asked for has been requested by now
    assert outside_requests == []


@pytest.mark.parametrize(
    "name",
    ["a\x01b", "safe\u202egnp.exe", "a\ufffeb"],
    ids=["control", "direction_override", "noncharacter"],
)
def test_text_that_could_crash_or_mislead_is_refused_at_every_door(
    page: Page, app_url: str, name: str
) -> None:
    """A control character in the name once aborted the server on Download PNG; a direction
    override makes text read differently from what it is."""
    page.goto(f"{app_url}/?scenario_name={quote(name)}")
    settle(page)
    expect(page.get_by_text("scenario name was ignored")).to_be_visible()
    with page.expect_download() as download:
        page.locator(".st-key-recommendation_chart_png button").click()
    assert download.value.suggested_filename.endswith(".png")

    page.goto(f"{app_url}/scenarios")
    settle(page)
    page.get_by_role("tab", name="Import and export").click()
    page.locator(".st-key-import_file input[type='file']").set_input_files(
        {
            "name": "refused.json",
            "mimeType": "application/json",
            "buffer": json.dumps({"schema_version": 1, "name": name}).encode(),
        }
    )
    settle(page)
    expect(page.get_by_text("Nothing was applied")).to_be_visible()
    expect(page.get_by_role("button", name="Apply to the dashboard")).to_have_count(0)
    page.reload()  # the server is still there
    settle(page)
