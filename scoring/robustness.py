"""The robustness bundle: SMAA draws, one-way sensitivity and stakeholder regret in one
`SensitivityReport`, with its headline and a summary in plain words (`scoring.report_text`).

Two questions are answered separately. "Around this scenario": assumptions drawn with their
means at the values set. "Under the declared uncertainty": assumptions drawn around the declared
defaults in `data/assumptions.toml` (the analysts' sourced beliefs), the priorities as set. Draws
are seeded: the same scenario, settings and seed give the same numbers. The assumptions around the
scenario are drawn first, then the weights, then (if the values set are not the defaults) the
assumptions around the defaults, from one `numpy.random.default_rng(seed)`; both questions share
the weight draws. With judgement uncertainty on, every option's judgement scores are drawn within
their declared ranges from a generator of their own (`sampling.judgement_draws`), the same for
every scenario with that seed; with it off, none are, and nothing else changes.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from scoring import sampling, uncertainty
from scoring.arrays import model_arrays
from scoring.batch import Scored
from scoring.engine import Prepared, evaluate_scores, prepare
from scoring.loader import DecisionModel, default_model
from scoring.report import RobustnessHeadline, SensitivityReport
from scoring.report_text import summarise
from scoring.scenario import Scenario
from scoring.sensitivity import Tornado, assumption_thresholds, scenario_weight_thresholds, tornado
from scoring.stakeholders import stakeholder_table

MIN_DRAWS = 100
MAX_DRAWS = 200_000


@dataclass(frozen=True)
class AnalysisSettings:
    """How the plausible draws are made (shown with every sampled result); its defaults are
    `analyse`'s and the command line's."""

    draws: int = 20_000
    seed: int = 2026
    spread: float = 1.0
    weight_mode: sampling.WeightMode = "band"
    band: float = 0.25
    judgement_uncertainty: bool = True

    def describe(self) -> str:
        weights = (
            f"priorities within ±{self.band:.0%} of those set"
            if self.weight_mode == "band"
            else "priorities drawn uniformly (no preference information)"
        )
        ranges = "full" if self.spread == 1 else f"{self.spread:.0%} of their"
        return (
            f"{self.draws:,} draws, seed {self.seed}; assumptions drawn over {ranges} ranges "
            f"with their means at the current values; {weights}; "
            f"{judgement_described(self.judgement_uncertainty)}"
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
            judgement_uncertainty=self.judgement_uncertainty,
        )


def judgement_described(drawn: bool) -> str:
    """Whether the draws varied the judgement scores, in words."""
    if drawn:
        return "judgement scores drawn within their declared ranges, averaging the stated scores"
    return "judgement scores held at their stated values"


def analyse(
    scenario: Scenario,
    model: DecisionModel | None = None,
    draws: int = AnalysisSettings.draws,
    seed: int = AnalysisSettings.seed,
    spread: float | Mapping[str, float] = AnalysisSettings.spread,
    weight_mode: sampling.WeightMode = AnalysisSettings.weight_mode,
    band: float = AnalysisSettings.band,
    judgement_uncertainty: bool = AnalysisSettings.judgement_uncertainty,
) -> SensitivityReport:
    """Rank acceptability, central weights and confidence from `draws` seeded draws, the tornado,
    assumption and weight thresholds, the stakeholder table and a plain-language summary.
    `judgement_uncertainty` draws every judgement score within its declared range as well."""
    model = model or default_model()
    around = draw_around(
        scenario, model, draws, seed, spread, weight_mode, band, judgement_uncertainty
    )
    batch = around.batch
    acceptability = around.acceptability
    declared = _declared_acceptability(scenario, model, around, acceptability, spread)
    central = uncertainty.central_weights(batch.values, batch.weights)
    chart = tornado(scenario, model)
    current = evaluate_scores(
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
        judgement_uncertainty=judgement_uncertainty,
        option_ids=model.option_ids,
        criterion_ids=model.criterion_ids,
        assumption_ids=model.assumption_ids,
        scores=current.scores[0],
        rank_acceptability=acceptability,
        acceptability_error=uncertainty.monte_carlo_error(acceptability, draws),
        expected_regret=around.expected_regret,
        declared_acceptability=declared,
        declared_error=uncertainty.monte_carlo_error(declared, draws),
        at_defaults=_at_defaults(scenario, model),
        central_weights=central,
        confidence=uncertainty.confidence_factors(batch.values, central),
        tornado=chart,
        assumption_thresholds=tuple(assumption_thresholds(scenario, model)),
        weight_thresholds=tuple(scenario_weight_thresholds(scenario, model)),
        stakeholders=stakeholder_table(scenario, model),
        headline=_headline(chart, acceptability[:, 0], model),
        summary="",
    )
    return replace(report, summary=summarise(report, model))


@dataclass(frozen=True, eq=False)
class DrawsAround:
    """The seeded draws around a scenario, evaluated, and the generator as they left it (the
    first steps of `analyse`, shared with the verdict's quick path)."""

    assumptions: np.ndarray
    weights: np.ndarray
    judgements: np.ndarray | None
    batch: Scored
    rng: np.random.Generator

    @property
    def acceptability(self) -> np.ndarray:
        """(M, M) rank acceptability over the draws."""
        return uncertainty.rank_acceptability(self.batch.values, self.batch.weights)

    @property
    def expected_regret(self) -> np.ndarray:
        """(M,) each option's mean shortfall from the best score in each draw (points)."""
        scores = self.batch.scores
        return (scores.max(axis=1, keepdims=True) - scores).mean(axis=0)


def draw_around(
    scenario: Scenario,
    model: DecisionModel,
    draws: int = AnalysisSettings.draws,
    seed: int = AnalysisSettings.seed,
    spread: float | Mapping[str, float] = AnalysisSettings.spread,
    weight_mode: sampling.WeightMode = AnalysisSettings.weight_mode,
    band: float = AnalysisSettings.band,
    judgement_uncertainty: bool = AnalysisSettings.judgement_uncertainty,
) -> DrawsAround:
    """The draws around `scenario` in `analyse`'s order (assumptions, then weights, from one
    generator seeded with `seed`; judgement scores from their own), evaluated."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be a whole number from {MIN_DRAWS} to {MAX_DRAWS:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError("seed must be a whole number of 0 or more")
    assumptions, rng = sampling.seeded_assumption_draws(scenario, model, draws, seed, spread)
    weights = sampling.draw_weights(scenario, model, draws, rng, weight_mode, band)
    judgements = sampling.judgement_draws(model, draws, seed) if judgement_uncertainty else None
    ready = prepared_for(assumptions, model, judgements)
    batch = evaluate_scores(assumptions, weights, model, judgements, True, ready)
    return DrawsAround(assumptions, weights, judgements, batch, rng)


# The weight-free part of the last few analyses' draws: a priority moved alone meets the same
# (cached, read-only) draws again, so only the weighted part is computed anew. Kept for at most
# KEPT_DRAWS draws: about 23 MB each at 20,000 draws.
KEPT_ANALYSES, KEPT_DRAWS = 2, 20_000
_recent: deque[Prepared] = deque(maxlen=KEPT_ANALYSES)
_recent_lock = threading.Lock()


def prepared_for(
    assumptions: np.ndarray, model: DecisionModel, judgements: np.ndarray | None
) -> Prepared | None:
    """`prepare` of these draws, from the last few analyses if one had them (the arrays are the
    cached, read-only draws, so the same objects mean the same numbers); None above KEPT_DRAWS."""
    if len(assumptions) > KEPT_DRAWS:
        return None
    arrays = model_arrays(model)
    with _recent_lock:
        for kept in _recent:
            if kept.fits(assumptions, arrays, judgements):
                return kept
    made = prepare(assumptions, model, judgements)
    with _recent_lock:
        _recent.append(made)
    return made


def declared_scenario(scenario: Scenario, model: DecisionModel) -> Scenario:
    """The scenario's priorities with every assumption at its declared default."""
    return Scenario.build({"weights": scenario.weights}, model)


def _at_defaults(scenario: Scenario, model: DecisionModel) -> bool:
    return bool(np.array_equal(scenario.assumption_vector(model), model_arrays(model).defaults))


def _declared_acceptability(
    scenario: Scenario,
    model: DecisionModel,
    around: DrawsAround,
    acceptability: np.ndarray,
    spread: float | Mapping[str, float],
) -> np.ndarray:
    """Rank acceptability under the declared uncertainty: the same weight and judgement draws,
    assumptions drawn around the defaults. When the scenario's values are the defaults those are
    the draws around it, so their `acceptability` is the answer as it stands."""
    if _at_defaults(scenario, model):
        return acceptability.copy()
    centre = declared_scenario(scenario, model)
    assumptions = sampling.draw_assumptions(
        centre, model, len(around.assumptions), around.rng, spread
    )
    batch = evaluate_scores(assumptions, around.weights, model, around.judgements, True)
    return uncertainty.rank_acceptability(batch.values, batch.weights)


def _headline(chart: Tornado, first: np.ndarray, model: DecisionModel) -> RobustnessHeadline:
    """The leader and runner-up at the current settings, and the leader's share of first places."""
    leader, runner_up = model.options[chart.leader], model.options[chart.runner_up]
    tolerance = model.info.constants.tie_tolerance.value
    return RobustnessHeadline(
        leader=leader.id,
        leader_label=leader.label,
        runner_up=runner_up.id,
        runner_up_label=runner_up.label,
        margin=chart.margin,
        share=float(first[chart.leader]),
        tied=chart.margin < tolerance,
        tolerance=tolerance,
    )
