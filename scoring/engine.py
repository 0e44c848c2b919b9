"""The batched evaluation engine: K draws of assumptions and weights in one NumPy pass.

`evaluate_batch` is the only evaluation code path; `evaluate(scenario)` is its K = 1 case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.arrays import ModelArrays, model_arrays
from scoring.formulas import performance
from scoring.loader import DecisionModel, default_model
from scoring.mavt import competition_ranks, contributions, linear_value, normalise_weights
from scoring.result import Result
from scoring.scenario import Scenario


@dataclass(frozen=True, eq=False)
class Batch:
    """Results of K evaluations; every array has the draw axis first."""

    performance: np.ndarray  # (K, M, N) raw performance in each criterion's unit
    values: np.ndarray  # (K, M, N) value scores 0-100
    weights: np.ndarray  # (K, N) normalised weights
    contributions: np.ndarray  # (K, M, N) weighted values; they sum to the scores
    scores: np.ndarray  # (K, M) overall scores 0-100
    ranks: np.ndarray  # (K, M) 1 = best, ties share a rank


def _as_stack(array: np.ndarray, width: int, name: str) -> np.ndarray:
    stack = np.atleast_2d(np.asarray(array, dtype=float))
    if stack.ndim != 2 or stack.shape[1] != width:
        raise ValueError(f"{name} must have shape (K, {width}); got {np.shape(array)}")
    return stack


def evaluate_batch(
    assumptions: np.ndarray,
    weights: np.ndarray,
    model: DecisionModel | None = None,
) -> Batch:
    """Evaluate K scenarios at once: assumptions (K, A) and raw weights (K, N) or (N,).

    A single weight row is shared by every draw. Values outside an assumption's range are the
    caller's responsibility (use `Scenario` for validated input).
    """
    arrays: ModelArrays = model_arrays(model or default_model())
    assumption_stack = _as_stack(assumptions, len(arrays.assumption_ids), "assumptions")
    weight_stack = normalise_weights(_as_stack(weights, len(arrays.criterion_ids), "weights"))
    table = performance(assumption_stack, arrays)
    values = linear_value(table, arrays.range_low, arrays.range_high, arrays.benefit)
    parts = contributions(values, weight_stack)
    scores = parts.sum(axis=-1)
    ranks = competition_ranks(scores, arrays.constants["tie_tolerance"])
    return Batch(table, values, weight_stack, parts, scores, ranks)


def evaluate(scenario: Scenario | None = None, model: DecisionModel | None = None) -> Result:
    """Evaluate one scenario (the sourced baseline if none): the K = 1 case of `evaluate_batch`."""
    model = model or default_model()
    scenario = scenario if scenario is not None else Scenario.build({}, model)
    batch = evaluate_batch(
        scenario.assumption_vector(model)[None, :], scenario.weight_vector(model), model
    )
    return Result.from_batch(batch, 0, scenario, model)
