"""The briefing pack: exactly the expected files, results that agree with the engine, a scenario
that imports again, and the same bytes for the same inputs."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing.pack import build_pack
from briefing.snapshots import png_size
from scoring import DecisionModel, Result, Scenario, default_model, evaluate
from scoring.leader import headline, ordinal
from scoring.robustness import AnalysisSettings, analyse
from scoring.timeline import timeline
from scoring.verdict import verdict, verdict_headline

ROOT = Path(__file__).resolve().parents[1]
MARKING = "DRAFT - FOR DISCUSSION"
CREATED = datetime(2026, 11, 23, 19, 45, tzinfo=UTC)
SETTINGS = AnalysisSettings(draws=1_000, seed=7)
CHARTS = (
    "recommendation_chart",
    "tradeoff_heatmap",
    "tradeoff_scatter",
    "when_by_year",
    "when_trees",
    "sens_acceptability",
    "sens_tornado",
    "sens_map",
)
TABLES = (
    "ranking",
    "contributions",
    "values",
    "performance",
    "rank_acceptability",
    "scores_by_year",
    "cost_of_waiting",
    "find_out_first",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    return default_model()


@pytest.fixture(scope="module")
def scenario(model: DecisionModel) -> Scenario:
    return Scenario.build(
        {
            "name": "Weekly pack & <notes>",
            "notes": "Prepared for the Monday meeting.",
            "assumptions": {"interceptor_shelf_life_years": 3},
            "weights": {"f35_prospects": 40},
        },
        model,
    )


@pytest.fixture(scope="module")
def data(scenario: Scenario, model: DecisionModel) -> bytes:
    return build_pack(scenario, model, SETTINGS, CREATED, MARKING)


@pytest.fixture(scope="module")
def pack(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


@pytest.fixture(scope="module")
def result(scenario: Scenario, model: DecisionModel) -> Result:
    return evaluate(scenario, model)


def table(pack: zipfile.ZipFile, name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(pack.read(f"results/{name}.csv")))


def matrix(frame: pd.DataFrame, column: str, model: DecisionModel) -> np.ndarray:
    """A long per-criterion CSV back as the engine's (options x criteria) array."""
    wide = frame.pivot(index="option_id", columns="criterion_id", values=column)
    return wide.loc[list(model.option_ids), list(model.criterion_ids)].to_numpy()


def test_the_pack_holds_exactly_the_expected_files(pack: zipfile.ZipFile) -> None:
    expected = {
        *(f"charts/{key}.{kind}" for key in CHARTS for kind in ("png", "svg")),
        *(f"results/{name}.csv" for name in TABLES),
        "scenario.json",
        "briefing.pptx",
        "README.txt",
    }
    assert sorted(pack.namelist()) == sorted(expected)
    assert pack.testzip() is None


def test_every_chart_comes_as_png_and_svg_of_the_same_picture(pack: zipfile.ZipFile) -> None:
    for key in CHARTS:
        png, svg = pack.read(f"charts/{key}.png"), pack.read(f"charts/{key}.svg").decode()
        root = ET.fromstring(svg)
        assert png.startswith(PNG_SIGNATURE)
        size = (2 * int(root.get("width")), 2 * int(root.get("height")))
        assert (int.from_bytes(png[16:20]), int.from_bytes(png[20:24])) == size
        assert "Weekly pack &amp; &lt;notes&gt;" in svg and MARKING in svg


def test_the_ranking_agrees_with_evaluate(pack: zipfile.ZipFile, result: Result) -> None:
    ranking = table(pack, "ranking")
    assert list(ranking.columns) == ["rank", "option_id", "option", "score"]
    assert ranking["option_id"].tolist() == [e.option_id for e in result.ranking]
    assert ranking["rank"].tolist() == [e.rank for e in result.ranking]
    np.testing.assert_allclose(ranking["score"], [e.score for e in result.ranking], atol=5e-7)


def test_contributions_values_and_performance_agree_with_evaluate(
    pack: zipfile.ZipFile, result: Result, model: DecisionModel
) -> None:
    for name, column, expected in (
        ("contributions", "contribution", result.contributions),
        ("values", "value", result.values),
        ("performance", "performance", result.performance),
    ):
        frame = table(pack, name)
        assert len(frame) == len(model.options) * len(model.criteria)
        np.testing.assert_allclose(matrix(frame, column, model), expected, atol=5e-7)
    performance = table(pack, "performance")
    units = dict(zip(performance["criterion_id"], performance["unit"], strict=True))
    assert units == {c.id: c.unit for c in model.criteria}


def test_rank_acceptability_names_its_seed_and_draws(
    pack: zipfile.ZipFile, scenario: Scenario, model: DecisionModel
) -> None:
    frame = table(pack, "rank_acceptability")
    report = analyse(scenario, model, draws=SETTINGS.draws, seed=SETTINGS.seed)
    assert set(frame["draws"]) == {1_000} and set(frame["seed"]) == {7}
    shares = frame.pivot(index="option_id", columns="rank", values="share")
    ranks = [ordinal(k) for k in range(1, len(model.options) + 1)]
    ordered = shares.loc[list(model.option_ids), ranks]
    np.testing.assert_allclose(ordered.to_numpy(), report.rank_acceptability, rtol=1e-12)


def test_the_scores_by_year_are_the_timelines_with_its_leaders(
    pack: zipfile.ZipFile, scenario: Scenario, model: DecisionModel
) -> None:
    line = timeline(scenario, model)
    rows = table(pack, "scores_by_year")
    assert len(rows) == len(model.options) * len(line.years)
    for n, year in enumerate(line.years):
        that_year = rows[rows["years_from_now"] == year].set_index("option_id")
        np.testing.assert_allclose(
            that_year.loc[list(model.option_ids), "score"], line.scores[n], atol=1e-6
        )
        assert set(that_year.index[that_year["leads"]]) == set(line.leaders(n))
    waiting = table(pack, "cost_of_waiting").set_index("option_id")
    points, money = line.cost_of_waiting()
    np.testing.assert_allclose(
        waiting.loc[list(model.option_ids), "cost_points"], points, atol=1e-6
    )
    np.testing.assert_allclose(waiting.loc[list(model.option_ids), "cost_bn_usd"], money, atol=1e-6)


def test_csv_figures_have_at_most_six_decimals(pack: zipfile.ZipFile) -> None:
    for name in TABLES:
        text = pack.read(f"results/{name}.csv").decode("utf-8")
        decimals = [len(match) for match in re.findall(r"\d\.(\d+)", text)]
        assert decimals and max(decimals) <= 6, name


def test_scenario_json_imports_again(pack: zipfile.ZipFile, scenario: Scenario) -> None:
    text = pack.read("scenario.json").decode()
    assert text == scenario.model_dump_json(indent=2)
    assert Scenario.from_json(text) == scenario


def test_the_deck_has_one_picture_per_chart(pack: zipfile.ZipFile) -> None:
    deck = Presentation(io.BytesIO(pack.read("briefing.pptx")))
    pictures = [
        shape.name
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures == list(CHARTS)
    # The slide's picture is the chart alone: its title, marking and footer are on the slide.
    exported = png_size(pack.read("charts/recommendation_chart.png"))
    on_slide = png_size(deck.slides[1].shapes[1].image.blob)
    assert on_slide[1] < exported[1]


def test_the_readme_says_what_is_inside_and_where_it_comes_from(
    pack: zipfile.ZipFile, model: DecisionModel, result: Result
) -> None:
    text = pack.read("README.txt").decode()
    # How sure, as on the deck's first slide: the verdict of the pack's own draws.
    call = verdict(SETTINGS.run(result.scenario, model), model)
    assert f"Verdict:   {verdict_headline(call, headline(result))}.\n" in text
    assert text.startswith(MARKING) and text.rstrip().endswith(MARKING)
    for expected in (
        "Scenario:  Weekly pack & <notes>",
        "Made:      2026-11-23 19:45 UTC",
        f"Model:     {model.version}",
        "1,000 draws, seed 7",
        "Interceptor shelf life left: 3 years (baseline 5)",
        "F-35 priority: 40 (baseline 18)",
        "briefing.pptx",
        "scenario.json",
        *(f"charts/{key}.png" for key in CHARTS),
        *(f"results/{name}.csv" for name in TABLES),
    ):
        assert expected in text


def test_the_same_inputs_give_the_same_bytes(
    data: bytes, scenario: Scenario, model: DecisionModel
) -> None:
    assert build_pack(scenario, model, SETTINGS, CREATED, MARKING) == data
    for entry in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert entry.date_time == (2026, 11, 23, 19, 45, 0)


def test_exports_never_import_streamlit() -> None:
    code = (
        "import sys, briefing, briefing.pack, briefing.snapshots, briefing.deck; "
        "print('streamlit' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "False"


def test_the_pack_says_what_to_find_out_first(pack: zipfile.ZipFile) -> None:
    frame = table(pack, "find_out_first")
    assert frame["What to find out"].iloc[-1] == "Everything"
    worth = frame["Worth (points)"].iloc[:-1]
    assert list(worth) == sorted(worth, reverse=True)
    deck = Presentation(io.BytesIO(pack.read("briefing.pptx")))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert f"Worth finding out first: {frame['What to find out'].iloc[0]}" in titles
