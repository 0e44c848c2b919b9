"""One verdict: is the point leader a clear choice, a leaning or a toss-up, and how does it square
with the robust choice across the stakeholder profiles?

The classification uses three numbers from the robustness report (thresholds in
docs/robustness.md):

* the point margin: the leader's score minus the runner-up's at the settings on screen (points);
* the share of the draws around this scenario in which the leader ranks first;
* the leader's expected regret over those draws: the mean of (best score in the draw minus the
  leader's score), points lost on average by choosing it before the uncertainty resolves.

"clear" needs all of margin >= CLEAR_MARGIN, share >= CLEAR_SHARE and regret <= CLEAR_REGRET;
"toss-up" is a margin below TOSS_UP_MARGIN or a share below TOSS_UP_SHARE; anything else is
"leaning".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from scoring.leader import Headline, join_labels
from scoring.loader import DecisionModel
from scoring.report import SensitivityReport
from scoring.robustness import AnalysisSettings, draw_around
from scoring.scenario import Scenario
from scoring.sensitivity import tornado
from scoring.stakeholders import StakeholderTable, stakeholder_table

Label = Literal["clear", "leaning", "toss-up"]

CLEAR_MARGIN = 3.0  # points
CLEAR_SHARE = 0.75
CLEAR_REGRET = 0.5  # points
TOSS_UP_MARGIN = 1.0  # points
TOSS_UP_SHARE = 0.5


@dataclass(frozen=True)
class Verdict:
    """The classification, the numbers behind it and the reconciling sentence."""

    label: Label
    leader: str  # option id
    margin: float
    share: float
    regret: float
    robust: str  # option id of the minimax-regret choice across the stakeholder profiles
    sentence: str

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.label,
            "leader": self.leader,
            "margin": round(self.margin, 6),
            "share": round(self.share, 6),
            "expected_regret": round(self.regret, 6),
            "robust_choice": self.robust,
            "sentence": self.sentence,
        }


def classify(margin: float, share: float, regret: float) -> Label:
    """ "clear", "leaning" or "toss-up" from the point margin (points), the leader's share of
    first places and its expected regret (points)."""
    if margin < TOSS_UP_MARGIN or share < TOSS_UP_SHARE:
        return "toss-up"
    if margin >= CLEAR_MARGIN and share >= CLEAR_SHARE and regret <= CLEAR_REGRET:
        return "clear"
    return "leaning"


@dataclass(frozen=True)
class VerdictBasis:
    """What the verdict reads: the point leader (option index) and margin (points), the leader's
    share of first places and expected regret (points) over the draws, and the stakeholder
    table."""

    leader: int
    margin: float
    share: float
    regret: float
    stakeholders: StakeholderTable

    @classmethod
    def of(cls, report: SensitivityReport) -> VerdictBasis:
        """The basis as a full robustness report gives it."""
        leader = report.leader
        return cls(
            leader=leader,
            margin=report.headline.margin,
            share=float(report.rank_acceptability[leader, 0]),
            regret=float(report.expected_regret[leader]),
            stakeholders=report.stakeholders,
        )


def verdict_basis(
    scenario: Scenario, model: DecisionModel, settings: AnalysisSettings
) -> VerdictBasis:
    """The same numbers as `VerdictBasis.of(settings.run(scenario, model))`, from the draws around
    the scenario alone (no sensitivity, thresholds or declared-uncertainty draws): about a third
    of the work."""
    around = draw_around(
        scenario,
        model,
        settings.draws,
        settings.seed,
        settings.spread,
        settings.weight_mode,
        settings.band,
        settings.judgement_uncertainty,
    )
    chart = tornado(scenario, model)
    return VerdictBasis(
        leader=chart.leader,
        margin=chart.margin,
        share=float(around.acceptability[chart.leader, 0]),
        regret=float(around.expected_regret[chart.leader]),
        stakeholders=stakeholder_table(scenario, model),
    )


def reconcile(report: SensitivityReport | VerdictBasis, model: DecisionModel) -> str:
    """One sentence in plain words setting the point leader beside the robust choice across the
    profiles: the option whose largest shortfall behind the best option, under any profile,
    is smallest (minimax regret, without the term)."""
    leader, table = report.leader, report.stakeholders
    robust = table.robust
    label = model.options[leader].label
    profiles = len(table.profile_ids)
    if robust == leader:
        return (
            f"{label} is also the robust choice if the priorities are disputed: under each of the "
            f"{profiles} stakeholder profiles it falls at most {table.max_regret[leader]:.1f} "
            "points behind the best option, less than any other option does."
        )
    worst = int(np.argmax(table.regret[:, leader]))
    profile = model.profile(table.profile_ids[worst]).label
    other = model.options[robust].label
    return (
        f"If the priorities set are agreed, {label} stands; if not, {other} is the robust choice: "
        f"under each of the {profiles} stakeholder profiles it falls at most "
        f"{table.max_regret[robust]:.1f} points behind the best option, while {label} falls "
        f"{table.max_regret[leader]:.1f} points behind under the {profile} profile."
    )


def verdict(report: SensitivityReport | VerdictBasis, model: DecisionModel) -> Verdict:
    """The verdict on the point leader of a report (or of its basis, `verdict_basis`)."""
    basis = report if isinstance(report, VerdictBasis) else VerdictBasis.of(report)
    return Verdict(
        label=classify(basis.margin, basis.share, basis.regret),
        leader=model.option_ids[basis.leader],
        margin=basis.margin,
        share=basis.share,
        regret=basis.regret,
        robust=model.option_ids[basis.stakeholders.robust],
        sentence=reconcile(basis, model),
    )


def lead_sentence(report: SensitivityReport, model: DecisionModel) -> str:
    """One sentence that opens the Sensitivity page and the Presenter's robustness step: the
    verdict's word (as the Recommendation's headline gives it), who leads and by how much, how
    often across the draws, and the stakeholders' robust choice."""
    top = report.headline
    call = verdict(report, model)
    if top.tied:
        standing = (
            f"{top.leader_label} is tied with {top.runner_up_label} (within {top.tolerance:g} "
            "points)"
        )
    elif call.label == "toss-up":
        standing = f"Toss-up: {top.leader_label} leads by only {top.margin:.1f} points"
    elif call.label == "clear":
        standing = f"Clear: {top.leader_label} leads by {top.margin:.1f} points"
    else:
        standing = f"Leaning towards {top.leader_label}: it leads by {top.margin:.1f} points"
    robust = report.stakeholders.robust
    profiles = len(report.stakeholders.profile_ids)
    stakeholders = (
        f"it is also the robust choice across the {profiles} stakeholder profiles"
        if robust == report.leader
        else f"the robust choice across the {profiles} stakeholder profiles is "
        f"{model.options[robust].label}"
    )
    return (
        f"{standing} and ranks first in {top.share:.0%} of {report.draws:,} plausible draws; "
        f"{stakeholders}."
    )


def draws_sentence(call: Verdict, draws: int, subject: str = "It") -> str:
    """How often the leader (`subject`) comes first across the plausible draws, in plain words."""
    return (
        f"{subject} comes first in {call.share:.0%} of {draws:,} plausible draws around this "
        "scenario."
    )


def verdict_headline(call: Verdict, top: Headline) -> str:
    """The verdict as the page's first line: the label, the leader and why, in plain words."""
    if top.runner_up_label is None:
        return f"{top.leader_label} is the only option"
    if top.tied:
        return f"Tied: {join_labels(top.first_labels)}, each at {top.score:.1f} of 100 points"
    margin = f"{top.margin:.1f} points"
    if call.label == "clear":
        return f"Clear: {top.leader_label} leads by {margin}"
    if call.label == "toss-up":
        return f"Toss-up: {top.leader_label} and {top.runner_up_label}, {margin} apart"
    if call.margin < CLEAR_MARGIN:
        why = f"a narrow lead of {margin}"
    elif call.share < CLEAR_SHARE:
        why = f"ahead by {margin} but first in only {call.share:.0%} of plausible draws"
    else:
        why = f"ahead by {margin}, but choosing it costs {call.regret:.1f} points on average"
    return f"Leaning towards {top.leader_label}: {why}"
