"""Each formula against hand-worked numbers at the defaults.

Defaults used below (data/assumptions.toml): shelf life 5 years unserviced, 3 more years with
Russian servicing, SİPER 2030 (gap 4 years from 2026), servicing risk 0.3, activation risk 0.6,
readmission 0.5 if divested / 0.1 if retained, refund 0.5, buyback acceptance 0.35 at price 0.25,
third-country consent 0.25 at price 0.35, Western consent 0.01 at price 0.3 with completion 0.4,
buyback sanction risk 0.15, readmission credit 0.6 for a sale to Russia and 0.8 to a third
country, storage US$25 m a year, retaliation severity 0.3; constants (data/model.toml): horizon
10 years, post-SİPER weight 0.25, cost US$2.5 bn, F-35 payment 1.4 bn.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from scoring import evaluate
from scoring.arrays import model_arrays
from scoring.formulas import ATTEMPT_DURATION, DELAY, FORMULAS, Draws, performance
from tests.conftest import MODEL, assumption_position, criterion_position, option_position

MODEL_DEFAULTS = np.array([a.default for a in MODEL.assumptions])


def baseline(criterion_id: str, option_id: str) -> float:
    return float(
        evaluate().performance[option_position(option_id), criterion_position(criterion_id)]
    )


@pytest.mark.parametrize(
    ("option_id", "expected"),
    [
        ("keep_storage", 0.0),  # unsupervised possession: the law bars relief
        ("supervised_storage", 0.1),
        ("activate", 0.0),
        ("sell_back_russia", 0.35 * 0.6 * 0.5),  # success x route credit x divested chance
        ("sell_third_country", 0.25 * 0.8 * 0.5),
        ("transfer_west", 0.4 * 1.0 * 0.5),
        ("dismantle", 0.5),
    ],
)
def test_f35_prospects(option_id: str, expected: float) -> None:
    assert baseline("f35_prospects", option_id) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("option_id", "expected"),
    [
        # Unserviced: 5 usable years, 4 of them before SİPER: 4 + 0.25 x 1 = 4.25 coverage years.
        ("keep_storage", 0.5 * 4.25),
        # Fully serviced: 5 + 3 = 8 usable years: 4 + 0.25 x 4 = 5 coverage years.
        ("keep_serviced", 0.7 * 5.0),
        ("activate", 1.0 * 5.0),
        # Half the servicing: 5 + 1.5 = 6.5 usable years: 4 + 0.25 x 2.5.
        ("supervised_storage", 0.1 * 4.625),
        ("dismantle", 0.0),
    ],
)
def test_air_defence_counts_gap_years_fully_and_later_years_at_a_quarter(
    option_id: str, expected: float
) -> None:
    assert baseline("air_defence", option_id) == pytest.approx(expected)


def test_air_defence_stops_when_the_interceptors_expire() -> None:
    values = MODEL_DEFAULTS.copy()
    values[assumption_position("interceptor_shelf_life_years")] = 2.0
    values[assumption_position("servicing_life_extension_years")] = 0.0
    coverage = performance(values[None, :], model_arrays(MODEL))[0]
    # Only 2 usable years, both inside the gap.
    assert coverage[option_position("activate"), criterion_position("air_defence")] == 2.0
    assert coverage[option_position("keep_storage"), criterion_position("air_defence")] == 1.0


def test_stored_systems_run_down_their_shelf_life_and_servicing_lengthens_it() -> None:
    """Keep stored uses the unserviced shelf life only; keep serviced gains the servicing years."""
    arrays = model_arrays(MODEL)
    values = np.tile(MODEL_DEFAULTS, (2, 1))
    values[1, assumption_position("servicing_life_extension_years")] = 5.0
    coverage = performance(values, arrays)[:, :, criterion_position("air_defence")]
    assert (
        coverage[0, option_position("keep_storage")] == coverage[1, option_position("keep_storage")]
    )
    assert (
        coverage[1, option_position("keep_serviced")]
        > coverage[0, option_position("keep_serviced")]
    )


@pytest.mark.parametrize(
    ("option_id", "expected"),
    [
        ("keep_storage", 0.0),  # stored without Russian servicing
        ("keep_serviced", 0.3),
        ("supervised_storage", 0.15),
        ("activate", 1 - (1 - 0.3) * (1 - 0.6)),  # 0.72
        ("sell_back_russia", 0.35 * 0.15),  # the buyback itself, if it happens
        ("transfer_west", 0.0),
    ],
)
def test_sanctions_exposure(option_id: str, expected: float) -> None:
    assert baseline("sanctions_exposure", option_id) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("option_id", "expected"),
    [
        ("keep_storage", -0.025 * 10),
        ("keep_serviced", -1.5 * 0.025 * 10),
        ("supervised_storage", -0.25),  # no refund while possession continues
        ("activate", -2 * 0.025 * 10),
        ("sell_back_russia", 0.35 * 0.25 * 2.5 + 0.35 * 0.5 * 1.4 - 0.65 * 0.25),
        ("sell_third_country", 0.25 * 0.35 * 2.5 + 0.25 * 0.5 * 1.4 - 0.75 * 0.25),
        ("transfer_west", 0.4 * 0.3 * 2.5 + 0.4 * 0.5 * 1.4 - 0.6 * 0.25),
        ("dismantle", 0.5 * 1.4 - 0.1),
    ],
)
def test_net_financial(option_id: str, expected: float) -> None:
    assert baseline("net_financial", option_id) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("option_id", "expected"),
    [
        ("keep_storage", 0.0),
        ("supervised_storage", 0.5 * 0.3),
        ("sell_back_russia", 0.0),
        ("transfer_west", 0.4 * 1.0 * (1 - 0.01) * 0.3),
        ("dismantle", 0.3 * 0.3),
    ],
)
def test_russia_risk(option_id: str, expected: float) -> None:
    assert baseline("russia_risk", option_id) == pytest.approx(expected)


def test_judgement_criteria_take_the_scores_in_the_option_files() -> None:
    result = evaluate()
    for option in MODEL.direct_options:
        for criterion_id, judgement in option.scores.items():
            position = option_position(option.id), criterion_position(criterion_id)
            assert result.performance[position] == judgement.score


def test_every_computed_criterion_has_a_formula_and_no_formula_is_orphaned() -> None:
    computed = {c.id for c in MODEL.criteria if c.kind == "computed"}
    assert computed == set(FORMULAS)


def test_formulas_return_one_value_per_option_and_draw() -> None:
    draws = Draws(np.tile(MODEL_DEFAULTS, (3, 1)), model_arrays(MODEL))
    for formula in FORMULAS.values():
        assert formula(draws).shape == (len(MODEL.direct_options), 3)


def test_the_status_quo_pays_no_servicing_sanction_risk_and_keep_serviced_pays_all_of_it() -> None:
    """Defect 1 of issue 11: stored without Russian technicians, the status quo carries no
    servicing exposure; the serviced variant carries the full servicing risk."""
    values = MODEL_DEFAULTS.copy()
    risk = assumption_position("maintenance_sanction_risk")
    column = criterion_position("sanctions_exposure")
    for level in (0.05, 0.6):
        values[risk] = level
        table = performance(values[None, :], model_arrays(MODEL))[0]
        assert table[option_position("keep_storage"), column] == 0.0
        assert table[option_position("keep_serviced"), column] == pytest.approx(level)


def test_a_western_transfer_is_not_certain() -> None:
    """Defect 4 of issue 11: transfer west goes through only with p_western_transfer_completes;
    if no buyer follows through, Turkey pays storage and earns no readmission."""
    assert MODEL.option("transfer_west").success_assumption == "p_western_transfer_completes"
    spec = MODEL.assumption("p_western_transfer_completes")
    assert spec.basis.value == "judgement"
    assert {"L1", "L2", "L7", "I10"} <= set(spec.evidence)
    values = np.tile(MODEL_DEFAULTS, (2, 1))
    values[:, assumption_position("p_western_transfer_completes")] = [spec.min, spec.max]
    table = performance(values, model_arrays(MODEL))[:, option_position("transfer_west")]
    for criterion_id in ("f35_prospects", "net_financial"):
        assert (
            table[0, criterion_position(criterion_id)] < table[1, criterion_position(criterion_id)]
        )


def test_the_buyback_itself_can_draw_sanctions() -> None:
    """Defect 5 of issue 11: a sale to Rosoboronexport carries buyback_sanction_risk, once the
    sale happens, instead of a hard-coded zero."""
    values = np.tile(MODEL_DEFAULTS, (2, 1))
    values[:, assumption_position("buyback_sanction_risk")] = [0.0, 0.4]
    table = performance(values, model_arrays(MODEL))
    cell = option_position("sell_back_russia"), criterion_position("sanctions_exposure")
    assert table[0][cell] == 0.0
    assert table[1][cell] == pytest.approx(0.35 * 0.4)


def test_a_sale_back_to_russia_earns_less_readmission_credit_than_verified_dismantling() -> None:
    """Defect 5 of issue 11: the US reading depends on the route."""
    credit = {o.id: o.parameters.readmission_credit.value for o in MODEL.direct_options}
    assert credit["sell_back_russia"] < credit["dismantle"]
    assert credit["sell_back_russia"] < credit["sell_third_country"] <= credit["dismantle"]
    values = MODEL_DEFAULTS.copy()
    values[assumption_position("p_russia_accepts_buyback")] = 0.65
    table = performance(values[None, :], model_arrays(MODEL))[0]
    f35 = criterion_position("f35_prospects")
    per_success = table[option_position("sell_back_russia"), f35] / 0.65
    assert per_success < table[option_position("dismantle"), f35]


def test_an_option_at_an_attempt_level_is_decided_that_many_attempt_durations_later() -> None:
    arrays = model_arrays(MODEL)
    levels = np.arange(len(MODEL.direct_options)) % 3
    values = np.tile(MODEL_DEFAULTS, (4, 1))
    values[:, assumption_position(ATTEMPT_DURATION)] = [0.5, 1.0, 1.5, 2.0]
    table = performance(values, replace(arrays, attempt_level=levels.astype(float)))
    for level in range(3):
        later = values.copy()
        later[:, assumption_position(DELAY)] += (
            level * values[:, assumption_position(ATTEMPT_DURATION)]
        )
        columns = levels == level
        np.testing.assert_array_equal(table[:, columns], performance(later, arrays)[:, columns])
