"""What the answer rests on: which single modelling choices change the leader.

Each candidate change moves one thing away from the baseline: an assumption to an end of its
range, a priority halved or doubled, a per-option parameter or a judgement score to a plausible
alternative. Every change that hands first place to another option is reported, with how often
that option ranks first across seeded plausible draws around the changed model. A fixed list of
named changes (the ones a sceptic asks about first) is always reported, whether or not it flips
the leader.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from scoring import sampling, uncertainty
from scoring.engine import evaluate, evaluate_scores
from scoring.leader import headline
from scoring.loader import DecisionModel
from scoring.scenario import Scenario
from scoring.units import number_text, setting_text

DRAWS = 4_000
SEED = 2026
# Per-option parameters tried, with the options they are a real choice for: readiness and
# servicing for options that keep the system (0 and 1), Moscow's objection for all (0 and 1), the
# readmission credit for divesting routes (half credit).
KEPT_PARAMETERS = ("readiness", "maintenance_exposure")
HALF_CREDIT = 0.5
SCORE_STEP = 25.0  # a judgement score moved by a quarter of its scale either way


@dataclass(frozen=True)
class Change:
    """One modelling choice moved away from the baseline."""

    kind: str  # assumption, priority, option parameter, judgement score
    description: str
    scenario: Scenario
    model: DecisionModel


@dataclass(frozen=True)
class Outcome:
    """What a change does to first place."""

    change: Change
    leader_ids: tuple[str, ...]  # every option sharing first place after the change
    statement: str  # the recommendation in words after the change
    shares: dict[str, float]  # option id -> share of draws in which it ranks first


@dataclass(frozen=True)
class RestsOn:
    """The baseline, the changes that move first place, and the named changes."""

    baseline: Outcome
    flips: tuple[Outcome, ...]
    named: tuple[Outcome, ...]


def first_shares(scenario: Scenario, model: DecisionModel) -> dict[str, float]:
    """Share of seeded plausible draws (the robustness defaults) in which each option ranks
    first."""
    assumptions, rng = sampling.seeded_assumption_draws(scenario, model, DRAWS, SEED)
    weights = sampling.draw_weights(scenario, model, DRAWS, rng)
    scored = evaluate_scores(assumptions, weights, model, keep_values=True)
    first = uncertainty.rank_acceptability(scored.values, scored.weights)[:, 0]
    return {
        option_id: float(share) for option_id, share in zip(model.option_ids, first, strict=True)
    }


def with_parameter(model: DecisionModel, option_id: str, name: str, value: float) -> DecisionModel:
    """`model` with one option's parameter set to `value`."""
    return _with_option(model, option_id, parameters={name: value})


def with_score(
    model: DecisionModel, option_id: str, criterion_id: str, score: float
) -> DecisionModel:
    """`model` with one option's judgement score set to `score`."""
    return _with_option(model, option_id, scores={criterion_id: score})


def _with_option(
    model: DecisionModel,
    option_id: str,
    parameters: dict[str, float] | None = None,
    scores: dict[str, float] | None = None,
) -> DecisionModel:
    options = []
    for option in model.direct_options:
        if option.id == option_id:
            new_parameters = option.parameters.model_copy(
                update={
                    name: getattr(option.parameters, name).model_copy(update={"value": value})
                    for name, value in (parameters or {}).items()
                }
            )
            new_scores = {
                **option.scores,
                **{
                    c: option.scores[c].model_copy(update={"score": s})
                    for c, s in (scores or {}).items()
                },
            }
            option = option.model_copy(update={"parameters": new_parameters, "scores": new_scores})
        options.append(option)
    return dataclasses.replace(model, direct_options=tuple(options))


def _with_assumption(
    scenario: Scenario, model: DecisionModel, assumption_id: str, value: float
) -> Scenario:
    return Scenario.build(
        {
            "name": scenario.name,
            "assumptions": {**scenario.assumptions, assumption_id: value},
            "weights": scenario.weights,
        },
        model,
    )


def _with_weight(
    scenario: Scenario, model: DecisionModel, criterion_id: str, weight: float
) -> Scenario:
    return Scenario.build(
        {
            "name": scenario.name,
            "assumptions": scenario.assumptions,
            "weights": {**scenario.weights, criterion_id: weight},
        },
        model,
    )


def candidate_changes(scenario: Scenario, model: DecisionModel) -> Iterator[Change]:
    """Every single change the scan tries, in a fixed order."""
    for spec in model.assumptions:
        for end in (spec.min, spec.max):
            if end != scenario.assumptions[spec.id]:
                yield Change(
                    "assumption",
                    f"{spec.label}: {number_text(scenario.assumptions[spec.id], spec.unit)} -> "
                    + setting_text(end, spec.unit),
                    _with_assumption(scenario, model, spec.id, end),
                    model,
                )
    for criterion in model.criteria:
        weight = scenario.weights[criterion.id]
        for new in (round(weight / 2), min(100, round(weight * 2))):
            if new != weight and weight > 0:
                yield Change(
                    "priority",
                    f"{criterion.priority_label}: {weight:g} -> {new:g}",
                    _with_weight(scenario, model, criterion.id, new),
                    model,
                )
    for option in model.direct_options:
        trials = [] if option.divests else [(n, (0.0, 1.0)) for n in KEPT_PARAMETERS]
        trials.append(("russia_objection", (0.0, 1.0)))
        if option.divests:
            trials.append(("readmission_credit", (HALF_CREDIT,)))
        for name, alternatives in trials:
            current = getattr(option.parameters, name).value
            for new in alternatives:
                if new != current:
                    yield Change(
                        "option parameter",
                        f"{option.short_label}: {name.replace('_', ' ')} {current:g} -> {new:g}",
                        scenario,
                        with_parameter(model, option.id, name, new),
                    )
        for criterion_id, judged in option.scores.items():
            for new in (judged.score - SCORE_STEP, judged.score + SCORE_STEP):
                new = min(100.0, max(0.0, new))
                if new != judged.score:
                    label = model.criterion(criterion_id).label.lower()
                    yield Change(
                        "judgement score",
                        f"{option.short_label}: {label} score {judged.score:g} -> {new:g}",
                        scenario,
                        with_score(model, option.id, criterion_id, new),
                    )


def named_changes(scenario: Scenario, model: DecisionModel) -> tuple[Change, ...]:
    """The single changes the model 1.x audit tabled, restated for model 2.0."""
    f35 = scenario.weights["f35_prospects"]
    reversibility = scenario.weights["reversibility"]
    return (
        Change(
            "option parameter",
            "Keep stored: serviced by Russian technicians after all (servicing exposure 0 -> 1)",
            scenario,
            with_parameter(model, "keep_storage", "maintenance_exposure", 1.0),
        ),
        Change(
            "option parameter",
            "Keep stored: readiness 0.5 -> 1 (ready in about 12 hours counts as ready)",
            scenario,
            with_parameter(model, "keep_storage", "readiness", 1.0),
        ),
        Change(
            "priority",
            f"Option-value priority: {reversibility:g} -> {reversibility + 4:g}",
            _with_weight(scenario, model, "reversibility", reversibility + 4),
            model,
        ),
        Change(
            "priority",
            f"F-35 priority: {f35:g} -> {round(f35 * 0.75):g} (a quarter less)",
            _with_weight(scenario, model, "f35_prospects", round(f35 * 0.75)),
            model,
        ),
    )


def _outcome(change: Change, shares: dict[str, float] | None = None) -> Outcome:
    result = evaluate(change.scenario, change.model)
    top = headline(result)
    leaders = tuple(entry.option_id for entry in result.ranking if entry.rank == 1)
    return Outcome(
        change, leaders, top.statement, shares or first_shares(change.scenario, change.model)
    )


def what_it_rests_on(scenario: Scenario, model: DecisionModel) -> RestsOn:
    """The baseline outcome, every single change that moves first place, and the named changes."""
    baseline = _outcome(Change("baseline", "Baseline", scenario, model))
    flips = []
    for change in candidate_changes(scenario, model):
        result = evaluate(change.scenario, change.model)
        leaders = tuple(entry.option_id for entry in result.ranking if entry.rank == 1)
        if leaders != baseline.leader_ids:
            flips.append(_outcome(change))
    named = tuple(_outcome(change) for change in named_changes(scenario, model))
    return RestsOn(baseline, tuple(flips), named)


def _leader_cell(outcome: Outcome, model: DecisionModel) -> str:
    labels = [model.option(option_id).short_label for option_id in outcome.leader_ids]
    return " = ".join(labels) + (" (tied)" if len(labels) > 1 else "")


def _share_cell(outcome: Outcome, model: DecisionModel) -> str:
    return ", ".join(
        f"{model.option(option_id).short_label} {outcome.shares[option_id]:.0%}"
        for option_id in outcome.leader_ids
    )


def rests_on_markdown(found: RestsOn, model: DecisionModel) -> str:
    """The baseline and both tables as Markdown (docs/model.md, `python -m scoring describe`)."""
    base = found.baseline
    shares = sorted(base.shares.items(), key=lambda item: -item[1])
    lines = [
        f"Baseline: {base.statement}. First place across {DRAWS:,} plausible draws (seed {SEED}, "
        "assumptions triangular over their full ranges, priorities within ±25%): "
        + ", ".join(f"{model.option(o).short_label} {s:.0%}" for o, s in shares if s >= 0.005)
        + ".",
        "",
        "Changes a sceptic asks about first:",
        "",
        "| single change | leader after it | leader first in | Keep stored first in |",
        "| --- | --- | --- | --- |",
    ]
    for outcome in found.named:
        lines.append(
            f"| {outcome.change.description} | {_leader_cell(outcome, model)} "
            f"| {_share_cell(outcome, model)} | {outcome.shares['keep_storage']:.0%} of draws |"
        )
    lines += [
        "",
        f"Single modelling choices that change the leader ({len(found.flips)} of the changes "
        "tried: every assumption at each end of its range, every priority halved and doubled, "
        "readiness and servicing of each option that keeps the system at 0 and 1, Moscow's "
        "objection to each option at 0 and 1, half readmission credit for each divesting route, "
        "every judgement score 25 points either way):",
        "",
        "| kind | single change | leader after it | leader first in |",
        "| --- | --- | --- | --- |",
    ]
    for outcome in found.flips:
        lines.append(
            f"| {outcome.change.kind} | {outcome.change.description} "
            f"| {_leader_cell(outcome, model)} | {_share_cell(outcome, model)} of draws |"
        )
    return "\n".join(lines)
