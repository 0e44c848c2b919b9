"""Faults give one plain line and leave nothing half-written: a locked database, a read-only
one, an unreachable server, a bad URL, a failure in the middle of a save."""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, exc
from sqlalchemy.engine import make_url

from scoring import Scenario, default_model
from scoring.record import Record
from store import ScenarioStore, StoreError
from store import library as store_library

pytest_plugins = ["tests.store_fixtures"]

MODEL = default_model()
ReadOnly = Callable[..., AbstractContextManager[None]]


def scenario(name: str = "Meeting prep") -> Scenario:
    return Scenario.build({"name": name}, MODEL)


def counts(store: ScenarioStore) -> tuple[int, int]:
    """(saved versions, decision-record rows), deleted ones included."""
    versions = sum(s.version_count for s in store.list(include_deleted=True))
    return versions, len(store.decision_record())


def assert_plain(error: StoreError) -> None:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message


def location(url: str) -> list[str]:
    """What tells where a database is: a SQLite file's path, or a server's host, port,
    database and user."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return [parsed.database or ""]
    return [parsed.host or "", str(parsed.port), parsed.database or "", parsed.username or ""]


def assert_located_in_the_log_only(
    error: StoreError, caplog: pytest.LogCaptureFixture, *where: str, password: str = ""
) -> None:
    """The message names the problem, not where the database is; the server log says where
    (with the driver's words), never the password."""
    assert all(part not in str(error) for part in where)
    logged = [record.getMessage() for record in caplog.records if record.name == "store"]
    assert any(all(part in line for part in where) for line in logged), logged
    assert not password or all(password not in line for line in logged)


@pytest.fixture(autouse=True)
def store_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="store")


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Another connection holding the write lock: SQLite's RESERVED lock, or a PostgreSQL
    table lock that blocks inserts (readers still pass)."""
    if make_url(url).get_backend_name() == "sqlite":
        holder = sqlite3.connect(make_url(url).database or "", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("LOCK TABLE scenarios IN EXCLUSIVE MODE")
            yield
    finally:
        engine.dispose()


def test_a_locked_database_gives_a_plain_message_in_bounded_time(
    database_url: str, record: Record, caplog: pytest.LogCaptureFixture
) -> None:
    with ScenarioStore.open(database_url, model=MODEL, lock_timeout=0.5) as store:
        store.save(scenario(), "analyst", "first", record)
        with write_lock_held(database_url):
            started = time.monotonic()
            with pytest.raises(StoreError, match="is locked by another program") as error:
                store.save(scenario(), "analyst", "second", record)
            assert time.monotonic() - started < 5
            assert error.value.kind == "locked"
            assert_plain(error.value)
            assert_located_in_the_log_only(error.value, caplog, *location(database_url))
            assert store.load("Meeting prep") == scenario()  # reading still works
        assert counts(store) == (1, 1)
        assert store.save(scenario(), "analyst", "after the lock", record).version == 2
        assert counts(store) == (2, 2)


def test_a_failure_in_the_middle_of_a_save_leaves_nothing_behind(
    store: ScenarioStore,
    record: Record,
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store.save(scenario(), "analyst", "kept", record)

    def fail(*_args: object) -> None:
        driver_error = sqlite3.OperationalError("disk I/O error")
        raise exc.OperationalError("INSERT INTO decision_record", {}, driver_error)

    monkeypatch.setattr(store_library, "_append_record", fail)
    with pytest.raises(StoreError, match="failed: disk I/O error") as error:
        store.save(scenario(), "analyst", "lost", record)
    assert_plain(error.value)
    assert_located_in_the_log_only(error.value, caplog, *location(database_url))
    assert counts(store) == (1, 1)
    assert [v.rationale for v in store.versions("Meeting prep")] == ["kept"]


@contextmanager
def read_only_database(
    url: str, make_read_only: ReadOnly, request: pytest.FixtureRequest
) -> Iterator[None]:
    """The database can be read but not written: an unwritable file for SQLite (in a writable
    folder, where WAL mode keeps its index), read-only transactions for PostgreSQL."""
    if make_url(url).get_backend_name() == "sqlite":
        with make_read_only(Path(make_url(url).database or "")):
            yield
        return
    database = make_url(url).database
    admin: Engine = request.getfixturevalue("postgres_admin")
    with admin.connect() as connection:
        connection.exec_driver_sql(
            f'ALTER DATABASE "{database}" SET default_transaction_read_only = on'
        )
    yield


def test_a_read_only_database_can_be_read_but_saving_says_why_not(
    database_url: str,
    record: Record,
    make_read_only: ReadOnly,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with ScenarioStore.open(database_url, model=MODEL) as store:
        store.save(scenario(), "analyst", "before", record)
    with (
        read_only_database(database_url, make_read_only, request),
        ScenarioStore.open(database_url, model=MODEL) as store,
    ):
        assert store.load("Meeting prep") == scenario()
        for write in (
            lambda: store.save(scenario(), "analyst", "after", record),
            lambda: store.delete("Meeting prep"),
        ):
            with pytest.raises(StoreError, match="is read-only") as error:
                write()
            assert error.value.kind == "read_only"
            assert_plain(error.value)
            assert_located_in_the_log_only(error.value, caplog, *location(database_url))
        assert counts(store) == (1, 1)
        assert store.list()[0].deleted_at is None


def test_a_read_only_folder_gives_a_plain_message(
    tmp_path: Path, record: Record, make_read_only: ReadOnly, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "shared"
    existing = f"sqlite:///{folder / 'scenarios.sqlite3'}"
    with ScenarioStore.open(existing, model=MODEL) as store:
        store.save(scenario(), "analyst", "", record)
    before = sorted(folder.iterdir())
    with make_read_only(folder, *before):
        errors = []
        for url in (
            existing,  # WAL mode needs its index file beside the database
            f"sqlite:///{folder / 'new.sqlite3'}",
            f"sqlite:///{folder / 'data_store' / 'new.sqlite3'}",
        ):
            with pytest.raises(
                StoreError, match=r"cannot (open or create|create the folder)"
            ) as error:
                ScenarioStore.open(url, model=MODEL)
            assert_located_in_the_log_only(error.value, caplog, str(folder))
            errors.append(error.value)
    assert all(error.kind == "read_only" for error in errors)
    for error in errors:
        assert_plain(error)
    assert sorted(folder.iterdir()) == before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_server_gives_a_plain_message_quickly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"postgresql+psycopg://deskrole:hunter2secret@127.0.0.1:{free_port()}/desk_db"
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"^the scenario database is unreachable; ") as error:
        ScenarioStore.open(url, model=MODEL, connect_timeout=2)
    assert time.monotonic() - started < 3
    assert error.value.kind == "unreachable"
    assert "hunter2secret" not in str(error.value)
    assert_plain(error.value)
    assert_located_in_the_log_only(
        error.value, caplog, *location(url), "Connection refused", password="hunter2secret"
    )


def test_a_server_that_never_answers_times_out(caplog: pytest.LogCaptureFixture) -> None:
    """A port that accepts connections but never speaks: the connect timeout ends the wait."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        url = f"postgresql+psycopg://deskrole:pw@127.0.0.1:{silent.getsockname()[1]}/desk_db"
        started = time.monotonic()
        with pytest.raises(StoreError, match="is unreachable") as error:
            ScenarioStore.open(url, model=MODEL, connect_timeout=2)
        assert time.monotonic() - started < 6
    assert error.value.kind == "unreachable"
    assert_plain(error.value)
    assert_located_in_the_log_only(error.value, caplog, *location(url))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "the database URL is not valid"),
        ("mysql://desk:secretpw@db/desk", "names 'mysql'; only SQLite and PostgreSQL"),
        ("postgresql+psycopg://desk:secretpw@db:port/desk", "the database URL is not valid"),
        ("sqlite+nodriver:///x.sqlite3", "the database URL is not valid"),
    ],
)
def test_a_bad_url_gives_a_plain_message_without_the_password(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as error:
        ScenarioStore.open(url, model=MODEL)
    assert error.value.kind == "bad_url"
    assert "secretpw" not in str(error.value)
    assert_plain(error.value)


def test_a_file_that_is_not_a_database_gives_a_plain_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are meeting notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="file is not a database") as error:
        ScenarioStore.open(f"sqlite:///{path}", model=MODEL)
    assert_plain(error.value)
    assert_located_in_the_log_only(error.value, caplog, str(path))


def test_an_open_store_notices_its_sqlite_file_going_away_and_coming_back(
    tmp_path: Path, record: Record
) -> None:
    path = tmp_path / "scenarios.sqlite3"
    aside = tmp_path / "aside.sqlite3"
    with ScenarioStore.open(f"sqlite:///{path}", model=MODEL) as store:
        store.save(scenario(), "analyst", "kept", record)
        assert store.usable()
        path.rename(aside)
        path.mkdir()  # pooled connections would still read and write the moved file
        assert not store.usable()
        with pytest.raises(StoreError, match="cannot open or create") as error:
            store.save(scenario(), "analyst", "lost", record)
        assert_plain(error.value)
        path.rmdir()
        aside.rename(path)
        assert store.usable()
        assert [v.rationale for v in store.versions("Meeting prep")] == ["kept"]
