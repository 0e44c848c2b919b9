"""Tidy DataFrames from a robustness report, for the Sensitivity page's charts and tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring import DecisionModel
from scoring.ids import weight_criterion
from scoring.leader import ordinal
from scoring.report import SensitivityReport
from scoring.sensitivity import DecisionMap
from scoring.units import is_fraction, scale_words, setting_text
from scoring.what_to_find_out import InformationRanking


def acceptability_frame(report: SensitivityReport, model: DecisionModel) -> pd.DataFrame:
    """Rows for `acceptability_template`: share of draws in which each option takes each rank."""
    options = len(model.options)
    order = np.argsort(-report.rank_acceptability[:, 0], kind="stable")
    position = np.empty(options, dtype=int)
    position[order] = np.arange(options)
    return pd.DataFrame(
        {
            "option_id": np.repeat(model.option_ids, options),
            "option": np.repeat([o.label for o in model.options], options),
            "rank": np.tile([ordinal(r) for r in range(1, options + 1)], options),
            "rank_order": np.tile(np.arange(options), options),
            "share": report.rank_acceptability.ravel(),
            "error": report.acceptability_error.ravel(),
            "position": np.repeat(position, options),
        }
    )


NO_SWING = 0.05  # points: a bar this short would not show


def _signed_points(margin: float) -> str:
    """A margin to one decimal, or two where one would read 0.0 (a lead lost by nothing)."""
    return f"{margin:+.1f}" if abs(margin) >= 0.05 else f"{margin:+.2f}"


def tornado_frame(report: SensitivityReport, model: DecisionModel) -> pd.DataFrame:
    """Rows for `tornado_template`: the leader's margin at each end of each assumption's range.
    Assumptions that move no margin (under 0.05 points either way) are left out: an empty row
    says nothing. `label` is what the bar's end says: the margin, and who leads if it flips."""
    tornado = report.tornado
    short = [o.short_label for o in model.options]
    rows = []
    swings = [
        max(abs(bar.margin_low - tornado.margin), abs(bar.margin_high - tornado.margin))
        for bar in tornado.bars
    ]
    order = [n for n in np.argsort(-np.array(swings), kind="stable") if swings[n] >= NO_SWING]
    for position, index in enumerate(order):
        bar = tornado.bars[index]
        spec = model.assumptions[bar.assumption]
        for end, value, margin, leader in (
            ("lowest", bar.low, bar.margin_low, bar.leader_low),
            ("highest", bar.high, bar.margin_high, bar.leader_high),
        ):
            rows.append(
                {
                    "assumption": spec.label,
                    "end": end,
                    "value": setting_text(value, spec.unit),
                    "margin": margin,
                    "current": tornado.margin,
                    "leader": short[leader],
                    "flips": leader != tornado.leader,
                    "moves": abs(margin - tornado.margin) >= NO_SWING,
                    "label": _signed_points(margin)
                    + (f" ({short[leader]} leads)" if leader != tornado.leader else ""),
                    "position": position,
                }
            )
    return pd.DataFrame(rows)


def map_frame(grid: DecisionMap, model: DecisionModel, merged: bool = False) -> pd.DataFrame:
    """Rows for `decision_map_template`: the leading option in every cell, and the current point.

    `merged` joins neighbouring rows with the same leaders, then neighbouring cells that share a
    leader, into one rectangle (its margin the smallest of its cells): the same picture with far
    fewer shapes and no seams between them, for static exports.
    """
    rows, columns = grid.leaders.shape
    band_starts = np.ones(rows, dtype=bool)
    if merged:
        band_starts[1:] = (grid.leaders[1:] != grid.leaders[:-1]).any(axis=1)
    top_row = np.flatnonzero(band_starts)  # each band's first row
    bottom_row = np.append(top_row[1:], rows) - 1
    leaders = grid.leaders[top_row]
    run_starts = np.ones(leaders.shape, dtype=bool)
    if merged:
        run_starts[:, 1:] = leaders[:, 1:] != leaders[:, :-1]
    first = np.flatnonzero(run_starts)  # each rectangle's first cell, counted within bands
    last = np.append(first[1:], leaders.size) - 1
    band, first_column = np.divmod(first, columns)
    last_column = last % columns
    margins = np.minimum.reduceat(grid.margins, top_row, axis=0).ravel()
    x_half = np.diff(grid.x_values).mean() / 2
    y_half = np.diff(grid.y_values).mean() / 2
    x_low = grid.x_values[first_column] - x_half
    x_high = grid.x_values[last_column] + x_half
    y_low = grid.y_values[top_row[band]] - y_half
    y_high = grid.y_values[bottom_row[band]] + y_half
    labels = np.array([o.label for o in model.options])
    x_scale, y_scale = _axis_scale(grid.x_axis, model), _axis_scale(grid.y_axis, model)
    x_low, x_high = x_low * x_scale, x_high * x_scale
    y_low, y_high = y_low * y_scale, y_high * y_scale
    cells = pd.DataFrame(
        {
            "option": labels[leaders.ravel()[first]],
            "x": (x_low + x_high) / 2,
            "y": (y_low + y_high) / 2,
            "x_low": x_low,
            "x_high": x_high,
            "y_low": y_low,
            "y_high": y_high,
            "margin": np.minimum.reduceat(margins, first),
            "current": False,
        }
    )
    marker = pd.DataFrame(
        {
            "option": [labels[grid.current_leader]],
            "x": [grid.current[0] * x_scale],
            "y": [grid.current[1] * y_scale],
            "margin": [np.nan],
            "current": [True],
        }
    )
    return pd.concat([cells, marker], ignore_index=True)


def axis_label(axis: str, model: DecisionModel) -> str:
    """A decision-map axis named for a reader, with its unit (per cent for a probability or a
    share, which `map_frame` draws as such)."""
    criterion = weight_criterion(axis)
    if criterion is not None:
        return f"{model.criterion(criterion).priority_label} (slider 0-100)"
    spec = model.assumption(axis)
    return f"{spec.label} ({scale_words(spec.unit, model.info.constants.horizon_years.value)})"


def _axis_scale(axis: str, model: DecisionModel) -> float:
    """100 for an assumption read in per cent (a probability, a share), else 1."""
    return (
        1.0
        if weight_criterion(axis) is not None
        else (100.0 if is_fraction(model.assumption(axis).unit) else 1.0)
    )


def thresholds_frame(report: SensitivityReport, model: DecisionModel) -> pd.DataFrame:
    """Per priority: the share at which the leader changes, and who takes over."""
    short = [o.short_label for o in model.options]

    def switch(share: float | None, slider: float | None, leader: int | None) -> str:
        if share is None or leader is None:
            return "never"
        where = f" (slider {slider:.0f})" if slider is not None else ""
        return f"{share:.1%}{where}: {short[leader]}"

    return pd.DataFrame(
        [
            {
                "Priority": model.criteria[t.criterion].priority_label,
                "Share now": t.weight,
                "Leader changes if it falls below": switch(t.below, t.below_slider, t.below_leader),
                "Leader changes if it rises above": switch(t.above, t.above_slider, t.above_leader),
            }
            for t in report.weight_thresholds
        ]
    )


def stakeholder_frame(report: SensitivityReport, model: DecisionModel) -> pd.DataFrame:
    """Each option's largest regret, whether it is the robust choice, its worst rank and its
    rank under every stakeholder profile (headed by its short label): the deciding columns
    first, so a narrow table keeps them in view. Options go by their short labels, as in the
    priority thresholds: a strategy's full name would not fit beside them at 1280 pixels."""
    table = report.stakeholders
    frame = pd.DataFrame(
        {
            "Option": [o.short_label for o in model.options],
            "Largest regret (points)": table.max_regret,
            "Robust choice": [m == table.robust for m in range(len(model.options))],
            "Worst rank": table.worst_rank,
        }
    )
    for p, profile_id in enumerate(table.profile_ids):
        frame[model.profile(profile_id).short_label] = table.ranks[p]
    return frame.sort_values(["Largest regret (points)", "Worst rank"]).reset_index(drop=True)


INFORMATION_ROWS = 8
INFORMATION_KINDS = {"assumption": "Assumption", "group": "Group", "everything": "Everything"}


def information_frame(ranking: InformationRanking) -> pd.DataFrame:
    """The most valuable things to find out first: value of perfect information in points and,
    where the money criterion gives a rate, in US$ bn; knowing everything last."""
    rows = [*ranking.items[:INFORMATION_ROWS], ranking.everything]
    return pd.DataFrame(
        {
            "What to find out": [item.label for item in rows],
            "Kind": [INFORMATION_KINDS[item.kind] for item in rows],
            "Worth (points)": [item.points for item in rows],
            "Sampling error (± points)": [item.error for item in rows],
            "Worth (US$ bn)": [np.nan if item.money_bn is None else item.money_bn for item in rows],
        }
    )
