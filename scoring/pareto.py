"""Efficient (Pareto-optimal) options on a set of criteria."""

from __future__ import annotations

import numpy as np


def efficient(values: np.ndarray, tolerance: float = 1e-9) -> np.ndarray:
    """Mask of the rows of `values` (M, N; higher is better) that no other row dominates.

    Row a dominates row b when a is at least as good on every column and better on one.
    """
    values = np.asarray(values, dtype=float)
    at_least = values[:, None, :] >= values[None, :, :] - tolerance
    better = values[:, None, :] > values[None, :, :] + tolerance
    dominates = at_least.all(axis=-1) & better.any(axis=-1)
    return ~dominates.any(axis=0)
