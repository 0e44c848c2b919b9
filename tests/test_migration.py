"""Scenarios saved under model 1.x still load under 2.0, and say what changed (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import Scenario
from scoring.scenario import ScenarioError
from tests.conftest import MODEL
from tests.test_app import open_app
from tests.test_cli import run_cli

# A complete scenario as model 1.0.0 exported it: its 15 assumptions and 8 priorities.
SAVED_1X = {
    "schema_version": 1,
    "name": "Tuesday meeting",
    "notes": "",
    "assumptions": {
        "interceptor_shelf_life_years": 6.0,
        "siper_operational_year": 2030.0,
        "maintenance_sanction_risk": 0.3,
        "activation_sanction_risk": 0.6,
        "p_readmission_if_divested": 0.5,
        "p_readmission_if_retained": 0.1,
        "f35_refund_probability": 0.5,
        "p_russia_accepts_buyback": 0.35,
        "buyback_price_share": 0.25,
        "p_russia_consents_third_country": 0.25,
        "third_country_price_share": 0.35,
        "p_russia_consents_west_transfer": 0.01,
        "west_price_share": 0.3,
        "storage_cost_musd_per_year": 25.0,
        "russian_retaliation_severity": 0.3,
    },
    "weights": {
        "f35_prospects": 40.0,
        "air_defence": 15.0,
        "sanctions_exposure": 15.0,
        "net_financial": 8.0,
        "russia_risk": 10.0,
        "autonomy": 8.0,
        "domestic_acceptability": 7.0,
        "reversibility": 3.0,
    },
}


def test_the_model_version_is_bumped() -> None:
    assert MODEL.info.version.startswith("2.")


def test_a_1x_scenario_loads_with_new_assumptions_at_their_defaults() -> None:
    scenario = Scenario.from_json(json.dumps(SAVED_1X), MODEL)
    assert scenario.assumptions["interceptor_shelf_life_years"] == 6.0
    for new in ("servicing_life_extension_years", "buyback_sanction_risk"):
        assert scenario.assumptions[new] == MODEL.assumption(new).default
    assert scenario.assumptions["p_western_transfer_completes"] == 0.4


def test_a_1x_scenario_keeps_its_trade_offs_on_the_2_0_scales() -> None:
    weights = Scenario.from_json(json.dumps(SAVED_1X), MODEL).weights
    assert weights["f35_prospects"] == 30  # 40 on 0-1 is 30 on the reachable 0-0.75
    assert weights["sanctions_exposure"] == 14
    assert weights["net_financial"] == 10  # 8 on US$4 bn (-1.5 to 2.5) is 10.4 on 5.2 (-2.1 to 3.1)
    assert weights["russia_risk"] == 8
    assert weights["leverage"] == 8  # 1.x 'autonomy' was scored as bargaining leverage
    assert weights["industrial_autonomy"] == MODEL.criterion("industrial_autonomy").default_weight


def test_loading_a_1x_scenario_states_the_new_meaning_of_keep_storage() -> None:
    notices = " ".join(Scenario.from_json(json.dumps(SAVED_1X), MODEL).upgrade_notices)
    assert "keep_storage" in notices and "without Russian servicing" in notices
    assert "keep_serviced" in notices
    assert "f35_prospects 40 -> 30" in notices


def test_a_2_0_scenario_has_no_notice_and_notices_are_never_saved() -> None:
    scenario = Scenario.build({"weights": {"leverage": 9}}, MODEL)
    assert scenario.upgrade_notices == ()
    old = Scenario.from_json(json.dumps(SAVED_1X), MODEL)
    assert "upgrade_notices" not in old.model_dump()
    again = Scenario.from_json(old.model_dump_json(), MODEL)
    assert again.weights == old.weights and again.upgrade_notices == ()


def test_a_file_cannot_supply_its_own_notices() -> None:
    with pytest.raises(ScenarioError, match="upgrade_notices: unknown field"):
        Scenario.from_json(json.dumps({"schema_version": 1, "upgrade_notices": ["x"]}), MODEL)


def test_the_cli_prints_the_notice_for_a_1x_file(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(SAVED_1X), encoding="utf-8")
    done = run_cli("evaluate", str(path))
    assert done.returncode == 0
    assert "note: This scenario was saved under model 1.x" in done.stderr
    assert json.loads(done.stdout)["scenario"]["weights"]["leverage"] == 8


def test_a_1x_link_opens_as_2_0_reads_it_with_the_notice() -> None:
    app = open_app(weight_autonomy="20", weight_f35_prospects="40")
    assert app.slider(key="weight_leverage").value == 20
    assert app.slider(key="weight_f35_prospects").value == 30
    warnings = " ".join(w.value for w in app.warning)
    assert "keep_serviced" in warnings and "not one this dashboard knows" not in warnings
