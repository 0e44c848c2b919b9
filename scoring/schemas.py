"""Pydantic schemas for the human-editable files in `data/`.

Each number a policy reader sees carries its basis (sourced, anchored, judgement), the evidence ids
behind it and a sentence of rationale. Cross-file checks (evidence ids exist, defaults inside
ranges, ...) live in `scoring.loader`.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import Strict as StrictMode

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
EVIDENCE_ID_PATTERN = r"^[A-Z][0-9]{1,2}$"
# A number written as text ("10") in a data file is a mistake, not a value.
Number = Annotated[float, StrictMode()]
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Strict(BaseModel):
    """Base for data entries: unknown fields are errors, numbers must be finite."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Basis(StrEnum):
    """How a number is justified."""

    sourced = "sourced"
    anchored = "anchored"
    judgement = "judgement"


class Provenance(Strict):
    """Why a number has the value it has."""

    basis: Basis
    evidence: list[str] = Field(default_factory=list)
    rationale: str = Field(min_length=10)

    @field_validator("evidence")
    @classmethod
    def _evidence_ids(cls, ids: list[str]) -> list[str]:
        for evidence_id in ids:
            if not re.match(EVIDENCE_ID_PATTERN, evidence_id):
                raise ValueError(f"'{evidence_id}' is not an evidence id such as 'A1' or 'J10'")
        return ids

    @model_validator(mode="after")
    def _sourced_needs_evidence(self) -> Provenance:
        if self.basis is not Basis.judgement and not self.evidence:
            raise ValueError(f"basis '{self.basis.value}' needs at least one evidence id")
        return self


class Source(Strict):
    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://\S+$")


class EvidenceStatus(StrEnum):
    confirmed = "confirmed"
    reported = "reported"
    denied = "denied"
    disputed = "disputed"
    derived = "derived"


class Evidence(Strict):
    """One fact, statement or claim from the public record."""

    id: str = Field(pattern=EVIDENCE_ID_PATTERN)
    category: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3, max_length=90)
    summary: str = Field(min_length=10)
    value: str = ""
    date: str
    date_note: str = ""
    status: EvidenceStatus
    confidence: Literal["high", "medium", "low"]
    state_media: bool = False
    sources: list[Source] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        problem = f"'{value}' is not a date written YYYY, YYYY-MM or YYYY-MM-DD"
        if not DATE_PATTERN.match(value):
            raise ValueError(problem)
        parts = [int(part) for part in value.split("-")] + [1, 1]
        try:
            date(parts[0], parts[1], parts[2])
        except ValueError as error:
            raise ValueError(f"{problem} ({error})") from error
        return value


# Assumption groups in display order, with their names on screen and in exports.
ASSUMPTION_GROUPS = {
    "military": "Military",
    "legal": "Legal and sanctions",
    "money": "Money",
    "diplomacy": "Diplomacy",
    "timing": "Timing",
}


class Assumption(Provenance):
    """An uncertain input the user can move, with its plausible range."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=3, max_length=80)
    group: Literal["military", "legal", "money", "diplomacy", "timing"]
    # "choice": set by the decision maker (when to decide), never drawn as an uncertainty.
    kind: Literal["uncertain", "choice"] = "uncertain"
    unit: str = Field(min_length=1)
    default: Number
    min: Number
    max: Number
    step: Number = Field(gt=0)
    range_rationale: str = Field(min_length=10)

    @property
    def whole(self) -> bool:
        """Whether the assumption takes whole numbers only (a year, a count of years)."""
        return all(float(n).is_integer() for n in (self.default, self.min, self.max, self.step))

    @model_validator(mode="after")
    def _range_holds_default(self) -> Assumption:
        if not self.min < self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"default {self.default} lies outside {self.min} to {self.max}")
        if self.step > self.max - self.min:
            raise ValueError(f"step {self.step} is wider than the range {self.min} to {self.max}")
        return self


def _each_once(ids: list[str], verb: str) -> list[str]:
    """`ids` unchanged, or a ValueError naming the first id that appears twice."""
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"'{repeated[0]}' is {verb} more than once")
    return ids


class InformationGroup(Strict):
    """Assumptions one party settles: finding out about one means finding out about them all."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=10)
    assumptions: list[str] = Field(min_length=1)
    rationale: str = Field(min_length=10)

    @field_validator("assumptions")
    @classmethod
    def _distinct(cls, ids: list[str]) -> list[str]:
        return _each_once(ids, "listed")


class Criterion(Strict):
    """What the options are judged on, with its value function's declared range."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=3, max_length=60)  # named for what is good
    measure: str | None = None  # what the performance number is, where the label is not it
    priority_label: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=10)
    kind: Literal["computed", "judgement"]
    unit: str = Field(min_length=1)
    direction: Literal["benefit", "cost"]
    range: tuple[Number, Number]
    range_provenance: Provenance
    default_weight: Number = Field(ge=0)
    weight_provenance: Provenance

    @model_validator(mode="after")
    def _range_ordered(self) -> Criterion:
        low, high = self.range
        if not low < high:
            raise ValueError(f"range low ({low}) must be below high ({high})")
        return self


class OptionParameter(Provenance):
    """A per-option number used by a formula (readiness, provocation, ...)."""

    value: Number


class JudgementScore(Provenance):
    """An analyst's 0-100 score of one option on one qualitative criterion, with the range
    analysts could defend (`low` to `high`) that the uncertainty analysis draws it from."""

    score: Number = Field(ge=0, le=100)
    low: Number = Field(ge=0, le=100)
    high: Number = Field(ge=0, le=100)
    range_rationale: str = Field(min_length=10)

    @model_validator(mode="after")
    def _range_holds_score(self) -> JudgementScore:
        if not self.low <= self.score <= self.high:
            raise ValueError(f"score {self.score} lies outside low {self.low} to high {self.high}")
        if self.low < self.high and self.score in (self.low, self.high):
            raise ValueError(
                f"score {self.score} sits at an end of {self.low} to {self.high}: draws cannot "
                "average it there; widen the range past the score or set low = high = score"
            )
        return self


class OptionParameters(Strict):
    """The per-option numbers the formulas in `scoring.formulas` read."""

    readiness: OptionParameter = Field(title="Readiness (share of full air-defence capability)")
    maintenance_exposure: OptionParameter = Field(
        title="Exposure to Russian servicing (0 none, 1 full)"
    )
    holding_cost_multiplier: OptionParameter = Field(title="Holding cost (times plain storage)")
    disposal_cost_bn_usd: OptionParameter = Field(title="Cost of carrying it out (US$ bn)")
    russia_objection: OptionParameter = Field(title="How strongly Moscow objects (0-1)")
    readmission_credit: OptionParameter = Field(title="F-35 readmission credit of this route (0-1)")


class Option(Strict):
    """One way Turkey could dispose of (or keep) the S-400s."""

    id: str = Field(pattern=ID_PATTERN)
    order: int = Field(ge=0)
    label: str = Field(min_length=3, max_length=60)
    short_label: str = Field(min_length=2, max_length=24)
    summary: str = Field(min_length=10)
    divests: bool
    activates: bool = False
    # The course Turkey is on if it decides nothing: what waiting means, and the yardstick for
    # whether another option is still worth taking (the When page).
    status_quo: bool = False
    readmission: Literal["none", "retained", "divested"]
    success_assumption: str | None = None
    price_assumption: str | None = None
    russia_consent_assumption: str | None = None
    transaction_sanction_assumption: str | None = None
    parameters: OptionParameters
    scores: dict[str, JudgementScore] = Field(default_factory=dict)


class Strategy(Strict):
    """An ordered list of options to attempt: each one Turkey cannot carry out alone may fail,
    and then the next is tried, one attempt's duration later."""

    id: str = Field(pattern=ID_PATTERN)
    order: int = Field(ge=0)
    label: str = Field(min_length=3, max_length=60)
    short_label: str = Field(min_length=2, max_length=28)
    summary: str = Field(min_length=10)
    attempts: list[str] = Field(min_length=2)
    rationale: str = Field(min_length=10)

    @field_validator("attempts")
    @classmethod
    def _distinct(cls, ids: list[str]) -> list[str]:
        return _each_once(ids, "attempted")


class Constant(Provenance):
    """A fixed model number shown on the Method page (not a slider)."""

    label: str = Field(min_length=3)
    value: Number
    unit: str


class ModelConstants(Strict):
    base_year: Constant
    horizon_years: Constant
    post_siper_coverage_weight: Constant
    acquisition_cost_bn_usd: Constant
    f35_payment_bn_usd: Constant
    tie_tolerance: Constant


class ModelInfo(Strict):
    name: str
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    constants: ModelConstants


class Preset(Strict):
    """A named scenario shipped with the tool."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=10)
    assumptions: dict[str, Number] = Field(default_factory=dict)
    weights: dict[str, Number] = Field(default_factory=dict)


class Profile(Provenance):
    """A stakeholder's full set of priorities: one raw weight per criterion, with its basis."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=3, max_length=60)
    short_label: str = Field(min_length=2, max_length=16)  # a table column's header
    description: str = Field(min_length=10)
    weights: dict[str, Number] = Field(min_length=1)
