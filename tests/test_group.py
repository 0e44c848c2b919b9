"""Group analysis of a meeting's priorities: hand-worked cases on a toy table, and the model's
engine scoring every participant in one batch."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario, evaluate
from scoring import group as group_module
from scoring.group import (
    analyse_group,
    analyse_participants,
    group_weights,
    most_disputed,
    slider_weights,
    with_share,
)
from scoring.mavt import normalise_weights
from tests.conftest import MODEL

# Options A, B, C on two criteria: A is all first criterion, B all second, C a compromise.
VALUES = np.array([[100.0, 0.0], [0.0, 100.0], [60.0, 60.0]])
A, B, C = 0, 1, 2


def toy_score(weights: np.ndarray) -> np.ndarray:
    return normalise_weights(weights) @ VALUES.T


def test_four_participants_worked_by_hand() -> None:
    # Shares (1, 0), (0, 1), (0.5, 0.5), (0.75, 0.25): scores A = 100a, B = 100(1 - a), C = 60.
    group = analyse_group(np.array([[1, 0], [0, 1], [1, 1], [3, 1]]), toy_score)
    assert group.count == 4
    assert group.leaders.tolist() == [A, B, C, A]
    np.testing.assert_allclose(group.leader_share, [0.5, 0.25, 0.25])
    np.testing.assert_allclose(
        group.rank_acceptability,
        [[0.5, 0.25, 0.25], [0.25, 0.0, 0.75], [0.25, 0.75, 0.0]],
    )
    # Regrets per participant: A (0, 100, 10, 0), B (100, 0, 10, 50), C (40, 40, 0, 15).
    np.testing.assert_allclose(group.max_regret, [100, 100, 40])
    assert group.robust == C
    # Shares of the first criterion, sorted 0, 0.5, 0.75, 1 (linear percentiles).
    np.testing.assert_allclose(group.spread[0], [0, 0.375, 0.625, 0.8125, 1])
    np.testing.assert_allclose(group.spread[1], [0, 0.1875, 0.375, 0.625, 1])
    np.testing.assert_allclose(group.group_weights, [0.625, 0.375])
    assert group.group_basis == "median"
    assert group.group_leader == A  # 62.5 against C's 60
    # Both priorities spread alike: the earlier is named; its shares 1, 0, 0.5, 0.75 make
    # A, B, C and A lead.
    assert group.disputed == 0
    assert group.disputed_leaders == (A, B, C)
    assert group.changes_leader
    assert not group.agreed


def test_a_group_that_agrees_on_the_leader() -> None:
    group = analyse_group(np.array([[8, 2], [9, 1]]), toy_score)
    assert group.leaders.tolist() == [A, A]
    np.testing.assert_allclose(group.leader_share, [1, 0, 0])
    np.testing.assert_allclose(group.group_weights, [0.85, 0.15])
    assert group.disputed_leaders == (A,)
    assert not group.changes_leader
    assert group.robust == A
    np.testing.assert_allclose(group.max_regret, [0, 80, 30])  # B: 90 - 10, C: 90 - 60


def test_one_participant_is_a_group_of_one() -> None:
    group = analyse_group(np.array([[0, 5]]), toy_score)
    assert group.leaders.tolist() == [B]
    np.testing.assert_allclose(group.spread, [[0] * 5, [1] * 5])
    assert group.agreed
    np.testing.assert_allclose(group.rank_acceptability, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert not group.changes_leader


def test_the_widest_quartile_range_is_the_most_disputed() -> None:
    spread = np.array(
        [
            [0.0, 0.2, 0.3, 0.4, 0.9],  # quartile range 0.2, full range 0.9
            [0.1, 0.1, 0.3, 0.5, 0.5],  # quartile range 0.4
            [0.0, 0.1, 0.3, 0.5, 0.6],  # quartile range 0.4, wider full range: this one
        ]
    )
    assert most_disputed(spread) == 2


def test_median_weights_fall_back_to_the_mean_when_every_median_is_zero() -> None:
    weights, basis = group_weights(np.eye(3))
    assert basis == "mean"
    np.testing.assert_allclose(weights, [1 / 3] * 3)
    weights, basis = group_weights(np.array([[0.2, 0.8], [0.4, 0.6], [0.9, 0.1]]))
    assert basis == "median"
    np.testing.assert_allclose(weights, [0.4, 0.6])


def test_setting_one_share_keeps_the_others_in_proportion() -> None:
    rows = with_share(np.array([0.5, 0.3, 0.2]), 0, np.array([0.8, 0.0]))
    np.testing.assert_allclose(rows, [[0.8, 0.12, 0.08], [0.0, 0.6, 0.4]])
    np.testing.assert_allclose(
        with_share(np.array([0.0, 1.0, 0.0]), 1, np.array([0.5])), [[0.25, 0.5, 0.25]]
    )


def test_shares_become_whole_slider_priorities() -> None:
    assert slider_weights(np.array([0.625, 0.375])) == [62, 38]
    assert slider_weights(np.array([0.996, 0.004, 0.0])) == [100, 1, 0]


def test_all_zero_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="above zero"):
        analyse_group(np.array([[1, 0], [0, 0]]), toy_score)


def test_the_engine_scores_every_participant_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = Scenario.build({"assumptions": {"interceptor_shelf_life_years": 8}}, MODEL)
    rng = np.random.default_rng(7)
    weights = rng.integers(0, 101, size=(40, len(MODEL.criteria))).astype(float)
    weights[0] = 0
    weights[0, 1] = 50  # all on air defence
    calls: list[int] = []
    real = group_module.evaluate_batch

    def counting(assumptions: np.ndarray, rows: np.ndarray, model: object) -> object:
        calls.append(len(rows))
        return real(assumptions, rows, model)

    monkeypatch.setattr(group_module, "evaluate_batch", counting)
    group = analyse_participants(scenario, MODEL, weights)
    assert calls == [40, 41]  # the participants, then the group and the disputed trials
    for k in (0, 17, 39):
        single = Scenario.build(
            {
                "assumptions": scenario.assumptions,
                "weights": dict(zip(MODEL.criterion_ids, weights[k].tolist(), strict=True)),
            },
            MODEL,
        )
        result = evaluate(single, MODEL)
        np.testing.assert_allclose(group.scores[k], result.scores)
        assert group.leaders[k] == int(np.argmax(result.scores))
    np.testing.assert_allclose(group.rank_acceptability.sum(axis=0), 1)
    np.testing.assert_allclose(group.rank_acceptability.sum(axis=1), 1)
    np.testing.assert_allclose(group.leader_share, group.rank_acceptability[:, 0])
    assert group.max_regret[group.robust] == group.max_regret.min()
