"""Stakeholder profiles: each option's rank and regret under every named weight profile.

The regret of option i under profile p is the best score any option reaches under p minus i's
score under p (points, 0-100). The robust choice minimises the largest regret over the profiles
(minimax regret, Savage); ties go to the earlier option.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.arrays import model_arrays
from scoring.engine import evaluate_scores
from scoring.loader import DecisionModel
from scoring.mavt import competition_ranks
from scoring.scenario import Scenario


def regret(scores: np.ndarray) -> np.ndarray:
    """(P, M) regret from scores (P profiles, M options): each row's best minus each score."""
    scores = np.asarray(scores, dtype=float)
    return scores.max(axis=1, keepdims=True) - scores


def minimax_regret(scores: np.ndarray) -> tuple[np.ndarray, int]:
    """The largest regret of each option over the profiles (M,), and the option minimising it."""
    largest = regret(scores).max(axis=0)
    return largest, int(largest.argmin())


@dataclass(frozen=True, eq=False)
class StakeholderTable:
    """Scores, ranks and regrets (P, M) under each profile, at the scenario's assumptions."""

    profile_ids: tuple[str, ...]
    scores: np.ndarray  # (P, M)
    ranks: np.ndarray  # (P, M) 1 = best; scores within the tie tolerance share a rank
    regret: np.ndarray  # (P, M)
    worst_rank: np.ndarray  # (M,)
    max_regret: np.ndarray  # (M,)
    robust: int  # option index with the smallest maximum regret


def stakeholder_table(scenario: Scenario, model: DecisionModel) -> StakeholderTable:
    """Evaluate the scenario's assumptions under every profile in `data/profiles.toml`."""
    weights = np.array([[p.weights[c] for c in model.criterion_ids] for p in model.profiles])
    assumptions = np.tile(scenario.assumption_vector(model), (len(weights), 1))
    scores = evaluate_scores(assumptions, weights, model).scores
    ranks = competition_ranks(scores, model_arrays(model).constants["tie_tolerance"])
    largest, robust = minimax_regret(scores)
    return StakeholderTable(
        profile_ids=tuple(p.id for p in model.profiles),
        scores=scores,
        ranks=ranks,
        regret=regret(scores),
        worst_rank=ranks.max(axis=0),
        max_regret=largest,
        robust=robust,
    )
