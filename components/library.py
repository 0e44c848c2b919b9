"""The scenario library for the pages: one store per database, faults shown in plain words."""

from __future__ import annotations

import streamlit as st

from components import state
from scoring import DecisionModel
from store import ScenarioStore, StoreError, database_url

FLASH_KEY = "_library_flash"


@st.cache_resource(show_spinner=False)
def _open(url: str) -> ScenarioStore:
    """One store (engine and connection pool) per database for the whole server; no user data."""
    return ScenarioStore.open(url)


def open_store() -> ScenarioStore | None:
    """The configured store, or None after telling the user why it is unavailable."""
    try:
        return _open(database_url())
    except StoreError as error:
        st.error(
            f"The scenario library is unavailable: {error} Analysis on the other pages still "
            "works; saving and loading will return when the database does.",
            icon=":material/database_off:",
        )
        return None


def flash(message: str, kind: str = "success") -> None:
    """Keep a message from a callback for this run's page to show."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, ("", ""))
    if message:
        getattr(st, kind)(message)


def load_version(model: DecisionModel, name: str, version: int) -> None:
    """Callback: put a saved version on screen, every control at once."""
    store = open_store()
    if store is None:
        return
    try:
        state.apply(model, store.load(name, version))
    except StoreError as error:
        flash(f"Could not load it: {error}", "error")
    else:
        flash(f"Loaded version {version} of the saved scenario.")


def delete_scenario(name: str) -> None:
    """Callback: hide every version of a name (undoable)."""
    store = open_store()
    if store is None:
        return
    try:
        hidden = store.delete(name)
    except StoreError as error:
        flash(f"Could not delete it: {error}", "error")
    else:
        flash(f"Deleted {hidden} version(s); Undo delete brings them back.")


def undo_delete(name: str) -> None:
    """Callback: bring back what the last delete of a name hid."""
    store = open_store()
    if store is None:
        return
    try:
        restored = store.undo_delete(name)
    except StoreError as error:
        flash(f"Could not undo: {error}", "error")
    else:
        flash(f"Restored {restored} version(s).")
