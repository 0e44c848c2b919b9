"""A meeting room's tables, charts and sentences (briefing/room.py), without Streamlit."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from briefing.pack import build_pack
from briefing.room import (
    RoomResults,
    acceptability_frame,
    leader_frame,
    participant_frame,
    room_figures,
    room_findings,
    spread_frame,
)
from scoring import Scenario
from scoring.group import GroupAnalysis, analyse_participants
from scoring.robustness import AnalysisSettings
from tests.conftest import MODEL

BASE = np.array([c.default_weight for c in MODEL.criteria])


def criterion(criterion_id: str) -> int:
    return MODEL.criterion_ids.index(criterion_id)


def group_with(*changes: dict[str, float]) -> GroupAnalysis:
    rows = []
    for change in changes:
        row = BASE.copy()
        for key, value in change.items():
            row[criterion(key)] = value
        rows.append(row)
    return analyse_participants(Scenario.build({}, MODEL), MODEL, np.array(rows))


@pytest.fixture(scope="module")
def split() -> GroupAnalysis:
    """Three participants: the baseline, all-out air defence, all-out F-35."""
    return group_with({}, {"air_defence": 100}, {"f35_prospects": 100})


def test_the_spread_frame_gives_percent_shares_per_priority(split: GroupAnalysis) -> None:
    frame = spread_frame(split, MODEL)
    assert frame["priority"].tolist() == [c.priority_label for c in MODEL.criteria]
    air = frame.iloc[criterion("air_defence")]
    total = BASE.sum()
    f35 = BASE[criterion("f35_prospects")]
    assert air["lowest"] == pytest.approx(15 / (total - f35 + 100) * 100)
    assert air["highest"] == pytest.approx(100 / (total - 15 + 100) * 100)
    assert air["lowest"] <= air["lower_quartile"] <= air["median"] <= air["upper_quartile"]
    assert frame["group"].sum() == pytest.approx(100)
    assert frame["disputed"].sum() == 1


def test_leader_and_acceptability_frames_account_for_every_participant(
    split: GroupAnalysis,
) -> None:
    leaders = leader_frame(split, MODEL)
    assert leaders["participants"].sum() == 3
    assert leaders["share"].sum() == pytest.approx(1)
    assert sorted(leaders["position"]) == list(range(len(MODEL.options)))
    ranks = acceptability_frame(split, MODEL)
    assert ranks.groupby("option")["share"].sum().tolist() == pytest.approx(
        [1] * len(MODEL.options)
    )
    people = participant_frame(split, MODEL)
    assert people["participant"].tolist() == [1, 2, 3]
    labels = [o.label for o in MODEL.options]
    assert people["leader"].tolist() == [labels[i] for i in split.leaders]


def test_the_three_charts_carry_their_rows(split: GroupAnalysis) -> None:
    figures = room_figures(split, MODEL)
    assert [f.key for f in figures] == ["room_spread", "room_leaders", "room_acceptability"]
    rows = [len(next(iter(f.spec["datasets"].values()))) for f in figures]
    assert rows == [len(MODEL.criteria), len(MODEL.options), len(MODEL.options) ** 2]


def test_findings_name_the_disagreement_and_whether_it_matters(split: GroupAnalysis) -> None:
    lines = room_findings(split, MODEL)
    assert lines[0] == "Under the group's median priorities, Dismantle under verification leads."
    assert lines[1].startswith("Most disagreement: Air-defence priority")
    assert lines[2] == (
        "That disagreement changes the leader: with each participant's Air-defence priority in "
        "turn, Dismantle under verification, Activate and deploy lead."
    )
    labels = [o.label for o in MODEL.options]
    assert lines[3] == (  # in plain words, as the verdict says it: no "regret"
        f"Robust choice if the room cannot agree: {labels[split.robust]} (under any "
        "participant's priorities it falls at most "
        f"{split.max_regret[split.robust]:.1f} points behind the best option)."
    )
    assert split.max_regret[split.robust] == split.max_regret.min()


def test_findings_for_a_group_that_agrees() -> None:
    same = group_with({"leverage": 40}, {"leverage": 40})
    lines = room_findings(same, MODEL)
    assert "No disagreement yet" in lines[1]
    assert len(lines) == 3


def test_the_briefing_pack_takes_the_rooms_results_along(split: GroupAnalysis) -> None:
    results = RoomResults(split, "participant,submitted_at\n1,2026-11-30T09:00:00+00:00\n", "open")
    scenario = Scenario.build({"name": "Room pack"}, MODEL)
    created = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    settings = AnalysisSettings(draws=1_000, seed=7)
    plain = zipfile.ZipFile(io.BytesIO(build_pack(scenario, MODEL, settings, created, "")))
    assert not [name for name in plain.namelist() if name.startswith("room/")]
    assert "room/" not in plain.read("README.txt").decode()
    data = build_pack(scenario, MODEL, settings, created, "", results)
    pack = zipfile.ZipFile(io.BytesIO(data))
    room = sorted(name for name in pack.namelist() if name.startswith("room/"))
    charts = ("room_acceptability", "room_leaders", "room_spread")
    tables = ("leaders", "participants", "rank_acceptability", "responses", "spread")
    assert room == sorted(
        [f"room/{c}.{kind}" for c in charts for kind in ("png", "svg")]
        + [f"room/{t}.csv" for t in tables]
        + ["room/findings.txt"]
    )
    assert pack.read("room/room_spread.png").startswith(b"\x89PNG")
    assert "Air-defence priority" in pack.read("room/room_spread.svg").decode()
    findings = pack.read("room/findings.txt").decode().splitlines()
    assert findings[0].startswith("Meeting room (open): 3 participants' priorities")
    assert findings[1:] == room_findings(split, MODEL)
    assert pack.read("room/responses.csv").decode() == results.responses_csv
    leaders = pd.read_csv(io.BytesIO(pack.read("room/leaders.csv")))
    assert leaders["participants"].sum() == 3
    assert "room/" in pack.read("README.txt").decode()
    assert [n for n in pack.namelist() if not n.startswith("room/")] == plain.namelist()
