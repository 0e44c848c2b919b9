"""Chart snapshots that say what they show: scenario, changes, time, model, sampling, marking.

A snapshot wraps a catalogue `Figure`'s own spec (one code path for screen and export) with the
marking line, the title with the scenario as subtitle, and a provenance footer, and renders it on
the server with vl-convert. User text (the scenario name) travels as plain title text, which Vega
escapes in SVG; nothing in it is interpreted. The renderer aborts the whole process on a character
XML cannot hold, so every string is made XML-safe before it is handed over (validated text never
needs it), and any other failure is one plain `ExportError`. No Streamlit here.
"""

from __future__ import annotations

import logging
import math
import os
import re
import struct
import textwrap
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import vl_convert as vlc

from briefing.figures import Figure
from briefing.theme import FONT, INK, MARKING_COLOUR, chart_config
from scoring import DecisionModel, Scenario
from scoring.robustness import AnalysisSettings
from scoring.text import one_line, xml_safe
from scoring.units import number_text, setting_text

PNG_SCALE = 2
EXPORT_WIDTH = 600  # plot width in pixels; a server render has no container to fill
FOOTER_CHARACTERS = 130  # footer line length that stays inside the chart's width
TAKEAWAY_CHARACTERS = 120  # the longest takeaway line a user can add to an export
TAKEAWAY_LINE = 80  # a longer takeaway wraps, to stay inside the chart's width at its larger size
CHANGES_SHOWN = 8  # longer lists end "... and N more"
NO_NETWORK: list[str] = []  # allowed base URLs for data: none, so a render never fetches
FONT_CONFIG = Path(__file__).with_name("export_fonts.conf")
_STARTING = threading.Lock()
_WARM_UP = {  # a chart with text in the theme's fonts, to start the renderer with
    "data": {"values": [{"text": "warm-up"}]},
    "mark": {"type": "text", "font": FONT},
    "encoding": {"text": {"field": "text", "type": "nominal"}},
    "title": "Warm-up",
    "config": chart_config(),
}
_TAG = re.compile(r"<[^>]+>")
_LOG = logging.getLogger(__name__)
_GRADIENT_ID = re.compile(r'(?<=id=")gradient_\d+(?=")|(?<=url\(#)gradient_\d+(?=\))')


class ExportError(RuntimeError):
    """A chart could not be exported; the message is one plain line."""


@dataclass(frozen=True)
class SnapshotContext:
    """What a snapshot must say about itself."""

    scenario: str
    changes: tuple[str, ...]  # every assumption and priority away from the baseline, in words
    created: datetime  # timezone-aware
    model_version: str
    sampling: str | None  # how the draws were made, for charts that come from sampling
    marking: str  # "" for none
    takeaway: str = ""  # the user's one line on what the chart shows; "" for none

    @property
    def stamp(self) -> str:
        """The creation time in UTC, written like "2026-11-23 19:45 UTC"."""
        return self.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def changes_from_baseline(scenario: Scenario, model: DecisionModel) -> tuple[str, ...]:
    """Every assumption, then every priority, that differs from the model's defaults."""
    lines = [
        f"{a.label}: {setting_text(scenario.assumptions[a.id], a.unit)} "
        f"(baseline {number_text(a.default, a.unit)})"
        for a in model.assumptions
        if not math.isclose(scenario.assumptions[a.id], a.default)
    ]
    lines += [
        f"{c.priority_label}: {scenario.weights[c.id]:g} (baseline {c.default_weight:g})"
        for c in model.criteria
        if not math.isclose(scenario.weights[c.id], c.default_weight)
    ]
    return tuple(lines)


def context_for(
    scenario: Scenario,
    model: DecisionModel,
    created: datetime,
    marking: str,
    settings: AnalysisSettings | None = None,
    takeaway: str = "",
) -> SnapshotContext:
    """The context of snapshots of `scenario`; `settings` describe the draws, if any were made;
    `takeaway` is user text, made one bounded line (see `scoring.text.one_line`)."""
    if created.tzinfo is None:
        raise ValueError("created must be timezone-aware (for example datetime.now(UTC))")
    return SnapshotContext(
        scenario=xml_safe(" ".join(scenario.name.split())),
        changes=changes_from_baseline(scenario, model),
        created=created,
        model_version=model.version,
        sampling=settings.describe() if settings is not None else None,
        marking=xml_safe(marking),
        takeaway=one_line(takeaway, TAKEAWAY_CHARACTERS),
    )


def _packed(items: list[str], width: int) -> list[str]:
    """Items joined by "; " into lines of about `width` characters, never splitting an item."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] = f"{lines[-1]}; {item}"
        else:
            lines.append(item)
    return lines


def footer_lines(figure: Figure, context: SnapshotContext) -> list[str]:
    """The provenance footer: changes, sampling (sampled charts only), time and model."""
    if context.changes:
        shown = list(context.changes[:CHANGES_SHOWN])
        hidden = len(context.changes) - len(shown)
        if hidden:
            shown.append(f"... and {hidden} more")
        shown[0] = f"Changed from the analysts' baseline: {shown[0]}"
        lines = _packed(shown, FOOTER_CHARACTERS)
    else:
        lines = ["Every assumption and priority at the analysts' baseline."]
    if figure.sampled and context.sampling:
        lines.append(f"Sampled: {context.sampling}.")
    lines.append(f"Made {context.stamp} with S-400 Decision Desk, model {context.model_version}.")
    return lines


def _title(text: str | list[str], orient: str, size: float, **style: Any) -> dict[str, Any]:
    return {
        "text": text,
        "orient": orient,
        "anchor": "start",
        "font": FONT,
        "fontSize": size,
        "offset": 14,
        **style,
    }


def plot_width(figure: Figure) -> int:
    """The plot width of a static export of `figure`."""
    return figure.export_width or EXPORT_WIDTH


def snapshot_spec(
    figure: Figure, context: SnapshotContext, width: int | None = None
) -> dict[str, Any]:
    """The figure's Vega-Lite with the marking, its title, the scenario and the footer around it
    (`width`: the plot's, by default the figure's own export width)."""
    source = figure.export_spec
    chart = {k: v for k, v in source.items() if k not in ("$schema", "config", "datasets")}
    chart["width"] = width or plot_width(figure)
    chart["title"] = {
        "text": figure.title,
        "subtitle": f"Scenario: {context.scenario}",
        "subtitleFont": FONT,
        "subtitleFontSize": 13,
        "subtitleColor": INK,
    }
    if context.takeaway:  # above the chart's own title, as plain title text
        lines = textwrap.wrap(context.takeaway, TAKEAWAY_LINE)
        takeaway = _title(lines, "top", 15, fontWeight="bold", color=INK, lineHeight=19)
        chart = {"title": takeaway, "vconcat": [chart]}
    body: dict[str, Any] = {"vconcat": [chart]}
    if context.marking:
        body["title"] = _title(context.marking, "top", 13, fontWeight="bold", color=MARKING_COLOUR)
    footer = footer_lines(figure, context)
    return {
        "$schema": source["$schema"],
        "config": source["config"],
        "datasets": source["datasets"],
        "title": _title(footer, "bottom", 11, fontWeight="normal", color=INK, lineHeight=15),
        "vconcat": [body],
    }


def svg_to_png(svg: str) -> bytes:
    """A rendered SVG as PNG at twice its size."""
    start_renderer()
    return vlc.svg_to_png(svg, scale=PNG_SCALE)


def start_renderer() -> None:
    """Start vl-convert once, with the fonts `FONT_CONFIG` allows (see that file for why), and
    warm it up with a small chart, so the first real export is fast."""
    with _STARTING:
        _first_render()


@cache
def _first_render() -> None:
    """vl-convert loads its fonts once, when it first lays out text, and reads FONTCONFIG_FILE
    then; it is set only meanwhile, so the process's other users of fontconfig keep theirs."""
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONT_CONFIG)
    try:
        svg = vlc.vegalite_to_svg(_WARM_UP, allowed_base_urls=NO_NETWORK)
        vlc.svg_to_png(svg, scale=PNG_SCALE)
    finally:
        if saved is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = saved


def _renumbered(svg: str) -> str:
    """Gradient ids numbered within the document. Vega counts them across every render in the
    process, which would make the same chart's SVG differ between renders. Only tags are
    touched, never text: a literal `"` cannot occur inside an attribute value, so `id="` and
    `url(#` inside a tag are attributes."""
    if "gradient_" not in svg:
        return svg
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"gradient_{len(names)}")

    return _TAG.sub(lambda tag: _GRADIENT_ID.sub(rename, tag.group(0)), svg)


def _xml_safe_strings(item: Any) -> Any:
    """`item` (a spec, or any part of one) with every string passed through `xml_safe`."""
    if isinstance(item, str):
        return xml_safe(item)
    if isinstance(item, dict):
        return {_xml_safe_strings(key): _xml_safe_strings(value) for key, value in item.items()}
    if isinstance(item, list | tuple):
        return [_xml_safe_strings(value) for value in item]
    return item


def snapshot_svg(figure: Figure, context: SnapshotContext) -> str:
    """The snapshot as SVG, with its text as text (the same inputs give the same SVG)."""
    return _drawn(figure, snapshot_spec(figure, context))


def slide_png(figure: Figure) -> bytes:
    """The chart alone, for a slide that carries its title, marking and provenance itself."""
    chart = {k: v for k, v in figure.export_spec.items() if k != "title"}
    return svg_to_png(_drawn(figure, {**chart, "width": plot_width(figure)}))


def _drawn(figure: Figure, spec: dict[str, Any]) -> str:
    """`spec` drawn as SVG; a renderer failure becomes one plain ExportError."""
    spec = _xml_safe_strings(spec)
    start_renderer()
    try:
        svg = vlc.vegalite_to_svg(spec, allowed_base_urls=NO_NETWORK)
    except Exception as error:  # the renderer's own errors have no common base class
        _LOG.exception("vl-convert could not draw the chart %s", figure.key)
        raise ExportError(
            f"the chart '{figure.title}' could not be drawn; nothing was exported"
        ) from error
    return _renumbered(svg)


def snapshot_png(figure: Figure, context: SnapshotContext) -> bytes:
    """The snapshot as PNG at twice its SVG size (the same picture, pixel for pixel)."""
    return svg_to_png(snapshot_svg(figure, context))


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from a PNG's header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
