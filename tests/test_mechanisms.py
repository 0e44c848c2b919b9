"""Each mechanism is counted once: moving its lever moves exactly the criterion that counts it,
and no judgement score restates a consequence a computed criterion already counts (issue 11)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from scoring.arrays import model_arrays
from scoring.formulas import performance
from scoring.mechanisms import JUDGEMENT_LEVER, MECHANISMS, Mechanism
from tests.conftest import MODEL, assumption_position, criterion_position, option_position

# Two years of waiting, so that the mechanisms that run on the clock are live too.
DEFAULTS = np.array(
    [2.0 if a.id == "decision_delay_years" else a.default for a in MODEL.assumptions]
)
# Words that name a consequence a computed criterion counts; a judgement rationale that uses them
# would count that consequence a second time.
COMPUTED_CONSEQUENCES = ("sanction", "retaliat", "readmi", "refund", "money", "recovers")


def moved_criteria(before: np.ndarray, after: np.ndarray) -> set[str]:
    changed = np.any(np.abs(after - before) > 1e-12, axis=0)
    return {MODEL.criterion_ids[n] for n in np.flatnonzero(changed)}


@pytest.mark.parametrize("mechanism", MECHANISMS, ids=lambda m: m.name)
def test_moving_a_mechanism_moves_exactly_its_criterion(mechanism: Mechanism) -> None:
    arrays = model_arrays(MODEL)
    before = performance(DEFAULTS[None, :], arrays)[0]
    if mechanism.lever == JUDGEMENT_LEVER:
        judgement = arrays.judgement.copy()
        judgement[:, criterion_position(mechanism.criterion_id)] += 10.0
        after = performance(DEFAULTS[None, :], dataclasses.replace(arrays, judgement=judgement))[0]
    else:
        spec = MODEL.assumption(mechanism.lever)
        values = DEFAULTS.copy()
        values[assumption_position(mechanism.lever)] = spec.max
        after = performance(values[None, :], arrays)[0]
    assert moved_criteria(before, after) == {mechanism.criterion_id}


def test_every_criterion_counts_at_least_one_mechanism_and_no_mechanism_is_listed_twice() -> None:
    assert {m.criterion_id for m in MECHANISMS} == set(MODEL.criterion_ids)
    names = [m.name for m in MECHANISMS]
    assert len(names) == len(set(names))


def test_no_judgement_rationale_restates_a_computed_consequence() -> None:
    restated = [
        f"{option.id}.{criterion_id}: {word}"
        for option in MODEL.direct_options
        for criterion_id, score in option.scores.items()
        for word in COMPUTED_CONSEQUENCES
        if word in score.rationale.lower()
    ]
    assert restated == []


def test_the_break_with_moscow_is_charged_only_under_russian_retaliation() -> None:
    """Transfer west scores like the other routes that hand the systems away on every judgement
    criterion Moscow's reaction could leak into."""
    west, third = MODEL.option("transfer_west").scores, MODEL.option("sell_third_country").scores
    for criterion_id in ("leverage", "industrial_autonomy", "reversibility"):
        assert west[criterion_id].score == third[criterion_id].score, criterion_id


def test_option_value_is_counted_under_reversibility_not_leverage() -> None:
    for option in MODEL.direct_options:
        rationale = option.scores["leverage"].rationale.lower()
        assert not any(w in rationale for w in ("open", "option value", "change course")), option.id


def test_sanctions_do_not_reward_ending_possession() -> None:
    """Ending possession is rewarded once, under F-35 readmission and CAATSA relief: keeping the
    system without servicing or activation draws no more new-sanction risk than dismantling."""
    table = performance(DEFAULTS[None, :], model_arrays(MODEL))[0]
    column = criterion_position("sanctions_exposure")
    assert (
        table[option_position("keep_storage"), column]
        == table[option_position("dismantle"), column]
    )


def test_autonomy_is_split_so_name_weight_and_scores_agree() -> None:
    assert "autonomy" not in MODEL.criterion_ids
    industrial = MODEL.criterion("industrial_autonomy")
    assert {"C6", "D6"} <= set(industrial.weight_provenance.evidence)
    assert "industrial" in industrial.weight_provenance.rationale.lower()
    leverage = MODEL.criterion("leverage")
    assert "bargaining" in leverage.label.lower() and "bargaining" in leverage.description.lower()
