"""The generated sections of docs/model.md (written by scripts/model_docs.py)."""

from __future__ import annotations

from scoring.loader import DecisionModel, default_model
from scoring.mechanisms import mechanism_table_markdown


def criteria_table_markdown(model: DecisionModel) -> str:
    """Each criterion with what it measures, its unit, range and default priority."""
    lines = [
        "| id | criterion | measures | unit | range | default priority |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in model.criteria:
        low, high = c.range
        lines.append(
            f"| `{c.id}` | {c.label} | {c.description} | {c.unit} | {low:g} to {high:g} "
            f"| {c.default_weight:g} ({c.weight_provenance.basis.value}) |"
        )
    return "\n".join(lines)


def generated_sections(model: DecisionModel | None = None) -> dict[str, str]:
    """Section name -> Markdown body."""
    model = model or default_model()
    return {
        "criteria": criteria_table_markdown(model),
        "mechanisms": mechanism_table_markdown(),
    }
