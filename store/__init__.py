"""S-400 Decision Desk scenario store: the scenario library and the decision record on SQLite or
PostgreSQL (SQLAlchemy Core). Never imports Streamlit."""

from store.config import database_url
from store.errors import StoreError
from store.library import (
    DecisionEntry,
    RecordPage,
    SavedVersion,
    ScenarioStore,
    ScenarioSummary,
)

__all__ = [
    "DecisionEntry",
    "RecordPage",
    "SavedVersion",
    "ScenarioStore",
    "ScenarioSummary",
    "StoreError",
    "database_url",
]
