"""Every chart the tool draws, named once: the pages, snapshots and the briefing pack share these.

A `Figure` is a finished Vega-Lite spec with its title, its text alternative and whether it
comes from sampling (so exports can name the seed and draw count). No Streamlit here.

The text alternative comes in two parts. `alt` says what the chart is and how it is laid out, and
changes only with its shape (how many options, which axes), never with a score. `finding` says
what the numbers show now. On screen the chart carries `alt` and the finding is written beside
it: a browser keeps a chart's view and swaps in the new rows only while its spec and alt stay
the same (tests/test_chart_identity.py). Exports carry both (`description`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

from briefing.charts import (
    acceptability_template,
    chart_spec,
    comparison_template,
    contributions_template,
    decision_map_template,
    heatmap_template,
    tornado_template,
    tradeoff_template,
)
from briefing.frames import (
    contributions_frame,
    criterion_labels,
    option_labels,
    tradeoff_frame,
    values_frame,
)
from briefing.sensitivity_frames import (
    acceptability_frame,
    axis_label,
    map_frame,
    tornado_frame,
)
from briefing.when_charts import score_by_year_template, strategy_tree_template
from briefing.when_frames import ending_colours, score_by_year_frame, tree_frame, trees_frame
from scoring import DecisionModel, Result
from scoring.leader import headline, join_labels
from scoring.report import SensitivityReport
from scoring.sensitivity import DecisionMap
from scoring.strategy_tree import Tree
from scoring.timeline import Timeline

DEFAULT_PAIR = ("f35_prospects", "air_defence")


@dataclass(frozen=True, eq=False)
class Figure:
    """A chart ready to draw or export."""

    key: str
    title: str
    alt: str  # what the chart is: the same for every scenario of the same shape
    spec: dict[str, Any]
    finding: str = ""  # what its numbers show now, in a sentence or two
    sampled: bool = False
    # Makes a lighter spec that draws the same picture, for exports; built only when one is made.
    still: Callable[[], dict[str, Any]] | None = None
    export_width: int | None = None  # plot width of a static export, where the default is cramped

    @property
    def export_spec(self) -> dict[str, Any]:
        """The spec a static export renders: the `still` one where there is one."""
        return self.still() if self.still is not None else self.spec

    @property
    def description(self) -> str:
        """The whole text alternative: what the chart is, then what it shows now."""
        return f"{self.alt} {self.finding}".strip()


# Plot width of the contributions chart's exports: its columns of bars need more than most charts.
CONTRIBUTIONS_EXPORT_WIDTH = 760


def recommendation(result: Result, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = "Options ranked by overall score, and the points each criterion adds to it"
    return Figure(
        key="recommendation_chart",
        title=title,
        alt=CONTRIBUTIONS_ALT.format(options=len(model.options), criteria=len(model.criteria)),
        finding=contributions_finding(result, model),
        spec=chart_spec(
            contributions_template,
            contributions_frame(result, model),
            criterion_labels(model),
            title,
            scale,
        ),
        export_width=CONTRIBUTIONS_EXPORT_WIDTH,
    )


CONTRIBUTIONS_ALT = (
    "Bar chart in columns: the {options} options in rows, best first, with their overall score, "
    "then one column for each of the {criteria} criteria, where a bar from zero shows the points "
    "that criterion adds to each option's score."
)


def contributions_finding(result: Result, model: DecisionModel) -> str:
    """The contributions chart's numbers in words: the verdict, where the leader's points come
    from and, where those are not what sets it apart, where its edge over the runner-up comes
    from (the reasons beside the chart name the edge; the two must not read as a contradiction)."""
    top = headline(result)
    leader = result.option_ids.index(top.leader)
    parts = result.contributions[leader]
    largest = sorted(range(len(parts)), key=lambda n: -parts[n])[:2]
    sources = " and ".join(f"{model.criteria[n].label} ({parts[n]:.1f} points)" for n in largest)
    finding = f"{top.statement}. {top.leader_label} earns most from {sources}"
    edge = [model.criterion(c).label for c in top.drivers]
    if not top.tied and not set(edge) <= {model.criteria[n].label for n in largest}:
        finding += f"; its edge over {top.runner_up_label} comes from {join_labels(edge)}"
    return finding + "."


def value_heatmap(result: Result, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = "How each option scores on each criterion (0 = worst, 100 = best in the declared range)"
    return Figure(
        key="tradeoff_heatmap",
        title=title,
        alt="Heatmap of value scores from 0 to 100 for each option on each criterion.",
        spec=chart_spec(
            heatmap_template,
            values_frame(result, model),
            option_labels(model),
            criterion_labels(model),
            title,
            scale,
        ),
    )


def tradeoff(
    result: Result,
    model: DecisionModel,
    pair: tuple[str, str] = DEFAULT_PAIR,
    scale: float = 1.0,
) -> Figure:
    x, y = (model.criterion(c).label for c in pair)
    title = f"{x} against {y}"
    return Figure(
        key="tradeoff_scatter",
        title=title,
        alt=f"Scatter of the options on {x} and {y}; efficient options are filled.",
        spec=chart_spec(
            tradeoff_template,
            tradeoff_frame(result, model, *pair),
            option_labels(model),
            x,
            y,
            title,
            scale,
        ),
    )


def acceptability(report: SensitivityReport, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = "How often each option takes each rank across the plausible draws"
    return Figure(
        key="sens_acceptability",
        title=title,
        alt="Stacked bars: the share of draws in which each option takes each rank.",
        spec=chart_spec(
            acceptability_template,
            acceptability_frame(report, model),
            len(model.options),
            title,
            scale,
        ),
        sampled=True,
    )


def tornado(
    report: SensitivityReport, model: DecisionModel, scale: float = 1.0, most: int | None = None
) -> Figure:
    """The tornado; with `most`, only that many assumptions, those that move the margin most."""
    title = (
        "What each assumption alone does to the leader's margin "
        "(black line: the margin now; dashed red: the lead is lost)"
    )
    frame = tornado_frame(report, model)
    moving = frame["assumption"].nunique() if len(frame) else 0
    finding = ""
    if most is not None and moving > most:
        frame = frame[frame["position"] < most]
        finding = (
            f"Shown: the {most} of {moving} assumptions that move the margin most; the "
            f"Sensitivity page shows all {moving}."
        )
    return Figure(
        key="sens_tornado",
        title=title,
        alt="Tornado chart of the leader's margin with each assumption at the ends of its range.",
        spec=chart_spec(tornado_template, frame, title, scale),
        finding=finding,
    )


def _share(share: float) -> str:
    """A share in whole per cent that never rounds a region that exists down to 0%, or one
    that leaves some out up to 100%."""
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def map_finding(grid: DecisionMap, model: DecisionModel) -> str:
    """How much of the map the leader now holds and, when another option holds more, how much
    that one holds (the chart's slide title; with a full stop, its finding)."""
    shares = np.bincount(grid.leaders.ravel(), minlength=len(model.options)) / grid.leaders.size
    leader = model.options[grid.current_leader].label
    said = f"{leader} leads on {_share(shares[grid.current_leader])} of this map"
    widest = int(np.argmax(shares))
    if widest == grid.current_leader:
        return said
    return f"{said}; {model.options[widest].label} leads on {_share(shares[widest])}"


def decision_map(grid: DecisionMap, model: DecisionModel, scale: float = 1.0) -> Figure:
    x_title, y_title = axis_label(grid.x_axis, model), axis_label(grid.y_axis, model)
    title = f"Which option leads as {x_title.split(' (')[0]} and {y_title.split(' (')[0]} vary"

    def spec(merged: bool) -> dict[str, Any]:
        frame = map_frame(grid, model, merged)
        present = set(frame["option"])  # the legend lists only the options on the map
        labels = tuple(pair for pair in option_labels(model) if pair[1] in present)
        return chart_spec(decision_map_template, frame, labels, x_title, y_title, title, scale)

    return Figure(
        key="sens_map",
        title=title,
        alt=f"Map of the leading option over {x_title} and {y_title}; a cross marks now.",
        spec=spec(merged=False),
        finding=f"{map_finding(grid, model)}.",
        still=cache(partial(spec, merged=True)),  # built once, at the first export
    )


def comparison(frame: pd.DataFrame, scale: float = 1.0) -> Figure:
    """Scores of every option in two to four scenarios (rows from comparison.results_frame)."""
    count = frame["scenario"].nunique()
    title = f"Scores in the {count} compared scenarios"
    return Figure(
        key="compare_chart",
        title=title,
        alt=f"Grouped bars of each option's score in {count} scenarios.",
        spec=chart_spec(comparison_template, frame, count, title, scale),
    )


def score_by_year(line: Timeline, scale: float = 1.0) -> Figure:
    """Each option's and strategy's score if the decision is taken now or up to four years on."""
    model = line.model
    title = "Score of each option and strategy by the year the decision is taken"
    first, last = (join_labels([model.option(o).label for o in line.leaders(n)]) for n in (0, -1))
    waiting = (
        f"deciding in {line.years[-1]} years, it still leads"
        if line.leaders(0) == line.leaders(-1)
        else f"deciding in {line.years[-1]} years, {last} leads instead"
    )
    return Figure(
        key="when_by_year",
        title=title,
        alt=f"Line chart of the score (0-100) of {len(model.direct_options)} options (solid)"
        + (f" and {len(model.strategies)} strategies (dashed)" if model.strategies else "")
        + f" for a decision taken now and {line.years[1]} to {line.years[-1]} years from now.",
        finding=f"Deciding now, {first} leads with {line.scores[0].max():.1f} points; {waiting}.",
        spec=chart_spec(
            score_by_year_template,
            score_by_year_frame(line),
            option_labels(model),
            line.years,
            title,
            scale,
        ),
    )


def _tree_spec(frame: pd.DataFrame, title: str, scale: float) -> dict[str, Any]:
    """The tree chart of `frame`, each ending in its own colour."""
    return chart_spec(strategy_tree_template, frame, ending_colours(frame), title, scale)


def strategy_tree(tree: Tree, model: DecisionModel, scale: float = 1.0) -> Figure:
    """How one strategy can end: each branch's probability, what it ends with, its score and
    start."""
    title = f"How \u201c{tree.label}\u201d can end: each branch's chance and score"
    likeliest = max(tree.branches, key=lambda branch: branch.probability)
    return Figure(
        key="when_tree",
        title=title,
        alt=f"Bar chart with one row per way the strategy can end ({len(tree.branches)} "
        "branches): a bar for its chance in per cent, coloured by what it ends with, its score "
        "(points) and when its last attempt starts.",
        finding=f"The likeliest branch, {likeliest.probability:.0%}, is "
        f"{' then '.join(likeliest.steps)}, scoring {likeliest.score:.1f}; over all branches the "
        f"strategy scores {tree.score:.1f}.",
        spec=_tree_spec(tree_frame(tree, model), title, scale),
    )


def strategy_trees(trees: list[Tree], model: DecisionModel, scale: float = 1.0) -> Figure:
    """Every strategy's branches in one chart, strategy after strategy (for the briefing pack)."""
    title = "How each strategy can end: each branch's chance and score"
    scores = "; ".join(f"{model.option(t.strategy_id).short_label} {t.score:.1f}" for t in trees)
    return Figure(
        key="when_trees",
        title=title,
        alt=f"Bar chart with one row per way each of the {len(trees)} strategies can end, "
        "headed by the strategy's name: a bar for the branch's chance in per cent, coloured by "
        "what it ends with, its score (points) and when its last attempt starts.",
        finding=f"Over all branches they score: {scores}.",
        spec=_tree_spec(trees_frame(trees, model), title, scale),
    )
