"""Key press on a slider -> chart redrawn and rerun finished, in headless Chromium: this app
against a bare one.

Run: .venv/bin/python benchmarks/ui_latency.py [--runs 5] [--presses 25] [--no-write]
The apps are served once, as scripts/run.sh starts the product. Each run opens a new session on
each app (the order turning each run), focuses a sidebar slider at one end and presses towards
the other (a new value each time). The dashboard is opened twice a run, each session with its
own scenario: once moving a priority (the analysis reuses the assumptions' draws, which a
priority does not change) and once moving an assumption (nothing reused); no press is answered
from a cache. Per press it times from the keydown
event to the first change inside the chart's DOM (redrawn) and to the app's script state reading
notRunning after the server said the run finished (rerun finished), then waits for the app to
settle.
Targets (issue 3): over at least five runs, the median of each run's dashboard / bare ratio at
most 1.2 for chart redrawn and 1.3 for rerun finished.
For reference, each run also times the dashboard's first chart alone on a bare page
(benchmarks/chart_alone_app.py): how much of the dashboard's latency is the chart itself; and
the dashboard's frame (its sidebar sliders and fragments) with that chart and nothing else
(benchmarks/frame_alone_app.py): the floor below which no cut to the page's content goes.
Then first paint in presentation mode (issue 14): after one untimed visit (a warm server), at
least five new sessions open the dashboard with `?present=true`; each is timed from navigation
to the first frame in which a chart has been drawn with a size (target: median at most 2 s).
Writes its section of docs/performance.md (`ui_latency`) unless --no-write.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    OverRuns,
    env_note,
    extra_env,
    load_average,
    over_runs,
    percentile,
    publish,
    run_ratios,
    verdict,
)
from components.state import GROUP_LABELS, Control, controls
from scoring import DecisionModel, default_model
from tests.browser.harness import ROOT, launch, settle, slider, streamlit_server

BARE = ROOT / "benchmarks" / "bare_app.py"
CHART_ALONE = ROOT / "benchmarks" / "chart_alone_app.py"
FRAME_ALONE = ROOT / "benchmarks" / "frame_alone_app.py"
CHART = "[data-testid='stVegaLiteChart']"
SIDEBAR_SECTION = "[data-testid='stSidebar'] [data-testid='stExpander'] summary"
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 60_000  # per press, on a shared machine
REDRAWN_TARGET = 1.2
FINISHED_TARGET = 1.3
FIRST_PAINT_TARGET_MS = 2_000
MIN_PAINTS = 5
PRESENTING = "?present=true"
# Installed before the app loads: the first animation frame in which a chart has been drawn (Vega
# marks its canvas or SVG "marks") with a size, in ms since navigation started.
CHART_VISIBLE_HOOK = """(() => {
  window.__chartVisible = 0;
  const look = () => {
    for (const drawn of document.querySelectorAll("[data-testid='stVegaLiteChart'] .marks")) {
      const box = drawn.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) { window.__chartVisible = performance.now(); return; }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()"""
WATCH = """([key, chart]) => {
  window.__pressed = 0; window.__redrawn = 0; window.__finished = 0;
  const input = document.querySelector(`.st-key-${key} input[type="range"]`);
  input.addEventListener('keydown', () => { window.__pressed = performance.now();
    window.__redrawn = 0; window.__finished = 0; window.__waiting = 0; }, true);
  new MutationObserver(records => {
    if (!window.__pressed || window.__redrawn) return;
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (node && node.closest(chart)) { window.__redrawn = performance.now(); return; }
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
}"""
# Installed before the app loads: when the server's ForwardMsg says a run finished (field 6,
# script_finished: 0 successfully, 3 fragment run), the first frame at which the app's script state
# reads notRunning is the moment the rerun finished. (Watching the attribute alone misses fast runs:
# React may apply "running" and "notRunning" in one render.)
FINISHED_HOOK = """(() => {
  const status = bytes => {
    let i = 0;
    const varint = () => { let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 127) * 2 ** shift; shift += 7; } while (byte & 128);
      return value; };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { const value = varint(); if (field === 6) return value; }
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return -1;
    }
    return -1;
  };
  const poll = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (app && app.getAttribute('data-test-script-state') === 'notRunning') {
      window.__finished = performance.now(); window.__waiting = 0;
    } else requestAnimationFrame(poll);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (!window.__pressed || window.__finished || window.__waiting) return;
        if (!(event.data instanceof ArrayBuffer)) return;
        const finished = status(new Uint8Array(event.data));
        if (finished === 0 || finished === 3) { window.__waiting = 1; requestAnimationFrame(poll); }
      });
    }
  };
})()"""
TIMED = "[window.__redrawn - window.__pressed, window.__finished - window.__pressed]"


@dataclass(frozen=True)
class Visit:
    """One session's path: the query it opens the app with and the slider it moves."""

    query: str
    key: str
    start: str = "Home"
    step: str = "ArrowRight"
    group: str | None = None  # the sidebar section to open first (assumptions start closed)


@dataclass(frozen=True)
class Press:
    """Milliseconds from keydown to the chart's first change and to the rerun's end."""

    redrawn: float
    finished: float


BARE_VISIT = Visit("", "level")


def dashboard_visits(model: DecisionModel, count: int, run: int = 0) -> list[Visit]:
    """`count` sessions, each opening its own scenario (the assumption with the most slider steps
    set to a different non-default value by the link) and, in run `run`, moving a different
    priority slider down from its top: no press of any session meets a scenario computed before."""
    weights = [c for c in controls(model) if c.is_weight]
    tag = _link_tag(model)
    values = [v for v in _grid(tag) if v != tag.cast(tag.default)]
    return [
        Visit(
            f"?{tag.key}={values[i % len(values)]:g}",
            weights[(i + run) % len(weights)].key,
            "End",
            "ArrowLeft",
        )
        for i in range(count)
    ]


def assumption_visits(model: DecisionModel, count: int, presses: int) -> list[Visit]:
    """As `dashboard_visits`, but session `i` (run `i`) moves an assumption down from its top: a
    different one each run, with room for every press and never the one its link sets, so each
    press sets assumption values no analysis has met and nothing drawn before is reused."""
    tag = _link_tag(model)
    roomy = [
        c
        for c in controls(model)
        if not c.is_weight and c.key != tag.key and _steps(c) >= presses + 2
    ]
    return [
        Visit(
            visit.query,
            (moved := roomy[i % len(roomy)]).key,
            "End",
            "ArrowLeft",
            GROUP_LABELS[moved.group],
        )
        for i, visit in enumerate(dashboard_visits(model, count))
    ]


def _link_tag(model: DecisionModel) -> Control:
    """The assumption each session's link sets: the one with the most slider steps."""
    return max((c for c in controls(model) if not c.is_weight), key=_steps)


def _steps(control: Control) -> int:
    return round((control.high - control.low) / control.step)


def _grid(control: Control) -> list[float]:
    return [
        control.cast(round(control.low + k * control.step, 9)) for k in range(_steps(control) + 1)
    ]


def measure(
    page: Page,
    key: str,
    chart: str,
    presses: int,
    start: str = "Home",
    step: str = "ArrowRight",
    timeout: float = 10_000,
) -> list[Press]:
    """Per press, ms from keydown to chart change and to rerun finished, pressing one way
    (`start`, then `step` each time) so every value is new (no cache can answer from an earlier
    press); `timeout` ms per press. The first two presses warm caches and are not returned."""
    page.evaluate(WATCH, [key, chart])
    handle = slider(page, key)
    handle.focus()
    handle.press(start)
    settle(page)
    samples = []
    for index in range(presses + 2):
        handle.focus()
        handle.press(step)
        page.wait_for_function("window.__redrawn > 0 && window.__finished > 0", timeout=timeout)
        settle(page, timeout=max(timeout, 30_000))
        redrawn, finished = page.evaluate(TIMED)
        if index >= 2:
            samples.append(Press(redrawn, finished))
        time.sleep(0.25)
    return samples


def new_page(browser: Browser) -> Page:
    """A page in a context of its own (a new session once it opens the app) that can time when
    reruns finish."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FINISHED_HOOK)
    return context.new_page()


def session(browser: Browser, url: str, visit: Visit, presses: int) -> list[Press]:
    """A new session on `url` with the visit's query, its presses timed, then closed."""
    page = new_page(browser)
    try:
        page.goto(url + visit.query, timeout=TIMEOUT_MS)
        settle(page, timeout=TIMEOUT_MS)
        if visit.group is not None:
            page.locator(SIDEBAR_SECTION, has_text=visit.group).click()
            settle(page, timeout=TIMEOUT_MS)
        return measure(page, visit.key, CHART, presses, visit.start, visit.step, TIMEOUT_MS)
    finally:
        page.context.close()


def first_paint(browser: Browser, url: str) -> float:
    """Ms from navigation to the first chart drawn, in a new session on `url`."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CHART_VISIBLE_HOOK)
    try:
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_function("window.__chartVisible > 0", timeout=TIMEOUT_MS)
        painted = page.evaluate("window.__chartVisible")
        settle(page, timeout=TIMEOUT_MS)  # let the session finish before the next one opens
        return painted
    finally:
        context.close()


def first_paints(browser: Browser, urls: Sequence[str], visits: int) -> list[list[float]]:
    """For each of `urls`, `visits` timed first paints in presentation mode, the apps taking
    turns, after one untimed visit each (warm servers)."""
    for url in urls:
        first_paint(browser, url + PRESENTING)
    paints: list[list[float]] = [[] for _ in urls]
    for _ in range(visits):
        for url, timed in zip(urls, paints, strict=True):
            timed.append(first_paint(browser, url + PRESENTING))
    return paints


@dataclass(frozen=True)
class Runs:
    """Per run, every timed press on each app; then the presentation-mode first paints (ms) of
    the dashboard and, for reference, of the bare app."""

    bare: list[list[Press]]
    ours: list[list[Press]]  # the dashboard, a priority moved
    moved: list[list[Press]]  # the dashboard, an assumption moved
    chart: list[list[Press]]  # the dashboard's first chart alone on a bare page
    frame: list[list[Press]]  # the dashboard's frame with that chart alone, a priority moved
    paints: list[float]
    bare_paints: list[float]


def measure_runs(
    browser: Browser, urls: tuple[str, str, str, str], runs: int, presses: int
) -> Runs:
    """`runs` runs, each one session per app, the order of the apps turning each run."""
    bare_url, ours_url, chart_url, frame_url = urls
    model = default_model()
    sessions = {
        "bare": (bare_url, [BARE_VISIT] * runs, []),
        "ours": (ours_url, dashboard_visits(model, runs), []),
        "moved": (ours_url, assumption_visits(model, runs, presses), []),
        "chart": (chart_url, [BARE_VISIT] * runs, []),
        "frame": (frame_url, dashboard_visits(model, runs), []),
    }
    result = Runs(*(pressed for _, _, pressed in sessions.values()), [], [])
    apps = list(sessions)
    for run in range(runs):
        started = time.monotonic()
        for name in apps[run % len(apps) :] + apps[: run % len(apps)]:
            url, visits, pressed = sessions[name]
            pressed.append(session(browser, url, visits[run], presses))
        print(progress(run, runs, result, time.monotonic() - started), flush=True)
    ours, bare = first_paints(browser, (ours_url, bare_url), max(runs, MIN_PAINTS))
    result.paints.extend(ours)
    result.bare_paints.extend(bare)
    print(
        f"first paint, presentation mode: {[round(p) for p in ours]} ms; bare app "
        f"{[round(p) for p in bare]} ms",
        flush=True,
    )
    return result


def redrawn(runs: Sequence[Sequence[Press]]) -> list[list[float]]:
    return [[press.redrawn for press in run] for run in runs]


def finished(runs: Sequence[Sequence[Press]]) -> list[list[float]]:
    return [[press.finished for press in run] for run in runs]


def progress(run: int, runs: int, result: Runs, seconds: float) -> str:
    """One line per run."""
    med = statistics.median
    bare, ours, moved = result.bare[-1], result.ours[-1], result.moved[-1]
    chart, frame = result.chart[-1], result.frame[-1]
    return (
        f"run {run + 1}/{runs} ({seconds:.0f} s): chart redrawn bare "
        f"{med(p.redrawn for p in bare):.0f} ms, dashboard {med(p.redrawn for p in ours):.0f} "
        f"ms (an assumption moved {med(p.redrawn for p in moved):.0f} ms), its chart alone "
        f"{med(p.redrawn for p in chart):.0f} ms, its frame with that chart "
        f"{med(p.redrawn for p in frame):.0f} ms; rerun finished bare "
        f"{med(p.finished for p in bare):.0f} ms, dashboard "
        f"{med(p.finished for p in ours):.0f} ms (an assumption moved "
        f"{med(p.finished for p in moved):.0f} ms), its frame with that chart "
        f"{med(p.finished for p in frame):.0f} ms"
    )


def latency_row(what: str, summary: OverRuns) -> tuple[str, ...]:
    return (
        what,
        f"{summary.median:.0f} ms",
        f"{summary.tail:.0f} ms",
        f"{summary.low:.0f}-{summary.high:.0f} ms",
        "-",
        "-",
    )


def ratio_row(what: str, ratios: Sequence[float], target: float | None) -> tuple[str, ...]:
    """A ratio over runs against its target (None: shown for reference only)."""
    median = statistics.median(ratios)
    return (
        what,
        f"{median:.2f}",
        "-",
        f"{min(ratios):.2f}-{max(ratios):.2f}",
        "-" if target is None else f"≤ {target}",
        "for reference" if target is None else verdict(median <= target),
    )


def paint_row(what: str, paints: Sequence[float], target: float | None) -> tuple[str, ...]:
    """First paints over sessions against their target (None: shown for reference only)."""
    median = statistics.median(paints)
    return (
        f"{what}: navigation to first chart drawn, warm server, {len(paints)} sessions",
        f"{median:.0f} ms",
        f"{percentile(paints, 90):.0f} ms",
        f"{min(paints):.0f}-{max(paints):.0f} ms",
        "-" if target is None else f"≤ {target:,} ms",
        "for reference" if target is None else verdict(median <= target),
    )


def rows(result: Runs) -> list[tuple[str, ...]]:
    """The table: each app's latencies over runs and the ratios against their targets, then the
    presentation-mode first paint."""
    table = []
    for label, pick, target in (
        ("chart redrawn", redrawn, REDRAWN_TARGET),
        ("rerun finished", finished, FINISHED_TARGET),
    ):
        bare = pick(result.bare)
        table.append(latency_row(f"key press to {label}, bare one-slider app", over_runs(bare)))
        for moved, presses in (("a priority", result.ours), ("an assumption", result.moved)):
            ours = pick(presses)
            table += [
                latency_row(f"key press to {label}, dashboard, {moved} moved", over_runs(ours)),
                ratio_row(
                    f"{label}, {moved} moved: dashboard / bare app (same run)",
                    run_ratios(ours, bare),
                    target,
                ),
            ]
    alone = redrawn(result.chart)
    table += [
        latency_row(
            "key press to chart redrawn, the dashboard's first chart alone", over_runs(alone)
        ),
        ratio_row(
            "chart redrawn: that chart alone / bare app (same run)",
            run_ratios(alone, redrawn(result.bare)),
            None,
        ),
    ]
    for label, pick in (("chart redrawn", redrawn), ("rerun finished", finished)):
        frame = pick(result.frame)
        table += [
            latency_row(
                f"key press to {label}, the dashboard's frame with that chart alone",
                over_runs(frame),
            ),
            ratio_row(
                f"{label}: that frame alone / bare app (same run)",
                run_ratios(frame, pick(result.bare)),
                None,
            ),
        ]
    return [
        *table,
        paint_row(f"presentation mode ({PRESENTING})", result.paints, FIRST_PAINT_TARGET_MS),
        paint_row("bare one-slider app", result.bare_paints, None),
    ]


HEADER = ("what", "median of run medians", "p90", "range of run medians", "target", "result")


def describe(args: argparse.Namespace, env: dict[str, str], chromium: str) -> str:
    """The paragraph on how the figures were taken."""
    return (
        f"{args.runs} runs of {args.presses} timed presses per app (after 2 untimed), one "
        f"Chromium {chromium} (headless) on the same cores as the servers; each run opens a new "
        f"session on each app, the order of the apps turning each run; the dashboard is opened "
        f"twice a run, each session with its own scenario: once moving a priority (the "
        f"assumptions' draws then stay as they were, and the analysis reuses them) and once "
        f"moving an assumption (every press new assumption values: nothing is reused); a "
        f"different priority and a different assumption each run. The third app is the "
        f"dashboard's first chart alone on a bare page (benchmarks/chart_alone_app.py, its "
        f"slider the F-35 priority); the fourth the dashboard's frame (its sidebar sliders, "
        f"fragments and URL binding) with that chart and nothing else "
        f"(benchmarks/frame_alone_app.py), its sessions opened and pressed as the dashboard's "
        f"priority sessions. Chart redrawn: the "
        f"first change inside the chart's DOM after the keydown; rerun finished: the first "
        f"frame at which the app's script state reads notRunning after the server's "
        f"script_finished message for that press. p90: the median over runs of each run's 90th "
        f"percentile; ratios: per run, then the median over runs. First paint: after the timed "
        f"runs and one untimed visit, each of {max(args.runs, MIN_PAINTS)} new sessions opens "
        f"the dashboard's link with `{PRESENTING}` (the baseline scenario, so its analysis may "
        f"come from the server's cache); timed from navigation start to the first animation "
        f"frame in which a chart has been drawn with a size (its median, 90th percentile and "
        f"range over the sessions); the bare app's first paint (its sessions taking turns with "
        f"the dashboard's) is what Streamlit's own start-up and one simple chart take. "
        f"Streamlit {streamlit.__version__}, every server started as scripts/run.sh starts the "
        f"product.{env_note(env)}"
    )


def summary_lines(result: Runs) -> list[str]:
    """The printed summary."""
    lines = []
    for label, pick, target in (
        ("chart redrawn", redrawn, REDRAWN_TARGET),
        ("rerun finished", finished, FINISHED_TARGET),
    ):
        bare = over_runs(pick(result.bare))
        lines.append(
            f"{label}: bare one-slider Altair app median {bare.median:6.1f} ms "
            f"(p90 {bare.tail:6.1f})"
        )
        for moved, presses in (("a priority", result.ours), ("an assumption", result.moved)):
            ours = over_runs(pick(presses))
            ratio = statistics.median(run_ratios(pick(presses), pick(result.bare)))
            lines += [
                f"{label}: S-400 Decision Desk, {moved} moved: median {ours.median:6.1f} ms "
                f"(p90 {ours.tail:6.1f})",
                f"{label}, {moved} moved: ratio {ratio:.2f} (target <= {target}): "
                f"{verdict(ratio <= target)}",
            ]
    alone = statistics.median(run_ratios(redrawn(result.chart), redrawn(result.bare)))
    frame = [
        statistics.median(run_ratios(pick(result.frame), pick(result.bare)))
        for pick in (redrawn, finished)
    ]
    paint = statistics.median(result.paints)
    return [
        *lines,
        f"chart redrawn: the dashboard's first chart alone / bare app {alone:.2f} (reference)",
        f"the dashboard's frame with that chart alone / bare app: chart redrawn {frame[0]:.2f}, "
        f"rerun finished {frame[1]:.2f} (reference)",
        f"first paint in presentation mode: median {paint:.0f} ms (target <= "
        f"{FIRST_PAINT_TARGET_MS} ms): {verdict(paint <= FIRST_PAINT_TARGET_MS)}; bare app "
        f"{statistics.median(result.bare_paints):.0f} ms (reference)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=25, help="timed presses per app and run")
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for both servers (trials)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()
    if args.runs < 1 or not 1 <= args.presses <= 60:
        parser.error("--runs must be at least 1 and --presses 1 to 60")

    load_before = load_average()
    env = extra_env(args.server_env)
    with (
        streamlit_server(BARE, env=env) as bare_url,
        streamlit_server(ROOT / "app.py", env=env) as ours_url,
        streamlit_server(CHART_ALONE, env=env) as chart_url,
        streamlit_server(FRAME_ALONE, env=env) as frame_url,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        try:
            urls = (bare_url, ours_url, chart_url, frame_url)
            result = measure_runs(browser, urls, args.runs, args.presses)
            chromium = browser.version
        finally:
            browser.close()
    print(f"runs: {args.runs}, presses per app and run: {args.presses}")
    print("\n".join(summary_lines(result)))
    publish(
        "ui_latency",
        "UI latency",
        default_model(),
        load_before,
        describe(args, env, chromium),
        rows(result),
        not args.no_write,
        HEADER,
    )


if __name__ == "__main__":
    main()
