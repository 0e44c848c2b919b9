"""Shared timing helpers for the benchmark scripts."""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence

import numpy as np

from scoring import DecisionModel


def machine_lines(model: DecisionModel) -> str:
    """What the figures were measured on."""
    return (
        f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores\n"
        f"model {model.version}: {len(model.options)} options x {len(model.criteria)} criteria"
    )


def percentile(samples: Sequence[float], q: float) -> float:
    """The `q`th percentile (0-100), interpolated linearly between ranks as NumPy's default."""
    if not samples or not 0 <= q <= 100:
        raise ValueError("percentile needs samples and 0 <= q <= 100")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


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
    p90 = percentile(samples, 90) / unit
    verdict = "meets" if median < target else "MISSES"
    print(
        f"{name:<34} median {median:8.3f} {unit_name}  p90 {p90:8.3f} {unit_name}  "
        f"target < {target:g} {unit_name}: {verdict}"
    )
