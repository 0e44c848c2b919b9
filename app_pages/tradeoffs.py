"""Trade-offs: every option on every criterion, and any two criteria against each other."""

import streamlit as st

from components.charts import heatmap_template, tradeoff_template
from components.frames import criterion_labels, option_labels, tradeoff_frame, values_frame
from components.views import current_result, scenario_caption, show_chart

model, result = current_result()

st.header("Trade-offs")
scenario_caption(result)
show_chart(
    heatmap_template,
    values_frame(result, model),
    option_labels(model),
    criterion_labels(model),
    "How each option scores on each criterion (0 = worst, 100 = best in the declared range)",
    1.0,
    key="tradeoff_heatmap",
    alt_text="Heatmap of value scores from 0 to 100 for each option on each criterion.",
)
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
    show_chart(
        tradeoff_template,
        frame,
        option_labels(model),
        labels[x],
        labels[y],
        f"{labels[x]} against {labels[y]}",
        1.0,
        key="tradeoff_scatter",
        alt_text=f"Scatter of the options on {labels[x]} and {labels[y]}.",
    )
    best = ", ".join(frame.loc[frame["efficient"], "option"])
    st.caption(
        f"Filled points are efficient on this pair (no other option is at least as good on both "
        f"and better on one): {best}. The dashed line joins them."
    )


pair_view()
