"""Load and memory: many browser sessions moving sliders at once, and sessions opened and closed.

Run: .venv/bin/python benchmarks/load.py [--runs 5] [--sessions 10] [--presses 8] [--no-write]
In headless Chromium, one browser per session, each driven from a thread of its own:
1. load: the dashboard and the bare one-slider app (benchmarks/bare_app.py) each start once, and
   `--sessions` sessions open each (the dashboard's on the Recommendation page, each on its own
   scenario). Each run, every session of one app presses a slider one way at the same time
   (`--presses` timed presses, each a new value), then the other app's do (the order alternates);
   key press to chart redrawn is timed as in benchmarks/ui_latency.py. The dashboard server's RSS
   (its process and any children) is read before any session, after first use (one session
   loaded and moved a slider) and after the runs.
2. memory: on a fresh dashboard server, `--cycle-sessions` sessions are opened and closed,
   `--batch` at a time (each loads the page, waits for it to settle, moves one slider, closes);
   RSS after first use against RSS after them, both read once closed sessions have expired.
Servers run with `--server.disconnectedSessionTTL` of `--ttl` seconds (Streamlit's default is
120) so closed sessions expire within the run, started as scripts/run.sh starts the product (plus
any --server-env). Medians over runs are written to the `load` section of
docs/performance.md (benchmarks.timing.write_section) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import streamlit
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    env_note,
    extra_env,
    machine_lines,
    percentile,
    table,
    verdict,
    write_section,
    written_by,
)
from benchmarks.ui_latency import WATCH, Visit, dashboard_visits, measure, new_page
from scoring import default_model
from tests.browser.harness import ROOT, launch, settle, slider, streamlit_process

BARE = ROOT / "benchmarks" / "bare_app.py"
CHART = "[data-testid='stVegaLiteChart']"
WAIT_MS = 120_000  # Playwright waits while 2 cores serve every session
RESULT_S = 600.0  # longest wait for one session's step
MB = 1024 * 1024
MEMORY_TARGET = 1.2  # RSS after the sessions at most 20% above its level after first use
RATIO_TARGET = 1.3  # the single-session target of benchmarks/ui_latency.py, kept under load
T = TypeVar("T")


@dataclass(frozen=True)
class Load:
    """Key press to chart in ms, per run (every press of every session), for each app, and the
    dashboard server's RSS in bytes."""

    ours: list[list[float]]
    bare: list[list[float]]
    rss_before: int
    rss_first_use: int
    rss_after: int


@dataclass(frozen=True)
class MemoryRun:
    """Server RSS (bytes) after first use, the highest seen between batches, and after all."""

    rss_first_use: int
    rss_peak: int
    rss_after: int

    @property
    def ratio(self) -> float:
        return self.rss_after / self.rss_first_use


# ---- pure parts (tested in tests/test_benchmark_load.py) ----


def vmrss_bytes(status: str) -> int:
    """Resident set size from the text of /proc/<pid>/status (0 if it has none, e.g. a zombie)."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            value, unit = line.split()[1:3]
            if unit != "kB":
                raise ValueError(f"unexpected VmRSS unit {unit!r}")
            return int(value) * 1024
    return 0


def spread(values: Sequence[float], unit: str, digits: int = 0) -> str:
    """`min-max` and the unit."""
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}{unit}"


# ---- the server's memory ----


def tree_rss(pid: int) -> int:
    """RSS in bytes of process `pid` and all its descendants."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            total += vmrss_bytes(Path(f"/proc/{current}/status").read_text())
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while we looked
    return total


# ---- browsers, one thread each ----


class BrowserThread:
    """One Chromium driven from a thread of its own (Playwright's sync API stays on the thread
    that started it); jobs run there in the order submitted."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[Browser], object], Future] | None] = (
            queue.SimpleQueue()
        )
        self.version: Future[str] = Future()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[Browser], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)

    def _serve(self) -> None:
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                self.version.set_result(browser.version)
                while (item := self._jobs.get()) is not None:
                    job, future = item
                    try:
                        future.set_result(job(browser))
                    except Exception as error:
                        future.set_exception(error)
                browser.close()
        except Exception as error:
            if not self.version.done():
                self.version.set_exception(error)


@contextmanager
def browsers(count: int) -> Iterator[list[BrowserThread]]:
    """`count` started browsers, closed on exit."""
    threads = [BrowserThread() for _ in range(count)]
    try:
        for thread in threads:
            thread.version.result(timeout=RESULT_S)
        yield threads
    finally:
        for thread in threads:
            thread.close()


def gather(futures: Sequence[Future[T]]) -> list[T]:
    return [future.result(timeout=RESULT_S) for future in futures]


def open_session(browser: Browser, url: str) -> Page:
    """A new session (browser context) on `url`, settled."""
    page = new_page(browser)
    page.goto(url, timeout=WAIT_MS)
    settle(page, timeout=WAIT_MS)
    return page


def move_once(page: Page, visit: Visit) -> None:
    """One press on the visit's slider, waited for until the chart changed and the run ended."""
    page.evaluate(WATCH, [visit.key, CHART])
    handle = slider(page, visit.key)
    handle.focus()
    handle.press(visit.step)
    page.wait_for_function("window.__redrawn > 0", timeout=WAIT_MS)
    settle(page, timeout=WAIT_MS)


def visit_and_leave(browser: Browser, url: str, visit: Visit) -> None:
    """Open a session, move one slider, close the tab."""
    page = open_session(browser, url + visit.query)
    try:
        move_once(page, visit)
    finally:
        page.context.close()


# ---- the measurements ----


def server_options(ttl: int) -> list[str]:
    return [f"--server.disconnectedSessionTTL={ttl}"]


def open_all(threads: Sequence[BrowserThread], url: str, visits: Sequence[Visit]) -> list[Page]:
    """One session per browser, all at once."""
    return gather(
        [
            thread.submit(partial(open_session, url=url + visit.query))
            for thread, visit in zip(threads, visits, strict=True)
        ]
    )


def burst(
    threads: Sequence[BrowserThread], pages: Sequence[Page], visits: Sequence[Visit], presses: int
) -> list[float]:
    """Every session presses its slider at the same time: ms per press, all sessions."""
    timed = gather(
        [
            thread.submit(
                lambda _, page=page, visit=visit: measure(
                    page, visit.key, CHART, presses, visit.start, visit.step, WAIT_MS
                )
            )
            for thread, page, visit in zip(threads, pages, visits, strict=True)
        ]
    )
    return [press.redrawn for samples in timed for press in samples]


def load(
    threads: Sequence[BrowserThread], runs: int, presses: int, env: dict[str, str], ttl: int
) -> Load:
    """Both apps served and open in every browser; `runs` bursts on each, alternating."""
    model, count = default_model(), len(threads)
    bare_visits = [Visit("", "level")] * count
    options = server_options(ttl)
    with (
        streamlit_process(ROOT / "app.py", env=env, options=options) as (url, server),
        streamlit_process(BARE, env=env, options=options) as (bare_url, _),
    ):
        visits = dashboard_visits(model, count)
        before = tree_rss(server.pid)
        first = threads[0].submit(partial(open_session, url=url + visits[0].query))
        first_page = first.result(timeout=RESULT_S)
        threads[0].submit(lambda _: move_once(first_page, visits[0])).result(timeout=RESULT_S)
        first_use = tree_rss(server.pid)
        ours_pages = [first_page, *open_all(threads[1:], url, visits[1:])]
        bare_pages = open_all(threads, bare_url, bare_visits)
        ours: list[list[float]] = []
        bare: list[list[float]] = []
        for run in range(runs):
            started = time.monotonic()
            for name in ("ours", "bare") if run % 2 == 0 else ("bare", "ours"):
                if name == "ours":
                    visits = dashboard_visits(model, count, run)
                    ours.append(burst(threads, ours_pages, visits, presses))
                else:
                    bare.append(burst(threads, bare_pages, bare_visits, presses))
            print(progress(run, runs, ours[-1], bare[-1], time.monotonic() - started), flush=True)
        after = tree_rss(server.pid)
        gather(
            [
                thread.submit(lambda _, pages=pages: [page.context.close() for page in pages])
                for thread, pages in zip(
                    threads, zip(ours_pages, bare_pages, strict=True), strict=True
                )
            ]
        )
    return Load(ours, bare, before, first_use, after)


def memory_run(
    threads: Sequence[BrowserThread],
    visits: Sequence[Visit],
    env: dict[str, str],
    ttl: int,
    wait: float,
) -> MemoryRun:
    """Fresh server: the first visit alone, then the rest one per browser at a time; RSS `wait` s
    after each phase (longer than the TTL, so closed sessions have expired)."""
    options = server_options(ttl)
    with streamlit_process(ROOT / "app.py", env=env, options=options) as (url, server):
        threads[0].submit(partial(visit_and_leave, url=url, visit=visits[0])).result(
            timeout=RESULT_S
        )
        time.sleep(wait)
        first_use = peak = tree_rss(server.pid)
        rest = visits[1:]
        for start in range(0, len(rest), len(threads)):
            chunk = rest[start : start + len(threads)]
            gather(
                [
                    thread.submit(partial(visit_and_leave, url=url, visit=visit))
                    for thread, visit in zip(threads, chunk, strict=False)
                ]
            )
            peak = max(peak, tree_rss(server.pid))
        time.sleep(wait)
        return MemoryRun(first_use, peak, tree_rss(server.pid))


# ---- the report ----


@dataclass(frozen=True)
class Machine:
    """What the figures were measured with, beyond timing.machine_lines."""

    chromium: str
    load_before: float
    load_after: float


def progress(run: int, runs: int, ours: list[float], bare: list[float], seconds: float) -> str:
    """One line per run."""
    return (
        f"run {run + 1}/{runs} ({seconds:.0f} s): dashboard median {statistics.median(ours):.0f} "
        f"ms, p95 {percentile(ours, 95):.0f} ms; bare app median {statistics.median(bare):.0f} "
        f"ms, p95 {percentile(bare, 95):.0f} ms"
    )


def section(
    args: argparse.Namespace,
    result: Load,
    memory: list[MemoryRun],
    host: Machine,
    env: dict[str, str],
) -> str:
    """The Markdown written between the markers."""
    med = statistics.median
    ours_med, bare_med = [med(r) for r in result.ours], [med(r) for r in result.bare]
    ours_p95 = [percentile(r, 95) for r in result.ours]
    bare_p95 = [percentile(r, 95) for r in result.bare]
    ratios = [a / b for a, b in zip(ours_med, bare_med, strict=True)]
    ratios_p95 = [a / b for a, b in zip(ours_p95, bare_p95, strict=True)]
    n, cycled = args.sessions, args.cycle_sessions
    rows = [
        (
            f"key press to chart redrawn, dashboard, {n} sessions pressing at once",
            f"{med(ours_med):.0f} ms",
            f"{med(ours_p95):.0f} ms",
            spread(ours_med, " ms"),
            "-",
        ),
        (
            f"same, bare one-slider app, {n} sessions pressing at once",
            f"{med(bare_med):.0f} ms",
            f"{med(bare_p95):.0f} ms",
            spread(bare_med, " ms"),
            "-",
        ),
        (
            "ratio dashboard / bare app (same run)",
            f"{med(ratios):.2f}",
            f"{med(ratios_p95):.2f}",
            spread(ratios, "", 2),
            f"median ≤ {RATIO_TARGET} ({verdict(med(ratios) <= RATIO_TARGET)})",
        ),
    ]
    for label, values in (
        ("dashboard server RSS before any session", [result.rss_before]),
        ("same, after first use (one session loaded, one slider moved)", [result.rss_first_use]),
        (f"same, after the runs ({n} sessions still open)", [result.rss_after]),
        ("fresh server: RSS after first use (that tab closed)", [m.rss_first_use for m in memory]),
        (f"same, highest between batches of the {cycled} sessions", [m.rss_peak for m in memory]),
        (f"same, after {cycled} more sessions opened and closed", [m.rss_after for m in memory]),
    ):
        megabytes = [value / MB for value in values]
        rows.append((label, f"{med(megabytes):.0f} MB", "-", spread(megabytes, " MB"), "-"))
    growth = med([m.ratio for m in memory])
    rows.append(
        (
            f"RSS after the {cycled} / after first use",
            f"{growth:.2f}",
            "-",
            spread([m.ratio for m in memory], "", 2),
            f"≤ {MEMORY_TARGET} ({verdict(growth <= MEMORY_TARGET)})",
        )
    )
    return "\n".join(
        [
            "## Load and memory",
            "",
            written_by("load.py"),
            "",
            f"Machine: {machine_lines(default_model()).replace(chr(10), '; ')}; streamlit "
            f"{streamlit.__version__}; Chromium {host.chromium}, headless, one browser per "
            f"session, on the same cores as the servers; load average (1 min) "
            f"{host.load_before:.1f} before and {host.load_after:.1f} after (the machine is "
            f"shared).",
            "",
            f"Latency: medians over {args.runs} runs of {args.presses} timed presses per session "
            f"(p95: each run's 95th percentile over all presses, then the median over runs). "
            f"Each dashboard session opens its own scenario and presses one way, so no press is "
            f"answered from a cache. Memory: VmRSS of the server and its children "
            f"(/proc/<pid>/status), {args.memory_runs} cycle(s) of {cycled} sessions, "
            f"{args.batch} at a time, each loading the Recommendation page, moving one slider "
            f"and closing; servers ran with `--server.disconnectedSessionTTL {args.ttl}` "
            f"(Streamlit keeps a closed tab's session 120 s by default) and RSS was read "
            f"{args.wait:g} s after the last tab closed.{env_note(env)}",
            "",
            table(rows, ("what", "median", "p95", "range over runs", "target")),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--presses", type=int, default=8, help="timed presses per session")
    parser.add_argument("--cycle-sessions", type=int, default=100)
    parser.add_argument("--memory-runs", type=int, default=1, help="cycles of --cycle-sessions")
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--ttl", type=int, default=2, help="server.disconnectedSessionTTL (s)")
    parser.add_argument("--wait", type=float, default=5.0, help="s to wait before reading RSS")
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for the servers (trials)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()
    if not 1 <= args.presses <= 60:
        parser.error("--presses must be 1 to 60 (each session stays above its default)")
    if args.wait <= args.ttl:
        parser.error("--wait must be longer than --ttl")

    cycle = dashboard_visits(default_model(), args.cycle_sessions + 1)
    launch_env = extra_env(args.server_env)
    load_before = os.getloadavg()[0]
    with (
        tempfile.TemporaryDirectory() as folder,
        browsers(max(args.sessions, args.batch)) as threads,
    ):
        env = {
            "S400_DESK_DATABASE_PATH": str(Path(folder) / "scenarios.sqlite3"),
            "S400_DESK_DATABASE_URL": "",
            **launch_env,
        }
        result = load(threads[: args.sessions], args.runs, args.presses, env, args.ttl)
        print(
            f"dashboard RSS {result.rss_before / MB:.0f} MB before, "
            f"{result.rss_first_use / MB:.0f} MB after first use, "
            f"{result.rss_after / MB:.0f} MB after the runs",
            flush=True,
        )
        memory = []
        for cycle_run in range(args.memory_runs):
            started = time.monotonic()
            memory.append(memory_run(threads[: args.batch], cycle, env, args.ttl, args.wait))
            last = memory[-1]
            print(
                f"memory {cycle_run + 1}/{args.memory_runs} ({time.monotonic() - started:.0f} s): "
                f"{last.rss_first_use / MB:.0f} MB after first use, peak {last.rss_peak / MB:.0f}"
                f" MB, {last.rss_after / MB:.0f} MB after {args.cycle_sessions} sessions "
                f"({last.ratio:.2f})",
                flush=True,
            )
        host = Machine(threads[0].version.result(), load_before, os.getloadavg()[0])
    text = section(args, result, memory, host, launch_env)
    print(text)
    if not args.no_write:
        write_section("load", text)


if __name__ == "__main__":
    main()
