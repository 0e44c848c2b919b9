"""Tidy DataFrames for charts and tables, built from a `Result` (no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from briefing.charts import Labels
from scoring import DecisionModel, Result
from scoring.pareto import efficient

# Labels of points closer than LABEL_REACH on the horizontal axis (value units) are kept LABEL_GAP
# apart vertically: about 15 px on the scatter's plot, one line of label text.
LABEL_REACH = 25.0
LABEL_GAP = 6.0
# A label's line stays inside the plot (value -5 to 105; its text sits just above the line).
LABEL_FLOOR, LABEL_CEILING = -5.0, 102.0


def option_labels(model: DecisionModel) -> Labels:
    return tuple((option.id, option.label) for option in model.options)


def criterion_labels(model: DecisionModel) -> Labels:
    return tuple((criterion.id, criterion.label) for criterion in model.criteria)


def performance_text(value: float, unit: str) -> str:
    """A raw performance number with its unit, rounded for reading."""
    if unit == "probability":
        return f"{value:.0%} chance"
    if unit.startswith("US$"):
        return f"{value:+.2f} {unit}"
    if "score" in unit:
        return f"{value:.0f} / 100 (judgement)"
    return f"{value:.2f} {unit}"


def _positions(result: Result) -> np.ndarray:
    """Display position of each option: 0 for the leader, following the ranking."""
    order = [result.option_ids.index(entry.option_id) for entry in result.ranking]
    positions = np.empty(len(order), dtype=int)
    positions[order] = np.arange(len(order))
    return positions


def _grid(result: Result, model: DecisionModel) -> pd.DataFrame:
    """One row per option and criterion with ids, labels and display positions."""
    options, criteria = len(model.options), len(model.criteria)
    return pd.DataFrame(
        {
            "option_id": np.repeat(model.option_ids, criteria),
            "option": np.repeat([o.label for o in model.options], criteria),
            "criterion_id": np.tile(model.criterion_ids, options),
            "criterion": np.tile([c.label for c in model.criteria], options),
            "criterion_order": np.tile(np.arange(criteria), options),
            "position": np.repeat(_positions(result), criteria),
            "first": np.tile(np.arange(criteria) == 0, options),
            "value": result.values.ravel(),
        }
    )


def contributions_frame(result: Result, model: DecisionModel) -> pd.DataFrame:
    """Rows for `contributions_template`: each criterion's points in each option's score."""
    frame = _grid(result, model)
    frame["contribution"] = result.contributions.ravel()
    frame["share"] = np.tile(result.weights, len(model.options))
    frame["score"] = np.repeat(result.scores, len(model.criteria))
    return frame


def values_frame(result: Result, model: DecisionModel) -> pd.DataFrame:
    """Rows for `heatmap_template`: value (0-100) and raw performance with its unit."""
    frame = _grid(result, model)
    units = np.tile([c.unit for c in model.criteria], len(model.options))
    frame["performance"] = result.performance.ravel()
    frame["performance_text"] = [
        performance_text(v, u) for v, u in zip(frame["performance"], units, strict=True)
    ]
    directions = [
        "higher is better" if c.direction == "benefit" else "lower is better"
        for c in model.criteria
    ]
    frame["direction"] = np.tile(directions, len(model.options))
    return frame


def shared_labels(points: np.ndarray, names: list[str]) -> list[str]:
    """One label per distinct point: options that coincide are named together, once."""
    labels = [""] * len(names)
    seen: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(np.round(points, 6)):
        first = seen.setdefault((x, y), i)
        labels[first] = f"{labels[first]} / {names[i]}" if labels[first] else names[i]
    return labels


def _steps(most: int) -> Iterator[int]:
    """0, -1, 1, -2, 2, ... up to `most`: lines away from a point, nearest first, below before
    above."""
    yield 0
    for step in range(1, most + 1):
        yield -step
        yield step


def label_heights(
    points: np.ndarray,
    labels: list[str],
    gap: float = LABEL_GAP,
    bounds: tuple[float, float] = (LABEL_FLOOR, LABEL_CEILING),
) -> np.ndarray:
    """Vertical label positions (value units) that keep nearby labels from overprinting: each
    label takes the free line nearest its point, below before above, inside the plot (several
    options at the bottom, such as the strategies that end in dismantling, stack upwards). The
    chart joins a moved label to its point."""
    heights = points[:, 1].astype(float).copy()
    low, high = bounds
    most = int((high - low) // gap) + 1
    placed: list[tuple[float, float]] = []
    for i in np.lexsort((-points[:, 1], points[:, 0])):
        if not labels[i]:
            continue

        def free(height: float, x: float = points[i, 0]) -> bool:
            return all(abs(x - px) >= LABEL_REACH or abs(height - py) >= gap for px, py in placed)

        lines = [heights[i] + gap * step for step in _steps(most)]
        inside = [h for h in lines if low <= h <= high]
        heights[i] = next((h for h in inside if free(h)), heights[i])  # a full column overprints
        placed.append((points[i, 0], heights[i]))
    return heights


def tradeoff_frame(result: Result, model: DecisionModel, x: str, y: str) -> pd.DataFrame:
    """Rows for `tradeoff_template`: options on two criteria, efficient ones on that pair marked."""
    nx, ny = model.criterion_ids.index(x), model.criterion_ids.index(y)
    pair = result.values[:, [nx, ny]]
    on_frontier = efficient(pair)
    x_unit, y_unit = model.criterion(x).unit, model.criterion(y).unit
    labels = shared_labels(pair, [option.short_label for option in model.options])
    return pd.DataFrame(
        {
            "option_id": list(model.option_ids),
            "option": [option.label for option in model.options],
            "label": labels,
            "label_y": label_heights(pair, labels),
            "x": pair[:, 0],
            "y": pair[:, 1],
            "x_text": [performance_text(v, x_unit) for v in result.performance[:, nx]],
            "y_text": [performance_text(v, y_unit) for v in result.performance[:, ny]],
            "efficient": on_frontier,
            "status": np.where(on_frontier, "efficient", "dominated"),
        }
    )
