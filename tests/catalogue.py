"""Every catalogue figure of one scenario, by key, for tests that check them all."""

from __future__ import annotations

from briefing import figures
from briefing.figures import Figure
from briefing.when_frames import strategy_trees
from scoring import DecisionModel, Scenario, evaluate
from scoring.robustness import analyse
from scoring.sensitivity import DEFAULT_MAP_AXES, decision_map
from scoring.strategy_tree import strategy_tree
from scoring.timeline import timeline


def catalogue(scenario: Scenario, model: DecisionModel, draws: int, seed: int) -> dict[str, Figure]:
    """The figures the pages and exports draw (the first strategy's tree alone), by key."""
    result = evaluate(scenario, model)
    report = analyse(scenario, model, draws=draws, seed=seed)
    built = (
        figures.recommendation(result, model),
        figures.value_heatmap(result, model),
        figures.tradeoff(result, model),
        figures.acceptability(report, model),
        figures.tornado(report, model),
        figures.decision_map(decision_map(scenario, model, *DEFAULT_MAP_AXES), model),
        figures.score_by_year(timeline(scenario, model)),
        figures.strategy_tree(strategy_tree(scenario, model, model.strategies[0].id), model),
        figures.strategy_trees(strategy_trees(scenario, model), model),
    )
    return {figure.key: figure for figure in built}
