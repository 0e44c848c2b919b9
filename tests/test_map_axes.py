"""The decision map opens on the two inputs nearest to changing the leader."""

from __future__ import annotations

import numpy as np

from scoring import Scenario, default_model, evaluate
from scoring.map_axes import flip_distances, nearest_axes
from scoring.robustness import analyse
from scoring.sensitivity import DEFAULT_MAP_AXES

MODEL = default_model()
SCENARIO = Scenario.build({}, MODEL)
REPORT = analyse(SCENARIO, MODEL)


def test_the_first_axes_are_the_two_smallest_moves_that_flip_the_leader() -> None:
    distances = flip_distances(REPORT, MODEL)
    x, y = nearest_axes(REPORT, MODEL)
    assert x != y
    others = [d for axis, d in distances.items() if axis not in (x, y)]
    assert distances[x] <= distances[y] <= min(others)


def test_moving_the_nearest_assumption_that_far_flips_the_leader() -> None:
    distances = flip_distances(REPORT, MODEL)
    assumption = min((a for a in distances if a in MODEL.assumption_ids), key=distances.get)
    spec = MODEL.assumption(assumption)
    now = SCENARIO.assumptions[assumption]
    leader = evaluate(SCENARIO, MODEL).ranking[0].option_id
    step = distances[assumption] * (spec.max - spec.min) + 1e-6 * (spec.max - spec.min)
    moved = [np.clip(now + sign * step, spec.min, spec.max) for sign in (-1, 1)]
    leaders = {
        evaluate(Scenario.build({"assumptions": {assumption: value}}, MODEL), MODEL)
        .ranking[0]
        .option_id
        for value in moved
    }
    assert leaders - {leader}


def test_defaults_fill_in_when_nothing_flips() -> None:
    class Still:
        assumption_thresholds = ()
        weight_thresholds = ()

    assert nearest_axes(Still(), MODEL) == DEFAULT_MAP_AXES
