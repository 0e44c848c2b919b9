"""Meeting room: the facilitator's shared screen, or (with ?room=<code>) a participant's form."""

import streamlit as st

from components.room_view import facilitator_view, joining, participant_view
from components.state import ranked_model

model = ranked_model()
if joining():
    participant_view(model)
else:
    st.header("Meeting room")
    facilitator_view(model)
