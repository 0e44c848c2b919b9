"""Trade-off scatter labels: one per distinct point, never printed over each other or over
another point, inside the plot, and joined to their point when moved."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from briefing import figures
from briefing.charts import LEFT, RIGHT
from briefing.frames import (
    LABEL_CEILING,
    LABEL_FLOOR,
    LABEL_GAP,
    _span,
    label_places,
    shared_labels,
)
from scoring import evaluate
from tests.conftest import MODEL

NAMES = [f"Option {i}" for i in range(7)]
grid_values = st.sampled_from([0.0, 5.0, 10.0, 12.0, 18.0, 50.0, 61.0, 100.0])
point_sets = arrays(np.float64, (7, 2), elements=grid_values)


def layout(points: np.ndarray) -> tuple[np.ndarray, dict[int, tuple[float, float]]]:
    """Each shown label's line, and the stretch of the axis it covers, by point."""
    labels = shared_labels(points, NAMES)
    heights, sides = label_places(points, labels)
    shown = [i for i, label in enumerate(labels) if label]
    return heights, {i: _span(points[i, 0], labels[i], sides[i]) for i in shown}


@given(points=point_sets)
@settings(max_examples=200, deadline=None)
def test_nearby_labels_stay_a_line_apart(points: np.ndarray) -> None:
    heights, spans = layout(points)
    shown = list(spans)
    for a in shown:
        assert LABEL_FLOOR <= heights[a] <= LABEL_CEILING  # inside the plot, off the axes
        assert spans[a][0] >= LABEL_FLOOR  # a label written to the left stays off the axis
        lines = (heights[a] - points[a, 1]) / LABEL_GAP  # moved by whole lines
        assert abs(lines - round(lines)) < 1e-9
        for b in shown:
            if a < b and spans[a][0] < spans[b][1] and spans[b][0] < spans[a][1]:
                assert abs(heights[a] - heights[b]) >= LABEL_GAP - 1e-9


@given(points=point_sets)
@settings(max_examples=200, deadline=None)
def test_every_option_is_named_once_at_its_point(points: np.ndarray) -> None:
    labels = shared_labels(points, NAMES)
    named = [name for label in labels if label for name in label.split(" / ")]
    assert sorted(named) == sorted(NAMES)
    for i, label in enumerate(labels):
        for name in label.split(" / ") if label else []:
            assert np.array_equal(points[NAMES.index(name)], points[i])


def test_options_on_one_point_share_a_label_in_model_order() -> None:
    points = np.array([[50.0, 0.0], [10.0, 6.0], [50.0, 0.0]] + [[90.0, 90.0]] * 4)
    labels = shared_labels(points, NAMES)
    assert labels[0] == "Option 0 / Option 2" and labels[2] == ""
    assert labels[3] == "Option 3 / Option 4 / Option 5 / Option 6"


def test_labels_crowded_at_the_bottom_stack_upwards_rather_than_over_the_axis() -> None:
    """Options at value 0 side by side (the strategies that end in dismantling): the leftmost
    label is written to the left on the bottom line, the rightmost to the right, and the rest
    take the nearest free lines above; a label with room stays at its point."""
    points = np.array([[50.0, 0.0], [52.0, 0.0], [54.0, 0.0], [56.0, 0.0], [0.0, 80.0]])
    heights, sides = label_places(points, shared_labels(points, NAMES[: len(points)]))
    assert (heights[0], sides[0]) == (0.0, LEFT)
    assert sorted(heights[1:4]) == [0.0, LABEL_GAP, 2 * LABEL_GAP]
    assert (heights[4], sides[4]) == (80.0, RIGHT)


def test_a_label_with_a_point_in_its_way_on_the_right_is_written_on_the_left() -> None:
    """The old layout wrote "Sell to 3rd country" over its neighbour's marker: a label now keeps
    off every other point on its line, and takes the left side when that is free."""
    points = np.array([[60.0, 30.0], [64.0, 30.0], [0.0, 80.0]])
    heights, sides = label_places(points, shared_labels(points, NAMES[:3]))
    assert (heights[0], sides[0]) == (30.0, LEFT)  # Option 1's marker sits to its right
    assert (heights[1], sides[1]) == (30.0, RIGHT)
    assert sides[2] == RIGHT


@given(points=point_sets)
@settings(max_examples=200, deadline=None)
def test_no_label_is_written_over_another_point_on_its_line(points: np.ndarray) -> None:
    heights, spans = layout(points)
    for a, (start, end) in spans.items():
        for b in range(len(points)):
            on_its_line = abs(heights[a] - points[b, 1]) < LABEL_GAP / 2
            assert b == a or not (on_its_line and start < points[b, 0] < end)


def test_a_moved_label_is_joined_to_its_point() -> None:
    spec = figures.tradeoff(evaluate(), MODEL, figures.DEFAULT_PAIR).spec
    rules = [layer for layer in spec["layer"] if layer["mark"].get("type") == "rule"]
    assert [rule["encoding"]["y2"]["field"] for rule in rules] == ["label_y"]
