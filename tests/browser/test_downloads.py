"""Downloads in a real browser: a chart snapshot and the briefing pack arrive and are valid."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from playwright.sync_api import Page
from pptx import Presentation

from tests.browser.harness import settle

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def download(page: Page, key: str) -> tuple[str, bytes]:
    """Click the download button with widget key `key`; return the file's name and bytes."""
    with page.expect_download(timeout=30_000) as caught:
        page.locator(f".st-key-{key}").get_by_role("button").click()
    arrived = caught.value
    return arrived.suggested_filename, Path(arrived.path()).read_bytes()


def test_a_chart_snapshot_downloads_as_png_and_svg(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?scenario_name=Browser%20check")
    settle(page)
    name, png = download(page, "recommendation_chart_png")
    assert name.endswith(".png") and png.startswith(PNG_SIGNATURE)
    name, svg = download(page, "recommendation_chart_svg")
    text = svg.decode("utf-8")
    assert name.endswith(".svg") and text.lstrip().startswith("<svg")
    assert "Browser check" in text


def test_a_typed_takeaway_line_is_drawn_literally_on_the_exported_chart(
    page: Page, app_url: str
) -> None:
    page.goto(app_url)
    settle(page)
    typed = "**Lead** <b>rests</b> on [F-35](https://example.com)"
    box = page.locator(".st-key-recommendation_chart_takeaway input")
    box.fill(typed)
    box.press("Enter")
    settle(page)
    _, svg = download(page, "recommendation_chart_svg")
    text = svg.decode("utf-8")
    assert "**Lead** &lt;b&gt;rests&lt;/b&gt; on [F-35](https://example.com)" in text
    assert "<b>" not in text and "<a " not in text


def test_the_briefing_pack_downloads_as_a_complete_zip(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    name, data = download(page, "briefing_pack")
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        files = set(pack.namelist())
        assert {"scenario.json", "briefing.pptx"} <= files
        assert any(f.endswith(".png") for f in files) and any(f.endswith(".svg") for f in files)
        deck = Presentation(io.BytesIO(pack.read("briefing.pptx")))
    assert len(deck.slides) >= 5
