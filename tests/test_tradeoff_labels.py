"""Trade-off scatter labels: one per distinct point, and never printed over each other."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from briefing.frames import LABEL_GAP, LABEL_REACH, label_heights, shared_labels

NAMES = [f"Option {i}" for i in range(7)]
grid_values = st.sampled_from([0.0, 5.0, 10.0, 12.0, 18.0, 50.0, 61.0, 100.0])
point_sets = arrays(np.float64, (7, 2), elements=grid_values)


@given(points=point_sets)
@settings(max_examples=200, deadline=None)
def test_nearby_labels_stay_a_line_apart(points: np.ndarray) -> None:
    labels = shared_labels(points, NAMES)
    heights = label_heights(points, labels)
    shown = [i for i, label in enumerate(labels) if label]
    for a in shown:
        assert heights[a] <= points[a, 1]  # a label only ever moves down from its point
        for b in shown:
            if a < b and abs(points[a, 0] - points[b, 0]) < LABEL_REACH:
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
