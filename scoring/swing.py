"""Priorities as swing weights: what moving a criterion across its range is worth.

A priority means nothing until its range is stated, so every priority is shown as a sentence:
"moving <criterion> from <worst> to <best> is worth <share> of all priority".
"""

from __future__ import annotations

from scoring.loader import MONEY_UNIT
from scoring.schemas import Criterion
from scoring.units import setting_text


def swing_span(criterion: Criterion) -> str:
    """'from <worst> to <best>' over the criterion's declared range, with its unit."""
    low, high = criterion.range
    worst, best = (low, high) if criterion.direction == "benefit" else (high, low)
    if criterion.unit == "probability":
        return f"from {worst:.0%} to {best:.0%}"
    if criterion.kind == "judgement":
        return f"from a score of {worst:g} to {best:g}"
    if criterion.unit == MONEY_UNIT:
        return f"from {setting_text(worst, MONEY_UNIT)} to {setting_text(best, MONEY_UNIT)}"
    return f"from {worst:g} to {best:g} {criterion.unit}"


def swing_sentence(criterion: Criterion, share: float) -> str:
    """What the priority weighs, e.g. 'Moving F-35 ... from 0% to 75% is worth 20% of all
    priority.'"""
    measure = criterion.measure or criterion.label
    return f"Moving {measure} {swing_span(criterion)} is worth {share:.0%} of all priority."
