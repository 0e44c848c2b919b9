"""One verdict: thresholds exactly as documented, and a sentence that reconciles the point
leader with the robust choice."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from scoring import Scenario
from scoring.robustness import AnalysisSettings, analyse
from scoring.verdict import (
    CLEAR_MARGIN,
    CLEAR_REGRET,
    CLEAR_SHARE,
    TOSS_UP_MARGIN,
    TOSS_UP_SHARE,
    VerdictBasis,
    classify,
    verdict,
    verdict_basis,
)
from tests.conftest import MODEL

EPS = 1e-9


@pytest.mark.parametrize(
    ("margin", "share", "regret", "label"),
    [
        (CLEAR_MARGIN, CLEAR_SHARE, CLEAR_REGRET, "clear"),  # every threshold met exactly
        (CLEAR_MARGIN - EPS, CLEAR_SHARE, CLEAR_REGRET, "leaning"),
        (CLEAR_MARGIN, CLEAR_SHARE - EPS, CLEAR_REGRET, "leaning"),
        (CLEAR_MARGIN, CLEAR_SHARE, CLEAR_REGRET + EPS, "leaning"),
        (TOSS_UP_MARGIN, TOSS_UP_SHARE, 5.0, "leaning"),  # the toss-up bounds are exclusive
        (TOSS_UP_MARGIN - EPS, 0.99, 0.0, "toss-up"),
        (10.0, TOSS_UP_SHARE - EPS, 0.0, "toss-up"),
        (0.0, 1.0, 0.0, "toss-up"),  # a tie at the point is a toss-up however sure the draws
    ],
)
def test_thresholds(margin: float, share: float, regret: float, label: str) -> None:
    assert classify(margin, share, regret) == label


@pytest.fixture(scope="module")
def baseline_report():
    return analyse(Scenario.build({}, MODEL), MODEL, draws=4_000, seed=2026)


def test_verdict_reads_the_report(baseline_report) -> None:
    found = verdict(baseline_report, MODEL)
    leader = baseline_report.leader
    assert found.leader == MODEL.option_ids[leader]
    assert found.margin == baseline_report.headline.margin
    assert found.share == baseline_report.rank_acceptability[leader, 0]
    assert found.regret == pytest.approx(baseline_report.expected_regret[leader])
    assert found.label == classify(found.margin, found.share, found.regret)
    assert found.to_dict()["verdict"] == found.label


def test_expected_regret_is_zero_only_for_an_option_that_always_wins() -> None:
    fixed = analyse(
        Scenario.build({}, MODEL),
        MODEL,
        draws=200,
        spread=0.0,
        band=0.0,
        judgement_uncertainty=False,
    )
    assert fixed.expected_regret[fixed.leader] == 0.0
    others = np.delete(fixed.expected_regret, fixed.leader)
    assert np.all(others > 0)
    call = verdict(fixed, MODEL)
    assert call.share == 1.0 and call.regret == 0.0
    assert call.label == classify(fixed.headline.margin, 1.0, 0.0)


def test_sentence_reconciles_leader_and_robust_choice(baseline_report) -> None:
    table = baseline_report.stakeholders
    leader = MODEL.options[baseline_report.leader].label
    robust = MODEL.options[table.robust].label
    assert table.robust != baseline_report.leader  # the audit's "two answers"
    sentence = verdict(baseline_report, MODEL).sentence
    worst = table.profile_ids[int(table.regret[:, baseline_report.leader].argmax())]
    # The rule first, each name at most twice: the reader learns what to do before why.
    assert sentence.startswith(
        f"If the priorities set are agreed, {leader} stands; if not, {robust} is the robust choice"
    )
    assert sentence.count(leader) == 2 and sentence.count(robust) == 1
    assert MODEL.profile(worst).label in sentence
    assert sentence.endswith(".") and not re.search(r"\.\s", sentence)  # one sentence
    # In plain words: the most each falls behind the best option, without the term "regret".
    assert "regret" not in sentence.lower()
    assert f"at most {table.max_regret[table.robust]:.1f} points behind the best option" in sentence
    assert f"{leader} falls {table.max_regret[baseline_report.leader]:.1f} points" in sentence
    agreed = replace(baseline_report, stakeholders=replace(table, robust=baseline_report.leader))
    assert verdict(agreed, MODEL).sentence.startswith(
        f"{leader} is also the robust choice if the priorities are disputed: under each of the "
    )


def _moved_assumption() -> dict[str, float]:
    """The first assumption set to its range's upper end (not its default)."""
    first = MODEL.assumptions[0]
    return {first.id: first.max}


@pytest.mark.parametrize(
    ("data", "settings"),
    [
        ({}, AnalysisSettings(draws=3_000)),
        (
            {"weights": {MODEL.criterion_ids[0]: 90}, "assumptions": _moved_assumption()},
            AnalysisSettings(draws=3_000, seed=11, spread=0.5),
        ),
        (
            {"weights": {MODEL.criterion_ids[-1]: 5}},
            AnalysisSettings(draws=2_000, weight_mode="simplex", judgement_uncertainty=False),
        ),
    ],
)
def test_the_quick_basis_gives_the_full_reports_verdict(data: dict, settings) -> None:
    scenario = Scenario.build(data, MODEL)
    report = settings.run(scenario, MODEL)
    quick = verdict_basis(scenario, MODEL, settings)
    full = VerdictBasis.of(report)
    assert (quick.leader, quick.margin, quick.share) == (full.leader, full.margin, full.share)
    assert quick.regret == pytest.approx(full.regret, abs=1e-12)
    assert np.array_equal(quick.stakeholders.regret, full.stakeholders.regret)
    assert verdict(quick, MODEL) == verdict(report, MODEL)
