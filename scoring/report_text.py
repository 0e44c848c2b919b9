"""The robustness report in plain words, for the Recommendation headline, the Sensitivity page
and exports: its headline sentence and the whole summary paragraph."""

from __future__ import annotations

import math
from collections.abc import Mapping

from scoring.leader import join_labels, ordinal
from scoring.loader import DecisionModel
from scoring.report import SensitivityReport
from scoring.units import setting_text

SUMMARY_THRESHOLDS = 2


def _fact_thresholds(report: SensitivityReport, model: DecisionModel) -> list[tuple[float, str]]:
    """(distance as a share of the range, phrase) for each assumption threshold."""
    short = [o.short_label for o in model.options]
    items = []
    for t in report.assumption_thresholds:
        spec = model.assumptions[t.assumption]
        for side, value, taker in (
            ("below", t.below, t.below_leader),
            ("above", t.above, t.above_leader),
        ):
            if value is not None and taker is not None:
                amount = setting_text(value, spec.unit, spec.step / 10)  # a decimal finer
                items.append(
                    (
                        abs(value - t.value) / (spec.max - spec.min),
                        f"{spec.label} {side} {amount} (then {short[taker]} leads)",
                    )
                )
    return sorted(items)


def _priority_thresholds(
    report: SensitivityReport, model: DecisionModel
) -> list[tuple[float, str]]:
    """(distance in weight share, phrase) for each weight threshold."""
    short = [o.short_label for o in model.options]
    items = []
    for w in report.weight_thresholds:
        label = model.criteria[w.criterion].priority_label
        for side, share, taker in (
            ("below", w.below, w.below_leader),
            ("above", w.above, w.above_leader),
        ):
            if share is not None and taker is not None:
                items.append(
                    (
                        abs(share - w.weight),
                        f"{label} {side} {share:.1%} of the total (then {short[taker]} leads)",
                    )
                )
    return sorted(items)


def _draws_described(report: SensitivityReport) -> str:
    if isinstance(report.spread, Mapping):
        assumptions = "assumptions across their ranges, some narrowed"
    elif report.spread == 0:
        assumptions = "assumptions as set"
    elif report.spread == 1:
        assumptions = "assumptions across their full ranges, averaging the values set"
    else:
        assumptions = (
            f"assumptions across {report.spread:.0%} of their ranges, averaging the values set"
        )
    if report.weight_mode == "simplex":
        priorities = "priorities anywhere (no preference information)"
    elif report.band == 0:
        priorities = "priorities as set"
    else:
        priorities = f"priorities within ±{report.band:.0%} of those set"
    judgements = (
        "judgement scores within their declared ranges"
        if report.judgement_uncertainty
        else "judgement scores as stated"
    )
    return f"{assumptions}, {priorities}, {judgements}"


def headline_sentence(report: SensitivityReport) -> str:
    """The summary's first sentence: who leads, by how much, and how often across the draws
    (the shortened robustness line of presentation mode and the Presenter)."""
    top = report.headline
    error = report.acceptability_error[report.leader, 0]
    opening = (
        f"{top.leader_label} and {top.runner_up_label} are tied at the current settings (within "
        f"{top.tolerance:g} points); {top.leader_label} ranks first in "
        if top.tied
        else f"{top.leader_label} leads at the current settings, {top.margin:.1f} points ahead "
        f"of {top.runner_up_label}, and ranks first in "
    )
    return (
        f"{opening}"
        f"{top.share:.0%} of {report.draws:,} plausible draws around this scenario "
        f"({_draws_described(report)}; seed {report.seed}, sampling error ±{100 * error:.1f} "
        "percentage points)."
    )


def declared_sentence(report: SensitivityReport, model: DecisionModel) -> str:
    """The second question: who ranks first when the assumptions are drawn around the declared
    defaults instead of the values set (the priorities as set)."""
    if report.at_defaults:
        return (
            "The assumptions are at their declared defaults, so this is also the answer under "
            "the declared uncertainty."
        )
    labels = [o.label for o in model.options]
    first = report.declared_acceptability[:, 0]
    leader, favourite = report.leader, int(first.argmax())
    sentence = (
        f"Under the declared uncertainty (assumptions drawn around their declared defaults "
        f"instead of the values set), {labels[leader]} ranks first in {first[leader]:.0%}"
    )
    if favourite != leader:
        sentence += f" and {labels[favourite]} most often, in {first[favourite]:.0%}"
    return sentence + "."


def summarise(report: SensitivityReport, model: DecisionModel) -> str:
    """A plain-language robustness paragraph built from the report's numbers."""
    labels = [o.label for o in model.options]
    leader = report.leader
    first = report.rank_acceptability[:, 0]
    sentences = [headline_sentence(report)]
    favourite = int(first.argmax())
    if favourite != leader:
        sentences.append(f"{labels[favourite]} ranks first more often, in {first[favourite]:.0%}.")
    sentences.append(declared_sentence(report, model))
    facts = _fact_thresholds(report, model)[:SUMMARY_THRESHOLDS]
    priorities = _priority_thresholds(report, model)[:SUMMARY_THRESHOLDS]
    if facts or priorities:
        sentences.append("It stays first unless one input alone crosses a threshold.")
    for kind, items in (("assumptions", facts), ("priorities", priorities)):
        if items:
            nearest = "; ".join(text for _, text in items)
            sentences.append(f"Nearest on the {kind}: {nearest}.")
        else:
            sentences.append(f"No single change of the {kind} within their ranges unseats it.")
    if not math.isnan(report.confidence[leader]):
        sentences.append(
            f"Under the average priorities of the draws it wins, it ranks first in "
            f"{report.confidence[leader]:.0%} of the assumption draws (confidence factor)."
        )
    table = report.stakeholders
    profiles = [model.profile(p).label for p in table.profile_ids]
    robust = table.robust
    ranks = join_labels([ordinal(int(r)) for r in table.ranks[:, robust]])
    sentences.append(
        f"Across the {len(profiles)} stakeholder profiles ({join_labels(profiles)}) the robust "
        f"choice, with the smallest worst-case regret ({table.max_regret[robust]:.1f} points), is "
        f"{labels[robust]}, ranked {ranks} under them."
    )
    return " ".join(sentences)
