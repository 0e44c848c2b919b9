"""The scenario library and the decision record.

Saving under an existing name adds the next version; no version is ever overwritten or removed.
Each save appends one decision-record row in the same transaction, so a version never exists
without its record, nor a record without its version. Delete is soft (it hides every version of
a name) and `undo_delete` brings back what the last delete hid. Text is stored verbatim.
"""

from __future__ import annotations

import builtins
import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, Row, func, insert, or_, select, true, update

from scoring import DecisionModel, Scenario, default_model
from scoring.record import Record
from scoring.scenario import ScenarioError
from scoring.text import text_problem
from store import schema
from store.base import DatabaseStore, open_migrated
from store.database import Database
from store.errors import StoreError, quoted
from store.migrations import LATEST

CSV_COLUMNS = (
    "recorded_at",
    "scenario",
    "version",
    "author",
    "recommendation",
    "recommendation_id",
    "score",
    "robustness",
    "rationale",
    "model_version",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # spreadsheets run cells that begin so


@dataclass(frozen=True)
class SavedVersion:
    """One saved version of a named scenario (without the scenario itself: see `load`)."""

    name: str
    version: int
    author: str
    rationale: str
    created_at: datetime
    model_version: str
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class ScenarioSummary:
    """A name in the library with its latest version."""

    name: str
    latest_version: int
    version_count: int
    author: str
    rationale: str
    saved_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class DecisionEntry:
    """One row of the decision record: a version as saved, with the recommendation then."""

    id: int
    scenario_name: str
    version: int
    author: str
    created_at: datetime
    leader_id: str
    leader_label: str
    leader_score: float
    robustness: str
    rationale: str
    model_version: str


@dataclass(frozen=True)
class RecordPage:
    """Some rows of the decision record, newest first, and how many rows matched in all."""

    entries: builtins.list[DecisionEntry]
    total: int
    offset: int


class ScenarioStore(DatabaseStore):
    """Named, versioned scenarios and the decision record, on SQLite or PostgreSQL."""

    def __init__(self, database: Database, model: DecisionModel) -> None:
        super().__init__(database)
        self._model = model

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        model: DecisionModel | None = None,
        lock_timeout: float = 5.0,
        connect_timeout: float = 5.0,
    ) -> ScenarioStore:
        """Open (creating on first use) and migrate the store at `url` or as configured."""
        database = open_migrated(url, lock_timeout, connect_timeout)
        return cls(database, model or default_model())

    @property
    def where(self) -> str:
        """The database for the server log: a file path, or user@host:port/database."""
        return self._database.where

    def usable(self) -> bool:
        """Whether the database still answers at the schema version this store opened with
        (one quick read: for a long-lived store whose database may have gone away)."""
        try:
            with self._database.reading() as connection:
                version = connection.execute(select(func.max(schema.schema_version.c.version)))
                return version.scalar() == LATEST
        except StoreError:
            return False

    def save(
        self,
        scenario: Scenario,
        author: str,
        rationale: str,
        record: Record,
        *,
        name: str | None = None,
    ) -> SavedVersion:
        """Save `scenario` as the next version of `name` (default: the scenario's own name)
        and append its decision-record row, both or neither. `record` is computed beforehand,
        e.g. with `scoring.record.record_for`."""
        name = _checked_text(scenario.name if name is None else name, "name", schema.NAME_LIMIT)
        author = _checked_text(author, "author", schema.AUTHOR_LIMIT)
        rationale = _checked_text(rationale, "rationale", schema.RATIONALE_LIMIT, one_line=False)
        content = scenario.model_copy(update={"name": name}).model_dump_json()
        try:
            Scenario.from_json(content, self._model)
        except ScenarioError as error:
            raise StoreError(f"the scenario cannot be saved: {error}", "invalid") from error

        def attempt() -> SavedVersion:
            with self._database.writing() as connection:
                return _write_version(
                    connection, name, author, rationale, content, self._model.version, record
                )

        try:
            return self._database.retrying(attempt, kinds=("locked", "conflict"))
        except StoreError as error:
            if error.kind != "conflict":
                raise
            raise StoreError(
                f"could not save {quoted(name)}: other saves under that name kept taking the "
                "next version; nothing was saved, try again",
                "conflict",
            ) from error

    def versions(self, name: str, include_deleted: bool = False) -> builtins.list[SavedVersion]:
        """Every version of `name`, oldest first (deleted ones only if asked)."""
        columns = schema.scenarios.c
        with self._database.reading() as connection:
            rows = connection.execute(
                select(*_VERSION_COLUMNS).where(columns.name == name).order_by(columns.version)
            ).all()
        if not rows:
            raise StoreError(f"no saved scenario is named {quoted(name)}", "not_found")
        shown = [_saved(row) for row in rows if include_deleted or row.deleted_at is None]
        if not shown:
            raise StoreError(_deleted_message(name), "not_found")
        return shown

    def load(self, name: str, version: int | None = None) -> Scenario:
        """The scenario saved as `version` of `name` (default: its latest version), validated
        against the current model."""
        if version is not None and (type(version) is not int or version < 1):
            raise StoreError(
                f"version must be a whole number of 1 or more, not {version!r}", "invalid"
            )
        columns = schema.scenarios.c
        with self._database.reading() as connection:
            rows = connection.execute(
                select(columns.version, columns.deleted_at)
                .where(columns.name == name)
                .order_by(columns.version)
            ).all()
            if not rows:
                raise StoreError(f"no saved scenario is named {quoted(name)}", "not_found")
            chosen = _chosen_version(name, rows, version)
            content = connection.execute(
                select(columns.scenario_json).where(columns.name == name, columns.version == chosen)
            ).scalar_one()
        try:
            return Scenario.from_json(content, self._model)
        except ScenarioError as error:
            raise StoreError(
                f"{quoted(name)} version {chosen} does not fit the current model: {error}",
                "invalid",
            ) from error

    def delete(self, name: str) -> int:
        """Hide every version of `name`; returns how many were hidden. Undo with `undo_delete`."""
        columns = schema.scenarios.c
        with self._database.writing() as connection:
            hidden = connection.execute(
                update(schema.scenarios)
                .where(columns.name == name, columns.deleted_at.is_(None))
                .values(deleted_at=datetime.now(UTC))
            ).rowcount
            if not hidden:
                message = _nothing_to_do(connection, name, "is already deleted")
                raise StoreError(message, "not_found")
        return hidden

    def undo_delete(self, name: str) -> int:
        """Bring back the versions of `name` that the last delete hid; returns how many."""
        columns = schema.scenarios.c
        last_delete = (
            select(func.max(columns.deleted_at)).where(columns.name == name).scalar_subquery()
        )
        with self._database.writing() as connection:
            restored = connection.execute(
                update(schema.scenarios)
                .where(columns.name == name, columns.deleted_at == last_delete)
                .values(deleted_at=None)
            ).rowcount
            if not restored:
                message = _nothing_to_do(connection, name, "has no deleted versions to restore")
                raise StoreError(message, "not_found")
        return restored

    def decision_record(self) -> builtins.list[DecisionEntry]:
        """Every decision-record row, in the order saved."""
        table = schema.decision_record
        with self._database.reading() as connection:
            rows = connection.execute(select(table).order_by(table.c.id)).all()
        return [_entry(row) for row in rows]

    def decision_record_page(
        self, search: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> RecordPage:
        """`limit` decision-record rows from `offset`, newest first, with the number matching.
        `search` matches (ignoring case) the scenario name, author, rationale or leading
        option; its characters are taken literally (no wildcards)."""
        for value, field, least in ((limit, "limit", 1), (offset, "offset", 0)):
            if type(value) is not int or value < least:
                raise StoreError(
                    f"{field} must be a whole number of {least} or more, not {value!r}", "invalid"
                )
        table = schema.decision_record
        with self._database.reading() as connection:
            matching = _record_matching(search, connection.dialect.name)
            total = connection.execute(
                select(func.count()).select_from(table).where(matching)
            ).scalar_one()
            rows = connection.execute(
                select(table)
                .where(matching)
                .order_by(table.c.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return RecordPage([_entry(row) for row in rows], total, offset)

    def decision_record_csv(self) -> str:
        """The decision record as CSV (`CSV_COLUMNS`); times in UTC, ISO 8601."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for entry in self.decision_record():
            writer.writerow(
                [
                    entry.created_at.isoformat(timespec="seconds"),
                    _cell(entry.scenario_name),
                    entry.version,
                    _cell(entry.author),
                    _cell(entry.leader_label),
                    entry.leader_id,
                    f"{entry.leader_score:.2f}",
                    _cell(entry.robustness),
                    _cell(entry.rationale),
                    entry.model_version,
                ]
            )
        return buffer.getvalue()

    def list(
        self, search: str | None = None, include_deleted: bool = False
    ) -> builtins.list[ScenarioSummary]:
        """The library, most recently saved first. `search` matches (ignoring case) the name,
        or any version's author or rationale."""
        with self._database.reading() as connection:
            rows = connection.execute(
                select(*_VERSION_COLUMNS).order_by(schema.scenarios.c.version)
            ).all()
        by_name: dict[str, list[Row]] = {}
        for row in rows:
            if include_deleted or row.deleted_at is None:
                by_name.setdefault(row.name, []).append(row)
        needle = (search or "").casefold()
        summaries = [
            _summary(versions)
            for versions in by_name.values()
            if any(
                needle in text.casefold()
                for row in versions
                for text in (row.name, row.author, row.rationale)
            )
        ]
        return sorted(summaries, key=lambda s: (-s.saved_at.timestamp(), s.name))


_VERSION_COLUMNS = tuple(
    schema.scenarios.c[column]
    for column in (
        "name",
        "version",
        "author",
        "rationale",
        "created_at",
        "model_version",
        "deleted_at",
    )
)


def _write_version(
    connection: Connection,
    name: str,
    author: str,
    rationale: str,
    content: str,
    model_version: str,
    record: Record,
) -> SavedVersion:
    """Insert the next version of `name` and its decision-record row (one transaction)."""
    columns = schema.scenarios.c
    latest = connection.execute(
        select(func.max(columns.version)).where(columns.name == name)
    ).scalar()
    version = (latest or 0) + 1
    now = datetime.now(UTC)
    connection.execute(
        insert(schema.scenarios).values(
            name=name,
            version=version,
            author=author,
            rationale=rationale,
            scenario_json=content,
            model_version=model_version,
            created_at=now,
        )
    )
    _append_record(connection, name, version, author, rationale, model_version, record, now)
    return SavedVersion(name, version, author, rationale, now, model_version)


def _append_record(
    connection: Connection,
    name: str,
    version: int,
    author: str,
    rationale: str,
    model_version: str,
    record: Record,
    now: datetime,
) -> None:
    connection.execute(
        insert(schema.decision_record).values(
            scenario_name=name,
            version=version,
            author=author,
            created_at=now,
            leader_id=record.leader_id,
            leader_label=record.leader_label,
            leader_score=float(record.leader_score),
            robustness=record.robustness,
            rationale=rationale,
            model_version=model_version,
        )
    )


def _checked_text(value: object, field: str, limit: int, one_line: bool = True) -> str:
    """`value` unchanged if it is acceptable text for `field`, else a plain `StoreError`."""
    if not isinstance(value, str):
        raise StoreError(f"{field} must be text", "invalid")
    if len(value) > limit:
        raise StoreError(
            f"{field} is {len(value):,} characters; at most {limit:,} are allowed", "invalid"
        )
    problem = text_problem(value, multiline=not one_line)  # the rule every door shares
    if problem:
        raise StoreError(f"{field} {problem}", "invalid")
    if one_line and not value.strip():
        raise StoreError(f"{field} is empty; give at least one visible character", "invalid")
    return value


def _chosen_version(name: str, rows: list[Row], version: int | None) -> int:
    visible = [row.version for row in rows if row.deleted_at is None]
    if version is None:
        if not visible:
            raise StoreError(_deleted_message(name), "not_found")
        return visible[-1]
    known = {row.version: row for row in rows}
    if version not in known:
        raise StoreError(
            f"{quoted(name)} has no version {version}; its versions are 1 to {rows[-1].version}",
            "not_found",
        )
    if known[version].deleted_at is not None:
        raise StoreError(
            f"{quoted(name)} version {version} was deleted; undo the delete to load it",
            "not_found",
        )
    return version


def _nothing_to_do(connection: Connection, name: str, state: str) -> str:
    """Why a delete or undo changed nothing: the name is unknown, or it `state`."""
    count = select(func.count()).select_from(schema.scenarios)
    if not connection.execute(count.where(schema.scenarios.c.name == name)).scalar_one():
        return f"no saved scenario is named {quoted(name)}"
    return f"{quoted(name)} {state}"


def _deleted_message(name: str) -> str:
    return f"{quoted(name)} was deleted; undo the delete to use it"


def _utc(moment: datetime) -> datetime:
    """A database time as an aware UTC time (SQLite hands back naive UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _saved(row: Row) -> SavedVersion:
    return SavedVersion(
        row.name,
        row.version,
        row.author,
        row.rationale,
        _utc(row.created_at),
        row.model_version,
        None if row.deleted_at is None else _utc(row.deleted_at),
    )


def _summary(rows: list[Row]) -> ScenarioSummary:
    visible = [row for row in rows if row.deleted_at is None]
    latest = (visible or rows)[-1]
    return ScenarioSummary(
        name=latest.name,
        latest_version=latest.version,
        version_count=len(visible or rows),
        author=latest.author,
        rationale=latest.rationale,
        saved_at=_utc(latest.created_at),
        deleted_at=None if visible else _utc(latest.deleted_at),
    )


def _record_matching(search: str | None, dialect: str) -> ColumnElement[bool]:
    """Decision-record rows whose name, author, rationale or leader contains `search`, ignoring
    case. `lower` is Unicode-aware on both databases (see `store.database`); on SQLite it is a
    Python function, so a search in plain ASCII uses SQLite's LIKE, which ignores the case of
    A-Z by itself (5 ms instead of 70 ms over 5,000 rows)."""
    if not search:
        return true()
    columns = schema.decision_record.c
    searched = (columns.scenario_name, columns.author, columns.rationale, columns.leader_label)
    if dialect == "sqlite" and search.isascii():
        return or_(*(column.contains(search, autoescape=True) for column in searched))
    needle = search.lower()
    return or_(*(func.lower(column).contains(needle, autoescape=True) for column in searched))


def _entry(row: Row) -> DecisionEntry:
    return DecisionEntry(**{**row._asdict(), "created_at": _utc(row.created_at)})


def _cell(text: str) -> str:
    """Text for a CSV cell; a leading formula character is quoted so spreadsheets show it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
