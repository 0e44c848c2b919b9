"""Stakeholder profiles: the data file, minimax regret by hand, and the table against evaluate."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import scoring
from scoring import Scenario, evaluate
from scoring.stakeholders import minimax_regret, regret, stakeholder_table
from tests.conftest import MODEL

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def test_minimax_regret_by_hand() -> None:
    """Three options under two profiles. Regrets: A (0, 35), B (20, 0), C (10, 10); the largest
    are 35, 20 and 10, so C is the robust choice although it is best under neither profile."""
    scores = np.array([[80.0, 60.0, 70.0], [40.0, 75.0, 65.0]])
    np.testing.assert_array_equal(regret(scores), [[0, 20, 10], [35, 0, 10]])
    largest, robust = minimax_regret(scores)
    np.testing.assert_array_equal(largest, [35, 20, 10])
    assert robust == 2


def test_minimax_regret_ties_go_to_the_earlier_option() -> None:
    largest, robust = minimax_regret(np.array([[50.0, 60.0, 70.0], [70.0, 60.0, 50.0]]))
    np.testing.assert_array_equal(largest, [20, 10, 20])
    assert robust == 1
    assert minimax_regret(np.array([[1.0, 1.0]]))[1] == 0


def test_the_shipped_profiles() -> None:
    ids = [p.id for p in MODEL.profiles]
    assert {"foreign_ministry", "defence_ministry", "treasury"} <= set(ids)
    known = {e.id for e in MODEL.evidence}
    for profile in MODEL.profiles:
        assert set(profile.weights) == set(MODEL.criterion_ids), profile.id
        assert all(w >= 0 for w in profile.weights.values()) and sum(profile.weights.values()) > 0
        assert profile.label and len(profile.description) >= 10 and len(profile.rationale) >= 10
        assert set(profile.evidence) <= known
        assert MODEL.profile(profile.id) is profile


@pytest.mark.parametrize("preset_id", [p.id for p in MODEL.presets])
def test_table_matches_evaluate_under_each_profile(preset_id: str) -> None:
    scenario = Scenario.from_preset(preset_id, MODEL)
    table = stakeholder_table(scenario, MODEL)
    assert table.profile_ids == tuple(p.id for p in MODEL.profiles)
    for p, profile in enumerate(MODEL.profiles):
        data = scenario.model_dump() | {"weights": profile.weights}
        result = evaluate(Scenario.build(data, MODEL), MODEL)
        np.testing.assert_allclose(table.scores[p], result.scores)
        np.testing.assert_array_equal(table.ranks[p], result.ranks)
        assert table.regret[p].min() == 0
    np.testing.assert_array_equal(table.worst_rank, table.ranks.max(axis=0))
    np.testing.assert_allclose(table.max_regret, table.regret.max(axis=0))
    assert table.robust == int(table.max_regret.argmin())


# --- validation of data/profiles.toml ---------------------------------------------------------


def broken_profiles(tmp_path: Path, old: str, new: str) -> str:
    """Load a copy of data/ with one edit in profiles.toml (after the treasury entry starts)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "profiles.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "treasury"')
    position = text.index(old, start)
    path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")
    with pytest.raises(scoring.DataError) as caught:
        scoring.load_model(data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("reversibility = 3\n", "", ["weights", "no weight for 'reversibility'"]),
        ("leverage = 2", "leverage = -3", ["weights.leverage", "negative"]),
        ("leverage = 2", "leverage = 2\nsovereignty = 2", ["weights", "sovereignty"]),
        ('"B1"]', '"B99"]', ["evidence", "B99"]),
        ('basis = "judgement"', 'basis = "hunch"', ["basis"]),
        ("rationale = ", "reasoning = ", ["rationale", "required"]),
    ],
    ids=["missing_weight", "negative", "unknown_criterion", "unknown_evidence", "basis", "field"],
)
def test_a_broken_profile_names_file_entry_and_field(
    tmp_path: Path, old: str, new: str, words: list[str]
) -> None:
    message = broken_profiles(tmp_path, old, new)
    assert message.startswith("data/profiles.toml: profile 'treasury': field '")
    for word in words:
        assert word in message


def test_all_zero_profile_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "profiles.toml"
    text = path.read_text(encoding="utf-8")
    head, treasury = text.split('id = "treasury"')
    weights = treasury.index("[profile.weights]")
    zeroed = (
        treasury[:weights]
        + "[profile.weights]\n"
        + "".join(f"{c} = 0\n" for c in MODEL.criterion_ids)
    )
    path.write_text(head + 'id = "treasury"' + zeroed, encoding="utf-8")
    with pytest.raises(scoring.DataError, match="all weights are zero"):
        scoring.load_model(data)


def test_profiles_file_is_required_and_versioned(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "profiles.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert scoring.load_model(data).version != MODEL.version
    path.unlink()
    with pytest.raises(scoring.DataError, match=r"data/profiles\.toml: file is missing"):
        scoring.load_model(data)
