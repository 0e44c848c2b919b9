"""S-400 Decision Desk scenario store: the scenario library, the decision record and meeting rooms
on SQLite or PostgreSQL (SQLAlchemy Core). Never imports Streamlit."""

from store.config import database_url
from store.errors import StoreError
from store.library import (
    DecisionEntry,
    RecordPage,
    SavedVersion,
    ScenarioStore,
    ScenarioSummary,
)
from store.rooms import Response, Room, RoomStore

__all__ = [
    "DecisionEntry",
    "RecordPage",
    "Response",
    "Room",
    "RoomStore",
    "SavedVersion",
    "ScenarioStore",
    "ScenarioSummary",
    "StoreError",
    "database_url",
]
