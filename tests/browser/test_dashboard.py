"""The dashboard in a real browser: keyboard, page switches, shared links, separate sessions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from briefing.sensitivity_frames import axis_label
from scoring import Scenario
from scoring.map_axes import nearest_axes
from scoring.robustness import analyse
from tests.browser.harness import settle, slider
from tests.conftest import MODEL

HEADLINE = "[data-testid='stHeading'] h3"
CHART = "[data-testid='stVegaLiteChart']"


def open_dashboard(page: Page, url: str) -> str:
    page.goto(url)
    settle(page)
    return page.locator(HEADLINE).first.inner_text()


def press(page: Page, key: str, keys: str, times: int = 1) -> None:
    handle = slider(page, key)
    handle.focus()
    for _ in range(times):
        handle.press(keys)
    settle(page)


def test_keyboard_on_a_slider_changes_the_headline(page: Page, app_url: str) -> None:
    before = open_dashboard(page, app_url)
    press(page, "weight_f35_prospects", "ArrowRight", times=5)
    expect(page.locator(HEADLINE).first).not_to_have_text(before)
    moved = MODEL.criterion("f35_prospects").default_weight + 5
    expect(slider(page, "weight_f35_prospects")).to_have_value(f"{moved:g}")
    assert f"weight_f35_prospects={moved:g}" in page.url


@pytest.mark.parametrize(
    ("where", "path", "key", "ends"),
    [
        ("sidebar", "", "weight_f35_prospects", ["0", "100"]),
        ("page", "assumptions", "interceptor_shelf_life_years", ["2.0 years", "10.0 years"]),
        ("page", "assumptions", "buyback_price_share", ["0%", "50%"]),
        ("page", "assumptions", "f35_window_decay_per_year", ["0%", "20%"]),
        (
            "page",
            "assumptions",
            "storage_cost_musd_per_year",
            ["US$5 m per year", "US$75 m per year"],
        ),
    ],
)
def test_each_slider_shows_its_range_ends_without_hovering(
    page: Page, app_url: str, where: str, path: str, key: str, ends: list[str]
) -> None:
    open_dashboard(page, f"{app_url}/{path}")
    root = "[data-testid='stSidebar']" if where == "sidebar" else "[data-testid='stMain']"
    bar = page.locator(f"{root} .st-key-{key} [data-testid='stSliderTickBar']")
    bar.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # the pointer is away from every slider
    expect(bar).to_be_visible()
    # No fade: Streamlit fades the ends in over half a second, read mid-fade as opacity 0.
    assert bar.evaluate("element => getComputedStyle(element).transitionDuration") == "0s"
    assert bar.evaluate("element => getComputedStyle(element).opacity") == "1"
    assert bar.inner_text().split() == " ".join(ends).split()
    assert page.locator(f"{root} [class*='st-key-ends_']").count() == 0  # no second copy


def test_a_value_survives_switching_page_and_back(page: Page, app_url: str) -> None:
    open_dashboard(page, app_url)
    press(page, "weight_reversibility", "End")
    expect(slider(page, "weight_reversibility")).to_have_value("100")
    page.get_by_role("link", name="Trade-offs").click()
    settle(page)
    expect(page.get_by_role("heading", name="Trade-offs")).to_be_visible()
    page.get_by_role("link", name="Recommendation").click()
    settle(page)
    expect(slider(page, "weight_reversibility")).to_have_value("100")
    assert "weight_reversibility=100" in page.url


def test_the_link_reproduces_the_view_in_a_fresh_browser(
    page: Page, browser: Browser, app_url: str
) -> None:
    open_dashboard(page, app_url)
    press(page, "weight_air_defence", "End")
    press(page, "weight_f35_prospects", "Home")
    # The address follows the sliders a moment after the key press: share it once it holds both.
    expect(page).to_have_url(re.compile(r"weight_air_defence=100"))
    expect(page).to_have_url(re.compile(r"weight_f35_prospects=0(&|$)"))
    shared = page.url
    colleague = browser.new_context().new_page()
    try:
        expect(page.locator(HEADLINE).first).to_have_text(open_dashboard(colleague, shared))
        expect(slider(colleague, "weight_air_defence")).to_have_value("100")
    finally:
        colleague.context.close()


def test_two_browsers_do_not_see_each_others_changes(
    page: Page, browser: Browser, app_url: str
) -> None:
    other = browser.new_context().new_page()
    try:
        baseline = open_dashboard(other, app_url)
        open_dashboard(page, app_url)
        press(page, "weight_domestic_acceptability", "End")
        expect(page.locator(HEADLINE).first).not_to_have_text(baseline)
        other.reload()
        settle(other)
        assert other.locator(HEADLINE).first.inner_text() == baseline
        expect(slider(other, "weight_domestic_acceptability")).to_have_value("7")
    finally:
        other.context.close()


def test_changing_the_decision_map_axes_redraws_the_map(page: Page, app_url: str) -> None:
    scenario = Scenario.build({}, MODEL)
    first_x, _ = nearest_axes(analyse(scenario, MODEL), MODEL)  # the map opens on these
    before = axis_label(first_x, MODEL).split(" (")[0]
    other = next(a for a in MODEL.assumptions if a.id != first_x)
    page.goto(f"{app_url}/sensitivity")
    settle(page)
    page.get_by_role("tab", name="Decision map").click()  # a section is drawn when opened
    expect(page.get_by_text(f"Which option leads as {before}")).to_be_visible()
    axis = page.locator(".st-key-sens_map_x").get_by_role("combobox")
    axis.focus()
    axis.press_sequentially(other.label)
    axis.press("Enter")
    settle(page)
    expect(page.get_by_text(f"Which option leads as {other.label}")).to_be_visible()
    expect(page.get_by_text(f"Which option leads as {before}")).to_have_count(0)


def test_ctrl_z_undoes_a_slider_move_and_ctrl_y_redoes_it(page: Page, app_url: str) -> None:
    open_dashboard(page, app_url)
    press(page, "weight_air_defence", "ArrowRight")  # one rerun, one step
    press(page, "weight_air_defence", "ArrowRight")
    moved = slider(page, "weight_air_defence").input_value()
    page.keyboard.press("Control+z")
    settle(page)
    expect(slider(page, "weight_air_defence")).to_have_value(str(int(moved) - 1))
    page.keyboard.press("Control+y")
    settle(page)
    expect(slider(page, "weight_air_defence")).to_have_value(moved)


def runs_started(page: Page) -> list[tuple[str, ...]]:
    """Fills, as the server's messages arrive, with the fragments each started run covers (an
    empty tuple: a run of the whole app)."""
    started: list[tuple[str, ...]] = []

    def read(frame: str | bytes) -> None:
        if isinstance(frame, bytes):
            message = ForwardMsg.FromString(frame)
            if message.WhichOneof("type") == "new_session":
                started.append(tuple(message.metadata.run.fragment_ids))

    page.on("websocket", lambda socket: socket.on("framereceived", read))
    return started


def test_a_sidebar_slider_move_starts_no_run_of_the_whole_app(page: Page, app_url: str) -> None:
    """A whole-app run, even one cut short for the page's, has the browser mark and redraw the
    whole app before the page's run begins."""
    started = runs_started(page)
    before = open_dashboard(page, app_url)
    opened = len(started)
    press(page, "weight_f35_prospects", "ArrowRight", times=3)
    expect(page.locator(HEADLINE).first).not_to_have_text(before)
    assert len(started) > opened  # the moves started runs
    assert all(fragments for fragments in started[opened:]), started[opened:]


def drawing(page: Page) -> tuple[list[str], list[str], list[str]]:
    """The first chart as drawn: its texts with their places, its shapes and its accessible
    names (each sorted: a view updated in place may keep its marks in another order)."""
    html = page.locator(f"{CHART} .marks").first.inner_html()
    texts = sorted(re.findall(r'<text[^>]*transform="([^"]*)"[^>]*>([^<]*)</text>', html))
    shapes = sorted(re.findall(r'<path[^>]* d="([^"]*)"', html))
    names = sorted(re.findall(r'aria-label="([^"]*)"', html))
    return [f"{at} {text}" for at, text in texts], shapes, names


def test_a_priority_move_redraws_the_chart_in_place(page: Page, app_url: str) -> None:
    """The browser swaps the chart's rows into the view it has (a new view costs it about 30 ms
    a move), and draws what a fresh view of the same link draws, down to the accessible names;
    what the numbers show is written under the chart."""
    open_dashboard(page, app_url)
    chart = page.locator(f"{CHART} .marks").first
    chart.evaluate("marks => { marks.dataset.seen = 'before the move'; }")
    before = drawing(page)
    finding = page.get_by_text("earns most from").first
    said = finding.inner_text()
    press(page, "weight_f35_prospects", "ArrowRight", times=30)
    expect(finding).not_to_have_text(said)
    expect(chart).to_have_attribute("data-seen", "before the move")
    moved = drawing(page)
    assert moved != before
    fresh = page.context.new_page()  # a tab of its own, watched for outside requests too
    try:
        fresh.goto(page.url)
        settle(fresh)
        assert drawing(fresh) == moved
    finally:
        fresh.close()
