"""The scenario on screen is named for what it is: edits are counted, a save renames it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.state import honest_name
from scoring.scenario import BASELINE_NAME, NAME_LIMIT
from tests.conftest import MODEL
from tests.test_app import open_app
from tests.test_app_scenarios import PAGE, private_library, save  # noqa: F401 (fixture)


def shown_name(app: AppTest) -> str:
    """The scenario name in the page's caption (a code span: shown literally)."""
    caption = next(c.value for c in app.caption if c.value.startswith("Scenario:"))
    return caption.split("`")[1]


def test_the_default_says_whose_judgement_it_is() -> None:
    app = open_app()
    assert shown_name(app) == BASELINE_NAME == "Analysts' baseline"
    assert "Sourced" not in shown_name(app)


def test_each_moved_slider_is_counted_and_undo_takes_the_label_back() -> None:
    app = open_app()
    app.slider(key="weight_f35_prospects").set_value(40).run()
    assert shown_name(app) == "Analysts' baseline, edited (1 change)"
    app.slider(key="weight_air_defence").set_value(40).run()
    assert shown_name(app) == "Analysts' baseline, edited (2 changes)"
    app.button(key="history_undo").click().run()
    app.button(key="history_undo").click().run()
    assert shown_name(app) == "Analysts' baseline"


def test_a_preset_is_named_until_it_is_edited() -> None:
    app = open_app()
    preset = MODEL.presets[-1]
    app.selectbox(key="preset_choice").select(preset.id).run()
    assert shown_name(app) == preset.label
    app.slider(key="weight_f35_prospects").set_value(3).run()
    assert shown_name(app) == f"{preset.label}, edited (1 change)"


def test_saving_under_a_new_name_renames_the_scenario_on_screen() -> None:
    app = open_app()
    app.switch_page(PAGE).run()
    app.slider(key="weight_f35_prospects").set_value(40).run()
    save(app, "Analyst A", name="F-35 first")
    assert not app.exception
    assert "version 1" in app.success[0].value
    assert app.text_input(key="scenario_name").value == "F-35 first"
    assert shown_name(app) == "F-35 first"


@pytest.mark.parametrize("length", [1, 90, NAME_LIMIT])
def test_an_edited_name_fits_the_name_limit(length: int) -> None:
    name = honest_name("x" * length, 12)
    assert len(name) <= NAME_LIMIT
    assert name.endswith(", edited (12 changes)")
