"""A meeting's priorities: what N participants' weight vectors say together.

Every participant's weights are normalised to shares of their total (only proportions matter),
then scored in one batched pass at the scenario's assumptions. From those scores: the leader
under each participant's weights, each option's share of participants, rank acceptability over
the submitted vectors, the minimax-regret choice (`scoring.stakeholders`), the spread of each
priority and the group's median weights.

The most disputed priority is the one whose shares have the widest interquartile range (ties:
the wider full range, then model order). It changes the leader if giving it each participant's
share in turn, the other priorities at the group's weights in their proportions, makes more
than one option lead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from scoring.engine import evaluate_batch
from scoring.loader import DecisionModel
from scoring.mavt import normalise_weights
from scoring.scenario import Scenario
from scoring.stakeholders import minimax_regret
from scoring.uncertainty import ordinal_ranks

Scorer = Callable[[np.ndarray], np.ndarray]  # weights (K, N) -> scores (K, M)
SPREAD_POINTS = (0, 25, 50, 75, 100)  # percentiles: min, lower quartile, median, upper, max


@dataclass(frozen=True, eq=False)
class GroupAnalysis:
    """The group's picture; shares are fractions of each participant's total (0-1)."""

    shares: np.ndarray  # (K, N) each participant's normalised weights
    scores: np.ndarray  # (K, M) scores 0-100 under each participant's weights
    spread: np.ndarray  # (N, 5) min, lower quartile, median, upper quartile, max share
    leaders: np.ndarray  # (K,) option leading under each participant's weights
    leader_share: np.ndarray  # (M,) share of participants for whom each option leads
    rank_acceptability: np.ndarray  # (M, M) share of participants giving option i rank k+1
    max_regret: np.ndarray  # (M,) largest regret over the participants, points
    robust: int  # the minimax-regret option
    group_weights: np.ndarray  # (N,) the group's weights, summing to 1
    group_basis: Literal["median", "mean"]  # "mean" only when every median share is zero
    group_leader: int  # leader under the group's weights
    disputed: int  # criterion with the widest spread
    disputed_leaders: tuple[int, ...]  # leaders as the disputed share takes each value given

    @property
    def count(self) -> int:
        """How many weight vectors were analysed."""
        return int(self.shares.shape[0])

    @property
    def agreed(self) -> bool:
        """Whether every participant gave the same priorities (in proportion)."""
        return bool(np.allclose(self.spread[:, 0], self.spread[:, 4]))

    @property
    def changes_leader(self) -> bool:
        """Whether the disagreement on the most disputed priority changes the leader."""
        return len(self.disputed_leaders) > 1


def group_weights(shares: np.ndarray) -> tuple[np.ndarray, Literal["median", "mean"]]:
    """The per-priority median of the shares, renormalised to sum to 1; the mean when every
    median is zero (each participant put everything on a different priority)."""
    median = np.median(shares, axis=0)
    if median.sum() > 0:
        return median / median.sum(), "median"
    mean = shares.mean(axis=0)
    return mean / mean.sum(), "mean"


def most_disputed(spread: np.ndarray) -> int:
    """The criterion whose shares have the widest interquartile range; ties go to the wider
    full range, then to the earlier criterion."""
    quartile_range = np.round(spread[:, 3] - spread[:, 1], 12)
    full_range = np.round(spread[:, 4] - spread[:, 0], 12)
    order = np.lexsort((np.arange(len(spread)), -full_range, -quartile_range))
    return int(order[0])


def with_share(base: np.ndarray, criterion: int, values: np.ndarray) -> np.ndarray:
    """(K, N): `base` shares with `criterion` set to each of `values`, the others rescaled to
    keep their proportions (spread evenly when they are all zero)."""
    rest = np.delete(base, criterion)
    rest = rest / rest.sum() if rest.sum() > 0 else np.full(len(rest), 1 / len(rest))
    return np.insert(np.outer(1 - values, rest), criterion, values, axis=1)


def analyse_group(shares: np.ndarray, score: Scorer) -> GroupAnalysis:
    """The group's picture from K weight vectors (raw or normalised) and a batched scorer."""
    shares = normalise_weights(np.atleast_2d(np.asarray(shares, dtype=float)))
    scores = np.asarray(score(shares), dtype=float)
    options = scores.shape[1]
    leaders = scores.argmax(axis=1)  # ties go to the earlier option, as in ordinal ranks
    ranks = ordinal_ranks(scores)
    cells = np.arange(options) * options + (ranks - 1)
    acceptability = np.bincount(cells.ravel(), minlength=options * options).reshape(options, -1)
    spread = np.percentile(shares, SPREAD_POINTS, axis=0).T
    weights, basis = group_weights(shares)
    disputed = most_disputed(spread)
    trials = np.vstack([weights, with_share(weights, disputed, shares[:, disputed])])
    trial_leaders = np.asarray(score(trials), dtype=float).argmax(axis=1)
    largest, robust = minimax_regret(scores)
    return GroupAnalysis(
        shares=shares,
        scores=scores,
        spread=spread,
        leaders=leaders,
        leader_share=np.bincount(leaders, minlength=options) / len(shares),
        rank_acceptability=acceptability / len(shares),
        max_regret=largest,
        robust=robust,
        group_weights=weights,
        group_basis=basis,
        group_leader=int(trial_leaders[0]),
        disputed=disputed,
        disputed_leaders=tuple(dict.fromkeys(int(i) for i in trial_leaders[1:])),
    )


def analyse_participants(
    scenario: Scenario, model: DecisionModel, weights: np.ndarray
) -> GroupAnalysis:
    """`analyse_group` for raw weight vectors (K, N) in the model's criterion order, scored by
    the batched engine at the scenario's assumptions."""
    assumptions = scenario.assumption_vector(model)

    def score(rows: np.ndarray) -> np.ndarray:
        return evaluate_batch(np.tile(assumptions, (len(rows), 1)), rows, model).scores

    return analyse_group(weights, score)


def slider_weights(shares: np.ndarray) -> list[int]:
    """Shares as whole-number priorities on the sliders' 0-100 scale (percent of the total);
    a share that rounds to zero but was not zero keeps 1, so no priority silently vanishes."""
    percent = np.round(np.asarray(shares, dtype=float) / np.sum(shares) * 100)
    percent = np.where((percent == 0) & (np.asarray(shares) > 0), 1, percent)
    return [int(value) for value in percent]
