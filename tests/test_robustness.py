"""The robustness bundle: seeded, consistent with its parts, summarised in plain words."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from scoring import Scenario, evaluate, evaluate_batch, sampling, uncertainty
from scoring.robustness import (
    AnalysisSettings,
    SensitivityReport,
    analyse,
    declared_scenario,
    draw_around,
    prepared_for,
)
from scoring.verdict import lead_sentence, verdict
from tests.conftest import MODEL

DRAWS = 4_000


@pytest.fixture(scope="module")
def baseline() -> Scenario:
    return Scenario.build({}, MODEL)


@pytest.fixture(scope="module")
def report(baseline: Scenario) -> SensitivityReport:
    return analyse(baseline, MODEL, draws=DRAWS, seed=2026)


def test_report_parts_are_consistent(report: SensitivityReport, baseline: Scenario) -> None:
    count = len(MODEL.options)
    assert report.rank_acceptability.shape == (count, count)
    np.testing.assert_allclose(report.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(report.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(
        report.acceptability_error,
        np.sqrt(report.rank_acceptability * (1 - report.rank_acceptability) / DRAWS),
    )
    result = evaluate(baseline, MODEL)
    assert MODEL.option_ids[report.leader] == result.ranking[0].option_id
    np.testing.assert_allclose(report.scores, result.scores)
    winners = report.rank_acceptability[:, 0] > 0
    assert not np.isnan(report.central_weights[winners]).any()
    assert np.isnan(report.central_weights[~winners]).all()
    np.testing.assert_allclose(report.central_weights[winners].sum(axis=1), 1.0)
    assert np.all((report.confidence[winners] >= 0) & (report.confidence[winners] <= 1))
    assert len(report.weight_thresholds) == len(MODEL.criteria)
    assert len(report.assumption_thresholds) == len(report.tornado.bars) == len(MODEL.assumptions)


def test_same_seed_same_numbers_other_seed_other_numbers(
    report: SensitivityReport, baseline: Scenario
) -> None:
    again = analyse(baseline, MODEL, draws=DRAWS, seed=2026)
    assert again.to_dict() == report.to_dict()
    other = analyse(baseline, MODEL, draws=DRAWS, seed=2027)
    assert not np.array_equal(other.rank_acceptability, report.rank_acceptability)
    assert other.to_dict()["settings"]["seed"] == 2027


def test_two_seeds_agree_within_four_standard_errors(
    report: SensitivityReport, baseline: Scenario
) -> None:
    other = analyse(baseline, MODEL, draws=DRAWS, seed=99)
    error = np.hypot(report.acceptability_error, other.acceptability_error)
    gap = np.abs(report.rank_acceptability - other.rank_acceptability)
    assert np.all(gap <= 4 * error + 1.0 / DRAWS)


def test_fixed_inputs_make_the_leader_certain(baseline: Scenario) -> None:
    fixed = analyse(baseline, MODEL, draws=200, spread=0.0, band=0.0, judgement_uncertainty=False)
    expected = np.zeros(len(MODEL.options))
    expected[fixed.leader] = 1.0
    np.testing.assert_array_equal(fixed.rank_acceptability[:, 0], expected)
    assert fixed.confidence[fixed.leader] == 1.0
    assert "100% of 200 plausible draws" in fixed.summary


def test_simplex_weights_ignore_the_priorities(baseline: Scenario) -> None:
    data = baseline.model_dump() | {"weights": {"reversibility": 100}}
    skewed = Scenario.build(data, MODEL)
    first = analyse(baseline, MODEL, draws=500, weight_mode="simplex", spread=0.0)
    second = analyse(skewed, MODEL, draws=500, weight_mode="simplex", spread=0.0)
    np.testing.assert_array_equal(first.rank_acceptability, second.rank_acceptability)
    assert "no preference information" in first.summary


def test_summary_names_leader_share_draws_and_seed(report: SensitivityReport) -> None:
    summary = report.summary
    assert summary.startswith(MODEL.options[report.leader].label)
    share = f"{report.rank_acceptability[report.leader, 0]:.0%}"
    assert f"ranks first in {share} of {DRAWS:,} plausible draws" in summary
    assert "seed 2026" in summary
    robust = report.stakeholders.robust
    assert "robust choice, with the smallest worst-case regret" in summary
    assert MODEL.options[robust].label in summary
    for profile in MODEL.profiles:
        assert profile.label in summary
    assert "\n" not in summary and not re.search(r"\bnan\b", summary, re.I)


def test_summary_reports_the_nearest_thresholds(report: SensitivityReport) -> None:
    """The baseline's nearest threshold on the assumptions appears with its value."""
    nearest = min(
        (
            (abs(value - t.value) / (spec.max - spec.min), spec.label, value)
            for t in report.assumption_thresholds
            for spec in [MODEL.assumptions[t.assumption]]
            for value in (t.below, t.above)
            if value is not None
        ),
    )
    _, label, value = nearest
    assert label == "F-35 readmission chance if divested"  # a probability: said in per cent
    assert re.search(rf"{re.escape(label)} (below|above) {100 * value:.1f}%", report.summary)


def test_to_dict_is_plain_json(report: SensitivityReport) -> None:
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert data["settings"] == {
        "seed": 2026,
        "draws": DRAWS,
        "spread": 1.0,
        "weight_mode": "band",
        "band": 0.25,
        "judgement_scores_drawn": True,
    }
    assert set(data["rank_acceptability"]) == set(MODEL.option_ids)
    assert data["leader"] == MODEL.option_ids[report.leader]
    assert data["stakeholders"]["robust_choice"] in MODEL.option_ids
    assert [t["criterion"] for t in data["weight_thresholds"]] == list(MODEL.criterion_ids)


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"draws": 50}, "draws"),
        ({"draws": 2.5}, "draws"),
        ({"seed": -1}, "seed"),
        ({"spread": 1.5}, "spread"),
        ({"weight_mode": "uniform"}, "mode"),
    ],
)
def test_bad_settings_are_refused(baseline: Scenario, settings: dict, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        analyse(baseline, MODEL, **settings)


# --- two questions: around this scenario, under the declared uncertainty ----------------------


def test_at_the_defaults_the_two_questions_coincide(report: SensitivityReport) -> None:
    assert report.at_defaults
    np.testing.assert_array_equal(report.declared_acceptability, report.rank_acceptability)
    assert "also the answer under the declared uncertainty" in report.summary


def test_moscow_deal_around_the_scenario_and_under_the_declared_uncertainty() -> None:
    """The audit's case: a preset far from the defaults. The point leader is the evaluated one;
    the declared question matches analysing the defaults themselves, and says so."""
    scenario = Scenario.from_preset("moscow_deal", MODEL)
    report = analyse(scenario, MODEL, draws=DRAWS, seed=5)
    point = MODEL.option_ids.index(evaluate(scenario, MODEL).ranking[0].option_id)
    assert report.leader == point and not report.at_defaults
    defaults = Scenario.build({"weights": scenario.weights}, MODEL)
    direct = analyse(defaults, MODEL, draws=DRAWS, seed=6).rank_acceptability
    error = np.hypot(report.declared_error, np.sqrt(direct * (1 - direct) / DRAWS))
    assert np.all(np.abs(report.declared_acceptability - direct) <= 4 * error + 1.0 / DRAWS)
    sell_back = MODEL.option_ids.index("sell_back_russia")
    assert "Under the declared uncertainty" in report.summary
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    declared = data["declared_uncertainty"]
    assert declared["at_defaults"] is False
    assert declared["rank_acceptability"]["sell_back_russia"][0] == pytest.approx(
        report.declared_acceptability[sell_back, 0]
    )


# --- Judgement-score uncertainty --------------------------------------------------------------


def draws_by_hand(scenario: Scenario, seed: int, judgements: bool) -> tuple[np.ndarray, np.ndarray]:
    """Rank acceptability around the scenario and under the declared uncertainty, drawn in the
    documented order: assumptions, weights, declared assumptions from one generator; judgement
    scores (if drawn) from their own, seeded with (seed, 1)."""
    rng = np.random.default_rng(seed)
    assumptions = sampling.draw_assumptions(scenario, MODEL, DRAWS, rng)
    weights = sampling.draw_weights(scenario, MODEL, DRAWS, rng)
    own = np.random.default_rng((seed, 1))
    scores = sampling.draw_judgements(MODEL, DRAWS, own) if judgements else None
    around = evaluate_batch(assumptions, weights, MODEL, scores)
    centre = declared_scenario(scenario, MODEL)
    defaults = sampling.draw_assumptions(centre, MODEL, DRAWS, rng)
    at_defaults = evaluate_batch(defaults, weights, MODEL, scores)
    return (
        uncertainty.rank_acceptability(around.values, around.weights),
        uncertainty.rank_acceptability(at_defaults.values, at_defaults.weights),
    )


@pytest.mark.parametrize("judgements", [False, True], ids=["stated", "drawn"])
def test_judgement_switch_draws_exactly_what_the_docs_say(judgements: bool) -> None:
    """Off: the very numbers of draws that never touch judgement scores; on: the judgement
    scores from a generator of their own, the other draws unchanged."""
    scenario = Scenario.from_preset("moscow_deal", MODEL)
    report = analyse(scenario, MODEL, draws=DRAWS, seed=11, judgement_uncertainty=judgements)
    around, at_defaults = draws_by_hand(scenario, 11, judgements)
    np.testing.assert_array_equal(report.rank_acceptability, around)
    np.testing.assert_array_equal(report.declared_acceptability, at_defaults)


def test_drawing_judgement_scores_moves_first_place_at_the_baseline(
    report: SensitivityReport, baseline: Scenario
) -> None:
    """The same assumption and weight draws with and without judgement draws: first place
    changes hands in a tenth or so of them, so the leader's share changes; the point result
    does not."""
    stated = analyse(baseline, MODEL, draws=DRAWS, seed=2026, judgement_uncertainty=False)
    assert report.judgement_uncertainty and not stated.judgement_uncertainty
    assert report.headline.share != stated.headline.share
    np.testing.assert_array_equal(stated.scores, report.scores)
    rng = np.random.default_rng(2026)
    assumptions = sampling.draw_assumptions(baseline, MODEL, DRAWS, rng)
    weights = sampling.draw_weights(baseline, MODEL, DRAWS, rng)
    scores = sampling.draw_judgements(MODEL, DRAWS, rng)
    first_stated = evaluate_batch(assumptions, weights, MODEL).scores.argmax(axis=1)
    first_drawn = evaluate_batch(assumptions, weights, MODEL, scores).scores.argmax(axis=1)
    assert np.mean(first_stated != first_drawn) > 0.05


def test_settings_and_summary_say_whether_judgement_scores_were_drawn(
    report: SensitivityReport, baseline: Scenario
) -> None:
    assert AnalysisSettings().judgement_uncertainty is True
    on, off = AnalysisSettings(), AnalysisSettings(judgement_uncertainty=False)
    assert "judgement scores drawn within their declared ranges" in on.describe()
    assert "judgement scores held at their stated values" in off.describe()
    assert "judgement scores within their declared ranges" in report.summary
    stated = off.run(baseline, MODEL)
    assert "judgement scores as stated" in stated.summary
    assert stated.to_dict()["settings"]["judgement_scores_drawn"] is False


def test_the_lead_sentence_names_leader_share_draws_and_robust_choice(
    report: SensitivityReport,
) -> None:
    top = report.headline
    robust = report.stakeholders.robust
    assert robust != report.leader  # at the baseline the two differ
    profiles = len(report.stakeholders.profile_ids)
    assert verdict(report, MODEL).label == "toss-up"  # at the baseline
    assert lead_sentence(report, MODEL) == (
        f"Toss-up: {top.leader_label} leads by only {top.margin:.1f} points and ranks first in "
        f"{top.share:.0%} of {DRAWS:,} plausible draws; the robust choice across the "
        f"{profiles} stakeholder profiles is {MODEL.options[robust].label}."
    )
    same = replace(report, stakeholders=replace(report.stakeholders, robust=report.leader))
    assert lead_sentence(same, MODEL).endswith(
        f"; it is also the robust choice across the {profiles} stakeholder profiles."
    )


@pytest.mark.parametrize(
    ("margin", "share", "label", "opening"),
    [
        (0.4, 0.9, "toss-up", "Toss-up: {leader} leads by only 0.4 points"),
        (2.0, 0.6, "leaning", "Leaning towards {leader}: it leads by 2.0 points"),
        (5.0, 0.9, "clear", "Clear: {leader} leads by 5.0 points"),
    ],
)
def test_the_lead_sentence_opens_with_the_verdict_the_recommendation_gives(
    report: SensitivityReport, margin: float, share: float, label: str, opening: str
) -> None:
    """The Sensitivity page and the Presenter open with the same word as the Recommendation's
    headline: a 0.2-point lead is a toss-up there, so it is not merely "leads" here."""
    leader = report.leader
    acceptability = report.rank_acceptability.copy()
    acceptability[leader, 0] = share
    regret = report.expected_regret.copy()
    regret[leader] = 0.1
    moved = replace(
        report,
        headline=replace(report.headline, margin=margin, share=share),
        rank_acceptability=acceptability,
        expected_regret=regret,
    )
    assert verdict(moved, MODEL).label == label
    said = lead_sentence(moved, MODEL)
    assert said.startswith(opening.format(leader=report.headline.leader_label) + " and ranks ")
    assert f"ranks first in {share:.0%} of {DRAWS:,} plausible draws" in said


def test_a_priority_moved_alone_reuses_the_draws_and_changes_no_number() -> None:
    """The second analysis meets the first one's draws and weight-free work again, and its
    numbers equal those of an analysis that starts from nothing."""
    first = Scenario.build({"assumptions": {"interceptor_shelf_life_years": 7}}, MODEL)
    moved = Scenario.build(
        {"assumptions": first.assumptions, "weights": {"f35_prospects": 80}}, MODEL
    )
    sampling.forget_assumption_draws()
    before = draw_around(first, MODEL, DRAWS, 3, judgement_uncertainty=True)
    reused = draw_around(moved, MODEL, DRAWS, 3, judgement_uncertainty=True)
    assert reused.assumptions is before.assumptions
    assert prepared_for(reused.assumptions, MODEL, reused.judgements) is prepared_for(
        before.assumptions, MODEL, before.judgements
    )
    sampling.forget_assumption_draws()
    fresh = draw_around(moved, MODEL, DRAWS, 3, judgement_uncertainty=True)
    assert fresh.assumptions is not reused.assumptions
    np.testing.assert_array_equal(fresh.batch.scores, reused.batch.scores)
    np.testing.assert_array_equal(fresh.acceptability, reused.acceptability)
    np.testing.assert_array_equal(fresh.weights, reused.weights)
