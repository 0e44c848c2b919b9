"""The meeting rooms' store for the pages, the room this session facilitates, and its results.

Kept apart from the views so the briefing-pack button can take the room's results along.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import streamlit as st

from briefing.room import RoomResults
from components.state import ranked_model
from components.text import literal
from scoring import DecisionModel, Scenario
from scoring.group import GroupAnalysis, analyse_participants
from store import StoreError, database_url
from store.rooms import Response, RoomStore, responses_csv

CODE_KEY = "_room_code"  # the code of the room this session opened (never in the address)
log = logging.getLogger("store")


@st.cache_resource(show_spinner=False, on_release=RoomStore.close_connections)
def _open(url: str) -> RoomStore:
    """One room store (engine and pool) per database for the whole server; no user data."""
    return RoomStore.open(url)


def room_store(quiet: bool = False) -> RoomStore | None:
    """The configured room store, or None after saying why rooms are unavailable."""
    try:
        return _open(database_url())
    except StoreError as error:
        if not quiet:
            st.error(f"Meeting rooms are unavailable: {literal(str(error), 300)}.")
        return None


def weight_matrix(responses: list[Response], model: DecisionModel) -> np.ndarray:
    """(K, N) raw priorities in the model's criterion order."""
    return np.array(
        [[response.weights[c] for c in model.criterion_ids] for response in responses], dtype=float
    )


def group_of(
    scenario: Scenario, model: DecisionModel, responses: list[Response]
) -> GroupAnalysis | None:
    """The group analysis of the responses (None before the first one)."""
    if not responses:
        return None
    return analyse_participants(scenario, model, weight_matrix(responses, model))


def results_source() -> Callable[[], RoomResults | None]:
    """Read during the run: a function giving the results of the room this session opened
    (None without a room, before its first response, or when the database fails), for the
    briefing pack to call when it is made."""
    code = st.session_state.get(CODE_KEY)
    rooms = room_store(quiet=True) if code is not None else None
    if code is None or rooms is None:
        return lambda: None

    def results() -> RoomResults | None:
        try:
            room = rooms.room(code)
            responses = rooms.responses(code)
        except StoreError as error:
            log.warning("briefing pack made without the meeting room: %s", error)
            return None
        ranked = ranked_model(room.strategies_shown)  # the options as the room was opened on
        group = group_of(room.scenario, ranked, responses)
        if group is None:
            return None
        return RoomResults(group, responses_csv(responses, ranked), room.status(rooms.now()))

    return results
