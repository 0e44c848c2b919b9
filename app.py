"""S-400 Decision Desk: Streamlit entry point (the ranking at the sourced baseline)."""

import pandas as pd
import streamlit as st

from scoring import default_model, evaluate

st.set_page_config(page_title="S-400 Decision Desk", layout="wide")
st.title("S-400 Decision Desk")
result = evaluate()
model = default_model()
st.caption(f"Sourced baseline · model {result.model_version}")
st.dataframe(
    pd.DataFrame(
        [
            {"Rank": entry.rank, "Option": entry.label, "Score (0-100)": round(entry.score, 1)}
            for entry in result.ranking
        ]
    ),
    hide_index=True,
    key="ranking",
)
