"""The dashboard's first chart alone, for the latency benchmark: one sidebar slider (the F-35
priority, 0-100) redraws the Recommendation page's contributions chart as the dashboard draws
it, with nothing else on the page."""

import streamlit as st

from briefing import figures
from components.views import show_figure
from scoring import Scenario, default_model, evaluate

model = default_model()
level = st.sidebar.slider("F-35 priority (0-100)", 0, 100, 50, key="level")
result = evaluate(Scenario.build({"weights": {"f35_prospects": level}}, model), model)
show_figure(figures.recommendation(result, model))
