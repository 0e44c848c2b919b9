"""Benchmark the scoring engine: single-scenario latency and a 100,000-draw batch.

Run: .venv/bin/python benchmarks/engine_speed.py [--draws 100000] [--repeats 15] [--no-write]
Targets (issue 2): single evaluation under 1 ms median; 100,000 batched draws under 0.25 s.
Writes its section of docs/performance.md (`engine`) unless --no-write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    load_average,
    machine_lines,
    publish,
    report,
    timings,
)
from scoring import DecisionModel, Scenario, default_model, evaluate, evaluate_batch


def draws(model: DecisionModel, count: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` random assumption vectors within their ranges and weight vectors."""
    rng = np.random.default_rng(2026)
    low = np.array([a.min for a in model.assumptions])
    high = np.array([a.max for a in model.assumptions])
    assumptions = low + (high - low) * rng.random((count, len(low)))
    return assumptions, rng.dirichlet(np.ones(len(model.criteria)), size=count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()

    load_before = load_average()
    model = default_model()
    scenario = Scenario.build({}, model)
    assumptions, weights = draws(model, args.draws)

    print(machine_lines(model))
    single = timings(lambda: evaluate(scenario, model), repeats=2000, warmup=50)
    batch = timings(lambda: evaluate_batch(assumptions, weights, model), repeats=args.repeats)
    rows = [
        report("one scenario, evaluate", single, 1e-3, "ms", 1.0),
        report(f"{args.draws:,} draws, evaluate_batch", batch, 1.0, "s", 0.25),
    ]
    publish(
        "engine_speed",
        "Scoring engine",
        model,
        load_before,
        f"Wall-clock time of 2,000 calls of `evaluate` (after 50 untimed) and {args.repeats} "
        f"of `evaluate_batch` (after 3 untimed) on the default scenario.",
        rows,
        not args.no_write,
    )


if __name__ == "__main__":
    main()
