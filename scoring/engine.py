"""The batched evaluation engine: K draws of assumptions and weights in one NumPy pass.

`evaluate_batch` is the only evaluation code path; `evaluate(scenario)` is its K = 1 case, and
`evaluate_scores` runs the same chunks keeping only what the sampled analyses read. What does not
depend on the weights (the direct options' performance and the strategies' attempt outcomes) can
be computed once with `prepare` and scored under other weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.arrays import ModelArrays, model_arrays
from scoring.batch import Batch, Scored
from scoring.formulas import performance
from scoring.loader import DecisionModel, default_model
from scoring.mavt import competition_ranks, contributions, normalise_weights, table_value
from scoring.result import Result
from scoring.scenario import Scenario
from scoring.strategies import Variant, attempt_outcomes, strategy_performance

CHUNK = 8192


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


@dataclass(frozen=True, eq=False)
class _Inputs:
    """Checked inputs of K evaluations."""

    arrays: ModelArrays
    assumptions: np.ndarray  # (K, A)
    weights: np.ndarray  # (K, N) normalised, possibly a broadcast view of one row
    judgements: np.ndarray | None  # (K, M, J)

    @property
    def shape(self) -> tuple[int, int, int]:
        """(K, M, N): draws, options (direct, then strategies) and criteria."""
        arrays = self.arrays
        return (self.assumptions.shape[0], len(arrays.option_ids), len(arrays.criterion_ids))

    def chunks(self) -> list[slice]:
        """Row slices of at most CHUNK draws."""
        count = self.assumptions.shape[0]
        return [slice(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]


def _inputs(
    assumptions: np.ndarray,
    weights: np.ndarray,
    model: DecisionModel | None,
    judgements: np.ndarray | None,
) -> _Inputs:
    arrays: ModelArrays = model_arrays(model or default_model())
    assumption_stack = _as_stack(assumptions, len(arrays.assumption_ids), "assumptions")
    judgement_stack = _judgement_stack(judgements, assumption_stack.shape[0], arrays)
    weight_stack = normalise_weights(_as_stack(weights, len(arrays.criterion_ids), "weights"))
    count = assumption_stack.shape[0]
    if weight_stack.shape[0] == 1:
        weight_stack = np.broadcast_to(weight_stack, (count, weight_stack.shape[1]))
    elif weight_stack.shape[0] != count:
        raise ValueError(f"weights have {weight_stack.shape[0]} rows for {count} draws")
    return _Inputs(arrays, assumption_stack, weight_stack, judgement_stack)


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
    given = _inputs(assumptions, weights, model, judgements)
    shape = given.shape
    batch = Batch(
        performance=np.empty(shape),
        values=np.empty(shape),
        weights=given.weights,
        contributions=np.empty(shape),
        scores=np.empty(shape[:2]),
        ranks=np.empty(shape[:2], dtype=int),
    )
    tolerance = given.arrays.constants["tie_tolerance"]
    for rows in given.chunks():
        _evaluate_chunk(
            given,
            rows,
            batch.performance[rows],
            batch.values[rows],
            batch.contributions[rows],
            batch.scores[rows],
        )
        batch.ranks[rows] = competition_ranks(batch.scores[rows], tolerance)
    return batch


@dataclass(frozen=True, eq=False)
class Prepared:
    """The part of K evaluations that the weights do not change, chunk by chunk: the direct
    options' performance (k, M, N) and the strategies' attempt outcomes. Made by `prepare`;
    valid for exactly these assumption and judgement arrays, which are read-only."""

    arrays: ModelArrays
    assumptions: np.ndarray
    judgements: np.ndarray | None
    direct: tuple[np.ndarray, ...]
    outcomes: tuple[dict[Variant, np.ndarray], ...]

    def fits(
        self, assumptions: np.ndarray, arrays: ModelArrays, judgements: np.ndarray | None
    ) -> bool:
        """Whether this was prepared from these very arrays."""
        return (
            self.assumptions is assumptions
            and self.arrays is arrays
            and self.judgements is judgements
        )


def prepare(
    assumptions: np.ndarray,
    model: DecisionModel | None = None,
    judgements: np.ndarray | None = None,
) -> Prepared:
    """The weight-free part of evaluating read-only `assumptions` (K, A) and `judgements`."""
    if assumptions.flags.writeable or (judgements is not None and judgements.flags.writeable):
        raise ValueError("prepare needs read-only arrays: later changes would go unseen")
    arrays = model_arrays(model or default_model())
    given = _inputs(assumptions, np.ones(len(arrays.criterion_ids)), model, judgements)
    direct, outcomes = [], []
    for rows in given.chunks():
        drawn = None if given.judgements is None else given.judgements[rows]
        table = performance(given.assumptions[rows], given.arrays, drawn)
        outcome = attempt_outcomes(given.assumptions[rows], given.arrays, table, drawn)
        for array in (table, *outcome.values()):
            array.flags.writeable = False
        direct.append(table)
        outcomes.append(outcome)
    return Prepared(arrays, assumptions, judgements, tuple(direct), tuple(outcomes))


def evaluate_scores(
    assumptions: np.ndarray,
    weights: np.ndarray,
    model: DecisionModel | None = None,
    judgements: np.ndarray | None = None,
    keep_values: bool = False,
    prepared: Prepared | None = None,
) -> Scored:
    """`evaluate_batch` keeping only the scores, the normalised weights and (if `keep_values`)
    the value scores: the same numbers, without the memory of the tables nobody reads.
    `prepared`: `prepare(assumptions, model, judgements)`, reused (the same numbers, sooner)."""
    given = _inputs(assumptions, weights, model, judgements)
    if prepared is not None and not prepared.fits(assumptions, given.arrays, judgements):
        raise ValueError("prepared was made for another model or other draws")
    shape = given.shape
    scratch = (min(shape[0], CHUNK), *shape[1:])
    table, parts = np.empty(scratch), np.empty(scratch)
    values = np.empty(shape) if keep_values else None
    scratch_values = None if keep_values else np.empty(scratch)
    scores = np.empty(shape[:2])
    for index, rows in enumerate(given.chunks()):
        size = rows.stop - rows.start
        value_rows = values[rows] if values is not None else scratch_values[:size]
        ready = None if prepared is None else (prepared.direct[index], prepared.outcomes[index])
        _evaluate_chunk(given, rows, table[:size], value_rows, parts[:size], scores[rows], ready)
    return Scored(values=values, weights=given.weights, scores=scores)


def _evaluate_chunk(
    given: _Inputs,
    rows: slice,
    table: np.ndarray,
    values: np.ndarray,
    parts: np.ndarray,
    scores: np.ndarray,
    ready: tuple[np.ndarray, dict[Variant, np.ndarray]] | None = None,
) -> None:
    """Fill the performance `table`, `values`, contributions `parts` and `scores` of `rows`
    (`ready`: their direct performance and attempt outcomes, from `prepare`); chunks keep the
    working set in cache."""
    arrays = given.arrays
    assumptions, weights = given.assumptions[rows], given.weights[rows]
    drawn = None if given.judgements is None else given.judgements[rows]
    direct_count = len(arrays.direct_option_ids)
    direct, outcomes = table[:, :direct_count], None
    if ready is None:
        performance(assumptions, arrays, drawn, out=direct)
    else:
        direct[...], outcomes = ready
    strategy_performance(
        assumptions, arrays, weights, direct, drawn, table[:, direct_count:], outcomes
    )
    table_value(table, arrays.range_low, arrays.range_high, arrays.benefit, out=values)
    contributions(values, weights, out=parts)
    np.sum(parts, axis=-1, out=scores)


def evaluate(scenario: Scenario | None = None, model: DecisionModel | None = None) -> Result:
    """Evaluate one scenario (the analysts' baseline if none): K = 1 of `evaluate_batch`."""
    model = model or default_model()
    scenario = scenario if scenario is not None else Scenario.build({}, model)
    batch = evaluate_batch(
        scenario.assumption_vector(model)[None, :], scenario.weight_vector(model), model
    )
    return Result.from_batch(batch, 0, scenario, model)
