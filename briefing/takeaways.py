"""What each exported chart says, in one sentence (its slide title), and how to present it
(its speaker notes: what it shows, how to read it, the caveat)."""

from __future__ import annotations

import numpy as np

from briefing.figures import DEFAULT_PAIR, Figure, map_finding
from briefing.when_frames import strategy_trees
from scoring import DecisionModel, Result
from scoring.leader import headline, join_labels
from scoring.pareto import efficient
from scoring.report import SensitivityReport
from scoring.sensitivity import DecisionMap
from scoring.timeline import timeline

READING = {
    "recommendation_chart": "Options run from the best score down. Each column is one "
    "criterion; its bars, all from zero on one scale, are the points it adds to each option's "
    "score: the option's value on that criterion times the criterion's weight. A row's bars "
    "add up to its score.",
    "tradeoff_heatmap": "Each cell is an option's value on one criterion, from 0 (the worst "
    "option reachable) to 100 (the best). Read across a row for an option's profile.",
    "tradeoff_scatter": "Each point is an option; up and to the right is better on both "
    "criteria. Options that no other option beats on both are the efficient ones.",
    "when_by_year": "Each line is an option (solid) or a strategy (dashed): its score if the "
    "decision is taken now or one to four years later. A line that falls steeply is one that "
    "waiting hurts; where lines cross, waiting changes which comes first.",
    "when_trees": "Each row is one way a strategy can end, headed by the strategy: the bar is "
    "its chance, then its score and when its last attempt starts. A strategy's score is its "
    "branches' scores weighted by their chances.",
    "sens_acceptability": "Each bar splits the plausible draws by the rank the option took. "
    "A long first segment means the option leads whatever the uncertain inputs turn out to be.",
    "sens_tornado": "Each bar moves one assumption to an end of its range, the others as set. "
    "The black line is the margin now; a bar crossing the dashed red line changes the leader.",
    "sens_map": "Each colour is the option that leads at that pair of values; the cross marks "
    "the current settings. Distance from the cross to another colour is how far the inputs "
    "would have to move.",
}
CAVEAT = {
    "recommendation_chart": "The scores rest on judgement as much as on sources: the Method "
    "page counts which numbers are sourced, anchored or judgement.",
    "tradeoff_heatmap": "Values are scaled between the options on the list, so they show "
    "differences between options, not absolute merit.",
    "tradeoff_scatter": "Two criteria only: an option can be inefficient here and still lead "
    "on all criteria together.",
    "when_by_year": "Only the decision year moves; every other assumption stays as set, and "
    "the shelf-life rules behind the decline are stated in the model's data.",
    "when_trees": "The chances of each attempt succeeding are judgement assumptions; the "
    "Sensitivity page shows how far they can move the answer.",
    "sens_acceptability": "The draws cover the declared ranges; a range drawn too narrow would "
    "overstate how sure the answer is.",
    "sens_tornado": "One assumption at a time: two moving together can change the leader "
    "sooner than either alone.",
    "sens_map": "Only two inputs move; everything else is held at its current value.",
}


def _recommendation(result: Result) -> str:
    top = headline(result)
    if top.runner_up_label is None:
        return f"{top.leader_label} is the only option"
    if top.tied:
        return top.statement
    return (
        f"{top.leader_label} leads with {top.score:.1f} points, "
        f"{top.margin:.1f} ahead of {top.runner_up_label}"
    )


def _profile(result: Result, model: DecisionModel) -> str:
    leader = result.option_ids.index(result.ranking[0].option_id)
    values = result.values[leader]
    order = np.argsort(-values, kind="stable")
    best = [model.criteria[n].label for n in order[:2]]
    worst = model.criteria[order[-1]].label
    return f"{result.ranking[0].label} is strongest on {join_labels(best)}, weakest on {worst}"


def _tradeoff(result: Result, model: DecisionModel) -> str:
    columns = [result.criterion_ids.index(c) for c in DEFAULT_PAIR]
    mask = efficient(result.values[:, columns])
    names = [model.options[m].short_label for m in np.flatnonzero(mask)]
    x, y = (model.criterion(c).label for c in DEFAULT_PAIR)
    verb = "is" if len(names) == 1 else "are"
    return f"On {x} and {y}, {join_labels(names)} {verb} not beaten on both"


def _when(result: Result, model: DecisionModel) -> str:
    line = timeline(result.scenario, model)
    first = join_labels([model.option(o).label for o in line.leaders(0)])
    later = next((n for n in range(1, len(line.years)) if line.leaders(n) != line.leaders(0)), None)
    if later is not None:
        others = join_labels([model.option(o).label for o in line.leaders(later)])
        years = line.years[later]
        return f"{first} leads deciding now; {others} if the decision waits {years} year" + (
            "" if years == 1 else "s"
        )
    index = model.option_ids.index(line.leaders(0)[0])
    points = line.cost_of_waiting()[0][index]
    return (
        f"{first} leads deciding now or up to {line.years[-1]} years on; "
        f"a year's wait costs it {points:.1f} points"
    )


def _trees(result: Result, model: DecisionModel) -> str:
    trees = strategy_trees(result.scenario, model)
    best = max(trees, key=lambda tree: tree.score)
    return f"Of {len(trees)} strategies, {best.label} scores best, {best.score:.1f} points"


def _acceptability(report: SensitivityReport) -> str:
    top = report.headline
    return f"{top.leader_label} ranks first in {top.share:.0%} of {report.draws:,} plausible draws"


def _tornado(report: SensitivityReport, model: DecisionModel) -> str:
    tornado = report.tornado
    leader = tornado.leader
    flipping = [bar for bar in tornado.bars if {bar.leader_low, bar.leader_high} != {leader}]
    if not flipping:
        return "No single assumption, moved across its whole range, changes the leader"
    deepest = min(flipping, key=lambda bar: min(bar.margin_low, bar.margin_high))
    return (
        f"{len(flipping)} of {len(tornado.bars)} assumptions can change the leader on their "
        f"own; {model.assumptions[deepest.assumption].label} moves it most"
    )


def chart_takeaways(
    result: Result, report: SensitivityReport, grid: DecisionMap, model: DecisionModel
) -> dict[str, str]:
    """Each pack chart's takeaway, by figure key."""
    return {
        "recommendation_chart": _recommendation(result),
        "tradeoff_heatmap": _profile(result, model),
        "tradeoff_scatter": _tradeoff(result, model),
        "when_by_year": _when(result, model),
        **({"when_trees": _trees(result, model)} if model.strategies else {}),
        "sens_acceptability": _acceptability(report),
        "sens_tornado": _tornado(report, model),
        "sens_map": map_finding(grid, model),
    }


def speaker_notes(figure: Figure, sampling: str | None) -> str:
    """What the chart shows, how to read it and the caveat, as three short paragraphs."""
    caveat = CAVEAT[figure.key]
    if figure.sampled and sampling:
        caveat = f"{caveat} Sampled: {sampling}.".strip()
    parts = [f"What it shows: {figure.description}", f"How to read it: {READING[figure.key]}"]
    return "\n\n".join([*parts, f"Caveat: {caveat}"])
