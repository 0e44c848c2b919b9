"""Benchmark the scoring engine: single-scenario latency and a 100,000-draw batch.

Run: .venv/bin/python benchmarks/engine.py [--draws 100000] [--repeats 15]
Targets (issue 2): single evaluation under 1 ms median; 100,000 batched draws under 0.25 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import Scenario, default_model, evaluate, evaluate_batch


def timings(action: Callable[[], object], repeats: int, warmup: int = 3) -> list[float]:
    """Wall-clock seconds of `repeats` calls after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def report(name: str, samples: list[float], unit: float, unit_name: str, target: float) -> None:
    median = statistics.median(samples) / unit
    p90 = float(np.percentile(samples, 90)) / unit
    verdict = "meets" if median < target else "MISSES"
    print(
        f"{name:<34} median {median:8.3f} {unit_name}  p90 {p90:8.3f} {unit_name}  "
        f"target < {target:g} {unit_name}: {verdict}"
    )


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

    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    print(f"model {model.version}: {len(model.options)} options x {len(model.criteria)} criteria")
    single = timings(lambda: evaluate(scenario, model), repeats=2000, warmup=50)
    report("single scenario (K = 1)", single, 1e-3, "ms", 1.0)
    batch = timings(lambda: evaluate_batch(assumptions, weights, model), repeats=args.repeats)
    report(f"batch of {args.draws:,} draws", batch, 1.0, "s", 0.25)


if __name__ == "__main__":
    main()
