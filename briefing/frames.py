"""Tidy DataFrames for charts and tables, built from a `Result` (no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from briefing.charts import LEFT, RIGHT, Labels
from scoring import DecisionModel, Result
from scoring.pareto import efficient

# A scatter label covers about LABEL_CHARACTER value units of the horizontal axis per character
# (11 px type on a plot about 7 px per unit wide, rounded up), after a LABEL_OFFSET gap from its
# point. Labels whose stretches meet are kept LABEL_GAP apart vertically: about 15 px on the
# plot, one line of label text.
LABEL_CHARACTER = 1.0
LABEL_OFFSET = 1.5
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


def _span(x: float, label: str, side: str) -> tuple[float, float]:
    """The stretch of the horizontal axis `label` at `x` covers, written to that side."""
    reach = LABEL_OFFSET + LABEL_CHARACTER * len(label)
    return (x, x + reach) if side == RIGHT else (x - reach, x)


def label_places(
    points: np.ndarray,
    labels: list[str],
    gap: float = LABEL_GAP,
    bounds: tuple[float, float] = (LABEL_FLOOR, LABEL_CEILING),
) -> tuple[np.ndarray, list[str]]:
    """Where each label goes: its line (value units) and the side of its point it is written on.
    Each label takes the free place nearest its point (right before left, below before above,
    inside the plot); a place is free if no label placed earlier covers the same stretch of the
    axis within a line, and no other point sits under its text. The chart joins a moved label
    to its point."""
    heights = points[:, 1].astype(float).copy()
    sides = [RIGHT] * len(points)
    low, high = bounds
    most = int((high - low) // gap) + 1
    placed: list[tuple[float, float, float]] = []  # stretch start, stretch end, line

    def free(i: int, height: float, side: str) -> bool:
        start, end = _span(points[i, 0], labels[i], side)
        if start < low:
            return False
        labels_clear = all(end <= s or e <= start or abs(height - h) >= gap for s, e, h in placed)
        points_clear = all(
            j == i or not start < points[j, 0] < end or abs(height - points[j, 1]) >= gap / 2
            for j in range(len(points))
        )
        return labels_clear and points_clear

    for i in np.lexsort((-points[:, 1], points[:, 0])):
        if not labels[i]:
            continue
        lines = [heights[i] + gap * step for step in _steps(most)]
        places = [(h, side) for h in lines if low <= h <= high for side in (RIGHT, LEFT)]
        heights[i], sides[i] = next(  # a full column overprints
            ((h, side) for h, side in places if free(i, h, side)), (heights[i], RIGHT)
        )
        placed.append((*_span(points[i, 0], labels[i], sides[i]), heights[i]))
    return heights, sides


def tradeoff_frame(result: Result, model: DecisionModel, x: str, y: str) -> pd.DataFrame:
    """Rows for `tradeoff_template`: options on two criteria, efficient ones on that pair marked."""
    nx, ny = model.criterion_ids.index(x), model.criterion_ids.index(y)
    pair = result.values[:, [nx, ny]]
    on_frontier = efficient(pair)
    x_unit, y_unit = model.criterion(x).unit, model.criterion(y).unit
    labels = shared_labels(pair, [option.short_label for option in model.options])
    heights, sides = label_places(pair, labels)
    return pd.DataFrame(
        {
            "option_id": list(model.option_ids),
            "option": [option.label for option in model.options],
            "label": labels,
            "label_y": heights,
            "label_side": sides,
            "x": pair[:, 0],
            "y": pair[:, 1],
            "x_text": [performance_text(v, x_unit) for v in result.performance[:, nx]],
            "y_text": [performance_text(v, y_unit) for v in result.performance[:, ny]],
            "efficient": on_frontier,
            "status": np.where(on_frontier, "efficient", "dominated"),
        }
    )
