"""Page contents in AppTest: charts, the Method page, evidence filters, trade-off axes."""

from __future__ import annotations

import json

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from briefing import figures, snapshots
from briefing.charts import header_lines
from components.state import EVIDENCE_KEY
from scoring import evaluate
from scoring.describe import formula_text
from scoring.pareto import efficient
from scoring.provenance import basis_counts, evidence_usage
from tests.conftest import MODEL
from tests.test_app import chart_titles, open_app, tables, unescape


def chart_specs(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def charts(app):
    return list(app.get("vega_lite_chart"))


def test_every_chart_uses_the_theme_with_a_font_fallback_and_alt_text() -> None:
    app = open_app()
    for page in ("app_pages/recommendation.py", "app_pages/tradeoffs.py"):
        app.switch_page(page).run()
        assert charts(app), page
        for chart in charts(app):
            spec = json.loads(chart.proto.spec)
            assert spec["config"]["font"].endswith("sans-serif")
            assert chart.proto.alt


def test_the_recommendation_chart_holds_every_option_and_criterion() -> None:
    app = open_app()
    (chart,) = charts(app)
    (rows,) = chart.proto.datasets
    frame = convert_arrow_bytes_to_pandas_df(rows.data.data)
    assert set(frame["option"]) == {option.label for option in MODEL.options}
    assert set(frame["criterion"]) == {criterion.label for criterion in MODEL.criteria}
    headings = json.dumps(json.loads(chart.proto.spec))
    for criterion in MODEL.criteria:  # every column is named
        assert json.dumps(header_lines(criterion.label)) in headings


def test_method_page_is_generated_from_the_model() -> None:
    app = open_app()
    app.switch_page("app_pages/method.py").run()
    criteria, constants, *details, _ = tables(app)
    assert criteria["Criterion"].tolist() == [c.label for c in MODEL.criteria]
    computed = [formula_text(c.id) for c in MODEL.criteria if c.kind == "computed"]
    assert [block.value for block in app.code] == computed  # every formula in full
    assert constants["Constant"].tolist() == [c.label for _, c in MODEL.info.constants]
    assert constants["Why"].tolist() == [c.rationale for _, c in MODEL.info.constants]
    assert len(details) == len(MODEL.direct_options)  # one table per option
    for option, table in zip(MODEL.direct_options, details, strict=True):
        assert not table["Item"].str.contains("_").any()  # labels, not ids
        rationales = [p.rationale for _, p in option.parameters]
        rationales += [s.rationale for s in option.scores.values()]
        assert table["Why"].tolist() == rationales  # each in full
    weights = [f"{100 * w:.1f}%" for w in evaluate().weights]
    assert criteria["Weight now"].tolist() == weights
    assert MODEL.version in app.caption[0].value


def test_method_page_follows_the_current_weights() -> None:
    app = open_app(weight_f35_prospects="100")
    app.switch_page("app_pages/method.py").run()
    table = tables(app)[0]
    weights = {c.id: c.default_weight for c in MODEL.criteria} | {"f35_prospects": 100}
    assert table["Weight now"].iloc[0] == f"{100 * 100 / sum(weights.values()):.1f}%"


def test_evidence_filters_narrow_the_register() -> None:
    app = open_app()
    app.switch_page("app_pages/evidence.py").run()
    assert len(tables(app)[0]) == len(MODEL.evidence)
    app.multiselect(key="ev_status").select("denied").run()
    shown = tables(app)[0]
    denied = {e.id for e in MODEL.evidence if e.status.value == "denied"}
    assert set(shown["ID"]) == denied
    app.multiselect(key="ev_status").unselect("denied").run()
    app.text_input(key="ev_search").input("Patriot").run()
    assert set(tables(app)[0]["ID"]) == {
        e.id for e in MODEL.evidence if "patriot" in (e.title + " " + e.summary).lower()
    }


def test_evidence_lists_the_settings_that_rely_on_each_entry() -> None:
    app = open_app()
    app.switch_page("app_pages/evidence.py").run()
    table = tables(app)[0].set_index("ID")
    usage = evidence_usage(MODEL)
    assert table.loc["G5", "Used by"] == f"{len(usage['G5'])} numbers"
    uncited = next(e.id for e in MODEL.evidence if e.id not in usage)
    assert table.loc[uncited, "Used by"] == "none"
    app.selectbox(key=EVIDENCE_KEY).select("G5").run()
    used = next(m.value for m in app.markdown if m.value.startswith("**Used by:**"))
    assert "Interceptor shelf life left" in unescape(used)


def test_nothing_found_says_so_without_an_empty_table() -> None:
    app = open_app()
    app.switch_page("app_pages/evidence.py").run()
    app.text_input(key="ev_search").input("no entry says this").run()
    assert not app.table
    assert any(c.value.startswith("0 of ") for c in app.caption)


def test_tradeoff_axes_choose_the_pair_and_name_the_efficient_options() -> None:
    app = open_app()
    app.switch_page("app_pages/tradeoffs.py").run()
    app.selectbox(key="tradeoff_x").select("net_financial").run()
    app.selectbox(key="tradeoff_y").select("domestic_acceptability").run()
    result = evaluate()
    pair = result.values[
        :, [MODEL.criterion_ids.index(c) for c in ("net_financial", "domestic_acceptability")]
    ]
    expected = [o.label for o, keep in zip(MODEL.options, efficient(pair), strict=True) if keep]
    caption = next(c.value for c in app.caption if "efficient on this pair" in c.value)
    for label in expected:
        assert label in caption
    assert chart_titles(app)[-1] == "Net money recovered against Domestic acceptability"


def test_chart_titles_are_page_text_above_each_chart() -> None:
    """Inside a chart, Streamlit would cut a title to the chart's first width for good."""
    app = open_app()
    app.switch_page("app_pages/tradeoffs.py").run()
    assert all("title" not in spec for spec in chart_specs(app))
    assert chart_titles(app) == [
        "How each option scores on each criterion (0 = worst, 100 = best in the declared range)",
        f"{MODEL.criterion(figures.DEFAULT_PAIR[0]).label} against "
        f"{MODEL.criterion(figures.DEFAULT_PAIR[1]).label}",
    ]


def test_method_page_counts_each_basis_by_kind_of_number() -> None:
    app = open_app()
    app.switch_page("app_pages/method.py").run()
    table = tables(app)[-1].set_index("Numbers")
    counts = basis_counts(MODEL)
    for basis in ("sourced", "anchored", "judgement"):
        assert table[basis].astype(int).sum() == counts[basis]
    assert table.loc["Default priorities", "judgement"] == str(len(MODEL.criteria))
    assert any(f"{counts['judgement']} are judgement" in m.value for m in app.markdown)


def test_every_chart_offers_a_bounded_takeaway_line_that_stays_off_the_page() -> None:
    app = open_app()
    app.switch_page("app_pages/tradeoffs.py").run()
    lines = {box.key: box for box in app.text_input if box.key.endswith("_takeaway")}
    assert set(lines) == {"tradeoff_heatmap_takeaway", "tradeoff_scatter_takeaway"}
    box = lines["tradeoff_heatmap_takeaway"]
    assert box.proto.max_chars == snapshots.TAKEAWAY_CHARACTERS and box.value == ""
    typed = "**Bold** <b>x</b> [link](https://example.com)"
    box.set_value(typed).run()
    assert not app.exception
    assert app.text_input(key="tradeoff_heatmap_takeaway").value == typed
    shown = [*app.markdown, *app.caption]
    assert not [element for element in shown if "example.com" in element.value]
