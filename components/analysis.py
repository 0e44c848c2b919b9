"""Cached robustness analysis: keyed by scenario content, settings and the options ranked,
never by user text.

Every function takes the model the page ranks (`components.state.ranked_model`: with or without
the strategies); the caches key it by its ranked option ids and do not hash the model itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import streamlit as st

from scoring import DecisionModel, Scenario
from scoring.discovery import Contender, discover
from scoring.inverse import what_it_takes_all, what_it_takes_sentence
from scoring.report import SensitivityReport
from scoring.robustness import AnalysisSettings
from scoring.sensitivity import DecisionMap, decision_map
from scoring.verdict import VerdictBasis, verdict_basis
from scoring.what_to_find_out import InformationRanking, find_out_first

T = TypeVar("T")
DRAW_CHOICES = (5_000, 20_000, 50_000, 100_000)
# Niceness the analysis threads add to the server's: below the thread that draws the page and,
# when the browser runs on the same machine (the default, on 127.0.0.1), the browser painting it.
BACKGROUND_NICENESS = 10
LOWEST_PRIORITY = 19  # the highest niceness Linux allows


def _yield_to_the_screen() -> None:
    """Lower this worker thread's scheduling priority (on Linux; elsewhere nothing changes)."""
    with contextlib.suppress(AttributeError, OSError):
        thread = threading.get_native_id()
        niceness = os.getpriority(os.PRIO_PROCESS, thread) + BACKGROUND_NICENESS
        os.setpriority(os.PRIO_PROCESS, thread, min(niceness, LOWEST_PRIORITY))


# Shared by every session of the server: at most this many analyses at once, started without
# the cost of a new thread.
_WORKERS = ThreadPoolExecutor(
    max_workers=4, thread_name_prefix="analysis", initializer=_yield_to_the_screen
)
KEYS = {
    "draws": "sens_draws",
    "seed": "sens_seed",
    "spread": "sens_spread",
    "weight_mode": "sens_weights",
    "band": "sens_band",
    "judgement_uncertainty": "sens_judgements",
}


def current_settings() -> AnalysisSettings:
    """The settings chosen on the Sensitivity page (defaults elsewhere)."""
    defaults = AnalysisSettings()
    return AnalysisSettings(
        **{name: st.session_state.get(key, getattr(defaults, name)) for name, key in KEYS.items()}
    )


def _content(scenario: Scenario) -> str:
    """The parts of a scenario that change results: no name or notes in any cache key."""
    return json.dumps({"assumptions": scenario.assumptions, "weights": scenario.weights})


@st.cache_data(max_entries=64, show_spinner=False)
def _report(
    content: str, settings: AnalysisSettings, ranked: tuple[str, ...], _model: DecisionModel
) -> SensitivityReport:
    return settings.run(Scenario.build(json.loads(content), _model), _model)


def report_for(
    scenario: Scenario, model: DecisionModel, settings: AnalysisSettings
) -> SensitivityReport:
    """The robustness report of `scenario` (computed once per content, options and settings)."""
    return _report(_content(scenario), settings, model.option_ids, model)


@st.cache_data(max_entries=64, show_spinner=False)
def _verdict_basis(
    content: str, settings: AnalysisSettings, ranked: tuple[str, ...], _model: DecisionModel
) -> VerdictBasis:
    return verdict_basis(Scenario.build(json.loads(content), _model), _model, settings)


def verdict_basis_for(
    scenario: Scenario, model: DecisionModel, settings: AnalysisSettings
) -> VerdictBasis:
    """What the verdict on `scenario` reads, without the rest of the robustness report
    (computed once per content, options and settings)."""
    return _verdict_basis(_content(scenario), settings, model.option_ids, model)


@st.cache_data(max_entries=64, show_spinner=False)
def _map(
    content: str, x_axis: str, y_axis: str, ranked: tuple[str, ...], _model: DecisionModel
) -> DecisionMap:
    return decision_map(Scenario.build(json.loads(content), _model), _model, x_axis, y_axis)


def map_for(scenario: Scenario, model: DecisionModel, x_axis: str, y_axis: str) -> DecisionMap:
    """The 41 x 41 decision map over two inputs (computed once per content, options and axes)."""
    return _map(_content(scenario), x_axis, y_axis, model.option_ids, model)


@st.cache_data(max_entries=64, show_spinner=False)
def _information(
    content: str,
    draws: int,
    seed: int,
    spread: float,
    ranked: tuple[str, ...],
    _model: DecisionModel,
) -> InformationRanking:
    scenario = Scenario.build(json.loads(content), _model)
    return find_out_first(scenario, _model, draws=draws, seed=seed, spread=spread)


def information_for(
    scenario: Scenario, model: DecisionModel, settings: AnalysisSettings
) -> InformationRanking:
    """What to find out first for `scenario` (computed once per content, options and
    settings)."""
    return _information(
        _content(scenario), settings.draws, settings.seed, settings.spread, model.option_ids, model
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _what_it_takes(
    content: str, option_ids: tuple[str, ...], ranked: tuple[str, ...], _model: DecisionModel
) -> dict[str, str]:
    scenario = Scenario.build(json.loads(content), _model)
    answers = what_it_takes_all(scenario, _model, option_ids)
    return {
        option_id: what_it_takes_sentence(scenario, changed, _model, option_id)
        for option_id, changed in answers.items()
    }


def what_it_takes_for(
    scenario: Scenario, model: DecisionModel, option_ids: tuple[str, ...]
) -> dict[str, str]:
    """For each of `option_ids`, the smallest change that would put it first, as a sentence
    (computed once per content, options ranked and options asked about)."""
    return _what_it_takes(_content(scenario), option_ids, model.option_ids, model)


@st.cache_data(max_entries=64, show_spinner=False)
def _discovery(
    content: str, settings: AnalysisSettings, ranked: tuple[str, ...], _model: DecisionModel
) -> tuple[Contender, ...]:
    scenario = Scenario.build(json.loads(content), _model)
    return discover(
        scenario,
        _model,
        settings.draws,
        settings.seed,
        settings.spread,
        settings.weight_mode,
        settings.band,
    )


def discovery_for(
    scenario: Scenario, model: DecisionModel, settings: AnalysisSettings
) -> tuple[Contender, ...]:
    """Where each contender leads across the draws, as rules (computed once per content,
    options and settings)."""
    return _discovery(_content(scenario), settings, model.option_ids, model)


def soon(compute: Callable[[], T]) -> Future[T]:
    """Start `compute` now on a worker thread (the caches above spend most of their time in
    NumPy, which releases the interpreter lock), so the page can draw meanwhile; `.result()`
    waits for it and raises what it raised."""
    return _WORKERS.submit(compute)
