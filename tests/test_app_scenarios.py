"""The Scenarios page in AppTest: save, library, load, delete and undo, compare, faults."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert
from streamlit.testing.v1 import AppTest

from store import ScenarioStore, StoreError, schema
from tests.conftest import MODEL
from tests.test_app import chart_titles, open_app
from tests.test_migration import SAVED_1X

PAGE = "app_pages/scenarios.py"
SAVE = "FormSubmitter:save_form-Save as a new version"


@pytest.fixture(autouse=True)
def private_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own SQLite file (the store is cached per database URL)."""
    monkeypatch.delenv("S400_DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("S400_DESK_DATABASE_PATH", str(tmp_path / "library.sqlite3"))


def scenarios_page(**query: str) -> AppTest:
    app = open_app(**query)
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def save(app: AppTest, author: str, rationale: str = "", name: str | None = None) -> None:
    if name is not None:
        app.text_input(key="save_name").input(name)
    app.text_input(key="save_author").input(author)
    app.text_area(key="save_rationale").input(rationale)
    app.button(key=SAVE).click().run()
    assert not app.exception


def library(app: AppTest):
    return next(frame.value for frame in app.dataframe if "Latest version" in frame.value)


def test_saving_twice_under_one_name_adds_versions_and_records_both() -> None:
    app = scenarios_page()
    save(app, "Analyst A", "Baseline for the Tuesday meeting")
    assert "version 1" in app.success[0].value
    app.slider(key="weight_f35_prospects").set_value(60).run()
    save(app, "Analyst B", "More weight on the F-35")
    assert "version 2" in app.success[0].value
    row = library(app).iloc[0]
    assert (row["Name"], row["Latest version"], row["Versions"]) == ("Analysts' baseline", 2, 2)
    record = next(f.value for f in app.dataframe if "Robustness" in f.value)
    assert record["Who"].tolist() == ["Analyst B", "Analyst A"]
    assert all("draws" in sentence for sentence in record["Robustness"])


def test_loading_a_version_sets_every_control_at_once() -> None:
    app = scenarios_page(weight_f35_prospects="60", buyback_price_share="0.4")
    save(app, "Analyst A", name="Deal window")
    app.button(key="reset_baseline").click().run()
    assert (
        app.slider(key="weight_f35_prospects").value
        == MODEL.criterion("f35_prospects").default_weight
    )
    app.button(key="lib_load").click().run()
    assert app.slider(key="weight_f35_prospects").value == 60
    assert app.slider(key="buyback_price_share").value == pytest.approx(0.4)
    assert app.text_input(key="scenario_name").value == "Deal window"


def test_delete_hides_and_undo_restores() -> None:
    app = scenarios_page()
    save(app, "Analyst A")
    app.button(key="lib_delete").click().run()
    assert "Deleted 1 version" in app.success[0].value
    assert "Nothing saved yet" in " ".join(c.value for c in app.caption)
    app.toggle(key="lib_deleted").set_value(True).run()
    assert library(app).iloc[0]["Deleted"]
    app.button(key="lib_undo").click().run()
    assert "Restored 1 version" in app.success[0].value
    app.toggle(key="lib_deleted").set_value(False).run()
    assert not library(app).iloc[0]["Deleted"]


def test_comparing_two_scenarios_shows_leaders_and_differences() -> None:
    app = scenarios_page(weight_air_defence="100", interceptor_shelf_life_years="10")
    save(app, "Analyst A", name="Hold the line")
    app.button(key="reset_baseline").click().run()
    app.multiselect(key="compare_names").select("Hold the line").run()
    assert not app.exception
    leaders = [m.value for m in app.markdown if "leads in" in m.value]
    assert len(leaders) == 2
    differences = next(f.value for f in app.dataframe if "Setting" in f.value)
    settings = differences["Setting"].tolist()
    assert any("Interceptor shelf life left" in s for s in settings)
    assert any("Air-defence priority" in s for s in settings)
    assert len(settings) == 2
    assert "Scores in the 2 compared scenarios" in chart_titles(app)


def test_names_and_rationales_with_markup_stay_literal() -> None:
    app = scenarios_page()
    save(app, "<b>Analyst</b>", "<script>alert(1)</script>", name="[x](javascript:alert(1))")
    row = library(app).iloc[0]
    assert row["Name"] == "[x](javascript:alert(1))"
    assert row["Rationale"] == "<script>alert(1)</script>"
    app.button(key="lib_load").click().run()
    assert "`[x](javascript:alert(1))`" in app.caption[0].value  # a code span: shown as typed


def test_an_unreachable_database_leaves_analysis_working(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S400_DESK_DATABASE_URL", "postgresql+psycopg://nobody:x@127.0.0.1:9/none")
    app = scenarios_page()
    assert "scenario library is unavailable" in app.error[0].value
    app.switch_page("app_pages/recommendation.py").run()
    assert not app.exception and app.metric[0].value


def test_a_bad_author_is_refused_and_nothing_is_saved() -> None:
    app = scenarios_page()
    save(app, "   ")
    assert "Not saved" in app.error[0].value
    assert "Nothing saved yet" in " ".join(c.value for c in app.caption)
    assert MODEL.options  # the page still rendered against the model


def tab(app: AppTest, label: str):
    return next(t for t in app.tabs if t.label == label)


def assert_transfer_works(app: AppTest) -> None:
    """The Import and export tab needs no database: its widgets are always drawn."""
    transfer = tab(app, "Import and export")
    assert transfer.get("download_button") and transfer.get("file_uploader")


def test_the_page_survives_the_database_going_away_and_recovers(tmp_path: Path) -> None:
    app = scenarios_page()
    save(app, "Analyst A", "Before the outage")
    database = tmp_path / "library.sqlite3"
    aside = tmp_path / "aside.sqlite3"
    database.rename(aside)
    database.mkdir()  # the database file is gone and cannot be created again
    app.run()
    assert not app.exception
    assert "unavailable" in app.error[0].value
    assert app.button(key=SAVE).disabled
    assert "Saving is unavailable" in " ".join(c.value for c in tab(app, "Save").caption)
    assert not [f for f in app.dataframe if "Latest version" in f.value]
    assert_transfer_works(app)

    database.rmdir()
    aside.rename(database)
    app.run()
    assert not app.exception and not app.error
    assert library(app).iloc[0]["Name"] == "Analysts' baseline"
    assert not app.button(key=SAVE).disabled


@pytest.mark.parametrize(
    ("method", "label"),
    [
        ("list", "Library"),
        ("versions", "Library"),
        ("decision_record_page", "Decision record"),
    ],
)
def test_a_failing_store_call_shows_a_plain_message_in_its_tab_only(
    monkeypatch: pytest.MonkeyPatch, method: str, label: str
) -> None:
    app = scenarios_page()
    save(app, "Analyst A", "Before the outage")

    def unreachable(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the scenario database is unreachable; try again later", "unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(ScenarioStore, method, unreachable)
        app.run()
        assert not app.exception
        failing = {"Library", "Compare"} if method == "list" else {label}
        for each in app.tabs:
            messages = [e.value for e in each.error]
            if each.label in failing:
                assert len(messages) == 1 and "is unreachable" in messages[0]
            else:
                assert not messages
        assert_transfer_works(app)
        assert not app.button(key=SAVE).disabled
    app.run()
    assert not app.exception and not app.error
    assert library(app).iloc[0]["Name"] == "Analysts' baseline"


def fill_record(path: Path, count: int) -> None:
    """`count` decision-record rows, written straight into the database."""
    rows = [
        {
            "scenario_name": f"Decision {i}",
            "version": 1,
            "author": "Analyst",
            "created_at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
            "leader_id": "dismantle",
            "leader_label": "Dismantle under verification",
            "leader_score": 47.85,
            "robustness": "Dismantle under verification leads.",
            "rationale": "Filled for the test",
            "model_version": MODEL.version,
        }
        for i in range(1, count + 1)
    ]
    with (
        ScenarioStore.open(f"sqlite:///{path}", model=MODEL) as store,
        store._database.writing() as connection,
    ):
        connection.execute(insert(schema.decision_record), rows)


def record_rows(app: AppTest):
    return next(f.value for f in app.dataframe if "Robustness" in f.value)


def record_caption(app: AppTest) -> str:
    return next(c.value for c in tab(app, "Decision record").caption if c.value.startswith("Rows"))


def test_the_decision_record_is_sent_one_page_at_a_time(tmp_path: Path) -> None:
    fill_record(tmp_path / "library.sqlite3", 3_000)
    app = scenarios_page()
    rows = record_rows(app)
    assert len(rows) == 50
    assert rows["Scenario"].iloc[0] == "Decision 3000"  # newest first
    assert record_caption(app).startswith("Rows 1-50 of 3,000")
    assert app.download_button(key="record_csv")  # the whole record, built only on click

    app.number_input(key="record_page").set_value(2).run()
    assert record_rows(app)["Scenario"].iloc[0] == "Decision 2950"
    assert record_caption(app).startswith("Rows 51-100 of 3,000")

    app.text_input(key="record_search").input("DECISION 12").run()  # 12, 120-129, 1200-1299
    assert record_caption(app).startswith("Rows 1-50 of 111")  # a new search starts at page 1
    app.number_input(key="record_page").set_value(3).run()
    rows = record_rows(app)
    assert record_caption(app).startswith("Rows 101-111 of 111")
    assert rows["Scenario"].tolist()[-1] == "Decision 12"
    app.text_input(key="record_search").input("no such decision").run()
    assert "No decisions match" in " ".join(c.value for c in tab(app, "Decision record").caption)


def test_a_saved_scenario_named_like_the_current_entry_can_be_compared() -> None:
    app = scenarios_page(weight_air_defence="100")
    save(app, "Analyst A", name="Current (on screen)")
    app.button(key="reset_baseline").click().run()
    app.multiselect(key="compare_names").select("Current (on screen)").run()
    assert not app.exception
    assert len(app.multiselect(key="compare_names").value) == 2
    assert len([m for m in app.markdown if "leads in" in m.value]) == 2
    differences = next(f.value for f in app.dataframe if "Setting" in f.value)
    [setting] = differences["Setting"].tolist()
    assert "Air-defence priority" in setting
    assert "Scores in the 2 compared scenarios" in chart_titles(app)


PAYLOADS = {  # a name that Markdown would turn into something: what it must never become
    "![i](http://127.0.0.1:9/x)": "127.0.0.1",
    "[click](javascript:alert(1))": "javascript",
    "<img src=x onerror=alert(1)>": "onerror",
    ":red-background[APPROVED]": "APPROVED",
    "http://evil.example/phish": "evil.example",
}
MARKDOWN_ELEMENTS = ("markdown", "caption", "error", "success", "warning", "info", "toast")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def assert_only_in_code_spans(app: AppTest) -> None:
    """Every payload (or a piece a renderer could act on) in text that Streamlit renders as
    Markdown is inside a code span, so it shows character for character."""
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(app, kind):
            outside = CODE_SPAN.sub("", element.value)
            for marker in PAYLOADS.values():
                assert marker not in outside, f"{kind}: {element.value}"


def test_user_text_shows_literally_everywhere_on_the_page(tmp_path: Path) -> None:
    app = scenarios_page()
    for payload in PAYLOADS:
        save(app, payload, payload, name=payload)
        assert "Saved as version 1" in app.success[0].value
        assert_only_in_code_spans(app)
    names = list(PAYLOADS)
    for group in (names[:3], names[3:]):
        app.multiselect(key="compare_names").set_value([None, *group]).run()
        assert not app.exception
        assert len([m for m in app.markdown if "leads in" in m.value]) == len(group) + 1
        assert_only_in_code_spans(app)

    chosen = app.selectbox(key="lib_name").value
    with ScenarioStore.open(f"sqlite:///{tmp_path / 'library.sqlite3'}", model=MODEL) as store:
        store.delete(chosen)  # someone else deletes it before this user clicks Delete
    app.button(key="lib_delete").click().run()
    assert "already deleted" in app.error[0].value
    assert_only_in_code_spans(app)


def test_loading_a_version_saved_under_model_1x_says_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with (
        ScenarioStore.open(f"sqlite:///{path}", model=MODEL) as store,
        store._database.writing() as connection,
    ):
        connection.execute(
            insert(schema.scenarios).values(
                name="Old meeting",
                version=1,
                author="Analyst A",
                rationale="",
                scenario_json=json.dumps(SAVED_1X),
                model_version="1.0.0+05dfc2ab",
                created_at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        )
    app = scenarios_page()
    app.button(key="lib_load").click().run()
    assert app.slider(key="weight_leverage").value == 8
    warnings = " ".join(w.value for w in app.warning)
    assert "keep_storage" in warnings and "keep_serviced" in warnings
