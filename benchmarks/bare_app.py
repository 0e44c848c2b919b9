"""The floor for the latency benchmark: one sidebar slider driving one Altair line chart."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

level = st.sidebar.slider("Level", 0, 100, 50, key="level")
x = np.linspace(0, 10, 50)
frame = pd.DataFrame({"x": x, "y": np.sin(x) * level})
st.altair_chart(alt.Chart(frame).mark_line().encode(x="x", y="y"), key="chart")
