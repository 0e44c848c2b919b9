"""Browser fixtures: one dashboard server per session, a fresh browser context per test; a
test on `page` fails if the page asked any host but this machine for anything (offline offices,
and no third party sees a page view)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from tests.browser.harness import ROOT, chromium_available, launch, streamlit_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> None:
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is missing: CI must run the browser tests (scripts/test.sh installs it)"
            )
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")


@pytest.fixture(scope="session")
def app_url(chromium: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    library = tmp_path_factory.mktemp("library") / "scenarios.sqlite3"
    private = {"S400_DESK_DATABASE_PATH": str(library), "S400_DESK_DATABASE_URL": ""}
    with streamlit_server(ROOT / "app.py", env=private) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """Every request the test's page makes to a host other than this machine's loopback."""
    return []


@pytest.fixture
def page(browser: Browser, outside_requests: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def note(request: Request) -> None:
        if urlparse(request.url).hostname not in ("127.0.0.1", "localhost"):
            outside_requests.append(request.url)

    context.on("request", note)
    yield context.new_page()
    context.close()
    assert outside_requests == [], f"requests left the machine: {outside_requests[:5]}"
