"""Every setting's slider shows the ends of its range with their units, as plain text under the
track, and says its value with its unit; its label and help stay as they were."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from components.controls import _format, end_text
from components.state import Control, controls
from components.text import escape_markdown
from tests.conftest import MODEL
from tests.test_app import open_app

CONTROLS = {control.key: control for control in controls(MODEL)}


def blocks(node, found: dict | None = None) -> dict:
    """Every keyed element and block under `node`, by key."""
    found = {} if found is None else found
    for child in getattr(node, "children", {}).values():
        if getattr(child, "key", None):
            found[child.key] = child
        blocks(child, found)
    return found


def ends_under(app: AppTest, where: str) -> dict[str, list[str]]:
    """The captions of each slider's range-ends row, by the slider's key."""
    keyed = blocks(getattr(app, where))
    return {
        key.removeprefix("ends_"): [caption.value for caption in block.children.values()]
        for key, block in keyed.items()
        if key.startswith("ends_")
    }


def expected(control: Control) -> list[str]:
    return [
        escape_markdown(end_text(control, control.low)),
        escape_markdown(end_text(control, control.high)),
    ]


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("interceptor_shelf_life_years", "2 years", "10 years"),
        ("siper_operational_year", "2027", "2032"),
        ("maintenance_sanction_risk", "5%", "60%"),
        ("p_russia_consents_west_transfer", "0%", "3%"),
        ("buyback_price_share", "0% of US$2.5 bn", "50% of US$2.5 bn"),
        ("storage_cost_musd_per_year", "5 US$ m per year", "75 US$ m per year"),
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
    assert _format(CONTROLS["storage_cost_musd_per_year"]) == "%d US$ m per year"
    assert _format(CONTROLS["maintenance_sanction_risk"]) == "percent"
    assert _format(CONTROLS["buyback_price_share"]) == "percent"
    assert _format(CONTROLS["siper_operational_year"]) == "%d"  # a calendar year says itself
    assert _format(CONTROLS["weight_f35_prospects"]) == "%d"


def test_a_percent_sign_in_a_unit_cannot_break_the_format() -> None:
    odd = replace(CONTROLS["storage_cost_musd_per_year"], unit="% of GDP")
    assert _format(odd) == "%d %% of GDP"


def test_every_slider_on_the_assumptions_page_shows_its_ends() -> None:
    app = open_app()
    app.switch_page("app_pages/assumptions.py").run()
    ends = ends_under(app, "main")
    assert set(ends) == set(CONTROLS)
    for key, captions in ends.items():
        assert captions == expected(CONTROLS[key]), key
    slider = app.slider(key="interceptor_shelf_life_years")
    assert slider.label == "Interceptor shelf life left (years)"  # the label is unchanged
    assert "Range 2 to 10" in slider.help  # and so is the help
    assert slider.proto.format == "%.1f years"


def test_every_slider_in_the_sidebar_shows_its_ends() -> None:
    app = open_app()
    ends = ends_under(app, "sidebar")
    assert set(ends) == set(CONTROLS)
    assert ends["weight_f35_prospects"] == ["0", "100"]
