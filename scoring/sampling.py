"""Seeded draws of assumptions and weights for the uncertainty analysis.

Each assumption is triangular with its mode at the scenario's value. Its support is the declared
[min, max] range shrunk towards the current value by `spread`: spread 1 is the full declared range,
0.5 half of it on either side of the current value, 0 the current value itself. The declared range
is the widest plausible one (each has a rationale), so a spread above 1 is refused rather than
drawing values the model was not built for.

Weights are either a band around the scenario's priorities (each raw weight times U(1 - band,
1 + band), then normalised) or uniform on the simplex (Dirichlet(1, ..., 1): no preference
information at all). Pass `numpy.random.default_rng(seed)` for repeatable draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np

from scoring.loader import DecisionModel
from scoring.mavt import normalise_weights
from scoring.scenario import Scenario

WeightMode = Literal["band", "simplex"]


def _spreads(spread: float | Mapping[str, float], model: DecisionModel) -> np.ndarray:
    """One spread per assumption: a number for all, or a mapping of ids (others take 1)."""
    if isinstance(spread, Mapping):
        unknown = sorted(set(spread) - set(model.assumption_ids))
        if unknown:
            raise ValueError(f"spread: unknown assumption '{unknown[0]}'")
        values = np.array([float(spread.get(a, 1.0)) for a in model.assumption_ids])
    else:
        values = np.full(len(model.assumptions), float(spread))
    if not np.all((values >= 0) & (values <= 1)):
        raise ValueError("spread must be from 0 (fixed) to 1 (the full declared range)")
    return values


def triangular_support(
    scenario: Scenario, model: DecisionModel, spread: float | Mapping[str, float] = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, mode, high), each (A,): the triangular distribution of every assumption."""
    mode = scenario.assumption_vector(model)
    lower = np.array([a.min for a in model.assumptions])
    upper = np.array([a.max for a in model.assumptions])
    factor = _spreads(spread, model)
    return mode - factor * (mode - lower), mode, mode + factor * (upper - mode)


def triangular(
    low: np.ndarray, mode: np.ndarray, high: np.ndarray, count: int, rng: np.random.Generator
) -> np.ndarray:
    """(count, A) triangular draws by the inverse CDF; a zero-width support returns its value."""
    width = high - low
    uniform = rng.random((count, len(mode)))
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(width > 0, (mode - low) / width, 0.0)
    rising = low + np.sqrt(uniform * width * (mode - low))
    falling = high - np.sqrt((1.0 - uniform) * width * (high - mode))
    return np.where(uniform < split, rising, falling)


def draw_assumptions(
    scenario: Scenario,
    model: DecisionModel,
    count: int,
    rng: np.random.Generator,
    spread: float | Mapping[str, float] = 1.0,
) -> np.ndarray:
    """(count, A) assumption draws, triangular around the scenario's values."""
    return triangular(*triangular_support(scenario, model, spread), count, rng)


def draw_weights(
    scenario: Scenario,
    model: DecisionModel,
    count: int,
    rng: np.random.Generator,
    mode: WeightMode = "band",
    band: float = 0.25,
) -> np.ndarray:
    """(count, N) normalised weight draws: a band around the scenario's, or the whole simplex."""
    if mode == "simplex":
        return rng.dirichlet(np.ones(len(model.criteria)), size=count)
    if mode != "band":
        raise ValueError(f"weight mode must be 'band' or 'simplex'; got {mode!r}")
    if not 0 <= band < 1:
        raise ValueError("band must be at least 0 and below 1")
    raw = scenario.weight_vector(model)
    factors = rng.uniform(1.0 - band, 1.0 + band, size=(count, len(raw)))
    return normalise_weights(raw * factors)
