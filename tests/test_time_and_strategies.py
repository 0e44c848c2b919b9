"""Time and sequence (issue 12): the decision delay, sale value and life, strategies with
fallbacks, their outcome trees and the timeline command."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoring
from scoring.engine import evaluate, evaluate_batch
from scoring.loader import MONEY_UNIT
from scoring.scenario import Scenario
from scoring.strategy_tree import strategy_tree
from scoring.timeline import timeline
from tests.conftest import (
    MODEL,
    assumption_position,
    assumption_vectors,
    criterion_position,
    option_position,
    weight_vectors,
)
from tests.test_cli import run_cli
from tests.test_data_files import Replace, copy_data, load_error, rewrite

DELAY = assumption_position("decision_delay_years")
DURATION = assumption_position("attempt_duration_years")
SHELF_LIFE = assumption_position("interceptor_shelf_life_years")
MONEY = criterion_position("net_financial")
SALE_OPTIONS = [o.id for o in MODEL.direct_options if o.price_assumption is not None]
DEFAULTS = np.array([a.default for a in MODEL.assumptions])
DEFAULT_WEIGHTS = np.array([c.default_weight for c in MODEL.criteria])
EXAMPLES = settings(max_examples=60, deadline=None)


def at_delays(vector: np.ndarray, delays: list[float]) -> np.ndarray:
    rows = np.repeat(vector[None, :], len(delays), axis=0)
    rows[:, DELAY] = delays
    return rows


@EXAMPLES
@given(assumption_vectors(), weight_vectors(), st.integers(0, 3))
def test_waiting_never_helps_a_sale_option_and_always_costs_it_money(
    vector: np.ndarray, weights: np.ndarray, year: int
) -> None:
    batch = evaluate_batch(at_delays(vector, [year, year + 1]), weights)
    for option_id in SALE_OPTIONS:
        m = option_position(option_id)
        assert batch.scores[1, m] <= batch.scores[0, m] + 1e-9, option_id
        assert batch.performance[1, m, MONEY] < batch.performance[0, m, MONEY], option_id


@EXAMPLES
@given(assumption_vectors(), st.integers(0, 3))
def test_at_the_default_priorities_waiting_strictly_lowers_every_sale_options_score(
    vector: np.ndarray, year: int
) -> None:
    scores = evaluate_batch(at_delays(vector, [year, year + 1]), DEFAULT_WEIGHTS).scores
    for option_id in SALE_OPTIONS:
        m = option_position(option_id)
        assert scores[1, m] < scores[0, m], option_id


@EXAMPLES
@given(assumption_vectors(), st.floats(0.5, 3.0))
def test_more_interceptor_life_left_recovers_more_money_from_every_sale(
    vector: np.ndarray, more_life: float
) -> None:
    vector = vector.copy()
    for option_id in SALE_OPTIONS:  # a price and a chance of the sale above zero
        option = MODEL.direct_option(option_id)
        vector[assumption_position(option.price_assumption)] += 0.05
    vector[DELAY] = min(vector[DELAY], vector[SHELF_LIFE] - 0.1)  # some life left
    longer = vector.copy()
    longer[SHELF_LIFE] += more_life
    money = evaluate_batch(np.stack([vector, longer]), DEFAULT_WEIGHTS).performance[..., MONEY]
    for option_id in SALE_OPTIONS:
        m = option_position(option_id)
        assert money[1, m] > money[0, m], option_id


@EXAMPLES
@given(assumption_vectors(), weight_vectors())
def test_a_strategy_never_scores_below_its_first_attempt_alone(
    vector: np.ndarray, weights: np.ndarray
) -> None:
    scores = evaluate_batch(vector[None, :], weights).scores[0]
    for strategy in MODEL.strategies:
        first = option_position(strategy.attempts[0])
        assert scores[option_position(strategy.id)] >= scores[first] - 1e-9, strategy.id


@EXAMPLES
@given(assumption_vectors(), weight_vectors())
def test_a_fallback_reached_late_is_never_better_than_going_there_directly(
    vector: np.ndarray, weights: np.ndarray
) -> None:
    late = vector[DELAY] + vector[DURATION]
    scores = evaluate_batch(at_delays(vector, [vector[DELAY], late]), weights).scores
    for strategy in MODEL.strategies:
        for option_id in strategy.attempts[1:]:
            m = option_position(option_id)
            assert scores[1, m] <= scores[0, m] + 1e-9, (strategy.id, option_id)


@EXAMPLES
@given(assumption_vectors(), weight_vectors())
def test_each_tree_sums_to_one_and_its_expected_score_is_the_ranked_score(
    vector: np.ndarray, weights: np.ndarray
) -> None:
    vector = np.array(
        [round(v) if a.whole else v for a, v in zip(MODEL.assumptions, vector, strict=True)]
    )
    weights = np.round(weights)
    weights[-1] += weights.sum() == 0
    scenario = Scenario.build(
        {
            "assumptions": dict(zip(MODEL.assumption_ids, vector.tolist(), strict=True)),
            "weights": dict(zip(MODEL.criterion_ids, weights.tolist(), strict=True)),
        },
        MODEL,
    )
    result = evaluate(scenario)
    for strategy in MODEL.strategies:
        tree = strategy_tree(scenario, MODEL, strategy.id)
        probabilities = [branch.probability for branch in tree.branches]
        assert sum(probabilities) == pytest.approx(1.0)
        assert all(p >= 0 for p in probabilities)
        expected = sum(branch.probability * branch.score for branch in tree.branches)
        assert expected == pytest.approx(result.scores[option_position(strategy.id)], abs=1e-6)


def test_the_buyback_strategy_worked_by_hand_at_the_baseline() -> None:
    """Try a buyback, else dismantle: with chance s Russia takes the systems back (the buyback
    as if certain); otherwise Turkey dismantles them one attempt later, which beats sitting on
    stood-down systems (the buyback as if refused)."""
    s = DEFAULTS[assumption_position("p_russia_accepts_buyback")]
    certain, refused, one_attempt_later = DEFAULTS.copy(), DEFAULTS.copy(), DEFAULTS.copy()
    certain[assumption_position("p_russia_accepts_buyback")] = 1.0
    refused[assumption_position("p_russia_accepts_buyback")] = 0.0
    one_attempt_later[DELAY] += DEFAULTS[DURATION]
    scores = evaluate_batch(np.stack([certain, refused, one_attempt_later]), DEFAULT_WEIGHTS).scores
    buyback, dismantle = option_position("sell_back_russia"), option_position("dismantle")
    assert scores[2, dismantle] > scores[1, buyback]  # so Turkey does fall back
    by_hand = s * scores[0, buyback] + (1 - s) * scores[2, dismantle]
    ranked = evaluate().scores[option_position("try_buyback_else_dismantle")]
    assert ranked == pytest.approx(by_hand, abs=1e-9)


def test_after_a_failure_turkey_stays_put_when_the_fallback_is_worse() -> None:
    """With every priority on avoiding Russian retaliation, dismantling after a refused buyback
    (a break with Moscow) is worse than holding the refused systems: the tree stops there."""
    weights = {c.id: (100.0 if c.id == "russia_risk" else 0.0) for c in MODEL.criteria}
    scenario = Scenario.build({"weights": weights}, MODEL)
    tree = strategy_tree(scenario, MODEL, "try_buyback_else_dismantle")
    assert tree.branches[-1].steps[-1] == "Turkey stays put"
    assert {b.option_id for b in tree.branches} == {"sell_back_russia"}


def test_deciding_now_leaves_the_options_scores_as_before_the_clock() -> None:
    """At zero delay the clock changes nothing: sale prices are stated for today's life."""
    result = evaluate()
    now, later = evaluate_batch(at_delays(DEFAULTS, [0.0, 0.0]), DEFAULT_WEIGHTS).scores
    assert np.allclose(now, later)
    assert np.allclose(result.scores, now)


def test_the_decision_delay_is_a_choice_and_never_drawn() -> None:
    from scoring.sampling import draw_assumptions

    scenario = Scenario.build({"assumptions": {"decision_delay_years": 2}}, MODEL)
    draws = draw_assumptions(scenario, MODEL, 200, np.random.default_rng(1))
    assert np.all(draws[:, DELAY] == 2)


def test_strategies_rank_beside_the_options_and_can_be_hidden() -> None:
    result = evaluate()
    assert set(MODEL.direct_option_ids) < set(result.option_ids)
    assert {s.id for s in MODEL.strategies} <= set(result.option_ids)
    hidden = evaluate(model=MODEL.without_strategies())
    assert hidden.option_ids == MODEL.direct_option_ids
    assert np.allclose(hidden.scores, result.scores[: len(MODEL.direct_options)])


# --- The timeline -----------------------------------------------------------------------------


def test_timeline_shows_every_option_each_year_with_that_years_leader() -> None:
    line = timeline(Scenario.build({}, MODEL), MODEL)
    assert line.scores.shape == (5, len(MODEL.options))
    for y in range(5):
        best = line.scores[y].max()
        leaders = line.leaders(y)
        assert all(line.scores[y, option_position(o)] >= best - 0.05 for o in leaders)
    points, money = line.cost_of_waiting()
    for option_id in SALE_OPTIONS:
        assert points[option_position(option_id)] > 0
        assert money[option_position(option_id)] > 0


def test_an_option_stops_being_worth_it_when_it_no_longer_beats_the_status_quo() -> None:
    line = timeline(Scenario.build({}, MODEL), MODEL)
    base = option_position(MODEL.status_quo.id)
    for m, year in enumerate(line.stops_being_worth_it()):
        if m == base:
            assert year is None
        elif year is None:
            assert np.all(line.scores[:, m] > line.scores[:, base])
        else:
            index = line.years.index(year)
            assert line.scores[index, m] <= line.scores[index, base] + 0.05
            assert np.all(line.scores[:index, m] > line.scores[:index, base])


def test_timeline_command_prints_rows_and_leaders_as_json(tmp_path: Path) -> None:
    path = tmp_path / "scenario.json"
    scenario = Scenario.build(
        {"name": "Costly storage", "assumptions": {"storage_cost_musd_per_year": 60}}, MODEL
    )
    path.write_text(scenario.model_dump_json(), encoding="utf-8")
    completed = run_cli("timeline", str(path))
    assert completed.returncode == 0, completed.stderr
    answer = json.loads(completed.stdout)
    assert answer["scenario"] == "Costly storage"
    assert len(answer["rows"]) == 5 * len(MODEL.options)
    expected = timeline(scenario, MODEL)
    for row in answer["rows"]:
        y = expected.years.index(row["year"])
        assert row["score"] == pytest.approx(expected.scores[y, option_position(row["option"])])
    assert [entry["leader"] for entry in answer["leaders"]] == [
        list(expected.leaders(y)) for y in range(5)
    ]


@pytest.mark.parametrize(
    ("stdin", "args", "fragment"),
    [
        ("not json", ["-"], "not valid JSON"),
        (None, ["/no/such/file.json"], "cannot read"),
        (None, ["--preset", "no_such_preset"], "no_such_preset"),
    ],
)
def test_timeline_command_refuses_bad_input_in_one_line(
    stdin: str | None, args: list[str], fragment: str
) -> None:
    completed = run_cli("timeline", *args, stdin=stdin)
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and fragment in lines[0]


# --- Data validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (Replace('"sell_back_russia", "dismantle"', '"sell_back_russia", "nowhere"'), ("nowhere",)),
        (Replace('"sell_back_russia", "dismantle"', '"dismantle", "sell_back_russia"'), ("fail",)),
        (
            Replace('"sell_back_russia", "dismantle"', '"dismantle", "dismantle"'),
            ("more than once",),
        ),
        (Replace('id = "try_buyback_else_dismantle"', 'id = "dismantle"'), ("already has",)),
    ],
    ids=["unknown-option", "cannot-fail-first", "repeated", "id-clash"],
)
def test_a_bad_strategy_is_refused_naming_the_file_and_strategy(
    tmp_path: Path, change: Replace, fragments: tuple[str, ...]
) -> None:
    data = copy_data(tmp_path)
    rewrite(data, "strategies.toml", change)
    message = load_error(data)
    assert message.startswith("data/strategies.toml"), message
    assert all(fragment in message for fragment in fragments), message


def test_exactly_one_option_is_the_status_quo(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rewrite(
        data,
        "options/dismantle.toml",
        Replace("divests = true", "divests = true\nstatus_quo = true"),
    )
    assert "status_quo" in load_error(data)
    assert scoring.load_model().status_quo.id == "keep_storage"


# Found by the property test above: only money weighted, a long shelf life and a high refund
# chance. The third-country sale going through lands past the top of the net-financial range.
PAST_THE_RANGE = {
    "interceptor_shelf_life_years": 10,
    "servicing_life_extension_years": 0,
    "siper_operational_year": 2027,
    "maintenance_sanction_risk": 0.5,
    "activation_sanction_risk": 0.5,
    "p_readmission_if_divested": 0.5,
    "p_readmission_if_retained": 0.25,
    "f35_refund_probability": 0.75,
    "p_russia_accepts_buyback": 0.5,
    "buyback_sanction_risk": 0.0,
    "buyback_price_share": 0.0,
    "p_russia_consents_third_country": 0.5,
    "third_country_price_share": 0.5625,
    "p_russia_consents_west_transfer": 0.0,
    "p_western_transfer_completes": 0.5,
    "west_price_share": 0.0,
    "storage_cost_musd_per_year": 5,
    "russian_retaliation_severity": 0.5,
    "price_life_share": 0.5,
    "decision_delay_years": 0,
    "attempt_duration_years": 1,
    "f35_window_decay_per_year": 0.0,
}


def test_a_branch_past_the_top_of_a_range_scores_over_100_and_the_tree_still_adds_up() -> None:
    """The branch is valued on the straight-line extension of the value scale, not capped at
    100, so the branches average to the ranked score (issue 12: a strategy's value follows from
    its probability-weighted performance)."""
    weights = {c: float(c == "net_financial") for c in MODEL.criterion_ids}
    scenario = Scenario.build({"assumptions": PAST_THE_RANGE, "weights": weights}, MODEL)
    strategy_id = "try_third_country_else_dismantle"
    tree = strategy_tree(scenario, MODEL, strategy_id)
    goes_through = tree.branches[0]
    assert "goes through" in goes_through.steps[-1]
    expected = sum(branch.probability * branch.score for branch in tree.branches)
    assert goes_through.score > 100
    assert expected == pytest.approx(evaluate(scenario).scores[option_position(strategy_id)])


def test_the_timeline_names_the_money_criterion_it_needs() -> None:
    """Waiting's cost is counted in money, so a model without one US$ bn criterion is refused in
    words, not with a bare StopIteration."""
    unpriced = replace(
        MODEL,
        criteria=tuple(
            c.model_copy(update={"unit": "points"}) if c.unit == MONEY_UNIT else c
            for c in MODEL.criteria
        ),
    )
    assert unpriced.money_criterion is None and MODEL.money_criterion is not None
    with pytest.raises(ValueError, match=r"exactly one criterion measured in US\$ bn"):
        timeline(Scenario.build({}, unpriced), unpriced)
