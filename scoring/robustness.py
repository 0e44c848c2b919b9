"""The robustness bundle: SMAA draws, one-way sensitivity, stakeholder regret, and a summary in
plain words for the Recommendation headline, the Sensitivity page and exports.

Draws are seeded: the same scenario, settings and seed give the same numbers. Assumptions are
drawn first, then weights, from one `numpy.random.default_rng(seed)`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from scoring import sampling, uncertainty
from scoring.engine import evaluate_batch
from scoring.loader import DecisionModel, default_model
from scoring.scenario import Scenario
from scoring.sensitivity import (
    AssumptionThreshold,
    Tornado,
    WeightThreshold,
    assumption_thresholds,
    scenario_weight_thresholds,
    tornado,
)
from scoring.stakeholders import StakeholderTable, stakeholder_table

MIN_DRAWS = 100
MAX_DRAWS = 200_000
SUMMARY_THRESHOLDS = 2
BARE_UNITS = {"probability", "year", "index (0-1)"}  # units that read best left out


@dataclass(frozen=True, eq=False)
class SensitivityReport:
    """Everything `analyse` found, indexed in the model's option and criterion order."""

    model_version: str
    scenario: Scenario
    seed: int
    draws: int
    spread: float | Mapping[str, float]
    weight_mode: sampling.WeightMode
    band: float
    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    assumption_ids: tuple[str, ...]
    scores: np.ndarray  # (M,) at the scenario
    rank_acceptability: np.ndarray  # (M, M) row i: share of draws with option i at rank 1..M
    acceptability_error: np.ndarray  # (M, M) Monte Carlo standard errors of those shares
    central_weights: np.ndarray  # (M, N) NaN rows for options never ranked first
    confidence: np.ndarray  # (M,) NaN for options never ranked first
    tornado: Tornado
    assumption_thresholds: tuple[AssumptionThreshold, ...]
    weight_thresholds: tuple[WeightThreshold, ...]
    stakeholders: StakeholderTable
    summary: str

    @property
    def leader(self) -> int:
        """The option leading at the scenario's own values."""
        return self.tornado.leader

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready types (NaN becomes None), rounded to 6 decimals."""
        options, criteria = self.option_ids, self.criterion_ids

        def option(index: int | None) -> str | None:
            return None if index is None else options[index]

        def per_criterion(row: np.ndarray) -> dict[str, float] | None:
            if np.isnan(row).any():
                return None
            return {c: _number(w) for c, w in zip(criteria, row, strict=True)}

        table = self.stakeholders
        return {
            "model_version": self.model_version,
            "scenario": self.scenario.model_dump(),
            "settings": {
                "seed": self.seed,
                "draws": self.draws,
                "spread": dict(self.spread) if isinstance(self.spread, Mapping) else self.spread,
                "weight_mode": self.weight_mode,
                "band": self.band,
            },
            "leader": options[self.leader],
            "scores": {o: _number(s) for o, s in zip(options, self.scores, strict=True)},
            "rank_acceptability": {
                o: [_number(v) for v in row]
                for o, row in zip(options, self.rank_acceptability, strict=True)
            },
            "rank_acceptability_error": {
                o: [_number(v) for v in row]
                for o, row in zip(options, self.acceptability_error, strict=True)
            },
            "central_weights": {
                o: per_criterion(row) for o, row in zip(options, self.central_weights, strict=True)
            },
            "confidence": {o: _number(c) for o, c in zip(options, self.confidence, strict=True)},
            "tornado": {
                "leader": options[self.tornado.leader],
                "runner_up": options[self.tornado.runner_up],
                "margin": _number(self.tornado.margin),
                "bars": [
                    {
                        "assumption": self.assumption_ids[bar.assumption],
                        "current": self.scenario.assumptions[self.assumption_ids[bar.assumption]],
                        "low": bar.low,
                        "high": bar.high,
                        "margin_low": _number(bar.margin_low),
                        "margin_high": _number(bar.margin_high),
                        "leader_low": options[bar.leader_low],
                        "leader_high": options[bar.leader_high],
                    }
                    for bar in self.tornado.bars
                ],
            },
            "assumption_thresholds": [
                {
                    "assumption": self.assumption_ids[t.assumption],
                    "current": t.value,
                    "below": _number(t.below),
                    "below_leader": option(t.below_leader),
                    "above": _number(t.above),
                    "above_leader": option(t.above_leader),
                    "resolution": _number(t.resolution),
                }
                for t in self.assumption_thresholds
            ],
            "weight_thresholds": [
                {
                    "criterion": criteria[t.criterion],
                    "share": _number(t.weight),
                    "below": _number(t.below),
                    "below_leader": option(t.below_leader),
                    "below_slider": _number(t.below_slider),
                    "above": _number(t.above),
                    "above_leader": option(t.above_leader),
                    "above_slider": _number(t.above_slider),
                    "crossings": [
                        {
                            "share": _number(c.weight),
                            "ahead_below": options[c.ahead_below],
                            "ahead_above": options[c.ahead_above],
                            "leader_change": c.leader_change,
                        }
                        for c in t.crossings
                    ],
                }
                for t in self.weight_thresholds
            ],
            "stakeholders": {
                "profiles": [
                    {
                        "profile": profile_id,
                        "ranks": {o: int(r) for o, r in zip(options, ranks, strict=True)},
                        "scores": {o: _number(s) for o, s in zip(options, scores, strict=True)},
                        "regret": {o: _number(r) for o, r in zip(options, regrets, strict=True)},
                    }
                    for profile_id, ranks, scores, regrets in zip(
                        table.profile_ids, table.ranks, table.scores, table.regret, strict=True
                    )
                ],
                "worst_rank": {o: int(r) for o, r in zip(options, table.worst_rank, strict=True)},
                "max_regret": {
                    o: _number(r) for o, r in zip(options, table.max_regret, strict=True)
                },
                "robust_choice": options[table.robust],
            },
            "summary": self.summary,
        }


def _number(value: float | None) -> float | None:
    """A float rounded to 6 decimals, or None for a missing or NaN value."""
    if value is None or math.isnan(value):
        return None
    return round(float(value), 6)


@dataclass(frozen=True)
class AnalysisSettings:
    """How the plausible draws are made (shown with every sampled result); its defaults are
    `analyse`'s and the command line's."""

    draws: int = 20_000
    seed: int = 2026
    spread: float = 1.0
    weight_mode: sampling.WeightMode = "band"
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

    def run(self, scenario: Scenario, model: DecisionModel | None = None) -> SensitivityReport:
        """`analyse` with these settings."""
        return analyse(
            scenario,
            model,
            draws=self.draws,
            seed=self.seed,
            spread=self.spread,
            weight_mode=self.weight_mode,
            band=self.band,
        )


def analyse(
    scenario: Scenario,
    model: DecisionModel | None = None,
    draws: int = AnalysisSettings.draws,
    seed: int = AnalysisSettings.seed,
    spread: float | Mapping[str, float] = AnalysisSettings.spread,
    weight_mode: sampling.WeightMode = AnalysisSettings.weight_mode,
    band: float = AnalysisSettings.band,
) -> SensitivityReport:
    """Rank acceptability, central weights and confidence from `draws` seeded draws, the tornado,
    assumption and weight thresholds, the stakeholder table and a plain-language summary."""
    model = model or default_model()
    if isinstance(draws, bool) or not isinstance(draws, int) or not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be a whole number from {MIN_DRAWS} to {MAX_DRAWS:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError("seed must be a whole number of 0 or more")
    rng = np.random.default_rng(seed)
    assumptions = sampling.draw_assumptions(scenario, model, draws, rng, spread)
    weights = sampling.draw_weights(scenario, model, draws, rng, weight_mode, band)
    batch = evaluate_batch(assumptions, weights, model)
    acceptability = uncertainty.rank_acceptability(batch.values, batch.weights)
    central = uncertainty.central_weights(batch.values, batch.weights)
    current = evaluate_batch(
        scenario.assumption_vector(model)[None, :], scenario.weight_vector(model), model
    )
    report = SensitivityReport(
        model_version=model.version,
        scenario=scenario,
        seed=seed,
        draws=draws,
        spread=spread,
        weight_mode=weight_mode,
        band=band,
        option_ids=model.option_ids,
        criterion_ids=model.criterion_ids,
        assumption_ids=model.assumption_ids,
        scores=current.scores[0],
        rank_acceptability=acceptability,
        acceptability_error=uncertainty.monte_carlo_error(acceptability, draws),
        central_weights=central,
        confidence=uncertainty.confidence_factors(batch.values, central),
        tornado=tornado(scenario, model),
        assumption_thresholds=tuple(assumption_thresholds(scenario, model)),
        weight_thresholds=tuple(scenario_weight_thresholds(scenario, model)),
        stakeholders=stakeholder_table(scenario, model),
        summary="",
    )
    return replace(report, summary=summarise(report, model))


# --- the summary ------------------------------------------------------------------------------


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _amount(value: float, step: float, unit: str) -> str:
    """A threshold to one decimal more than the assumption's step, with its unit."""
    decimals = max(0, -math.floor(math.log10(step))) + 1
    text = f"{value:.{decimals}f}"
    return text if unit in BARE_UNITS else f"{text} {unit}"


def _fact_thresholds(report: SensitivityReport, model: DecisionModel) -> list[tuple[float, str]]:
    """(distance as a share of the range, phrase) for each assumption threshold."""
    short = [o.short_label for o in model.options]
    items = []
    for t in report.assumption_thresholds:
        spec = model.assumptions[t.assumption]
        for side, value, taker in (
            ("below", t.below, t.below_leader),
            ("above", t.above, t.above_leader),
        ):
            if value is not None and taker is not None:
                amount = _amount(value, spec.step, spec.unit)
                items.append(
                    (
                        abs(value - t.value) / (spec.max - spec.min),
                        f"{spec.label} {side} {amount} (then {short[taker]} leads)",
                    )
                )
    return sorted(items)


def _priority_thresholds(
    report: SensitivityReport, model: DecisionModel
) -> list[tuple[float, str]]:
    """(distance in weight share, phrase) for each weight threshold."""
    short = [o.short_label for o in model.options]
    items = []
    for w in report.weight_thresholds:
        label = model.criteria[w.criterion].priority_label
        for side, share, taker in (
            ("below", w.below, w.below_leader),
            ("above", w.above, w.above_leader),
        ):
            if share is not None and taker is not None:
                items.append(
                    (
                        abs(share - w.weight),
                        f"{label} {side} {share:.1%} of the total (then {short[taker]} leads)",
                    )
                )
    return sorted(items)


def _draws_described(report: SensitivityReport) -> str:
    if isinstance(report.spread, Mapping):
        assumptions = "assumptions across their ranges, some narrowed"
    elif report.spread == 0:
        assumptions = "assumptions as set"
    elif report.spread == 1:
        assumptions = "assumptions across their full ranges"
    else:
        assumptions = f"assumptions across {report.spread:.0%} of their ranges"
    if report.weight_mode == "simplex":
        priorities = "priorities anywhere (no preference information)"
    elif report.band == 0:
        priorities = "priorities as set"
    else:
        priorities = f"priorities within ±{report.band:.0%} of those set"
    return f"{assumptions}, {priorities}"


def summarise(report: SensitivityReport, model: DecisionModel) -> str:
    """A plain-language robustness paragraph built from the report's numbers."""
    labels = [o.label for o in model.options]
    leader, runner_up = report.tornado.leader, report.tornado.runner_up
    first = report.rank_acceptability[:, 0]
    error = report.acceptability_error[leader, 0]
    tolerance = model.info.constants.tie_tolerance.value
    ahead = (
        f"{report.tornado.margin:.1f} points ahead of {labels[runner_up]}"
        if report.tornado.margin >= tolerance
        else f"level with {labels[runner_up]} within {tolerance:g} points"
    )
    sentences = [
        f"{labels[leader]} leads at the current settings, {ahead}, and ranks first in "
        f"{first[leader]:.0%} of "
        f"{report.draws:,} plausible draws ({_draws_described(report)}; seed {report.seed}, "
        f"sampling error ±{100 * error:.1f} percentage points)."
    ]
    favourite = int(first.argmax())
    if favourite != leader:
        sentences.append(f"{labels[favourite]} ranks first more often, in {first[favourite]:.0%}.")
    facts = _fact_thresholds(report, model)[:SUMMARY_THRESHOLDS]
    priorities = _priority_thresholds(report, model)[:SUMMARY_THRESHOLDS]
    if facts or priorities:
        sentences.append("It stays first unless one input alone crosses a threshold.")
    for kind, items in (("assumptions", facts), ("priorities", priorities)):
        if items:
            nearest = "; ".join(text for _, text in items)
            sentences.append(f"Nearest on the {kind}: {nearest}.")
        else:
            sentences.append(f"No single change of the {kind} within their ranges unseats it.")
    if not math.isnan(report.confidence[leader]):
        sentences.append(
            f"Under the average priorities of the draws it wins, it ranks first in "
            f"{report.confidence[leader]:.0%} of the assumption draws (confidence factor)."
        )
    table = report.stakeholders
    profiles = [model.profile(p).label for p in table.profile_ids]
    robust = table.robust
    ranks = _listing([_ordinal(int(r)) for r in table.ranks[:, robust]])
    sentences.append(
        f"Across the {len(profiles)} stakeholder profiles ({_listing(profiles)}) the robust "
        f"choice, with the smallest worst-case regret ({table.max_regret[robust]:.1f} points), is "
        f"{labels[robust]}, ranked {ranks} under them."
    )
    return " ".join(sentences)
