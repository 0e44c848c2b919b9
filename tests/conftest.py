"""Shared fixtures, Hypothesis strategies, and AppTest reading the screen as a browser does."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import strategies as st
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

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


@pytest.fixture
def page_only_runs() -> list[bool]:
    """For each AppTest run of the test, in order: whether it reran only the page."""
    return []


@pytest.fixture(autouse=True)
def whole_page_after_a_page_rerun(
    monkeypatch: pytest.MonkeyPatch, page_only_runs: list[bool]
) -> None:
    """A slider move reruns only the page (a fragment). A browser keeps the rest of the screen;
    AppTest keeps only what that rerun drew. So after a page-only rerun, AppTest runs the whole
    app once more (no input changed), and tests read the screen as a browser shows it."""
    page_only = page_only_runs
    runner_run = LocalScriptRunner.run

    def recording_run(self: LocalScriptRunner, *args: object, **kwargs: object) -> object:
        tree = runner_run(self, *args, **kwargs)
        started = [
            data
            for event, data in zip(self.events, self.event_data, strict=True)
            if event == ScriptRunnerEvent.SCRIPT_STARTED
        ]
        page_only.append(bool(started and started[-1].get("fragment_ids_this_run")))
        return tree

    app_run = AppTest._run

    def run_whole(self: AppTest, *args: object, **kwargs: object) -> AppTest:
        app_run(self, *args, **kwargs)
        if page_only and page_only[-1]:
            app_run(self)
        return self

    monkeypatch.setattr(LocalScriptRunner, "run", recording_run)
    monkeypatch.setattr(AppTest, "_run", run_whole)
