"""The Streamlit app renders the model's ranking (AppTest, no browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from scoring import evaluate

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_app_shows_the_baseline_ranking_without_errors() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    table = app.dataframe[0].value
    expected = [entry.label for entry in evaluate().ranking]
    assert table["Option"].tolist() == expected
    assert table["Rank"].tolist()[0] == 1
