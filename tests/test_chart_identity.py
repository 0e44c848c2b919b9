"""A slider move changes a chart's data, never its spec or its accessible name.

The browser keeps a chart's Vega view and swaps in the new rows when only the data changed;
a changed spec or alt text makes it build the view again from nothing (Streamlit 1.67), which
took the dashboard's first chart about 30 ms of the browser's time per move
(benchmarks/ui_latency.py). The numbers a chart shows go into its `finding`, drawn as text
beside it.
"""

from __future__ import annotations

import json

import pytest

from briefing.figures import Figure
from scoring import Scenario, default_model
from tests.catalogue import catalogue

MODEL = default_model()
DRAWS, SEED = 500, 7  # the sampled charts' draws: enough to draw every bar
MOVES = {
    "a priority": {"weights": {"f35_prospects": 80}},
    "an assumption": {"assumptions": {"interceptor_shelf_life_years": 2.0}},
    "both": {
        "weights": {"russia_risk": 5, "f35_prospects": 90},
        "assumptions": {"p_russia_consents_third_country": 0.5, "decision_delay_years": 3.0},
    },
}


def drawn(figure: Figure) -> str:
    """What the browser compares to keep the view: the spec without its rows, and the alt."""
    spec = {key: value for key, value in figure.spec.items() if key != "datasets"}
    return json.dumps({"spec": spec, "alt": figure.alt}, sort_keys=True)


@pytest.fixture(scope="module")
def baseline() -> dict[str, Figure]:
    return catalogue(Scenario.build({}, MODEL), MODEL, DRAWS, SEED)


@pytest.mark.parametrize("move", MOVES)
def test_a_move_changes_each_charts_rows_and_nothing_else(
    baseline: dict[str, Figure], move: str
) -> None:
    moved = catalogue(Scenario.build(MOVES[move], MODEL), MODEL, DRAWS, SEED)
    for key, figure in moved.items():
        assert drawn(figure) == drawn(baseline[key]), key
    redrawn = moved["recommendation_chart"].spec["datasets"]
    assert redrawn != baseline["recommendation_chart"].spec["datasets"]  # the move was seen


def test_the_numbers_a_chart_shows_are_in_its_finding(baseline: dict[str, Figure]) -> None:
    moved = catalogue(Scenario.build(MOVES["both"], MODEL), MODEL, DRAWS, SEED)
    for key in ("recommendation_chart", "when_by_year", "when_tree", "when_trees"):
        assert moved[key].finding != baseline[key].finding, key
        assert moved[key].description == f"{moved[key].alt} {moved[key].finding}"


def axes(spec: object) -> list[dict]:
    """Every position encoding with a field and a drawn axis, anywhere in `spec`."""
    if isinstance(spec, list):
        return [found for part in spec for found in axes(part)]
    if not isinstance(spec, dict):
        return []
    own = [
        encoding
        for channel in ("x", "y")
        if isinstance(encoding := spec.get("encoding", {}).get(channel), dict)
        and "field" in encoding
        and encoding.get("axis", {}) is not None
    ]
    return own + [found for value in spec.values() for found in axes(value)]


def test_every_axis_has_a_fixed_accessible_name(baseline: dict[str, Figure]) -> None:
    """Vega would name an axis by its values, which an update in place leaves as first drawn."""
    for key, figure in baseline.items():
        drawn_axes = axes({k: v for k, v in figure.spec.items() if k != "datasets"})
        assert drawn_axes, key
        for encoding in drawn_axes:
            assert encoding["axis"]["description"].split(": ")[0] in ("X axis", "Y axis"), key
