"""Reference text read in full: tables that wrap, and links to the in-app evidence register."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.state import EVIDENCE_KEY
from scoring import DecisionModel


def evidence_links(model: DecisionModel, ids: list[str]) -> str:
    """Markdown links to each entry on the Evidence page (sources outside open only from
    there); each link's tooltip is the entry's title. Empty for a number without evidence."""
    links = []
    for evidence_id in ids:
        title = model.evidence_item(evidence_id).title.replace('"', "'")
        links.append(f'[{evidence_id}]({EVIDENCE_KEY}?{EVIDENCE_KEY}={evidence_id} "{title}")')
    return ", ".join(links)


def reference_table(rows: list[dict[str, str]] | pd.DataFrame, key: str, alt: str) -> None:
    """A static table whose cells wrap, so every word is on screen: no sideways scroll, no cell
    cut to one line, no inner scroll box, and its type grows with the page's in presentation
    mode. Cells are Markdown the caller has escaped (the model's own text, or
    `evidence_links`); the container's key names the table for tests and styles."""
    with st.container(key=key):
        st.table(pd.DataFrame(rows), hide_index=True, border="horizontal", alt=alt)
