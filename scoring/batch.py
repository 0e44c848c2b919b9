"""What the batched engine returns: K evaluations, the draw axis first."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Batch:
    """Results of K evaluations; every array has the draw axis first."""

    performance: np.ndarray  # (K, M, N) raw performance in each criterion's unit
    values: np.ndarray  # (K, M, N) value scores 0-100
    weights: np.ndarray  # (K, N) normalised weights
    contributions: np.ndarray  # (K, M, N) weighted values; they sum to the scores
    scores: np.ndarray  # (K, M) overall scores 0-100
    ranks: np.ndarray  # (K, M) 1 = best, ties share a rank


@dataclass(frozen=True, eq=False)
class Scored:
    """What `evaluate_scores` keeps of K evaluations: the scores, the normalised weights and, if
    asked for, the value scores; the same numbers as the matching fields of a `Batch`."""

    values: np.ndarray | None  # (K, M, N) value scores 0-100, or None if not kept
    weights: np.ndarray  # (K, N) normalised weights
    scores: np.ndarray  # (K, M) overall scores 0-100
