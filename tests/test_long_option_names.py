"""Strategies' long names are never cut in a chart: down a chart's side a name over
OPTION_LINE characters breaks after its last comma onto a second line, and legends hold it whole
(read from the charts as drawn, in SVG)."""

from __future__ import annotations

import html
import re

import pytest
import vl_convert

from briefing import figures
from briefing.charts import OPTION_LINE
from briefing.theme import PRESENTATION_SCALE
from scoring import evaluate
from tests.conftest import MODEL

RESULT = evaluate(model=MODEL)
TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)
TSPAN = re.compile(r"<tspan[^>]*>(.*?)</tspan>", re.DOTALL)
LONG = [o.label for o in MODEL.options if len(o.label) > OPTION_LINE and ", " in o.label]


def drawn_texts(spec: dict) -> list[list[str]]:
    """Each text element of the chart as drawn: its lines."""
    svg = vl_convert.vegalite_to_svg(spec)
    texts = []
    for inner in TEXT.findall(svg):
        lines = TSPAN.findall(inner) or [inner]
        texts.append([html.unescape(line) for line in lines])
    return texts


def test_the_model_has_a_name_long_enough_to_wrap() -> None:
    assert LONG, "no option or strategy name is long enough for this test to mean anything"


@pytest.mark.parametrize("scale", [1.0, PRESENTATION_SCALE])
@pytest.mark.parametrize("figure", [figures.recommendation, figures.value_heatmap])
def test_long_names_down_the_side_break_after_their_last_comma(figure, scale: float) -> None:
    texts = drawn_texts(figure(RESULT, MODEL, scale).spec)
    assert not any(line.endswith("…") for lines in texts for line in lines)
    for label in LONG:
        head, tail = label.rsplit(", ", 1)
        assert [f"{head},", tail] in texts, label
    for option in MODEL.options:
        if option.label not in LONG:
            assert [option.label] in texts, option.label


@pytest.mark.parametrize("scale", [1.0, PRESENTATION_SCALE])
def test_the_scatter_legend_names_every_option_whole(scale: float) -> None:
    texts = drawn_texts(figures.tradeoff(RESULT, MODEL, figures.DEFAULT_PAIR, scale).spec)
    assert not any(line.endswith("…") for lines in texts for line in lines)
    shown = {" ".join(lines) for lines in texts}
    assert {option.label for option in MODEL.options} <= shown
