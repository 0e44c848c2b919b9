"""What the scenario store and the room store share: opening a migrated database, and
releasing its connections."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from store.config import database_url
from store.database import Database
from store.errors import StoreError
from store.migrations import migrate


def open_migrated(url: str | None, lock_timeout: float, connect_timeout: float) -> Database:
    """The database at `url` (or as configured), created on first use and migrated to the latest
    schema; if that fails, its connections are released before the error is raised."""
    database = Database.connect(database_url(url), lock_timeout, connect_timeout)
    try:
        database.retrying(lambda: migrate(database))
    except StoreError:
        database.dispose()
        raise
    return database


class DatabaseStore:
    """What the scenario and room stores share: one database, whose connections
    `close_connections` releases, as leaving a `with` block does."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def close_connections(self) -> None:
        """Release the store's connections."""
        self._database.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close_connections()
