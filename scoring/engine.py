"""The batched evaluation engine: K draws of assumptions and weights in one NumPy pass.

`evaluate_batch` is the only evaluation code path; `evaluate(scenario)` is its K = 1 case.
"""

from __future__ import annotations

import numpy as np

from scoring.arrays import ModelArrays, model_arrays
from scoring.batch import Batch
from scoring.formulas import performance
from scoring.loader import DecisionModel, default_model
from scoring.mavt import competition_ranks, contributions, linear_value, normalise_weights
from scoring.result import Result
from scoring.scenario import Scenario
from scoring.strategies import strategy_performance

CHUNK = 2048


def _as_stack(array: np.ndarray, width: int, name: str) -> np.ndarray:
    stack = np.atleast_2d(np.asarray(array, dtype=float))
    if stack.ndim != 2 or stack.shape[1] != width:
        raise ValueError(f"{name} must have shape (K, {width}); got {np.shape(array)}")
    return stack


def _judgement_stack(
    judgements: np.ndarray | None, count: int, arrays: ModelArrays
) -> np.ndarray | None:
    if judgements is None:
        return None
    stack = np.asarray(judgements, dtype=float)
    expected = (count, len(arrays.direct_option_ids), len(arrays.judgement_columns))
    if stack.shape != expected:
        raise ValueError(f"judgements must have shape {expected}; got {stack.shape}")
    return stack


def evaluate_batch(
    assumptions: np.ndarray,
    weights: np.ndarray,
    model: DecisionModel | None = None,
    judgements: np.ndarray | None = None,
) -> Batch:
    """Evaluate K scenarios at once: assumptions (K, A) and raw weights (K, N) or (N,).

    A single weight row is shared by every draw. Judgement scores are the stated ones, or
    `judgements` (K, M, J): one draw of every direct option's score on each judgement criterion,
    in the model's criterion order. The batch ranks the direct options, then the strategies.
    Values outside a declared range are the caller's responsibility (use `Scenario` for
    validated input).
    """
    arrays: ModelArrays = model_arrays(model or default_model())
    assumption_stack = _as_stack(assumptions, len(arrays.assumption_ids), "assumptions")
    judgement_stack = _judgement_stack(judgements, assumption_stack.shape[0], arrays)
    weight_stack = normalise_weights(_as_stack(weights, len(arrays.criterion_ids), "weights"))
    count = assumption_stack.shape[0]
    if weight_stack.shape[0] == 1:
        weight_stack = np.broadcast_to(weight_stack, (count, weight_stack.shape[1]))
    elif weight_stack.shape[0] != count:
        raise ValueError(f"weights have {weight_stack.shape[0]} rows for {count} draws")
    shape = (count, len(arrays.option_ids), len(arrays.criterion_ids))
    batch = Batch(
        performance=np.empty(shape),
        values=np.empty(shape),
        weights=weight_stack,
        contributions=np.empty(shape),
        scores=np.empty(shape[:2]),
        ranks=np.empty(shape[:2], dtype=int),
    )
    for start in range(0, count, CHUNK):
        rows = slice(start, start + CHUNK)
        _evaluate_chunk(assumption_stack, judgement_stack, arrays, batch, rows)
    return batch


def _evaluate_chunk(
    assumptions: np.ndarray,
    judgements: np.ndarray | None,
    arrays: ModelArrays,
    out: Batch,
    rows: slice,
) -> None:
    """Fill `rows` of `out`; chunks keep the working set in cache."""
    drawn = None if judgements is None else judgements[rows]
    direct = performance(assumptions[rows], arrays, drawn)
    strategies = strategy_performance(assumptions[rows], arrays, out.weights[rows], direct, drawn)
    table = out.performance[rows] = np.concatenate([direct, strategies], axis=1)
    values = out.values[rows] = linear_value(
        table, arrays.range_low, arrays.range_high, arrays.benefit
    )
    parts = out.contributions[rows] = contributions(values, out.weights[rows])
    scores = out.scores[rows] = parts.sum(axis=-1)
    out.ranks[rows] = competition_ranks(scores, arrays.constants["tie_tolerance"])


def evaluate(scenario: Scenario | None = None, model: DecisionModel | None = None) -> Result:
    """Evaluate one scenario (the analysts' baseline if none): K = 1 of `evaluate_batch`."""
    model = model or default_model()
    scenario = scenario if scenario is not None else Scenario.build({}, model)
    batch = evaluate_batch(
        scenario.assumption_vector(model)[None, :], scenario.weight_vector(model), model
    )
    return Result.from_batch(batch, 0, scenario, model)
