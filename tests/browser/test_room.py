"""The meeting room end to end: a facilitator on one Streamlit server, three participants in
their own browser contexts on a second server, both on one database (SQLite file or
PostgreSQL). The shared screen's count and charts update without a reload."""

from __future__ import annotations

import re
from contextlib import ExitStack

from playwright.sync_api import Browser, Page, expect

from tests.browser.harness import ROOT, settle, slider, streamlit_process

pytest_plugins = ["tests.store_fixtures"]
VIEWPORT = {"width": 1400, "height": 1000}
PHONE = {"width": 420, "height": 900}
LIVE = 15_000  # ms: the shared screen refreshes every 3 s, on a shared 2-core machine


def responses(page: Page):
    return page.locator("[data-testid='stMetricValue']").first


def submit(page: Page, criterion: str, name: str) -> None:
    handle = slider(page, f"room_weight_{criterion}")
    handle.focus()
    handle.press("End")
    page.locator(".st-key-room_name input").fill(name)
    page.get_by_role("button", name="Submit my priorities").click()
    settle(page)


def test_a_facilitator_and_three_participants_on_two_servers(
    browser: Browser, database_url: str
) -> None:
    env = {"S400_DESK_DATABASE_URL": database_url, "S400_DESK_DATABASE_PATH": ""}
    with ExitStack() as stack:
        screen_url, screen_server = stack.enter_context(streamlit_process(ROOT / "app.py", env=env))
        seats_url, seats_server = stack.enter_context(streamlit_process(ROOT / "app.py", env=env))
        facilitator = stack.enter_context(browser.new_context(viewport=VIEWPORT)).new_page()
        facilitator.goto(f"{screen_url}/room")
        settle(facilitator)
        facilitator.get_by_role("button", name="Open a meeting room").click()
        settle(facilitator)
        link = facilitator.locator("[data-testid='stCode']").inner_text().strip()
        assert re.fullmatch(re.escape(screen_url) + r"/\?room=[A-Za-z0-9_-]{16}", link)
        code = link.rsplit("=", 1)[1]
        qr_code = facilitator.locator("[data-testid='stImage'] img")
        expect(qr_code).to_be_visible()
        assert qr_code.bounding_box()["width"] >= 300  # scannable from a shared screen
        expect(responses(facilitator)).to_have_text("0 responses")
        facilitator.evaluate("window.notReloaded = true")

        people = []
        for number, criterion in enumerate(("air_defence", "f35_prospects", "leverage"), 1):
            person = stack.enter_context(browser.new_context(viewport=PHONE)).new_page()
            person.goto(link.replace(screen_url, seats_url))  # served by the other server
            settle(person)
            expect(person.get_by_role("heading", name="Meeting room")).to_be_visible()
            submit(person, criterion, f"<b>Person {number}</b>")
            expect(person.get_by_text("Your priorities are in")).to_be_visible()
            people.append(person)
            if number == 1:
                expect(responses(facilitator)).to_have_text("1 response", timeout=LIVE)
                charts = facilitator.locator("[data-testid='stVegaLiteChart']")
                expect(charts).to_have_count(3, timeout=LIVE)

        expect(responses(facilitator)).to_have_text("3 responses", timeout=LIVE)
        expect(facilitator.get_by_text("Robust choice if the room cannot agree:")).to_be_visible()
        expect(
            facilitator.get_by_text("Leader under each participant's priorities")
        ).to_be_visible()
        assert facilitator.evaluate("window.notReloaded") is True
        assert "Person" not in facilitator.content()  # names never reach the shared screen

        # A resubmission replaces the earlier one: still three responses.
        people[0].wait_for_timeout(2_100)  # one submission per 2 s per browser session
        submit(people[0], "sanctions_exposure", "")
        expect(people[0].get_by_text("They replace your earlier ones")).to_be_visible()
        facilitator.wait_for_timeout(4_000)
        expect(responses(facilitator)).to_have_text("3 responses")

        facilitator.get_by_role("button", name="Close the room").click()
        settle(facilitator)
        expect(facilitator.get_by_text("Responses (room closed)")).to_be_visible()
        people[1].wait_for_timeout(2_100)
        submit(people[1], "leverage", "")
        expect(people[1].get_by_text("this meeting room is closed")).to_be_visible()
    for server in (screen_server, seats_server):
        log = server.stderr.read().decode()
        assert code not in log  # room codes never reach the server log
