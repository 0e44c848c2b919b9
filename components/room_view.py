"""The meeting room's two views: the facilitator's shared screen and a participant's form.

The facilitator opens a room on the scenario on screen; the shared screen reads the responses
from the database every few seconds (`st.fragment(run_every=...)`), so participants may be
served by another server process. Participants see the scenario's headline and their own
sliders only: never anyone else's name or priorities.
"""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, datetime

import segno
import streamlit as st

from briefing.room import participant_frame, room_figures, room_findings
from components import auth, state
from components.grids import show_grid
from components.room_store import CODE_KEY, group_of, room_store
from components.text import escape_markdown, literal
from components.views import chart_scale, show_figure
from scoring import DecisionModel, evaluate
from scoring.group import slider_weights
from scoring.leader import headline
from scoring.swing import swing_span
from store import StoreError
from store.rooms import RoomStore, new_participant_token, responses_csv
from store.rooms import valid_participant_token as valid_token

ROOM_PARAM = "room"
SEAT_PARAM = "seat"  # the participant's opaque token: a reload keeps the same participant
PUBLIC_URL_VARIABLE = "S400_DESK_PUBLIC_URL"
REFRESH_SECONDS = 3
MIN_INTERVAL = 2.0  # seconds between one browser session's submissions
UNDO_KEY = "_room_undo"
FLASH_KEY = "_room_flash"
LAST_SUBMIT_KEY = "_room_last_submit"
LOCAL_FACILITATOR = "Facilitator (no sign-in)"


# --- facilitator ---------------------------------------------------------------------------


def _open_room(model: DecisionModel) -> None:
    """Callback of "Open a meeting room": on the scenario on screen."""
    if not auth.can("open_room"):
        return
    rooms = room_store()
    if rooms is None:
        return
    try:
        room = rooms.open_room(
            state.current_scenario(model),
            auth.current_identity() or LOCAL_FACILITATOR,
            strategies_shown=state.strategies_shown(),
        )
    except (StoreError, ValueError) as error:
        st.session_state[FLASH_KEY] = f"The room was not opened: {literal(str(error), 300)}"
        return
    st.session_state[CODE_KEY] = room.code
    st.session_state.pop(UNDO_KEY, None)


def _close_room(code: str) -> None:
    rooms = room_store()
    if rooms is not None:
        try:
            rooms.close(code)
        except StoreError as error:
            st.session_state[FLASH_KEY] = f"Not closed: {literal(str(error), 300)}"


def _leave_room() -> None:
    st.session_state.pop(CODE_KEY, None)
    st.session_state.pop(UNDO_KEY, None)


def _use_group_priorities(model: DecisionModel, code: str) -> None:
    """Callback: the group's median priorities onto the scenario on screen, in one change that
    "Undo" takes back."""
    rooms = room_store()
    if rooms is None:
        return
    try:
        room = rooms.room(code)
        ranked = state.ranked_model(room.strategies_shown)
        group = group_of(room.scenario, ranked, rooms.responses(code))
    except StoreError as error:
        st.session_state[FLASH_KEY] = f"Not applied: {literal(str(error), 300)}"
        return
    if group is None:
        return
    current = state.current_scenario(model)
    weights = dict(zip(model.criterion_ids, slider_weights(group.group_weights), strict=True))
    st.session_state[UNDO_KEY] = current
    state.apply(model, current.model_copy(update={"weights": weights}))


def _undo_group_priorities(model: DecisionModel) -> None:
    previous = st.session_state.pop(UNDO_KEY, None)
    if previous is not None:
        state.apply(model, previous)


def joining() -> bool:
    """Whether this visit is a participant's (the address names a room)."""
    return ROOM_PARAM in st.query_params


def join_link(code: str) -> str:
    """The address participants open: the public URL if configured, else this app's."""
    base = os.environ.get(PUBLIC_URL_VARIABLE) or st.context.url or "http://localhost:8501"
    base = base.rstrip("/").removesuffix("/room")
    return f"{base}/?{ROOM_PARAM}={code}"


def qr_png(link: str) -> bytes:
    """A QR code of `link`, drawn locally, large enough to scan from a shared screen."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=12, border=2)
    return buffer.getvalue()


def facilitator_view(model: DecisionModel) -> None:
    """Open a room, or show the open room's link, QR code, live results and actions."""
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.error(flash)
    code = st.session_state.get(CODE_KEY)
    if code is None:
        st.write(
            "Open a room to collect everyone's priorities on the scenario on screen. Each "
            "participant opens the link or scans the code on their own device, sets the "
            "priority sliders and submits; the results below update live."
        )
        st.button(
            "Open a meeting room",
            key="room_open",
            type="primary",
            on_click=_open_room,
            args=(model,),
            disabled=not auth.can("open_room"),
            help=auth.why_not("open_room"),
        )
        return
    rooms = room_store()
    if rooms is None:
        return
    try:
        room = rooms.room(code)
    except StoreError as error:
        st.error(f"The room cannot be shown: {literal(str(error), 300)}")
        st.button("Start again", key="room_leave", on_click=_leave_room)
        return
    link = join_link(code)
    qr_column, info_column = st.columns([2, 3], gap="large")
    with qr_column:
        st.image(qr_png(link), caption="Scan to join", width=360)
    with info_column:
        st.markdown("**Join at**")
        st.code(link, language=None)
        st.caption(
            f"Participants weigh {literal(room.scenario.name)} as it was when the room opened "
            f"(assumptions and all). The room closes by itself at "
            f"{room.expires_at:%Y-%m-%d %H:%M} UTC."
        )
        _actions(model, rooms, code)
    _live_results(rooms, code)


def _actions(model: DecisionModel, rooms: RoomStore, code: str) -> None:
    row = st.container(horizontal=True)
    row.button(
        "Use the group's priorities",
        key="room_use_group",
        on_click=_use_group_priorities,
        args=(model, code),
        help="Sets every priority slider to the group's median (percent of the total) in one "
        "change; Undo puts your own back.",
    )
    if st.session_state.get(UNDO_KEY) is not None:
        row.button(
            "Undo the group's priorities",
            key="room_undo",
            on_click=_undo_group_priorities,
            args=(model,),
        )
    row.button("Close the room", key="room_close", on_click=_close_room, args=(code,))
    row.download_button(
        "Responses (CSV, anonymised)",
        data=lambda: responses_csv(rooms.responses(code), model),
        file_name=f"s400-room-responses-{datetime.now(UTC):%Y%m%d-%H%M}.csv",
        mime="text/csv",
        on_click="ignore",
        key="room_csv",
        help="One row per participant: a number, when they last submitted, how many times, and "
        "each priority (0-100). No names.",
    )
    row.button("Leave this room", key="room_leave", on_click=_leave_room)


@st.fragment(run_every=REFRESH_SECONDS)
def _live_results(rooms: RoomStore, code: str) -> None:
    """The shared screen's live part: re-read every few seconds, without a page reload."""
    try:
        room = rooms.room(code)
        responses = rooms.responses(code)
    except StoreError as error:
        st.error(f"The responses cannot be read now: {literal(str(error), 300)}")
        return
    status = room.status(rooms.now())
    count = len(responses)
    st.metric(f"Responses (room {status})", f"{count} response{'' if count == 1 else 's'}")
    model = state.ranked_model(room.strategies_shown)  # the options as the room was opened on
    group = group_of(room.scenario, model, responses)
    if group is None:
        st.info("No responses yet. They appear here within a few seconds of each submission.")
        return
    for line in room_findings(group, model):
        st.markdown(f"- {line}")
    for figure in room_figures(group, model, chart_scale()):
        show_figure(figure)
    st.markdown(
        "**Leader under each participant's priorities** (participants are numbered, never named)"
    )
    show_grid(
        participant_frame(group, model).rename(
            columns={"participant": "Participant", "leader": "Leads", "score": "Score (points)"}
        ),
        column_config={"Score (points)": st.column_config.NumberColumn(format="%.1f")},
        key="room_participants",
        alt="The option each participant's priorities put first, with its score.",
    )


# --- participant ---------------------------------------------------------------------------


def _seat() -> str:
    """This browser's participant token, kept in the address so a reload keeps it."""
    token = st.query_params.get(SEAT_PARAM)
    if not valid_token(token):
        token = new_participant_token()
        st.query_params[SEAT_PARAM] = token
    return token


def _swing_caption(model: DecisionModel, criterion_id: str) -> str:
    """The swing a participant's priority weighs, worst to best, as every page writes it."""
    criterion = model.criterion(criterion_id)
    return escape_markdown(f"{criterion.label}, worst to best: {swing_span(criterion)}", None)


def _swing_help(model: DecisionModel, criterion_id: str) -> str:
    criterion = model.criterion(criterion_id)
    return escape_markdown(
        f"{criterion.description} How much does moving it {swing_span(criterion)} (worst to "
        "best) matter to you, compared with the other priorities? Only the proportions count: "
        "40 against 20 means twice as much.",
        None,
    )


def participant_view(model: DecisionModel) -> None:
    """The room's headline, the priority sliders and "Submit my priorities"."""
    code = st.query_params.get(ROOM_PARAM, "")
    rooms = room_store()
    if rooms is None:
        return
    try:
        room = rooms.join(code)
    except StoreError as error:
        message = escape_markdown(str(error))  # the store's own words, shown as plain text
        st.error(f"{message[:1].upper()}{message[1:]}.")
        return
    seat = _seat()
    top = headline(evaluate(room.scenario, state.ranked_model(room.strategies_shown)))
    st.header("Meeting room")
    st.markdown(f"Scenario: {literal(room.scenario.name)}")
    st.markdown(
        f"On the facilitator's settings, **{top.leader_label}** leads with {top.score:.1f} of "
        "100 points. What matters most to you? Set your priorities and submit them; the shared "
        "screen shows the group's picture, never your name or your own numbers."
    )
    with st.form("room_form", enter_to_submit=False):
        for criterion in model.criteria:
            st.slider(
                f"{criterion.priority_label} (relative weight)",
                min_value=0,
                max_value=100,
                value=int(room.scenario.weights[criterion.id]),
                step=1,
                key=f"room_weight_{criterion.id}",
                help=_swing_help(model, criterion.id),
            )
            st.caption(_swing_caption(model, criterion.id))
        name = st.text_input(
            "Your name (optional)",
            max_chars=40,
            key="room_name",
            help="Kept with your priorities, never shown on the shared screen, to other "
            "participants or in the download.",
        )
        sent = st.form_submit_button("Submit my priorities", type="primary")
    if sent:
        weights = {c: st.session_state[f"room_weight_{c}"] for c in model.criterion_ids}
        _submit(rooms, code, seat, weights, name)


def _submit(rooms: RoomStore, code: str, seat: str, weights: dict[str, int], name: str) -> None:
    if not any(weights.values()):
        st.error("Every priority is at zero: set at least one above zero, then submit.")
        return
    last = st.session_state.get(LAST_SUBMIT_KEY)
    if last is not None and time.monotonic() - last < MIN_INTERVAL:
        st.warning(f"Please wait {MIN_INTERVAL:g} seconds between submissions, then try again.")
        return
    st.session_state[LAST_SUBMIT_KEY] = time.monotonic()
    try:
        sent = rooms.submit(code, seat, weights, name or None)
    except StoreError as error:
        st.error(f"Not submitted: {literal(str(error), 300)}")
        return
    again = " They replace your earlier ones." if sent.replaced_earlier else ""
    st.success(
        f"Your priorities are in ({sent.submitted_at:%H:%M:%S} UTC).{again} You can change them "
        "and submit again; your latest submission counts."
    )
    if name:
        st.caption(f"Submitted as {literal(name, 40)}; no other participant sees it.")
