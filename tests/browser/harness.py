"""Run a Streamlit app on localhost and drive it in Debian's Chromium (tests and benchmarks)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, WebSocketRoute

ROOT = Path(__file__).resolve().parents[2]
OVERFLOW = "(e) => e.scrollWidth - e.clientWidth"  # pixels of an element cut off on the right
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(
    script: Path, timeout: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Start `streamlit run script` on a free loopback port (with extra `env`); yield its URL."""
    with streamlit_process(script, timeout, env) as (url, _process):
        yield url


@contextmanager
def streamlit_process(
    script: Path,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
    options: Sequence[str] = (),
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As `streamlit_server`, with extra command-line `options`; yield its URL and the server
    process (for its PID)."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            *options,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                    if reply.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")
            time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def settle(page: Page, timeout: float = 30_000) -> None:
    """Wait as Streamlit's own e2e suite does: connected, script idle, no skeletons left."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )
    page.wait_for_function(
        "!document.querySelector(\"[data-testid='stSkeleton']\")", timeout=timeout
    )


def slider(page: Page, key: str):
    """The draggable handle of the slider with widget key `key`."""
    return page.locator(f".st-key-{key}").get_by_role("slider")


def slow_link(page: Page, seconds_per_message: float = 0.01) -> None:
    """Hand the page each message from the server `seconds_per_message` apart, as over a slow
    link, so the browser draws the page part by part while a run arrives."""

    def relay(route: WebSocketRoute) -> None:
        server = route.connect_to_server()

        def forward(message: str | bytes) -> None:
            time.sleep(seconds_per_message)
            route.send(message)

        server.on_message(forward)

    page.route_web_socket("**/_stcore/stream", relay)
