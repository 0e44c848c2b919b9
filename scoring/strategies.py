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

Only what the strategies read is evaluated, in one pass of the formulas over the draws: each
option attempted at each level, decided that many attempt-durations later, as it is (a last
attempt) or twice, with every chance of going through read as 1 and as 0 (an attempt with a
fallback). Outcomes are laid out criteria first (N, k), so the roll-back runs along the draws.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache

import numpy as np

from scoring.arrays import OPTION_LINKS, ModelArrays, option_subset
from scoring.formulas import options_first_performance
from scoring.mavt import extended_value, scaled_value, value_scale

AS_IS, THROUGH, FAILED = "as is", "goes through", "fails"
Variant = tuple[int, int, str]  # (attempt level, option position, AS_IS | THROUGH | FAILED)


@cache
def _variants(plans: tuple[tuple[int, ...], ...]) -> tuple[Variant, ...]:
    """What the strategies read, level by level: each option attempted last at a level as is,
    and each option attempted there with a fallback if it goes through and if it fails."""
    variants: list[Variant] = []
    for level in range(max(map(len, plans), default=0)):
        last = sorted({plan[level] for plan in plans if len(plan) == level + 1})
        fallback = sorted({plan[level] for plan in plans if len(plan) > level + 1})
        variants += [(level, option, AS_IS) for option in last]
        variants += [(level, option, kind) for kind in (THROUGH, FAILED) for option in fallback]
    return tuple(variants)


@cache
def variant_arrays(arrays: ModelArrays, variants: tuple[Variant, ...]) -> ModelArrays:
    """Arrays with one column per variant, decided at its attempt level. Draws for them carry two
    extra assumption columns, A (all 1) and A + 1 (all 0): a variant that goes through or fails
    reads every chance of going through from that column instead of its assumption, wherever the
    option uses it."""
    subset = option_subset(arrays, tuple(option for _, option, _ in variants))
    chances = {assumption for _, assumption in arrays.success_links}
    constant = {THROUGH: len(arrays.assumption_ids), FAILED: len(arrays.assumption_ids) + 1}

    def fixed(links: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple(
            (column, constant[variants[column][2]])
            if variants[column][2] in constant and assumption in chances
            else (column, assumption)
            for column, assumption in links
        )

    levels = np.array([float(level) for level, _, _ in variants])
    levels.flags.writeable = False
    links = {name: fixed(getattr(subset, name)) for name in OPTION_LINKS}
    return replace(subset, attempt_level=levels, **links)


@cache
def _success_columns(arrays: ModelArrays) -> tuple[np.ndarray, np.ndarray]:
    """(option positions, assumption positions) of the options that may fail."""
    pairs = np.array(arrays.success_links, dtype=int).reshape(-1, 2)
    pairs.flags.writeable = False
    return pairs[:, 0], pairs[:, 1]


def attempt_outcomes(
    values: np.ndarray,
    arrays: ModelArrays,
    direct: np.ndarray,
    judgements: np.ndarray | None,
) -> dict[Variant, np.ndarray]:
    """The (N, k) outcome of every variant the strategies read, for k draws (k, A); as is, the
    options decided now are taken from the direct options' table `direct` (k, M, N)."""
    variants = _variants(arrays.strategy_attempts)
    now = [variant for variant in variants if variant[0] == 0 and variant[2] == AS_IS]
    outcomes = {variant: direct[:, variant[1]].T for variant in now}
    variants = tuple(variant for variant in variants if variant not in outcomes)
    if not variants:
        return outcomes
    columns = np.empty((values.shape[1] + 2, values.shape[0]))
    columns[:-2] = values.T
    columns[-2], columns[-1] = 1.0, 0.0
    drawn = None if judgements is None else judgements[:, [o for _, o, _ in variants]]
    table = options_first_performance(columns.T, variant_arrays(arrays, variants), drawn)
    return outcomes | {variant: table[column] for column, variant in enumerate(variants)}


@lru_cache(maxsize=8)
def _tiled_scale(arrays: ModelArrays, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The criteria's value slope and intercept repeated for `count` draws (count x N,)."""
    slope, intercept = value_scale(arrays.range_low, arrays.range_high, arrays.benefit)
    tiled = np.tile(slope, count), np.tile(intercept, count)
    for array in tiled:
        array.flags.writeable = False
    return tiled


class Attempts:
    """The attempt outcomes of k draws: every variant the model's strategies read, computed once,
    and each direct option's chance of going through (M, k)."""

    def __init__(
        self,
        values: np.ndarray,
        arrays: ModelArrays,
        weights: np.ndarray,
        direct: np.ndarray,
        judgements: np.ndarray | None = None,
        outcomes: dict[Variant, np.ndarray] | None = None,
    ) -> None:
        """`outcomes`: `attempt_outcomes` of these draws if already computed (they do not
        depend on the weights)."""
        self.arrays, self.weights = arrays, weights
        options, assumptions = _success_columns(arrays)
        self.chance = np.ones((len(arrays.direct_option_ids), values.shape[0]))
        self.chance[options] = values.T[assumptions]
        self._outcomes = (
            attempt_outcomes(values, arrays, direct, judgements) if outcomes is None else outcomes
        )
        self._slope, self._intercept = _tiled_scale(arrays, len(values))
        self._scores: dict[Variant, np.ndarray] = {}

    def as_is(self, level: int, option: int) -> np.ndarray:
        """`option` attempted at `level` (N, k), with its own chance of going through."""
        return self._outcomes[level, option, AS_IS]

    def through(self, level: int, option: int) -> np.ndarray:
        """`option` attempted at `level` (N, k), going through."""
        return self._outcomes[level, option, THROUGH]

    def failed(self, level: int, option: int) -> np.ndarray:
        """`option` attempted at `level` (N, k), failed."""
        return self._outcomes[level, option, FAILED]

    def score(self, rows: np.ndarray, capped: bool = True) -> np.ndarray:
        """Weighted value (k,) of one performance row per draw, criteria first (N, k); summed
        draw by draw as the engine's scores are. Uncapped, a value past a criterion's range
        follows the straight line of its scale beyond 0-100, so one branch's score can exceed
        100 while the branches still average to the capped expected outcome."""
        values = rows.T.copy()
        flat = values.reshape(-1)
        (scaled_value if capped else extended_value)(flat, self._slope, self._intercept, flat)
        return np.einsum("kn,kn->k", values, self.weights)

    def _variant_score(self, variant: Variant) -> np.ndarray:
        """`score` of one variant's outcome, computed once for all strategies."""
        if variant not in self._scores:
            self._scores[variant] = self.score(self._outcomes[variant])
        return self._scores[variant]

    def roll_back(self, attempts: tuple[int, ...]) -> tuple[np.ndarray, list[np.ndarray]]:
        """The strategy's outcome (N, k) and, per attempt but the last, whether Turkey moves on
        after it fails (k,) in each draw."""
        last = len(attempts) - 1
        outcome = self.as_is(last, attempts[last])
        outcome_score = self._variant_score((last, attempts[last], AS_IS))
        moves_on: list[np.ndarray] = [np.empty(0)] * last
        for level in range(last - 1, -1, -1):
            option = attempts[level]
            failed = self.failed(level, option)
            moves_on[level] = outcome_score >= self._variant_score((level, option, FAILED))
            after_failure = np.where(moves_on[level], outcome, failed)
            chance = self.chance[option]
            outcome = chance * self.through(level, option) + (1.0 - chance) * after_failure
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
    outcomes: dict[Variant, np.ndarray] | None = None,
) -> np.ndarray:
    """(k, S, N) performance of every strategy for k draws of the assumptions (k, A), their
    normalised weights (k, N) and the direct options' table `direct` (k, M, N); written into
    `out` if given. `outcomes`: the draws' `attempt_outcomes`, if already computed."""
    if out is None:
        out = np.empty((values.shape[0], len(arrays.strategy_attempts), direct.shape[2]))
    attempts = Attempts(values, arrays, weights, direct, judgements, outcomes)
    for s, plan in enumerate(arrays.strategy_attempts):
        out[:, s] = attempts.roll_back(plan)[0].T
    return out
