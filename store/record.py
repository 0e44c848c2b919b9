"""What the decision record keeps about the recommendation at the moment a version is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, cast

from scoring import DecisionModel, Scenario, default_model, evaluate
from scoring.robustness import SensitivityReport, analyse
from scoring.sampling import WeightMode


@dataclass(frozen=True)
class Record:
    """The leading option, its score and the robustness sentence for one scenario."""

    leader_id: str
    leader_label: str
    leader_score: float
    robustness: str


class DrawSettings(Protocol):
    """How the robustness draws are made (`components.settings.AnalysisSettings` fits)."""

    @property
    def draws(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def spread(self) -> float: ...
    @property
    def weight_mode(self) -> str: ...
    @property
    def band(self) -> float: ...


def record_for(
    scenario: Scenario,
    model: DecisionModel | None = None,
    settings: DrawSettings | None = None,
    report: SensitivityReport | None = None,
) -> Record:
    """The recommendation (`evaluate(...).ranking[0]`) and the robustness sentence
    (`analyse(...).summary`) for `scenario`; pass `report` to reuse an analysis already made."""
    model = model or default_model()
    leader = evaluate(scenario, model).ranking[0]
    if report is None and settings is None:
        report = analyse(scenario, model)
    elif report is None:
        report = analyse(
            scenario,
            model,
            draws=settings.draws,
            seed=settings.seed,
            spread=settings.spread,
            weight_mode=cast(WeightMode, settings.weight_mode),
            band=settings.band,
        )
    return Record(leader.option_id, leader.label, leader.score, report.summary)
