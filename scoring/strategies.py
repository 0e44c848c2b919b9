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

Only what the strategies read is evaluated: at each attempt level, one pass of the formulas over
the draws (decided that many attempts later) for the options attempted there, each as it is
(a last attempt) or twice, with every chance of going through read as 1 and as 0 (an attempt
with a fallback). Outcomes are laid out criteria first (N, k), so the roll-back runs along the
draws.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from scoring.arrays import OPTION_LINKS, ModelArrays, option_subset
from scoring.formulas import DELAY, options_first_performance
from scoring.mavt import scaled_value, value_scale

ATTEMPT_DURATION = "attempt_duration_years"
AS_IS, THROUGH, FAILED = "as is", "goes through", "fails"
Variant = tuple[int, str]  # (option position, AS_IS | THROUGH | FAILED)


@dataclass(frozen=True)
class Attempt:
    """The attempts starting at one level (attempt-durations after the decision): an (N, k)
    outcome per (option, variant) some strategy reads there, and each direct option's chance of
    going through (M, k)."""

    outcomes: dict[Variant, np.ndarray]
    chance: np.ndarray

    def as_is(self, option: int) -> np.ndarray:
        return self.outcomes[option, AS_IS]

    def through(self, option: int) -> np.ndarray:
        return self.outcomes[option, THROUGH]

    def failed(self, option: int) -> np.ndarray:
        return self.outcomes[option, FAILED]


def _variants(plans: tuple[tuple[int, ...], ...], level: int) -> tuple[Variant, ...]:
    """What the strategies read at `level`: each option attempted last there as is, and each
    option attempted with a fallback there if it goes through and if it fails."""
    last = sorted({plan[level] for plan in plans if len(plan) == level + 1})
    fallback = sorted({plan[level] for plan in plans if len(plan) > level + 1})
    return (
        *((option, AS_IS) for option in last),
        *((option, THROUGH) for option in fallback),
        *((option, FAILED) for option in fallback),
    )


@cache
def variant_arrays(arrays: ModelArrays, variants: tuple[Variant, ...]) -> ModelArrays:
    """Arrays with one column per variant. Draws for them carry two extra assumption columns,
    A (all 1) and A + 1 (all 0): a variant that goes through or fails reads every chance of going
    through from that column instead of its assumption, wherever the option uses it."""
    subset = option_subset(arrays, tuple(option for option, _ in variants))
    chances = {assumption for _, assumption in arrays.success_links}
    constant = {THROUGH: len(arrays.assumption_ids), FAILED: len(arrays.assumption_ids) + 1}

    def fixed(links: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple(
            (column, constant[variants[column][1]])
            if variants[column][1] in constant and assumption in chances
            else (column, assumption)
            for column, assumption in links
        )

    return replace(subset, **{name: fixed(getattr(subset, name)) for name in OPTION_LINKS})


def _success_columns(arrays: ModelArrays) -> tuple[np.ndarray, np.ndarray]:
    """(option positions, assumption positions) of the options that may fail."""
    pairs = np.array(arrays.success_links, dtype=int).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def _attempt(
    columns: np.ndarray,
    arrays: ModelArrays,
    judgements: np.ndarray | None,
    variants: tuple[Variant, ...],
    direct: np.ndarray | None,
) -> Attempt:
    """The outcomes of `variants` from the draws assumption by assumption (A + 2, k), the last
    two rows all 1 and all 0, their decision delay already moved to the attempt's start; as is,
    the options decided now are taken from the direct options' table `direct` if given."""
    options, assumptions = _success_columns(arrays)
    chance = np.ones((len(arrays.direct_option_ids), columns.shape[1]))
    chance[options] = columns[assumptions]
    outcomes: dict[Variant, np.ndarray] = {}
    if direct is not None:
        outcomes = {(o, v): direct[:, o].T for o, v in variants if v == AS_IS}
        variants = tuple((o, v) for o, v in variants if v != AS_IS)
    if variants:
        drawn = None if judgements is None else judgements[:, [o for o, _ in variants]]
        table = options_first_performance(columns.T, variant_arrays(arrays, variants), drawn)
        outcomes |= {variant: table[column] for column, variant in enumerate(variants)}
    return Attempt(outcomes, chance)


class Attempts:
    """The attempt outcomes of k draws, computed once per attempt level as strategies need them
    (the variants every strategy of the model reads there)."""

    def __init__(
        self,
        values: np.ndarray,
        arrays: ModelArrays,
        weights: np.ndarray,
        direct: np.ndarray,
        judgements: np.ndarray | None = None,
    ) -> None:
        self.arrays, self.weights = arrays, weights
        self.direct, self.judgements = direct, judgements
        self.columns = np.empty((values.shape[1] + 2, values.shape[0]))
        self.columns[:-2] = values.T
        self.columns[-2], self.columns[-1] = 1.0, 0.0
        index = arrays.assumption_index
        self._delay = values[:, index[DELAY]].copy()
        self._duration = values[:, index[ATTEMPT_DURATION]].copy()
        slope, intercept = value_scale(arrays.range_low, arrays.range_high, arrays.benefit)
        self._slope, self._intercept = np.tile(slope, len(values)), np.tile(intercept, len(values))
        self._levels: dict[int, Attempt] = {}
        self._scores: dict[tuple[int, Variant], np.ndarray] = {}

    def at(self, level: int) -> Attempt:
        """Attempts starting `level` attempt-durations after the decision."""
        if level not in self._levels:
            self.columns[self.arrays.assumption_index[DELAY]] = self._delay + level * self._duration
            self._levels[level] = _attempt(
                self.columns,
                self.arrays,
                self.judgements,
                _variants(self.arrays.strategy_attempts, level),
                self.direct if level == 0 else None,
            )
        return self._levels[level]

    def score(self, rows: np.ndarray) -> np.ndarray:
        """Weighted value (k,) of one performance row per draw, criteria first (N, k); summed
        draw by draw as the engine's scores are."""
        values = rows.T.copy()
        flat = values.reshape(-1)
        scaled_value(flat, self._slope, self._intercept, out=flat)
        return np.einsum("kn,kn->k", values, self.weights)

    def _variant_score(self, level: int, variant: Variant) -> np.ndarray:
        """`score` of one variant's outcome at `level`, computed once for all strategies."""
        key = (level, variant)
        if key not in self._scores:
            self._scores[key] = self.score(self.at(level).outcomes[variant])
        return self._scores[key]

    def roll_back(self, attempts: tuple[int, ...]) -> tuple[np.ndarray, list[np.ndarray]]:
        """The strategy's outcome (N, k) and, per attempt but the last, whether Turkey moves on
        after it fails (k,) in each draw."""
        last = len(attempts) - 1
        outcome = self.at(last).as_is(attempts[last])
        outcome_score = self._variant_score(last, (attempts[last], AS_IS))
        moves_on: list[np.ndarray] = [np.empty(0)] * last
        for level in range(last - 1, -1, -1):
            tables, option = self.at(level), attempts[level]
            failed = tables.failed(option)
            moves_on[level] = outcome_score >= self._variant_score(level, (option, FAILED))
            after_failure = np.where(moves_on[level], outcome, failed)
            chance = tables.chance[option]
            outcome = chance * tables.through(option) + (1.0 - chance) * after_failure
            if level:
                outcome_score = self.score(outcome)
        return outcome, moves_on


def strategy_performance(
    values: np.ndarray,
    arrays: ModelArrays,
    weights: np.ndarray,
    direct: np.ndarray,
    judgements: np.ndarray | None = None,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """(k, S, N) performance of every strategy for k draws of the assumptions (k, A), their
    normalised weights (k, N) and the direct options' table `direct` (k, M, N); written into
    `out` if given."""
    if out is None:
        out = np.empty((values.shape[0], len(arrays.strategy_attempts), direct.shape[2]))
    attempts = Attempts(values, arrays, weights, direct, judgements)
    for s, plan in enumerate(arrays.strategy_attempts):
        out[:, s] = attempts.roll_back(plan)[0].T
    return out
