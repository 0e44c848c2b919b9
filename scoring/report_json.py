"""The robustness report's parts as plain JSON-ready types: options, criteria and assumptions
named by id, numbers rounded to 6 decimals, NaN as None."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from scoring.sensitivity import AssumptionThreshold, Tornado, WeightThreshold
from scoring.stakeholders import StakeholderTable

Ids = Sequence[str]


def number(value: float | None) -> float | None:
    """A float rounded to 6 decimals, or None for a missing or NaN value."""
    if value is None or math.isnan(value):
        return None
    return round(float(value), 6)


def by_id(ids: Ids, values: np.ndarray) -> dict[str, float | None]:
    """One number per id."""
    return {i: number(v) for i, v in zip(ids, values, strict=True)}


def rows_by_id(ids: Ids, rows: np.ndarray) -> dict[str, list[float | None]]:
    """One row of numbers per id."""
    return {i: [number(v) for v in row] for i, row in zip(ids, rows, strict=True)}


def central_weights(
    options: Ids, criteria: Ids, weights: np.ndarray
) -> dict[str, dict[str, float | None] | None]:
    """Each option's central weights by criterion; None for an option that never ranks first."""
    return {
        o: None if np.isnan(row).any() else by_id(criteria, row)
        for o, row in zip(options, weights, strict=True)
    }


def settings(
    seed: int,
    draws: int,
    spread: float | Mapping[str, float],
    weight_mode: str,
    band: float,
    judgement_uncertainty: bool,
) -> dict[str, Any]:
    """How the draws were made."""
    return {
        "seed": seed,
        "draws": draws,
        "spread": dict(spread) if isinstance(spread, Mapping) else spread,
        "weight_mode": weight_mode,
        "band": band,
        "judgement_scores_drawn": judgement_uncertainty,
    }


def tornado(
    chart: Tornado, options: Ids, assumptions: Ids, current: Mapping[str, float]
) -> dict[str, Any]:
    """The leader, runner-up and margin, and each assumption's bar."""
    return {
        "leader": options[chart.leader],
        "runner_up": options[chart.runner_up],
        "margin": number(chart.margin),
        "bars": [
            {
                "assumption": assumptions[bar.assumption],
                "current": current[assumptions[bar.assumption]],
                "low": bar.low,
                "high": bar.high,
                "margin_low": number(bar.margin_low),
                "margin_high": number(bar.margin_high),
                "leader_low": options[bar.leader_low],
                "leader_high": options[bar.leader_high],
            }
            for bar in chart.bars
        ],
    }


def _option(options: Ids, index: int | None) -> str | None:
    return None if index is None else options[index]


def assumption_thresholds(
    thresholds: Sequence[AssumptionThreshold], options: Ids, assumptions: Ids
) -> list[dict[str, Any]]:
    """Per assumption, where the leader loses first place and to whom."""
    return [
        {
            "assumption": assumptions[t.assumption],
            "current": t.value,
            "below": number(t.below),
            "below_leader": _option(options, t.below_leader),
            "above": number(t.above),
            "above_leader": _option(options, t.above_leader),
            "resolution": number(t.resolution),
        }
        for t in thresholds
    ]


def weight_thresholds(
    thresholds: Sequence[WeightThreshold], options: Ids, criteria: Ids
) -> list[dict[str, Any]]:
    """Per criterion, the shares (and slider values) where the leader changes, and every swap."""
    return [
        {
            "criterion": criteria[t.criterion],
            "share": number(t.weight),
            "below": number(t.below),
            "below_leader": _option(options, t.below_leader),
            "below_slider": number(t.below_slider),
            "above": number(t.above),
            "above_leader": _option(options, t.above_leader),
            "above_slider": number(t.above_slider),
            "crossings": [
                {
                    "share": number(c.weight),
                    "ahead_below": options[c.ahead_below],
                    "ahead_above": options[c.ahead_above],
                    "leader_change": c.leader_change,
                }
                for c in t.crossings
            ],
        }
        for t in thresholds
    ]


def stakeholders(table: StakeholderTable, options: Ids) -> dict[str, Any]:
    """Ranks, scores and regret under each profile, worst ranks and the robust choice."""
    return {
        "profiles": [
            {
                "profile": profile_id,
                "ranks": {o: int(r) for o, r in zip(options, ranks, strict=True)},
                "scores": by_id(options, scores),
                "regret": by_id(options, regrets),
            }
            for profile_id, ranks, scores, regrets in zip(
                table.profile_ids, table.ranks, table.scores, table.regret, strict=True
            )
        ],
        "worst_rank": {o: int(r) for o, r in zip(options, table.worst_rank, strict=True)},
        "max_regret": by_id(options, table.max_regret),
        "robust_choice": options[table.robust],
    }
