"""A meeting room's results as tables and charts (no Streamlit): the shared screen, the anonymised
download and the briefing pack draw the same things.

Frames take a `GroupAnalysis` (scoring.group); templates compile once and later refreshes only
attach rows (`briefing.charts.chart_spec`), so the shared screen stays cheap to redraw.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from briefing.charts import acceptability_template, chart_spec, option_axis, position_sort
from briefing.figures import Figure
from briefing.frames import option_labels
from briefing.snapshots import SnapshotContext, snapshot_svg, svg_to_png
from briefing.theme import CRITERION_COLOURS, OPTION_COLOURS, chart_config
from scoring import DecisionModel
from scoring.group import GroupAnalysis
from scoring.leader import ordinal


def spread_frame(group: GroupAnalysis, model: DecisionModel) -> pd.DataFrame:
    """One row per priority: the participants' shares (percent of each one's total) at the
    minimum, quartiles and maximum, and the group's (median) weight."""
    percent = group.spread * 100
    return pd.DataFrame(
        {
            "criterion_id": model.criterion_ids,
            "priority": [c.priority_label for c in model.criteria],
            "lowest": percent[:, 0],
            "lower_quartile": percent[:, 1],
            "median": percent[:, 2],
            "upper_quartile": percent[:, 3],
            "highest": percent[:, 4],
            "group": group.group_weights * 100,
            "colour": [CRITERION_COLOURS[c] for c in model.criterion_ids],
            "disputed": [n == group.disputed for n in range(len(model.criteria))],
        }
    )


def leader_frame(group: GroupAnalysis, model: DecisionModel) -> pd.DataFrame:
    """One row per option: how many participants' priorities make it lead, and what share."""
    counts = np.bincount(group.leaders, minlength=len(model.options))
    order = np.argsort(-counts, kind="stable")
    position = np.empty(len(order), dtype=int)
    position[order] = np.arange(len(order))
    return pd.DataFrame(
        {
            "option_id": model.option_ids,
            "option": [o.label for o in model.options],
            "participants": counts,
            "share": group.leader_share,
            "max_regret": group.max_regret,
            "position": position,
        }
    )


def participant_frame(group: GroupAnalysis, model: DecisionModel) -> pd.DataFrame:
    """One row per participant (numbered, never named): the option leading under their
    priorities and its score."""
    labels = [o.label for o in model.options]
    return pd.DataFrame(
        {
            "participant": np.arange(1, group.count + 1),
            "leader": [labels[i] for i in group.leaders],
            "score": group.scores[np.arange(group.count), group.leaders],
        }
    )


def acceptability_frame(group: GroupAnalysis, model: DecisionModel) -> pd.DataFrame:
    """Rows for `acceptability_template`: the share of participants giving each option each
    rank."""
    options = len(model.options)
    order = np.argsort(-group.rank_acceptability[:, 0], kind="stable")
    position = np.empty(options, dtype=int)
    position[order] = np.arange(options)
    return pd.DataFrame(
        {
            "option": np.repeat([o.label for o in model.options], options),
            "rank": np.tile([ordinal(r) for r in range(1, options + 1)], options),
            "rank_order": np.tile(np.arange(options), options),
            "share": group.rank_acceptability.ravel(),
            "position": np.repeat(position, options),
        }
    )


def spread_template(title: str, scale: float = 1.0) -> alt.LayerChart:
    """Per priority: a line from the lowest to the highest share, a bar over the middle half,
    a tick at the median and a diamond at the group's weight."""
    y = alt.Y("priority:N", sort=None, title=None, axis=alt.Axis(labelLimit=260))
    axis = alt.X(
        "lowest:Q",
        title="Share of a participant's total priority (%)",
        scale=alt.Scale(domain=[0, 100]),
    )
    tooltip = [
        alt.Tooltip("priority:N", title="Priority"),
        alt.Tooltip("lowest:Q", title="Lowest (%)", format=".0f"),
        alt.Tooltip("lower_quartile:Q", title="Lower quartile (%)", format=".0f"),
        alt.Tooltip("median:Q", title="Median (%)", format=".0f"),
        alt.Tooltip("upper_quartile:Q", title="Upper quartile (%)", format=".0f"),
        alt.Tooltip("highest:Q", title="Highest (%)", format=".0f"),
    ]
    colour = alt.Color("colour:N", scale=None)
    whisker = (
        alt.Chart()
        .mark_rule(strokeWidth=2 * scale)
        .encode(y=y, x=axis, x2="highest:Q", color=colour, tooltip=tooltip)
    )
    middle = (
        alt.Chart()
        .mark_bar(height=14 * scale, opacity=0.75)
        .encode(y=y, x="lower_quartile:Q", x2="upper_quartile:Q", color=colour, tooltip=tooltip)
    )
    median = (
        alt.Chart()
        .mark_tick(color="black", thickness=3, size=20 * scale)
        .encode(y=y, x="median:Q", tooltip=tooltip)
    )
    group = (
        alt.Chart()
        .mark_point(shape="diamond", filled=True, color="black", size=90 * scale)
        .encode(
            y=y,
            x="group:Q",
            tooltip=[
                alt.Tooltip("priority:N", title="Priority"),
                alt.Tooltip("group:Q", title="Group's weight (%)", format=".0f"),
            ],
        )
    )
    return (
        alt.layer(whisker, middle, median, group)
        .properties(title=title, height=alt.Step(30 * scale))
        .configure(**chart_config(scale))
    )


def leader_template(
    options: tuple[tuple[str, str], ...], title: str, scale: float = 1.0
) -> alt.Chart:
    """Per option, the share of participants under whose priorities it leads."""
    return (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("option:N", sort=position_sort(), title=None, axis=option_axis(scale)),
            x=alt.X(
                "share:Q",
                title="Share of participants for whom it leads (%)",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "option:N",
                scale=alt.Scale(
                    domain=[label for _, label in options],
                    range=[OPTION_COLOURS[i] for i, _ in options],
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("option:N", title="Option"),
                alt.Tooltip("participants:Q", title="Participants"),
                alt.Tooltip("share:Q", title="Share of participants", format=".0%"),
                alt.Tooltip("max_regret:Q", title="Largest regret (points)", format=".1f"),
            ],
        )
        .properties(title=title, height=alt.Step(30 * scale))
        .configure(**chart_config(scale))
    )


def spread_figure(group: GroupAnalysis, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = (
        "How far apart the participants' priorities are (tick: median; diamond: the group's "
        "weight, the medians rescaled to add up to 100%)"
    )
    return Figure(
        key="room_spread",
        title=title,
        alt="For each priority, the lowest to highest share participants gave it, the middle "
        "half as a bar, the median as a tick and the group's weight as a diamond.",
        spec=chart_spec(spread_template, spread_frame(group, model), title, scale),
    )


def leader_figure(group: GroupAnalysis, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = "Which option leads under each participant's priorities"
    return Figure(
        key="room_leaders",
        title=title,
        alt="Bars: the share of participants under whose priorities each option leads.",
        spec=chart_spec(
            leader_template, leader_frame(group, model), option_labels(model), title, scale
        ),
    )


def acceptability_figure(group: GroupAnalysis, model: DecisionModel, scale: float = 1.0) -> Figure:
    title = "How often each option takes each rank across the participants' priorities"
    return Figure(
        key="room_acceptability",
        title=title,
        alt="Stacked bars: the share of participants whose priorities give each option each rank.",
        spec=chart_spec(
            acceptability_template,
            acceptability_frame(group, model),
            len(model.options),
            title,
            scale,
            "participants",
        ),
    )


def room_figures(
    group: GroupAnalysis, model: DecisionModel, scale: float = 1.0
) -> tuple[Figure, ...]:
    """The shared screen's three charts, in its order."""
    return (
        spread_figure(group, model, scale),
        leader_figure(group, model, scale),
        acceptability_figure(group, model, scale),
    )


def room_findings(group: GroupAnalysis, model: DecisionModel) -> list[str]:
    """The shared screen's statements in plain words (percent shares, points)."""
    labels = [o.label for o in model.options]
    basis = "median" if group.group_basis == "median" else "mean (every median was zero)"
    lines = [f"Under the group's {basis} priorities, {labels[group.group_leader]} leads."]
    disputed = model.criteria[group.disputed].priority_label
    low, high = group.spread[group.disputed, 1] * 100, group.spread[group.disputed, 3] * 100
    leaders = ", ".join(labels[i] for i in group.disputed_leaders)
    if group.agreed:
        lines.append("No disagreement yet: every response gives the same priorities in proportion.")
    elif group.changes_leader:
        lines += [
            f"Most disagreement: {disputed} (the middle half of participants gave it {low:.0f}% "
            f"to {high:.0f}% of their total).",
            f"That disagreement changes the leader: with each participant's {disputed} in turn, "
            f"{leaders} lead.",
        ]
    else:
        lines += [
            f"Most disagreement: {disputed} (the middle half of participants gave it {low:.0f}% "
            f"to {high:.0f}% of their total).",
            f"That disagreement does not change the leader: {leaders} leads whichever "
            f"participant's {disputed} is used.",
        ]
    lines.append(
        f"Robust choice if the room cannot agree: {labels[group.robust]} (under any "
        "participant's priorities it falls at most "
        f"{group.max_regret[group.robust]:.1f} points behind the best option)."
    )
    return lines


@dataclass(frozen=True, eq=False)
class RoomResults:
    """What a meeting room gave, for the briefing pack: the analysis and the anonymised CSV."""

    group: GroupAnalysis
    responses_csv: str
    status: str  # open, closed or expired when the pack was made


def room_tables(group: GroupAnalysis, model: DecisionModel) -> dict[str, pd.DataFrame]:
    """The room's CSV files for the pack, by file name (participants numbered, never named)."""
    return {
        "spread.csv": spread_frame(group, model).drop(columns=["colour"]),
        "leaders.csv": leader_frame(group, model).drop(columns=["position"]),
        "rank_acceptability.csv": acceptability_frame(group, model).drop(
            columns=["rank_order", "position"]
        ),
        "participants.csv": participant_frame(group, model),
    }


def room_files(
    results: RoomResults, model: DecisionModel, context: SnapshotContext
) -> dict[str, bytes]:
    """The pack's room/ folder: the three charts (SVG and PNG), the tables, the responses and
    the findings in words."""
    files: dict[str, bytes] = {}
    for figure in room_figures(results.group, model):
        svg = snapshot_svg(figure, context)
        files[f"room/{figure.key}.svg"] = svg.encode("utf-8")
        files[f"room/{figure.key}.png"] = svg_to_png(svg)
    for name, frame in room_tables(results.group, model).items():
        files[f"room/{name}"] = frame.to_csv(index=False).encode("utf-8")
    files["room/responses.csv"] = results.responses_csv.encode("utf-8")
    findings = [
        f"Meeting room ({results.status}): {results.group.count} participants' priorities, "
        "scored on the assumptions the room was opened with.",
        *room_findings(results.group, model),
    ]
    files["room/findings.txt"] = ("\n".join(findings) + "\n").encode("utf-8")
    return files
