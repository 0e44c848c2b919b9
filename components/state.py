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

from scoring import DecisionModel, Scenario
from scoring.scenario import ScenarioError

NAME_KEY = "scenario_name"
PRESET_KEY = "preset_choice"
WEIGHT_PREFIX = "weight_"
BASELINE_NAME = "Sourced baseline"
NAME_LIMIT = 120
PRESENT_KEY = "present"
PASSIVE_PARAMS = frozenset({"embed", "embed_options"})
GROUP_LABELS = {
    "military": "Military",
    "legal": "Legal and sanctions",
    "money": "Money",
    "diplomacy": "Diplomacy",
    "priorities": "Priorities",
}
_ADOPTED = "_url_adopted"
_SLOT = "_controls_slot"


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
        return round(value) if self.integer else float(value)

    def problem(self, value: float) -> str | None:
        """Why `value` cannot be used, or None."""
        if not math.isfinite(value):
            return "it is not a number"
        if self.integer and value != int(value):
            return "it is not a whole number"
        if not self.low <= value <= self.high:
            return f"it is outside {self.low:g} to {self.high:g} {self.unit}"
        return None


def _whole(*numbers: float) -> bool:
    return all(float(n).is_integer() for n in numbers)


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
            integer=_whole(a.default, a.min, a.max, a.step),
        )
        for group in GROUP_LABELS
        for a in model.assumptions
        if a.group == group
    ]
    items += [
        Control(
            key=WEIGHT_PREFIX + c.id,
            target=c.id,
            is_weight=True,
            group="priorities",
            label=c.priority_label,
            unit="relative weight",
            default=c.default_weight,
            low=0,
            high=100,
            step=1,
            integer=True,
        )
        for c in model.criteria
    ]
    return tuple(items)


def _parse(control: Control, raw: str) -> tuple[float | None, str | None]:
    try:
        value = float(raw)
    except ValueError:
        return None, "it is not a number"
    problem = control.problem(value)
    return (None, problem) if problem else (control.cast(value), None)


def adopt_url(model: DecisionModel) -> list[str]:
    """Once per session, take the scenario from the URL; drop bad values with a notice each."""
    if st.session_state.get(_ADOPTED):
        return []
    st.session_state[_ADOPTED] = True
    by_key = {control.key: control for control in controls(model)}
    notices = []
    for key in list(st.query_params):
        raw = st.query_params.get_all(key)[-1]
        if key in by_key:
            value, problem = _parse(by_key[key], raw)
            if problem is None:
                st.session_state[key] = value
                continue
            notices.append(
                f"The link's value {raw!r} for {by_key[key].label} was ignored: {problem}."
            )
        elif key == NAME_KEY:
            st.session_state[key] = raw[:NAME_LIMIT]
            if len(raw) > NAME_LIMIT:
                notices.append(
                    f"The link's scenario name was cut to its first {NAME_LIMIT} characters."
                )
            continue
        elif key == PRESENT_KEY:
            if raw.lower() in ("true", "false"):
                st.session_state[key] = raw.lower() == "true"
                continue
            notices.append(
                f"The link's value {raw!r} for presentation mode was ignored: use true or false."
            )
        elif key in PASSIVE_PARAMS:
            continue
        else:
            notices.append(
                f"The link's setting {key!r} is not one this dashboard knows; it was ignored."
            )
        del st.query_params[key]
    return notices


def values(model: DecisionModel) -> dict[str, float]:
    """Current value of every control (defaults where a widget has not run yet)."""
    return {c.key: st.session_state.get(c.key, c.default) for c in controls(model)}


def current_scenario(model: DecisionModel) -> Scenario:
    """The scenario on screen; raises ScenarioError (one plain line) if it cannot be ranked."""
    current = values(model)
    data = {
        "name": st.session_state.get(NAME_KEY) or BASELINE_NAME,
        "assumptions": {c.target: current[c.key] for c in controls(model) if not c.is_weight},
        "weights": {c.target: current[c.key] for c in controls(model) if c.is_weight},
    }
    if not any(data["weights"].values()):
        raise ScenarioError(
            "Every priority is at zero: set at least one above zero to rank the options."
        )
    return Scenario.build(data, model)


def apply(model: DecisionModel, scenario: Scenario) -> None:
    """Set every control (and the name) from `scenario` at once: one rerun, no cascade."""
    for control in controls(model):
        source: Mapping[str, float] = (
            scenario.weights if control.is_weight else scenario.assumptions
        )
        st.session_state[control.key] = control.cast(source[control.target])
    st.session_state[NAME_KEY] = scenario.name


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


def differences(model: DecisionModel) -> pd.DataFrame:
    """The settings that differ from the sourced baseline."""
    current = values(model)
    rows = [
        {
            "Setting": control.label,
            "Group": GROUP_LABELS[control.group],
            "Baseline": control.default,
            "Now": current[control.key],
            "Change": round(current[control.key] - control.default, 6),
            "Unit": control.unit,
        }
        for control in controls(model)
        if not math.isclose(current[control.key], control.default)
    ]
    return pd.DataFrame(rows, columns=["Setting", "Group", "Baseline", "Now", "Change", "Unit"])


def reserve_controls_slot(container: st.delta_generator.DeltaGenerator) -> None:
    """Ask the frame to draw the controls here (the Assumptions page) instead of the sidebar."""
    st.session_state[_SLOT] = container


def take_controls_slot() -> st.delta_generator.DeltaGenerator | None:
    """The container a page reserved this run, if any (cleared for the next run)."""
    return st.session_state.pop(_SLOT, None)


def presenting() -> bool:
    """Whether presentation mode is on for this session."""
    return bool(st.session_state.get(PRESENT_KEY, False))
