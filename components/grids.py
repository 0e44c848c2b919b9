"""Grids of figures: interactive at a desk, large type on a shared screen.

`st.dataframe` draws its cells on a canvas at a fixed 14 px, whatever the page's style says, so
in presentation mode the same figures go into a plain table whose type grows with the page's.
Each grid's column configuration (labels, number formats) serves both, so the two never
disagree on how a number is written. Only the app's own text goes through here: a table's
Markdown would make a link of a bare URL, so grids holding user text (scenario names, authors,
rationales on the Scenarios page) stay `st.dataframe`, which shows every character as typed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.reference import reference_table
from components.state import presenting
from components.text import escape_markdown

ColumnConfig = str | Mapping[str, Any] | None


def show_grid(
    frame: pd.DataFrame,
    *,
    key: str,
    alt: str,
    column_config: Mapping[str, ColumnConfig] | None = None,
    column_order: Sequence[str] | None = None,
) -> None:
    """`frame` as a sortable, downloadable grid sized to its rows; in presentation mode as a
    table in the presentation type. `alt` names the table for screen readers."""
    config = dict(column_config or {})
    if not presenting():
        st.dataframe(
            frame,
            hide_index=True,
            key=key,
            height="content",  # every row in view, no inner scroll box
            column_config=config,
            column_order=column_order,
        )
        return
    columns = list(column_order or frame.columns)
    shown = pd.DataFrame(
        {
            _label(name, config.get(name)): [_cell(value, config.get(name)) for value in values]
            for name in columns
            for values in [frame[name].tolist()]  # Python numbers, not NumPy's
        }
    )
    reference_table(shown, key=key, alt=alt)


def _label(name: str, config: ColumnConfig) -> str:
    """The column's heading as the grid shows it, escaped for the table's Markdown."""
    if isinstance(config, str):
        return escape_markdown(config, limit=None)
    label = (config or {}).get("label")
    return escape_markdown(label or name, limit=None)


def _cell(value: object, config: ColumnConfig) -> str:
    """One cell as the grid writes it: the column's number format, yes/no for a checkbox."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    type_config = (config or {}).get("type_config", {}) if not isinstance(config, str) else {}
    if type_config.get("type") == "checkbox" or isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        number_format = type_config.get("format")
        if number_format == "percent":
            return f"{100 * value:.1f}%"
        if number_format and number_format.startswith("%"):
            return escape_markdown(number_format % value, limit=None)
        return escape_markdown(f"{value:g}", limit=None)
    return escape_markdown(str(value), limit=None)
