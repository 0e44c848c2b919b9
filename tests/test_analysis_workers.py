"""The page's background analyses yield the processor to the page and the browser drawing it."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from components.analysis import BACKGROUND_NICENESS, LOWEST_PRIORITY, soon


def own_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread priorities are Linux's")
def test_analysis_threads_run_below_the_thread_that_draws_the_page() -> None:
    drawing = own_niceness()
    worker = soon(own_niceness).result()
    assert worker == min(drawing + BACKGROUND_NICENESS, LOWEST_PRIORITY)
    assert own_niceness() == drawing  # the page's own thread keeps its priority
