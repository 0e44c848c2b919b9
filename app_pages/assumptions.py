"""Assumptions & priorities: every setting with its basis and evidence, grouped by theme."""

import streamlit as st

from components.grids import show_grid
from components.state import differences, reserve_controls_slot
from components.text import escape_markdown
from components.views import current_result, result_strip, scenario_caption
from scoring.swing import swing_sentence

model, result = current_result()

st.header("Assumptions & priorities")
scenario_caption(result)
result_strip(model, result)
st.markdown(
    "Each setting shows its basis (**sourced**, **anchored** to a source, or **judgement**) and "
    "the evidence behind it; hover over **?** for the reasoning. Priorities are relative: their "
    "shares of the total are shown live, so they never need to add up to 100. The address bar "
    "always holds the full scenario, so copying the link shares exactly what is on screen."
)

changed = differences(model)
with st.expander(f"What differs from the analysts' baseline ({len(changed)})", expanded=True):
    if changed.empty:
        st.caption("Nothing: every setting is at its baseline value.")
    else:
        show_grid(
            changed,
            key="differences",
            alt="Each setting that differs from the analysts' baseline (its unit in its name): "
            "its group, baseline value, value now and change.",
        )

with st.expander("What each priority weighs (swing weights)", expanded=True):
    st.caption(
        "A priority is the worth of moving its criterion from the worst to the best end of its "
        "range, as a share of all priority at the current settings."
    )
    for criterion, share in zip(model.criteria, result.weights, strict=True):
        st.markdown(f"- {escape_markdown(swing_sentence(criterion, float(share)), limit=None)}")

reserve_controls_slot(st.container(key="assumption_controls"))
