"""Pure multi-attribute value functions: value scaling, weights, additive scores, ranks.

Each function works on stacks (leading K axis) and knows nothing of the S-400 model, so the
published textbook cases in the tests exercise exactly the code the dashboard runs.
"""

from __future__ import annotations

import numpy as np


def value_scale(
    low: np.ndarray, high: np.ndarray, benefit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(slope, intercept) of each criterion's linear map of its declared [low, high] range onto
    0-100: benefit criteria score 100 at `high`, cost criteria 100 at `low`."""
    span = high - low
    slope = np.where(benefit, 100.0 / span, -100.0 / span)
    intercept = np.where(benefit, -100.0 * low / span, 100.0 * high / span)
    return slope, intercept


def extended_value(
    performance: np.ndarray,
    slope: np.ndarray,
    intercept: np.ndarray,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """slope x performance + intercept: the value scale carried on in a straight line past
    0-100 (written into `out` if given)."""
    values = np.multiply(performance, slope, out=out)
    values += intercept
    return values


def scaled_value(
    performance: np.ndarray,
    slope: np.ndarray,
    intercept: np.ndarray,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """`extended_value` clipped to 0-100 (written into `out` if given)."""
    values = extended_value(performance, slope, intercept, out)
    np.maximum(values, 0.0, out=values)  # clipped to 0-100 (np.clip, without its overhead)
    return np.minimum(values, 100.0, out=values)


def linear_value(
    performance: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    benefit: np.ndarray,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Map performance onto 0-100 over each criterion's declared [low, high] range (written
    into `out` if given).

    Benefit criteria score 100 at `high`, cost criteria 100 at `low`; values outside the range are
    clipped. The range is fixed, not taken from the options shown, so adding an option never
    changes another option's value.
    """
    return scaled_value(performance, *value_scale(low, high, benefit), out=out)


def table_value(
    table: np.ndarray, low: np.ndarray, high: np.ndarray, benefit: np.ndarray, out: np.ndarray
) -> np.ndarray:
    """`linear_value` of a (K, M, N) table into `out`, both with each draw's M x N block
    contiguous: scaled as one row of M x N, NumPy runs K long inner loops rather than K x M short
    ones. The same numbers; an `out` laid out otherwise is an error."""
    count, rows, width = table.shape
    flat = (count, rows * width)
    slope, intercept = value_scale(low, high, benefit)
    scaled_value(
        table.reshape(flat, copy=False),
        np.tile(slope, rows),
        np.tile(intercept, rows),
        out=out.reshape(flat, copy=False),
    )
    return out


def normalise_weights(weights: np.ndarray) -> np.ndarray:
    """Scale each row of non-negative weights to sum to 1; a zero or negative row is an error."""
    weights = np.asarray(weights, dtype=float)
    if np.any(weights < 0) or not np.all(np.isfinite(weights)):
        raise ValueError("weights must be finite and not negative")
    totals = weights.sum(axis=-1, keepdims=True)
    if np.any(totals <= 0):
        raise ValueError("at least one weight must be above zero")
    return weights / totals


def contributions(
    values: np.ndarray, normalised_weights: np.ndarray, out: np.ndarray | None = None
) -> np.ndarray:
    """Each criterion's share of each option's score, (K, M, N), from weights (K, N) (written
    into `out` if given)."""
    return np.multiply(values, normalised_weights[..., None, :], out=out)


def competition_ranks(scores: np.ndarray, tolerance: float) -> np.ndarray:
    """Rank options per row (1 = best); scores within `tolerance` of each other share a rank.

    An option's rank is one plus the number of options that beat it by more than `tolerance`
    ("1224" competition ranking), so ties never depend on float equality.
    """
    limits = scores + tolerance
    ranks = np.ones(scores.shape, dtype=int)
    for other in range(scores.shape[-1]):
        ranks += scores[..., other, None] > limits
    return ranks
