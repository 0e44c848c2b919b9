"""Stochastic multicriteria acceptability analysis (SMAA-2) on plain arrays.

Lahdelma & Salminen (2001); Tervonen & Figueira (2008). Each function takes criterion values,
either one table (M, N) shared by every draw or one table per draw (K, M, N), and K weight draws
(K, N); weights are normalised per row, so raw slider values work too. Nothing here knows the
S-400 model.

Ranks are ordinal (1..M): equal scores are broken by option order, the earlier option ranking
higher, so every draw gives each rank to exactly one option.
"""

from __future__ import annotations

import numpy as np

from scoring.mavt import normalise_weights

CHUNK = 4096


def _tables(values: np.ndarray, count: int) -> np.ndarray:
    """Values as (K, M, N) or (M, N); checked against the K weight draws."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 3 and values.shape[0] != count:
        raise ValueError(f"values have {values.shape[0]} draws for {count} weight draws")
    if values.ndim not in (2, 3):
        raise ValueError(f"values must have shape (M, N) or (K, M, N); got {values.shape}")
    return values


def _weights(weights: np.ndarray) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2:
        raise ValueError(f"weights must have shape (K, N); got {weights.shape}")
    return normalise_weights(weights)


def scores(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Additive scores (K, M) of values (M, N) or (K, M, N) under weight draws (K, N)."""
    weights = _weights(weights)
    values = _tables(values, weights.shape[0])
    if values.shape[-1] != weights.shape[1]:
        raise ValueError(f"values have {values.shape[-1]} criteria, weights {weights.shape[1]}")
    if values.ndim == 2:
        return weights @ values.T
    return (values @ weights[:, :, None])[:, :, 0]


def ordinal_ranks(scores: np.ndarray) -> np.ndarray:
    """Ranks 1..M per row of scores (K, M); ties go to the earlier option."""
    order = np.argsort(-scores, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, scores.shape[-1] + 1), axis=-1)
    return ranks


def rank_acceptability(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(M, M) array: row i gives the share of draws in which option i takes rank 1..M.

    Each row and each column sums to 1. The Monte Carlo error of a share p is
    `monte_carlo_error(p, K)`.
    """
    order = np.argsort(-scores(values, weights), axis=-1, kind="stable")  # as ordinal_ranks
    count, options = order.shape
    cells = order * options + np.arange(options)  # (option, rank - 1) of each draw's places
    return np.bincount(cells.ravel(), minlength=options * options).reshape(options, -1) / count


def central_weights(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(M, N): the mean normalised weight vector of the draws in which option i ranks first.

    A row is NaN when option i never ranks first.
    """
    normalised = _weights(weights)
    leaders = scores(values, normalised).argmax(axis=1)
    options = _tables(values, normalised.shape[0]).shape[-2]
    sums = np.stack(  # summed draw by draw, as np.add.at would
        [np.bincount(leaders, weights=column, minlength=options) for column in normalised.T],
        axis=1,
    )
    counts = np.bincount(leaders, minlength=options)[:, None]
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def confidence_factors(values: np.ndarray, central: np.ndarray) -> np.ndarray:
    """(M,): the share of value draws in which option i ranks first under its central weights.

    `values` is (K, M, N), or (M, N) for exact values (each factor is then 0 or 1). An option
    without central weights (it never ranked first) gets NaN.
    """
    values = np.asarray(values, dtype=float)
    stack = values[None] if values.ndim == 2 else values
    central = np.asarray(central, dtype=float)
    options = stack.shape[1]
    known = ~np.isnan(central).any(axis=1)
    firsts = np.zeros(options)
    for start in range(0, stack.shape[0], CHUNK):
        # (K draws, M options, M weight vectors): column i scores every option on i's weights
        table = stack[start : start + CHUNK] @ np.nan_to_num(central).T
        firsts += (table.argmax(axis=1) == np.arange(options)).sum(axis=0)
    return np.where(known, firsts / stack.shape[0], np.nan)


def monte_carlo_error(share: np.ndarray | float, draws: int) -> np.ndarray:
    """Standard error sqrt(p (1 - p) / K) of a share p estimated from K draws."""
    share = np.asarray(share, dtype=float)
    return np.sqrt(share * (1.0 - share) / draws)
