"""Sign-in end to end: a real OpenID Connect provider on loopback, the dashboard and Chromium."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.harness import ROOT, _free_port, settle, streamlit_server

ANALYST = {"sub": "ana@example.org", "email": "ana@example.org", "name": "Ana Analyst"}
IDENTITY = "Ana Analyst <ana@example.org>"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a free loopback port, with the analyst as a predefined user."""
    if importlib.util.find_spec("oidc_provider_mock") is None:
        message = "oidc-provider-mock is missing (pip install -r requirements-dev.txt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--user-claims", json.dumps(ANALYST)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the OpenID provider did not start on {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def signed_app_url(
    chromium: None, provider: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The dashboard with sign-in through `provider`; secrets in a temporary file only."""
    folder = tmp_path_factory.mktemp("signed")
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "decision-desk-test"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "[roles]\n"
        'admins = ["lead@example.org"]\n'
        f'analysts = ["{ANALYST["email"]}"]\n'
    )
    env = {
        "STREAMLIT_SECRETS_FILES": str(secrets_file),
        "S400_DESK_DATABASE_PATH": str(folder / "scenarios.sqlite3"),
        "S400_DESK_DATABASE_URL": "",
    }
    with streamlit_server(ROOT / "app.py", env=env) as url:
        yield url


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    settle(page)


def decision_record_rows(page: Page) -> list[dict[str, str]]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the decision record (CSV)").click()
    return list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))


def test_an_analyst_signs_in_saves_as_themselves_cannot_delete_and_signs_out(
    browser: Browser, signed_app_url: str, provider: str
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        page.goto(signed_app_url)
        settle(page)
        expect(page.get_by_text("Sign in to continue.")).to_be_visible()
        expect(page.get_by_role("link", name="Scenarios")).to_have_count(0)
        expect(page.get_by_role("slider")).to_have_count(0)

        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{provider}/oauth2/authorize*")
        page.get_by_role("button", name=ANALYST["sub"]).click()
        page.wait_for_url(f"{signed_app_url}/")
        settle(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(IDENTITY)).to_be_visible()
        expect(sidebar.get_by_text("(analyst)")).to_be_visible()

        sidebar.get_by_role("link", name="Scenarios").click()
        settle(page)
        expect(page.locator(".st-key-save_author")).to_have_count(0)
        expect(page.get_by_test_id("stForm").get_by_text(IDENTITY)).to_be_visible()
        page.locator(".st-key-save_rationale textarea").fill("Signed-in save")
        page.get_by_role("button", name="Save as a new version").click()
        settle(page)
        expect(page.get_by_text("Saved as version 1")).to_be_visible()

        open_tab(page, "Decision record")
        [row] = decision_record_rows(page)
        assert (row["author"], row["rationale"]) == (IDENTITY, "Signed-in save")

        open_tab(page, "Library")
        expect(page.get_by_role("button", name="Load onto the dashboard")).to_be_enabled()
        expect(page.get_by_role("button", name="Delete", exact=True)).to_be_disabled()

        sidebar.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{provider}/oauth2/end_session*")
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{signed_app_url}/")
        settle(page)
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        expect(page.get_by_text(IDENTITY)).to_have_count(0)
    finally:
        page.context.close()
