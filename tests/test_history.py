"""Undo and redo of slider changes in the dashboard (AppTest, no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.history import HISTORY_LIMIT
from tests.conftest import MODEL
from tests.test_app import open_app

F35 = f"weight_{MODEL.criterion_ids[0]}"


def weight(app: AppTest) -> int:
    return app.slider(key=F35).value


def click(app: AppTest, key: str) -> AppTest:
    return app.button(key=key).click().run()


def test_undo_takes_back_each_move_and_redo_makes_it_again() -> None:
    app = open_app()
    start = weight(app)
    assert app.button(key="history_undo").disabled
    app.slider(key=F35).set_value(start + 5).run()
    app.slider(key=F35).set_value(start + 9).run()
    assert weight(click(app, "history_undo")) == start + 5
    assert weight(click(app, "history_undo")) == start
    assert app.button(key="history_undo").disabled
    assert weight(click(app, "history_redo")) == start + 5
    assert weight(click(app, "history_redo")) == start + 9
    assert app.button(key="history_redo").disabled
    assert not app.exception


def test_a_new_move_after_undo_clears_redo() -> None:
    app = open_app()
    start = weight(app)
    app.slider(key=F35).set_value(start + 5).run()
    click(app, "history_undo")
    app.slider(key=F35).set_value(start + 1).run()
    assert app.button(key="history_redo").disabled
    assert weight(click(app, "history_undo")) == start


def test_a_preset_is_one_step() -> None:
    app = open_app()
    before = {s.key: s.value for s in app.slider}
    app.selectbox(key="preset_choice").select(MODEL.presets[-1].id).run()
    assert {s.key: s.value for s in app.slider} != before
    click(app, "history_undo")
    assert {s.key: s.value for s in app.slider} == before


def test_at_least_twenty_steps_come_back() -> None:
    app = open_app()
    start = weight(app)
    steps = 25
    assert steps <= HISTORY_LIMIT
    for n in range(1, steps + 1):
        app.slider(key=F35).set_value((start + n) % 101).run()
    for _ in range(steps):
        click(app, "history_undo")
    assert weight(app) == start
