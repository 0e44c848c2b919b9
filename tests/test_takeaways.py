"""Slide titles state what each chart shows, in numbers that agree with the analysis."""

from __future__ import annotations

import numpy as np

from briefing import figures
from briefing.pack import pack_figures, pack_grid
from briefing.takeaways import CAVEAT, READING, chart_takeaways
from scoring import Scenario, default_model, evaluate
from scoring.robustness import analyse

MODEL = default_model()
RESULT = evaluate(Scenario.build({}, MODEL), MODEL)
REPORT = analyse(RESULT.scenario, MODEL, draws=2_000, seed=3)
GRID = pack_grid(RESULT, REPORT, MODEL)
SAID = chart_takeaways(RESULT, REPORT, GRID, MODEL)


def test_every_pack_chart_has_a_takeaway_a_reading_and_a_caveat() -> None:
    keys = [figure.key for figure in pack_figures(RESULT, REPORT, MODEL, GRID)]
    assert list(SAID) == keys
    assert set(READING) == set(CAVEAT) == set(keys)


def test_the_recommendation_names_leader_score_and_margin() -> None:
    first, second = RESULT.ranking[:2]
    margin = first.score - second.score
    assert SAID["recommendation_chart"] == (
        f"{first.label} leads with {first.score:.1f} points, {margin:.1f} ahead of {second.label}"
    )


def test_the_acceptability_share_is_the_leaders_first_rank_share() -> None:
    leader = RESULT.option_ids.index(RESULT.ranking[0].option_id)
    share = REPORT.rank_acceptability[leader, 0]
    assert f"ranks first in {share:.0%} of 2,000 plausible draws" in SAID["sens_acceptability"]


def test_the_tornado_counts_the_assumptions_that_flip_the_leader() -> None:
    leaders = np.array([[b.leader_low, b.leader_high] for b in REPORT.tornado.bars])
    count = int((leaders != REPORT.tornado.leader).any(axis=1).sum())
    assert SAID["sens_tornado"].startswith(f"{count} of {len(MODEL.assumptions)} assumptions")


def test_the_map_names_the_leaders_share_and_the_option_holding_most_of_it() -> None:
    cells = np.bincount(GRID.leaders.ravel(), minlength=len(MODEL.options))
    held = cells[GRID.current_leader]
    # The baseline's leader holds a sliver of the map (a toss-up): never "0%" while it leads at
    # the cross, and the option holding most of the map is named with its share.
    assert 0 < held / GRID.leaders.size < 0.005
    assert "leads on under 1% of this map" in SAID["sens_map"]
    widest = int(cells.argmax())
    assert widest != GRID.current_leader
    share = cells[widest] / GRID.leaders.size
    assert SAID["sens_map"].endswith(f"; {MODEL.options[widest].label} leads on {share:.0%}")
    # The same finding is written under the map on the Sensitivity page.
    assert figures.decision_map(GRID, MODEL).finding == f"{SAID['sens_map']}."
