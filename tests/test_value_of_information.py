"""Value of information: closed forms, an input that cannot matter, EVPPI <= EVPI, determinism,
and the model-aware ranking of assumptions and groups.

Closed forms used below (phi(0) = 1 / sqrt(2 pi)):

* Two options, A = U ~ Uniform(0, 1) and B = c constant (0 <= c <= 1). E[max(U, c)] =
  c * c + (1 - c^2) / 2 = (1 + c^2) / 2, so EVPI = (1 + c^2) / 2 - max(1/2, c): 0.125 at c = 0.5,
  0.045 at c = 0.3. U is the only input, so EVPPI(U) = EVPI.
* A = X1 + X2 + X3 with independent X_i ~ Normal(0, s_i^2), B = 0. For S ~ Normal(0, s^2),
  E[max(S, 0)] = s phi(0), and max(E S, 0) = 0. Knowing X1 makes E[A | X1] = X1, so
  EVPPI(X1) = s_1 phi(0); knowing X1 and X2, EVPPI = sqrt(s_1^2 + s_2^2) phi(0); knowing
  everything, EVPI = sqrt(s_1^2 + s_2^2 + s_3^2) phi(0).
* A = X1 + X2 with independent X_i ~ Uniform(0, 1), B = 1. A - 1 is triangular on [-1, 1], so
  EVPI = E[max(A - 1, 0)] = integral_0^1 t (1 - t) dt = 1/6; E[A | X1] = X1 + 1/2, so
  EVPPI(X1) = E[max(X1 - 1/2, 0)] = 1/8.
* An input Z independent of every score leaves E(score | Z) = E(score): EVPPI(Z) = 0.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from scoring import Scenario
from scoring.value_of_information import evpi, evppi, evppi_many
from scoring.what_to_find_out import find_out_first, points_per_bn
from tests.conftest import MODEL
from tests.test_data_files import Replace, copy_data, load_error, rewrite

DRAWS = 20_000
PHI0 = 1 / math.sqrt(2 * math.pi)


def rng(seed: int = 2026) -> np.random.Generator:
    return np.random.default_rng(seed)


def close(estimate, expected: float, slack: float = 0.0) -> bool:
    """Within 4 standard errors (plus `slack` for the regression's small bias)."""
    return abs(estimate.value - expected) <= 4 * estimate.error + slack


@pytest.mark.parametrize("constant", [0.5, 0.3])
def test_uniform_against_a_constant(constant: float) -> None:
    uniform = rng().random(DRAWS)
    scores = np.column_stack([uniform, np.full(DRAWS, constant)])
    expected = (1 + constant**2) / 2 - max(0.5, constant)
    total = evpi(scores)
    assert close(total, expected)
    assert 0 < total.error < 0.01
    partial = evppi(scores, uniform)
    assert close(partial, expected)
    assert partial.value <= total.value + 1e-9


def test_sums_of_independent_normal_inputs() -> None:
    sd = np.array([1.0, 2.0, 0.5])
    inputs = rng().normal(0.0, sd, size=(DRAWS, 3))
    scores = np.column_stack([inputs.sum(axis=1), np.zeros(DRAWS)])
    total = evpi(scores)
    assert close(total, math.sqrt((sd**2).sum()) * PHI0)
    for i in range(3):
        single = evppi(scores, inputs[:, i])
        assert close(single, sd[i] * PHI0, slack=0.01)
        assert single.value <= total.value + 1e-9
    pair = evppi(scores, inputs[:, :2])
    assert close(pair, math.hypot(sd[0], sd[1]) * PHI0, slack=0.01)
    assert pair.value <= total.value + 1e-9


def test_sums_of_independent_uniform_inputs() -> None:
    inputs = rng().random((DRAWS, 2))
    scores = np.column_stack([inputs.sum(axis=1), np.ones(DRAWS)])
    assert close(evpi(scores), 1 / 6)
    first, second, both = evppi_many(scores, inputs, [[0], [1], [0, 1]])
    assert close(first, 1 / 8, slack=0.002) and close(second, 1 / 8, slack=0.002)
    assert close(both, 1 / 6, slack=0.002)
    # knowing both inputs is knowing A exactly: equal to EVPI up to rounding
    assert max(first.value, second.value, both.value) <= evpi(scores).value + 1e-9


def test_an_input_that_cannot_matter_is_worth_nothing() -> None:
    """Z is drawn apart from the scores; the options are level on average, the hardest case."""
    generator = rng()
    uniform, unrelated = generator.random(DRAWS), generator.random(DRAWS)
    scores = np.column_stack([uniform, np.full(DRAWS, 0.5)])
    worthless = evppi(scores, unrelated)
    assert abs(worthless.value) <= 4 * worthless.error
    assert worthless.value < 0.02 * evpi(scores).value
    fixed = evppi(scores, np.full(DRAWS, 3.0))  # an input that never varies tells nothing
    assert (fixed.value, fixed.error) == (0.0, 0.0)


def test_many_equals_one_at_a_time() -> None:
    inputs = rng().random((DRAWS, 3))
    scores = np.column_stack([inputs @ [1.0, 0.5, 0.0], np.full(DRAWS, 0.75), inputs[:, 2]])
    batched = evppi_many(scores, inputs, [[0], [2], [0, 1]])
    single = [
        evppi(scores, inputs[:, [0]]),
        evppi(scores, inputs[:, 2]),
        evppi(scores, inputs[:, :2]),
    ]
    for a, b in zip(batched, single, strict=True):
        assert a.value == pytest.approx(b.value, abs=1e-12)
        assert a.error == pytest.approx(b.error, abs=1e-12)


def test_same_input_same_answer() -> None:
    inputs = rng(5).random((5_000, 2))
    scores = np.column_stack([inputs.sum(axis=1), np.ones(5_000)])
    assert evppi(scores, inputs) == evppi(scores.copy(), inputs.copy())
    assert evpi(scores) == evpi(scores.copy())


@pytest.mark.parametrize(
    ("scores", "inputs", "words"),
    [
        (np.zeros(10), np.zeros(10), "scores"),
        (np.zeros((10, 2)), np.zeros(9), "inputs"),
        (np.full((10, 2), np.nan), np.zeros(10), "finite"),
    ],
)
def test_bad_arrays_are_refused(scores, inputs, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        evppi(scores, inputs)


def test_groups_must_name_columns() -> None:
    with pytest.raises(ValueError, match="group"):
        evppi_many(np.zeros((10, 2)), np.zeros((10, 2)), [[0, 2]])


# --- the model ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ranking():
    return find_out_first(Scenario.build({}, MODEL), MODEL, draws=DRAWS, seed=2026)


def test_every_assumption_and_group_is_ranked(ranking) -> None:
    ids = [item.id for item in ranking.items]
    assert sorted(ids) == sorted([*MODEL.assumption_ids, *(g.id for g in MODEL.information_groups)])
    values = [item.points for item in ranking.items]
    assert values == sorted(values, reverse=True)
    total = ranking.everything
    for item in ranking.items:
        assert 0 <= item.points <= total.points + 4 * total.error


def test_a_group_is_worth_at_least_its_most_valuable_member(ranking) -> None:
    by_id = {item.id: item for item in ranking.items}
    for group in MODEL.information_groups:
        best = max((by_id[a] for a in group.assumptions), key=lambda item: item.points)
        together = by_id[group.id]
        assert together.points >= best.points - 4 * math.hypot(together.error, best.error)


def test_washington_matters_more_than_moscow_at_the_baseline(ranking) -> None:
    """The audit's finding: the information worth buying is a US commitment."""
    by_id = {item.id: item for item in ranking.items}
    assert by_id["washington"].points > 10 * by_id["moscow"].points
    assert ranking.items[0].id == "washington"


def test_money_at_the_trade_off_rate(ranking) -> None:
    """Baseline: 1 bn = 100 x (money's share of the priorities) / (its range in US$ bn) points."""
    money = MODEL.criterion("net_financial")
    total = sum(c.default_weight for c in MODEL.criteria)
    low, high = money.range
    rate = 100 * (money.default_weight / total) / (high - low)
    assert points_per_bn(Scenario.build({}, MODEL), MODEL) == pytest.approx(rate)
    assert ranking.points_per_bn == pytest.approx(rate)
    for item in [ranking.everything, *ranking.items]:
        assert item.money_bn == pytest.approx(item.points / rate)
    priceless = Scenario.build({"weights": {"net_financial": 0}}, MODEL)
    assert points_per_bn(priceless, MODEL) is None


def test_seeded_ranking_is_repeatable(ranking) -> None:
    scenario = Scenario.build({}, MODEL)
    again = find_out_first(scenario, MODEL, draws=DRAWS, seed=2026)
    assert again.to_dict() == ranking.to_dict()
    other = find_out_first(scenario, MODEL, draws=DRAWS, seed=7)
    assert other.everything.points != ranking.everything.points
    json.dumps(ranking.to_dict(), allow_nan=False)


# --- information groups in data/assumptions.toml -----------------------------------------------


def test_shipped_groups_name_known_assumptions_once() -> None:
    members = [a for group in MODEL.information_groups for a in group.assumptions]
    assert len(members) == len(set(members))
    assert set(members) <= set(MODEL.assumption_ids)
    assert {"washington", "moscow", "turkey_costs"} <= {g.id for g in MODEL.information_groups}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"storage_cost_musd_per_year",\n  "interceptor',
            '"no_such_assumption",\n  "interceptor',
            "information_group 'turkey_costs': field 'assumptions': unknown assumption "
            "'no_such_assumption'",
        ),
        (
            '"storage_cost_musd_per_year",\n  "interceptor',
            '"p_russia_accepts_buyback",\n  "interceptor',
            "'p_russia_accepts_buyback' is already in group 'moscow'",
        ),
        (
            '"storage_cost_musd_per_year",\n  "interceptor',
            '"siper_operational_year",\n  "interceptor',
            "'siper_operational_year' is listed more than once",
        ),
        (
            'assumptions = ["third_country_price_share", "west_price_share", "price_life_share"]',
            "assumptions = []",
            "buyers",
        ),
    ],
)
def test_bad_groups_are_refused(tmp_path, old: str, new: str, message: str) -> None:
    data = copy_data(tmp_path)
    rewrite(data, "assumptions.toml", Replace(old, new, after="[[information_group]]"))
    error = load_error(data)
    assert error.startswith("data/assumptions.toml: information_group")
    assert message in error
