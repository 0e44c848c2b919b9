"""What the robustness analysis found: `SensitivityReport`, with its headline in numbers.

`scoring.robustness.analyse` makes reports; `scoring.report_text` writes them up in plain words
and `scoring.report_json` turns their parts into JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring import report_json
from scoring.sampling import WeightMode
from scoring.scenario import Scenario
from scoring.sensitivity import AssumptionThreshold, Tornado, WeightThreshold
from scoring.stakeholders import StakeholderTable


@dataclass(frozen=True)
class RobustnessHeadline:
    """Who leads at the current settings, by how much, and how often across the draws."""

    leader: str  # option id
    leader_label: str
    runner_up: str
    runner_up_label: str
    margin: float  # the leader's score minus the runner-up's, in points
    share: float  # share of the draws in which the leader ranks first
    tied: bool  # whether the margin is within the engine's tie tolerance
    tolerance: float  # that tolerance, in points


@dataclass(frozen=True, eq=False)
class SensitivityReport:
    """Everything `analyse` found, indexed in the model's option and criterion order."""

    model_version: str
    scenario: Scenario
    seed: int
    draws: int
    spread: float | Mapping[str, float]
    weight_mode: WeightMode
    band: float
    judgement_uncertainty: bool  # whether judgement scores were drawn within their ranges
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    assumption_ids: tuple[str, ...]
    scores: np.ndarray  # (M,) at the scenario
    rank_acceptability: np.ndarray  # (M, M) around this scenario: row i, share at rank 1..M
    acceptability_error: np.ndarray  # (M, M) Monte Carlo standard errors of those shares
    expected_regret: np.ndarray  # (M,) mean over the draws of the best score minus the option's
    declared_acceptability: np.ndarray  # (M, M) under the declared uncertainty (defaults)
    declared_error: np.ndarray  # (M, M) Monte Carlo standard errors of those shares
    at_defaults: bool  # whether the values set are the declared defaults (one question, then)
    central_weights: np.ndarray  # (M, N) NaN rows for options never ranked first
    confidence: np.ndarray  # (M,) NaN for options never ranked first
    tornado: Tornado
    assumption_thresholds: tuple[AssumptionThreshold, ...]
    weight_thresholds: tuple[WeightThreshold, ...]
    stakeholders: StakeholderTable
    headline: RobustnessHeadline
    summary: str

    @property
    def leader(self) -> int:
        """The option leading at the scenario's own values."""
        return self.tornado.leader

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready types (NaN becomes None), rounded to 6 decimals."""
        options, criteria, assumptions = self.option_ids, self.criterion_ids, self.assumption_ids
        return {
            "model_version": self.model_version,
            "scenario": self.scenario.model_dump(),
            "settings": report_json.settings(
                self.seed,
                self.draws,
                self.spread,
                self.weight_mode,
                self.band,
                self.judgement_uncertainty,
            ),
            "leader": options[self.leader],
            "scores": report_json.by_id(options, self.scores),
            "rank_acceptability": report_json.rows_by_id(options, self.rank_acceptability),
            "rank_acceptability_error": report_json.rows_by_id(options, self.acceptability_error),
            "expected_regret": report_json.by_id(options, self.expected_regret),
            "declared_uncertainty": {
                "at_defaults": self.at_defaults,
                "rank_acceptability": report_json.rows_by_id(options, self.declared_acceptability),
                "rank_acceptability_error": report_json.rows_by_id(options, self.declared_error),
            },
            "central_weights": report_json.central_weights(options, criteria, self.central_weights),
            "confidence": report_json.by_id(options, self.confidence),
            "tornado": report_json.tornado(
                self.tornado, options, assumptions, self.scenario.assumptions
            ),
            "assumption_thresholds": report_json.assumption_thresholds(
                self.assumption_thresholds, options, assumptions
            ),
            "weight_thresholds": report_json.weight_thresholds(
                self.weight_thresholds, options, criteria
            ),
            "stakeholders": report_json.stakeholders(self.stakeholders, options),
            "summary": self.summary,
        }
