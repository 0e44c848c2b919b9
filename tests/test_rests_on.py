"""What the answer rests on: the single modelling choices that change the leader (issue 11)."""

from __future__ import annotations

import pytest

from scoring import Scenario, evaluate
from scoring.rests_on import (
    RestsOn,
    candidate_changes,
    what_it_rests_on,
    with_parameter,
    with_score,
)
from tests.conftest import MODEL
from tests.test_cli import run_cli

BASELINE = Scenario.build({}, MODEL)


@pytest.fixture(scope="module")
def found() -> RestsOn:
    return what_it_rests_on(BASELINE, MODEL)


def leaders(scenario: Scenario, model=MODEL) -> tuple[str, ...]:
    return tuple(e.option_id for e in evaluate(scenario, model).ranking if e.rank == 1)


def test_every_reported_change_moves_first_place_and_no_other_does(found: RestsOn) -> None:
    reported = {outcome.change.description for outcome in found.flips}
    for change in candidate_changes(BASELINE, MODEL):
        moved = leaders(change.scenario, change.model) != found.baseline.leader_ids
        assert moved == (change.description in reported), change.description


def test_the_audit_rows_are_re_run(found: RestsOn) -> None:
    described = [outcome.change.description for outcome in found.named]
    assert any("readiness 0.5 -> 1" in d for d in described)
    assert any("Option-value priority: 3 -> 7" in d for d in described)
    for outcome in found.named:
        assert sum(outcome.shares.values()) == pytest.approx(1.0)


def test_stored_readiness_at_one_hands_the_lead_to_keep_stored() -> None:
    model = with_parameter(MODEL, "keep_storage", "readiness", 1.0)
    assert leaders(BASELINE, model) == ("keep_storage",)
    assert "keep_storage" not in leaders(BASELINE)  # the shipped model is untouched


def test_a_changed_judgement_score_is_what_the_engine_uses() -> None:
    model = with_score(MODEL, "dismantle", "domestic_acceptability", 90.0)
    result = evaluate(BASELINE, model)
    m, n = (
        result.option_ids.index("dismantle"),
        result.criterion_ids.index("domestic_acceptability"),
    )
    assert result.performance[m, n] == 90.0


def test_describe_prints_what_the_answer_rests_on() -> None:
    done = run_cli("describe")
    assert done.returncode == 0
    assert "WHAT THE ANSWER RESTS ON" in done.stdout
    assert "Single modelling choices that change the leader" in done.stdout
    assert "| priority | F-35 priority: 18 -> 9 | Keep stored |" in done.stdout
