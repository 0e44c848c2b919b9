"""Properties an analyst expects of the model, checked over the whole assumption space."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Scenario, evaluate_batch
from tests.conftest import (
    MODEL,
    assumption_position,
    assumption_vectors,
    criterion_position,
    option_position,
    weight_vectors,
)

# Over the ranked list (options, then strategies). A strategy may end by staying put after a
# failed attempt, so none counts as divesting.
DIVESTING = np.isin(MODEL.option_ids, [o.id for o in MODEL.direct_options if o.divests])
KEEP = option_position("keep_storage")
F35 = criterion_position("f35_prospects")
TOLERANCE = 1e-9
MODEL_WEIGHTS = np.array([c.default_weight for c in MODEL.criteria])


def scores_when(assumptions: np.ndarray, weights: np.ndarray, moved: str, low: float, high: float):
    """Scores (2, M) with one assumption at `low` then at `high`."""
    stack = np.tile(assumptions, (2, 1))
    stack[:, assumption_position(moved)] = [low, high]
    return evaluate_batch(stack, weights, MODEL).scores


def ordered_pair(assumption_id: str) -> st.SearchStrategy[tuple[float, float]]:
    spec = MODEL.assumption(assumption_id)
    value = st.floats(spec.min, spec.max, allow_nan=False)
    return st.tuples(value, value).map(sorted)


@given(assumption_vectors(), weight_vectors(), st.floats(0.01, 1000.0))
def test_scaling_all_weights_leaves_scores_unchanged(assumptions, weights, factor) -> None:
    plain = evaluate_batch(assumptions[None, :], weights, MODEL).scores
    scaled = evaluate_batch(assumptions[None, :], weights * factor, MODEL).scores
    np.testing.assert_allclose(plain, scaled, atol=1e-9)


@given(assumption_vectors(), weight_vectors())
def test_scores_lie_in_0_to_100_and_contributions_sum_to_them(assumptions, weights) -> None:
    batch = evaluate_batch(assumptions[None, :], weights, MODEL)
    assert np.all((batch.scores >= 0) & (batch.scores <= 100))
    np.testing.assert_allclose(batch.contributions.sum(axis=-1), batch.scores, atol=1e-9)
    np.testing.assert_allclose(batch.weights.sum(), 1.0)


@given(assumption_vectors())
def test_performance_stays_inside_every_declared_range(assumptions) -> None:
    """The declared ranges really span what the formulas can produce, so nothing is clipped."""
    table = evaluate_batch(assumptions[None, :], MODEL_WEIGHTS, MODEL).performance[0]
    for n, criterion in enumerate(MODEL.criteria):
        low, high = criterion.range
        assert np.all(table[:, n] >= low - TOLERANCE), criterion.id
        assert np.all(table[:, n] <= high + TOLERANCE), criterion.id


@pytest.mark.parametrize(
    ("assumption_id", "option_ids", "direction"),
    [
        ("interceptor_shelf_life_years", ["keep_storage", "keep_serviced", "activate"], +1),
        ("servicing_life_extension_years", ["keep_serviced", "activate"], +1),
        (
            "maintenance_sanction_risk",
            ["keep_serviced", "supervised_storage", "activate"],
            -1,
        ),
        ("p_russia_consents_third_country", ["sell_third_country"], +1),
        # Acceptance is not monotone any more: a buyback that happens can itself draw sanctions.
        ("buyback_sanction_risk", ["sell_back_russia"], -1),
        ("buyback_price_share", ["sell_back_russia"], +1),
        (
            "p_readmission_if_divested",
            ["sell_back_russia", "sell_third_country", "transfer_west", "dismantle"],
            +1,
        ),
    ],
)
@settings(max_examples=150)
@given(data=st.data())
def test_monotone_responses(assumption_id, option_ids, direction, data) -> None:
    """Moving an assumption one way never moves these options' scores the other way."""
    assumptions = data.draw(assumption_vectors())
    weights = data.draw(weight_vectors())
    low, high = data.draw(ordered_pair(assumption_id))
    scores = scores_when(assumptions, weights, assumption_id, low, high)
    for option_id in option_ids:
        m = option_position(option_id)
        assert direction * (scores[1, m] - scores[0, m]) >= -TOLERANCE, option_id


def test_the_divesting_options_named_in_the_monotonicity_rule_are_the_divesting_ones() -> None:
    divesting = {o.id for o in MODEL.direct_options if o.divests}
    assert divesting == {"sell_back_russia", "sell_third_country", "transfer_west", "dismantle"}


@pytest.mark.parametrize("assumption_id", [a.id for a in MODEL.assumptions])
def test_every_assumption_moves_some_option_score(assumption_id) -> None:
    """No dead sliders: from its minimum to its maximum, every assumption changes a score."""
    spec = MODEL.assumption(assumption_id)
    defaults = np.array([a.default for a in MODEL.assumptions])
    scores = scores_when(defaults, MODEL_WEIGHTS, assumption_id, spec.min, spec.max)
    assert np.max(np.abs(scores[1] - scores[0])) > 0.01


@given(assumption_vectors())
def test_every_divesting_option_is_at_least_as_good_as_keeping_on_f35(assumptions) -> None:
    """Why more F-35 priority can only help divestment: its F-35 column never favours keeping."""
    values = evaluate_batch(assumptions[None, :], MODEL_WEIGHTS, MODEL).values[0]
    assert np.all(values[DIVESTING, F35] >= values[KEEP, F35])


def divesting_lead(assumptions: np.ndarray, weights: np.ndarray, f35_weights: np.ndarray):
    """Lead of the best divesting option over keep_storage as the F-35 weight sweeps."""
    stack = np.tile(weights, (len(f35_weights), 1))
    stack[:, F35] = f35_weights
    scores = evaluate_batch(np.tile(assumptions, (len(f35_weights), 1)), stack, MODEL).scores
    return scores[:, DIVESTING].max(axis=1) - scores[:, KEEP]


@pytest.mark.parametrize("preset_id", [p.id for p in MODEL.presets])
@settings(max_examples=60)
@given(assumptions=assumption_vectors())
def test_raising_f35_weight_never_narrows_the_divesting_lead(preset_id, assumptions) -> None:
    """Under every shipped priority profile and any assumptions, sweeping the F-35 weight from
    0 to 200 never narrows the best divesting option's lead over keep_storage."""
    weights = Scenario.from_preset(preset_id, MODEL).weight_vector(MODEL)
    lead = divesting_lead(assumptions, weights, np.linspace(0.0, 200.0, 41))
    assert np.all(np.diff(lead) >= -TOLERANCE)


@given(assumption_vectors(), weight_vectors(), st.floats(0.1, 500.0))
def test_raising_f35_weight_never_loses_a_divesting_lead(assumptions, weights, extra) -> None:
    """For any priorities at all: a divesting lead survives more F-35 priority."""
    lead = divesting_lead(assumptions, weights, np.array([weights[F35], weights[F35] + extra]))
    if lead[0] > 0:
        assert lead[1] > 0
