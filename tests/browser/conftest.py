"""Browser fixtures: one dashboard server per session, a fresh browser context per test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()
