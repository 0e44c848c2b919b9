"""Ordered schema migrations, applied when a store opens.

Each migration runs once, in order, inside one write transaction that also records it in
`schema_version`; DDL is transactional on both databases, so a failure leaves the previous
version intact. Several processes may open the same database at once: SQLite's `BEGIN IMMEDIATE`
and a PostgreSQL advisory lock let one of them migrate while the others wait, then find nothing
left to do. A migration, once released, is never edited: a later change is a new migration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, inspect, select, text

from store import schema
from store.database import Database
from store.errors import StoreError, log

ADVISORY_LOCK = 0x5400_DE5C  # PostgreSQL advisory lock key for migrations

SQLITE_GUARDS = (
    """CREATE TRIGGER decision_record_no_update BEFORE UPDATE ON decision_record
       BEGIN SELECT RAISE(ABORT, 'the decision record is append-only'); END""",
    """CREATE TRIGGER decision_record_no_delete BEFORE DELETE ON decision_record
       BEGIN SELECT RAISE(ABORT, 'the decision record is append-only'); END""",
    """CREATE TRIGGER scenarios_no_delete BEFORE DELETE ON scenarios
       BEGIN SELECT RAISE(ABORT, 'saved versions are never deleted; deletion is soft'); END""",
    """CREATE TRIGGER scenarios_no_rewrite BEFORE UPDATE OF
       id, name, version, author, rationale, scenario_json, model_version, created_at
       ON scenarios
       BEGIN SELECT RAISE(ABORT, 'saved versions are never rewritten'); END""",
)
POSTGRES_GUARDS = (
    """CREATE FUNCTION s400_refuse() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION USING MESSAGE = TG_ARGV[0]; END $$""",
    """CREATE TRIGGER decision_record_append_only BEFORE UPDATE OR DELETE ON decision_record
       FOR EACH ROW EXECUTE FUNCTION s400_refuse('the decision record is append-only')""",
    """CREATE TRIGGER scenarios_no_delete BEFORE DELETE ON scenarios FOR EACH ROW
       EXECUTE FUNCTION s400_refuse('saved versions are never deleted; deletion is soft')""",
    """CREATE TRIGGER scenarios_no_rewrite BEFORE UPDATE OF
       id, name, version, author, rationale, scenario_json, model_version, created_at
       ON scenarios
       FOR EACH ROW EXECUTE FUNCTION s400_refuse('saved versions are never rewritten')""",
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _scenario_library(connection: Connection) -> None:
    schema.scenarios.create(connection)


def _decision_record(connection: Connection) -> None:
    schema.decision_record.create(connection)
    guards = POSTGRES_GUARDS if connection.dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        connection.exec_driver_sql(statement)


def _meeting_rooms(connection: Connection) -> None:
    schema.rooms.create(connection)
    schema.room_responses.create(connection)


def _room_strategies(connection: Connection) -> None:
    """Rooms record whether the strategies were shown. Migration 3 creates the rooms table as
    `schema` defines it now, so only a database made before this migration lacks the column."""
    columns = {column["name"] for column in inspect(connection).get_columns("rooms")}
    if "strategies_shown" not in columns:
        connection.exec_driver_sql(
            "ALTER TABLE rooms ADD COLUMN strategies_shown BOOLEAN NOT NULL DEFAULT TRUE"
        )


MIGRATIONS = (
    Migration(1, "scenario library: named, versioned scenarios", _scenario_library),
    Migration(2, "decision record; saved rows are never deleted or rewritten", _decision_record),
    Migration(3, "meeting rooms and their participants' priorities", _meeting_rooms),
    Migration(4, "meeting rooms record whether the strategies were shown", _room_strategies),
)
LATEST = MIGRATIONS[-1].version


def current_version(connection: Connection) -> int:
    """The schema version of the database (0 for an empty one)."""
    if not inspect(connection).has_table(schema.schema_version.name):
        return 0
    return connection.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(database: Database, target: int = LATEST) -> int:
    """Apply the migrations up to `target` that the database lacks; returns its version.

    Idempotent: an up-to-date database is only read. A database written by a newer Decision
    Desk is refused rather than touched.
    """
    with database.reading() as connection:
        version = _checked(current_version(connection), database)
    if version >= target:
        return version
    with database.writing() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
        schema.schema_version.create(connection, checkfirst=True)
        version = _checked(current_version(connection), database)
        for migration in MIGRATIONS:
            if version < migration.version <= target:
                migration.apply(connection)
                connection.execute(
                    insert(schema.schema_version).values(
                        version=migration.version,
                        description=migration.description,
                        applied_at=datetime.now(UTC),
                    )
                )
                version = migration.version
    return version


def _checked(version: int, database: Database) -> int:
    if version > LATEST:
        log.warning(
            "scenario database %s: at schema version %d, newer than %d",
            database.where,
            version,
            LATEST,
        )
        raise StoreError(
            f"the scenario database is at schema version {version}; this Decision Desk reads "
            f"up to version {LATEST}: update it before using this database",
            "too_new",
        )
    return version
