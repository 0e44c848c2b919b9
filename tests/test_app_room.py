"""The meeting room in AppTest: the facilitator's screen and a participant's form, on one
SQLite file shared the way two servers share a database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring import Scenario, evaluate
from scoring.leader import headline
from store.rooms import RoomStore, new_participant_token
from tests.conftest import MODEL
from tests.test_app import open_app

PAGE = "app_pages/room.py"
SUBMIT = "FormSubmitter:room_form-Submit my priorities"


@pytest.fixture(autouse=True)
def private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own SQLite file (stores are cached per database URL)."""
    path = tmp_path / "rooms.sqlite3"
    monkeypatch.delenv("S400_DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("S400_DESK_DATABASE_PATH", str(path))
    return path


def rooms_store(path: Path) -> RoomStore:
    return RoomStore.open(f"sqlite:///{path}", model=MODEL)


def facilitator(**query: str) -> AppTest:
    app = open_app(**query)
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def open_room(app: AppTest) -> str:
    app.button(key="room_open").click().run()
    assert not app.exception
    return app.session_state["_room_code"]


def participant(code: str) -> AppTest:
    app = open_app(room=code)
    assert not app.exception
    return app


def weights(**changes: int) -> dict[str, int]:
    return {c.id: int(c.default_weight) for c in MODEL.criteria} | changes


def markdown_text(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown)


def test_the_facilitator_opens_a_room_with_a_link_and_a_qr_code(private_database: Path) -> None:
    app = facilitator(interceptor_shelf_life_years="8", scenario_name="Tuesday brief")
    code = open_room(app)
    assert len(code) >= 10
    link = app.code[0].value
    assert link.endswith(f"/?room={code}")
    assert app.get("image")  # the QR code, a PNG made on the server
    assert "No responses yet" in app.info[0].value
    assert app.metric[0].value == "0 responses"
    with rooms_store(private_database) as rooms:
        room = rooms.join(code)
    assert room.scenario.name == "Tuesday brief, edited (1 change)"  # as on screen
    assert room.scenario.assumptions["interceptor_shelf_life_years"] == 8


def test_the_shared_screen_shows_the_group_after_submissions(private_database: Path) -> None:
    app = facilitator()
    code = open_room(app)
    with rooms_store(private_database) as rooms:
        rooms.submit(code, new_participant_token(), weights(air_defence=100), "<b>Ada</b>")
        rooms.submit(code, new_participant_token(), weights(f35_prospects=100))
        rooms.submit(code, new_participant_token(), weights(net_financial=90))
    app.run()
    assert not app.exception
    assert app.metric[0].value == "3 responses"
    text = markdown_text(app)
    assert "Most disagreement:" in text and "Robust choice if the room cannot agree:" in text
    assert "changes the leader" in text or "does not change the leader" in text
    assert len(app.get("vega_lite_chart")) == 3
    table = next(f.value for f in app.dataframe if "Participant" in f.value)
    assert table["Participant"].tolist() == [1, 2, 3]
    assert "Ada" not in text and "Ada" not in table.to_string()  # names never on the screen


def test_the_groups_priorities_apply_in_one_change_and_undo(private_database: Path) -> None:
    app = facilitator()
    code = open_room(app)
    with rooms_store(private_database) as rooms:
        for value in (60, 80, 100):
            rooms.submit(code, new_participant_token(), weights(air_defence=value))
    app.run()
    before = app.slider(key="weight_air_defence").value
    app.button(key="room_use_group").click().run()
    assert not app.exception
    # Median raw priorities: the defaults, with air defence at 80; applied as percentages.
    defaults = {c.id: c.default_weight for c in MODEL.criteria}
    total = sum(defaults.values()) - defaults["air_defence"] + 80
    assert app.slider(key="weight_air_defence").value == round(100 * 80 / total)
    assert app.slider(key="weight_f35_prospects").value == round(
        100 * defaults["f35_prospects"] / total
    )
    app.button(key="room_undo").click().run()
    assert app.slider(key="weight_air_defence").value == before


def test_closing_the_room_stops_submissions(private_database: Path) -> None:
    app = facilitator()
    code = open_room(app)
    app.button(key="room_close").click().run()
    assert "room closed" in app.metric[0].label
    visitor = participant(code)
    assert "closed" in visitor.error[0].value
    assert not visitor.get("slider")


def test_a_participant_reads_each_swing_as_the_dashboard_writes_it(
    private_database: Path,
) -> None:
    """Worst to best in per cent and US$, with its dollar signs escaped: the same words as the
    dashboard's priorities (not "from 0 (worst) to 0.75 (best) probability")."""
    visitor = participant(open_room(facilitator()))
    captions = [c.value for c in visitor.caption]
    said = [c.replace("\\", "") for c in captions]
    assert "F-35 readmission and CAATSA relief, worst to best: from 0% to 75%" in said
    assert "Net money recovered, worst to best: from -US$2.1 bn to US$3.1 bn" in said
    assert not any(re.search(r"(?<!\\)\$", caption) for caption in captions)
    assert "0.75" not in visitor.slider(key="room_weight_f35_prospects").help


def test_a_participant_submits_and_resubmits(private_database: Path) -> None:
    app = facilitator()
    code = open_room(app)
    visitor = participant(code)
    assert "Meeting room" in visitor.header[0].value
    assert {s.key for s in visitor.slider} == {f"room_weight_{c}" for c in MODEL.criterion_ids}
    assert "worst" in visitor.slider[0].help and "best" in visitor.slider[0].help
    seat = visitor.query_params["seat"]
    visitor.slider(key="room_weight_leverage").set_value(90)
    visitor.text_input(key="room_name").input("[Ada](javascript:alert(1))")
    visitor.button(key=SUBMIT).click().run()
    assert "Your priorities are in" in visitor.success[0].value
    assert "`[Ada](javascript:alert(1))`" in visitor.caption[-1].value  # literal, a code span
    visitor.session_state["_room_last_submit"] -= 5  # the 2 s pause has passed
    visitor.slider(key="room_weight_leverage").set_value(10)
    visitor.button(key=SUBMIT).click().run()
    assert "replace your earlier ones" in visitor.success[0].value
    assert visitor.query_params["seat"] == seat
    with rooms_store(private_database) as rooms:
        responses = rooms.responses(code)
    assert [(r.weights["leverage"], r.submissions) for r in responses] == [(10, 2)]
    app.run()
    assert app.metric[0].value == "1 response"


def test_a_participant_is_refused_all_zero_and_rapid_submissions(private_database: Path) -> None:
    code = open_room(facilitator())
    visitor = participant(code)
    for criterion in MODEL.criterion_ids:
        visitor.slider(key=f"room_weight_{criterion}").set_value(0)
    visitor.button(key=SUBMIT).click().run()
    assert "Every priority is at zero" in visitor.error[0].value
    visitor.slider(key="room_weight_leverage").set_value(50)
    visitor.button(key=SUBMIT).click().run()
    assert visitor.success
    visitor.button(key=SUBMIT).click().run()
    assert "wait 2 seconds" in visitor.warning[0].value
    with rooms_store(private_database) as rooms:
        assert rooms.responses(code)[0].submissions == 1


@pytest.mark.parametrize("code", ["wrong-code-123456", "<script>x</script>", ""])
def test_a_wrong_code_gets_a_plain_message(code: str) -> None:
    visitor = participant(code)
    assert visitor.error[0].value.startswith("No meeting room has this code")
    assert code not in visitor.error[0].value or not code
    assert not visitor.get("slider")


def test_viewers_cannot_open_a_room(monkeypatch: pytest.MonkeyPatch) -> None:
    from components import auth

    monkeypatch.setattr(auth, "current_role", lambda: "viewer")
    app = facilitator()
    button = app.button(key="room_open")
    assert button.disabled
    assert "analyst" in button.help


def test_an_unreachable_database_is_one_plain_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S400_DESK_DATABASE_URL", "postgresql+psycopg://nobody:x@127.0.0.1:9/none")
    app = facilitator()
    app.button(key="room_open").click().run()
    assert not app.exception
    assert "Meeting rooms are unavailable" in app.error[0].value
    assert "nobody" not in app.error[0].value and "127.0.0.1" not in app.error[0].value
    visitor = participant("a-code-that-cannot-be-checked")
    assert "Meeting rooms are unavailable" in visitor.error[0].value


def pack_source_script() -> None:
    """A page that asks for the room results the briefing pack would take along."""
    import streamlit as st

    from components.room_store import CODE_KEY, results_source

    if "code" in st.query_params:
        st.session_state[CODE_KEY] = st.query_params["code"]
    results = results_source()()
    st.text("none" if results is None else f"{results.group.count} {results.status}")
    if results is not None:
        st.text(results.responses_csv)


def test_the_briefing_pack_takes_the_room_this_session_opened(private_database: Path) -> None:
    without = AppTest.from_function(pack_source_script).run()
    assert without.text[0].value == "none"
    code = open_room(facilitator())
    with rooms_store(private_database) as rooms:
        rooms.submit(code, new_participant_token(), weights(leverage=70), "Ada")
        rooms.submit(code, new_participant_token(), weights())
        rooms.close(code)
    app = AppTest.from_function(pack_source_script)
    app.query_params["code"] = code
    app.run()
    assert not app.exception
    assert app.text[0].value == "2 closed"
    assert app.text[1].value.startswith("participant,submitted_at,submissions")
    assert "Ada" not in app.text[1].value


def test_a_room_opened_with_strategies_hidden_ranks_the_options_alone_for_everyone() -> None:
    """The participant's screen has no strategies switch: it follows the room's own setting."""
    direct = MODEL.without_strategies()
    baseline = Scenario.build({}, MODEL)
    with_strategies = headline(evaluate(baseline, MODEL)).leader_label
    options_only = headline(evaluate(baseline, direct)).leader_label
    assert with_strategies != options_only  # the shipped baseline tells the two apart
    code = open_room(facilitator(strategies="false"))
    text = markdown_text(participant(code))
    assert f"**{options_only}** leads" in text and with_strategies not in text
    shown = markdown_text(participant(open_room(facilitator())))
    assert f"**{with_strategies}** leads" in shown
