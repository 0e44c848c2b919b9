"""One-way and two-way sensitivity: what single change, or pair of changes, moves the leader.

The leader is the option with the highest score, ties going to the earlier option (as in
`Result.ranking`); its margin is its score minus the best other option's score, in points (0-100).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.engine import evaluate_scores
from scoring.ids import weight_criterion, weight_key
from scoring.loader import DecisionModel
from scoring.mavt import normalise_weights
from scoring.scenario import Scenario

SLIDER_TOP = 100.0
THRESHOLD_POINTS = 101


def leader_margin(scores: np.ndarray, leader: int) -> np.ndarray:
    """Score of option `leader` minus the best other score, over the last axis of (..., M)."""
    others = np.delete(scores, leader, axis=-1)
    return scores[..., leader] - others.max(axis=-1)


def _scores(scenario: Scenario, model: DecisionModel, assumptions: np.ndarray) -> np.ndarray:
    """Scores (K, M) for assumption rows (K, A) under the scenario's weights."""
    return evaluate_scores(assumptions, scenario.weight_vector(model), model).scores


# --- tornado ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    """One assumption at each end of its declared range, the rest at the scenario's values."""

    assumption: int
    low: float
    high: float
    margin_low: float  # the current leader's margin with the assumption at `low`
    margin_high: float
    leader_low: int  # the option leading at `low`
    leader_high: int


@dataclass(frozen=True)
class Tornado:
    """The current leader, runner-up and margin, and one bar per assumption, widest first (the
    spread of the margin over the low end, the current value and the high end)."""

    leader: int
    runner_up: int
    margin: float
    bars: tuple[TornadoBar, ...]


def tornado(scenario: Scenario, model: DecisionModel) -> Tornado:
    """Each assumption at its min and at its max (one batch of 2A + 1 evaluations)."""
    current = scenario.assumption_vector(model)
    count = len(current)
    rows = np.tile(current, (2 * count + 1, 1))
    lows = np.array([a.min for a in model.assumptions])
    highs = np.array([a.max for a in model.assumptions])
    positions = np.arange(count)
    rows[1 + positions, positions] = lows
    rows[1 + count + positions, positions] = highs
    scores = _scores(scenario, model, rows)
    order = np.argsort(-scores[0], kind="stable")
    leader, runner_up = int(order[0]), int(order[1])
    margins = leader_margin(scores, leader)
    leaders = scores.argmax(axis=1)
    bars = [
        TornadoBar(
            assumption=a,
            low=float(lows[a]),
            high=float(highs[a]),
            margin_low=float(margins[1 + a]),
            margin_high=float(margins[1 + count + a]),
            leader_low=int(leaders[1 + a]),
            leader_high=int(leaders[1 + count + a]),
        )
        for a in range(count)
    ]
    margin = float(margins[0])
    bars.sort(
        key=lambda bar: (
            min(bar.margin_low, bar.margin_high, margin)
            - max(bar.margin_low, bar.margin_high, margin)
        )
    )
    return Tornado(leader, runner_up, margin, tuple(bars))


# --- assumption thresholds --------------------------------------------------------------------


@dataclass(frozen=True)
class AssumptionThreshold:
    """Where, moving one assumption from its current value, the leader first loses first place.

    `below`/`above` are None when the leader keeps first place all the way to the range's end.
    `resolution` bounds the error: the threshold is interpolated linearly between two points that
    far apart, so it is exact wherever the scores are linear between them (every formula is
    piecewise linear in each single assumption).
    """

    assumption: int
    value: float
    below: float | None
    below_leader: int | None
    above: float | None
    above_leader: int | None
    resolution: float


def _first_loss(
    scenario: Scenario,
    model: DecisionModel,
    column: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    leader: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For S segments (assumption `column` from `start`, where the leader leads, to `end`),
    evaluated at THRESHOLD_POINTS points: whether the lead is lost, the last point still led and
    the first point lost, and who leads there."""
    segments = len(column)
    steps = np.linspace(0.0, 1.0, THRESHOLD_POINTS)
    along = start[:, None] + (end - start)[:, None] * steps  # (S, P)
    rows = np.tile(scenario.assumption_vector(model), (segments * THRESHOLD_POINTS, 1))
    rows[np.arange(rows.shape[0]), np.repeat(column, THRESHOLD_POINTS)] = along.ravel()
    scores = _scores(scenario, model, rows).reshape(segments, THRESHOLD_POINTS, len(model.options))
    lost = scores.argmax(axis=2) != leader
    first = lost.argmax(axis=1)
    found = lost.any(axis=1)
    picked = np.arange(segments)
    takeover = scores[picked, first].argmax(axis=1)
    previous = np.maximum(first - 1, 0)
    return found, along[picked, previous], along[picked, first], takeover


def assumption_thresholds(scenario: Scenario, model: DecisionModel) -> list[AssumptionThreshold]:
    """For every assumption, the nearest values below and above the current one at which the
    current leader loses first place (the others at their current values), and who takes over.

    Two vectorised passes: 101 points from the current value to each end of the range, then 101
    points inside the step where the lead is lost, then linear interpolation of the margin.
    """
    current = scenario.assumption_vector(model)
    leader = int(_scores(scenario, model, current[None, :])[0].argmax())
    count = len(current)
    column = np.tile(np.arange(count), 2)
    ends = np.concatenate([[a.min for a in model.assumptions], [a.max for a in model.assumptions]])
    found, inside, outside, _ = _first_loss(
        scenario, model, column, np.tile(current, 2), ends, leader
    )
    hits = np.flatnonzero(found)
    _, inside, outside, takeover = _first_loss(
        scenario, model, column[hits], inside[hits], outside[hits], leader
    )
    rows = np.tile(current, (2 * len(hits), 1))
    rows[np.arange(len(hits)), column[hits]] = inside
    rows[len(hits) + np.arange(len(hits)), column[hits]] = outside
    margins = leader_margin(_scores(scenario, model, rows), leader)
    kept, lost = margins[: len(hits)], margins[len(hits) :]
    share = np.divide(kept, kept - lost, out=np.ones_like(kept), where=kept > lost)
    crossing = inside + np.clip(share, 0.0, 1.0) * (outside - inside)
    resolution = np.abs(outside - inside)
    thresholds: dict[int, tuple[float, int, float]] = {
        int(h): (float(x), int(t), float(r))
        for h, x, t, r in zip(hits, crossing, takeover, resolution, strict=True)
    }
    result = []
    for a in range(count):
        below, above = thresholds.get(a), thresholds.get(count + a)
        result.append(
            AssumptionThreshold(
                assumption=a,
                value=float(current[a]),
                below=below[0] if below else None,
                below_leader=below[1] if below else None,
                above=above[0] if above else None,
                above_leader=above[1] if above else None,
                resolution=max(below[2] if below else 0.0, above[2] if above else 0.0),
            )
        )
    return result


# --- weight thresholds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Crossing:
    """Two options swap places at `weight` (the criterion's normalised share)."""

    weight: float
    ahead_below: int  # the option ahead of the pair just below `weight`
    ahead_above: int
    leader_change: bool  # whether this swap is a change of first place


@dataclass(frozen=True)
class WeightThreshold:
    """Moving one criterion's share from 0 to 1, the others keeping their proportions.

    `below`/`above` are the nearest shares at which the current leader loses first place, with
    the option that leads beyond them; `below_slider`/`above_slider` are the same points as a raw
    weight for this criterion with the other raw weights unchanged (the same path), in the units
    the weights were given in. `crossings` lists every rank reversal on the path, by weight.
    """

    criterion: int
    weight: float
    leader: int
    below: float | None
    below_leader: int | None
    below_slider: float | None
    above: float | None
    above_leader: int | None
    above_slider: float | None
    crossings: tuple[Crossing, ...]


def _path_lines(values: np.ndarray, shares: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores along criterion j's path are `base + t * slope` for its share t."""
    rest = np.delete(shares, j)
    rest = rest / rest.sum()
    base = np.delete(values, j, axis=1) @ rest
    return base, values[:, j] - base


def _crossings(base: np.ndarray, slope: np.ndarray) -> tuple[Crossing, ...]:
    """Every pairwise swap for t strictly between 0 and 1, with leader changes marked."""
    first, second = np.triu_indices(len(base), k=1)
    gap = slope[first] - slope[second]
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (base[second] - base[first]) / gap
    inside = (gap != 0) & (at > 0) & (at < 1)
    first, second, at, gap = first[inside], second[inside], at[inside], gap[inside]
    cuts = np.unique(at)
    edges = np.concatenate([[0.0], cuts, [1.0]])
    middles = (edges[:-1] + edges[1:]) / 2
    leaders = (base[None, :] + middles[:, None] * slope[None, :]).argmax(axis=1)
    position = np.searchsorted(cuts, at)
    before, after = leaders[position], leaders[position + 1]
    # the line with the larger slope is ahead above the crossing
    ahead_above = np.where(gap > 0, first, second)
    ahead_below = np.where(gap > 0, second, first)
    changes = (before == ahead_below) & (after == ahead_above)
    order = np.lexsort((ahead_above, ahead_below, at))
    return tuple(
        Crossing(float(at[k]), int(ahead_below[k]), int(ahead_above[k]), bool(changes[k]))
        for k in order
    )


def _slider(crossing: Crossing | None, rest: float) -> float | None:
    """The raw weight giving the crossing's share when the other raw weights sum to `rest`."""
    return None if crossing is None else crossing.weight * rest / (1.0 - crossing.weight)


def weight_thresholds(values: np.ndarray, weights: np.ndarray) -> list[WeightThreshold]:
    """Closed-form one-way weight thresholds for a value table (M, N) and weights (N,).

    Along criterion j's path (its share t from 0 to 1, the other weights keeping their
    proportions) every score is linear in t, so each pair of options swaps at most once, at a t
    solved exactly (Triantaphyllou & Sanchez 1997). Weights may be raw or normalised. A
    criterion whose every other weight is zero has no such path and gets no crossings.
    """
    values = np.asarray(values, dtype=float)
    raw = np.asarray(weights, dtype=float)
    shares = normalise_weights(raw[None, :])[0]
    leader = int((values @ shares).argmax())
    result = []
    for j in range(len(shares)):
        rest = raw.sum() - raw[j]
        crossings: tuple[Crossing, ...] = ()
        if rest > 0:
            crossings = _crossings(*_path_lines(values, shares, j))
        changes = [c for c in crossings if c.leader_change]
        above = next(
            (c for c in changes if c.weight >= shares[j] and c.ahead_below == leader), None
        )
        below = next(
            (c for c in reversed(changes) if c.weight <= shares[j] and c.ahead_above == leader),
            None,
        )
        result.append(
            WeightThreshold(
                criterion=j,
                weight=float(shares[j]),
                leader=leader,
                below=below.weight if below else None,
                below_leader=below.ahead_below if below else None,
                below_slider=_slider(below, rest),
                above=above.weight if above else None,
                above_leader=above.ahead_above if above else None,
                above_slider=_slider(above, rest),
                crossings=crossings,
            )
        )
    return result


def scenario_weight_thresholds(scenario: Scenario, model: DecisionModel) -> list[WeightThreshold]:
    """`weight_thresholds` for the scenario's value table and raw weights (slider units)."""
    weights = scenario.weight_vector(model)
    row = scenario.assumption_vector(model)[None, :]
    values = evaluate_scores(row, weights, model, keep_values=True).values[0]
    return weight_thresholds(values, weights)


# --- two-way decision map ---------------------------------------------------------------------

# The map shown first on the Sensitivity page, and the one the Presenter and exports draw.
DEFAULT_MAP_AXES = ("interceptor_shelf_life_years", weight_key("f35_prospects"))


@dataclass(frozen=True, eq=False)
class DecisionMap:
    """The leading option over a grid of two inputs; arrays are indexed [y, x]."""

    x_axis: str
    y_axis: str
    x_values: np.ndarray  # (R,)
    y_values: np.ndarray  # (R,)
    leaders: np.ndarray  # (R, R) option index leading in each cell
    margins: np.ndarray  # (R, R) the cell leader's score minus the runner-up's
    current: tuple[float, float]  # the scenario's (x, y)
    current_leader: int


def _axis(axis: str, scenario: Scenario, model: DecisionModel, resolution: int) -> np.ndarray:
    """Grid values of one axis: an assumption's declared range, or a raw weight from 0 to 100
    (or to its current value if higher)."""
    if axis in model.assumption_ids:
        spec = model.assumption(axis)
        return np.linspace(spec.min, spec.max, resolution)
    criterion = weight_criterion(axis)
    if criterion is not None and criterion in model.criterion_ids:
        return np.linspace(0.0, max(SLIDER_TOP, scenario.weights[criterion]), resolution)
    known = ", ".join([*model.assumption_ids, *map(weight_key, model.criterion_ids)])
    raise ValueError(f"unknown axis '{axis}'; known: {known}")


def decision_map(
    scenario: Scenario, model: DecisionModel, x_axis: str, y_axis: str, resolution: int = 41
) -> DecisionMap:
    """The leader in each cell of a resolution x resolution grid over two inputs (one batch).

    An axis is an assumption id (its declared range) or `weight_<criterion id>`: that criterion's
    raw weight (slider value) from 0 to 100 with every other raw weight held where it is, so the
    normalised shares of the others shrink or grow together. Everything else stays at the
    scenario's values.
    """
    if x_axis == y_axis:
        raise ValueError("the two axes of a decision map must differ")
    if resolution < 2:
        raise ValueError("resolution must be at least 2")
    x_values = _axis(x_axis, scenario, model, resolution)
    y_values = _axis(y_axis, scenario, model, resolution)
    cells = resolution * resolution
    assumptions = np.tile(scenario.assumption_vector(model), (cells, 1))
    weights = np.tile(scenario.weight_vector(model), (cells, 1))
    grid_y, grid_x = np.meshgrid(y_values, x_values, indexing="ij")
    current = []
    for axis, grid in ((x_axis, grid_x), (y_axis, grid_y)):
        if axis in model.assumption_ids:
            assumptions[:, model.assumption_ids.index(axis)] = grid.ravel()
            current.append(scenario.assumptions[axis])
        elif (criterion := weight_criterion(axis)) is not None:
            weights[:, model.criterion_ids.index(criterion)] = grid.ravel()
            current.append(scenario.weights[criterion])
    if np.any(weights.sum(axis=1) <= 0):
        raise ValueError("every other weight is zero, so some cells of this map have no weights")
    scores = evaluate_scores(assumptions, weights, model).scores
    ranked = np.sort(scores, axis=1)
    current_scores = _scores(scenario, model, scenario.assumption_vector(model)[None, :])
    return DecisionMap(
        x_axis=x_axis,
        y_axis=y_axis,
        x_values=x_values,
        y_values=y_values,
        leaders=scores.argmax(axis=1).reshape(resolution, resolution),
        margins=(ranked[:, -1] - ranked[:, -2]).reshape(resolution, resolution),
        current=(float(current[0]), float(current[1])),
        current_leader=int(current_scores[0].argmax()),
    )
