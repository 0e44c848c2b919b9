"""Generated controls: one slider per assumption and priority, built from `data/`.

Drawn by the frame on every run (so their state and URL binding never lapse): in the sidebar, or
in full on the Assumptions page with each setting's basis, evidence and a reset per group.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.reference import evidence_links
from components.state import (
    GROUP_LABELS,
    Control,
    controls,
    reset_group,
    slider_label,
    slider_moved,
    values,
)
from components.text import escape_markdown
from scoring import DecisionModel
from scoring.schemas import Assumption, Basis
from scoring.swing import swing_sentence, swing_span
from scoring.units import (
    BARE_UNITS,
    MONEY,
    is_fraction,
    number_text,
    setting_text,
    step_decimals,
)

BADGE = {Basis.sourced: "green", Basis.anchored: "blue", Basis.judgement: "orange"}


def _format(control: Control) -> str:
    """The value's format with its unit, so the thumb and screen readers say "5.0 years"."""
    if is_fraction(control.unit):
        return "percent"  # 0.35 shows as 35%
    number = "%d" if control.integer else f"%.{step_decimals(control.step)}f"
    if control.is_weight or control.unit in BARE_UNITS:
        return number
    if control.unit.startswith(MONEY):
        return f"US${number} {control.unit.removeprefix(MONEY).replace('%', '%%')}"
    return f"{number} {control.unit.replace('%', '%%')}"


def end_text(control: Control, value: float) -> str:
    """One end of a slider's range in words, with its unit ("2 years", "35%", "100")."""
    return f"{value:g}" if control.is_weight else setting_text(value, control.unit)


def _assumption_help(model: DecisionModel, spec: Assumption) -> str:
    """The help is Markdown: the model's text goes in escaped, so two dollar signs in a
    rationale never make maths of what lies between them."""
    evidence = ", ".join(spec.evidence) or "none"
    return (
        f"**Basis: {spec.basis.value}.** {escape_markdown(spec.rationale, limit=None)}\n\n"
        f"**Range {escape_markdown(number_text(spec.min, spec.unit))} to "
        f"{escape_markdown(setting_text(spec.max, spec.unit))}:** "
        f"{escape_markdown(spec.range_rationale, limit=None)}\n\n"
        f"**Evidence:** {evidence} (see the Evidence page)."
    )


def _weight_help(model: DecisionModel, criterion_id: str, share: float | None) -> str:
    """The swing the priority weighs; its live share of all priority only where the page redraws
    it with every slider move (the Assumptions page), not in the sidebar, drawn once per page."""
    criterion = model.criterion(criterion_id)
    provenance = criterion.weight_provenance
    swing = (
        swing_sentence(criterion, share)
        if share is not None
        else f"Weighs moving {criterion.measure or criterion.label} {swing_span(criterion)} "
        "(its share of all priority is on the Assumptions page)."
    )
    return (  # Markdown: the model's text escaped, as in `_assumption_help`
        f"**{escape_markdown(swing, limit=None)}** A priority weighs the whole swing of its "
        "criterion's range, so it means nothing without that range. Weights are relative: the "
        "model divides each by their total, so they never need to add up to 100.\n\n"
        f"**Default {criterion.default_weight:g} ({provenance.basis.value}).** "
        f"{escape_markdown(provenance.rationale, limit=None)}"
    )


def _slider(model: DecisionModel, control: Control, share: float | None) -> None:
    help_text = (
        _weight_help(model, control.target, share)
        if control.is_weight
        else _assumption_help(model, model.assumption(control.target))
    )
    st.slider(
        slider_label(model, control),
        min_value=control.cast(control.low),
        max_value=control.cast(control.high),
        value=control.cast(control.default),
        step=control.cast(control.step),
        format=_format(control),
        key=control.key,
        help=help_text,
        bind="query-params",
        on_change=slider_moved,
    )


def _provenance_line(model: DecisionModel, control: Control) -> None:
    spec = model.assumption(control.target)
    default = escape_markdown(end_text(control, spec.default))
    evidence = evidence_links(model, spec.evidence) or "none (judgement without a source)"
    st.caption(
        f":{BADGE[spec.basis]}-badge[{spec.basis.value}] default {default} · evidence: {evidence}"
    )


def _shares(model: DecisionModel) -> dict[str, float]:
    current = values(model)
    weights = {c.key: current[c.key] for c in controls(model) if c.is_weight}
    total = sum(weights.values())
    return {key: (value / total if total else 0.0) for key, value in weights.items()}


def render_controls(model: DecisionModel, container: DeltaGenerator, detailed: bool) -> None:
    """Every slider, grouped by theme; `detailed` adds provenance, live priority shares and
    per-group resets."""
    shares = _shares(model) if detailed else {}
    with container:
        for group, label in GROUP_LABELS.items():
            members = [c for c in controls(model) if c.group == group]
            section = (
                st.container(border=True, key=f"group_{group}")
                if detailed
                else st.expander(label, expanded=group == "priorities")
            )
            with section:
                if detailed:
                    title, action = st.columns([4, 1], vertical_alignment="center")
                    title.subheader(label)
                    action.button(
                        "Reset group",
                        key=f"reset_{group}",
                        on_click=reset_group,
                        args=(model, group),
                        help=f"Put every {label.lower()} setting back to its baseline value.",
                    )
                cells = st.columns(2, gap="large") if detailed else [st.container()]
                for index, control in enumerate(members):
                    with cells[index % len(cells)]:
                        _slider(model, control, shares.get(control.key))
                        if detailed and not control.is_weight:
                            _provenance_line(model, control)
