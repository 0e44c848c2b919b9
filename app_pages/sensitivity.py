"""Sensitivity: how robust the recommendation is, and what would change it."""

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
    current_settings,
    discovery_for,
    information_for,
    map_for,
    report_for,
    what_it_takes_for,
)
from components.state import current_scenario
from components.views import chart_scale, scenario_caption, show_figure
from scoring import default_model, evaluate
from scoring.discovery import describe
from scoring.ids import weight_key
from scoring.map_axes import nearest_axes
from scoring.robustness import AnalysisSettings

model = default_model()
scenario = current_scenario(model)
defaults = AnalysisSettings()

st.header("Sensitivity")
result = evaluate(scenario, model)
scenario_caption(result)

with st.expander("How the plausible draws are made"):
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

settings = current_settings()
with st.spinner(f"Drawing {settings.draws:,} plausible scenarios…"):
    report = report_for(scenario, settings)

st.info(report.summary)
st.caption(f"Based on {settings.describe()}.")

show_figure(figures.acceptability(report, model, chart_scale()), scenario)
show_figure(figures.tornado(report, model, chart_scale()), scenario)
st.caption(
    "Each bar runs from the margin at the current settings to the margin with that assumption at "
    "the lowest or highest end of its range, the others as set; each end gives that margin, and "
    "who leads instead where first place changes. Assumptions that move nothing are left out."
)

st.subheader("Priority thresholds")
st.caption(
    "Moving one priority while the others keep their proportions, the share of the total at "
    "which another option takes first place (exact, not sampled)."
)
st.dataframe(
    thresholds_frame(report, model),
    hide_index=True,
    key="sens_thresholds",
    column_config={"Share now": st.column_config.NumberColumn(format="percent")},
)

axes = [a.id for a in model.assumptions] + [weight_key(c.id) for c in model.criteria]
default_x, default_y = nearest_axes(report, model)  # the two inputs nearest to a flip


@st.fragment
def decision_map_view() -> None:
    """Changing the axes redraws only the map."""
    st.subheader("Decision map")
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
    grid = map_for(scenario, x_axis, y_axis)
    show_figure(figures.decision_map(grid, model, chart_scale()), scenario)
    st.caption(
        f"{len(grid.x_values)} x {len(grid.y_values)} grid; everything else as set. The cross is "
        "the current scenario."
    )


decision_map_view()

st.subheader("Stakeholder profiles")
robust = model.options[report.stakeholders.robust]
st.markdown(
    f"Under every profile's priorities, at the current assumptions, the option with the "
    f"smallest worst-case regret is **{robust.label}**: the robust choice if the ministries "
    "cannot agree on priorities."
)
st.dataframe(
    stakeholder_frame(report, model),
    hide_index=True,
    key="sens_stakeholders",
    column_config={
        "Largest regret (points)": st.column_config.NumberColumn(format="%.1f"),
        "Robust choice": st.column_config.CheckboxColumn(),
    },
)
st.caption(
    "Profiles are stylised views kept in data/profiles.toml, not statements of any ministry's "
    "position. Regret: how far an option falls short of the best option under that profile."
)


@st.fragment
def find_out_first_view() -> None:
    """Value of information, last on the page and cached, so nothing above waits for it."""
    st.subheader("What to find out first")
    with st.spinner("Valuing information on each assumption…"):
        ranking = information_for(scenario, settings)
    everything = ranking.everything
    money = (
        f" (about US${everything.money_bn:.2f} bn at {ranking.points_per_bn:.2f} points per "
        "US$ bn, the money priority's trade-off rate)"
        if everything.money_bn is not None
        else ""
    )
    top = ranking.items[0]
    st.markdown(
        f"Knowing every assumption before deciding would be worth **{everything.points:.2f} "
        f"points**{money}. Most worth finding out: **{top.label}**, {top.points:.2f} points."
    )
    st.dataframe(
        information_frame(ranking),
        hide_index=True,
        key="sens_information",
        column_config={
            "Worth (points)": st.column_config.NumberColumn(format="%.3f"),
            "Sampling error (± points)": st.column_config.NumberColumn(format="%.3f"),
            "Worth (US$ bn)": st.column_config.NumberColumn(format="%.3f"),
        },
    )
    st.caption(
        f"Expected value of perfect information over {ranking.draws:,} draws around this "
        f"scenario (seed {ranking.seed}), the priorities held as set: what resolving an "
        "assumption, or a group of them settled by one party, would add on average to the "
        "score of the option chosen. Method: docs/robustness.md."
    )


@st.fragment
def what_it_takes_view() -> None:
    """For each option behind, the smallest change that would put it first (cached)."""
    st.subheader("What it would take")
    behind = tuple(entry.option_id for entry in result.ranking[1:])
    with st.spinner("Searching for the smallest change that puts each option first…"):
        sentences = what_it_takes_for(scenario, behind)
    st.markdown("\n".join(f"- {sentences[option_id]}" for option_id in behind))
    st.caption(
        "The smallest change, over assumptions and priorities together, that makes each option "
        "lead: distance counts each assumption's move as a share of its range and each "
        "priority's move in points of 100, added up. Found by search, not proof that nothing "
        "smaller exists. Method: docs/robustness.md."
    )


@st.fragment
def discovery_view() -> None:
    """Where each contender leads across the draws, as rules from a decision tree (cached)."""
    st.subheader("When each option leads")
    with st.spinner("Finding the conditions under which each option leads…"):
        contenders = discovery_for(scenario, settings)
    st.markdown("\n".join(f"- {describe(contender)}" for contender in contenders))
    st.caption(
        "Rules from a shallow decision tree (scikit-learn) fitted to which option wins each of "
        "the plausible draws. Coverage: the share of an option's wins the rule holds for; "
        "density: the share of draws inside the rule that the option wins."
    )


what_it_takes_view()
discovery_view()
find_out_first_view()
