"""What each computed criterion can reach: the extremes over every option and every corner of the
assumption ranges.

Every formula in `scoring.formulas` is monotone in each assumption taken alone, so its extremes
over the box of assumption ranges lie at the box's corners. A declared criterion range should
span these extremes and little more: a wider range silently shrinks the criterion's weight.
Strategies mix option outcomes, some decided later than the latest decision year a user can set:
a strategy's last fallback starts up to (attempts - 1) x the longest attempt after it. The box
reaches that far, so no strategy's outcome falls outside a declared range.
"""

from __future__ import annotations

import numpy as np

from scoring.arrays import model_arrays
from scoring.formulas import ATTEMPT_DURATION, DELAY, FORMULAS, Draws
from scoring.loader import DecisionModel

CHUNK = 65536


def reachable_ranges(model: DecisionModel) -> dict[str, tuple[float, float]]:
    """criterion id -> (lowest, highest) performance any option reaches within the assumptions."""
    arrays = model_arrays(model)
    ends = np.stack([arrays.lower, arrays.upper])  # (2, A)
    longest = max((len(s.attempts) for s in model.strategies), default=1)
    index = arrays.assumption_index
    ends[1, index[DELAY]] += (longest - 1) * arrays.upper[index[ATTEMPT_DURATION]]
    low = {criterion_id: np.inf for criterion_id in FORMULAS}
    high = {criterion_id: -np.inf for criterion_id in FORMULAS}
    columns = np.arange(len(arrays.assumption_ids))
    for start in range(0, 2 ** len(columns), CHUNK):
        corner = np.arange(start, min(start + CHUNK, 2 ** len(columns)))
        upper_end = (corner[:, None] >> columns) & 1  # bit a of corner k: assumption a at its top
        draws = Draws(ends[upper_end, columns], arrays)
        for criterion_id, formula in FORMULAS.items():
            table = formula(draws)
            low[criterion_id] = min(low[criterion_id], float(table.min()))
            high[criterion_id] = max(high[criterion_id], float(table.max()))
    return {criterion_id: (low[criterion_id], high[criterion_id]) for criterion_id in FORMULAS}
