"""The current scenario in session state, kept in step with the URL.

Every assumption and weight is one widget whose key is its URL parameter: the assumption id, or
`weight_<criterion id>`. The frame (app.py) adopts a shared URL once per session, applies presets
and resets in one callback, and builds the `Scenario` that every page evaluates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd
import streamlit as st
from pydantic import ValidationError
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.state.session_state_proxy import get_session_state

from components.text import literal
from scoring import DecisionModel, Scenario, default_model, describe_validation_error
from scoring.ids import weight_criterion, weight_key
from scoring.migration import upgrade
from scoring.scenario import (
    BASELINE_NAME,
    NAME_LIMIT,
    WEIGHT_RANGE,
    ScenarioError,
    assumption_problem,
    weight_problem,
)
from scoring.schemas import ASSUMPTION_GROUPS
from scoring.text import text_problem
from scoring.units import change_text, number_text, unit_words

NAME_KEY = "scenario_name"
PRESET_KEY = "preset_choice"
PRESENT_KEY = "present"
STRATEGIES_KEY = "strategies"  # the "Show strategies" toggle: ?strategies=false hides them
EVIDENCE_KEY = "evidence"  # the Evidence page's open entry: ?evidence=A10
PASSIVE_PARAMS = frozenset({"embed", "embed_options"})
GROUP_LABELS = {**ASSUMPTION_GROUPS, "priorities": "Priorities"}
_ADOPTED = "_url_adopted"
_ORIGIN = "_origin_values"  # the controls as the named scenario was applied or saved
_RENAMED = "_renamed_to"  # a name to put in the sidebar at the start of the next run
_SLOT = "_controls_slot"
PAGE_FRAGMENT = "page"  # the page and what follows the sliders (app.py)
SIDEBAR_FRAGMENT = "sidebar_controls"  # the sliders in the sidebar (app.py)
_WHOLE_APP = "_whole_app"  # set by `apply`: the next page-only rerun reruns the whole app
# On/off settings a link may carry as true or false, and what a notice calls each.
SWITCHES = {PRESENT_KEY: "presentation mode", STRATEGIES_KEY: "showing strategies"}


@dataclass(frozen=True)
class Control:
    """One slider: an assumption or a criterion's weight."""

    key: str
    target: str
    is_weight: bool
    group: str
    label: str
    unit: str
    default: float
    low: float
    high: float
    step: float
    integer: bool

    def cast(self, value: float) -> float:
        """A valid value in the widget's type (int for whole-number sliders); never rounds."""
        return int(value) if self.integer else float(value)


def problem(model: DecisionModel, control: Control, value: float) -> str | None:
    """Why `value` cannot be set on `control`: the scenario's own rule, so every door agrees."""
    if control.is_weight:
        return weight_problem(value)
    return assumption_problem(model.assumption(control.target), value)


@cache
def controls(model: DecisionModel) -> tuple[Control, ...]:
    """All sliders in display order: assumptions by group, then the weights."""
    items = [
        Control(
            key=a.id,
            target=a.id,
            is_weight=False,
            group=a.group,
            label=a.label,
            unit=a.unit,
            default=a.default,
            low=a.min,
            high=a.max,
            step=a.step,
            integer=a.whole,
        )
        for group in GROUP_LABELS
        for a in model.assumptions
        if a.group == group
    ]
    items += [
        Control(
            key=weight_key(c.id),
            target=c.id,
            is_weight=True,
            group="priorities",
            label=c.priority_label,
            unit="relative weight",
            default=c.default_weight,
            low=WEIGHT_RANGE[0],
            high=WEIGHT_RANGE[1],
            step=1,
            integer=True,
        )
        for c in model.criteria
    ]
    return tuple(items)


def _parse(model: DecisionModel, control: Control, raw: str) -> tuple[float | None, str | None]:
    try:
        value = float(raw)
    except ValueError:
        return None, f"{literal(raw, 40)} is not a number"
    why = problem(model, control, value)
    return (None, why) if why else (control.cast(value), None)


def _name_notice(raw: str) -> tuple[bool, str | None]:
    """Take the scenario name from the link: whether it was kept, and a notice if it was
    refused or shortened."""
    why = text_problem(raw) or ("is blank" if not raw.strip() else None)
    if why:
        return False, f"The link's scenario name was ignored: it {why}."
    st.session_state[NAME_KEY] = raw[:NAME_LIMIT]
    if len(raw) > NAME_LIMIT:
        return True, f"The link's scenario name was cut to its first {NAME_LIMIT} characters."
    return True, None


def adopt_url(model: DecisionModel) -> list[str]:
    """Once per session, take the scenario from the URL; drop bad values with a notice each.

    Values are checked by the scenario's own rule. A key given twice takes its last value, and
    the address keeps only that one, so a shared link opens what is on screen. Link text is
    quoted literally in the notices (`literal`), never read as Markdown.
    """
    if st.session_state.get(_ADOPTED):
        return []
    st.session_state[_ADOPTED] = True
    by_key = {control.key: control for control in controls(model)}
    notices = list(_upgrade_legacy_link(model))
    for key in list(st.query_params):
        given = st.query_params.get_all(key)
        raw = given[-1]
        if len(given) > 1:
            notices.append(
                f"The link gives {literal(key, 40)} more than once; its last value was used."
            )
            st.query_params[key] = raw
        if key in by_key:
            value, why = _parse(model, by_key[key], raw)
            if why is None:
                st.session_state[key] = value
                continue
            notices.append(f"The link's value for {by_key[key].label} was ignored: {why}.")
        elif key == NAME_KEY:
            kept, notice = _name_notice(raw)
            notices += [notice] if notice else []
            if kept:
                continue
        elif key in SWITCHES:
            if raw.lower() in ("true", "false"):
                st.session_state[key] = raw.lower() == "true"
                continue
            notices.append(
                f"The link's value {literal(raw, 40)} for {SWITCHES[key]} was ignored: "
                "use true or false."
            )
        elif key == EVIDENCE_KEY:
            if raw in {entry.id for entry in model.evidence}:
                st.session_state[key] = raw
                continue
            notices.append(f"The link names no evidence entry {literal(raw, 40)}; it was ignored.")
        elif key in PASSIVE_PARAMS:
            continue
        else:
            notices.append(
                f"The link's setting {literal(key, 40)} is not one this dashboard knows; "
                "it was ignored."
            )
        del st.query_params[key]
    _seed_widgets_from_what_was_adopted()
    return notices


def _upgrade_legacy_link(model: DecisionModel) -> tuple[str, ...]:
    """Rewrite a link made under model 1.x (it names `weight_autonomy`) as model 2.0 reads it,
    by the scenario loader's own rule (`scoring.migration.upgrade`); return its notices."""
    weights: dict[str, float | str] = {}
    for key in st.query_params:
        criterion_id = weight_criterion(key)
        if criterion_id is not None:
            raw = st.query_params.get_all(key)[-1]
            weights[criterion_id] = _as_number(raw)
    upgraded, notices = upgrade({"weights": weights}, model)
    if not notices:
        return ()
    for criterion_id in weights:
        del st.query_params[weight_key(criterion_id)]
    for criterion_id, value in upgraded["weights"].items():
        st.query_params[weight_key(criterion_id)] = (
            f"{value:g}" if isinstance(value, float | int) else value
        )
    return notices


def _as_number(raw: str) -> float | str:
    try:
        return float(raw)
    except ValueError:
        return raw


def _seed_widgets_from_what_was_adopted() -> None:
    """Bound widgets seed themselves from the address as it first arrived, with their own
    parsing (a slider would take 2.5 as 2). Reset that snapshot to the address as adopted,
    so a refused value reaches no widget and a repeated key seeds its last value."""
    with get_session_state().query_params() as params:
        params.set_initial_query_params_from_current()


def values(model: DecisionModel) -> dict[str, float]:
    """Current value of every control (defaults where a widget has not run yet)."""
    return {c.key: st.session_state.get(c.key, c.default) for c in controls(model)}


def changes(model: DecisionModel) -> int:
    """How many controls differ from the named scenario as it was applied, loaded or saved
    (the model's defaults until then)."""
    origin = st.session_state.get(_ORIGIN) or {c.key: c.default for c in controls(model)}
    return sum(not math.isclose(value, origin[key]) for key, value in values(model).items())


def honest_name(name: str, edits: int) -> str:
    """The name, saying so when the settings are no longer what it names."""
    if edits == 0:
        return name
    suffix = f", edited ({edits} change{'s' if edits > 1 else ''})"
    room = NAME_LIMIT - len(suffix)
    return (name if len(name) <= room else name[: room - 1] + "…") + suffix


def current_scenario(model: DecisionModel) -> Scenario:
    """The scenario on screen, named honestly ("…, edited (2 changes)" once the sliders have
    moved away from what the name stands for); raises ScenarioError (one plain line) if it
    cannot be ranked."""
    current = values(model)
    typed = st.session_state.get(NAME_KEY) or BASELINE_NAME
    why = text_problem(typed)
    if why:
        raise ScenarioError(f"Scenario name (in the sidebar): it {why}.")
    data = {
        "name": honest_name(typed, changes(model)),
        "assumptions": {c.target: current[c.key] for c in controls(model) if not c.is_weight},
        "weights": {c.target: current[c.key] for c in controls(model) if c.is_weight},
    }
    if not any(data["weights"].values()):
        raise ScenarioError(
            "Every priority is at zero: set at least one above zero to rank the options."
        )
    try:
        return Scenario.build(data, model)
    except ValidationError as error:
        raise ScenarioError(describe_validation_error(error)) from error


def apply(model: DecisionModel, scenario: Scenario) -> None:
    """Set every control (and the name) from `scenario` at once: one rerun, no cascade."""
    for control in controls(model):
        source: Mapping[str, float] = (
            scenario.weights if control.is_weight else scenario.assumptions
        )
        st.session_state[control.key] = control.cast(source[control.target])
    st.session_state[NAME_KEY] = scenario.name
    st.session_state[_ORIGIN] = values(model)
    redraw_whole_app()


def saved_as(model: DecisionModel, name: str) -> None:
    """After a save: the scenario on screen is now `name`, unedited (takes effect next run)."""
    st.session_state[_RENAMED] = name
    st.session_state[_ORIGIN] = values(model)


def take_new_name() -> None:
    """Put a name given by a save into the sidebar, before its widget is drawn."""
    if _RENAMED in st.session_state:
        st.session_state[NAME_KEY] = st.session_state.pop(_RENAMED)


def apply_preset(model: DecisionModel) -> None:
    """Callback of the preset picker."""
    preset_id = st.session_state.get(PRESET_KEY)
    if preset_id is None:
        return
    apply(model, Scenario.from_preset(preset_id, model))
    st.session_state[PRESET_KEY] = None
    st.toast(f"Preset applied: {model.preset(preset_id).label}")


def reset_to_baseline(model: DecisionModel) -> None:
    """Callback of "Reset to baseline"."""
    apply(model, Scenario.build({"name": BASELINE_NAME}, model))


def reset_group(model: DecisionModel, group: str) -> None:
    """Callback of a group's reset button: that group back to its defaults."""
    for control in controls(model):
        if control.group == group:
            st.session_state[control.key] = control.cast(control.default)


def slider_label(model: DecisionModel, control: Control) -> str:
    """The slider's name with its unit: a priority carries one number (its slider, 0 to 100;
    its share of the total is in the help), a probability its time horizon."""
    if control.is_weight:
        return f"{control.label} (0-100)"
    return f"{control.label} ({unit_words(control.unit, model.info.constants.horizon_years.value)})"


def differences(model: DecisionModel) -> pd.DataFrame:
    """The settings that differ from the analysts' baseline, in words: each name carries its
    unit (as on its slider), each value and change reads as there ("35%", "+25 percentage
    points")."""
    current = values(model)

    def said(control: Control, value: float) -> str:
        return f"{value:g}" if control.is_weight else number_text(value, control.unit)

    def moved(control: Control, change: float) -> str:
        return f"{change:+g}" if control.is_weight else change_text(change, control.unit)

    rows = [
        {
            "Setting": slider_label(model, control),
            "Group": GROUP_LABELS[control.group],
            "Baseline": said(control, control.default),
            "Now": said(control, current[control.key]),
            "Change": moved(control, round(current[control.key] - control.default, 9)),
        }
        for control in controls(model)
        if not math.isclose(current[control.key], control.default)
    ]
    return pd.DataFrame(rows, columns=["Setting", "Group", "Baseline", "Now", "Change"])


def reserve_controls_slot(container: st.delta_generator.DeltaGenerator) -> None:
    """Ask the frame to draw the controls here (the Assumptions page) instead of the sidebar."""
    st.session_state[_SLOT] = container


def take_controls_slot() -> st.delta_generator.DeltaGenerator | None:
    """The container a page reserved this run, if any (cleared for the next run)."""
    return st.session_state.pop(_SLOT, None)


def frame_ran() -> None:
    """Called by the frame on each full run, just before it draws the page: the whole app is
    being drawn, so no request for that is pending."""
    st.session_state.pop(_WHOLE_APP, None)


def redraw_whole_app() -> None:
    """From a callback that set controls the frame draws (the sidebar's sliders, the name): the
    rerun it asks for covers the whole app, not only the page."""
    st.session_state[_WHOLE_APP] = True


def slider_moved() -> None:
    """Callback of every slider: rerun only the page (with what follows the sliders), not the
    frame and the sidebar's controls, which stay as drawn."""
    st.rerun(PAGE_FRAGMENT)


def whole_app_wanted() -> bool:
    """Whether a page-only rerun must become a whole-app one (`redraw_whole_app` was called: a
    scenario loaded, the room's priorities used, an undo), so the sidebar shows the new values."""
    return bool(st.session_state.pop(_WHOLE_APP, False))


def run_again(page: StreamlitPage) -> None:
    """Run the page st.navigation chose. Streamlit lets that page run once per run and re-arms it
    on each full run; a page-only rerun (a fragment) is a run of its own, so it re-arms it too."""
    page._can_be_called = True  # the flag st.navigation sets on the page it returns
    page.run()


def presenting() -> bool:
    """Whether presentation mode is on for this session."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def strategies_shown() -> bool:
    """Whether the strategies are ranked beside the direct options (on unless switched off)."""
    return bool(st.session_state.get(STRATEGIES_KEY, True))


def ranked_model(strategies: bool | None = None) -> DecisionModel:
    """The model every page ranks: the shipped one, less its strategies while they are hidden
    (`strategies`: as given, e.g. a meeting room's own setting; by default the toggle's).

    The one place the "Show strategies" toggle is read; pages, analyses and exports take the
    model from here (through `components.views.current_result`), never from `default_model`.
    """
    model = default_model()
    shown = strategies_shown() if strategies is None else strategies
    return model if shown else model.without_strategies()
