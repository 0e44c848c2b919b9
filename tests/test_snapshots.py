"""Chart snapshots say what they show, keep their text, and treat user text as text."""

from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from briefing import snapshots
from briefing.figures import Figure
from briefing.sensitivity_frames import axis_label
from scoring import DecisionModel, Scenario, default_model
from scoring.robustness import AnalysisSettings
from scoring.sensitivity import DEFAULT_MAP_AXES
from scoring.strategy_tree import strategy_tree
from scoring.text import one_line
from tests.catalogue import catalogue

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
MARKING = "DRAFT - FOR DISCUSSION"
CREATED = datetime(2026, 11, 23, 19, 45, tzinfo=UTC)
SETTINGS = AnalysisSettings(draws=1_000, seed=7)
NAME = 'Weekly <script>alert("x")</script> & Co'
CHANGES = {
    "assumptions": {"interceptor_shelf_life_years": 3, "maintenance_sanction_risk": 0.4},
    "weights": {"f35_prospects": 40},
}


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    return default_model()


@pytest.fixture(scope="module")
def scenario(model: DecisionModel) -> Scenario:
    return Scenario.build({"name": NAME, **CHANGES}, model)


@pytest.fixture(scope="module")
def charts(scenario: Scenario, model: DecisionModel) -> dict[str, Figure]:
    """The catalogue figures of the scenario, by key (the first strategy's tree alone)."""
    return catalogue(scenario, model, SETTINGS.draws, SETTINGS.seed)


@pytest.fixture(scope="module")
def context(scenario: Scenario, model: DecisionModel) -> snapshots.SnapshotContext:
    return snapshots.context_for(scenario, model, CREATED, MARKING, SETTINGS)


@pytest.fixture(scope="module")
def svgs(charts: dict[str, Figure], context: snapshots.SnapshotContext) -> dict[str, str]:
    snapshots.start_renderer()
    return {key: snapshots.snapshot_svg(figure, context) for key, figure in charts.items()}


def texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


def words(svg: str) -> str:
    """Every piece of text the SVG draws, one line per <text> (tspans joined by spaces)."""
    return "\n".join(" ".join(element.itertext()) for element in texts(svg))


# --- the context --------------------------------------------------------------------------------


def test_changes_are_listed_in_plain_words_with_units(scenario: Scenario, model: DecisionModel):
    assert snapshots.changes_from_baseline(scenario, model) == (
        "Interceptor shelf life left: 3 years (baseline 5)",
        "Sanction risk from Russian servicing: 40% (baseline 30%)",
        "F-35 priority: 40 (baseline 18)",
    )
    assert snapshots.changes_from_baseline(Scenario.build({}, model), model) == ()


def test_time_stamps_are_written_in_utc(scenario: Scenario, model: DecisionModel) -> None:
    ankara = datetime(2026, 11, 23, 22, 45, tzinfo=timezone(timedelta(hours=3)))
    assert snapshots.context_for(scenario, model, ankara, "").stamp == "2026-11-23 19:45 UTC"
    with pytest.raises(ValueError, match="timezone-aware"):
        snapshots.context_for(scenario, model, datetime(2026, 11, 23, 19, 45), "")


def test_long_change_lists_end_with_how_many_more(
    charts: dict[str, Figure], model: DecisionModel
) -> None:
    everything = Scenario.build(
        {
            "assumptions": {a.id: a.max for a in model.assumptions},
            "weights": {c.id: c.default_weight + 1 for c in model.criteria},
        },
        model,
    )
    context = snapshots.context_for(everything, model, CREATED, "")
    assert len(context.changes) == len(model.assumptions) + len(model.criteria)
    lines = snapshots.footer_lines(charts["recommendation_chart"], context)
    hidden = len(context.changes) - snapshots.CHANGES_SHOWN
    assert lines[0].startswith("Changed from the analysts' baseline: ")
    assert any(line.endswith(f"... and {hidden} more") for line in lines)
    assert all(len(line) <= snapshots.FOOTER_CHARACTERS for line in lines)


def test_a_baseline_snapshot_says_nothing_changed(
    charts: dict[str, Figure], model: DecisionModel
) -> None:
    context = snapshots.context_for(Scenario.build({}, model), model, CREATED, "")
    assert snapshots.footer_lines(charts["sens_map"], context) == [
        "Every assumption and priority at the analysts' baseline.",
        f"Made 2026-11-23 19:45 UTC with S-400 Decision Desk, model {model.version}.",
    ]


# --- the spec ---------------------------------------------------------------------------------


def test_the_snapshot_wraps_the_figures_own_spec(
    charts: dict[str, Figure], context: snapshots.SnapshotContext
) -> None:
    for figure in charts.values():
        spec = snapshots.snapshot_spec(figure, context, width=500)
        chart = spec["vconcat"][0]["vconcat"][0]
        source = figure.export_spec
        own = {k: v for k, v in source.items() if k not in ("$schema", "config", "datasets")}
        assert {k: v for k, v in chart.items() if k not in ("width", "title")} == {
            k: v for k, v in own.items() if k != "title"
        }
        assert chart["width"] == 500
        assert chart["title"]["text"] == figure.title
        assert spec["datasets"] == figure.export_spec["datasets"]
        assert spec["config"] == figure.spec["config"]


def test_the_map_exports_the_same_chart_with_merged_cells(charts: dict[str, Figure]) -> None:
    """The decision map's still differs from the screen spec only in its (fewer) rectangles."""
    figure = charts["sens_map"]
    still_spec = figure.export_spec
    assert {k: v for k, v in still_spec.items() if k != "datasets"} == {
        k: v for k, v in figure.spec.items() if k != "datasets"
    }
    (screen,) = figure.spec["datasets"].values()
    (still,) = still_spec["datasets"].values()
    assert len(still) < len(screen) / 10
    assert {row["option"] for row in still} == {row["option"] for row in screen}


def test_without_a_marking_there_is_no_marking_line(
    charts: dict[str, Figure], scenario: Scenario, model: DecisionModel
) -> None:
    context = snapshots.context_for(scenario, model, CREATED, "")
    spec = snapshots.snapshot_spec(charts["recommendation_chart"], context)
    assert "title" not in spec["vconcat"][0]
    assert MARKING not in words(snapshots.snapshot_svg(charts["recommendation_chart"], context))


# --- the rendered files -----------------------------------------------------------------------


def test_png_is_a_png_at_exactly_twice_the_svg_size(
    charts: dict[str, Figure], context: snapshots.SnapshotContext, svgs: dict[str, str]
) -> None:
    for key in ("recommendation_chart", "sens_acceptability"):
        png = snapshots.snapshot_png(charts[key], context)
        assert png.startswith(PNG_SIGNATURE)
        root = ET.fromstring(svgs[key])
        expected = (2 * int(root.get("width")), 2 * int(root.get("height")))
        assert struct.unpack(">II", png[16:24]) == expected
        assert snapshots.png_size(png) == expected


def test_svg_names_scenario_marking_changes_model_and_axes(
    svgs: dict[str, str], model: DecisionModel
) -> None:
    changed = [model.assumption(a).label for a in CHANGES["assumptions"]]
    changed += [model.criterion(c).priority_label for c in CHANGES["weights"]]
    for svg in svgs.values():
        text = words(svg)
        assert f"Scenario: {NAME}" in text
        assert MARKING in text
        assert model.version in text
        assert "2026-11-23 19:45 UTC" in text
        for label in changed:
            assert label in text
    for criterion in model.criteria:  # the columns of the contributions chart
        assert criterion.label in words(svgs["recommendation_chart"])
    for axis in DEFAULT_MAP_AXES:
        assert axis_label(axis, model) in words(svgs["sens_map"])


def test_every_text_names_a_generic_font_family_last(svgs: dict[str, str]) -> None:
    for svg in svgs.values():
        for element in texts(svg):
            family = element.get("font-family")
            assert family, "a <text> without a font-family"
            assert family.split(",")[-1].strip() in GENERIC_FAMILIES, family


def test_user_text_is_escaped_never_markup(svgs: dict[str, str]) -> None:
    for svg in svgs.values():
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg and "&amp; Co" in svg
        assert [e.tag for e in ET.fromstring(svg).iter() if "script" in e.tag] == []


def test_only_sampled_charts_name_their_seed_and_draws(
    charts: dict[str, Figure], svgs: dict[str, str]
) -> None:
    for key, svg in svgs.items():
        named = "1,000 draws, seed 7" in words(svg)
        assert named == charts[key].sampled, key
    assert [key for key, figure in charts.items() if figure.sampled] == ["sens_acceptability"]


def test_the_same_chart_gives_the_same_svg(
    charts: dict[str, Figure], context: snapshots.SnapshotContext, svgs: dict[str, str]
) -> None:
    heatmap = charts["tradeoff_heatmap"]  # its colour legend is a gradient with a numbered id
    assert snapshots.snapshot_svg(heatmap, context) == svgs["tradeoff_heatmap"]


def test_a_render_never_fetches_data(context: snapshots.SnapshotContext) -> None:
    remote = Figure(
        key="remote",
        title="Remote",
        alt="A chart whose data lives on the web.",
        spec={
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "config": {},
            "datasets": {},
            "data": {"url": "https://example.com/rows.csv"},
            "mark": "point",
        },
    )
    with pytest.raises(snapshots.ExportError) as caught:
        snapshots.snapshot_svg(remote, context)
    assert "not allowed" in str(caught.value.__cause__)


@pytest.mark.parametrize("before", [None, "/etc/fonts/fonts.conf"])
def test_starting_the_renderer_leaves_the_fontconfig_setting_as_it_was(
    monkeypatch: pytest.MonkeyPatch, before: str | None
) -> None:
    """The renderer's own font list is set only while it starts, never for the whole process."""
    if before is None:
        monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    else:
        monkeypatch.setenv("FONTCONFIG_FILE", before)
    snapshots._first_render.__wrapped__()
    assert os.environ.get("FONTCONFIG_FILE") == before


def test_the_tornado_draws_its_zero_line_once(svgs: dict[str, str]) -> None:
    dashed = [
        line
        for line in ET.fromstring(svgs["sens_tornado"]).iter(f"{SVG}line")
        if line.get("stroke-dasharray")
    ]
    assert len(dashed) == 1


def test_the_tornado_marks_the_margin_now(svgs: dict[str, str]) -> None:
    solid_black = [
        line
        for line in ET.fromstring(svgs["sens_tornado"]).iter(f"{SVG}line")
        if line.get("stroke") == "#000000" and not line.get("stroke-dasharray")
    ]
    assert len(solid_black) == 1


# --- the takeaway line ------------------------------------------------------------------------

HOSTILE = '**Bold** <script>alert("x")</script> [link](https://example.com) <b>&amp;</b>'


def test_a_takeaway_becomes_one_trimmed_line_without_control_characters() -> None:
    typed = "  Lead\trests on\r\nthe F-35\x00 case\x1b[31m \u202eevil\u2066 \ufffe  "
    assert one_line(typed, 120) == "Lead rests on the F-35 case[31m evil"
    assert one_line(" \n\t ", 120) == ""
    long = one_line("word " * 100, 120)
    assert len(long) == 120 and long.endswith("…")


def test_the_context_keeps_the_takeaway_bounded(scenario: Scenario, model: DecisionModel):
    context = snapshots.context_for(scenario, model, CREATED, "", takeaway="x" * 500)
    assert len(context.takeaway) == snapshots.TAKEAWAY_CHARACTERS
    assert snapshots.context_for(scenario, model, CREATED, "").takeaway == ""


def test_the_exported_chart_draws_the_takeaway_above_its_title(
    charts: dict[str, Figure], context: snapshots.SnapshotContext
) -> None:
    typed = "The lead rests on the F-35 case"
    with_line = replace(context, takeaway=typed)
    for figure in charts.values():
        block = snapshots.snapshot_spec(figure, with_line)["vconcat"][0]["vconcat"][0]
        assert block["title"]["text"] == [typed] and block["title"]["orient"] == "top"
        assert block["vconcat"][0]["title"]["text"] == figure.title  # the line comes first
        svg = snapshots.snapshot_svg(figure, with_line)
        assert typed in words(svg).splitlines()
        assert MARKING in words(svg) and f"Scenario: {NAME}" in words(svg)
    png = snapshots.snapshot_png(charts["sens_tornado"], with_line)
    plain = snapshots.snapshot_png(charts["sens_tornado"], context)
    assert snapshots.png_size(png)[1] > snapshots.png_size(plain)[1]  # one more line of text


def test_without_a_takeaway_the_export_is_unchanged(
    charts: dict[str, Figure], context: snapshots.SnapshotContext, svgs: dict[str, str]
) -> None:
    blank = replace(context, takeaway="")
    assert snapshots.snapshot_svg(charts["tradeoff_heatmap"], blank) == svgs["tradeoff_heatmap"]


def test_a_hostile_takeaway_comes_out_literal_and_bounded(
    charts: dict[str, Figure], scenario: Scenario, model: DecisionModel
) -> None:
    typed = HOSTILE + " and more" * 40
    context = snapshots.context_for(scenario, model, CREATED, MARKING, takeaway=typed)
    svg = snapshots.snapshot_svg(charts["recommendation_chart"], context)
    assert [
        e.tag for e in ET.fromstring(svg).iter() if "script" in e.tag or e.tag.endswith("}a")
    ] == []
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in svg
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in svg
    drawn = [line for line in words(svg).splitlines() if line.startswith("**Bold**")]
    assert len(drawn) == 1
    assert drawn[0].startswith(HOSTILE)  # every character as typed, Markdown and all
    assert len(drawn[0]) <= snapshots.TAKEAWAY_CHARACTERS + 1  # the wrapped lines, joined
    assert drawn[0].endswith("…")


def test_the_when_exports_name_every_line_and_every_strategys_branches(
    svgs: dict[str, str], scenario: Scenario, model: DecisionModel
) -> None:
    by_year = words(svgs["when_by_year"])
    assert "Decision taken in (years from now)" in by_year and "Score (0-100)" in by_year
    for option in model.options:
        assert option.short_label in by_year
    trees = words(svgs["when_trees"])
    for strategy in model.strategies:
        assert f"{strategy.short_label}:" in trees
    first = strategy_tree(scenario, model, model.strategies[0].id)
    assert words(svgs["when_tree"]).count("score ") == len(first.branches)
