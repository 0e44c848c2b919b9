"""The "When" view: scores by decision year, the cost of waiting, and the strategy trees."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from briefing import figures
from briefing.pack import pack_grid
from briefing.takeaways import chart_takeaways
from briefing.theme import OPTION_COLOURS, PRESENTATION_SCALE
from briefing.when_charts import STRATEGY_DASH
from briefing.when_frames import (
    FAILED_COLOUR,
    FAILED_ENDING,
    LABEL_LINE_SHARE,
    MIN_SPAN,
    STRATEGY_KIND,
    end_label_heights,
    lead_sentence,
    score_by_year_frame,
    starts_text,
    strategy_trees,
    tree_frame,
    trees_frame,
    waiting_frame,
    worth_it_text,
)
from components.text import escape_markdown
from scoring import Scenario, evaluate
from scoring.robustness import analyse
from scoring.strategy_tree import strategy_tree
from scoring.timeline import timeline
from tests.conftest import MODEL
from tests.test_app import chart_titles, open_app

PAGE = "app_pages/when.py"
BASELINE = Scenario.build({}, MODEL)
LINE = timeline(BASELINE, MODEL)
# Long shelf life: the status quo leads deciding now, but not a year later (checked below).
LONG_LIFE = Scenario.build({"assumptions": {"interceptor_shelf_life_years": 10}}, MODEL)
REPORT = analyse(BASELINE, MODEL, draws=500, seed=1)


def tree_rows(app) -> list[dict]:
    chart = app.get("vega_lite_chart")[-1]
    (rows,) = chart.proto.datasets
    return convert_arrow_bytes_to_pandas_df(rows.data.data).to_dict(orient="records")


# --- frames ---------------------------------------------------------------------------------------


def test_every_option_and_strategy_has_one_score_for_each_decision_year() -> None:
    frame = score_by_year_frame(LINE)
    assert len(frame) == len(MODEL.options) * len(LINE.years)
    for m, option in enumerate(MODEL.options):
        rows = frame[frame["option_id"] == option.id].sort_values("year")
        assert rows["year"].tolist() == list(LINE.years)
        np.testing.assert_allclose(rows["score"], LINE.scores[:, m])
        assert rows["end"].tolist() == [False] * (len(LINE.years) - 1) + [True]
    strategies = set(frame.loc[frame["kind"] == STRATEGY_KIND, "option_id"])
    assert strategies == {strategy.id for strategy in MODEL.strategies}


def test_end_labels_keep_a_line_apart_and_only_ever_move_down() -> None:
    ends = np.array([50.0, 49.9, 49.8, 30.0, 49.85])
    heights = end_label_heights(ends, span=20.0)
    gap = 20.0 * LABEL_LINE_SHARE
    assert heights.max() == ends.max()  # the top label stays at its line
    assert (heights <= ends).all()
    ordered = np.sort(heights)
    assert (np.diff(ordered) >= gap - 1e-9).all()
    assert heights[3] == 30.0  # far from the others: left at its line
    narrow = end_label_heights(np.array([1.0, 1.0]), span=0.0)
    assert narrow[0] - narrow[1] == pytest.approx(MIN_SPAN * LABEL_LINE_SHARE)


def test_the_waiting_table_agrees_with_the_timeline() -> None:
    frame = waiting_frame(LINE).set_index("option_id")
    points, money = LINE.cost_of_waiting()
    assert set(frame.index) == set(MODEL.option_ids)
    for m, option_id in enumerate(MODEL.option_ids):
        row = frame.loc[option_id]
        assert row["score_now"] == LINE.scores[0, m]
        assert row["score_next_year"] == LINE.scores[1, m]
        assert row["cost_points"] == pytest.approx(points[m])
        assert row["cost_bn_usd"] == pytest.approx(money[m])
    assert frame.loc[MODEL.status_quo.id, "worth_it"] == "the benchmark itself"
    assert frame["score_now"].is_monotonic_decreasing  # best now first


def test_worth_it_reads_in_plain_words() -> None:
    assert worth_it_text(None, False, 4) == "still worth it in year 4"
    assert worth_it_text(0, False, 4) == "not even now"
    assert worth_it_text(2, False, 4) == "year 2"
    assert worth_it_text(None, True, 4) == "the benchmark itself"
    stops = LINE.stops_being_worth_it()
    texts = waiting_frame(LINE).set_index("option_id")["worth_it"]
    for option_id, stop in zip(MODEL.option_ids, stops, strict=True):
        if option_id != MODEL.status_quo.id:
            assert texts[option_id] == worth_it_text(stop, False, LINE.years[-1])


@pytest.mark.parametrize("strategy_id", [strategy.id for strategy in MODEL.strategies])
def test_each_trees_chances_add_up_to_100_per_cent(strategy_id: str) -> None:
    tree = strategy_tree(BASELINE, MODEL, strategy_id)
    frame = tree_frame(tree, MODEL)
    assert frame["probability"].sum() == pytest.approx(100.0)
    assert len(frame) == len(tree.branches) >= 2
    assert frame["order"].tolist() == list(range(len(tree.branches)))
    expected = sum(b.probability * b.score for b in tree.branches)
    assert (frame["probability"] * frame["score"]).sum() / 100 == pytest.approx(expected)
    for path, branch in zip(frame["path"], tree.branches, strict=True):
        assert path.split("\n")[0] == branch.steps[0]  # one step a line, in order
        assert len(path.split("\n")) == len(branch.steps)


def test_a_branch_says_when_its_last_attempt_starts() -> None:
    assert starts_text(0.0) == "starts now"
    assert starts_text(1.0) == "starts after 1 year"
    assert starts_text(2.0) == "starts after 2 years"
    assert starts_text(1.5) == "starts after 1.5 years"


def test_the_lead_names_the_leader_and_what_a_years_wait_costs_it() -> None:
    (leader,) = LINE.leaders(0)
    assert all(LINE.leaders(n) == (leader,) for n in range(len(LINE.years)))  # precondition
    m = MODEL.option_ids.index(leader)
    points, money = LINE.cost_of_waiting()
    said = lead_sentence(LINE)
    assert said.startswith(f"Deciding now, {MODEL.option(leader).label} leads with ")
    assert f"{LINE.scores[0, m]:.1f} of 100 points" in said
    assert "stays ahead" in said
    assert f"{points[m]:.1f} points" in said and f"US${abs(money[m]):.2f} bn" in said


def test_the_lead_says_when_waiting_changes_the_leader() -> None:
    line = timeline(LONG_LIFE, MODEL)
    assert line.leaders(0) != line.leaders(1)  # precondition
    (later,) = line.leaders(1)
    said = lead_sentence(line)
    assert f"if the decision waits 1 year, {MODEL.option(later).label} leads instead" in said
    assert "stays ahead" not in said


# --- figures --------------------------------------------------------------------------------------


def test_the_score_chart_names_every_option_and_dashes_the_strategies() -> None:
    figure = figures.score_by_year(LINE)
    text = json.dumps(figure.spec)
    for option in MODEL.options:
        assert json.dumps(option.label) in text
    rows = figure.spec["datasets"]["rows"]
    assert {row["short"] for row in rows} == {o.short_label for o in MODEL.options}
    dashes = [
        layer["encoding"]["strokeDash"]["scale"]
        for layer in figure.spec["layer"]
        if "strokeDash" in layer.get("encoding", {})
    ]
    assert dashes == [{"domain": ["Option", "Strategy"], "range": [[1, 0], STRATEGY_DASH]}]
    assert "Decision taken in (years from now)" in text and "Score (0-100)" in text
    assert f"{len(MODEL.strategies)} strategies (dashed)" in figure.alt
    assert figure.finding.endswith(f"deciding in {LINE.years[-1]} years, it still leads.")
    (later,) = timeline(LONG_LIFE, MODEL).leaders(-1)
    changed = figures.score_by_year(timeline(LONG_LIFE, MODEL)).finding
    assert changed.endswith(f"{MODEL.option(later).label} leads instead.")


def test_the_tree_figure_names_its_strategy_and_scales_for_presenting() -> None:
    strategy = MODEL.strategies[0]
    tree = strategy_tree(BASELINE, MODEL, strategy.id)
    normal, large = (
        figures.strategy_tree(tree, MODEL),
        figures.strategy_tree(tree, MODEL, PRESENTATION_SCALE),
    )
    assert strategy.label in normal.title
    assert f"{tree.score:.1f}" in normal.finding
    size = normal.spec["config"]["text"]["fontSize"]
    assert large.spec["config"]["text"]["fontSize"] == size * PRESENTATION_SCALE


# --- the page -------------------------------------------------------------------------------------


def open_when(**query: str):
    app = open_app(**query)
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def test_the_page_shows_lead_chart_table_and_tree() -> None:
    app = open_when()
    assert app.header[0].value == "When"
    assert escape_markdown(lead_sentence(LINE), 400) in [m.value for m in app.markdown]
    titles = chart_titles(app)
    assert titles[0] == figures.score_by_year(LINE).title
    first = strategy_tree(BASELINE, MODEL, MODEL.strategies[0].id)
    assert titles[1] == figures.strategy_tree(first, MODEL).title
    table = app.dataframe[0].value
    assert set(table["option"]) == {option.label for option in MODEL.options}
    assert (table["kind"] == STRATEGY_KIND).sum() == len(MODEL.strategies)
    captions = " ".join(c.value for c in app.caption)
    assert MODEL.status_quo.label in captions and "US$ bn" in captions


def test_each_chart_finding_is_said_once() -> None:
    """The lead sentence states the timeline's finding, and the tree's caption opens with the
    tree's: neither is repeated under its chart."""
    app = open_when()
    captions = [c.value for c in app.caption]
    line_finding = escape_markdown(figures.score_by_year(LINE).finding, 400)
    assert not any(line_finding in caption for caption in captions)
    first = strategy_tree(BASELINE, MODEL, MODEL.strategies[0].id)
    tree_finding = escape_markdown(figures.strategy_tree(first, MODEL).finding, 400)
    assert [c for c in captions if tree_finding in c] == [
        c for c in captions if c.startswith(tree_finding)
    ]
    assert len([c for c in captions if tree_finding in c]) == 1


def test_choosing_another_strategy_redraws_its_tree() -> None:
    app = open_when()
    before = tree_rows(app)
    other = MODEL.strategies[-1]
    app.selectbox(key="when_strategy").select(other.id).run()
    assert not app.exception
    after = tree_rows(app)
    assert after != before
    expected = tree_frame(strategy_tree(BASELINE, MODEL, other.id), MODEL)
    assert [row["path"] for row in after] == expected["path"].tolist()
    assert other.label in chart_titles(app)[-1]


def test_the_page_follows_the_scenario_in_the_link() -> None:
    app = open_when(interceptor_shelf_life_years="10")
    said = escape_markdown(lead_sentence(timeline(LONG_LIFE, MODEL)), 400)
    assert said in [m.value for m in app.markdown]


def test_presenting_enlarges_the_charts_and_drops_the_page_heading() -> None:
    app = open_when(present="true")
    assert not [h for h in app.header if h.value == "When"]
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    assert len(specs) == 2
    for spec in specs:
        assert spec["config"]["axis"]["labelFontSize"] == 12 * PRESENTATION_SCALE


def test_the_pack_chart_heads_each_branch_with_its_strategy() -> None:
    trees = strategy_trees(BASELINE, MODEL)
    frame = trees_frame(trees, MODEL)
    assert frame["order"].tolist() == list(range(sum(len(t.branches) for t in trees)))
    headings = frame["path"].str.split("\n").str[0]
    for strategy in MODEL.strategies:
        mine = frame[headings == f"{strategy.short_label}:"]
        assert mine["probability"].sum() == pytest.approx(100.0)


def test_the_when_slides_say_who_leads_and_what_waiting_does() -> None:
    result = evaluate(BASELINE, MODEL)
    said = chart_takeaways(result, REPORT, pack_grid(result, REPORT, MODEL), MODEL)
    (leader,) = LINE.leaders(0)
    assert said["when_by_year"].startswith(f"{MODEL.option(leader).label} leads deciding now")
    best = max(strategy_trees(BASELINE, MODEL), key=lambda tree: tree.score)
    assert said["when_trees"] == (
        f"Of {len(MODEL.strategies)} strategies, {best.label} scores best, {best.score:.1f} points"
    )
    long_life = evaluate(LONG_LIFE, MODEL)
    line = timeline(LONG_LIFE, MODEL)
    (later,) = line.leaders(1)
    moved = chart_takeaways(long_life, REPORT, pack_grid(long_life, REPORT, MODEL), MODEL)
    assert moved["when_by_year"].endswith(
        f"{MODEL.option(later).label} if the decision waits 1 year"
    )


@pytest.mark.parametrize("strategy_id", [strategy.id for strategy in MODEL.strategies])
def test_each_tree_bar_takes_the_colour_of_what_its_branch_ends_with(strategy_id: str) -> None:
    """A branch that carries an option out is that option's colour; one whose last attempt
    failed is neutral grey; the legend lists only the endings in the chart."""
    tree = strategy_tree(BASELINE, MODEL, strategy_id)
    frame = tree_frame(tree, MODEL)
    spec = figures.strategy_tree(tree, MODEL).spec
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    scale = bars["encoding"]["color"]["scale"]
    colour = dict(zip(scale["domain"], scale["range"], strict=True))
    assert list(colour) == list(dict.fromkeys(frame["ends_with"]))
    for branch, ending in zip(tree.branches, frame["ends_with"], strict=True):
        if branch.failed:
            assert (ending, colour[ending]) == (FAILED_ENDING, FAILED_COLOUR)
        else:
            assert ending == MODEL.option(branch.option_id).short_label
            assert colour[ending] == OPTION_COLOURS[branch.option_id]
    assert any(branch.failed for branch in tree.branches) == (FAILED_ENDING in colour)


def test_without_strategies_the_timeline_alt_text_names_only_options() -> None:
    direct = MODEL.without_strategies()
    alt_text = figures.score_by_year(timeline(BASELINE, direct)).alt
    assert "strateg" not in alt_text
    assert f"{len(direct.direct_options)} options (solid) for a decision" in alt_text
