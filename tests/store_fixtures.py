"""Fixtures for the store tests, loaded with `pytest_plugins` (never imported directly).

Every store test runs on SQLite in tmp_path, and on PostgreSQL in a fresh database of its own
when S400_TEST_DATABASE_URL names a server whose role may create databases and end other sessions
(`.ci/run` starts one with scripts/postgres.sh). Without it the PostgreSQL cases skip, except
under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from scoring import default_model
from scoring.record import Record
from store import ScenarioStore

TEST_URL_VARIABLE = "S400_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An autocommit engine on the test server, for creating and dropping databases."""
    url = os.environ.get(TEST_URL_VARIABLE)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(
                f"{TEST_URL_VARIABLE} is not set: CI must run the store tests on PostgreSQL "
                "(.ci/run starts a server with scripts/postgres.sh)"
            )
        pytest.skip(
            f"{TEST_URL_VARIABLE} is not set; PostgreSQL store tests skipped "
            '(eval "$(bash scripts/postgres.sh start)" to run them)'
        )
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    missing = missing_rights(engine)
    if missing:
        engine.dispose()
        pytest.fail(
            f"the role in {TEST_URL_VARIABLE} lacks {missing} (scripts/postgres.sh grants both)"
        )
    yield engine
    engine.dispose()


def missing_rights(engine: Engine) -> str:
    """What the test role lacks of CREATEDB and pg_signal_backend, or "" when it has both.

    Dropping a test database WITH (FORCE) ends every session in it, an autovacuum worker
    included, which needs pg_signal_backend; without it the drop fails only now and then.
    """
    with engine.connect() as connection:
        superuser, createdb, signal = connection.exec_driver_sql(
            "SELECT rolsuper, rolcreatedb,"
            " pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')"
            " FROM pg_roles WHERE rolname = current_user"
        ).one()
    if superuser:
        return ""
    return " and ".join(
        right for right, held in (("CREATEDB", createdb), ("pg_signal_backend", signal)) if not held
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database; for SQLite its folder does not exist yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data_store' / 'scenarios.sqlite3'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    name = f"s400_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(database_url: str) -> Iterator[ScenarioStore]:
    """An open store on a fresh database of each backend."""
    with ScenarioStore.open(database_url, model=default_model(), lock_timeout=2.0) as opened:
        yield opened


@pytest.fixture
def record() -> Record:
    """A recommendation to save with (tests that need a real one call `record_for`)."""
    return Record(
        leader_id="dismantle",
        leader_label="Dismantle under verification",
        leader_score=47.85,
        robustness="Dismantle under verification leads at the current settings.",
    )


@pytest.fixture
def make_read_only() -> Callable[..., AbstractContextManager[None]]:
    """`with make_read_only(path, ...):` the paths cannot be written, even by root."""
    return read_only


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files and folders unwritable for this process, root included, then restore them.

    Permissions do not bind root, so as root the immutable attribute is used instead (chattr,
    ext2/3/4 and a few others); a test skips where neither works."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in paths}
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("as root only chattr +i makes a file read-only, and chattr is missing")
    if subprocess.run([chattr, "+i", *paths], capture_output=True).returncode:
        subprocess.run([chattr, "-i", *paths], capture_output=True)
        pytest.skip("as root only chattr +i makes a file read-only; this file system refuses it")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *paths], check=True)
