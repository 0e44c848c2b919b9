"""Sensitivity: how robust the recommendation is, and what would change it."""

import streamlit as st

from components.analysis import current_settings, report_for
from components.sensitivity_sections import SECTION_KEY, SECTIONS, Context, draw_settings
from components.text import escape_markdown
from components.views import current_result, scenario_caption
from scoring.verdict import lead_sentence

model, result = current_result()

st.header("Sensitivity")
scenario_caption(result)
settings = current_settings()
with st.spinner(f"Drawing {settings.draws:,} plausible scenarios…"):
    report = report_for(result.scenario, model, settings)
st.markdown(escape_markdown(lead_sentence(report, model), limit=600))
with st.expander("How the plausible draws are made"):
    st.caption(f"Based on {settings.describe()}.")
    draw_settings()

# One section at a time, each drawn only while open; the tab list takes arrow keys.
context = Context(model, result, report, settings)
for tab, draw in zip(
    st.tabs(list(SECTIONS), key=SECTION_KEY, on_change="rerun"), SECTIONS.values(), strict=True
):
    if tab.open:
        with tab:
            draw(context)
