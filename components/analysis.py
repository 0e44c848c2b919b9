"""Cached robustness analysis: keyed by scenario content and settings, never by user text."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import streamlit as st

from scoring import Scenario, default_model
from scoring.discovery import Contender, discover
from scoring.inverse import what_it_takes_all, what_it_takes_sentence
from scoring.report import SensitivityReport
from scoring.robustness import AnalysisSettings
from scoring.sensitivity import DecisionMap, decision_map
from scoring.verdict import VerdictBasis, verdict_basis
from scoring.what_to_find_out import InformationRanking, find_out_first

T = TypeVar("T")
DRAW_CHOICES = (5_000, 20_000, 50_000, 100_000)
# Shared by every session of the server: at most this many analyses at once, started without
# the cost of a new thread.
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="analysis")
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
def _report(content: str, settings: AnalysisSettings) -> SensitivityReport:
    model = default_model()
    return settings.run(Scenario.build(json.loads(content), model), model)


def report_for(scenario: Scenario, settings: AnalysisSettings) -> SensitivityReport:
    """The robustness report of `scenario` (computed once per content and settings)."""
    return _report(_content(scenario), settings)


@st.cache_data(max_entries=64, show_spinner=False)
def _verdict_basis(content: str, settings: AnalysisSettings) -> VerdictBasis:
    model = default_model()
    return verdict_basis(Scenario.build(json.loads(content), model), model, settings)


def verdict_basis_for(scenario: Scenario, settings: AnalysisSettings) -> VerdictBasis:
    """What the verdict on `scenario` reads, without the rest of the robustness report
    (computed once per content and settings)."""
    return _verdict_basis(_content(scenario), settings)


@st.cache_data(max_entries=64, show_spinner=False)
def _map(content: str, x_axis: str, y_axis: str) -> DecisionMap:
    model = default_model()
    return decision_map(Scenario.build(json.loads(content), model), model, x_axis, y_axis)


def map_for(scenario: Scenario, x_axis: str, y_axis: str) -> DecisionMap:
    """The 41 x 41 decision map over two inputs (computed once per content and axes)."""
    return _map(_content(scenario), x_axis, y_axis)


@st.cache_data(max_entries=64, show_spinner=False)
def _information(content: str, draws: int, seed: int, spread: float) -> InformationRanking:
    model = default_model()
    scenario = Scenario.build(json.loads(content), model)
    return find_out_first(scenario, model, draws=draws, seed=seed, spread=spread)


def information_for(scenario: Scenario, settings: AnalysisSettings) -> InformationRanking:
    """What to find out first for `scenario` (computed once per content and settings)."""
    return _information(_content(scenario), settings.draws, settings.seed, settings.spread)


@st.cache_data(max_entries=64, show_spinner=False)
def _what_it_takes(content: str, option_ids: tuple[str, ...]) -> dict[str, str]:
    model = default_model()
    scenario = Scenario.build(json.loads(content), model)
    answers = what_it_takes_all(scenario, model, option_ids)
    return {
        option_id: what_it_takes_sentence(scenario, changed, model, option_id)
        for option_id, changed in answers.items()
    }


def what_it_takes_for(scenario: Scenario, option_ids: tuple[str, ...]) -> dict[str, str]:
    """For each option, the smallest change that would put it first, as a sentence (computed
    once per content and options)."""
    return _what_it_takes(_content(scenario), option_ids)


@st.cache_data(max_entries=64, show_spinner=False)
def _discovery(content: str, settings: AnalysisSettings) -> tuple[Contender, ...]:
    model = default_model()
    scenario = Scenario.build(json.loads(content), model)
    return discover(
        scenario,
        model,
        settings.draws,
        settings.seed,
        settings.spread,
        settings.weight_mode,
        settings.band,
    )


def discovery_for(scenario: Scenario, settings: AnalysisSettings) -> tuple[Contender, ...]:
    """Where each contender leads across the draws, as rules (computed once per content and
    settings)."""
    return _discovery(_content(scenario), settings)


def soon(compute: Callable[[], T]) -> Future[T]:
    """Start `compute` now on a worker thread (the caches above spend most of their time in
    NumPy, which releases the interpreter lock), so the page can draw meanwhile; `.result()`
    waits for it and raises what it raised."""
    return _WORKERS.submit(compute)
