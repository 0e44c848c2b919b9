"""The user's scenario: a name, notes, assumption values and priorities (weights).

Validated against a `DecisionModel`: unknown ids, out-of-range values, wrong types and all-zero
weights are rejected with a message naming the field and what is allowed. Missing values take the
model's defaults, so a validated scenario is always complete.
"""

from __future__ import annotations

import difflib
import json
import math
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from scoring.loader import DecisionModel, default_model
from scoring.migration import upgrade
from scoring.schemas import Assumption
from scoring.text import text_problem

SCHEMA_VERSION = 1
# What the defaults are: the analysts' reading of the evidence, mostly judgement (not "sourced").
BASELINE_NAME = "Analysts' baseline"
NAME_LIMIT = 120
MAX_SCENARIO_MB = 1  # the file uploader's limit too: one figure on screen
MAX_SCENARIO_BYTES = MAX_SCENARIO_MB * 1024 * 1024
WEIGHT_RANGE = (0, 100)  # priorities are whole numbers on the sliders' 0-100 scale
Number = Annotated[float, Strict()]


class ScenarioError(ValueError):
    """A user-supplied scenario cannot be used; the message is one plain line."""


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
    name: str = Field(default=BASELINE_NAME, min_length=1, max_length=NAME_LIMIT)
    notes: str = Field(default="", max_length=10_000)
    assumptions: dict[str, Number] = Field(default_factory=dict)
    weights: dict[str, Number] = Field(default_factory=dict)
    # Set only by the loader, for a scenario saved under an older model; never saved or exported.
    upgrade_notices: tuple[str, ...] = Field(default=(), exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _check_and_complete(cls, data: Any, info: ValidationInfo) -> Any:
        """Check every id, type and range against the model, then fill in its defaults."""
        if not isinstance(data, dict):
            return data
        model = _model_from(info.context)
        saved = [name for name in cls.model_fields if name != "upgrade_notices"]
        for field in data:
            if field not in saved:
                raise ValueError(f"{field}: unknown field; a scenario has {', '.join(saved)}")
        data, notices = upgrade(data, model)
        assumptions = _mapping(data.get("assumptions", {}), "assumptions", "assumption ids")
        weights = _mapping(data.get("weights", {}), "weights", "criterion ids")
        for assumption_id, value in assumptions.items():
            if assumption_id not in model.assumption_ids:
                raise ValueError(
                    f"assumptions: {_unknown('assumption', assumption_id, model.assumption_ids)}"
                )
            problem = assumption_problem(model.assumption(assumption_id), value)
            if problem:
                raise ValueError(f"assumptions.{assumption_id}: {problem}")
        for criterion_id, weight in weights.items():
            if criterion_id not in model.criterion_ids:
                raise ValueError(
                    f"weights: {_unknown('criterion', criterion_id, model.criterion_ids)}"
                )
            problem = weight_problem(weight)
            if problem:
                raise ValueError(f"weights.{criterion_id}: {problem}")
        complete_weights = {c.id: weights.get(c.id, c.default_weight) for c in model.criteria}
        if sum(complete_weights.values()) <= 0:
            raise ValueError("weights: all weights are zero; set at least one above zero")
        return {
            **data,
            "assumptions": {a.id: assumptions.get(a.id, a.default) for a in model.assumptions},
            "weights": complete_weights,
            "upgrade_notices": notices,
        }

    @field_validator("name", "notes")
    @classmethod
    def _plain_text(cls, text: str, info: ValidationInfo) -> str:
        """Names and notes are text anyone may be shown: see `scoring.text`."""
        problem = text_problem(text, multiline=info.field_name == "notes")
        if problem:
            raise ValueError(problem)
        if info.field_name == "name" and not text.strip():
            raise ValueError("is blank; give at least one visible character")
        return text

    @classmethod
    def build(cls, data: Any = None, model: DecisionModel | None = None) -> Scenario:
        """Validate a dict (or an empty one) against `model`, filling in its defaults."""
        return cls.model_validate(data or {}, context={"model": model})

    @classmethod
    def from_json(cls, text: str | bytes, model: DecisionModel | None = None) -> Scenario:
        """Parse a user-supplied JSON scenario; any problem raises `ScenarioError`.

        The size limit, the JSON syntax, the schema version and every value are checked before
        anything is returned, so a caller never applies half a file.
        """
        size = len(text.encode("utf-8") if isinstance(text, str) else text)
        if size > MAX_SCENARIO_BYTES:
            raise ScenarioError(
                f"the file is {size:,} bytes; a scenario may be at most "
                f"{MAX_SCENARIO_BYTES:,} bytes ({MAX_SCENARIO_MB} MB)"
            )
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ScenarioError(f"not valid JSON ({error})") from error
        except RecursionError as error:
            raise ScenarioError("not a scenario: the JSON is nested far too deep") from error
        except ValueError as error:  # e.g. an integer of thousands of digits
            raise ScenarioError(f"not a scenario: {error}") from error
        if not isinstance(data, dict):
            raise ScenarioError("a scenario must be a JSON object with name, assumptions, weights")
        if "schema_version" not in data:
            raise ScenarioError(f"schema_version is missing; this version reads {SCHEMA_VERSION}")
        version = data["schema_version"]
        if type(version) is not int or version != SCHEMA_VERSION:
            raise ScenarioError(
                f"schema_version {version!r} is not supported; this version reads {SCHEMA_VERSION}"
            )
        try:
            return cls.model_validate(data, context={"model": model})
        except ValidationError as error:
            raise ScenarioError(describe_validation_error(error)) from error

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


def _mapping(value: Any, field: str, keys: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{field}: must be an object mapping {keys} to numbers")
    return value


def _number_problem(value: Any) -> str | None:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number or not math.isfinite(value):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
        return f"{shown} is not a number"
    return None


def assumption_problem(spec: Assumption, value: Any) -> str | None:
    """Why `value` cannot be `spec`'s value, or None. The one rule for every door: files,
    links, the command line, the scenario library and the sliders."""
    whole = " whole numbers" if spec.whole else ""
    allowed = f"allowed{whole} {_format(spec.min)} to {_format(spec.max)} {spec.unit}"
    problem = _number_problem(value)
    if problem is None and not spec.min <= value <= spec.max:
        problem = f"{_format(value)} is out of range"
    if problem is None and spec.whole and not float(value).is_integer():
        problem = f"{_format(value)} is not a whole number"
    return f"{problem}; {allowed}" if problem else None


def weight_problem(value: Any) -> str | None:
    """Why `value` cannot be a priority, or None: a whole number from 0 to 100 (the sliders'
    scale; only the proportions between priorities matter)."""
    low, high = WEIGHT_RANGE
    allowed = f"allowed whole numbers {low} to {high}"
    problem = _number_problem(value)
    if problem is None and not low <= value <= high:
        problem = f"{_format(value)} is out of range"
    if problem is None and not float(value).is_integer():
        problem = f"{_format(value)} is not a whole number"
    return f"{problem}; {allowed}" if problem else None


def _model_from(context: Any) -> DecisionModel:
    if isinstance(context, dict) and context.get("model") is not None:
        return context["model"]
    return default_model()
