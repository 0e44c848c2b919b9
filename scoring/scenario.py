"""The user's scenario: a name, notes, assumption values and priorities (weights).

Validated against a `DecisionModel`: unknown ids, out-of-range values, wrong types and all-zero
weights are rejected with a message naming the field and what is allowed. Missing values take the
model's defaults, so a validated scenario is always complete.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from scoring.loader import DecisionModel, default_model

SCHEMA_VERSION = 1
Number = Annotated[float, Strict()]


def describe_validation_error(error: ValidationError) -> str:
    """One plain line for the first problem in a pydantic error: 'field: what is wrong'."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    location = ".".join(str(part) for part in first["loc"])
    return f"{location}: {message}" if location else message


def _unknown(kind: str, given: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(given, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known ids: {', '.join(known)}"
    return f"unknown {kind} '{given}'{hint}"


def _format(value: float) -> str:
    return f"{value:g}"


class Scenario(BaseModel):
    """A complete, validated set of assumptions and weights for one evaluation."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=False)

    schema_version: Literal[1] = SCHEMA_VERSION
    name: str = Field(default="Sourced baseline", min_length=1, max_length=120)
    notes: str = Field(default="", max_length=10_000)
    assumptions: dict[str, Number] = Field(default_factory=dict)
    weights: dict[str, Number] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete_against_model(self, info: ValidationInfo) -> Scenario:
        model = _model_from(info.context)
        for assumption_id, value in self.assumptions.items():
            if assumption_id not in model.assumption_ids:
                raise ValueError(
                    f"assumptions: {_unknown('assumption', assumption_id, model.assumption_ids)}"
                )
            spec = model.assumption(assumption_id)
            if not spec.min <= value <= spec.max:
                raise ValueError(
                    f"assumptions.{assumption_id}: {_format(value)} is out of range; "
                    f"allowed {_format(spec.min)} to {_format(spec.max)} {spec.unit}"
                )
        for criterion_id, weight in self.weights.items():
            if criterion_id not in model.criterion_ids:
                raise ValueError(
                    f"weights: {_unknown('criterion', criterion_id, model.criterion_ids)}"
                )
            if weight < 0:
                raise ValueError(
                    f"weights.{criterion_id}: {_format(weight)} is negative; "
                    "allowed any number of 0 or more"
                )
        self.assumptions = {
            a.id: float(self.assumptions.get(a.id, a.default)) for a in model.assumptions
        }
        self.weights = {
            c.id: float(self.weights.get(c.id, c.default_weight)) for c in model.criteria
        }
        if sum(self.weights.values()) <= 0:
            raise ValueError("weights: all weights are zero; set at least one above zero")
        return self

    @classmethod
    def build(cls, data: Any = None, model: DecisionModel | None = None) -> Scenario:
        """Validate a dict (or an empty one) against `model`, filling in its defaults."""
        return cls.model_validate(data or {}, context={"model": model})

    @classmethod
    def from_json(cls, text: str | bytes, model: DecisionModel | None = None) -> Scenario:
        """Parse and validate a scenario saved as JSON."""
        return cls.model_validate_json(text, context={"model": model})

    @classmethod
    def from_preset(cls, preset_id: str, model: DecisionModel | None = None) -> Scenario:
        """The named preset from `data/presets.toml`, completed with defaults."""
        model = model or default_model()
        preset = model.preset(preset_id)
        return cls.build(
            {"name": preset.label, "assumptions": preset.assumptions, "weights": preset.weights},
            model,
        )

    def assumption_vector(self, model: DecisionModel) -> np.ndarray:
        """Assumption values (A,) in the model's order."""
        return np.array([self.assumptions[a] for a in model.assumption_ids])

    def weight_vector(self, model: DecisionModel) -> np.ndarray:
        """Raw weights (N,) in the model's criterion order."""
        return np.array([self.weights[c] for c in model.criterion_ids])


def _model_from(context: Any) -> DecisionModel:
    if isinstance(context, dict) and context.get("model") is not None:
        return context["model"]
    return default_model()
