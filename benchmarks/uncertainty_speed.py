"""Benchmark Uncertainty 2.0: value of information for every assumption and group, what it
takes for every option, and scenario discovery.

Run: .venv/bin/python benchmarks/uncertainty_speed.py [--draws 20000] [--runs 5] [--repeats 5]
     [--no-write]
Targets (issue 13), each on the median over runs of each run's median: value of information at
20,000 draws at most 300 ms; what_it_takes for all options at most 500 ms; discovery at most
500 ms. Writes its section of docs/performance.md (`uncertainty_speed`) unless --no-write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    cold,
    load_average,
    machine_lines,
    over_runs,
    publish,
    timings,
    verdict,
)
from scoring import Scenario, default_model
from scoring.discovery import discover
from scoring.inverse import what_it_takes_all
from scoring.robustness import AnalysisSettings
from scoring.what_to_find_out import find_out_first

HEADER = ("what", "median", "p90", "range of run medians", "target", "result")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=AnalysisSettings.draws)
    parser.add_argument("--runs", type=int, default=5, help="runs (at least 5 for the docs)")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per run")
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()

    load_before = load_average()
    model = default_model()
    scenario = Scenario.build({}, model)
    groups = len(model.information_groups)
    tasks = {
        f"value of information, {len(model.assumptions)} assumptions + {groups} groups, "
        f"{args.draws:,} draws": (
            cold(lambda: find_out_first(scenario, model, draws=args.draws)),
            300.0,
        ),
        f"what_it_takes, all {len(model.options)} options": (
            cold(lambda: what_it_takes_all(scenario, model)),
            500.0,
        ),
        f"scenario discovery, {args.draws:,} draws": (
            cold(lambda: discover(scenario, model, draws=args.draws)),
            500.0,
        ),
    }
    print(machine_lines(model))
    rows = []
    for name, (action, target) in tasks.items():
        runs = [timings(action, repeats=args.repeats, warmup=1) for _ in range(args.runs)]
        summary = over_runs(runs)
        met = summary.median * 1e3 <= target
        line = (
            name,
            f"{summary.median * 1e3:.1f} ms",
            f"{summary.tail * 1e3:.1f} ms",
            f"{summary.low * 1e3:.1f}-{summary.high * 1e3:.1f} ms",
            f"≤ {target:g} ms",
            verdict(met),
        )
        print("  ".join(line))
        rows.append(line)
    publish(
        "uncertainty_speed",
        "Uncertainty 2.0",
        model,
        load_before,
        f"Wall-clock time on the analysts' baseline: {args.runs} runs of {args.repeats} calls each "
        "(after 1 untimed); the median is the median over runs of each run's median, p90 the "
        "median of each run's 90th percentile. Targets are on the median. Every call starts "
        "from nothing kept for these assumptions (as after an assumption move).",
        rows,
        not args.no_write,
        HEADER,
    )


if __name__ == "__main__":
    main()
