"""Undo and redo of control changes: each rerun that changed any slider (one key press, one
preset, one reset) is one step; the last `HISTORY_LIMIT` steps can be taken back and forth."""

from __future__ import annotations

import streamlit as st

from components.state import controls, redraw_whole_app, values
from scoring import DecisionModel

HISTORY_LIMIT = 50
_UNDO = "_history_undo"
_REDO = "_history_redo"
_SEEN = "_history_seen"  # the control values as the last run left them

Values = dict[str, float]


def record(model: DecisionModel) -> None:
    """Note this run's control values; if they differ from the last run's, that is a step."""
    now = values(model)
    seen: Values | None = st.session_state.get(_SEEN)
    if seen is not None and seen != now:
        undo_steps: list[Values] = st.session_state.setdefault(_UNDO, [])
        undo_steps.append(seen)
        del undo_steps[:-HISTORY_LIMIT]
        st.session_state[_REDO] = []
    st.session_state[_SEEN] = now


def _set(model: DecisionModel, wanted: Values) -> None:
    for control in controls(model):
        st.session_state[control.key] = control.cast(wanted[control.key])
    st.session_state[_SEEN] = wanted
    redraw_whole_app()


def _move(model: DecisionModel, source: str, target: str) -> None:
    steps: list[Values] = st.session_state.get(source, [])
    if not steps:
        return
    st.session_state.setdefault(target, []).append(values(model))
    _set(model, steps.pop())


def undo(model: DecisionModel) -> None:
    """Callback of "Undo": the controls as they were one step ago."""
    _move(model, _UNDO, _REDO)


def redo(model: DecisionModel) -> None:
    """Callback of "Redo": the step undone last, again."""
    _move(model, _REDO, _UNDO)


def undo_redo_buttons(model: DecisionModel) -> None:
    """Undo and Redo side by side, with their keyboard shortcuts."""
    left, right = st.columns(2)
    left.button(
        "Undo",
        key="history_undo",
        on_click=undo,
        args=(model,),
        disabled=not st.session_state.get(_UNDO),
        shortcut="Ctrl+Z",
        help="Takes back the last change to the sliders (a preset or reset counts as one).",
        width="stretch",
    )
    right.button(
        "Redo",
        key="history_redo",
        on_click=redo,
        args=(model,),
        disabled=not st.session_state.get(_REDO),
        shortcut="Ctrl+Y",
        help="Makes the last undone change again.",
        width="stretch",
    )
