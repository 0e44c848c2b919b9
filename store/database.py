"""Engines and transactions for SQLite and PostgreSQL, with every driver error made plain.

SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout; a write
transaction starts with `BEGIN IMMEDIATE`, so concurrent writers queue for the lock instead of
failing halfway. PostgreSQL write transactions get a `lock_timeout`, and connecting gives up after
`connect_timeout` seconds. Statement parameters (room codes among them) are kept out of the
log and out of error messages, even with SQL logging switched on.
"""

from __future__ import annotations

import math
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from store.config import sqlite_file
from store.errors import StoreError, first_line, log, translate

T = TypeVar("T")
# SQLite can answer "busy" at once, without waiting, while another connection switches a new file
# to WAL or recovers it; such answers are retried until the lock timeout has passed.
RETRY_PAUSE = 0.02

WRITE = "s400_write"  # execution option marking a connection that writes
FILE_IDENTITY = "s400_file"  # connection-record key: the SQLite file a connection opened
BACKENDS = ("sqlite", "postgresql")
URL_EXAMPLE = "sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user:password@host:5432/db"


@dataclass(frozen=True)
class Database:
    """One engine plus where it is (for the server log) and how long a lock is awaited."""

    engine: Engine
    where: str
    lock_timeout: float

    @classmethod
    def connect(cls, url: str, lock_timeout: float = 5.0, connect_timeout: float = 5.0) -> Database:
        """An engine for `url` (nothing is opened yet, except a SQLite file's folder)."""
        parsed = _parse(url)
        try:
            if parsed.get_backend_name() == "sqlite":
                return cls._sqlite(parsed, lock_timeout)
            return cls._postgresql(parsed, lock_timeout, connect_timeout)
        except (exc.ArgumentError, exc.NoSuchModuleError, TypeError, ValueError) as error:
            raise StoreError(
                f"the database URL is not valid ({first_line(error)}); expected {URL_EXAMPLE}",
                "bad_url",
            ) from error

    @classmethod
    def _sqlite(cls, url: URL, lock_timeout: float) -> Database:
        path = sqlite_file(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                log.warning(
                    "cannot create the folder %s for the scenario database: %s", path.parent, error
                )
                raise StoreError(
                    "cannot create the folder for the scenario database "
                    f"({error.strerror or type(error).__name__}); configure another path",
                    "read_only",
                ) from error
        engine = create_engine(url, connect_args={"timeout": lock_timeout}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, record: Any) -> None:
            dbapi_connection.isolation_level = None  # transactions are begun below, not by sqlite3
            # SQLite's own lower() folds only A-Z; PostgreSQL's folds every letter, so searches
            # ignore case alike on both.
            dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
            deadline = time.monotonic() + lock_timeout
            cursor = dbapi_connection.cursor()
            try:
                while True:
                    try:
                        cursor.execute("PRAGMA journal_mode=WAL")
                        break
                    except sqlite3.OperationalError as error:
                        if "locked" not in str(error) or time.monotonic() > deadline:
                            raise
                        time.sleep(random.uniform(0, RETRY_PAUSE))
            finally:
                cursor.close()
            record.info[FILE_IDENTITY] = _identity(path)

        @event.listens_for(engine, "checkout")
        def _on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
            # A pooled connection keeps reading and writing a file that was deleted or replaced;
            # every pooled connection is dropped instead, so the next one opens what is there now.
            if record.info.get(FILE_IDENTITY) != _identity(path):
                raise exc.InvalidatePoolError("the database file was removed or replaced")

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            writes = connection.get_execution_options().get(WRITE, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

        return cls(engine, str(path or url.database), lock_timeout)

    @classmethod
    def _postgresql(cls, url: URL, lock_timeout: float, connect_timeout: float) -> Database:
        url = url.set(drivername="postgresql+psycopg")  # the one PostgreSQL driver installed
        engine = create_engine(
            url,
            pool_pre_ping=True,
            hide_parameters=True,
            connect_args={
                # libpq counts whole seconds, at least 2.
                "connect_timeout": max(2, math.ceil(connect_timeout)),
                "application_name": "s400-decision-desk",
            },
        )
        user = f"{url.username}@" if url.username else ""
        where = f"at {user}{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
        return cls(engine, where, lock_timeout)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A transaction for reading; driver errors become `StoreError`."""
        with self._plain_errors(), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction holding the write lock from its start; all or nothing."""
        with self._plain_errors(), self.engine.connect() as connection:
            connection.execution_options(**{WRITE: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    milliseconds = max(1, round(self.lock_timeout * 1000))
                    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
                yield connection

    def retrying(self, action: Callable[[], T], kinds: tuple[str, ...] = ("locked",)) -> T:
        """Run `action`, again after a short random pause while it fails with one of `kinds`,
        until the lock timeout has passed; then its last error stands."""
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                return action()
            except StoreError as error:
                if error.kind not in kinds or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0, RETRY_PAUSE))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @contextmanager
    def _plain_errors(self) -> Iterator[None]:
        try:
            yield
        except exc.DBAPIError as error:
            raise translate(error, self.where, self.lock_timeout) from error
        except exc.SQLAlchemyError as error:
            log.warning("scenario database %s: %s", self.where, first_line(error))
            raise StoreError(f"the scenario database failed: {first_line(error)}") from error


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


def _identity(path: Path | None) -> tuple[int, int] | None:
    """Which file `path` names now (device and inode), or None if none does."""
    if path is None:
        return None
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _parse(url: str) -> URL:
    """Parse and check a URL; the message never repeats it, since it may hold a password."""
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError) as error:
        raise StoreError(
            f"the database URL is not valid; expected {URL_EXAMPLE}", "bad_url"
        ) from error
    backend = parsed.get_backend_name()
    if backend not in BACKENDS:
        raise StoreError(
            f"the database URL names '{backend}'; only SQLite and PostgreSQL are supported",
            "bad_url",
        )
    return parsed
