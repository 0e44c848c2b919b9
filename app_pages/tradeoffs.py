"""Trade-offs: every option on every criterion, and any two criteria against each other."""

import streamlit as st

from briefing import figures
from briefing.frames import tradeoff_frame
from components.views import chart_scale, current_result, scenario_caption, show_figure

model, result = current_result()

st.header("Trade-offs")
scenario_caption(result)
show_figure(figures.value_heatmap(result, model, chart_scale()), result.scenario)
st.caption("Hover over a cell for the raw figure and its unit; options are listed best first.")

labels = {c.id: c.label for c in model.criteria}


@st.fragment
def pair_view() -> None:
    """The scatter reruns on its own when the axes change."""
    left, right = st.columns(2)
    x = left.selectbox(
        "Horizontal axis", list(labels), format_func=labels.get, key="tradeoff_x", index=0
    )
    y = right.selectbox(
        "Vertical axis", list(labels), format_func=labels.get, key="tradeoff_y", index=1
    )
    frame = tradeoff_frame(result, model, x, y)
    show_figure(figures.tradeoff(result, model, (x, y), chart_scale()), result.scenario)
    best = ", ".join(frame.loc[frame["efficient"], "option"])
    st.caption(
        f"Filled points are efficient on this pair (no other option is at least as good on both "
        f"and better on one): {best}. The dashed line joins them."
    )


pair_view()
