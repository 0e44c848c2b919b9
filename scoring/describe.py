"""The model described from its own data and formulas (CLI `describe`, Method page)."""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

from scoring.formulas import FORMULAS
from scoring.loader import DecisionModel
from scoring.rests_on import rests_on_markdown, what_it_rests_on
from scoring.scenario import Scenario


def formula_text(criterion_id: str) -> str | None:
    """The documented formula of a computed criterion, as one paragraph."""
    formula = FORMULAS.get(criterion_id)
    if formula is None:
        return None
    return " ".join(inspect.getdoc(formula).split())


def describe_model(model: DecisionModel) -> dict[str, Any]:
    """Options, criteria, assumptions and constants as plain data."""
    return {
        "model": model.info.name,
        "model_version": model.version,
        "options": [
            {
                "id": o.id,
                "label": o.label,
                "divests": o.divests,
                "summary": o.summary,
                "succeeds_with": o.success_assumption,
            }
            for o in model.direct_options
        ],
        "strategies": [
            {"id": s.id, "label": s.label, "summary": s.summary, "attempts": s.attempts}
            for s in model.strategies
        ],
        "criteria": [
            {
                "id": c.id,
                "label": c.label,
                "priority_label": c.priority_label,
                "unit": c.unit,
                "direction": c.direction,
                "range": list(c.range),
                "kind": c.kind,
                "default_weight": c.default_weight,
                "formula": formula_text(c.id),
            }
            for c in model.criteria
        ],
        "assumptions": [
            {
                "id": a.id,
                "label": a.label,
                "group": a.group,
                "unit": a.unit,
                "default": a.default,
                "min": a.min,
                "max": a.max,
                "step": a.step,
                "basis": a.basis.value,
                "evidence": a.evidence,
                "rationale": a.rationale,
            }
            for a in model.assumptions
        ],
        "constants": {
            name: {"value": c.value, "unit": c.unit, "basis": c.basis.value}
            for name, c in model.info.constants
        },
        "presets": [{"id": p.id, "label": p.label} for p in model.presets],
    }


def describe_model_text(model: DecisionModel) -> str:
    """A readable listing for the terminal."""
    lines = [f"{model.info.name}, version {model.version}", "", "OPTIONS"]
    for option in model.direct_options:
        kind = "divests" if option.divests else "keeps the system"
        lines.append(f"  {option.id:<22}{option.label} ({kind})")
    lines += ["", "STRATEGIES (each attempt that fails is followed by the next)"]
    for strategy in model.strategies:
        lines.append(f"  {strategy.id}  {' -> '.join(strategy.attempts)}")
    lines += ["", "CRITERIA (value 0-100, linear over the declared range)"]
    for c in model.criteria:
        low, high = c.range
        lines.append(
            f"  {c.id:<24}{c.label}; {c.unit}, {c.direction}, {low:g} to {high:g}; "
            f"default weight {c.default_weight:g}"
        )
        text = formula_text(c.id) or "judgement score per option (data/options/*.toml)"
        lines += textwrap.wrap(text, width=96, initial_indent=" " * 6, subsequent_indent=" " * 6)
    lines += ["", "ASSUMPTIONS (default [min to max, step] unit; basis; evidence)"]
    for a in model.assumptions:
        lines.append(
            f"  {a.id:<34}{a.default:g} [{a.min:g} to {a.max:g}, {a.step:g}] {a.unit}; "
            f"{a.basis.value}; {', '.join(a.evidence) or '-'}"
        )
    lines += ["", "PRESETS"]
    lines += [f"  {p.id:<22}{p.label}" for p in model.presets]
    lines += ["", "WHAT THE ANSWER RESTS ON (default scenario)", ""]
    found = what_it_rests_on(Scenario.build({}, model), model)
    lines.append(rests_on_markdown(found, model))
    return "\n".join(lines)
