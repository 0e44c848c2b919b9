"""Side-by-side comparison of two to four scenarios (no Streamlit)."""

from __future__ import annotations

import math

import pandas as pd

from scoring import DecisionModel, Scenario, evaluate
from scoring.units import number_text, unit_words

Compared = list[tuple[str, Scenario]]  # (column label, scenario)
CURRENT = "Current (on screen)"


def choice_label(name: str | None) -> str:
    """A choice in the Compare picker as shown: None is the scenario on screen, a name a saved
    one. Saved names carry a prefix, so none can look like, or be taken for, the current one
    (the picker tells choices apart by these labels)."""
    return CURRENT if name is None else f"Saved: {name}"


def settings_table(compared: Compared, model: DecisionModel) -> pd.DataFrame:
    """Every assumption and priority (rows) in every scenario (columns), with a `differs` flag."""
    rows = []
    horizon = model.info.constants.horizon_years.value
    for spec in model.assumptions:
        values = [scenario.assumptions[spec.id] for _, scenario in compared]
        rows.append(
            {
                "Setting": f"{spec.label} ({unit_words(spec.unit, horizon)})",
                "values": values,
                "said": [number_text(value, spec.unit) for value in values],  # 35%, not 0.35
            }
        )
    for criterion in model.criteria:
        values = [scenario.weights[criterion.id] for _, scenario in compared]
        rows.append(
            {
                "Setting": f"{criterion.priority_label} (0-100)",
                "values": values,
                "said": [f"{value:g}" for value in values],  # 5, not 5.000000
            }
        )
    table = pd.DataFrame(
        {
            "Setting": [row["Setting"] for row in rows],
            **{label: [row["said"][i] for row in rows] for i, (label, _) in enumerate(compared)},
        }
    )
    table["Differs"] = [
        any(not math.isclose(v, row["values"][0]) for v in row["values"]) for row in rows
    ]
    return table


def results_frame(compared: Compared, model: DecisionModel) -> pd.DataFrame:
    """Rows for `comparison_template`: each option's score and rank in each scenario; options
    are placed (`position`) in the first scenario's ranking order."""
    results = [evaluate(scenario, model) for _, scenario in compared]
    placed = sorted(range(len(model.options)), key=lambda m: (results[0].ranks[m], m))
    position = {m: place for place, m in enumerate(placed)}
    rows = []
    for order, ((label, _), result) in enumerate(zip(compared, results, strict=True)):
        for m, option in enumerate(model.options):
            rows.append(
                {
                    "scenario": label,
                    "scenario_order": order,
                    "option": option.label,
                    "score": float(result.scores[m]),
                    "rank": int(result.ranks[m]),
                    "position": position[m],
                }
            )
    return pd.DataFrame(rows)


def results_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Options (rows) by scenario (columns): score and rank as 'score (rank)'."""
    cells = frame.assign(
        cell=[f"{s:.1f} (#{r})" for s, r in zip(frame["score"], frame["rank"], strict=True)]
    )
    table = cells.pivot(index="option", columns="scenario", values="cell")
    order = frame.drop_duplicates("option").set_index("option")["position"]
    columns = frame.drop_duplicates("scenario").sort_values("scenario_order")["scenario"]
    return table.loc[order.sort_values().index, list(columns)].reset_index()


def leaders(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The options ranked first in each scenario (more than one when they tie), in column
    order."""
    first = frame[frame["rank"] == 1].sort_values(["scenario_order", "position"])
    return {
        scenario: tuple(group["option"])
        for scenario, group in first.groupby("scenario", sort=False)
    }


def distinct_labels(names: list[str]) -> list[str]:
    """Column labels that stay unique even if two scenarios share a name."""
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return labels
