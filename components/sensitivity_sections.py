"""The Sensitivity page's sections: the draw settings, and one function per tab.

Each tab is drawn only while it is open (`st.tabs` with `on_change="rerun"`), so a slider move
recomputes what is on screen and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from briefing import figures
from briefing.sensitivity_frames import (
    axis_label,
    information_frame,
    stakeholder_frame,
    thresholds_frame,
)
from components.analysis import (
    DRAW_CHOICES,
    KEYS,
    discovery_for,
    information_for,
    map_for,
    what_it_takes_for,
)
from components.grids import show_grid
from components.views import chart_scale, show_figure
from scoring import DecisionModel, Result, Scenario
from scoring.discovery import describe
from scoring.ids import weight_key
from scoring.map_axes import nearest_axes
from scoring.report import SensitivityReport
from scoring.robustness import AnalysisSettings

SECTION_KEY = "sens_section"


def draw_settings() -> None:
    """How the plausible draws are made: the inputs of every sampled section."""
    defaults = AnalysisSettings()
    left, middle, right = st.columns(3)
    left.selectbox(
        "Number of draws",
        DRAW_CHOICES,
        index=DRAW_CHOICES.index(defaults.draws),
        format_func="{:,}".format,
        key=KEYS["draws"],
        persist_state="session",
        help="More draws narrow the sampling error (shown in the chart's tooltips).",
    )
    middle.number_input(
        "Random seed",
        min_value=0,
        max_value=2**31 - 1,
        value=defaults.seed,
        step=1,
        key=KEYS["seed"],
        persist_state="session",
        help="The same seed always gives the same numbers.",
    )
    right.slider(
        "Assumption spread (share of each range)",
        0.0,
        1.0,
        defaults.spread,
        0.05,
        key=KEYS["spread"],
        persist_state="session",
        help="Each assumption is drawn so that its draws average its current value; 1 spans "
        "its whole plausible range, 0 holds it fixed.",
    )
    mode_column, band_column = st.columns(2)
    mode_column.radio(
        "Priorities in the draws",
        ["band", "simplex"],
        format_func={
            "band": "Near the priorities set",
            "simplex": "Any priorities (no preference information)",
        }.get,
        key=KEYS["weight_mode"],
        persist_state="session",
        horizontal=True,
    )
    band_column.slider(
        "Band around each priority (±)",
        0.0,
        0.9,
        defaults.band,
        0.05,
        format="%.2f",
        key=KEYS["band"],
        persist_state="session",
        disabled=st.session_state.get(KEYS["weight_mode"], "band") != "band",
    )
    st.toggle(
        "Draw judgement scores within their ranges",
        value=defaults.judgement_uncertainty,
        key=KEYS["judgement_uncertainty"],
        persist_state="session",
        help="Each analyst score (0-100 points) is drawn between the low and high declared with "
        "it in data/options, averaging the stated score; off holds every score as stated.",
    )


@dataclass(frozen=True)
class Context:
    """What every section reads: the model, the evaluation on screen, its report and settings."""

    model: DecisionModel
    result: Result
    report: SensitivityReport
    settings: AnalysisSettings

    @property
    def scenario(self) -> Scenario:
        return self.result.scenario


def plausible_draws(ctx: Context) -> None:
    """Rank acceptability, with the whole robustness paragraph a click away."""
    show_figure(figures.acceptability(ctx.report, ctx.model, chart_scale()), ctx.scenario)
    with st.expander("The robustness summary in full"):
        st.info(ctx.report.summary)


def one_at_a_time(ctx: Context) -> None:
    """The tornado (assumptions) and the priority thresholds: one input moved, the rest held."""
    show_figure(figures.tornado(ctx.report, ctx.model, chart_scale()), ctx.scenario)
    st.caption(
        "Each bar: the leader's margin with that one assumption at the low or high end of its "
        "range. Assumptions that move nothing are left out."
    )
    st.subheader("Priority thresholds")
    st.caption(
        "The share of the total at which another option takes first place, one priority moved "
        "and the others in proportion (exact, not sampled)."
    )
    show_grid(
        thresholds_frame(ctx.report, ctx.model),
        key="sens_thresholds",
        alt="For each priority, its share now and the share at which another option takes "
        "first place.",
        column_config={"Share now": st.column_config.NumberColumn(format="percent")},
    )


@st.fragment
def decision_map(ctx: Context) -> None:
    """The map over two inputs, opening on the two nearest to a flip; changing the axes
    redraws only the map."""
    model = ctx.model
    axes = [a.id for a in model.assumptions] + [weight_key(c.id) for c in model.criteria]
    default_x, default_y = nearest_axes(ctx.report, model)
    left, right = st.columns(2)
    x_axis = left.selectbox(
        "Horizontal axis",
        axes,
        index=axes.index(default_x),
        format_func=lambda axis: axis_label(axis, model),
        key="sens_map_x",
    )
    y_axis = right.selectbox(
        "Vertical axis",
        axes,
        index=axes.index(default_y),
        format_func=lambda axis: axis_label(axis, model),
        key="sens_map_y",
    )
    if x_axis == y_axis:
        st.warning("Choose two different inputs for the map's axes.")
        return
    grid = map_for(ctx.scenario, model, x_axis, y_axis)
    show_figure(figures.decision_map(grid, model, chart_scale()), ctx.scenario)
    st.caption(
        f"{len(grid.x_values)} x {len(grid.y_values)} grid; everything else as set. The cross "
        "is the current scenario."
    )


# Pixels: at 1280 px with the sidebar open (818 px of table) every column shows its header.
STAKEHOLDER_WIDTHS = {
    "Option": 220,
    "Largest regret (points)": 160,
    "Robust choice": 70,
    "Worst rank": 90,
    "profile": 85,
}


def stakeholders(ctx: Context) -> None:
    """Each option's rank under every profile; the robust choice has the smallest regret."""
    model = ctx.model
    robust = model.options[ctx.report.stakeholders.robust]
    st.markdown(
        f"Under every profile's priorities, the option with the smallest worst-case regret is "
        f"**{robust.label}**: the robust choice if the ministries cannot agree on priorities."
    )
    profiles = [model.profile(profile_id) for profile_id in ctx.report.stakeholders.profile_ids]
    ranks = {
        profile.short_label: st.column_config.NumberColumn(
            width=STAKEHOLDER_WIDTHS["profile"],
            help=f"Rank under the {profile.label} profile: {profile.description}",
        )
        for profile in profiles
    }
    show_grid(
        stakeholder_frame(ctx.report, model),
        key="sens_stakeholders",
        alt="Each option's largest regret, whether it is the robust choice, its worst rank and "
        "its rank under each stakeholder profile.",
        column_config={
            "Option": st.column_config.TextColumn(width=STAKEHOLDER_WIDTHS["Option"]),
            "Largest regret (points)": st.column_config.NumberColumn(
                format="%.1f",
                width=STAKEHOLDER_WIDTHS["Largest regret (points)"],
                help="Regret: how far an option's score falls short of the best option's under "
                "a profile. This is its largest, under the profile least kind to it.",
            ),
            "Robust choice": st.column_config.CheckboxColumn(
                "Robust", width=STAKEHOLDER_WIDTHS["Robust choice"]
            ),
            "Worst rank": st.column_config.NumberColumn(width=STAKEHOLDER_WIDTHS["Worst rank"]),
            **ranks,
        },
    )
    st.caption(
        "Ranks under stylised profiles kept in data/profiles.toml, not statements of any "
        "ministry's position."
    )


def what_would_change_it(ctx: Context) -> None:
    """For each option behind, the smallest change that would put it first; then the rules
    under which each contender leads across the draws."""
    st.subheader("What it would take")
    behind = tuple(entry.option_id for entry in ctx.result.ranking[1:])
    with st.spinner("Searching for the smallest change that puts each option first…"):
        sentences = what_it_takes_for(ctx.scenario, ctx.model, behind)
    st.markdown("\n".join(f"- {sentences[option_id]}" for option_id in behind))
    with st.expander("How the smallest change is found"):
        st.markdown(
            "The smallest change over assumptions and priorities together that makes each "
            "option lead. Distance counts each assumption's move as a share of its range and "
            "each priority's move in points of 100, added up. It is found by search, not proof "
            "that nothing smaller exists. Method: docs/robustness.md."
        )
    st.subheader("When each option leads")
    with st.spinner("Finding the conditions under which each option leads…"):
        contenders = discovery_for(ctx.scenario, ctx.model, ctx.settings)
    st.markdown("\n".join(f"- {describe(contender)}" for contender in contenders))
    with st.expander("How these rules are found"):
        st.markdown(
            "Rules from a shallow decision tree (scikit-learn) fitted to which option wins each "
            "of the plausible draws. Coverage: the share of an option's wins the rule holds "
            "for; density: the share of draws inside the rule that the option wins."
        )


def find_out_first(ctx: Context) -> None:
    """Value of information: what resolving each assumption would be worth."""
    with st.spinner("Valuing information on each assumption…"):
        ranking = information_for(ctx.scenario, ctx.model, ctx.settings)
    everything = ranking.everything
    money = (
        # `\$`: two dollar signs in one paragraph would otherwise be read as LaTeX.
        f" (about US\\${everything.money_bn:.2f} bn at {ranking.points_per_bn:.2f} points per "
        "US\\$ bn, the money priority's trade-off rate)"
        if everything.money_bn is not None
        else ""
    )
    top = ranking.items[0]
    st.markdown(
        f"Knowing every assumption before deciding would be worth **{everything.points:.2f} "
        f"points**{money}. Most worth finding out: **{top.label}**, {top.points:.2f} points."
    )
    show_grid(
        information_frame(ranking),
        key="sens_information",
        alt="What is most worth finding out first: each assumption's worth in points and US$ bn "
        "with its sampling error.",
        column_config={
            "Worth (points)": st.column_config.NumberColumn(format="%.3f"),
            "Sampling error (± points)": st.column_config.NumberColumn(format="%.3f"),
            "Worth (US$ bn)": st.column_config.NumberColumn(format="%.3f"),
        },
    )
    with st.expander("What the worth means"):
        st.markdown(
            f"Expected value of perfect information over {ranking.draws:,} draws around this "
            f"scenario (seed {ranking.seed}), the priorities held as set: what resolving an "
            "assumption, or a group of them settled by one party, would add on average to the "
            "score of the option chosen. Method: docs/robustness.md."
        )


SECTIONS: dict[str, Callable[[Context], None]] = {
    "Draws": plausible_draws,
    "One at a time": one_at_a_time,
    "Decision map": decision_map,
    "Stakeholders": stakeholders,
    "What would change it": what_would_change_it,
    "Find out first": find_out_first,
}
