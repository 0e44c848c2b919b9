"""The dashboard's frame with its first chart and nothing else, for the latency benchmark: the
sidebar's sliders in their fragment (a move reruns the page fragment alone, as in app.py) and
the Recommendation page's chart in the page fragment, without the verdict, its analysis, the
figures, the tables or the navigation: the floor that no cut to the page's content goes below."""

import streamlit as st

from briefing import figures
from components import state
from components.controls import render_controls
from components.views import show_figure
from scoring import default_model, evaluate

model = default_model()
st.set_page_config(page_title="Frame alone", layout="wide")
state.adopt_url(model)


@st.fragment(key=state.PAGE_FRAGMENT)
def page() -> None:
    show_figure(figures.recommendation(evaluate(state.current_scenario(model), model), model))


@st.fragment(key=state.SIDEBAR_FRAGMENT)
def sidebar() -> None:
    render_controls(model, st.container(), detailed=False)


page()
with st.sidebar:
    sidebar()
