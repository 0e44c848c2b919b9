"""Where the scenario library lives: an explicit URL, the environment, Streamlit's secrets, or a
SQLite file in the project.

The order, first found wins:

1. a URL passed to `database_url` (or `ScenarioStore.open`);
2. the environment variable S400_DESK_DATABASE_URL;
3. `[connections.scenarios]` in `.streamlit/secrets.toml` (the project's, else `~/.streamlit/`),
   as `st.connection("scenarios", type="sql")` reads it: either `url = "..."` or the parts
   `dialect`, `driver`, `username`, `password`, `host`, `port`, `database`, `query`;
4. SQLite at S400_DESK_DATABASE_PATH, else `data_store/scenarios.sqlite3` in the project.

Read with tomllib; Streamlit is never imported.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from store.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
URL_VARIABLE = "S400_DESK_DATABASE_URL"
PATH_VARIABLE = "S400_DESK_DATABASE_PATH"
DEFAULT_PATH = ROOT / "data_store" / "scenarios.sqlite3"
SECRETS_FILES = (ROOT / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")
CONNECTION = "scenarios"
URL_PARTS = ("dialect", "driver", "username", "password", "host", "port", "database", "query")


def database_url(
    explicit: str | None = None,
    environ: Mapping[str, str] = os.environ,
    secrets_files: tuple[Path, ...] = SECRETS_FILES,
) -> str:
    """The configured database URL (see the module docstring for the order)."""
    if explicit:
        return explicit
    if environ.get(URL_VARIABLE):
        return environ[URL_VARIABLE]
    for secrets in secrets_files:
        section = _connection_section(secrets)
        if section is not None:
            return _url_from_section(section, secrets)
    path = Path(environ.get(PATH_VARIABLE) or DEFAULT_PATH).expanduser()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _connection_section(secrets: Path) -> dict[str, Any] | None:
    """`[connections.scenarios]` of one secrets file, or None when the file or table is absent."""
    if not secrets.is_file():
        return None
    try:
        with secrets.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise StoreError(f"cannot read {secrets}: {error}", "bad_url") from error
    section = data.get("connections", {}).get(CONNECTION)
    if section is not None and not isinstance(section, dict):
        raise StoreError(f"{secrets}: connections.{CONNECTION} must be a table", "bad_url")
    return section


def _url_from_section(section: dict[str, Any], secrets: Path) -> str:
    """A URL from `url = ...` or from Streamlit's separate connection parameters."""
    where = f"{secrets}: connections.{CONNECTION}"
    if "url" in section:
        if not isinstance(section["url"], str):
            raise StoreError(f"{where}.url must be a string", "bad_url")
        return section["url"]
    if "dialect" not in section:
        raise StoreError(f'{where} needs url = "..." or at least dialect = "..."', "bad_url")
    parts = {key: section[key] for key in URL_PARTS if key in section}
    dialect = parts.pop("dialect")
    driver = parts.pop("driver", None)
    try:
        url = URL.create(f"{dialect}+{driver}" if driver else dialect, **parts)
    except (TypeError, ValueError) as error:
        raise StoreError(f"{where}: {error}", "bad_url") from error
    return url.render_as_string(hide_password=False)


def sqlite_file(url: str | URL) -> Path | None:
    """The database file of a plain SQLite URL; None for other databases, memory or URI form."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.query.get("uri"):
        return None
    if parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
