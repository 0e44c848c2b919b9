"""The generated sections of docs/model.md (written by scripts/model_docs.py)."""

from __future__ import annotations

from scoring.engine import evaluate
from scoring.loader import DecisionModel, default_model
from scoring.mechanisms import mechanism_table_markdown
from scoring.rests_on import rests_on_markdown, what_it_rests_on
from scoring.scenario import Scenario


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


def baseline_markdown(model: DecisionModel) -> str:
    """The ranking at the default scenario, with each option's score and rank."""
    result = evaluate(Scenario.build({}, model), model)
    lines = [
        f"Model {model.info.version}, default scenario (`python -m scoring evaluate --format "
        "table` prints the same):",
        "",
        "| rank | option | score (0-100) |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {entry.rank} | {entry.label} (`{entry.option_id}`) | {entry.score:.1f} |"
        for entry in result.ranking
    ]
    return "\n".join(lines)


def generated_sections(model: DecisionModel | None = None) -> dict[str, str]:
    """Section name -> Markdown body."""
    model = model or default_model()
    return {
        "baseline": baseline_markdown(model),
        "criteria": criteria_table_markdown(model),
        "mechanisms": mechanism_table_markdown(),
        "rests_on": rests_on_markdown(what_it_rests_on(Scenario.build({}, model), model), model),
    }
