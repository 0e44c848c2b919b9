"""The contributions chart compares every criterion from a common baseline: one column per
criterion, every option's bar in it starting at that column's zero, one scale for all columns,
options best first, named columns and no colour key to decode."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from briefing import figures, snapshots
from briefing.charts import BAR_COLOUR, header_lines
from briefing.theme import CRITERION_COLOURS, OPTION_COLOURS
from scoring import DecisionModel, Result, Scenario, default_model, evaluate
from scoring.leader import headline, join_labels

SVG = "{http://www.w3.org/2000/svg}"
SAID = re.compile(r"^(?P<criterion>.+) adds (?P<points>[\d.]+) points to (?P<option>.+)$")
BAR = re.compile(r"^M(?P<x>[-\d.e]+),(?P<y>[-\d.e]+)h(?P<width>[-\d.e]+)")


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    return default_model()


@pytest.fixture(scope="module")
def result(model: DecisionModel) -> Result:
    scenario = Scenario.build({"weights": {"f35_prospects": 40, "leverage": 5}}, model)
    return evaluate(scenario, model)


@pytest.fixture(scope="module")
def svg(result: Result, model: DecisionModel) -> ET.Element:
    figure = figures.recommendation(result, model)
    return ET.fromstring(snapshots._drawn(figure, {**figure.spec, "width": 700}))


@pytest.fixture(scope="module")
def bars(svg: ET.Element) -> list[dict[str, str | float]]:
    """Every bar the chart draws: what it says to a screen reader and where it is."""
    found = []
    for path in svg.iter(f"{SVG}path"):
        said = SAID.match(path.get("aria-label") or "")
        if said:
            where = BAR.match(path.get("d"))
            assert where, path.get("d")
            found.append(
                {
                    **said.groupdict(),
                    **{key: float(value) for key, value in where.groupdict().items()},
                    "fill": path.get("fill"),
                }
            )
    return found


def test_there_is_one_bar_per_option_and_criterion(
    bars: list[dict], result: Result, model: DecisionModel
) -> None:
    assert len(bars) == len(model.options) * len(model.criteria)
    for bar in bars:
        m = model.option_ids.index(next(o.id for o in model.options if o.label == bar["option"]))
        n = [c.label for c in model.criteria].index(bar["criterion"])
        assert float(bar["points"]) == pytest.approx(result.contributions[m, n], abs=0.05)


def test_each_criterion_starts_every_option_at_the_same_zero(bars: list[dict]) -> None:
    starts: dict[str, set[float]] = defaultdict(set)
    for bar in bars:
        starts[bar["criterion"]].add(round(bar["x"], 6))
    assert all(len(xs) == 1 for xs in starts.values()), starts
    assert len({xs.pop() for xs in starts.values()}) == len(starts)  # a column each


def test_one_scale_serves_every_column(bars: list[dict], result: Result) -> None:
    """Pixels per point are the same everywhere, so columns compare with each other too."""
    largest = max(bars, key=lambda bar: bar["width"])
    per_point = largest["width"] / result.contributions.max()
    for bar in bars:
        assert bar["width"] == pytest.approx(float(bar["points"]) * per_point, abs=0.06 * per_point)


def test_options_run_from_the_best_score_down(bars: list[dict], result: Result) -> None:
    row = {bar["option"]: bar["y"] for bar in bars}
    ranked = [entry.label for entry in result.ranking]
    assert sorted(row, key=row.get) == ranked


def test_bars_take_no_option_or_criterion_colour_and_there_is_no_legend(
    bars: list[dict], svg: ET.Element
) -> None:
    assert {bar["fill"] for bar in bars} == {BAR_COLOUR}
    assert BAR_COLOUR not in {*OPTION_COLOURS.values(), *CRITERION_COLOURS.values()}
    assert not [g for g in svg.iter(f"{SVG}g") if "role-legend" in (g.get("class") or "")]


def test_columns_are_named_by_their_criterion_and_say_each_number(
    svg: ET.Element, result: Result, model: DecisionModel
) -> None:
    said = [" ".join(element.itertext()) for element in svg.iter(f"{SVG}text")]
    for criterion in model.criteria:
        assert criterion.label in said
    for entry in result.ranking:
        assert f"{entry.score:.1f}" in said


def test_headings_wrap_at_word_breaks_into_short_lines() -> None:
    assert header_lines("F-35 readmission and CAATSA relief") == [
        "F-35",
        "readmission",
        "and CAATSA",
        "relief",
    ]
    assert header_lines("Domestic acceptability") == ["Domestic", "acceptability"]
    assert header_lines("Reversibility") == ["Reversibility"]


def test_the_text_alternative_says_what_it_shows_and_the_answer(
    result: Result, model: DecisionModel
) -> None:
    figure = figures.recommendation(result, model)
    leader = result.ranking[0]
    row = result.contributions[result.option_ids.index(leader.option_id)]
    top = model.criteria[int(row.argmax())].label
    assert f"the {len(model.options)} options in rows, best first" in figure.alt
    assert f"each of the {len(model.criteria)} criteria" in figure.alt
    assert f"{leader.label} earns most from {top} ({row.max():.1f} points)" in figure.finding


def test_the_finding_names_the_edge_when_it_is_not_where_most_points_come_from(
    model: DecisionModel,
) -> None:
    """At the analysts' baseline the leader's largest parts are criteria the runner-up scores as
    well on; the reasons beside the chart name where the edge comes from, so the finding does
    too, and the two never read as a contradiction."""
    result = evaluate(Scenario.build({}, model), model)
    top = headline(result)
    finding = figures.contributions_finding(result, model)
    edge = join_labels([model.criterion(c).label for c in top.drivers])
    assert f"its edge over {top.runner_up_label} comes from {edge}." in finding
    assert finding.count(top.leader_label) == 2  # the statement and the largest parts


def test_the_finding_adds_no_edge_when_the_largest_parts_hold_it(
    model: DecisionModel,
) -> None:
    result = evaluate(Scenario.build({"weights": {"f35_prospects": 100}}, model), model)
    top = headline(result)
    row = result.contributions[result.option_ids.index(top.leader)]
    largest = {model.criteria[n].label for n in row.argsort()[-2:]}
    assert {model.criterion(c).label for c in top.drivers} <= largest
    assert "edge" not in figures.contributions_finding(result, model)


def test_exports_are_wide_enough_for_the_columns(result: Result, model: DecisionModel) -> None:
    figure = figures.recommendation(result, model)
    assert snapshots.plot_width(figure) == figures.CONTRIBUTIONS_EXPORT_WIDTH
    assert snapshots.plot_width(figures.value_heatmap(result, model)) == snapshots.EXPORT_WIDTH
