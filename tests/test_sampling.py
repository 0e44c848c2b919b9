"""Seeded draws: inside the ranges, centred on the values set (beta), weights on the simplex."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario, sampling
from scoring.sampling import distribution, draw_assumptions, draw_judgements, draw_weights
from tests.conftest import MODEL

DRAWS = 20_000
LOWER = np.array([a.min for a in MODEL.assumptions])
UPPER = np.array([a.max for a in MODEL.assumptions])
DRAWN = np.array([a.kind != "choice" for a in MODEL.assumptions])  # a choice is never drawn


def rng(seed: int = 2026) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    """Off-centre values, one at the bottom of its range (so fixed there)."""
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
    shape = distribution(scenario, MODEL, 0.5)
    np.testing.assert_allclose((current - shape.low)[DRAWN], ((current - LOWER) / 2)[DRAWN])
    np.testing.assert_allclose((shape.high - current)[DRAWN], ((UPPER - current) / 2)[DRAWN])
    np.testing.assert_array_equal(shape.low[~DRAWN], current[~DRAWN])
    np.testing.assert_array_equal(shape.high[~DRAWN], current[~DRAWN])
    draws = draw_assumptions(scenario, MODEL, DRAWS, rng(), spread=0.5)
    assert np.all((draws >= shape.low) & (draws <= shape.high))
    full = distribution(scenario, MODEL, 1.0)
    np.testing.assert_allclose(shape.variance, full.variance / 4)  # half the spread, half the sd


def test_zero_spread_fixes_every_value(scenario: Scenario) -> None:
    draws = draw_assumptions(scenario, MODEL, 1_000, rng(), spread=0.0)
    np.testing.assert_array_equal(draws, np.tile(scenario.assumption_vector(MODEL), (1_000, 1)))


def test_spread_per_assumption(scenario: Scenario) -> None:
    draws = draw_assumptions(
        scenario, MODEL, 1_000, rng(), spread={"interceptor_shelf_life_years": 0.0}
    )
    assert np.all(draws[:, 0] == 8)
    at_an_end = MODEL.assumption_ids.index("buyback_price_share")  # fixed at its range's end
    others = [i for i in range(1, len(MODEL.assumptions)) if i != at_an_end and DRAWN[i]]
    assert draws[:, others].std(axis=0).min() > 0
    assert draws[:, ~DRAWN].std(axis=0).max() == 0


@pytest.mark.parametrize("spread", [-0.1, 1.5, {"no_such_assumption": 0.5}])
def test_bad_spread_is_refused(scenario: Scenario, spread) -> None:
    with pytest.raises(ValueError, match="spread"):
        draw_assumptions(scenario, MODEL, 10, rng(), spread=spread)


def _mean_within_four_standard_errors(scenario: Scenario, spread: float = 1.0) -> None:
    shape = distribution(scenario, MODEL, spread)
    draws = draw_assumptions(scenario, MODEL, DRAWS, rng(), spread)
    error = np.sqrt(shape.variance / DRAWS)
    gap = np.abs(draws.mean(axis=0) - scenario.assumption_vector(MODEL))
    assert np.all(gap <= 4 * error + 1e-12)


@pytest.mark.parametrize("preset_id", ["moscow_deal", "ankara_holds"])
def test_draws_average_what_was_set_at_the_presets(preset_id: str) -> None:
    """The audit's cases: triangular draws pulled moscow_deal's buyback acceptance (0.60) back to
    an average of 0.47; centred draws average what was set, within 4 standard errors."""
    scenario = Scenario.from_preset(preset_id, MODEL)
    _mean_within_four_standard_errors(scenario)
    _mean_within_four_standard_errors(scenario, 0.5)
    if preset_id == "moscow_deal":
        draws = draw_assumptions(scenario, MODEL, DRAWS, rng())
        column = MODEL.assumption_ids.index("p_russia_accepts_buyback")
        assert draws[:, column].mean() == pytest.approx(0.60, abs=0.003)


@pytest.mark.parametrize("spread", [1.0, 0.5])
def test_variance_is_the_triangulars_away_from_the_ends(scenario: Scenario, spread: float) -> None:
    """Where the beta with the triangular's variance has both shape parameters of at least 1 it
    keeps that variance (Var = (a^2 + b^2 + c^2 - ab - ac - bc) / 18 on support [a, b], mode c);
    nearer an end the variance is smaller and the nearer shape parameter is exactly 1."""
    shape = distribution(scenario, MODEL, spread)
    low, mode, high = shape.low, shape.mean, shape.high
    triangular = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    drawn = ~shape.fixed
    inner = drawn & (np.minimum(shape.alpha, shape.beta) > 1 + 1e-9)
    assert inner.sum() >= len(MODEL.assumptions) // 2
    np.testing.assert_allclose(shape.variance[inner], triangular[inner])
    edge = drawn & ~inner
    assert np.all(shape.variance[edge] < triangular[edge])
    np.testing.assert_allclose(np.minimum(shape.alpha, shape.beta)[edge], 1.0)
    draws = draw_assumptions(scenario, MODEL, DRAWS, rng(), spread)
    sd = np.sqrt(shape.variance[drawn])
    assert np.all(np.abs(draws[:, drawn].std(axis=0) / sd - 1) < 0.05)


def test_a_value_at_the_end_of_its_range_is_fixed(scenario: Scenario) -> None:
    """Only a point mass has its mean on the boundary of the range."""
    column = MODEL.assumption_ids.index("buyback_price_share")
    draws = draw_assumptions(scenario, MODEL, 1_000, rng())
    assert np.all(draws[:, column] == 0.0)
    near = Scenario.build({"assumptions": {"buyback_price_share": 0.01}}, MODEL)
    _mean_within_four_standard_errors(near)
    nearby = draw_assumptions(near, MODEL, DRAWS, rng())[:, column]
    assert nearby.max() > 0.05  # still uncertain, skewed towards the end


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


# --- Judgement scores -------------------------------------------------------------------------

JUDGED = [c.id for c in MODEL.criteria if c.kind == "judgement"]


def declared(field: str) -> np.ndarray:
    """(M, J) one field of every option's judgement scores."""
    return np.array([[getattr(o.scores[c], field) for c in JUDGED] for o in MODEL.direct_options])


@pytest.fixture(scope="module")
def judgements() -> np.ndarray:
    return draw_judgements(MODEL, DRAWS, rng())


def test_judgement_draws_stay_within_their_declared_ranges(judgements: np.ndarray) -> None:
    assert judgements.shape == (DRAWS, len(MODEL.direct_options), len(JUDGED))
    assert np.all((judgements >= declared("low")) & (judgements <= declared("high")))


def test_judgement_draws_average_the_stated_scores(judgements: np.ndarray) -> None:
    """Within four standard errors of the mean, for every option and criterion."""
    error = judgements.std(axis=0) / np.sqrt(DRAWS)
    gap = np.abs(judgements.mean(axis=0) - declared("score"))
    assert np.all(gap <= 4 * error + 1e-12)
    assert judgements.std(axis=0).max() > 3  # they do vary: a 30-point range gives about 6


def test_a_judgement_range_of_one_point_is_not_drawn(judgements: np.ndarray) -> None:
    single = declared("low") == declared("high")
    assert single.any()  # dismantling cannot be undone: reversibility 0 to 0
    np.testing.assert_array_equal(
        judgements[:, single], np.broadcast_to(declared("score")[single], (DRAWS, single.sum()))
    )
    assert np.all(judgements.std(axis=0)[~single] > 0)


def test_judgement_draws_are_repeatable_under_a_seed(judgements: np.ndarray) -> None:
    np.testing.assert_array_equal(draw_judgements(MODEL, DRAWS, rng()), judgements)
    assert not np.array_equal(draw_judgements(MODEL, DRAWS, rng(7)), judgements)


def test_judgement_draws_are_shared_by_every_scenario_and_cannot_be_altered() -> None:
    """Drawn once per model, count and seed from their own generator: the same array for any
    scenario, and read-only, so no caller can change what the next one meets."""
    first = sampling.judgement_draws(MODEL, 500, 7)
    assert sampling.judgement_draws(MODEL, 500, 7) is first
    again = sampling.draw_judgements(MODEL, 500, np.random.default_rng((7, 1)))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, sampling.judgement_draws(MODEL, 500, 8))
    with pytest.raises(ValueError):
        first[0, 0, 0] = 0.0


def test_seeded_draws_are_the_stream_a_fresh_generator_gives(scenario: Scenario) -> None:
    """The cached draws and the generator they hand back are exactly what drawing from
    `default_rng(seed)` gives: same assumptions, then the same weight draws after them."""
    fresh = rng()
    expected = draw_assumptions(scenario, MODEL, 5_000, fresh, {"buyback_price_share": 0.5})
    expected_weights = draw_weights(scenario, MODEL, 5_000, fresh)
    drawn, handed = sampling.seeded_assumption_draws(
        scenario, MODEL, 5_000, 2026, {"buyback_price_share": 0.5}
    )
    np.testing.assert_array_equal(drawn, expected)
    np.testing.assert_array_equal(draw_weights(scenario, MODEL, 5_000, handed), expected_weights)


def test_a_priority_moved_alone_reuses_the_assumption_draws(scenario: Scenario) -> None:
    """Moving a priority does not draw the assumptions again, and whoever uses the generator
    handed back cannot change what the next caller gets."""
    first, handed = sampling.seeded_assumption_draws(scenario, MODEL, 5_000, 7)
    handed.random(1_000)
    moved = Scenario.build(
        {"assumptions": scenario.assumptions, "weights": {"f35_prospects": 90}}, MODEL
    )
    again, next_handed = sampling.seeded_assumption_draws(moved, MODEL, 5_000, 7)
    assert again is first
    assert not again.flags.writeable
    fresh = rng(7)
    draw_assumptions(scenario, MODEL, 5_000, fresh)
    np.testing.assert_array_equal(next_handed.random(10), fresh.random(10))
    other = Scenario.build({"assumptions": {"interceptor_shelf_life_years": 9}}, MODEL)
    assert sampling.seeded_assumption_draws(other, MODEL, 5_000, 7)[0] is not first
