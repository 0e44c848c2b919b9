"""How a criterion's priority is named as a key: its slider, its URL parameter and its
decision-map axis are all `weight_<criterion id>`."""

from __future__ import annotations

WEIGHT_PREFIX = "weight_"


def weight_key(criterion_id: str) -> str:
    """The key naming a criterion's priority."""
    return WEIGHT_PREFIX + criterion_id


def weight_criterion(key: str) -> str | None:
    """The criterion id a priority key names, or None for any other key."""
    return key.removeprefix(WEIGHT_PREFIX) if key.startswith(WEIGHT_PREFIX) else None
