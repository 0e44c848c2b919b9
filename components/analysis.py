"""Cached robustness analysis: keyed by scenario content and settings, never by user text."""

from __future__ import annotations

import json
from dataclasses import dataclass

import streamlit as st

from scoring import Scenario, default_model
from scoring.robustness import SensitivityReport, analyse
from scoring.sensitivity import DecisionMap, decision_map

DRAW_CHOICES = (5_000, 20_000, 50_000, 100_000)
KEYS = {
    "draws": "sens_draws",
    "seed": "sens_seed",
    "spread": "sens_spread",
    "weight_mode": "sens_weights",
    "band": "sens_band",
}


@dataclass(frozen=True)
class Settings:
    """How the plausible draws are made (shown with every result)."""

    draws: int = 20_000
    seed: int = 2026
    spread: float = 1.0
    weight_mode: str = "band"
    band: float = 0.25

    def describe(self) -> str:
        weights = (
            f"priorities within ±{self.band:.0%} of those set"
            if self.weight_mode == "band"
            else "priorities drawn uniformly (no preference information)"
        )
        ranges = "full" if self.spread == 1 else f"{self.spread:.0%} of their"
        return (
            f"{self.draws:,} draws, seed {self.seed}; assumptions triangular over {ranges} "
            f"ranges around the current values; {weights}"
        )


def current_settings() -> Settings:
    """The settings chosen on the Sensitivity page (defaults elsewhere)."""
    defaults = Settings()
    return Settings(
        **{name: st.session_state.get(key, getattr(defaults, name)) for name, key in KEYS.items()}
    )


def _content(scenario: Scenario) -> str:
    """The parts of a scenario that change results: no name or notes in any cache key."""
    return json.dumps({"assumptions": scenario.assumptions, "weights": scenario.weights})


@st.cache_data(max_entries=64, show_spinner=False)
def _report(content: str, settings: Settings) -> SensitivityReport:
    model = default_model()
    return analyse(
        Scenario.build(json.loads(content), model),
        model,
        draws=settings.draws,
        seed=settings.seed,
        spread=settings.spread,
        weight_mode=settings.weight_mode,
        band=settings.band,
    )


def report_for(scenario: Scenario, settings: Settings) -> SensitivityReport:
    """The robustness report of `scenario` (computed once per content and settings)."""
    return _report(_content(scenario), settings)


@st.cache_data(max_entries=64, show_spinner=False)
def _map(content: str, x_axis: str, y_axis: str) -> DecisionMap:
    model = default_model()
    return decision_map(Scenario.build(json.loads(content), model), model, x_axis, y_axis)


def map_for(scenario: Scenario, x_axis: str, y_axis: str) -> DecisionMap:
    """The 41 x 41 decision map over two inputs (computed once per content and axes)."""
    return _map(_content(scenario), x_axis, y_axis)
