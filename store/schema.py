"""The tables, as SQLAlchemy Core: the scenario library, the decision record, meeting rooms and
their responses, the schema version.

Library and record rows are never updated or deleted except `scenarios.deleted_at` (soft delete
and its undo); migration 2 adds triggers that make the database itself refuse anything else.
A room's only change is `rooms.closed_at`; responses are appended, the latest per participant
counting (migration 3).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)

from scoring.scenario import NAME_LIMIT  # a saved name is at most as long as a scenario's

AUTHOR_LIMIT = 80
RATIONALE_LIMIT = 5_000
ROOM_CODE_LIMIT = 64
PARTICIPANT_LIMIT = 64
DISPLAY_NAME_LIMIT = 40

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME_LIMIT), nullable=False),
    Column("version", Integer, nullable=False),
    Column("author", String(AUTHOR_LIMIT), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("scenario_json", Text, nullable=False),
    Column("model_version", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("name", "version", name="scenarios_name_version"),
)

decision_record = Table(
    "decision_record",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scenario_name", String(NAME_LIMIT), nullable=False),
    Column("version", Integer, nullable=False),
    Column("author", String(AUTHOR_LIMIT), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("leader_id", String(80), nullable=False),
    Column("leader_label", String(200), nullable=False),
    Column("leader_score", Float, nullable=False),
    Column("robustness", Text, nullable=False),
    Column("rationale", Text, nullable=False),
    Column("model_version", String(80), nullable=False),
    UniqueConstraint("scenario_name", "version", name="decision_record_name_version"),
)

rooms = Table(
    "rooms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(ROOM_CODE_LIMIT), nullable=False, unique=True),
    Column("scenario_json", Text, nullable=False),
    Column("facilitator", String(AUTHOR_LIMIT), nullable=False),
    Column("model_version", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    # Whether the facilitator's screen ranked the strategies when the room opened (migration 4).
    Column("strategies_shown", Boolean, nullable=False, server_default=true()),
)

room_responses = Table(
    "room_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", Integer, ForeignKey("rooms.id"), nullable=False),
    Column("participant", String(PARTICIPANT_LIMIT), nullable=False),
    Column("display_name", String(DISPLAY_NAME_LIMIT), nullable=True),
    Column("weights_json", Text, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Index("room_responses_room_participant", "room_id", "participant"),
)
