"""What the decision record keeps about the recommendation at the moment a version is saved."""

from __future__ import annotations

from dataclasses import dataclass

from scoring import DecisionModel, Scenario, default_model, evaluate
from scoring.robustness import AnalysisSettings, SensitivityReport, analyse


@dataclass(frozen=True)
class Record:
    """The leading option, its score and the robustness sentence for one scenario."""

    leader_id: str
    leader_label: str
    leader_score: float
    robustness: str


def record_for(
    scenario: Scenario,
    model: DecisionModel | None = None,
    settings: AnalysisSettings | None = None,
    report: SensitivityReport | None = None,
) -> Record:
    """The recommendation (`evaluate(...).ranking[0]`) and the robustness sentence
    (`analyse(...).summary`) for `scenario`; pass `report` to reuse an analysis already made."""
    model = model or default_model()
    leader = evaluate(scenario, model).ranking[0]
    if report is None and settings is None:
        report = analyse(scenario, model)
    elif report is None:
        report = settings.run(scenario, model)
    return Record(leader.option_id, leader.label, leader.score, report.summary)
