"""Hand memory the server has freed back to the system every few seconds (glibc's malloc_trim).

glibc keeps memory freed by each server thread in that thread's arena, so without this the
server's RSS grows with every session served (benchmarks/load.py). Serving every large block
with mmap instead (MALLOC_MMAP_THRESHOLD_) returned it too, but made each fresh array a page
fault: the verdict's draws took twice as long. A trim took about 0.1 ms in an idle process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from collections.abc import Callable

import streamlit as st

TRIM_EVERY_SECONDS = 5.0
THREAD_NAME = "malloc-trim"


def _trim_forever(trim: Callable[[int], int]) -> None:
    while True:
        time.sleep(TRIM_EVERY_SECONDS)
        trim(0)


@st.cache_resource(show_spinner=False)
def return_freed_memory() -> bool:
    """Start the trimming thread once per server (again only if it is not running: the cache
    can be cleared); False where the C library has no malloc_trim (not glibc)."""
    if any(thread.name == THREAD_NAME for thread in threading.enumerate()):
        return True
    library = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(library), "malloc_trim", None) if library else None
    if trim is None:
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    threading.Thread(target=_trim_forever, args=(trim,), name=THREAD_NAME, daemon=True).start()
    return True
