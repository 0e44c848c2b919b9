"""Presenter: recommendation, trade-offs and sensitivity one step at a time, in large type.

Next and Previous answer to PageDown and PageUp, the keys a presentation clicker sends.
"""

from collections.abc import Callable

import streamlit as st

from briefing import figures
from briefing.theme import PRESENTATION_SCALE
from components.analysis import current_settings, information_for, map_for, report_for
from components.text import escape_markdown
from components.views import current_result, scenario_caption, show_figure
from scoring.leader import headline
from scoring.map_axes import nearest_axes
from scoring.verdict import lead_sentence, verdict, verdict_headline

STEP_KEY = "presenter_step"
SCALE = PRESENTATION_SCALE
TORNADO_ROWS = 10  # as many as fit under the step's title at 1280 x 800 in large type

model, result = current_result()
top = headline(result)


def recommendation() -> None:
    report = report_for(result.scenario, model, current_settings())
    st.title(verdict_headline(verdict(report, model), top))  # the same verdict as the page
    show_figure(figures.recommendation(result, model, SCALE))


def heatmap() -> None:
    st.title("Every option on every criterion")
    show_figure(figures.value_heatmap(result, model, SCALE))


def tradeoff() -> None:
    st.title("The central trade-off")
    show_figure(figures.tradeoff(result, model, figures.DEFAULT_PAIR, SCALE))


def acceptability() -> None:
    report = report_for(result.scenario, model, current_settings())
    st.title("How robust is it?")
    st.markdown(escape_markdown(lead_sentence(report, model), limit=600))  # plain words, short
    show_figure(figures.acceptability(report, model, SCALE))


def tornado() -> None:
    report = report_for(result.scenario, model, current_settings())
    st.title("What would change it")
    show_figure(figures.tornado(report, model, SCALE, most=TORNADO_ROWS))


def decision_map() -> None:
    st.title("Where the recommendation holds")
    report = report_for(result.scenario, model, current_settings())
    grid = map_for(result.scenario, model, *nearest_axes(report, model))
    show_figure(figures.decision_map(grid, model, SCALE))


def find_out_first() -> None:
    ranking = information_for(result.scenario, model, current_settings())
    top_items = ranking.items[:3]
    st.title(f"Worth finding out first: {top_items[0].label}")
    st.markdown(
        "\n".join(
            f"- **{item.label}**: {item.points:.2f} points"
            + (f" (about US${item.money_bn:.2f} bn)" if item.money_bn is not None else "")
            for item in top_items
        )
    )
    st.markdown(
        f"Knowing every assumption before deciding would be worth {ranking.everything.points:.2f} "
        "points on average: the expected value of perfect information, the priorities as set."
    )


STEPS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("Recommendation", recommendation),
    ("Trade-offs: all criteria", heatmap),
    ("Trade-offs: two criteria", tradeoff),
    ("Sensitivity: plausible draws", acceptability),
    ("Sensitivity: one assumption at a time", tornado),
    ("Sensitivity: decision map", decision_map),
    ("What to find out first", find_out_first),
)


def move(step: int) -> None:
    """Callback of the navigation buttons."""
    current = st.session_state.get(STEP_KEY, 0)
    st.session_state[STEP_KEY] = min(max(current + step, 0), len(STEPS) - 1)


step = st.session_state.get(STEP_KEY, 0)
title, draw = STEPS[step]
back, where, forward = st.columns([1, 3, 1], vertical_alignment="center")
back.button(
    "Previous",
    key="presenter_previous",
    on_click=move,
    args=(-1,),
    disabled=step == 0,
    shortcut="PageUp",
    width="stretch",
)
where.markdown(f"**Step {step + 1} of {len(STEPS)}**: {title}")
forward.button(
    "Next",
    key="presenter_next",
    on_click=move,
    args=(1,),
    disabled=step == len(STEPS) - 1,
    shortcut="PageDown",
    type="primary",
    width="stretch",
)
draw()
scenario_caption(result)
