"""Tidy DataFrames for the "When" view: scores by decision year, the waiting table and a
strategy's tree (no Streamlit)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from briefing.theme import OPTION_COLOURS
from scoring import DecisionModel
from scoring.leader import join_labels
from scoring.scenario import Scenario
from scoring.strategy_tree import Branch, Tree, strategy_tree
from scoring.timeline import Timeline

OPTION_KIND, STRATEGY_KIND = "Option", "Strategy"
# End labels closer than one line apart are pushed down: a line of label text is about this
# share of the score chart's plot height (briefing.when_charts.YEAR_CHART_HEIGHT less its axes).
LABEL_LINE_SHARE = 16 / 260
FAILED_ENDING = "Last attempt failed"
FAILED_COLOUR = "#767676"  # neutral grey, 4.5:1 on white: no option's colour
MIN_SPAN = 10.0  # points: the smallest score span the chart's axis shows


def kinds(model: DecisionModel) -> list[str]:
    """Per option in model order: a direct option or a strategy."""
    strategies = {strategy.id for strategy in model.strategies}
    return [STRATEGY_KIND if o.id in strategies else OPTION_KIND for o in model.options]


def end_label_heights(ends: np.ndarray, span: float) -> np.ndarray:
    """Label heights (points) next to the lines' last values, at least a line of text apart,
    each as close to its own line's end as that allows."""
    gap = max(span, MIN_SPAN) * LABEL_LINE_SHARE
    heights = ends.astype(float).copy()
    order = np.argsort(-ends, kind="stable")
    for before, index in pairwise(order):
        heights[index] = min(heights[index], heights[before] - gap)
    return heights


def score_by_year_frame(line: Timeline) -> pd.DataFrame:
    """Rows for `score_by_year_template`: one per option (and strategy) and decision year.

    `position` orders options by their score now (0 = best); `end` marks each line's last year,
    where `label_y` places its label."""
    model, scores = line.model, line.scores
    years, count = len(line.years), len(model.options)
    base_year = int(model.info.constants.base_year.value)
    positions = np.empty(count, dtype=int)
    positions[np.argsort(-scores[0], kind="stable")] = np.arange(count)
    span = float(scores.max() - scores.min())
    return pd.DataFrame(
        {
            "option_id": np.repeat(model.option_ids, years),
            "option": np.repeat([o.label for o in model.options], years),
            "short": np.repeat([o.short_label for o in model.options], years),
            "kind": np.repeat(kinds(model), years),
            "position": np.repeat(positions, years),
            "year": np.tile(line.years, count),
            "decision_year": np.tile([base_year + y for y in line.years], count),
            "score": scores.T.ravel(),
            "end": np.tile(np.arange(years) == years - 1, count),
            "label_y": np.repeat(end_label_heights(scores[-1], span), years),
        }
    )


def worth_it_text(stops: int | None, is_status_quo: bool, last_year: int) -> str:
    """When an option stops beating the status quo, in words."""
    if is_status_quo:
        return "the benchmark itself"
    if stops is None:
        return f"still worth it in year {last_year}"
    if stops == 0:
        return "not even now"
    return f"year {stops}"


def scores_by_year_table(line: Timeline) -> pd.DataFrame:
    """One row per option (and strategy) and decision year, for export: its score (0-100) and
    whether it leads that year (years from now and calendar year)."""
    model = line.model
    rows = pd.DataFrame(line.to_dict()["rows"]).rename(columns={"option": "option_id"})
    rows.insert(1, "option", [model.option(option_id).label for option_id in rows["option_id"]])
    kind = dict(zip(model.option_ids, kinds(model), strict=True))
    rows.insert(2, "kind", [kind[option_id] for option_id in rows["option_id"]])
    rows = rows.rename(columns={"year": "years_from_now"})
    leaders = {year: set(line.leaders(n)) for n, year in enumerate(line.years)}
    pairs = zip(rows["option_id"], rows["years_from_now"], strict=True)
    rows["leads"] = [option_id in leaders[year] for option_id, year in pairs]
    return rows


def waiting_frame(line: Timeline) -> pd.DataFrame:
    """The cost of waiting, one row per option (best now first): score now and in a year, the
    points and US$ bn one year's wait costs, and the year it stops beating the status quo."""
    model = line.model
    points, money = line.cost_of_waiting()
    stops = line.stops_being_worth_it()
    status_quo = model.status_quo.id
    frame = pd.DataFrame(
        {
            "option_id": list(model.option_ids),
            "option": [o.label for o in model.options],
            "kind": kinds(model),
            "score_now": line.scores[0],
            "score_next_year": line.scores[1],
            "cost_points": points,
            "cost_bn_usd": money,
            "worth_it": [
                worth_it_text(stop, option_id == status_quo, line.years[-1])
                for stop, option_id in zip(stops, model.option_ids, strict=True)
            ],
        }
    )
    return frame.sort_values("score_now", ascending=False, kind="stable").reset_index(drop=True)


def starts_text(years: float) -> str:
    """When a branch's final attempt starts, in words."""
    if years <= 0:
        return "starts now"
    return f"starts after {years:g} year" + ("" if years == 1 else "s")


def _steps(branch: Branch) -> list[str]:
    """A branch's steps, each after the first led by an arrow."""
    return [step if n == 0 else f"→ {step}" for n, step in enumerate(branch.steps)]


def ends_with(branch: Branch, model: DecisionModel) -> str:
    """What a branch leaves Turkey with: the option carried out, or its last attempt failed."""
    if branch.failed:
        return FAILED_ENDING
    return model.option(branch.option_id).short_label


def ending_colours(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """(ending, colour) for each ending in `frame`, in order of first appearance: the option's
    own colour, neutral grey for a failed last attempt."""
    endings = frame.drop_duplicates("ends_with")
    return tuple(
        (ending, FAILED_COLOUR if ending == FAILED_ENDING else OPTION_COLOURS[option_id])
        for ending, option_id in zip(endings["ends_with"], endings["option_id"], strict=True)
    )


def tree_frame(tree: Tree, model: DecisionModel, heading: str | None = None) -> pd.DataFrame:
    """Rows for `strategy_tree_template`: one per branch, in the order they can happen, with
    its path (one step a line, under `heading` if given), what it ends with, probability (%),
    score (points) and when it starts."""
    first = () if heading is None else (f"{heading}:",)
    return pd.DataFrame(
        {
            "order": range(len(tree.branches)),
            "path": ["\n".join((*first, *_steps(branch))) for branch in tree.branches],
            "option_id": [branch.option_id for branch in tree.branches],
            "ends_with": [ends_with(branch, model) for branch in tree.branches],
            "probability": [100 * branch.probability for branch in tree.branches],
            "score": [branch.score for branch in tree.branches],
            "starts_after_years": [branch.starts_after_years for branch in tree.branches],
            "starts": [starts_text(branch.starts_after_years) for branch in tree.branches],
        }
    )


def lead_sentence(line: Timeline) -> str:
    """Who leads deciding now, whether waiting changes that, and what a year's wait costs the
    leader, in plain words with units."""
    model = line.model
    first = line.leaders(0)
    names = join_labels([model.option(option_id).label for option_id in first])
    index = model.option_ids.index(first[0])
    verb = "lead" if len(first) > 1 else "leads"
    opening = f"Deciding now, {names} {verb} with {line.scores[0, index]:.1f} of 100 points"
    later = next(
        (n for n in range(1, len(line.years)) if line.leaders(n) != first),
        None,
    )
    if later is not None:
        others = join_labels([model.option(o).label for o in line.leaders(later)])
        years = line.years[later]
        return (
            f"{opening}; if the decision waits {years} year{'' if years == 1 else 's'}, "
            f"{others} {'lead' if len(line.leaders(later)) > 1 else 'leads'} instead."
        )
    points, money = line.cost_of_waiting()
    cash = f"US${abs(money[index]):.2f} bn"
    cash = f"and {cash}" if money[index] >= 0 else f"but brings in {cash} more"
    return (
        f"{opening}, and stays ahead if the decision waits up to {line.years[-1]} years; "
        f"a year's wait costs it {points[index]:.1f} points {cash}."
    )


def strategy_trees(scenario: Scenario, model: DecisionModel) -> list[Tree]:
    """Every strategy's tree in `scenario`, in the model's order."""
    return [strategy_tree(scenario, model, strategy.id) for strategy in model.strategies]


def trees_frame(trees: list[Tree], model: DecisionModel) -> pd.DataFrame:
    """Rows for `strategy_tree_template` holding several strategies, each branch's path headed
    by its strategy's short name, strategy after strategy."""
    frame = pd.concat(
        [tree_frame(tree, model, model.option(tree.strategy_id).short_label) for tree in trees],
        ignore_index=True,
    )
    frame["order"] = range(len(frame))
    return frame
