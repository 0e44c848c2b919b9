"""The scenario library for the pages: one store per database, faults shown in plain words."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from components import auth, state
from components.text import literal
from scoring import DecisionModel
from store import RecordPage, ScenarioStore, StoreError, database_url

FLASH_KEY = "_library_flash"
MESSAGE_LIMIT = 400  # store messages are one line, but longer than a name
RECORD_ROWS = 50  # decision-record rows sent to the browser at a time
RECORD_PAGE_KEY = "record_page"


# A cached store is checked at every use: if its database went away (or was replaced) it is
# dropped and opened afresh, and a failed open raises, which Streamlit never caches.
@st.cache_resource(
    show_spinner=False, validate=ScenarioStore.usable, on_release=ScenarioStore.close_connections
)
def _open(url: str) -> ScenarioStore:
    """One store (engine and connection pool) per database for the whole server; no user data."""
    return ScenarioStore.open(url)


def open_store() -> ScenarioStore | None:
    """The configured store, or None after telling the user why it is unavailable."""
    try:
        return _open(database_url())
    except StoreError as error:
        st.error(
            f"The scenario library is unavailable: {error_text(error)}. Analysis on the other "
            "pages still works; saving and loading will return when the database does.",
        )
        return None


@contextmanager
def showing_faults(what: str) -> Iterator[None]:
    """Run a block of store calls; if one fails, say so here in one plain line and go on."""
    try:
        yield
    except StoreError as error:
        st.error(f"{what}: {error_text(error)}")


def first_record_page() -> None:
    """Callback: a new decision-record search starts at its first page."""
    st.session_state[RECORD_PAGE_KEY] = 1


def record_page(store: ScenarioStore, search: str) -> RecordPage:
    """The decision-record page the reader asked for (`RECORD_PAGE_KEY`), moved back to the
    last page if there are fewer rows now."""
    wanted = st.session_state.get(RECORD_PAGE_KEY, 1)
    page = store.decision_record_page(
        search or None, limit=RECORD_ROWS, offset=(wanted - 1) * RECORD_ROWS
    )
    last = record_pages(page.total)
    if wanted > last:
        st.session_state[RECORD_PAGE_KEY] = last
        page = store.decision_record_page(
            search or None, limit=RECORD_ROWS, offset=(last - 1) * RECORD_ROWS
        )
    return page


def record_pages(total: int) -> int:
    """How many pages `total` decision-record rows fill (at least one)."""
    return max(1, math.ceil(total / RECORD_ROWS))


def error_text(error: Exception) -> str:
    """An error's message for Markdown, shown literally: it may quote a scenario's name."""
    return literal(str(error), MESSAGE_LIMIT)


def flash(message: str, kind: str = "success") -> None:
    """Keep a message (Markdown, user text in it through `literal`) for this run's page."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, ("", ""))
    if message:
        getattr(st, kind)(message)


def _act(
    action: Callable[[ScenarioStore], str | tuple[str, str]],
    failure: str,
    needs: auth.Action | None = None,
) -> None:
    """Run one library action from a callback and keep its outcome for the page to show;
    refused, with the reason, if the current user's role does not allow `needs`. An action
    returns its message, or (message, kind) to show it other than as a success."""
    if needs is not None and not auth.can(needs):
        flash(f"{failure}: {auth.WHY_NOT[needs]}", "error")
        return
    store = open_store()
    if store is None:
        return
    try:
        outcome = action(store)
    except StoreError as error:
        flash(f"{failure}: {error_text(error)}", "error")
    else:
        flash(*((outcome, "success") if isinstance(outcome, str) else outcome))


def load_version(model: DecisionModel, name: str, version: int) -> None:
    """Callback: put a saved version on screen, every control at once."""

    def load(store: ScenarioStore) -> str | tuple[str, str]:
        scenario = store.load(name, version)
        state.apply(model, scenario)
        loaded = f"Loaded version {version} of the saved scenario."
        if scenario.upgrade_notices:  # saved under an older model: say what changed
            return " ".join([loaded, *scenario.upgrade_notices]), "warning"
        return loaded

    _act(load, "Could not load it")


def delete_scenario(name: str) -> None:
    """Callback: hide every version of a name (undoable)."""
    _act(
        lambda store: f"Deleted {store.delete(name)} version(s); Undo delete brings them back.",
        "Could not delete it",
        needs="delete",
    )


def undo_delete(name: str) -> None:
    """Callback: bring back what the last delete of a name hid."""
    _act(
        lambda store: f"Restored {store.undo_delete(name)} version(s).",
        "Could not undo",
        needs="undo",
    )
