"""The server hands freed memory back to the system (components/memory.py)."""

from __future__ import annotations

import threading
import time

import pytest

from components import memory


def test_the_trimming_thread_trims_again_and_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "TRIM_EVERY_SECONDS", 0.01)
    threading.Thread(target=memory._trim_forever, args=(calls.append,), daemon=True).start()
    deadline = time.monotonic() + 5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert calls[:3] == [0, 0, 0]  # malloc_trim(0): trim every arena, keep no padding


def test_one_trimming_thread_per_server() -> None:
    assert memory.return_freed_memory() is True  # Linux with glibc, as the product runs
    memory.return_freed_memory.clear()  # as Streamlit's menu can
    assert memory.return_freed_memory() is True
    trimming = [t for t in threading.enumerate() if t.name == memory.THREAD_NAME]
    assert len(trimming) == 1 and trimming[0].daemon
