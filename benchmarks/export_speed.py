"""Benchmark the exports: one chart snapshot (PNG at 2x, SVG) after warm-up, and the whole pack.

Run: .venv/bin/python benchmarks/export_speed.py [--repeats 15] [--no-write]
Targets (exports issue): one chart export under 150 ms after warm-up; the briefing pack under 5 s.
Writes its section of docs/performance.md (`exports`) unless --no-write.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    load_average,
    machine_lines,
    publish,
    report,
    timings,
)
from briefing import snapshots
from briefing.pack import build_pack, pack_figures
from scoring import Scenario, default_model, evaluate
from scoring.robustness import AnalysisSettings, analyse

MARKING = "DRAFT - FOR DISCUSSION"
CREATED = datetime(2026, 11, 23, 19, 45, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()

    load_before = load_average()
    model = default_model()
    scenario = Scenario.from_preset("washington_window", model)  # five settings changed
    settings = AnalysisSettings()
    result = evaluate(scenario, model)
    sampled = analyse(scenario, model, draws=settings.draws, seed=settings.seed)
    charts = pack_figures(result, sampled, model)
    context = snapshots.context_for(scenario, model, CREATED, MARKING, settings)

    print(machine_lines(model))
    start = time.perf_counter()
    snapshots.start_renderer()
    warmup_ms = (time.perf_counter() - start) * 1e3
    print(f"{'warm-up (once, at start-up)':<34} {warmup_ms:8.1f} ms")
    rows = []
    for figure in charts:
        png = timings(lambda f=figure: snapshots.snapshot_png(f, context), repeats=args.repeats)
        rows.append(report(f"{figure.key}: PNG 2x", png, 1e-3, "ms", 150.0))
        svg = timings(lambda f=figure: snapshots.snapshot_svg(f, context), repeats=args.repeats)
        rows.append(report(f"{figure.key}: SVG", svg, 1e-3, "ms", 150.0))
    pack = timings(
        lambda: build_pack(scenario, model, settings, CREATED, MARKING), repeats=5, warmup=1
    )
    rows.append(report("briefing pack (ZIP)", pack, 1.0, "s", 5.0))
    publish(
        "export_speed",
        "Exports",
        model,
        load_before,
        f"The `washington_window` preset. Renderer warm-up (once, at start-up): "
        f"{warmup_ms:.0f} ms. Each chart snapshot timed {args.repeats} times after 3 "
        f"untimed; the pack 5 times after 1 untimed.",
        rows,
        not args.no_write,
    )


if __name__ == "__main__":
    main()
