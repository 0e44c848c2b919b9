"""Store failures as one plain line each, never a traceback for the user.

A message names the problem, never where the database is (a file path, or a server's host, port,
database and user): that goes to the server log (logger `store`) with the driver's own words.

`StoreError.kind` lets a caller react without parsing the message: "invalid" (bad input),
"not_found", "locked", "read_only", "unreachable", "bad_url", "conflict" (a concurrent save won
the same version; `ScenarioStore.save` retries these), "too_new" (the database was written by a
newer Decision Desk), "closed" (a meeting room that is closed or has expired) and "failed"
(anything else the database reported).
"""

from __future__ import annotations

import logging
from typing import Literal

from sqlalchemy import exc

log = logging.getLogger("store")  # where the database is, and the driver's words

Kind = Literal[
    "invalid",
    "not_found",
    "locked",
    "read_only",
    "unreachable",
    "bad_url",
    "conflict",
    "too_new",
    "closed",
    "failed",
]

SQLITE_KINDS: dict[str, Kind] = {
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_READONLY": "read_only",
    "SQLITE_CANTOPEN": "read_only",
    "SQLITE_PERM": "read_only",
    "SQLITE_AUTH": "read_only",
}
POSTGRES_KINDS: dict[str, Kind] = {
    "23505": "conflict",  # unique_violation: another writer took the version
    "40001": "conflict",  # serialization_failure
    "40P01": "conflict",  # deadlock_detected
    "55P03": "locked",  # lock_not_available (lock_timeout)
    "57014": "locked",  # query_canceled (statement_timeout)
    "25006": "read_only",  # read_only_sql_transaction
    "42501": "read_only",  # insufficient_privilege
    "28000": "unreachable",  # invalid_authorization_specification
    "28P01": "unreachable",  # invalid_password
    "3D000": "unreachable",  # invalid_catalog_name: no such database
    "57P01": "unreachable",  # admin_shutdown
    "57P03": "unreachable",  # cannot_connect_now
}


class StoreError(Exception):
    """A store operation failed; `str(error)` is one plain line naming the problem."""

    def __init__(self, message: str, kind: Kind = "failed") -> None:
        super().__init__(message)
        self.kind: Kind = kind


def quoted(text: str, limit: int = 60) -> str:
    """`text` in quotes for a message: control characters escaped, long text shortened."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def first_line(error: BaseException) -> str:
    """The first non-empty line of an exception's text."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def kind_of(error: exc.DBAPIError) -> Kind:
    """Classify a driver error from its SQLite error name or PostgreSQL SQLSTATE."""
    original = error.orig
    name = getattr(original, "sqlite_errorname", None)
    if name is not None:
        if name == "SQLITE_CONSTRAINT_UNIQUE":
            return "conflict"
        return SQLITE_KINDS.get("_".join(name.split("_")[:2]), "failed")  # primary code
    state = getattr(original, "sqlstate", None)
    if state is None:
        # psycopg raises OperationalError without a SQLSTATE when it cannot connect at all.
        from_psycopg = type(original).__module__.startswith("psycopg")
        return (
            "unreachable" if from_psycopg and isinstance(error, exc.OperationalError) else "failed"
        )
    return POSTGRES_KINDS.get(state, "unreachable" if state.startswith("08") else "failed")


def translate(error: exc.DBAPIError, where: str, lock_timeout: float) -> StoreError:
    """A `StoreError` for a driver error on the database described by `where` (which, with the
    driver's message, goes to the log only)."""
    kind = kind_of(error)
    detail = first_line(error.orig) if error.orig is not None else first_line(error)
    # A lost race for a version number is retried by `ScenarioStore.save`: not worth a warning.
    log.log(
        logging.DEBUG if kind == "conflict" else logging.WARNING,
        "scenario database %s: %s (%s)",
        where,
        detail,
        kind,
    )
    if getattr(error.orig, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN"):
        message = (
            f"cannot open or create the scenario database ({detail}): check that its folder "
            "exists and is writable, or configure another database"
        )
        return StoreError(message, kind)
    messages: dict[Kind, str] = {
        "locked": (
            f"the scenario database is locked by another program (waited {lock_timeout:g} s); "
            "try again in a moment"
        ),
        "read_only": (
            f"the scenario database is read-only ({detail}); scenarios cannot be saved there: "
            "check the permissions of the file and its folder, or configure another database"
        ),
        # The driver's words name the host, port, database or user here: the log has them.
        "unreachable": (
            "the scenario database is unreachable; analysis still works, saving and loading "
            "scenarios do not"
        ),
        "conflict": "another save took the same version at the same moment",
    }
    return StoreError(messages.get(kind, f"the scenario database failed: {detail}"), kind)
