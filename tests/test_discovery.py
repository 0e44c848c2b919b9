"""Scenario discovery: rules found by a decision tree, checked against the draws themselves."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario, sampling
from scoring.discovery import MIN_SHARE, describe, discover, leading_rules
from scoring.engine import evaluate_batch
from tests.conftest import MODEL

DRAWS = 10_000


def draws_for(scenario: Scenario, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The draws `discover` makes (assumptions, weights, winners), rebuilt independently."""
    rng = np.random.default_rng(seed)
    assumptions = sampling.draw_assumptions(scenario, MODEL, DRAWS, rng)
    weights = sampling.draw_weights(scenario, MODEL, DRAWS, rng)
    winners = evaluate_batch(assumptions, weights, MODEL).scores.argmax(axis=1)
    return assumptions, weights, winners


def in_box(rule, assumptions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    inside = np.ones(len(assumptions), dtype=bool)
    for c in rule.conditions:
        if c.input_id.startswith("weight_"):
            column = weights[:, MODEL.criterion_ids.index(c.input_id.removeprefix("weight_"))]
        else:
            column = assumptions[:, MODEL.assumption_ids.index(c.input_id)]
        inside &= column <= c.threshold if c.side == "below" else column > c.threshold
    return inside


@pytest.mark.parametrize("preset", ["baseline", "moscow_deal", "ankara_holds"])
def test_coverage_and_density_match_the_draws(preset: str) -> None:
    scenario = Scenario.from_preset(preset, MODEL)
    contenders = discover(scenario, MODEL, draws=DRAWS, seed=3)
    assumptions, weights, winners = draws_for(scenario, 3)
    assert contenders and all(c.share >= MIN_SHARE for c in contenders)
    assert [c.share for c in contenders] == sorted((c.share for c in contenders), reverse=True)
    for contender in contenders:
        wins = winners == MODEL.option_ids.index(contender.option_id)
        assert contender.share == pytest.approx(wins.mean())
        assert contender.rules
        for rule in contender.rules:
            inside = in_box(rule, assumptions, weights)
            assert rule.draws == inside.sum()
            assert rule.coverage == pytest.approx(wins[inside].sum() / wins.sum())
            assert rule.density == pytest.approx(wins[inside].mean())
            assert rule.density > 0.5
        assert contender.label in describe(contender)


def test_a_planted_rule_is_found() -> None:
    """Wins exactly where readmission-if-divested exceeds 0.6: one box, full coverage, density."""
    rng = np.random.default_rng(1)
    low = np.array([a.min for a in MODEL.assumptions])
    high = np.array([a.max for a in MODEL.assumptions])
    features = rng.uniform(low, high, size=(DRAWS, len(low)))
    column = MODEL.assumption_ids.index("p_readmission_if_divested")
    wins = features[:, column] > 0.6
    (rule,) = leading_rules(MODEL, features, list(MODEL.assumption_ids), wins, seed=0)[:1]
    assert [(c.input_id, c.side) for c in rule.conditions] == [
        ("p_readmission_if_divested", "above")
    ]
    assert rule.conditions[0].threshold == pytest.approx(0.6, abs=0.005)
    assert rule.coverage == 1.0 and rule.density >= 0.999  # the split lies within a draw of 0.6
    assert rule.text.startswith("F-35 readmission chance if divested above 60")


def test_same_seed_same_rules() -> None:
    scenario = Scenario.from_preset("moscow_deal", MODEL)
    first = discover(scenario, MODEL, draws=DRAWS, seed=9)
    assert [c.to_dict() for c in first] == [
        c.to_dict() for c in discover(scenario, MODEL, draws=DRAWS, seed=9)
    ]


def test_fixed_inputs_leave_one_contender_with_no_conditions() -> None:
    scenario = Scenario.build({}, MODEL)
    (only,) = discover(scenario, MODEL, draws=500, spread=0.0, band=0.0)
    assert only.share == 1.0
    assert only.rules[0].text == "in every draw" and only.rules[0].coverage == 1.0
