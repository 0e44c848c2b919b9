"""One-way and two-way sensitivity checked against `evaluate` and brute-force sweeps."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario, evaluate, evaluate_batch
from scoring.sensitivity import (
    assumption_thresholds,
    decision_map,
    leader_margin,
    scenario_weight_thresholds,
    tornado,
    weight_thresholds,
)
from tests.conftest import MODEL

SCENARIOS = {
    "baseline": Scenario.build({}, MODEL),
    **{p.id: Scenario.from_preset(p.id, MODEL) for p in MODEL.presets if p.id != "baseline"},
}


def with_assumption(scenario: Scenario, assumption_id: str, value: float) -> Scenario:
    """`scenario` at an analysis point. Thresholds and map cells fall between slider positions
    (a fraction of a year, of a priority point) that no door accepts from a user, so the point
    is copied in without the doors' validation; the engine evaluates any real value."""
    assert MODEL.assumption(assumption_id).min <= value <= MODEL.assumption(assumption_id).max
    return scenario.model_copy(
        update={"assumptions": {**scenario.assumptions, assumption_id: float(value)}}
    )


def with_weight(scenario: Scenario, criterion_id: str, value: float) -> Scenario:
    """`scenario` with one raw priority at an analysis point (see `with_assumption`)."""
    assert value >= 0
    return scenario.model_copy(update={"weights": {**scenario.weights, criterion_id: float(value)}})


def leader_of(scenario: Scenario) -> int:
    return MODEL.option_ids.index(evaluate(scenario, MODEL).ranking[0].option_id)


def margin_of(scenario: Scenario, leader: int) -> float:
    return float(leader_margin(evaluate(scenario, MODEL).scores, leader))


# --- tornado ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_tornado_ends_are_the_ranges_and_leaders_match_evaluate(name: str) -> None:
    scenario = SCENARIOS[name]
    result = tornado(scenario, MODEL)
    ranking = evaluate(scenario, MODEL).ranking
    assert MODEL.option_ids[result.leader] == ranking[0].option_id
    assert MODEL.option_ids[result.runner_up] == ranking[1].option_id
    assert result.margin == pytest.approx(ranking[0].score - ranking[1].score)
    assert sorted(bar.assumption for bar in result.bars) == list(range(len(MODEL.assumptions)))
    for bar in result.bars:
        spec = MODEL.assumptions[bar.assumption]
        assert (bar.low, bar.high) == (spec.min, spec.max)
        for value, leader, margin in (
            (bar.low, bar.leader_low, bar.margin_low),
            (bar.high, bar.leader_high, bar.margin_high),
        ):
            moved = with_assumption(scenario, spec.id, value)
            assert leader == leader_of(moved), spec.id
            assert margin == pytest.approx(margin_of(moved, result.leader)), spec.id


def test_tornado_bars_are_widest_first() -> None:
    result = tornado(SCENARIOS["baseline"], MODEL)
    spans = [
        max(b.margin_low, b.margin_high, result.margin)
        - min(b.margin_low, b.margin_high, result.margin)
        for b in result.bars
    ]
    assert spans == sorted(spans, reverse=True)
    assert spans[0] > 1.0


# --- assumption thresholds --------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_assumption_thresholds_match_a_brute_force_sweep(name: str) -> None:
    """On a 2,001-point sweep of each assumption, the first point past each side's threshold
    is the first one the leader loses, and the reported successor leads there."""
    scenario = SCENARIOS[name]
    current = scenario.assumption_vector(MODEL)
    leader = leader_of(scenario)
    found = 0
    for t in assumption_thresholds(scenario, MODEL):
        spec = MODEL.assumptions[t.assumption]
        assert t.value == current[t.assumption]
        for end, threshold, successor in (
            (spec.min, t.below, t.below_leader),
            (spec.max, t.above, t.above_leader),
        ):
            along = np.linspace(t.value, end, 2001)
            rows = np.tile(current, (len(along), 1))
            rows[:, t.assumption] = along
            leaders = evaluate_batch(rows, scenario.weight_vector(MODEL), MODEL).scores.argmax(1)
            lost = np.flatnonzero(leaders != leader)
            if threshold is None:
                assert lost.size == 0, (spec.id, end)
                continue
            found += 1
            step = abs(along[1] - along[0])
            first = lost[0]
            assert abs(threshold - along[first]) <= step + t.resolution, (spec.id, end)
            assert successor == leaders[first], (spec.id, end)
    assert found > 0


def test_assumption_thresholds_are_exact_where_the_scores_are_linear() -> None:
    """At the reported value the leader's margin is zero to rounding."""
    scenario = SCENARIOS["baseline"]
    leader = leader_of(scenario)
    thresholds = [t for t in assumption_thresholds(scenario, MODEL) if t.below or t.above]
    assert thresholds
    for t in thresholds:
        spec = MODEL.assumptions[t.assumption]
        for value in (t.below, t.above):
            if value is not None:
                moved = with_assumption(scenario, spec.id, value)
                assert margin_of(moved, leader) == pytest.approx(0.0, abs=1e-9), spec.id
                assert t.resolution < (spec.max - spec.min) / 5_000


def test_no_assumption_matters_when_only_judgement_counts() -> None:
    weights = dict.fromkeys(MODEL.criterion_ids, 0.0) | {"reversibility": 1.0}
    scenario = Scenario.build({"weights": weights}, MODEL)
    for t in assumption_thresholds(scenario, MODEL):
        assert t.below is None and t.above is None and t.resolution == 0


# --- weight thresholds ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_weight_thresholds_match_a_brute_force_sweep(name: str) -> None:
    """Sweeping each criterion's share over 4,000 points (its raw weight, the others fixed), the
    leader changes exactly between the grid points around each reported leader change."""
    scenario = SCENARIOS[name]
    raw = scenario.weight_vector(MODEL)
    rows = np.tile(scenario.assumption_vector(MODEL), (4000, 1))
    shares = (np.arange(4000) + 0.5) / 4000 * 0.9999  # midpoints: off the round numbers
    for threshold in scenario_weight_thresholds(scenario, MODEL):
        j = threshold.criterion
        rest = raw.sum() - raw[j]
        weights = np.tile(raw, (len(shares), 1))
        weights[:, j] = shares * rest / (1 - shares)
        leaders = evaluate_batch(rows, weights, MODEL).scores.argmax(axis=1)
        changes = np.flatnonzero(np.diff(leaders))
        reported = [c for c in threshold.crossings if c.leader_change and c.weight < shares[-1]]
        assert len(changes) == len(reported), MODEL.criterion_ids[j]
        for index, crossing in zip(changes, reported, strict=True):
            assert shares[index] < crossing.weight <= shares[index + 1]
            assert (leaders[index], leaders[index + 1]) == (
                crossing.ahead_below,
                crossing.ahead_above,
            )


def test_weight_thresholds_as_slider_values_flip_the_leader() -> None:
    scenario = SCENARIOS["baseline"]
    leader = leader_of(scenario)
    checked = 0
    for t in scenario_weight_thresholds(scenario, MODEL):
        criterion_id = MODEL.criterion_ids[t.criterion]
        assert t.leader == leader
        assert t.weight == pytest.approx(evaluate(scenario, MODEL).weights[t.criterion])
        for slider, successor, towards in (
            (t.below_slider, t.below_leader, -1),
            (t.above_slider, t.above_leader, +1),
        ):
            if slider is None:
                continue
            checked += 1
            kept = with_weight(scenario, criterion_id, slider - towards * 1e-6)
            moved = with_weight(scenario, criterion_id, slider + towards * 1e-6)
            assert leader_of(kept) == leader, criterion_id
            assert leader_of(moved) == successor, criterion_id
    assert checked > 0


def test_a_criterion_alone_has_no_weight_path() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    only, other = weight_thresholds(values, np.array([1.0, 0.0]))
    assert only.crossings == () and only.below is None and only.above is None
    assert [c.weight for c in other.crossings] == [pytest.approx(0.5)]
    assert (other.above, other.above_leader, other.above_slider) == (0.5, 1, 1.0)


# --- decision map -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x_axis", "y_axis"),
    [
        ("interceptor_shelf_life_years", "p_readmission_if_divested"),
        ("maintenance_sanction_risk", "weight_f35_prospects"),
        ("weight_air_defence", "weight_sanctions_exposure"),
    ],
)
def test_decision_map_cells_match_evaluate(x_axis: str, y_axis: str) -> None:
    scenario = SCENARIOS["baseline"]
    result = decision_map(scenario, MODEL, x_axis, y_axis)
    assert result.leaders.shape == result.margins.shape == (41, 41)
    assert np.all(result.margins >= 0)
    x0, y0 = result.current
    assert result.x_values[0] <= x0 <= result.x_values[-1]
    assert result.y_values[0] <= y0 <= result.y_values[-1]
    assert result.current_leader == leader_of(scenario)
    rng = np.random.default_rng(5)
    cells = [(0, 0), (40, 40), (0, 40), (40, 0), (20, 20), *rng.integers(0, 41, size=(6, 2))]
    for row, column in cells:
        moved = scenario
        for axis, value in ((x_axis, result.x_values[column]), (y_axis, result.y_values[row])):
            if axis.startswith("weight_"):
                moved = with_weight(moved, axis.removeprefix("weight_"), value)
            else:
                moved = with_assumption(moved, axis, value)
        assert result.leaders[row, column] == leader_of(moved), (row, column)


def test_decision_map_axes() -> None:
    scenario = SCENARIOS["baseline"]
    result = decision_map(scenario, MODEL, "siper_operational_year", "weight_leverage", 51)
    np.testing.assert_allclose(result.x_values, np.linspace(2027, 2032, 51))
    np.testing.assert_allclose(result.y_values, np.linspace(0, 100, 51))
    assert result.current == (2030.0, scenario.weights["leverage"])


@pytest.mark.parametrize(
    ("x_axis", "y_axis", "words"),
    [
        ("no_such_assumption", "weight_leverage", "unknown axis"),
        ("weight_no_such_criterion", "weight_leverage", "unknown axis"),
        ("weight_leverage", "weight_leverage", "differ"),
    ],
)
def test_decision_map_refuses_bad_axes(x_axis: str, y_axis: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        decision_map(SCENARIOS["baseline"], MODEL, x_axis, y_axis)


def test_decision_map_over_the_only_two_weights_refuses_the_all_zero_corner() -> None:
    weights = dict.fromkeys(MODEL.criterion_ids, 0.0) | {"leverage": 1.0, "reversibility": 1.0}
    scenario = Scenario.build({"weights": weights}, MODEL)
    with pytest.raises(ValueError, match="zero"):
        decision_map(scenario, MODEL, "weight_leverage", "weight_reversibility")
