"""The marking line: desk-wide configuration outside any scenario (no Streamlit)."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

CONFIG_FILE = Path(__file__).resolve().parent.parent / "desk.toml"
MARKING_VARIABLE = "S400_DESK_MARKING"
MARKING_LIMIT = 80


@cache
def marking() -> str:
    """The marking line from S400_DESK_MARKING or desk.toml ("" for none), at most 80 characters."""
    text = os.environ.get(MARKING_VARIABLE)
    if text is None and CONFIG_FILE.exists():
        with CONFIG_FILE.open("rb") as handle:
            text = tomllib.load(handle).get("export", {}).get("marking", "")
    return " ".join((text or "").split())[:MARKING_LIMIT]
