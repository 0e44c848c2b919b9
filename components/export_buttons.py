"""Download widgets: chart snapshots and the briefing pack, rendered only when clicked.

Every button passes a callable as `data` and `on_click="ignore"`: the file is made on the server
when the user clicks, and the click neither reruns the app nor blocks it.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime

import streamlit as st

from briefing import snapshots
from briefing.figures import Figure
from briefing.marking import marking
from briefing.pack import build_pack
from components.analysis import current_settings
from components.room_store import results_source
from scoring import DecisionModel, Scenario


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "scenario"


def snapshot_buttons(figure: Figure, scenario: Scenario, model: DecisionModel) -> None:
    """An optional takeaway line, then "Download PNG" and "Download SVG" for one chart, with
    the takeaway above it and its provenance footer below."""
    settings = current_settings() if figure.sampled else None
    row = st.container(horizontal=True, vertical_alignment="bottom")  # wraps on a narrow screen
    takeaway = row.text_input(
        "Takeaway line on the exported chart (optional)",
        max_chars=snapshots.TAKEAWAY_CHARACTERS,
        key=f"{figure.key}_takeaway",
        placeholder="For example: the lead rests on the F-35 case",
        help="One line, drawn above the chart in the PNG and SVG exactly as typed (no "
        f"formatting), up to {snapshots.TAKEAWAY_CHARACTERS} characters. Press Enter, then "
        "download. Left empty, the export has no takeaway line.",
        width=420,
    )

    def context() -> snapshots.SnapshotContext:
        return snapshots.context_for(
            scenario, model, datetime.now(UTC), marking(), settings, takeaway
        )

    name = f"s400-{figure.key}-{_slug(scenario.name)}-{_stamp()}"
    formats = (
        ("png", snapshots.snapshot_png, "image/png"),
        ("svg", snapshots.snapshot_svg, "image/svg+xml"),
    )
    for suffix, render, mime in formats:  # each button as wide as its label, at any width
        row.download_button(
            f"Download {suffix.upper()}",
            data=lambda render=render: render(figure, context()),
            file_name=f"{name}.{suffix}",
            mime=mime,
            on_click="ignore",
            key=f"{figure.key}_{suffix}",
        )


def briefing_pack_button(scenario: Scenario, model: DecisionModel) -> None:
    """One button for the ZIP: every chart, the results, the scenario and the deck."""
    settings = current_settings()
    room = results_source()  # the meeting room this session opened, if any
    st.download_button(
        "Briefing pack",
        data=lambda: build_pack(scenario, model, settings, datetime.now(UTC), marking(), room()),
        file_name=f"s400-briefing-{_slug(scenario.name)}-{_stamp()}.zip",
        mime="application/zip",
        on_click="ignore",
        key="briefing_pack",
        help="A ZIP with every chart (PNG and SVG), the results as CSV, the scenario as JSON "
        "and a PowerPoint deck, and the meeting room's results if you opened one. Takes a few "
        "seconds.",
        width="stretch",
    )


@st.cache_resource
def warm_renderer() -> threading.Thread:
    """Start the chart renderer once per server, in the background, so the first export is fast."""
    thread = threading.Thread(
        target=snapshots.start_renderer, name="vl-convert-warm-up", daemon=True
    )
    thread.start()
    return thread
