"""Shared fixtures and Hypothesis strategies for the scoring tests."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import strategies as st

from scoring import DecisionModel, default_model

MODEL = default_model()


@pytest.fixture(scope="session")
def model() -> DecisionModel:
    return MODEL


def option_position(option_id: str) -> int:
    return MODEL.option_ids.index(option_id)


def criterion_position(criterion_id: str) -> int:
    return MODEL.criterion_ids.index(criterion_id)


def assumption_position(assumption_id: str) -> int:
    return MODEL.assumption_ids.index(assumption_id)


@st.composite
def assumption_vectors(draw: st.DrawFn) -> np.ndarray:
    """Any assumption vector inside every declared range."""
    return np.array(
        [
            draw(st.floats(a.min, a.max, allow_nan=False, allow_infinity=False))
            for a in MODEL.assumptions
        ]
    )


@st.composite
def weight_vectors(draw: st.DrawFn) -> np.ndarray:
    """Any non-negative weights with at least one above zero."""
    weights = np.array([draw(st.floats(0.0, 100.0, allow_nan=False)) for _ in MODEL.criteria])
    if weights.sum() <= 0:
        weights[draw(st.integers(0, len(weights) - 1))] = 1.0
    return weights
