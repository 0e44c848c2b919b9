"""The benchmark's reference apps draw what they claim: the dashboard's chart, and (for the
frame) every sidebar slider, the chart following a priority move."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.state import controls
from tests.conftest import MODEL

PRIORITY = next(c.key for c in controls(MODEL) if c.is_weight and "f35" in c.key)
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(name: str) -> AppTest:
    app = AppTest.from_file(str(BENCHMARKS / name), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def test_the_chart_alone_app_draws_the_dashboards_first_chart() -> None:
    app = run("chart_alone_app.py")
    assert len(app.get("vega_lite_chart")) == 1
    assert [s.label for s in app.slider] == ["F-35 priority (0-100)"]


def test_the_frame_alone_app_has_every_sidebar_slider_and_one_chart_that_follows_them() -> None:
    app = run("frame_alone_app.py")
    assert {s.key for s in app.sidebar.slider} == {c.key for c in controls(MODEL)}
    assert len(app.main.get("vega_lite_chart")) == 1
    before = app.main.get("vega_lite_chart")[0].proto
    app.slider(key=PRIORITY).set_value(0).run()
    assert not app.exception
    assert app.main.get("vega_lite_chart")[0].proto != before
