"""The additive value model against published cases and its own contracts."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.mavt import (
    competition_ranks,
    contributions,
    linear_value,
    normalise_weights,
    table_value,
)

# Weighted sum model, Wikipedia "Weighted sum model" example (all criteria benefit).
WSM_MATRIX = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
WSM_WEIGHTS = np.array([0.20, 0.15, 0.40, 0.25])


def additive_scores(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return contributions(values, normalise_weights(weights)).sum(axis=-1)


def test_weighted_sum_on_raw_scores_matches_published_case() -> None:
    scores = additive_scores(WSM_MATRIX, WSM_WEIGHTS)
    np.testing.assert_allclose(scores, [21.5, 22.0, 22.0])


def test_weighted_sum_tie_between_a2_and_a3_shares_first_rank() -> None:
    scores = additive_scores(WSM_MATRIX, WSM_WEIGHTS)
    assert competition_ranks(scores, tolerance=1e-9).tolist() == [3, 1, 1]


def test_weighted_sum_min_max_normalised_matches_published_case() -> None:
    low, high = WSM_MATRIX.min(axis=0), WSM_MATRIX.max(axis=0)
    values = linear_value(WSM_MATRIX, low, high, np.ones(4, dtype=bool)) / 100.0
    np.testing.assert_allclose(additive_scores(values, WSM_WEIGHTS), [0.475, 0.5333333333, 0.6])


def test_linear_value_runs_benefit_up_and_cost_down_and_clips() -> None:
    performance = np.array([[-1.0, 0.0, 0.25, 1.0, 2.0]]).T.repeat(2, axis=1)
    values = linear_value(performance, np.zeros(2), np.ones(2), np.array([True, False]))
    assert values[:, 0].tolist() == [0.0, 0.0, 25.0, 100.0, 100.0]
    assert values[:, 1].tolist() == [100.0, 100.0, 75.0, 0.0, 0.0]


def test_weights_are_normalised_per_row() -> None:
    rows = normalise_weights(np.array([[1.0, 3.0], [5.0, 0.0]]))
    np.testing.assert_allclose(rows, [[0.25, 0.75], [1.0, 0.0]])


@pytest.mark.parametrize("weights", [[0.0, 0.0], [-1.0, 2.0], [np.nan, 1.0], [np.inf, 1.0]])
def test_unusable_weights_are_rejected(weights: list[float]) -> None:
    with pytest.raises(ValueError):
        normalise_weights(np.array(weights))


def test_ranks_within_tolerance_are_ties_and_beyond_it_are_not() -> None:
    scores = np.array([50.0, 50.04, 49.0, 60.0])
    assert competition_ranks(scores, tolerance=0.05).tolist() == [2, 2, 4, 1]
    assert competition_ranks(scores, tolerance=0.01).tolist() == [3, 2, 4, 1]


def test_table_value_scales_every_row_of_a_table_as_linear_value_does() -> None:
    rng = np.random.default_rng(7)
    table = rng.uniform(-0.5, 1.5, size=(5, 3, 4))
    low, high = np.zeros(4), np.array([1.0, 2.0, 1.0, 0.5])
    benefit = np.array([True, False, True, False])
    out = np.empty_like(table)
    assert table_value(table, low, high, benefit, out) is out
    np.testing.assert_array_equal(out, linear_value(table, low, high, benefit))


def test_table_value_refuses_an_out_it_cannot_write_in_place() -> None:
    table = np.ones((4, 2, 3))
    with pytest.raises(ValueError):
        table_value(
            table, np.zeros(3), np.ones(3), np.ones(3, bool), np.empty((4, 3, 2)).transpose(0, 2, 1)
        )
