"""Scenarios saved under model 1.x, read by model 2.0: what changed and how their values map.

Model 1.x scenarios are recognised by the `autonomy` priority, which every complete 1.x scenario
carries and 2.0 no longer has. Their values keep their meaning where the model allows it:

- `autonomy` was scored as bargaining leverage, so its priority becomes `leverage`;
- priorities set against the 1.x criterion ranges are rescaled to the 2.0 ranges, so each weighs
  the same trade-off per unit as before (the 1.x default 24 on F-35 becomes the 2.0 default 18);
- assumptions and criteria new in 2.0 take their defaults, as in any scenario that omits them.

The change of meaning of `keep_storage` cannot be mapped, so it is stated in a notice.
"""

from __future__ import annotations

import math
from typing import Any

from scoring.loader import DecisionModel

LEGACY_CRITERION = "autonomy"
RENAMED = {"autonomy": "leverage"}
# Declared ranges of model 1.x where 2.0 narrowed them to what the options can reach.
RANGES_1X = {
    "f35_prospects": (0.0, 1.0),
    "sanctions_exposure": (0.0, 1.0),
    "net_financial": (-1.5, 2.5),
    "russia_risk": (0.0, 0.7),
}
KEEP_STORAGE_NOTICE = (
    "This scenario was saved under model 1.x and has been read by model 2.0. 'Keep in storage' "
    "(keep_storage) now means stored without Russian servicing: no servicing sanction risk, and "
    "the interceptors run down their unserviced shelf life. The 1.x status quo, kept serviceable "
    "by Russian technicians, is the new option 'Keep stored, serviced by Russia' (keep_serviced)."
)


def is_legacy(data: Any, model: DecisionModel) -> bool:
    """Whether `data` is a model 1.x scenario this model no longer reads as it stands."""
    weights = data.get("weights") if isinstance(data, dict) else None
    return (
        isinstance(weights, dict)
        and LEGACY_CRITERION in weights
        and LEGACY_CRITERION not in model.criterion_ids
        and not set(RENAMED.values()) & set(weights)
    )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _rescaled(criterion_id: str, weight: Any, model: DecisionModel) -> Any:
    if criterion_id not in RANGES_1X or not _number(weight):
        return weight
    old_low, old_high = RANGES_1X[criterion_id]
    new_low, new_high = model.criterion(criterion_id).range
    return round(weight * (new_high - new_low) / (old_high - old_low))


def upgrade(data: dict[str, Any], model: DecisionModel) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A 1.x scenario's data as 2.0 reads it, with the notices to show; other data unchanged."""
    if not is_legacy(data, model):
        return data, ()
    weights = {
        RENAMED.get(key, key): _rescaled(key, value, model)
        for key, value in data["weights"].items()
    }
    changed = [
        f"{key} {data['weights'][key]:g} -> {weights[key]:g}"
        for key in RANGES_1X
        if key in weights and _number(data["weights"][key]) and weights[key] != data["weights"][key]
    ]
    rescaled = (
        f" Priorities set against the 1.x ranges were rescaled to the ranges the options can reach "
        f"so they weigh the same trade-offs ({', '.join(changed)})."
        if changed
        else ""
    )
    mapping = (
        "Its 'autonomy' priority measured bargaining leverage and now sets 'leverage'; the new "
        "criterion 'industrial_autonomy' and the assumptions new in 2.0 take their defaults."
        + rescaled
    )
    return {**data, "weights": weights}, (KEEP_STORAGE_NOTICE, mapping)
