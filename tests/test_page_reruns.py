"""A slider move reruns only the page; a change the sidebar must show reruns the whole app
(AppTest, no browser: `page_only_runs` records which kind each run was)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MODEL
from tests.test_app import headline, open_app

F35 = f"weight_{MODEL.criterion_ids[0]}"


def test_a_sidebar_slider_move_reruns_only_the_page(page_only_runs: list[bool]) -> None:
    app = open_app()
    before = headline(app)
    app.slider(key="p_readmission_if_divested").set_value(0.7).run()
    assert page_only_runs[-2:] == [True, False]  # the move, then AppTest's whole-screen read
    assert headline(app) != before
    assert app.slider(key="p_readmission_if_divested").value == 0.7
    assert not app.exception


def test_the_page_shows_the_move_and_undo_follows_it(page_only_runs: list[bool]) -> None:
    app = open_app()
    assert app.button(key="history_undo").disabled
    app.slider(key=F35).set_value(app.slider(key=F35).value + 5).run()
    assert page_only_runs[-2] is True
    assert not app.button(key="history_undo").disabled  # drawn with the page, so it follows


def undo(app: AppTest) -> AppTest:
    return app.button(key="history_undo").click().run()


def test_undo_reruns_the_whole_app_so_the_sidebar_shows_the_old_value(
    page_only_runs: list[bool],
) -> None:
    app = open_app()
    start = app.slider(key=F35).value
    app.slider(key=F35).set_value(start + 5).run()
    runs = len(page_only_runs)
    undo(app)
    assert page_only_runs[runs:] == [False]  # one run, of the whole app: no read-back needed
    assert app.slider(key=F35).value == start


def test_loading_a_scenario_from_the_page_reruns_the_whole_app(
    page_only_runs: list[bool], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("S400_DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("S400_DESK_DATABASE_PATH", str(tmp_path / "library.sqlite3"))
    app = open_app()
    app.switch_page("app_pages/scenarios.py").run()
    start = app.slider(key=F35).value
    app.text_input(key="save_name").input("Saved")
    app.text_input(key="save_author").input("Analyst A")
    app.button(key="FormSubmitter:save_form-Save as a new version").click().run()
    app.slider(key=F35).set_value(start + 7).run()
    runs = len(page_only_runs)
    app.button(key="lib_load").click().run()  # a button on the page, beside no slider
    assert page_only_runs[runs:] == [False]
    assert app.slider(key=F35).value == start
    assert app.text_input(key="scenario_name").value == "Saved"
