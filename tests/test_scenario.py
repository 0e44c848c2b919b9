"""Scenario validation, defaults and JSON round trips."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from scoring import Scenario, evaluate
from scoring.scenario import MAX_SCENARIO_BYTES, ScenarioError
from tests.conftest import MODEL


def test_missing_values_take_the_model_defaults() -> None:
    scenario = Scenario.build({"assumptions": {"interceptor_shelf_life_years": 3}}, MODEL)
    assert scenario.assumptions["interceptor_shelf_life_years"] == 3
    assert set(scenario.assumptions) == set(MODEL.assumption_ids)
    for spec in MODEL.assumptions[1:]:
        assert scenario.assumptions[spec.id] == spec.default
    assert scenario.weights == {c.id: c.default_weight for c in MODEL.criteria}


def test_json_round_trip_keeps_everything() -> None:
    scenario = Scenario.build(
        {
            "name": "Ankara talks, <b>draft</b>",
            "notes": "Line one\nline two",
            "assumptions": {"p_readmission_if_divested": 0.7},
            "weights": {"f35_prospects": 40},
        },
        MODEL,
    )
    again = Scenario.from_json(scenario.model_dump_json(), MODEL)
    assert again == scenario
    assert evaluate(again).scores.tolist() == evaluate(scenario).scores.tolist()


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        ({"assumptions": {"shelf_life": 3}}, ["assumptions", "unknown assumption 'shelf_life'"]),
        ({"weights": {"f35": 3}}, ["weights", "unknown criterion 'f35'"]),
        (
            {"assumptions": {"interceptor_shelf_life_years": 12}},
            ["assumptions.interceptor_shelf_life_years", "out of range", "2 to 10 years"],
        ),
        (
            {"assumptions": {"maintenance_sanction_risk": "high"}},
            ["assumptions.maintenance_sanction_risk", "not a number", "0.05 to 0.6"],
        ),
        (
            {"assumptions": {"maintenance_sanction_risk": True}},
            ["assumptions.maintenance_sanction_risk", "not a number"],
        ),
        ({"weights": {"leverage": -1}}, ["weights.leverage", "out of range", "0 to 100"]),
        ({"weights": {c.id: 0 for c in MODEL.criteria}}, ["weights", "all weights are zero"]),
        ({"assumptions": [1, 2]}, ["assumptions", "must be an object"]),
        ({"colour": "red"}, ["colour", "unknown field"]),
        ({"name": ""}, ["name"]),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(data, fragments) -> None:
    with pytest.raises(ValidationError) as caught:
        Scenario.build(data, MODEL)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message


def test_an_unknown_id_close_to_a_real_one_gets_a_suggestion() -> None:
    with pytest.raises(ValidationError, match="did you mean 'buyback_price_share'"):
        Scenario.build({"assumptions": {"buyback_price": 0.2}}, MODEL)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{oops", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ("{}", "schema_version is missing"),
        ('{"schema_version": 2}', "schema_version 2 is not supported"),
        ('{"schema_version": 1, "assumptions": {"siper_operational_year": 2040}}', "2027 to 2032"),
        (" " * (MAX_SCENARIO_BYTES + 1), r"at most 1,048,576 bytes \(1 MB\)"),
    ],
)
def test_user_files_fail_with_one_plain_message(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError, match=fragment) as caught:
        Scenario.from_json(text, MODEL)
    assert "\n" not in str(caught.value)


def test_presets_are_complete_scenarios_named_after_the_preset() -> None:
    for preset in MODEL.presets:
        scenario = Scenario.from_preset(preset.id, MODEL)
        assert scenario.name == preset.label
        for assumption_id, value in preset.assumptions.items():
            assert scenario.assumptions[assumption_id] == value


def test_presets_do_not_all_recommend_the_same_option() -> None:
    # Model 2.0: a buyback earns less readmission credit and can draw sanctions itself, so even
    # the Moscow-deal preset no longer leads with a sale back to Russia; two leaders remain.
    leaders = {
        evaluate(Scenario.from_preset(p.id, MODEL)).ranking[0].option_id for p in MODEL.presets
    }
    assert len(leaders) >= 2


def test_json_written_by_the_model_is_plain_json() -> None:
    text = Scenario.build({}, MODEL).model_dump_json()
    assert json.loads(text)["schema_version"] == 1


@pytest.mark.parametrize("version", ["true", "1.0", '"1"'])
def test_schema_version_must_be_the_integer_1(version: str) -> None:
    with pytest.raises(ScenarioError, match="is not supported"):
        Scenario.from_json(f'{{"schema_version": {version}}}', MODEL)


def test_size_limit_counts_bytes_not_characters() -> None:
    name = "ş" * (MAX_SCENARIO_BYTES // 2 + 1)  # two bytes each in UTF-8
    with pytest.raises(ScenarioError, match=r"at most 1,048,576 bytes \(1 MB\)"):
        Scenario.from_json(f'{{"schema_version": 1, "name": "{name}"}}', MODEL)
