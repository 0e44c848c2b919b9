"""Strategies: attempt options in turn, falling back when one fails.

A strategy attempts options a_1, ..., a_n in order. Attempt i starts (i - 1) x t years after the
decision (t = attempt_duration_years), so it is scored as option a_i decided that much later:
less interceptor life, SİPER closer, more storage paid (`scoring.formulas`). It goes through with
a_i's own chance s_i. Every formula is linear in s, so option a_i with s = 1 is its outcome if it
goes through, and with s = 0 the position a failure leaves Turkey in (systems stood down, stored).

After a failure Turkey either moves on to the rest of the strategy or stays where the failed
attempt left it, whichever scores higher by the draw's own priorities (a decision node, rolled
back from the end). So, criterion by criterion,

    outcome_n = option a_n decided (n - 1) x t later, with its own chance of failing
    outcome_i = s_i x success_i + (1 - s_i) x better(outcome_{i+1}, failure_i)

and the strategy's performance is outcome_1: the probability-weighted outcome over its tree.
Its values, score and rank follow exactly as for an option.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.arrays import ModelArrays
from scoring.formulas import DELAY, performance
from scoring.mavt import linear_value

ATTEMPT_DURATION = "attempt_duration_years"
GOES_THROUGH, FAILS = 1.0, 0.0


@dataclass(frozen=True)
class Attempt:
    """One attempt's three tables (k, M, N): as is, if it goes through and if it fails; and
    each direct option's chance of going through (k, M)."""

    as_is: np.ndarray
    through: np.ndarray
    failed: np.ndarray
    chance: np.ndarray


def _success_columns(arrays: ModelArrays) -> tuple[np.ndarray, np.ndarray]:
    """(option positions, assumption positions) of the options that may fail."""
    pairs = np.array(arrays.success_links, dtype=int).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def _attempt(
    values: np.ndarray,
    arrays: ModelArrays,
    judgements: np.ndarray | None,
    level: int,
    as_is: np.ndarray | None,
) -> Attempt:
    """The tables for attempts starting `level` attempt-durations after the decision."""
    delay = arrays.assumption_index[DELAY]
    shifted = values.copy()
    shifted[:, delay] += level * values[:, arrays.assumption_index[ATTEMPT_DURATION]]
    options, assumptions = _success_columns(arrays)
    chance = np.ones((values.shape[0], len(arrays.direct_option_ids)))
    chance[:, options] = shifted[:, assumptions]
    count = values.shape[0]
    stacked = np.concatenate([shifted, shifted, shifted])
    stacked[count : 2 * count, assumptions] = GOES_THROUGH
    stacked[2 * count :, assumptions] = FAILS
    rows = slice(count, None) if as_is is not None else slice(None)
    drawn = None if judgements is None else np.concatenate([judgements] * 3)[rows]
    tables = performance(stacked[rows], arrays, drawn)
    if as_is is None:
        as_is, tables = tables[:count], tables[count:]
    return Attempt(as_is, tables[:count], tables[count:], chance)


class Attempts:
    """The attempt tables of k draws, computed once per attempt level as strategies need them."""

    def __init__(
        self,
        values: np.ndarray,
        arrays: ModelArrays,
        weights: np.ndarray,
        direct: np.ndarray,
        judgements: np.ndarray | None = None,
    ) -> None:
        self.values, self.arrays, self.weights = values, arrays, weights
        self.direct, self.judgements = direct, judgements
        self._levels: dict[int, Attempt] = {}

    def at(self, level: int) -> Attempt:
        """Attempts starting `level` attempt-durations after the decision."""
        if level not in self._levels:
            as_is = self.direct if level == 0 else None
            self._levels[level] = _attempt(self.values, self.arrays, self.judgements, level, as_is)
        return self._levels[level]

    def score(self, rows: np.ndarray) -> np.ndarray:
        """Weighted value (k,) of one performance row per draw (k, N)."""
        arrays = self.arrays
        values = linear_value(rows, arrays.range_low, arrays.range_high, arrays.benefit)
        return np.einsum("kn,kn->k", values, self.weights)

    def roll_back(self, attempts: tuple[int, ...]) -> tuple[np.ndarray, list[np.ndarray]]:
        """The strategy's outcome (k, N) and, per attempt but the last, whether Turkey moves on
        after it fails (k,) in each draw."""
        last = len(attempts) - 1
        outcome = self.at(last).as_is[:, attempts[last]]
        moves_on: list[np.ndarray] = [np.empty(0)] * last
        for level in range(last - 1, -1, -1):
            tables, option = self.at(level), attempts[level]
            failed = tables.failed[:, option]
            moves_on[level] = self.score(outcome) >= self.score(failed)
            after_failure = np.where(moves_on[level][:, None], outcome, failed)
            chance = tables.chance[:, option, None]
            outcome = chance * tables.through[:, option] + (1.0 - chance) * after_failure
        return outcome, moves_on


def strategy_performance(
    values: np.ndarray,
    arrays: ModelArrays,
    weights: np.ndarray,
    direct: np.ndarray,
    judgements: np.ndarray | None = None,
) -> np.ndarray:
    """(k, S, N) performance of every strategy for k draws of the assumptions (k, A), their
    normalised weights (k, N) and the direct options' table `direct` (k, M, N)."""
    out = np.empty((values.shape[0], len(arrays.strategy_attempts), direct.shape[2]))
    attempts = Attempts(values, arrays, weights, direct, judgements)
    for s, plan in enumerate(arrays.strategy_attempts):
        out[:, s] = attempts.roll_back(plan)[0]
    return out
