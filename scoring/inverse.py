"""What it would take: the smallest change of assumptions and priorities that puts an option first.

Distance is measured in range-normalised units and summed over the inputs moved (an L1 distance):
an assumption moved by `d` counts `|d| / (max - min)` of its declared range, a priority moved by `d`
slider points counts `|d| / 100`. Summing absolute moves favours changing few inputs, which reads
as a sentence. Candidates lie on the sliders' own grid (each assumption's step, whole-number
priorities), so the returned scenario is one a user could set. "Leads" means scoring more than
the engine's tie tolerance above every other option.

The search is vectorised over the batched engine:

1. every input alone, at every slider position of its range;
2. every pair of the `PAIR_INPUTS` inputs that come closest alone, on a `PAIR_POINTS` x
   `PAIR_POINTS` grid of slider positions;
3. every input at once: each set to the slider position that favours the option most when moved
   alone, approached along the straight line from the current values, then each move undone
   where the option still leads without it;
4. `RANDOM_POINTS` seeded random scenarios over the ranges, denser near the current one (half of
   them with most of the priority on a few criteria).

The `REFINED` nearest leading candidates are each approached along the straight line from the
current values (the first leading slider position on the way), and the nearest of all is then
tightened: each moved input in turn is brought back to the
slider position nearest its current value at which the option still leads. None means that no
candidate made the option lead: nothing within the ranges that the search tried.

The assumption columns of steps 1 and 4 depend on the assumptions set alone, so they and the
work on them that no weight changes are kept for the last two sets of assumption values: after a
priority moved alone, only the weighted part is computed again (the same answers).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from scoring.engine import Prepared, evaluate_scores, prepare
from scoring.loader import DecisionModel
from scoring.scenario import WEIGHT_RANGE, Scenario
from scoring.units import setting_text

PAIR_INPUTS = 5
PAIR_POINTS = 17
LINE_POINTS = 201
RANDOM_POINTS = 10_000
REFINED = 8
RANDOM_SEED = 2026
SENTENCE_CHANGES = 4  # a sentence names at most this many changes (the largest)


@dataclass(frozen=True, eq=False)
class _Space:
    """The inputs as one vector: assumptions (A) then raw weights (N), with slider grids."""

    model: DecisionModel
    current: np.ndarray  # (A + N,)
    width: np.ndarray  # (A + N,) range widths for the distance
    grids: tuple[np.ndarray, ...]  # slider positions of each input
    option: int
    tolerance: float

    @property
    def assumption_count(self) -> int:
        return len(self.model.assumptions)

    def margins(self, rows: np.ndarray) -> np.ndarray:
        """The option's score minus the best other score for input rows (K, A + N); -inf where
        every priority is zero."""
        return self.margins_of(_scores(self.model, rows))

    def margins_of(self, scores: np.ndarray) -> np.ndarray:
        """Margins from scores (K, M) as `_scores` returns them."""
        own = scores[:, self.option]
        finite = np.isfinite(own)
        others = np.delete(scores, self.option, axis=1).max(axis=1)
        return np.where(finite, own - np.where(finite, others, 0.0), -np.inf)

    def leads(self, rows: np.ndarray) -> np.ndarray:
        return self.margins(rows) > self.tolerance

    def distance(self, rows: np.ndarray) -> np.ndarray:
        return (np.abs(rows - self.current) / self.width).sum(axis=-1)


def forget_kept_rows() -> None:
    """Empty the store of assumption columns (benchmarks time an assumption move's work)."""
    _assumption_side.cache_clear()


def _scores(model: DecisionModel, rows: np.ndarray, prepared: Prepared | None = None) -> np.ndarray:
    """Scores (K, M) of input rows (K, A + N); -inf where every priority is zero. `prepared`:
    the weight-free evaluation of the rows' assumption columns, already made."""
    split = len(model.assumptions)
    weights = rows[:, split:]
    valid = weights.sum(axis=1) > 0
    safe = np.where(valid[:, None], weights, 1.0)
    assumptions = rows[:, :split] if prepared is None else prepared.assumptions
    scores = evaluate_scores(assumptions, safe, model, prepared=prepared).scores
    return np.where(valid[:, None], scores, -np.inf)


def _grid(low: float, high: float, step: float) -> np.ndarray:
    """Slider positions from low to high (high included)."""
    count = int(np.floor((high - low) / step + 1e-9))
    return np.unique(np.append(low + step * np.arange(count + 1), high))


def _space(scenario: Scenario, model: DecisionModel, option: int) -> _Space:
    current = np.concatenate([scenario.assumption_vector(model), scenario.weight_vector(model)])
    return _space_at(current, model, option)


@cache
def _grids(model: DecisionModel) -> tuple[np.ndarray, ...]:
    """Every input's slider positions: assumptions on their steps, priorities 0 to 100."""
    low, high = WEIGHT_RANGE
    grids = [_grid(a.min, a.max, a.step) for a in model.assumptions]
    grids += [np.arange(low, high + 1, dtype=float)] * len(model.criteria)
    for grid in grids:
        grid.flags.writeable = False
    return tuple(grids)


def _space_at(current: np.ndarray, model: DecisionModel, option: int) -> _Space:
    low, high = WEIGHT_RANGE
    widths = [a.max - a.min for a in model.assumptions] + [high - low] * len(model.criteria)
    return _Space(
        model=model,
        current=current,
        width=np.array(widths, dtype=float),
        grids=_grids(model),
        option=option,
        tolerance=model.info.constants.tie_tolerance.value,
    )


def _singles(space: _Space, shared: _Shared) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Each input alone at every slider position: the leading rows, and per input the most
    favourable position and the margin there."""
    stacked = shared.single_rows
    margins = space.margins_of(shared.single_scores)
    sizes = np.cumsum([0] + [len(grid) for grid in space.grids])
    best_value = np.empty(len(space.grids))
    best_margin = np.empty(len(space.grids))
    for i, grid in enumerate(space.grids):
        own = margins[sizes[i] : sizes[i + 1]]
        best_value[i], best_margin[i] = grid[own.argmax()], own.max()
    leading = stacked[margins > space.tolerance]
    return [leading], best_value, best_margin


def _coarse(grid: np.ndarray) -> np.ndarray:
    """At most PAIR_POINTS slider positions spread evenly over a grid, both ends included."""
    return grid[np.unique(np.linspace(0, len(grid) - 1, PAIR_POINTS).round().astype(int))]


def _pairs(space: _Space, best_margin: np.ndarray) -> np.ndarray:
    """Pairs of the inputs that come closest alone, on a coarse grid: the leading rows."""
    closest = np.argsort(-best_margin, kind="stable")[:PAIR_INPUTS]
    blocks = []
    for i, j in itertools.combinations(closest, 2):
        axes = [_coarse(space.grids[k]) for k in (i, j)]
        first, second = np.meshgrid(*axes, indexing="ij")
        block = np.tile(space.current, (first.size, 1))
        block[:, i], block[:, j] = first.ravel(), second.ravel()
        blocks.append(block)
    if not blocks:
        return np.empty((0, len(space.current)))
    rows = np.vstack(blocks)
    return rows[space.leads(rows)]


def _snap(space: _Space, row: np.ndarray, towards: np.ndarray) -> np.ndarray:
    """Each input moved to the nearest slider position on the side of `towards`."""
    snapped = row.copy()
    for i, grid in enumerate(space.grids):
        if row[i] == space.current[i]:
            continue
        upward = towards[i] > space.current[i]
        position = np.searchsorted(grid, row[i] - 1e-12 if upward else row[i] + 1e-12)
        position = min(position, len(grid) - 1) if upward else max(position - 1, 0)
        snapped[i] = grid[position]
    return snapped


def _all_at_once(space: _Space, best_value: np.ndarray, best_margin: np.ndarray) -> np.ndarray:
    """Every input towards its most favourable position, the first leading point on the way
    there, then each move undone where the option leads without it; no rows if even the most
    favourable position of every input does not make it lead."""
    now = space.margins(space.current[None, :])[0]
    corner = np.where(best_margin > now, best_value, space.current)
    if not space.leads(corner[None, :])[0]:
        return np.empty((0, len(space.current)))
    steps = np.linspace(0.0, 1.0, LINE_POINTS)[1:, None]
    line = space.current + steps * (corner - space.current)
    row = _snap(space, line[space.leads(line).argmax()], corner)
    if not space.leads(row[None, :])[0]:
        row = corner
    for i in np.argsort(best_margin, kind="stable"):  # undo the least helpful moves first
        if row[i] != space.current[i]:
            trial = row.copy()
            trial[i] = space.current[i]
            if space.leads(trial[None, :])[0]:
                row = trial
    return row[None, :]


def _nearest_positions(grids: Sequence[np.ndarray], rows: np.ndarray) -> np.ndarray:
    """Every value moved to the nearest slider position of its input (`grids`, one per column)."""
    snapped = np.empty_like(rows)
    for i, grid in enumerate(grids):
        right = np.clip(np.searchsorted(grid, rows[:, i]), 1, len(grid) - 1)
        left = right - 1
        nearer_left = rows[:, i] - grid[left] <= grid[right] - rows[:, i]
        snapped[:, i] = np.where(nearer_left, grid[left], grid[right])
    return snapped


def _random_rows(model: DecisionModel, current: np.ndarray, columns: slice) -> np.ndarray:
    """The `columns` of RANDOM_POINTS seeded scenarios over the ranges, denser near `current`
    (those columns' current values): each a point on the segment from the current values to a
    uniform draw, at a distance share U^2 (half with most of the priority on a few criteria),
    snapped to slider positions. Column by column, so the assumptions' part is the same whatever
    the priorities."""
    far, share = _random_targets(model)
    grids = _grids(model)[columns]
    return _nearest_positions(grids, current + share * (far[:, columns] - current))


def _single_rows(model: DecisionModel, current: np.ndarray, columns: slice) -> np.ndarray:
    """The `columns` of every input alone at every slider position (the others at `current`,
    those columns' current values), input by input."""
    grids = _grids(model)
    blocks = [np.tile(current, (len(grid), 1)) for grid in grids]
    for i in range(columns.start or 0, columns.stop or len(grids)):
        blocks[i][:, i - (columns.start or 0)] = grids[i]
    return np.vstack(blocks)


@cache
def _random_targets(model: DecisionModel) -> tuple[np.ndarray, np.ndarray]:
    """The uniform draws over the ranges (RANDOM_POINTS, A + N) and the distance shares
    (RANDOM_POINTS, 1) of `_random_rows`: seeded and independent of the scenario, so drawn once
    per model (read-only)."""
    rng = np.random.default_rng(RANDOM_SEED)
    low = np.array([grid[0] for grid in _grids(model)])
    high = np.array([grid[-1] for grid in _grids(model)])
    far = rng.uniform(low, high, size=(RANDOM_POINTS, len(low)))
    split, half = len(model.assumptions), RANDOM_POINTS // 2
    sparse = rng.dirichlet(np.full(len(low) - split, 0.3), size=half)
    far[:half, split:] = high[split:] * sparse / sparse.max(axis=1, keepdims=True)
    share = rng.random((RANDOM_POINTS, 1)) ** 2
    far.flags.writeable = share.flags.writeable = False
    return far, share


@dataclass(frozen=True, eq=False)
class _Shared:
    """Rows (K, A + N) and their scores (K, M) that every option's search uses: each input alone
    at every slider position, and the random scenarios."""

    single_rows: np.ndarray
    single_scores: np.ndarray
    random_rows: np.ndarray
    random_scores: np.ndarray


@dataclass(frozen=True, eq=False)
class _AssumptionSide:
    """The assumption columns of the shared rows, which the priorities do not change, and their
    weight-free evaluation (`engine.prepare`)."""

    singles: Prepared
    scattered: Prepared


@lru_cache(maxsize=2)  # about 14 MB each
def _assumption_side(model: DecisionModel, current: tuple[float, ...]) -> _AssumptionSide:
    """The shared rows' assumption columns at the assumption values `current`: a priority moved
    alone meets them again."""
    now, columns = np.array(current), slice(0, len(current))
    singles = _single_rows(model, now, columns)
    scattered = _random_rows(model, now, columns)
    for rows in (singles, scattered):
        rows.flags.writeable = False
    return _AssumptionSide(prepare(singles, model), prepare(scattered, model))


def _shared(space: _Space) -> _Shared:
    split = space.assumption_count
    side = _assumption_side(space.model, tuple(space.current[:split].tolist()))
    priorities, columns = space.current[split:], slice(split, None)
    single_rows = np.hstack(
        [side.singles.assumptions, _single_rows(space.model, priorities, columns)]
    )
    random_rows = np.hstack(
        [side.scattered.assumptions, _random_rows(space.model, priorities, columns)]
    )
    return _Shared(
        single_rows,
        _scores(space.model, single_rows, side.singles),
        random_rows,
        _scores(space.model, random_rows, side.scattered),
    )


def _along_lines(space: _Space, targets: np.ndarray) -> np.ndarray:
    """Each leading target row brought to the first leading slider position on the straight
    line from the current values to it."""
    steps = np.linspace(0.0, 1.0, LINE_POINTS)[1:, None]
    refined = []
    for target in targets:
        line = space.current + steps * (target - space.current)
        row = _snap(space, line[space.leads(line).argmax()], target)
        refined.append(row if space.leads(row[None, :])[0] else target)
    return np.array(refined).reshape(-1, len(space.current))


def _tighten(space: _Space, row: np.ndarray) -> np.ndarray:
    """Each moved input, in turn, brought back to the slider position nearest its current value
    at which the option still leads (the others as moved)."""
    row = row.copy()
    for i, grid in enumerate(space.grids):
        if row[i] == space.current[i]:
            continue
        low, high = sorted((space.current[i], row[i]))
        between = grid[(grid >= low) & (grid <= high)]
        trials = np.tile(row, (len(between), 1))
        trials[:, i] = between
        leading = space.leads(trials)
        if leading.any():
            gaps = np.where(leading, np.abs(between - space.current[i]), np.inf)
            row = trials[gaps.argmin()]
    return row


def what_it_takes(scenario: Scenario, model: DecisionModel, option_id: str) -> Scenario | None:
    """The smallest change (see the module docstring) that makes `option_id` lead; the scenario
    itself if it already leads; None if nothing within the ranges does."""
    return what_it_takes_all(scenario, model, (option_id,))[option_id]


def what_it_takes_all(
    scenario: Scenario, model: DecisionModel, option_ids: Sequence[str] | None = None
) -> dict[str, Scenario | None]:
    """`what_it_takes` for several options (default: all), sharing the evaluations they have in
    common."""
    chosen_ids = model.option_ids if option_ids is None else tuple(option_ids)
    for option_id in chosen_ids:
        model.option(option_id)  # an unknown id raises KeyError naming the known ones
    current = np.concatenate([scenario.assumption_vector(model), scenario.weight_vector(model)])
    leader = int(_scores(model, current[None, :])[0].argmax())
    answers: dict[str, Scenario | None] = {}
    shared: _Shared | None = None
    for option_id in chosen_ids:
        option = model.option_ids.index(option_id)
        if option == leader:
            answers[option_id] = scenario
            continue
        space = _space_at(current, model, option)
        shared = shared or _shared(space)
        row = _search(space, shared)
        answers[option_id] = None if row is None else _scenario(scenario, model, row)
    return answers


def _search(space: _Space, shared: _Shared) -> np.ndarray | None:
    """The nearest leading row the search finds, tightened; None if none leads."""
    singles, best_value, best_margin = _singles(space, shared)
    fallback = _all_at_once(space, best_value, best_margin)
    scattered = shared.random_rows[space.margins_of(shared.random_scores) > space.tolerance]
    candidates = np.vstack([*singles, _pairs(space, best_margin), fallback, scattered])
    if not len(candidates):
        return None
    nearest = candidates[np.argsort(space.distance(candidates), kind="stable")[:REFINED]]
    candidates = np.vstack([candidates, _along_lines(space, nearest)])
    return _tighten(space, candidates[space.distance(candidates).argmin()])


def _scenario(scenario: Scenario, model: DecisionModel, row: np.ndarray) -> Scenario:
    """The scenario with the inputs of `row`, keeping its name and notes."""
    split = len(model.assumptions)
    assumptions = {
        a.id: (round(v) if a.whole else round(float(v), 10))
        for a, v in zip(model.assumptions, row[:split], strict=True)
    }
    weights = {c.id: round(v) for c, v in zip(model.criteria, row[split:], strict=True)}
    return Scenario.build(
        {
            "name": scenario.name,
            "notes": scenario.notes,
            "assumptions": assumptions,
            "weights": weights,
        },
        model,
    )


def distance(before: Scenario, after: Scenario, model: DecisionModel) -> float:
    """The L1 distance in range-normalised units between two scenarios (module docstring)."""
    space = _space(before, model, 0)
    row = np.concatenate([after.assumption_vector(model), after.weight_vector(model)])
    return float(space.distance(row))


def _lowered(label: str) -> str:
    """'Option-value priority' -> 'option-value priority'; 'F-35 priority' stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def changes(before: Scenario, after: Scenario, model: DecisionModel) -> list[str]:
    """Each input that differs, as a phrase ('the F-35 priority rose to 40 (from 24 of 100)'),
    the largest move in range-normalised units first."""
    phrases: list[tuple[float, str]] = []
    for a in model.assumptions:
        old, new = before.assumptions[a.id], after.assumptions[a.id]
        if new != old:
            verb = "rose" if new > old else "fell"
            phrases.append(
                (
                    abs(new - old) / (a.max - a.min),
                    f"{a.label} {verb} to {setting_text(new, a.unit, a.step)} "
                    f"(from {setting_text(old, a.unit, a.step)})",
                )
            )
    for c in model.criteria:
        old, new = before.weights[c.id], after.weights[c.id]
        if new != old:
            verb = "rose" if new > old else "fell"
            label = _lowered(c.priority_label)
            phrases.append(
                (abs(new - old) / 100, f"the {label} {verb} to {new:g} (from {old:g} of 100)")
            )
    return [text for _, text in sorted(phrases, key=lambda item: -item[0])]


def what_it_takes_sentence(
    scenario: Scenario, changed: Scenario | None, model: DecisionModel, option_id: str
) -> str:
    """`what_it_takes`'s answer in one sentence."""
    option = model.option(option_id)
    if changed is None:
        return f"No change within the declared ranges that was tried puts {option.label} first."
    phrases = changes(scenario, changed, model)
    if not phrases:
        return f"{option.label} leads as things stand."
    if len(phrases) > SENTENCE_CHANGES:
        rest = len(phrases) - SENTENCE_CHANGES + 1
        phrases = [*phrases[: SENTENCE_CHANGES - 1], f"{rest} smaller changes were made"]
    listed = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    return f"{option.short_label} would lead if {listed}."
