"""Which two inputs the decision map shows first: the two nearest to changing the leader."""

from __future__ import annotations

from scoring.ids import weight_key
from scoring.loader import DecisionModel
from scoring.report import SensitivityReport
from scoring.sensitivity import DEFAULT_MAP_AXES


def _nearest(value: float, *edges: float | None) -> float | None:
    gaps = [abs(edge - value) for edge in edges if edge is not None]
    return min(gaps) if gaps else None


def flip_distances(report: SensitivityReport, model: DecisionModel) -> dict[str, float]:
    """For every input whose move alone changes the leader, how far it must move: assumptions
    as a share of their range, priorities as a change in their share of the total (0-1)."""
    distances = {}
    for threshold in report.assumption_thresholds:
        spec = model.assumptions[threshold.assumption]
        gap = _nearest(threshold.value, threshold.below, threshold.above)
        if gap is not None:
            distances[spec.id] = gap / (spec.max - spec.min)
    for threshold in report.weight_thresholds:
        gap = _nearest(threshold.weight, threshold.below, threshold.above)
        if gap is not None:
            distances[weight_key(model.criteria[threshold.criterion].id)] = gap
    return distances


def nearest_axes(report: SensitivityReport, model: DecisionModel) -> tuple[str, str]:
    """The two inputs nearest to flipping the leader (x first); `DEFAULT_MAP_AXES` fill in
    when fewer than two inputs can flip it alone."""
    distances = flip_distances(report, model)
    ranked = sorted(distances, key=lambda axis: (distances[axis], axis))
    chosen = [*ranked, *(axis for axis in DEFAULT_MAP_AXES if axis not in ranked)]
    return chosen[0], chosen[1]
