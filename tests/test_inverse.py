"""What it would take: the returned scenario puts the option first, the leader is left alone,
single-input answers are the nearest slider position, sentences say what changed."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from scoring import Scenario, evaluate, inverse, load_model
from scoring.inverse import (
    changes,
    distance,
    what_it_takes,
    what_it_takes_all,
    what_it_takes_sentence,
)
from tests.conftest import MODEL
from tests.test_data_files import copy_data

PRESETS = ["baseline", "moscow_deal", "ankara_holds"]


@pytest.fixture(scope="module")
def answers() -> dict[tuple[str, str], Scenario | None]:
    return {
        (preset, option): what_it_takes(Scenario.from_preset(preset, MODEL), MODEL, option)
        for preset in PRESETS
        for option in MODEL.option_ids
    }


@pytest.mark.parametrize("preset", PRESETS)
def test_every_answer_puts_its_option_first(answers, preset: str) -> None:
    found = 0
    for option in MODEL.option_ids:
        changed = answers[preset, option]
        if changed is None:
            continue
        found += 1
        result = evaluate(changed, MODEL)
        assert result.ranking[0].option_id == option
        tolerance = MODEL.info.constants.tie_tolerance.value
        assert result.ranking[0].score - result.ranking[1].score > tolerance
    # A sale that a strategy tries first never leads on its own: the strategy scores at least as
    # much. Of the rest, at most two (such as supervised storage) may never lead.
    tried_first = {strategy.attempts[0] for strategy in MODEL.strategies}
    assert found >= len(MODEL.option_ids) - len(tried_first) - 2


@pytest.mark.parametrize("preset", PRESETS)
def test_the_leader_is_returned_unchanged(answers, preset: str) -> None:
    scenario = Scenario.from_preset(preset, MODEL)
    leader = evaluate(scenario, MODEL).ranking[0].option_id
    assert answers[preset, leader] is not None
    assert answers[preset, leader].model_dump() == scenario.model_dump()
    assert what_it_takes_sentence(scenario, scenario, MODEL, leader).endswith("as things stand.")


def test_answers_are_scenarios_a_user_could_set(answers) -> None:
    for (preset, _), changed in answers.items():
        if changed is None:
            continue
        assert changed.name == Scenario.from_preset(preset, MODEL).name
        assert all(float(w).is_integer() for w in changed.weights.values())
        for a in MODEL.assumptions:
            value = changed.assumptions[a.id]
            on_step = abs((value - a.min) / a.step - round((value - a.min) / a.step)) < 1e-6
            assert on_step or value == a.max


def test_a_one_slider_answer_is_the_nearest_slider_position(answers) -> None:
    """At the baseline Keep stored takes first place by one priority alone; no other single
    slider position of any input, checked one by one, is nearer."""
    scenario = Scenario.build({}, MODEL)
    changed = answers["baseline", "keep_storage"]
    assert len(changes(scenario, changed, MODEL)) == 1
    best = distance(scenario, changed, MODEL)
    keep = MODEL.option_ids.index("keep_storage")
    tolerance = MODEL.info.constants.tie_tolerance.value  # a lead within it is a tie
    for criterion in MODEL.criterion_ids:
        for value in range(101):
            trial = Scenario.build(
                {"assumptions": scenario.assumptions, "weights": {criterion: value}}, MODEL
            )
            if 0 < distance(scenario, trial, MODEL) < best - 1e-9:
                scores = evaluate(trial, MODEL).scores
                assert scores[keep] - np.delete(scores, keep).max() <= tolerance


def test_distance_is_range_normalised_l1() -> None:
    before = Scenario.build({}, MODEL)
    after = Scenario.build(
        {
            "assumptions": {"p_readmission_if_divested": 0.4, "storage_cost_musd_per_year": 40},
            "weights": {"f35_prospects": 34},
        },
        MODEL,
    )
    readmission = MODEL.assumption("p_readmission_if_divested")
    storage = MODEL.assumption("storage_cost_musd_per_year")
    f35 = MODEL.criterion("f35_prospects").default_weight
    expected = (
        abs(0.4 - readmission.default) / (readmission.max - readmission.min)
        + abs(40 - storage.default) / (storage.max - storage.min)
        + abs(34 - f35) / 100
    )
    assert distance(before, after, MODEL) == pytest.approx(expected)


def test_sentence_names_the_change_with_units() -> None:
    before = Scenario.build({}, MODEL)
    after = Scenario.build({"assumptions": {"p_readmission_if_divested": 0.42}}, MODEL)
    sentence = what_it_takes_sentence(before, after, MODEL, "keep_storage")
    assert sentence == (
        "Keep stored would lead if F-35 readmission chance if divested fell to 42% (from 50%)."
    )
    none = what_it_takes_sentence(before, None, MODEL, "supervised_storage")
    assert none.startswith("No change within the declared ranges")


def test_nothing_within_the_ranges_gives_none(tmp_path: Path) -> None:
    """A copy of Dismantle that scores 5 lower on every judgement criterion (or 0 where Dismantle
    has 0) ties with it at best, so it can never lead by more than the tie tolerance: None."""
    data = copy_data(tmp_path)
    text = (data / "options" / "dismantle.toml").read_text(encoding="utf-8")
    text, renamed = re.subn(r'(?m)^id = "dismantle"$', 'id = "dismantle_worse"', text)
    text, lowered = re.subn(
        r"(?m)^score = (\d+)$", lambda found: f"score = {max(int(found[1]) - 5, 0)}", text
    )
    assert renamed == 1 and lowered >= 1
    (data / "options" / "dismantle_worse.toml").write_text(text, encoding="utf-8")
    model = load_model(data)
    scenario = Scenario.build({}, model)
    assert what_it_takes(scenario, model, "dismantle_worse") is None
    assert what_it_takes(scenario, model, "dismantle") is not None


def test_a_priority_moved_alone_reuses_the_assumption_side_with_the_same_answers() -> None:
    """The shared rows' assumption columns and their weight-free work are kept per assumption
    values: the search after a priority move meets them again and answers as a fresh one."""
    first = Scenario.build({"assumptions": {"storage_cost_musd_per_year": 40}}, MODEL)
    moved = Scenario.build(
        {"assumptions": first.assumptions, "weights": {"f35_prospects": 70}}, MODEL
    )
    inverse._assumption_side.cache_clear()
    what_it_takes_all(first, MODEL)
    reused = what_it_takes_all(moved, MODEL)
    assert inverse._assumption_side.cache_info().hits >= 1
    inverse._assumption_side.cache_clear()
    fresh = what_it_takes_all(moved, MODEL)
    assert inverse._assumption_side.cache_info().hits == 0
    assert {o: s and (s.assumptions, s.weights) for o, s in reused.items()} == {
        o: s and (s.assumptions, s.weights) for o, s in fresh.items()
    }
