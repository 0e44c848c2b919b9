"""SMAA-2 on plain arrays: the closed-form three-option case, ties, confidence factors.

Closed form: values A = (1, 0), B = (0, 1), C = (0.6, 0.6) with weights uniform on the simplex,
so w1 ~ U(0, 1) and the scores are A = w1, B = 1 - w1, C = 0.6. B leads below w1 = 0.4, C between
0.4 and 0.6, A above 0.6; A and B swap at 0.5.
"""

from __future__ import annotations

import numpy as np
import pytest

from scoring import uncertainty
from scoring.sensitivity import weight_thresholds

VALUES = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
ACCEPTABILITY = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
CENTRAL = np.array([[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]])
# w1 given each option ranks first is uniform on (0.6, 1), (0, 0.4), (0.4, 0.6): its spread
CENTRAL_SD = np.array([0.4, 0.4, 0.2]) / np.sqrt(12)
DRAWS = 20_000


@pytest.fixture(scope="module")
def simplex_weights() -> np.ndarray:
    return np.random.default_rng(2026).dirichlet(np.ones(2), size=DRAWS)


def test_closed_form_rank_acceptability(simplex_weights: np.ndarray) -> None:
    shares = uncertainty.rank_acceptability(VALUES, simplex_weights)
    error = np.sqrt(ACCEPTABILITY * (1 - ACCEPTABILITY) / DRAWS)
    assert np.all(np.abs(shares - ACCEPTABILITY) <= 4 * error + 1e-12)
    assert shares[2, 2] == 0.0  # C is never last: one of A, B always scores below 0.6
    np.testing.assert_allclose(shares.sum(axis=0), 1.0)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)


def test_closed_form_central_weights(simplex_weights: np.ndarray) -> None:
    central = uncertainty.central_weights(VALUES, simplex_weights)
    error = CENTRAL_SD / np.sqrt(ACCEPTABILITY[:, 0] * DRAWS)
    assert np.all(np.abs(central[:, 0] - CENTRAL[:, 0]) <= 4 * error)
    np.testing.assert_allclose(central.sum(axis=1), 1.0)


def test_exact_values_give_confidence_one(simplex_weights: np.ndarray) -> None:
    """With no uncertainty in the values each option wins under its own central weights."""
    central = uncertainty.central_weights(VALUES, simplex_weights)
    np.testing.assert_array_equal(uncertainty.confidence_factors(VALUES, central), [1, 1, 1])


def test_confidence_factors_match_a_direct_count() -> None:
    rng = np.random.default_rng(7)
    values = VALUES + rng.normal(0, 0.15, size=(5_000, 3, 2))
    weights = rng.dirichlet(np.ones(2), size=5_000)
    central = uncertainty.central_weights(values, weights)
    factors = uncertainty.confidence_factors(values, central)
    for i in range(3):
        wins = (values @ central[i]).argmax(axis=1) == i
        assert factors[i] == pytest.approx(wins.mean())
    assert np.all((factors > 0) & (factors < 1))


def test_an_option_never_first_has_no_central_weights_or_confidence() -> None:
    values = np.vstack([VALUES, [[0.1, 0.1]]])  # D is dominated by C
    weights = np.random.default_rng(1).dirichlet(np.ones(2), size=1_000)
    central = uncertainty.central_weights(values, weights)
    assert np.isnan(central[3]).all()
    assert not np.isnan(central[:3]).any()
    factors = uncertainty.confidence_factors(values, central)
    assert np.isnan(factors[3])
    assert uncertainty.rank_acceptability(values, weights)[3, 0] == 0.0


def test_ties_go_to_the_earlier_option() -> None:
    ranks = uncertainty.ordinal_ranks(np.array([[0.5, 0.5, 0.9], [0.2, 0.2, 0.2]]))
    np.testing.assert_array_equal(ranks, [[2, 3, 1], [1, 2, 3]])
    identical = np.array([[1.0, 0.0], [1.0, 0.0]])
    shares = uncertainty.rank_acceptability(identical, np.array([[0.5, 0.5]]))
    np.testing.assert_array_equal(shares, [[1, 0], [0, 1]])


def test_raw_weights_are_normalised(simplex_weights: np.ndarray) -> None:
    scaled = simplex_weights * np.random.default_rng(3).uniform(1, 50, size=(DRAWS, 1))
    np.testing.assert_array_equal(
        uncertainty.rank_acceptability(VALUES, scaled),
        uncertainty.rank_acceptability(VALUES, simplex_weights),
    )
    np.testing.assert_allclose(
        uncertainty.central_weights(VALUES, scaled),
        uncertainty.central_weights(VALUES, simplex_weights),
    )


def test_per_draw_values_must_match_the_weight_draws() -> None:
    with pytest.raises(ValueError, match="draws"):
        uncertainty.rank_acceptability(np.zeros((5, 3, 2)), np.ones((4, 2)))
    with pytest.raises(ValueError, match="criteria"):
        uncertainty.rank_acceptability(np.zeros((3, 2)), np.ones((4, 3)))


def test_monte_carlo_error() -> None:
    assert uncertainty.monte_carlo_error(0.5, 10_000) == pytest.approx(0.005)
    np.testing.assert_array_equal(uncertainty.monte_carlo_error(np.array([0.0, 1.0]), 100), 0)


# --- cross-check with the weight thresholds ---------------------------------------------------


def test_closed_form_weight_thresholds_are_exact() -> None:
    first, second = weight_thresholds(VALUES, np.array([0.5, 0.5]))
    assert [c.weight for c in first.crossings] == pytest.approx([0.4, 0.5, 0.6], abs=1e-12)
    assert [c.leader_change for c in first.crossings] == [True, False, True]
    assert [(c.ahead_below, c.ahead_above) for c in first.crossings] == [(1, 2), (1, 0), (2, 0)]
    assert first.leader == 2
    assert (first.below, first.below_leader) == (pytest.approx(0.4), 1)
    assert (first.above, first.above_leader) == (pytest.approx(0.6), 0)
    # the second criterion's share is 1 - w1, so its thresholds mirror the first's
    assert [c.weight for c in second.crossings] == pytest.approx([0.4, 0.5, 0.6], abs=1e-12)
    assert (second.below_leader, second.above_leader) == (0, 1)


def test_ranking_changes_exactly_at_the_thresholds() -> None:
    """The SMAA ranks (ordinal) change at the crossings and nowhere else along w1."""
    w1 = np.linspace(0.0005, 0.9995, 1000)  # no grid point sits on a crossing
    ranks = uncertainty.ordinal_ranks(uncertainty.scores(VALUES, np.column_stack([w1, 1 - w1])))
    changes = np.flatnonzero(np.any(np.diff(ranks, axis=0) != 0, axis=1))
    crossings = [c.weight for c in weight_thresholds(VALUES, np.array([1.0, 1.0]))[0].crossings]
    assert len(changes) == len(crossings)
    for index, crossing in zip(changes, crossings, strict=True):
        assert w1[index] < crossing <= w1[index + 1]
