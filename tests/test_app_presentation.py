"""Presentation mode and the Presenter page in AppTest."""

from __future__ import annotations

import json

from briefing.marking import marking
from briefing.theme import PRESENTATION_SCALE, chart_config
from tests.test_app import open_app, tables


def font_sizes(app) -> list[float]:
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    return [spec["config"]["axis"]["labelFontSize"] for spec in specs]


def test_presentation_mode_from_the_url_enlarges_chart_text_by_half() -> None:
    normal = open_app()
    presenting = open_app(present="true")
    assert presenting.toggle(key="present").value is True
    (screen,) = font_sizes(normal)
    (shared,) = font_sizes(presenting)
    assert shared == screen * 1.5


def test_presentation_mode_uses_the_high_contrast_chart_theme() -> None:
    app = open_app(present="true")
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["labelColor"] == "#000000"
    assert chart_config(PRESENTATION_SCALE)["axis"]["labelColor"] == "#000000"
    assert chart_config(1.0)["axis"]["labelColor"] != "#000000"


def test_the_verdict_becomes_a_page_title_and_the_details_stay_off_the_shared_screen() -> None:
    app = open_app(present="true")
    normal = open_app()
    assert app.title[0].value == normal.subheader[0].value  # the verdict, as the page title
    assert not app.subheader or app.subheader[0].value != app.title[0].value
    assert not [e for e in app.expander if e.label == "How sure, in detail"]
    assert [e for e in normal.expander if e.label == "How sure, in detail"]


def test_presentation_mode_keeps_editing_controls_out_of_the_page() -> None:
    app = open_app(present="true")
    app.switch_page("app_pages/assumptions.py").run()
    assert not app.exception
    main_sliders = [s for s in app.main.get("slider")]
    assert main_sliders == []
    assert app.sidebar.get("slider")


def test_the_toggle_switches_presentation_on_and_off() -> None:
    app = open_app()
    app.toggle(key="present").set_value(True).run()
    assert app.title
    app.toggle(key="present").set_value(False).run()
    assert not app.title


def test_a_malformed_presentation_value_is_ignored_with_a_notice() -> None:
    app = open_app(present="maybe")
    assert any("presentation mode" in w.value for w in app.warning)
    assert app.toggle(key="present").value is False


def test_the_marking_line_is_on_screen() -> None:
    app = open_app()
    assert marking()
    assert any(marking().split()[0] in m.value for m in app.markdown)


def test_the_presenter_steps_through_the_story_and_stops_at_the_ends() -> None:
    app = open_app()
    app.switch_page("app_pages/presenter.py").run()
    titles = []
    while True:
        assert not app.exception
        titles.append(app.title[0].value)
        if app.get("vega_lite_chart"):
            assert font_sizes(app)[0] == chart_config(PRESENTATION_SCALE)["axis"]["labelFontSize"]
        if app.button(key="presenter_next").disabled:
            break
        app.button(key="presenter_next").click().run()
    assert len(titles) == 7
    recommendation = open_app()
    assert titles[0] == recommendation.subheader[0].value  # the verdict, as on Recommendation
    assert titles[-2] == "Where the recommendation holds"
    assert titles[-1].startswith("Worth finding out first: ")
    assert app.button(key="presenter_previous").proto.shortcut.lower() == "pageup"
    assert app.button(key="presenter_next").proto.shortcut.lower() == "pagedown"
    app.button(key="presenter_previous").click().run()
    assert app.title[0].value == titles[-2]


def test_a_grid_becomes_a_table_in_the_presentation_type_with_the_same_figures() -> None:
    """A grid's cells are drawn at 14 px whatever the page's type; on a shared screen the same
    figures, headed and written as in the grid, go into a table whose type grows."""
    desk = open_app()
    desk.switch_page("app_pages/when.py").run()
    (grid,) = desk.dataframe
    shared = open_app(present="true")
    shared.switch_page("app_pages/when.py").run()
    assert not shared.dataframe
    (table,) = tables(shared)
    assert table.columns.tolist() == [
        "Option or strategy",
        "Now (0-100)",
        "Wait cost (points)",
        "Wait cost (US$ bn)",
        "Stops being worth it",
    ]
    frame = grid.value
    assert table["Option or strategy"].tolist() == frame["option"].tolist()
    assert table["Now (0-100)"].tolist() == [f"{score:.1f}" for score in frame["score_now"]]
    assert table["Wait cost (US$ bn)"].tolist() == [f"{bn:.3f}" for bn in frame["cost_bn_usd"]]
    assert table["Stops being worth it"].tolist() == frame["worth_it"].tolist()
