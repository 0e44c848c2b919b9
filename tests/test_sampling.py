"""Seeded draws: inside the ranges, triangular around the current value, weights on the simplex."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario
from scoring.sampling import draw_assumptions, draw_weights, triangular_support
from tests.conftest import MODEL

DRAWS = 20_000
LOWER = np.array([a.min for a in MODEL.assumptions])
UPPER = np.array([a.max for a in MODEL.assumptions])


def rng(seed: int = 2026) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    """Off-centre values, one at the bottom of its range (a one-sided triangle)."""
    return Scenario.build(
        {
            "assumptions": {"interceptor_shelf_life_years": 8, "buyback_price_share": 0.0},
            "weights": {"leverage": 0, "f35_prospects": 40},
        },
        MODEL,
    )


@pytest.mark.parametrize("preset_id", [p.id for p in MODEL.presets])
def test_draws_stay_inside_the_declared_ranges(preset_id: str) -> None:
    draws = draw_assumptions(Scenario.from_preset(preset_id, MODEL), MODEL, DRAWS, rng())
    assert draws.shape == (DRAWS, len(MODEL.assumptions))
    assert np.all((draws >= LOWER) & (draws <= UPPER))


def test_half_spread_halves_each_side_around_the_current_value(scenario: Scenario) -> None:
    current = scenario.assumption_vector(MODEL)
    low, mode, high = triangular_support(scenario, MODEL, 0.5)
    np.testing.assert_allclose(mode - low, (current - LOWER) / 2)
    np.testing.assert_allclose(high - mode, (UPPER - current) / 2)
    draws = draw_assumptions(scenario, MODEL, DRAWS, rng(), spread=0.5)
    assert np.all((draws >= low) & (draws <= high))


def test_zero_spread_fixes_every_value(scenario: Scenario) -> None:
    draws = draw_assumptions(scenario, MODEL, 1_000, rng(), spread=0.0)
    np.testing.assert_array_equal(draws, np.tile(scenario.assumption_vector(MODEL), (1_000, 1)))


def test_spread_per_assumption(scenario: Scenario) -> None:
    draws = draw_assumptions(
        scenario, MODEL, 1_000, rng(), spread={"interceptor_shelf_life_years": 0.0}
    )
    assert np.all(draws[:, 0] == 8)
    assert draws[:, 1:].std(axis=0).min() > 0


@pytest.mark.parametrize("spread", [-0.1, 1.5, {"no_such_assumption": 0.5}])
def test_bad_spread_is_refused(scenario: Scenario, spread) -> None:
    with pytest.raises(ValueError, match="spread"):
        draw_assumptions(scenario, MODEL, 10, rng(), spread=spread)


@pytest.mark.parametrize("spread", [1.0, 0.5])
def test_triangular_mean_and_mode(scenario: Scenario, spread: float) -> None:
    """Sample means within 4 standard errors of (a + b + c) / 3, and the share below the mode
    within 4 standard errors of (c - a) / (b - a), which places the mode at the current value."""
    low, mode, high = triangular_support(scenario, MODEL, spread)
    draws = draw_assumptions(scenario, MODEL, DRAWS, rng(), spread)
    mean = (low + mode + high) / 3
    variance = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    assert np.all(np.abs(draws.mean(axis=0) - mean) <= 4 * np.sqrt(variance / DRAWS) + 1e-12)
    below = (mode - low) / (high - low)
    share = (draws < mode).mean(axis=0)
    assert np.all(np.abs(share - below) <= 4 * np.sqrt(below * (1 - below) / DRAWS) + 1e-12)


def test_band_weights_stay_within_the_band(scenario: Scenario) -> None:
    raw = scenario.weight_vector(MODEL)
    draws = draw_weights(scenario, MODEL, DRAWS, rng(), mode="band", band=0.25)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    assert np.all(draws[:, raw == 0] == 0)
    used = raw > 0
    ratio = draws[:, used] / (raw[used] / raw.sum())
    # each raw weight moves by at most 25%, so a share moves by at most 1.25 / 0.75 either way
    assert np.all((ratio >= 0.75 / 1.25) & (ratio <= 1.25 / 0.75))
    assert ratio.std() > 0.05


def test_zero_band_keeps_the_weights(scenario: Scenario) -> None:
    draws = draw_weights(scenario, MODEL, 100, rng(), band=0.0)
    raw = scenario.weight_vector(MODEL)
    np.testing.assert_allclose(draws, np.tile(raw / raw.sum(), (100, 1)))


def test_simplex_weights_are_dirichlet_one(scenario: Scenario) -> None:
    draws = draw_weights(scenario, MODEL, DRAWS, rng(), mode="simplex")
    count = len(MODEL.criteria)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    assert np.all(draws >= 0)
    # each share of Dirichlet(1, ..., 1) is Beta(1, N - 1): mean 1/N, var (N-1)/(N^2 (N+1))
    error = np.sqrt((count - 1) / (count**2 * (count + 1)) / DRAWS)
    assert np.all(np.abs(draws.mean(axis=0) - 1 / count) <= 4 * error)
    assert draws[:, MODEL.criterion_ids.index("leverage")].mean() > 0.1  # ignores the scenario


@pytest.mark.parametrize(("mode", "band"), [("fixed", 0.25), ("band", 1.0), ("band", -0.1)])
def test_bad_weight_settings_are_refused(scenario: Scenario, mode, band) -> None:
    with pytest.raises(ValueError, match=r"mode|band"):
        draw_weights(scenario, MODEL, 10, rng(), mode=mode, band=band)


@pytest.mark.parametrize("mode", ["band", "simplex"])
def test_same_seed_same_draws_other_seed_other_draws(scenario: Scenario, mode: str) -> None:
    def both(seed: int) -> tuple[np.ndarray, np.ndarray]:
        generator = rng(seed)
        assumptions = draw_assumptions(scenario, MODEL, 500, generator)
        return assumptions, draw_weights(scenario, MODEL, 500, generator, mode=mode)

    first, again, other = both(11), both(11), both(12)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(first, other, strict=True):
        assert not np.array_equal(a, b)
