"""Shared page pieces: the current evaluation, the baseline, and chart display."""

from __future__ import annotations

import time
from functools import cache

import streamlit as st

from briefing.figures import Figure
from briefing.marking import marking
from briefing.theme import PRESENTATION_SCALE
from components.export_buttons import snapshot_buttons
from components.state import current_scenario, presenting
from components.text import escape_markdown, literal
from scoring import DecisionModel, Result, Scenario, default_model, evaluate


@cache
def baseline_result(model: DecisionModel) -> Result:
    """The baseline's evaluation (model data only, shared by every session)."""
    return evaluate(Scenario.build({}, model), model)


def current_result() -> tuple[DecisionModel, Result]:
    """The model and the evaluation of the scenario on screen."""
    model = default_model()
    return model, evaluate(current_scenario(model), model)


def scenario_caption(result: Result) -> None:
    """Which scenario and model a page shows (the name is user text: shown literally)."""
    st.caption(f"Scenario: {literal(result.scenario.name)} · model {result.model_version}")


def show_figure(figure: Figure, scenario: Scenario | None = None) -> None:
    """Draw a catalogue figure under its fixed key; with a scenario, offer its snapshots.

    The title is page text, which wraps at any width: inside the chart, Streamlit cuts it to the
    width the chart first had, so it stayed cut after the sidebar closed. Exports keep it inside.
    """
    st.markdown(f"**{escape_markdown(figure.title)}**")
    spec = {key: value for key, value in figure.spec.items() if key != "title"}
    st.vega_lite_chart(spec, key=figure.key, alt=figure.alt, theme=None, width="stretch")
    if scenario is not None and not presenting():
        snapshot_buttons(figure, scenario, default_model())


def send_what_is_drawn(pause: float = 0.01) -> None:
    """Let the server send what this run has drawn before a heavy computation starts.

    Elements leave through the server's event loop, which needs the interpreter lock; a long
    NumPy computation in the script thread would hold them back. A short sleep releases it, so
    the chart redraws first (measured: about 15 ms sooner per key press, benchmarks/ui_latency.py).
    """
    time.sleep(pause)


def chart_scale() -> float:
    """Chart text size: larger, with high contrast, in presentation mode."""
    return PRESENTATION_SCALE if presenting() else 1.0


PRESENTATION_STYLE = """<style>
[data-testid="stMain"] { color: #000000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.5rem; }
[data-testid="stMain"] h1 { font-size: 3.4rem; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 3.4rem; color: #000000; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.4rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] * { color: #222222; font-size: 1.2rem; }
</style>"""


def presentation_style(on_stage: bool) -> None:
    """Larger, high-contrast page text for screen sharing (a fixed style sheet, no user text)."""
    if on_stage:
        st.html(PRESENTATION_STYLE)


def marking_banner() -> None:
    """The configured marking line, on screen as on every export."""
    text = marking()
    if text:
        st.markdown(f":red-background[**{escape_markdown(text)}**]")


def show_headline(text: str) -> None:
    """A page's main statement: page-title size in presentation mode."""
    (st.title if presenting() else st.subheader)(text)
