"""Every setting's slider says its value, and the ends of its range, with its unit; the range
ends stay in view under the track (tests/browser/test_dashboard.py checks them in the browser)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from components.controls import _format, end_text
from components.state import controls
from tests.conftest import MODEL
from tests.test_app import open_app

CONTROLS = {control.key: control for control in controls(MODEL)}


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("interceptor_shelf_life_years", "2 years", "10 years"),
        ("siper_operational_year", "2027", "2032"),
        ("maintenance_sanction_risk", "5%", "60%"),
        ("p_russia_consents_west_transfer", "0%", "3%"),
        ("buyback_price_share", "0% of US$2.5 bn", "50% of US$2.5 bn"),
        ("storage_cost_musd_per_year", "US$5 m per year", "US$75 m per year"),
        ("f35_window_decay_per_year", "0% lost per year", "20% lost per year"),
        ("russian_retaliation_severity", "0.1", "0.7"),
        ("weight_f35_prospects", "0", "100"),
    ],
)
def test_each_end_is_written_with_its_unit(key: str, low: str, high: str) -> None:
    control = CONTROLS[key]
    assert (end_text(control, control.low), end_text(control, control.high)) == (low, high)


def test_one_of_a_plural_unit_is_singular() -> None:
    control = CONTROLS["servicing_life_extension_years"]
    assert end_text(replace(control, low=1.0), 1.0) == "1 year"


def test_the_value_itself_carries_its_unit() -> None:
    assert _format(CONTROLS["interceptor_shelf_life_years"]) == "%.1f years"
    assert _format(CONTROLS["storage_cost_musd_per_year"]) == "US$%d m per year"
    assert _format(CONTROLS["maintenance_sanction_risk"]) == "percent"
    assert _format(CONTROLS["buyback_price_share"]) == "percent"
    assert _format(CONTROLS["siper_operational_year"]) == "%d"  # a calendar year says itself
    assert _format(CONTROLS["weight_f35_prospects"]) == "%d"


def test_a_percent_sign_in_a_unit_cannot_break_the_format() -> None:
    odd = replace(CONTROLS["storage_cost_musd_per_year"], unit="% of GDP")
    assert _format(odd) == "%d %% of GDP"


def test_each_slider_keeps_its_label_help_and_unit_format() -> None:
    app = open_app()
    app.switch_page("app_pages/assumptions.py").run()
    slider = app.slider(key="interceptor_shelf_life_years")
    assert slider.label == "Interceptor shelf life left (years)"
    assert "Range 2 to 10" in slider.help
    assert slider.proto.format == "%.1f years"  # the range ends are written in it too
    assert (slider.min, slider.max) == (2.0, 10.0)
