"""Altair templates for the "When" view: scores by decision year, and a strategy's tree
(data-free, compiled once by `briefing.charts.chart_spec`; no Streamlit)."""

from __future__ import annotations

import altair as alt

from briefing.charts import Labels
from briefing.theme import OPTION_COLOURS, chart_config
from briefing.when_frames import OPTION_KIND, STRATEGY_KIND


def _option_scale(options: Labels) -> alt.Scale:
    return alt.Scale(
        domain=[label for _, label in options], range=[OPTION_COLOURS[i] for i, _ in options]
    )


YEAR_CHART_HEIGHT = 360  # pixels at scale 1; when_frames.LABEL_LINE_SHARE assumes it
YEAR_TITLE = "Decision taken in (years from now)"
SCORE_TITLE = "Score (0-100)"
STRATEGY_DASH = [7, 4]


def score_by_year_template(
    options: Labels, years: tuple[int, ...], title: str, scale: float = 1.0
) -> alt.LayerChart:
    """One line per option and strategy (dashed): its score if the decision is taken now or
    that many years later, named at its end.

    Rows: option, short, kind, year, decision_year, score, end, label_y (from
    `when_frames.score_by_year_frame`).
    """
    x = alt.X(
        "year:Q",
        title=YEAR_TITLE,
        scale=alt.Scale(domain=[years[0], years[-1]], nice=False),
        axis=alt.Axis(values=list(years), format="d"),
    )
    y = alt.Y("score:Q", title=SCORE_TITLE, scale=alt.Scale(zero=False))
    colour = alt.Color("option:N", scale=_option_scale(options), legend=None)
    dash = alt.StrokeDash(
        "kind:N",
        scale=alt.Scale(domain=[OPTION_KIND, STRATEGY_KIND], range=[[1, 0], STRATEGY_DASH]),
        legend=alt.Legend(title=None, symbolStrokeWidth=2.5, symbolSize=400 * scale),
    )
    tooltip = [
        alt.Tooltip("option:N", title="Option or strategy"),
        alt.Tooltip("year:Q", title="Decision taken in (years from now)"),
        alt.Tooltip("decision_year:Q", title="Decision year", format="d"),
        alt.Tooltip("score:Q", title="Score (0-100)", format=".1f"),
    ]
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=2.5 * min(scale, 1.2), aria=False)
        .encode(x=x, y=y, color=colour, strokeDash=dash, detail="option:N")
    )
    points = (
        alt.Chart()
        .transform_calculate(
            said="datum.option + ', decided in ' + datum.decision_year + ': '"
            " + format(datum.score, '.1f') + ' points'"
        )
        .mark_point(filled=True, size=45 * scale, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=tooltip, description="said:N")
    )
    ends = alt.Chart().transform_filter("datum.end")
    label_y = alt.Y("label_y:Q", title=SCORE_TITLE, scale=alt.Scale(zero=False))
    keys = ends.mark_text(text="■", align="left", dx=8 * scale, fontSize=13 * scale, aria=False)
    keys = keys.encode(x=x, y=label_y, color=colour)
    names = ends.mark_text(align="left", dx=22 * scale, fontSize=12 * scale, aria=False).encode(
        x=x, y=label_y, text="short:N", tooltip=tooltip
    )
    return (
        alt.layer(lines, points, keys, names)
        .properties(title=title, height=YEAR_CHART_HEIGHT * scale)
        .configure(**chart_config(scale))
    )


# The tree's columns, on one horizontal scale: probability bars over 0-100 %, then text columns.
SCORE_COLUMN, STARTS_COLUMN, TREE_SPAN = 108.0, 134.0, 175.0
TREE_ROW = 68  # pixels per branch at scale 1: up to four lines of path text
PROBABILITY_TITLE = "Chance of this branch (%)"


def strategy_tree_template(
    endings: tuple[tuple[str, str], ...], title: str, scale: float = 1.0
) -> alt.LayerChart:
    """Each way a strategy can end, one row per branch in the order they can happen: its path
    (one step a line), a bar for its probability (%) in the colour of what it ends with (the
    (ending, colour) pairs of `endings`), its score (points) and when its last attempt starts.

    Rows: order, path, ends_with, probability (%), score, starts (from
    `when_frames.tree_frame`).
    """
    y = alt.Y("path:N", sort=alt.EncodingSortField("order", op="min"), title=None, axis=None)
    x = alt.X(
        "probability:Q",
        title=PROBABILITY_TITLE,
        scale=alt.Scale(domain=[0, TREE_SPAN], nice=False),
        axis=alt.Axis(values=list(range(0, 101, 25)), domain=False),
    )
    colour = alt.Color(
        "ends_with:N",
        scale=alt.Scale(domain=[e for e, _ in endings], range=[c for _, c in endings]),
        legend=alt.Legend(title="Ends with", orient="top", symbolType="square"),
    )
    tooltip = [
        alt.Tooltip("path:N", title="Branch"),
        alt.Tooltip("ends_with:N", title="Ends with"),
        alt.Tooltip("probability:Q", title="Chance (%)", format=".1f"),
        alt.Tooltip("score:Q", title="Score (points)", format=".1f"),
        alt.Tooltip("starts:N", title="Last attempt"),
    ]
    rows = alt.Chart().transform_calculate(
        said="datum.path + ': ' + format(datum.probability, '.0f') + ' per cent chance, ends with '"
        " + datum.ends_with + ', score ' + format(datum.score, '.1f') + ', ' + datum.starts"
    )
    bars = rows.mark_bar(height={"band": 0.5}).encode(
        y=y, x=x, color=colour, tooltip=tooltip, description="said:N"
    )
    text = {"align": "left", "baseline": "middle", "fontSize": 12 * scale, "aria": False}
    per_cent = rows.transform_calculate(shown="format(datum.probability, '.0f') + ' %'")
    chances = per_cent.mark_text(**text, dx=4 * scale).encode(y=y, x=x, text="shown:N")
    scores = (
        rows.transform_calculate(shown="'score ' + format(datum.score, '.1f')")
        .mark_text(**text, fontWeight="bold")
        .encode(y=y, x=alt.datum(SCORE_COLUMN), text="shown:N", tooltip=tooltip)
    )
    starts = rows.mark_text(**text).encode(
        y=y, x=alt.datum(STARTS_COLUMN), text="starts:N", tooltip=tooltip
    )
    # Left of the plot, each path's block of lines centred on its bar (Vega sets a block's
    # first line on the baseline, so it is raised by half the lines after the first).
    line = 16 * scale
    paths = rows.mark_text(
        **text | {"align": "right", "lineBreak": "\n", "lineHeight": line},
        dx=-8 * scale,
        dy=alt.ExprRef(f"-(length(split(datum.path, '\\n')) - 1) * {line / 2}"),
    ).encode(y=y, x=alt.value(0), text="path:N")
    return (
        alt.layer(bars, chances, scores, starts, paths)
        .properties(title=title, height=alt.Step(TREE_ROW * scale))
        .configure(**chart_config(scale))
    )
