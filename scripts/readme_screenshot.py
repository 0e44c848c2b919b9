"""Retake docs/recommendation.png, the README's picture of the Recommendation page at 1280 x 800.

Usage: .venv/bin/python scripts/readme_screenshot.py (needs requirements-dev.txt and Chromium).
Serves the dashboard as the tests do, opens the Recommendation page at the analysts' baseline
and saves what a new user sees, with the model version it shows written into the PNG
(`tests/test_readme.py` fails when that version is not the model's: retake it then).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, PngImagePlugin
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import default_model
from tests.browser.harness import ROOT, launch, settle, streamlit_server

PICTURE = ROOT / "docs" / "recommendation.png"
VIEWPORT = {"width": 1280, "height": 800}
MODEL_KEY = "Model"  # the PNG text entry naming the model version on screen


def take() -> bytes:
    """The Recommendation page at 1280 x 800, once its verdict and chart are drawn."""
    with streamlit_server(ROOT / "app.py") as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)
            settle(page)
            page.locator("[data-testid='stVegaLiteChart'] .marks").first.wait_for()
            page.wait_for_timeout(500)  # the chart's first transition
            return page.screenshot()
        finally:
            browser.close()


def main() -> None:
    picture = Image.open(io.BytesIO(take()))
    text = PngImagePlugin.PngInfo()
    text.add_text(MODEL_KEY, default_model().info.version)
    picture.save(PICTURE, pnginfo=text, optimize=True)
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
