"""Pure Altair chart builders: a tidy DataFrame in, a themed chart out (no Streamlit).

Each chart is a data-free template (encodings, scales, theme) plus its data. Templates depend only
on the model and display settings, so `chart_spec` compiles each one to Vega-Lite once and later
calls only attach new rows: a slider move costs a data swap, not a chart rebuild.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from briefing.theme import (
    COMPARISON_COLOURS,
    OPTION_COLOURS,
    VALUE_SCHEME,
    chart_config,
)

DATASET = "rows"
Labels = tuple[tuple[str, str], ...]  # (id, label) pairs in display order

RIGHT, LEFT = "right", "left"  # the side of its point a scatter label is written on


def _scale(labels: Labels, colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=[label for _, label in labels], range=[colours[i] for i, _ in labels])


def position_sort() -> alt.EncodingSortField:
    return alt.EncodingSortField(field="position", op="min")


BAR_STEP = 24  # pixels per option at scale 1: eight options and the headings fit under a headline
# On a shared screen (scale 1.5) rows, their names and numbers grow by a quarter, not a half, and
# plots are shorter: every Presenter step's chart, eleven rows (eight options, three strategies)
# with its axes and legend, then fits under its title at 1280x800.
ROW_SCALE_MAX = 1.25
SHARED_ROW = BAR_STEP * ROW_SCALE_MAX  # 30 pixels: two lines of a row's 15-pixel name
SHARED_PLOT = 460  # pixels: a chart not in rows, its axes and legend included (Streamlit fits it)


def row_scale(scale: float) -> float:
    """How much rows, their names and their numbers grow at `scale`."""
    return min(scale, ROW_SCALE_MAX)


def row_step(desk: float, scale: float) -> float:
    """Pixels per row: `desk` at the desk, `SHARED_ROW` on a shared screen."""
    return desk * scale if scale <= 1 else SHARED_ROW


def plot_height(desk: float, scale: float) -> float:
    """A plot's height: `desk` pixels at the desk, `SHARED_PLOT` on a shared screen."""
    return desk * scale if scale <= 1 else SHARED_PLOT


def shared_legend(scale: float) -> dict[str, Any]:
    """On a shared screen a chart's legend stands at its right, in one column, so the chart
    stays short; at the desk it keeps the theme's place under the chart."""
    return {"orient": "right", "columns": 1} if scale > 1 else {}


SCORE_SPAN = 0.5  # width of the overall-score column, in criterion panels
BAR_SPAN = 0.55  # share of a criterion panel the largest contribution fills; its number follows
HEADER_CHARACTERS = 11  # criterion names wrap to lines this long, to stay inside their panel
HEADER_SIZE, HEADER_MAX = 10, 13.5  # larger would not fit a column on a 1280-pixel shared screen
BAR_COLOUR = "#4477AA"  # Paul Tol's blue: one colour for every bar, 4.7:1 on white
RULE_COLOUR = "#5f6673"


OPTION_LINE = 34  # characters: a longer option name (a strategy's) breaks after its last comma


def option_axis(scale: float = 1.0, **extra: Any) -> alt.Axis:
    """The option names down a chart's side. A name too long for one line, such as
    "Try a third-country sale, else dismantle", breaks after its last comma onto a second line,
    so a long name neither is cut nor squeezes the plot."""
    long = f"length(datum.label) > {OPTION_LINE} && lastindexof(datum.label, ', ') > 0"
    cut = "lastindexof(datum.label, ', ')"
    head, tail = f"slice(datum.label, 0, {cut} + 1)", f"slice(datum.label, {cut} + 2)"
    return _two_line_axis(scale, long, head, tail, labelLimit=320 * scale, **extra)


ASSUMPTION_LINE = 30  # characters: a longer assumption name breaks at its last space before


def assumption_axis(scale: float = 1.0, **extra: Any) -> alt.Axis:
    """The assumption names down a chart's side, each longer than `ASSUMPTION_LINE` characters
    broken at its last space before that onto a second line: no name is cut short."""
    long = f"length(datum.label) > {ASSUMPTION_LINE}"
    cut = f"lastindexof(slice(datum.label, 0, {ASSUMPTION_LINE}), ' ')"
    head, tail = f"slice(datum.label, 0, {cut})", f"slice(datum.label, {cut} + 1)"
    return _two_line_axis(scale, long, head, tail, labelLimit=0, **extra)


def _two_line_axis(scale: float, long: str, head: str, tail: str, **extra: Any) -> alt.Axis:
    """Names down a chart's side: one for which the expression `long` holds is written as
    `head` over `tail`, the pair centred on its row."""
    line = 12 * scale  # the theme's label size: two lines fill a 24-pixel row
    return alt.Axis(
        labelExpr=f"{long} ? [{head}, {tail}] : datum.label",
        labelLineHeight=line,
        labelOffset={"condition": {"test": long, "value": -line / 2}, "value": 0},
        **extra,
    )


def header_lines(label: str) -> list[str]:
    """A panel's heading: the name wrapped at word breaks into short lines."""
    return textwrap.wrap(label, HEADER_CHARACTERS, break_long_words=False) or [label]


def contributions_template(criteria: Labels, title: str, scale: float = 1.0) -> alt.LayerChart:
    """Small multiples on one baseline each: a column per criterion, named above it, in which
    every option's contribution (points of its score) is a bar from zero with its number, on
    one scale shared by all columns; options in rows, best first, their score in the first
    column. No colour is needed to tell anything apart: rows and columns are named.

    Rows: option_id, option, criterion, criterion_order, contribution, value, share, score,
    position (0 = best), first (true on one row per option).
    """
    span = SCORE_SPAN + len(criteria)
    rows = row_scale(scale)
    size = min(HEADER_SIZE * scale, HEADER_MAX)
    line = 1.2 * size
    headings = [["Score"], *(header_lines(label) for _, label in criteria)]
    headers = alt.Data(
        values=[
            {"lines": lines, "start": 0.0 if order == 0 else SCORE_SPAN + order - 1}
            for order, lines in enumerate(headings)
        ]
    )
    tallest = max(len(lines) for lines in headings)
    x = alt.X(
        "start:Q",
        axis=None,  # each column's bars carry their numbers; the headings name the columns
        scale=alt.Scale(domain=[0, span], nice=False, zero=False),
    )
    y = alt.Y(
        "option:N",
        sort=position_sort(),
        title=None,
        axis=option_axis(
            rows, ticks=False, domain=False, labelPadding=6 * rows, labelFontSize=12 * rows
        ),
    )
    tooltip = [
        alt.Tooltip("option:N", title="Option"),
        alt.Tooltip("criterion:N", title="Criterion"),
        alt.Tooltip("contribution:Q", title="Contribution (points)", format=".1f"),
        alt.Tooltip("value:Q", title="Value on this criterion (0-100)", format=".0f"),
        alt.Tooltip("share:Q", title="Weight (share of total)", format=".0%"),
        alt.Tooltip("score:Q", title="Overall score (points)", format=".1f"),
    ]
    parts = (
        alt.Chart()
        .transform_joinaggregate(largest="max(contribution)")
        .transform_calculate(
            start=f"{SCORE_SPAN} + datum.criterion_order",
            end=f"{SCORE_SPAN} + datum.criterion_order "
            f"+ {BAR_SPAN} * datum.contribution / max(datum.largest, 1e-9)",
            said="datum.criterion + ' adds ' + format(datum.contribution, '.1f') "
            "+ ' points to ' + datum.option",  # what a screen reader says for each bar
        )
    )
    bars = parts.mark_bar(color=BAR_COLOUR, height={"band": 0.7}).encode(
        y=y, x=x, x2="end:Q", tooltip=tooltip, description="said:N"
    )
    numbers = parts.mark_text(  # silent to screen readers: each bar says its number
        align="left", dx=3 * rows, fontSize=10 * rows, aria=False
    ).encode(
        y=y,
        x=alt.X("end:Q", axis=None),
        text=alt.Text("contribution:Q", format=".1f"),
        tooltip=tooltip,
    )
    scores = (
        alt.Chart()
        .transform_filter("datum.first")
        .transform_calculate(start="0")
        .mark_text(align="left", dx=3 * rows, fontWeight="bold", fontSize=12 * rows)
        .encode(
            y=y,
            x=x,
            text=alt.Text("score:Q", format=".1f"),
            tooltip=[tooltip[0], tooltip[-1]],
        )
    )
    baselines = (  # each column's zero, the full height of the plot
        alt.Chart(headers)
        .transform_filter("datum.start > 0")
        .mark_rule(color=RULE_COLOUR, aria=False)
        .encode(x=x)
    )
    names = (
        alt.Chart(headers)
        .mark_text(align="left", baseline="top", fontSize=size, lineHeight=line)
        .encode(x=x, y=alt.value(-tallest * line - 8 * scale), text="lines:N")  # above the rows
    )
    return (
        alt.layer(baselines, bars, numbers, scores, names)
        .properties(title=title, height=alt.Step(row_step(BAR_STEP, scale)))
        .configure(**chart_config(scale))
    )


def heatmap_template(
    options: Labels, criteria: Labels, title: str, scale: float = 1.0
) -> alt.LayerChart:
    """Options x criteria grid of value scores (0-100) with raw performance and units on hover.

    Rows: option, criterion, value, performance_text, direction, position.
    """
    rows = row_scale(scale)
    size = min(HEADER_SIZE * scale, HEADER_MAX)
    wrapped = {label: header_lines(label) for _, label in criteria}
    tallest = max(len(lines) for lines in wrapped.values())
    # Vega writes a label's lines downwards from its first: shorter names get blank lines on
    # top, and the padding lifts every block clear of the plot.
    lines = json.dumps({label: [""] * (tallest - len(w)) + w for label, w in wrapped.items()})
    base = alt.Chart().encode(
        x=alt.X(
            "criterion:N",
            sort=[label for _, label in criteria],
            title=None,
            axis=alt.Axis(  # each column named above it, wrapped like the contributions' headings
                orient="top",
                labelAngle=0,
                labelExpr=f"{lines}[datum.label] || datum.label",
                labelFontSize=size,
                labelLineHeight=1.2 * size,
                labelBaseline="bottom",
                labelPadding=(tallest - 1) * 1.2 * size + 4,
                ticks=False,
            ),
        ),
        y=alt.Y(
            "option:N",
            sort=position_sort(),
            title=None,
            axis=option_axis(rows, labelFontSize=12 * rows),
        ),
        tooltip=[
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("criterion:N", title="Criterion"),
            alt.Tooltip("value:Q", title="Value (0-100)", format=".0f"),
            alt.Tooltip("performance_text:N", title="Raw performance"),
            alt.Tooltip("direction:N", title="Direction"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme=VALUE_SCHEME, domain=[0, 100]),
            title="Value",
            legend=alt.Legend(**shared_legend(scale)),
        )
    )
    text = base.mark_text(fontSize=12 * rows).encode(
        text=alt.Text("value:Q", format=".0f"),
        color=alt.condition("datum.value < 55", alt.value("white"), alt.value("black")),
    )
    return (
        alt.layer(cells, text)
        .properties(title=title, height=alt.Step(row_step(36, scale)))
        .configure(**chart_config(scale))
    )


def tradeoff_template(
    options: Labels, x_title: str, y_title: str, title: str, scale: float = 1.0
) -> alt.LayerChart:
    """Options on two criteria (value 0-100); efficient options filled and joined by a line.

    Rows: option, x, y, label, label_y and label_side (placed so labels do not overprint),
    x_text, y_text, efficient, status.
    """
    colour = alt.Color(
        "option:N",
        scale=_scale(options, OPTION_COLOURS),
        title="Option",
        legend=alt.Legend(**shared_legend(scale)),
    )
    ticks = alt.Axis(values=list(range(0, 101, 20)))
    padded = alt.Scale(domain=[-5, 105], nice=False)
    x = alt.X("x:Q", title=f"{x_title} (value 0-100)", scale=padded, axis=ticks)
    y = alt.Y("y:Q", title=f"{y_title} (value 0-100)", scale=padded, axis=ticks)
    tooltip = [
        alt.Tooltip("option:N", title="Option"),
        alt.Tooltip("x_text:N", title=x_title),
        alt.Tooltip("y_text:N", title=y_title),
        alt.Tooltip("status:N", title="On this pair"),
    ]
    frontier = (
        alt.Chart()
        .transform_filter("datum.efficient")
        .mark_line(color="#5f6673", strokeDash=[4, 3])
        .encode(x=x, y=y, order="x:Q")
    )
    points = (
        alt.Chart()
        .mark_point(size=170 * scale, strokeWidth=2.5, opacity=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            fill=alt.condition("datum.efficient", colour, alt.value("white")),
            tooltip=tooltip,
        )
    )
    labels = [  # written to the right of the point, or to its left where the right is taken
        alt.Chart()
        .transform_filter(f"datum.label_side == '{side}'")
        .mark_text(align=align, dx=dx, dy=-9, fontSize=11 * scale)
        .encode(
            x=x,
            y=alt.Y("label_y:Q", title=f"{y_title} (value 0-100)", scale=padded, axis=ticks),
            text="label:N",
            tooltip=tooltip,
        )
        for side, align, dx in ((RIGHT, "left", 10), (LEFT, "right", -10))
    ]
    leaders = (  # a label moved off its point is joined to it by a thin line
        alt.Chart()
        .transform_filter("abs(datum.label_y - datum.y) > 1e-9")
        .mark_rule(color="#9a9a9a", strokeWidth=1, aria=False)
        .encode(x=x, y=y, y2="label_y:Q")
    )
    return (
        alt.layer(frontier, leaders, points, *labels)
        .properties(title=title, height=plot_height(420, scale))
        .configure(**chart_config(scale))
    )


def acceptability_template(
    ranks: int, title: str, scale: float = 1.0, population: str = "plausible draws"
) -> alt.Chart:
    """For each option, the share of `population` (the plausible draws, or the participants of
    a meeting room) in which it takes each rank.

    Rows: option, rank (1st..), rank_order, share, position (0 = most often first), and
    `error` (the sampling error) when the population is sampled.
    """
    tooltip = [
        alt.Tooltip("option:N", title="Option"),
        alt.Tooltip("rank:N", title="Rank"),
        alt.Tooltip("share:Q", title=f"Share of {population}", format=".1%"),
    ]
    if population == "plausible draws":
        tooltip.append(alt.Tooltip("error:Q", title="Sampling error (±)", format=".1%"))
    return (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y(
                "option:N",
                sort=position_sort(),
                title=None,
                axis=option_axis(row_scale(scale), labelFontSize=12 * row_scale(scale)),
            ),
            x=alt.X(
                "sum(share):Q",
                title=f"Share of {population}",
                axis=alt.Axis(  # every 10%, in the rows' type
                    format="%",
                    values=[n / 10 for n in range(11)],
                    labelFontSize=12 * row_scale(scale),
                    titleFontSize=13 * row_scale(scale),
                ),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "rank:N",
                sort=alt.EncodingSortField("rank_order"),
                scale=alt.Scale(scheme=VALUE_SCHEME),
                legend=alt.Legend(title="Rank", **({"columns": ranks} | shared_legend(scale))),
            ),
            order=alt.Order("rank_order:Q"),
            tooltip=tooltip,
        )
        .properties(title=title, height=alt.Step(row_step(30, scale)))
        .configure(**chart_config(scale))
    )


TORNADO_LABEL_ROOM = 130  # pixels beyond the longest bars for "-4.9 (Keep stored leads)"


def tornado_template(title: str, scale: float = 1.0) -> alt.LayerChart:
    """The leader's margin over the runner-up with each assumption at either end of its range;
    the black line is the margin now, the dashed red one where the leader loses its lead.

    Rows: assumption, end, value, margin, current, leader, flips, moves, label, position.
    """
    rows = row_scale(scale)
    y = alt.Y(
        "assumption:N",
        sort=position_sort(),
        title=None,
        axis=assumption_axis(rows, labelFontSize=12 * rows),
    )
    tooltip = [
        alt.Tooltip("assumption:N", title="Assumption"),
        alt.Tooltip("end:N", title="At its"),
        alt.Tooltip("value:N", title="Value"),
        alt.Tooltip("margin:Q", title="Leader's margin (points)", format="+.2f"),
        alt.Tooltip("leader:N", title="Leading there"),
    ]
    bars = (
        alt.Chart()
        .mark_bar(opacity=0.85)
        .encode(
            y=y,
            x=alt.X(
                "margin:Q",
                title="Leader's margin over the runner-up (points)",
                scale=alt.Scale(padding=TORNADO_LABEL_ROOM * rows),
                axis=alt.Axis(  # a tick every point (every half point crowded at the desk)
                    tickCount=10, labelFontSize=12 * rows, titleFontSize=13 * rows
                ),
            ),
            x2="current:Q",
            yOffset=alt.YOffset("end:N", sort=["lowest", "highest"]),
            color=alt.Color(
                "end:N",
                scale=alt.Scale(domain=["lowest", "highest"], range=["#88CCEE", "#332288"]),
                title="Assumption at its",
                legend=alt.Legend(**shared_legend(scale)),
            ),
            tooltip=tooltip,
        )
    )
    ends = (
        alt.Chart().transform_filter("datum.moves")  # an end that moves nothing says nothing
    ).encode(
        y=y,
        yOffset=alt.YOffset("end:N", sort=["lowest", "highest"]),
        x="margin:Q",
        text="label:N",
        tooltip=tooltip,
    )
    # Each bar's end says its margin, written outwards from the tip (away from the margin now),
    # so a label never covers a bar or the line; the axis leaves room for it on either side.
    label = {"fontSize": 10 * rows, "fontWeight": "bold", "baseline": "middle"}
    above, below = "datum.margin >= datum.current", "datum.margin < datum.current"
    texts = []
    for where, align, dx in ((above, "left", 4), (below, "right", -4)):
        side = ends.transform_filter(where)
        texts.append(side.mark_text(**label, align=align, dx=dx, stroke="white", strokeWidth=3))
        texts.append(side.mark_text(**label, align=align, dx=dx))  # over a white halo
    now = (
        alt.Chart()
        .transform_aggregate(current="max(current)")
        .mark_rule(color="#000000", strokeWidth=2)
        .encode(x="current:Q", tooltip=alt.Tooltip("current:Q", title="Margin now", format="+.2f"))
    )
    zero = (  # one rule, not one per row
        alt.Chart()
        .transform_aggregate(rows="count()")
        .mark_rule(color="#b00020", strokeDash=[4, 3], aria=False)  # the title says what it is
        .encode(x=alt.datum(0))
    )
    return (
        alt.layer(bars, zero, now, *texts)
        .properties(title=title, height=alt.Step(row_step(28, scale) / 2))  # two bars a row
        .configure(**chart_config(scale))
    )


MAP_TICKS = 10


def decision_map_template(
    options: Labels, x_title: str, y_title: str, title: str, scale: float = 1.0
) -> alt.LayerChart:
    """Which option leads over a grid of two inputs; the current point is marked.

    Rows: option, x, y (cell centre), x_low, x_high, y_low, y_high (cell edges), margin,
    current (true on the one marker row).
    """
    # About ten ticks an axis (round steps: 5 over a 50-point range, 10 over 100), not Vega's
    # default of one every 40 pixels, which put a label at every second per cent.
    axis = alt.Axis(tickCount=MAP_TICKS)
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=False), axis=axis)
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False, nice=False), axis=axis)
    cells = (
        alt.Chart()
        .transform_filter("!datum.current")
        .mark_rect(strokeWidth=1)  # an outline in the cell's own colour hides seams
        .encode(
            x=alt.X("x_low:Q", title=x_title, scale=alt.Scale(zero=False, nice=False), axis=axis),
            x2="x_high:Q",
            y=alt.Y("y_low:Q", title=y_title, scale=alt.Scale(zero=False, nice=False), axis=axis),
            y2="y_high:Q",
            color=alt.Color("option:N", scale=_scale(options, OPTION_COLOURS), title="Leads"),
            stroke=alt.Stroke("option:N", scale=_scale(options, OPTION_COLOURS), title="Leads"),
            tooltip=[
                alt.Tooltip("option:N", title="Leading option"),
                alt.Tooltip("x:Q", title=x_title, format=".3~g"),
                alt.Tooltip("y:Q", title=y_title, format=".3~g"),
                alt.Tooltip("margin:Q", title="Its margin (points)", format=".1f"),
            ],
        )
    )
    marker = (
        alt.Chart()
        .transform_filter("datum.current")
        .mark_point(shape="cross", size=420 * scale, filled=True, color="white", stroke="black")
        .encode(x=x, y=y, tooltip=[alt.Tooltip("option:N", title="Leading now")])
    )
    return (
        alt.layer(cells, marker)
        .properties(title=title, height=plot_height(440, scale))
        .configure(**chart_config(scale))
    )


def comparison_template(scenarios: int, title: str, scale: float = 1.0) -> alt.Chart:
    """Each option's score in each compared scenario, as grouped horizontal bars.

    Rows: scenario, scenario_order, option, score, rank, position (model order).
    """
    return (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("option:N", sort=position_sort(), title=None, axis=option_axis(scale)),
            yOffset=alt.YOffset("scenario:N", sort=alt.EncodingSortField("scenario_order")),
            x=alt.X("score:Q", title="Overall score (points out of 100)"),
            color=alt.Color(
                "scenario:N",
                sort=alt.EncodingSortField("scenario_order"),
                scale=alt.Scale(range=list(COMPARISON_COLOURS[:scenarios])),
                title="Scenario",
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("option:N", title="Option"),
                alt.Tooltip("score:Q", title="Score", format=".1f"),
                alt.Tooltip("rank:Q", title="Rank"),
            ],
        )
        .properties(title=title, height=alt.Step(12 * scale))
        .configure(**chart_config(scale))
    )


def with_data(template: alt.TopLevelMixin, frame: pd.DataFrame) -> alt.TopLevelMixin:
    """The template as a complete Altair chart holding `frame`."""
    return template.properties(data=frame)


POSITION_CHANNELS = ("x", "y")


def describe_axes(spec: Any) -> None:
    """Give every drawn axis a fixed accessible name ("Y axis: option"), in place.

    Vega names a band axis by listing its values in order and a number axis by its range. The
    browser updates a chart in place when only its rows change (tests/test_chart_identity.py)
    but keeps those names as first drawn, so a screen reader heard the old order. The values
    themselves stay readable: each bar and point carries its own name."""
    if isinstance(spec, list):
        for part in spec:
            describe_axes(part)
        return
    if not isinstance(spec, dict):
        return
    for channel in POSITION_CHANNELS:
        encoding = spec.get("encoding", {}).get(channel)
        if (
            isinstance(encoding, dict)
            and "field" in encoding
            and encoding.get("axis", {}) is not None
        ):
            title = encoding.get("title") or encoding["field"]
            name = " ".join(title) if isinstance(title, list) else title
            axis = encoding.setdefault("axis", {})
            axis.setdefault("description", f"{channel.upper()} axis: {name}")
    for value in spec.values():
        describe_axes(value)


@lru_cache(maxsize=64)
def _compiled(builder: Callable[..., alt.TopLevelMixin], *args: Any) -> dict[str, Any]:
    spec = builder(*args).properties(data=alt.Data(name=DATASET)).to_dict()
    describe_axes(spec)
    return spec


def chart_spec(
    builder: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame, *args: Any
) -> dict[str, Any]:
    """Vega-Lite for `builder(*args)` with `frame` attached; the template compiles only once."""
    spec = dict(_compiled(builder, *args))
    spec["datasets"] = {DATASET: frame.to_dict(orient="records")}
    return spec
