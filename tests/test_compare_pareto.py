"""Baseline comparison, headline drivers and Pareto efficiency."""

from __future__ import annotations

import numpy as np

from scoring import Scenario, evaluate
from scoring.leader import changes_against, headline
from scoring.pareto import efficient
from tests.conftest import MODEL


def test_pareto_keeps_undominated_rows_only() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6], [0.5, 0.5], [0.6, 0.6]])
    # Row 3 is dominated by row 2; rows 2 and 4 are equal, so neither dominates the other.
    assert efficient(values).tolist() == [True, True, True, False, True]


def test_headline_names_leader_margin_and_drivers_from_contributions() -> None:
    result = evaluate()
    top = headline(result)
    first, second = result.ranking[0], result.ranking[1]
    assert top.leader == first.option_id
    assert top.margin == first.score - second.score
    leader = result.option_ids.index(first.option_id)
    runner = result.option_ids.index(second.option_id)
    advantage = result.contributions[leader] - result.contributions[runner]
    best = result.criterion_ids[int(np.argmax(advantage))]
    assert top.drivers[0] == best
    assert len(top.drivers) == 2


def test_changes_against_baseline_report_direction() -> None:
    baseline = evaluate()
    moved = evaluate(
        Scenario.build({"assumptions": {"p_readmission_if_divested": 0.75}}, MODEL), MODEL
    )
    table = changes_against(moved, baseline).set_index("option_id")
    assert table.loc["dismantle", "score_change"] > 0
    assert table.loc["keep_storage", "score_change"] == 0
    unchanged = changes_against(baseline, baseline)
    assert (unchanged["score_change"] == 0).all() and (unchanged["rank_change"] == 0).all()
