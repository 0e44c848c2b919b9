"""Meeting rooms: a scenario everyone in a meeting weighs, and each participant's priorities.

A room has an unguessable code (`secrets.token_urlsafe`), the facilitator's scenario as JSON and
an expiry time (24 h by default; S400_DESK_ROOM_HOURS sets another). Each submission is a new
row; the latest per participant counts. A participant is an opaque token the browser holds, never
the display name, which is optional and never part of what the group sees or downloads.

Room codes are never written to the log or quoted in a message: a wrong, closed or expired code
gets the same plain line whatever was typed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Connection, Row, func, insert, select, update

from scoring import DecisionModel, Scenario, default_model
from scoring.scenario import ScenarioError, weight_problem
from scoring.text import text_problem
from store import schema
from store.base import DatabaseStore, open_migrated
from store.database import Database
from store.errors import StoreError

LIFETIME_VARIABLE = "S400_DESK_ROOM_HOURS"
DEFAULT_LIFETIME = timedelta(hours=24)
LONGEST_LIFETIME = timedelta(days=30)
CODE_BYTES = 12  # 16 URL-safe characters, 96 random bits
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{10,64}")
MAX_SUBMISSIONS = 5_000  # per room: a runaway script cannot fill the database
Status = Literal["open", "closed", "expired"]

NO_ROOM = "no meeting room has this code; check the link, or ask the facilitator for it again"
CLOSED = "this meeting room is closed; it takes no more priorities"
EXPIRED = "this meeting room has expired; ask the facilitator to open a new one"


def room_lifetime(environ: Mapping[str, str] = os.environ) -> timedelta:
    """How long a room stays open: S400_DESK_ROOM_HOURS (hours, up to 30 days), else 24 h."""
    raw = environ.get(LIFETIME_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_LIFETIME
    try:
        hours = float(raw)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= LONGEST_LIFETIME.total_seconds() / 3600:
        raise StoreError(
            f"{LIFETIME_VARIABLE} must be a number of hours above 0 and at most "
            f"{LONGEST_LIFETIME.days * 24}",
            "invalid",
        )
    return timedelta(hours=hours)


@dataclass(frozen=True)
class Room:
    """A meeting room: its code, the scenario weighed in it, its times (UTC) and whether the
    strategies were ranked beside the options on the screen that opened it."""

    code: str
    scenario: Scenario
    facilitator: str
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None
    strategies_shown: bool = True

    def status(self, now: datetime) -> Status:
        """Open, closed by the facilitator, or past its expiry time at `now`."""
        if self.closed_at is not None:
            return "closed"
        return "expired" if now >= self.expires_at else "open"


@dataclass(frozen=True)
class Response:
    """One participant's latest priorities; `number` orders participants by first submission."""

    number: int
    display_name: str | None
    weights: dict[str, int]
    submitted_at: datetime
    submissions: int


@dataclass(frozen=True)
class Submission:
    """What a participant is told after submitting."""

    submitted_at: datetime
    replaced_earlier: bool


def new_participant_token() -> str:
    """An opaque token for one participant's browser."""
    return secrets.token_urlsafe(18)


def valid_participant_token(token: object) -> bool:
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


class RoomStore(DatabaseStore):
    """Meeting rooms and their responses, in the scenario database."""

    def __init__(
        self,
        database: Database,
        model: DecisionModel,
        lifetime: timedelta = DEFAULT_LIFETIME,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(database)
        self._model = model
        self.lifetime = lifetime
        self._clock = clock

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        model: DecisionModel | None = None,
        lifetime: timedelta | None = None,
        clock: Callable[[], datetime] | None = None,
        lock_timeout: float = 5.0,
        connect_timeout: float = 5.0,
    ) -> RoomStore:
        """Open (creating and migrating on first use) the database at `url` or as configured."""
        database = open_migrated(url, lock_timeout, connect_timeout)
        extra = {} if clock is None else {"clock": clock}
        return cls(database, model or default_model(), lifetime or room_lifetime(), **extra)

    def now(self) -> datetime:
        return self._clock()

    def open_room(
        self, scenario: Scenario, facilitator: str, strategies_shown: bool = True
    ) -> Room:
        """Open a room for `scenario` (with the strategies ranked or not, as on the opening
        screen); its code is in the returned `Room` and nowhere else."""
        problem = text_problem(facilitator) if isinstance(facilitator, str) else "must be text"
        if problem or not facilitator.strip() or len(facilitator) > schema.AUTHOR_LIMIT:
            raise StoreError(
                f"facilitator {problem or 'must be 1 to 80 visible characters'}", "invalid"
            )
        content = scenario.model_dump_json()
        now = self.now()

        def attempt() -> Room:
            code = secrets.token_urlsafe(CODE_BYTES)
            with self._database.writing() as connection:
                connection.execute(
                    insert(schema.rooms).values(
                        code=code,
                        scenario_json=content,
                        facilitator=facilitator,
                        model_version=self._model.version,
                        created_at=now,
                        expires_at=now + self.lifetime,
                        strategies_shown=strategies_shown,
                    )
                )
            return Room(
                code, scenario, facilitator, now, now + self.lifetime, None, strategies_shown
            )

        return self._database.retrying(attempt, kinds=("locked", "conflict"))

    def room(self, code: str) -> Room:
        """The room with this code, open or not; a wrong code raises `StoreError`."""
        with self._database.reading() as connection:
            row = _room_row(connection, code)
        return self._room(row)

    def join(self, code: str) -> Room:
        """The room with this code if it still takes priorities, else a plain `StoreError`."""
        room = self.room(code)
        _check_open(room.status(self.now()))
        return room

    def submit(
        self,
        code: str,
        participant: str,
        weights: Mapping[str, object],
        display_name: str | None = None,
    ) -> Submission:
        """Record a participant's priorities (whole numbers 0-100 for every criterion, not all
        zero); their latest submission replaces the earlier ones in every count."""
        if not valid_participant_token(participant):
            raise StoreError("this browser's participant token is not valid; reload the page")
        values = _checked_weights(weights, self._model)
        name = _checked_display_name(display_name)
        content = json.dumps(values)
        now = self.now()
        responses = schema.room_responses.c
        with self._database.writing() as connection:
            row = _room_row(connection, code, share_lock=True)
            _check_open(self._room(row).status(now))
            taken = connection.execute(
                select(func.count()).where(responses.room_id == row.id)
            ).scalar_one()
            if taken >= MAX_SUBMISSIONS:
                raise StoreError(
                    f"this meeting room has taken its limit of {MAX_SUBMISSIONS:,} submissions",
                    "closed",
                )
            earlier = connection.execute(
                select(func.count()).where(
                    responses.room_id == row.id, responses.participant == participant
                )
            ).scalar_one()
            connection.execute(
                insert(schema.room_responses).values(
                    room_id=row.id,
                    participant=participant,
                    display_name=name,
                    weights_json=content,
                    submitted_at=now,
                )
            )
        return Submission(now, earlier > 0)

    def close(self, code: str) -> Room:
        """Take no more priorities in the room (closing a closed room changes nothing)."""
        rooms = schema.rooms.c
        with self._database.writing() as connection:
            row = _room_row(connection, code)
            if row.closed_at is None:
                connection.execute(
                    update(schema.rooms).where(rooms.id == row.id).values(closed_at=self.now())
                )
                row = _room_row(connection, code)
        return self._room(row)

    def responses(self, code: str) -> list[Response]:
        """Each participant's latest priorities, in the order participants first submitted."""
        table = schema.room_responses
        columns = table.c
        with self._database.reading() as connection:
            room_id = _room_row(connection, code).id
            latest = (
                select(
                    func.max(columns.id).label("latest"),
                    func.min(columns.id).label("first"),
                    func.count().label("submissions"),
                )
                .where(columns.room_id == room_id)
                .group_by(columns.participant)
                .subquery()
            )
            rows = connection.execute(
                select(
                    columns.display_name,
                    columns.weights_json,
                    columns.submitted_at,
                    latest.c.submissions,
                )
                .join(latest, columns.id == latest.c.latest)
                .order_by(latest.c.first)
            ).all()
        return [
            Response(
                number=number,
                display_name=row.display_name,
                weights=json.loads(row.weights_json),
                submitted_at=_utc(row.submitted_at),
                submissions=row.submissions,
            )
            for number, row in enumerate(rows, start=1)
        ]

    def _room(self, row: Row) -> Room:
        try:
            scenario = Scenario.from_json(row.scenario_json, self._model)
        except ScenarioError as error:
            raise StoreError(
                f"this meeting room's scenario does not fit the current model: {error}", "invalid"
            ) from error
        return Room(
            code=row.code,
            scenario=scenario,
            facilitator=row.facilitator,
            created_at=_utc(row.created_at),
            expires_at=_utc(row.expires_at),
            closed_at=None if row.closed_at is None else _utc(row.closed_at),
            strategies_shown=bool(row.strategies_shown),
        )


def responses_csv(responses: list[Response], model: DecisionModel) -> str:
    """The responses without names or tokens: participant number, time, how many times they
    submitted, and each priority (0-100) under its criterion id."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant", "submitted_at", "submissions", *model.criterion_ids])
    for response in responses:
        writer.writerow(
            [
                response.number,
                response.submitted_at.isoformat(timespec="seconds"),
                response.submissions,
                *(response.weights[criterion] for criterion in model.criterion_ids),
            ]
        )
    return buffer.getvalue()


def _room_row(connection: Connection, code: object, share_lock: bool = False) -> Row:
    if not isinstance(code, str) or CODE_PATTERN.fullmatch(code) is None:
        raise StoreError(NO_ROOM, "not_found")
    query = select(schema.rooms).where(schema.rooms.c.code == code)
    if share_lock and connection.dialect.name == "postgresql":
        query = query.with_for_update(read=True)  # a close waits for submissions in flight
    row = connection.execute(query).first()
    if row is None:
        raise StoreError(NO_ROOM, "not_found")
    return row


def _check_open(status: Status) -> None:
    if status == "closed":
        raise StoreError(CLOSED, "closed")
    if status == "expired":
        raise StoreError(EXPIRED, "closed")


def _checked_weights(weights: Mapping[str, object], model: DecisionModel) -> dict[str, int]:
    """Every criterion's priority, a whole number 0-100, in model order; not all zero."""
    if not isinstance(weights, Mapping):
        raise StoreError("priorities must map each criterion to a number", "invalid")
    missing = [c for c in model.criterion_ids if c not in weights]
    unknown = sorted(str(key) for key in weights if key not in model.criterion_ids)
    if missing or unknown:
        which = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
        raise StoreError(f"priorities must name every criterion once: {which}", "invalid")
    values: dict[str, int] = {}
    for criterion in model.criterion_ids:
        value = weights[criterion]
        problem = weight_problem(value)
        if problem:
            raise StoreError(f"{model.criterion(criterion).priority_label}: {problem}", "invalid")
        values[criterion] = int(value)  # type: ignore[call-overload]
    if not any(values.values()):
        raise StoreError(
            "every priority is at zero; set at least one above zero to submit", "invalid"
        )
    return values


def _checked_display_name(name: str | None) -> str | None:
    if name is None:
        return None
    if not isinstance(name, str):
        raise StoreError("the display name must be text", "invalid")
    name = " ".join(name.split())
    if len(name) > schema.DISPLAY_NAME_LIMIT:
        raise StoreError(
            f"the display name is {len(name)} characters; at most "
            f"{schema.DISPLAY_NAME_LIMIT} are allowed",
            "invalid",
        )
    problem = text_problem(name)
    if problem:
        raise StoreError(f"the display name {problem}", "invalid")
    return name or None


def _utc(moment: datetime) -> datetime:
    """A database time as an aware UTC time (SQLite hands back naive UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
