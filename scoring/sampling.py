"""Seeded draws of assumptions and weights for the uncertainty analysis.

Each assumption is drawn from a beta distribution whose mean is the scenario's value, so the
draws' average is what was set. Its support is the declared [min, max] range shrunk towards the
current value by `spread`: spread 1 is the full declared range, 0.5 half of it on either side of
the current value, 0 the current value itself. Its variance is that of a triangular distribution
on the same support peaking at the current value, wherever that keeps both beta shape parameters
at least 1 (a single-peaked density, finite everywhere). Nearer an end of the range the variance
shrinks so that the nearer shape parameter is exactly 1 (the density then peaks at that end); at
the end itself the value is fixed, since no other distribution inside the range has its mean on
the boundary. Choices (assumptions of kind "choice", such as when to decide) are never drawn.
The declared range is the widest plausible one (each has a rationale), so a spread above 1 is
refused rather than drawing values the model was not built for.

Judgement scores (`draw_judgements`) are drawn the same way on the low to high range each one
declares in `data/options/*.toml`, their means at the stated scores; a score with low = high is
not drawn. They do not depend on the scenario, so the analysis takes them from a generator of
their own (`judgement_draws`: seeded with (seed, 1)), drawn once per model, count and seed: every
scenario analysed with one seed meets the same judgement draws (common random numbers).

Weights are either a band around the scenario's priorities (each raw weight times U(1 - band,
1 + band), then normalised) or uniform on the simplex (Dirichlet(1, ..., 1): no preference
information at all). Pass `numpy.random.default_rng(seed)` for repeatable draws.

The analyses draw the assumptions first and the weights after them from one seeded generator.
`seeded_assumption_draws` keeps the last few assumption draws (they do not depend on the
priorities) with the generator's state after them, so moving a priority draws only the weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from scoring.arrays import model_arrays
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


@dataclass(frozen=True, eq=False)
class BetaDraws:
    """Each assumption's distribution as (A,) arrays: support `low` to `high` around `mean` and
    the beta shape parameters on it; `fixed` marks assumptions that are not drawn (their value
    is `mean`)."""

    low: np.ndarray
    mean: np.ndarray
    high: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    fixed: np.ndarray

    @property
    def variance(self) -> np.ndarray:
        """Each assumption's variance in its own unit (0 where fixed)."""
        a, b = self.alpha, self.beta
        unit = a * b / ((a + b) ** 2 * (a + b + 1))
        return np.where(self.fixed, 0.0, unit * (self.high - self.low) ** 2)


def distribution(
    scenario: Scenario, model: DecisionModel, spread: float | Mapping[str, float] = 1.0
) -> BetaDraws:
    """The beta distribution of every assumption: mean at the scenario's value (see the module
    docstring for the support and the spread)."""
    return _distribution_at(scenario.assumption_vector(model), model, _spreads(spread, model))


def _distribution_at(centre: np.ndarray, model: DecisionModel, spreads: np.ndarray) -> BetaDraws:
    """`distribution` around the assumption values `centre` (A,), one spread per assumption."""
    lower = np.array([a.min for a in model.assumptions])
    upper = np.array([a.max for a in model.assumptions])
    choice = np.array([a.kind == "choice" for a in model.assumptions])
    factor = np.where(choice, 0.0, spreads)
    low, high = centre - factor * (centre - lower), centre + factor * (upper - centre)
    return beta_around(centre, low, high)


def beta_around(centre: np.ndarray, low: np.ndarray, high: np.ndarray) -> BetaDraws:
    """Beta distributions on `low` to `high` with their means at `centre` (arrays of one shape),
    shaped as the module docstring says; fixed at `centre` where it is not strictly inside."""
    width = high - low
    fixed = (width <= 0) | (centre <= low) | (centre >= high)
    position = np.where(fixed, 0.5, (centre - low) / np.where(width > 0, width, 1.0))
    triangular_variance = (1.0 - position + position**2) / 18.0
    matched = position * (1.0 - position) / triangular_variance - 1.0
    concentration = np.maximum.reduce([matched, 1.0 / position, 1.0 / (1.0 - position)])
    return BetaDraws(
        low=low,
        mean=centre,
        high=high,
        alpha=position * concentration,
        beta=(1.0 - position) * concentration,
        fixed=fixed,
    )


def draw_assumptions(
    scenario: Scenario,
    model: DecisionModel,
    count: int,
    rng: np.random.Generator,
    spread: float | Mapping[str, float] = 1.0,
) -> np.ndarray:
    """(count, A) assumption draws whose mean is the scenario's values."""
    return _draw_at(distribution(scenario, model, spread), count, rng)


def _draw_at(shape: BetaDraws, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` draws of the distributions `shape`, stacked on a new first axis."""
    unit = rng.beta(shape.alpha, shape.beta, size=(count, *shape.mean.shape))
    draws = shape.low + unit * (shape.high - shape.low)
    return np.where(shape.fixed, shape.mean, draws)


@lru_cache(maxsize=4)  # at most 4 x 100,000 draws x 22 assumptions x 8 bytes (70 MB)
def _seeded_assumption_draws(
    model: DecisionModel, count: int, seed: int, centre: tuple[float, ...], spreads: bytes
) -> tuple[np.ndarray, dict]:
    rng = np.random.default_rng(seed)
    shape = _distribution_at(np.array(centre), model, np.frombuffer(spreads))
    draws = _draw_at(shape, count, rng)
    draws.flags.writeable = False
    return draws, rng.bit_generator.state


def seeded_assumption_draws(
    scenario: Scenario,
    model: DecisionModel,
    count: int,
    seed: int,
    spread: float | Mapping[str, float] = 1.0,
) -> tuple[np.ndarray, np.random.Generator]:
    """`draw_assumptions` from `numpy.random.default_rng(seed)`, and that generator as the draws
    left it (the next draws, such as the weights', continue its stream). They depend on the
    assumptions and not on the priorities, so they are computed once per assumption values,
    count, seed and spread (read-only), and a priority moved on its own draws none of them again.
    """
    centre = tuple(scenario.assumption_vector(model).tolist())
    draws, state = _seeded_assumption_draws(
        model, count, seed, centre, _spreads(spread, model).tobytes()
    )
    rng = np.random.default_rng(seed)
    rng.bit_generator.state = state
    return draws, rng


def forget_assumption_draws() -> None:
    """Empty `seeded_assumption_draws`'s store (benchmarks time an assumption move's work)."""
    _seeded_assumption_draws.cache_clear()


def draw_judgements(model: DecisionModel, count: int, rng: np.random.Generator) -> np.ndarray:
    """(count, M, J) draws of every option's judgement scores, J the judgement criteria in the
    model's order: each drawn on its declared low to high with its mean at the stated score."""
    arrays = model_arrays(model)
    shape = beta_around(
        arrays.judgement[:, list(arrays.judgement_columns)],
        arrays.judgement_low,
        arrays.judgement_high,
    )
    return _draw_at(shape, count, rng)


JUDGEMENT_STREAM = 1  # the judgement scores' generator is seeded with (seed, JUDGEMENT_STREAM)


@lru_cache(maxsize=4)  # at most 4 x 100,000 draws x 8 options x 5 judgements x 8 bytes
def judgement_draws(model: DecisionModel, count: int, seed: int) -> np.ndarray:
    """`draw_judgements` from the generator seeded with (seed, JUDGEMENT_STREAM), shared by every
    scenario and caller (read-only)."""
    draws = draw_judgements(model, count, np.random.default_rng((seed, JUDGEMENT_STREAM)))
    draws.flags.writeable = False
    return draws


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
