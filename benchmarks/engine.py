"""Benchmark the scoring engine: single-scenario latency and a 100,000-draw batch.

Run: .venv/bin/python benchmarks/engine.py [--draws 100000] [--repeats 15]
Targets (issue 2): single evaluation under 1 ms median; 100,000 batched draws under 0.25 s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import machine_lines, report, timings
from scoring import Scenario, default_model, evaluate, evaluate_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    model = default_model()
    scenario = Scenario.build({}, model)
    rng = np.random.default_rng(2026)
    low = np.array([a.min for a in model.assumptions])
    high = np.array([a.max for a in model.assumptions])
    assumptions = low + (high - low) * rng.random((args.draws, len(low)))
    weights = rng.dirichlet(np.ones(len(model.criteria)), size=args.draws)

    print(machine_lines(model))
    single = timings(lambda: evaluate(scenario, model), repeats=2000, warmup=50)
    report("single scenario (K = 1)", single, 1e-3, "ms", 1.0)
    batch = timings(lambda: evaluate_batch(assumptions, weights, model), repeats=args.repeats)
    report(f"batch of {args.draws:,} draws", batch, 1.0, "s", 0.25)


if __name__ == "__main__":
    main()
