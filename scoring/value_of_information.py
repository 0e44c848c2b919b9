"""Value of information on plain arrays: what perfect knowledge of some inputs is worth.

`scores` is (K, M): K Monte Carlo draws of M options' scores. Deciding now, one picks the option
with the best expected score, `max_m E[score_m]`.

* `evpi(scores)`: the expected value of perfect information, `E[max_m score_m] - max_m E[score_m]`:
  what knowing everything before deciding would add on average.
* `evppi(scores, inputs)`: the expected value of partial perfect information about `inputs` (K,) or
  (K, P), `E_X[max_m E(score_m | X)] - max_m E[score_m]`.

EVPPI uses the single-loop regression estimator of Strong, Oakley & Brennan (2014, Medical Decision
Making 34:311-326): each option's sampled score is regressed on the inputs, and the fitted values
stand in for `E(score_m | X)`, with no nested sampling. The regression is a GAM-like least-squares
fit: an intercept, cubic B-splines of each input with `KNOTS` knots evenly spaced over its sampled
range (scipy's `BSpline`; the basis scikit-learn's `SplineTransformer` builds), and for several
inputs every pairwise product of the standardised inputs (linear-by-linear interactions), fitted
for all options at once. Inputs that do not vary are dropped: knowing them tells nothing.

Both estimates are at least 0 (the mean of a maximum is at least the maximum of the means) and come
with a standard error (`Estimate.error`): the Monte Carlo error of the outer average, `sd(max_m g_m
- g_m*) / sqrt(K)` with `m*` the option best on average, plus for EVPPI the regression's own error
by the delta method (the coefficients' covariance, residual covariance across options times the
inverse Gram matrix, carried through the estimate with the choice in each draw held fixed). Nothing
here knows the S-400 model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.interpolate import BSpline

KNOTS = 5
DEGREE = 3


@dataclass(frozen=True)
class Estimate:
    """A value of information in the scores' unit and its standard error."""

    value: float
    error: float


def _scores(scores: np.ndarray) -> np.ndarray:
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 2 or scores.shape[0] < 2 or scores.shape[1] < 1:
        raise ValueError(f"scores must have shape (K, M) with K >= 2; got {scores.shape}")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must be finite")
    return scores


def _outer(fitted: np.ndarray) -> tuple[float, np.ndarray, int, np.ndarray]:
    """The value `mean(max g) - max(mean g)`, each draw's gain over the best-on-average option,
    that option, and the option best in each draw."""
    best = int(fitted.mean(axis=0).argmax())
    chosen = fitted.argmax(axis=1)
    gain = fitted[np.arange(len(fitted)), chosen] - fitted[:, best]
    return float(gain.mean()), gain, best, chosen


def evpi(scores: np.ndarray) -> Estimate:
    """E[max over options] - max over options of E, with its Monte Carlo standard error."""
    scores = _scores(scores)
    value, gain, _, _ = _outer(scores)
    return Estimate(value, float(gain.std(ddof=1) / np.sqrt(len(gain))))


def _inputs(inputs: np.ndarray, count: int) -> np.ndarray:
    inputs = np.asarray(inputs, dtype=float)
    if inputs.ndim == 1:
        inputs = inputs[:, None]
    if inputs.ndim != 2 or inputs.shape[0] != count:
        raise ValueError(f"inputs must have shape ({count},) or ({count}, P); got {inputs.shape}")
    if not np.all(np.isfinite(inputs)):
        raise ValueError("inputs must be finite")
    return inputs


def _splines(inputs: np.ndarray) -> np.ndarray:
    """Cubic B-splines (K, P, S) of each input over its sampled range, with KNOTS knots evenly
    spaced on it (scipy's `BSpline` with unit coefficients: one basis function per column, the
    last dropped since the intercept spans it); zero for an input that does not vary."""
    low, high = inputs.min(axis=0), inputs.max(axis=0)
    varying = high > low
    unit = (inputs - low) / np.where(varying, high - low, 1.0)
    step = 1.0 / (KNOTS - 1)
    knots = step * np.arange(-DEGREE, KNOTS + DEGREE)
    count = len(knots) - DEGREE - 1
    basis = BSpline(knots, np.eye(count), DEGREE, extrapolate=True)(unit)[..., :-1]
    return basis * varying[None, :, None]


def _design(inputs: np.ndarray, splines: np.ndarray) -> np.ndarray:
    """Columns (K, D): intercept, the inputs' splines (K, P, S) and the pairwise products of
    the standardised varying inputs."""
    varying = inputs[:, np.ptp(inputs, axis=0) > 0]
    standard = (varying - varying.mean(axis=0)) / varying.std(axis=0)
    first, second = np.triu_indices(varying.shape[1], k=1)
    products = standard[:, first] * standard[:, second]
    intercept = np.ones((len(inputs), 1))
    return np.hstack([intercept, splines.reshape(len(inputs), -1), products])


def _estimates(columns: np.ndarray, scores: np.ndarray) -> list[Estimate]:
    """EVPPI for G regression designs at once: columns (G, K, D), scores (K, M)."""
    count, options = scores.shape
    transposed = columns.transpose(0, 2, 1)
    inverse_gram = np.linalg.pinv(transposed @ columns, hermitian=True)
    fitted = columns @ (inverse_gram @ (transposed @ scores))  # (G, K, M)
    best = fitted.mean(axis=1).argmax(axis=1)  # (G,) the option best on average
    chosen = fitted.argmax(axis=2)  # (G, K) the option best in each draw
    picked = np.take_along_axis(fitted, chosen[..., None], axis=2)[..., 0]
    gain = picked - np.take_along_axis(fitted, best[:, None, None], axis=2)[..., 0]
    outer_variance = gain.var(axis=1, ddof=1) / count
    # delta method: each estimate is sum_m a_m . beta_m with the choice in each draw held fixed;
    # a_m = mean over draws of the columns times ([chosen = m] - [best = m]): only draws where
    # the choice differs from the best-on-average option contribute
    regression_variance = np.zeros(len(columns))
    for g in np.flatnonzero((chosen != best[:, None]).any(axis=1)):
        moved = chosen[g] != best[g]
        loadings = np.zeros((columns.shape[2], options))
        for m in np.unique(chosen[g, moved]):
            loadings[:, m] = columns[g, moved & (chosen[g] == m)].sum(axis=0)
        loadings[:, best[g]] -= columns[g, moved].sum(axis=0)
        loadings /= count
        residuals = scores - fitted[g]
        dof = max(count - columns.shape[2], 1)
        residual_covariance = residuals.T @ residuals / dof  # (M, M)
        spread = loadings.T @ inverse_gram[g] @ loadings  # (M, M)
        regression_variance[g] = max(float((residual_covariance * spread).sum()), 0.0)
    errors = np.sqrt(outer_variance + regression_variance)
    return [Estimate(float(v), float(e)) for v, e in zip(gain.mean(axis=1), errors, strict=True)]


def evppi(scores: np.ndarray, inputs: np.ndarray) -> Estimate:
    """E_X[max_m E(score_m | X)] - max_m E[score_m] for inputs X (K,) or (K, P), by regression
    (Strong, Oakley & Brennan 2014; see the module docstring), with its standard error."""
    inputs = np.asarray(inputs, dtype=float)
    columns = list(range(1 if inputs.ndim == 1 else inputs.shape[-1]))
    return evppi_many(scores, inputs, [columns])[0]


def evppi_many(
    scores: np.ndarray, inputs: np.ndarray, groups: Sequence[Sequence[int]]
) -> list[Estimate]:
    """`evppi` of several sets of columns of inputs (K, P), each set a list of column positions;
    the splines are computed once and designs of equal width are fitted in one batched pass."""
    scores = _scores(scores)
    inputs = _inputs(inputs, len(scores))
    for group in groups:
        if not group or not all(0 <= column < inputs.shape[1] for column in group):
            raise ValueError(f"each group must list columns 0 to {inputs.shape[1] - 1}")
    splines = _splines(inputs)
    intercept = np.ones((len(inputs), 1))
    designs = [
        np.hstack([intercept, splines[:, g[0]]])
        if len(g) == 1
        else _design(inputs[:, list(g)], splines[:, list(g)])
        for g in groups
    ]
    estimates: dict[int, Estimate] = {}
    for width in sorted({d.shape[1] for d in designs}):
        same = [i for i, d in enumerate(designs) if d.shape[1] == width]
        batch = _estimates(np.stack([designs[i] for i in same]), scores)
        estimates.update(zip(same, batch, strict=True))
    return [estimates[i] for i in range(len(groups))]
