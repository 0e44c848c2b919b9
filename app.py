"""S-400 Decision Desk: page config, the shared frame (sidebar) and navigation."""

from pathlib import Path

import streamlit as st

from components import auth, history, room_view, state
from components.controls import render_controls
from components.export_buttons import briefing_pack_button, warm_renderer
from components.memory import return_freed_memory
from components.text import literal
from components.views import marking_banner, page_style
from scoring import DataError, default_model
from scoring.scenario import ScenarioError

PAGE_ICON = Path(__file__).parent / "components" / "assets" / "shield.png"

auth.require_sign_in()  # with [auth] in the secrets: nothing else before sign-in
try:
    model = default_model()
except DataError as broken:
    st.error(
        "The model's data files did not pass validation, so nothing can be ranked: "
        f"{literal(str(broken), 400)}. Mend the file named (`python -m scoring validate` "
        "checks them all) and reload."
    )
    st.stop()
return_freed_memory()
if room_view.joining():  # a participant in a meeting room sees the room and nothing else
    st.set_page_config(
        page_title="S-400 Decision Desk: meeting room",
        page_icon=str(PAGE_ICON),
        initial_sidebar_state="collapsed",
    )
    marking_banner()
    page_style(on_stage=False)
    st.navigation([st.Page("app_pages/room.py", title="Meeting room")], position="hidden").run()
    st.stop()
notices = state.adopt_url(model)
state.take_new_name()  # a save under a new name renames what is on screen
page = st.navigation(
    [
        st.Page("app_pages/recommendation.py", title="Recommendation"),
        st.Page("app_pages/assumptions.py", title="Assumptions & priorities"),
        st.Page("app_pages/tradeoffs.py", title="Trade-offs"),
        st.Page("app_pages/when.py", title="When"),
        st.Page("app_pages/sensitivity.py", title="Sensitivity"),
        st.Page("app_pages/scenarios.py", title="Scenarios"),
        st.Page("app_pages/evidence.py", title="Evidence"),
        st.Page("app_pages/method.py", title="Method"),
        st.Page("app_pages/presenter.py", title="Presenter"),
        st.Page("app_pages/room.py", title="Meeting room"),
    ]
)
# Presentation mode, or the Presenter page: large type, and the sidebar out of the way.
on_stage = state.presenting() or page.url_path == "presenter"
st.set_page_config(
    page_title="S-400 Decision Desk",
    page_icon=str(PAGE_ICON),  # a local file: a Material icon would be fetched from Google
    layout="wide",
    initial_sidebar_state="collapsed" if on_stage else "expanded",
)

with st.sidebar:
    st.markdown("**S-400 Decision Desk**")
    auth.signed_in_panel()
    st.text_input(
        "Scenario name",
        value=state.BASELINE_NAME,
        max_chars=state.NAME_LIMIT,
        key=state.NAME_KEY,
        bind="query-params",
    )
    st.selectbox(
        "Preset",
        [preset.id for preset in model.presets],
        index=None,
        placeholder="Choose a preset to apply…",
        format_func=lambda preset_id: model.preset(preset_id).label,
        key=state.PRESET_KEY,
        on_change=state.apply_preset,
        args=(model,),
        help="Sets every assumption and priority at once to a named scenario.",
    )
    st.toggle(
        "Show strategies (try one, else fall back)",
        value=True,
        key=state.STRATEGIES_KEY,
        bind="query-params",
        help="Ranks the strategies (attempt one option, fall back to the next if it fails) "
        "beside the direct options on every page and export. Off shows the direct options "
        "only (also ?strategies=false in the address).",
    )
    st.toggle(
        "Presentation mode",
        key=state.PRESENT_KEY,
        bind="query-params",
        help="Hides the controls, enlarges text and raises contrast for screen sharing "
        "(also ?present=true in the address).",
    )
    st.button(
        "Reset to baseline",
        key="reset_baseline",
        on_click=state.reset_to_baseline,
        args=(model,),
        help="Every assumption and priority back to its default.",
        width="stretch",
    )
    tools = st.container()  # drawn with the page, so they follow every slider move

marking_banner()
page_style(on_stage)
for notice in notices:
    st.warning(notice)

warm_renderer()


@st.fragment(key=state.PAGE_FRAGMENT)
def page_and_its_tools() -> bool:
    """The page, with the sidebar pieces that follow the sliders (undo, the briefing pack) and
    the Assumptions page's controls. A slider move, or any widget on the page, reruns only this
    (unless it changed what the frame draws). Returns whether the page drew the controls."""
    if state.whole_app_wanted():
        st.rerun()
    history.record(model)  # a run that changed the sliders is one undo step
    slot = None
    try:
        scenario = state.current_scenario(model)
        state.run_again(page)
        with tools:  # after the page, so the page's chart reaches the browser sooner
            history.undo_redo_buttons(model)
            briefing_pack_button(scenario, state.ranked_model())
    except ScenarioError as problem:
        st.error(str(problem))
    finally:
        # Drawn on every run, so the controls and their URL binding never lapse.
        slot = state.take_controls_slot()
        if slot is not None and not state.presenting():  # editing stays in the sidebar
            render_controls(model, slot, detailed=True)
    return slot is not None and not state.presenting()


@st.fragment(key=state.SIDEBAR_FRAGMENT)
def sidebar_controls() -> None:
    """The sidebar's sliders, a fragment of their own: a move starts a run of this fragment,
    which each slider's callback turns into a run of the page alone. (A slider outside every
    fragment would start a run of the whole app, and the browser would mark and redraw the
    whole app before the page's run took its place.)"""
    render_controls(model, st.container(), detailed=False)


state.frame_ran()
if not page_and_its_tools():
    with st.sidebar:
        sidebar_controls()
