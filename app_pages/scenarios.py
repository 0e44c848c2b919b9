"""Scenarios: save, find, load, compare, import and export scenarios, and the decision record."""

import pandas as pd
import streamlit as st

from briefing import figures
from briefing.side_by_side import (
    CURRENT,
    choice_label,
    distinct_labels,
    leaders,
    results_frame,
    results_table,
    settings_table,
)
from components import auth, state
from components.analysis import current_settings, report_for
from components.library_panel import (
    RECORD_PAGE_KEY,
    delete_scenario,
    error_text,
    first_record_page,
    flash,
    load_version,
    open_store,
    record_page,
    record_pages,
    show_flash,
    showing_faults,
    undo_delete,
)
from components.text import literal
from components.views import current_result, scenario_caption, show_figure
from scoring import Scenario
from scoring.leader import join_labels
from scoring.record import record_for
from scoring.scenario import MAX_SCENARIO_MB, ScenarioError
from store import StoreError

model, result = current_result()
scenario = result.scenario

# Whatever comes and goes above the tabs (a flash, a database error) stays inside one
# container, so the tabs keep their place on the page: moved, they would be rebuilt while
# drawing and could jump back to the first tab.
with st.container():
    st.header("Scenarios")
    scenario_caption(result)
    show_flash()
    store = open_store()

save_tab, library_tab, compare_tab, transfer_tab, record_tab = st.tabs(
    ["Save", "Library", "Compare", "Import and export", "Decision record"],
    key="scenario_tabs",  # the browser remembers the open tab under this key
)

with save_tab:
    with st.form("save_form", enter_to_submit=False):
        name = st.text_input("Name", value=scenario.name, max_chars=120, key="save_name")
        author = auth.current_identity()  # signed in: the author is who signed in
        if author is None:
            author = st.text_input("Your name", max_chars=80, key="save_author")
        else:
            st.markdown(f"Author: {literal(author)}")
        rationale = st.text_area(
            "Rationale: why this scenario, and what was decided on it",
            max_chars=5000,
            key="save_rationale",
        )
        saved = st.form_submit_button(
            "Save as a new version",
            disabled=store is None or not auth.can("save"),
            help=auth.why_not("save"),
        )
    if saved and store is not None and auth.can("save"):  # the role, not only disabled=
        settings = current_settings()
        record = record_for(scenario, model, settings, report=report_for(scenario, model, settings))
        try:
            version = store.save(scenario, author, rationale, record, name=name)
        except (StoreError, ValueError) as error:
            st.error(f"Not saved: {error_text(error)}")
        else:
            flash(
                f"Saved as version {version.version} of {literal(version.name)}. The decision "
                f"record notes {record.leader_label} at {record.leader_score:.1f} points."
            )
            state.saved_as(model, version.name)  # the screen now shows the saved name
            st.rerun()
    if store is None:
        st.caption("Saving is unavailable until the scenario database is back (see above).")
    st.caption(
        "Saving under an existing name adds a new version; nothing is ever overwritten. Each "
        "save also enters the decision record with the recommendation at that moment."
    )

with library_tab, showing_faults("The library cannot be shown"):
    if store is not None:
        search_column, deleted_column = st.columns([3, 1], vertical_alignment="bottom")
        search = search_column.text_input("Search names, authors and rationales", key="lib_search")
        show_deleted = deleted_column.toggle("Show deleted", key="lib_deleted")
        summaries = store.list(search or None, include_deleted=show_deleted)
        if not summaries:
            st.caption("No saved scenarios match." if search else "Nothing saved yet.")
        else:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "Name": s.name,
                            "Latest version": s.latest_version,
                            "Versions": s.version_count,
                            "Author": s.author,
                            "Saved (UTC)": s.saved_at.strftime("%Y-%m-%d %H:%M"),
                            "Deleted": s.deleted_at is not None,
                            "Rationale": s.rationale,
                        }
                        for s in summaries
                    ]
                ),
                hide_index=True,
                key="library_table",
            )
            chosen = st.selectbox(
                "Scenario", [s.name for s in summaries], key="lib_name", help="Pick one to act on."
            )
            summary = next(s for s in summaries if s.name == chosen)
            versions = store.versions(chosen, include_deleted=True)
            version = st.selectbox(
                "Version",
                [v.version for v in reversed(versions)],
                format_func=lambda v: f"Version {v}",
                key="lib_version",
            )
            load_column, delete_column, undo_column = st.columns(3)
            load_column.button(
                "Load onto the dashboard",
                on_click=load_version,
                args=(model, chosen, version),
                key="lib_load",
                disabled=summary.deleted_at is not None,
                width="stretch",
            )
            delete_column.button(
                "Delete",
                on_click=delete_scenario,
                args=(chosen,),
                key="lib_delete",
                disabled=summary.deleted_at is not None or not auth.can("delete"),
                help=auth.why_not("delete"),
                width="stretch",
            )
            undo_column.button(
                "Undo delete",
                on_click=undo_delete,
                args=(chosen,),
                key="lib_undo",
                disabled=summary.deleted_at is None or not auth.can("undo"),
                help=auth.why_not("undo"),
                width="stretch",
            )

with compare_tab, showing_faults("Nothing can be compared"):
    if store is not None:
        names = [s.name for s in store.list()]
        picked = st.multiselect(
            "Compare the current scenario and saved ones (two to four in all)",
            [None, *names],  # None: the scenario on screen
            default=[None],
            format_func=choice_label,
            max_selections=4,
            key="compare_names",
        )
        if len(picked) < 2:
            st.caption("Pick at least two.")
        else:
            try:
                chosen = [scenario if n is None else store.load(n) for n in picked]
            except StoreError as error:
                st.error(f"Could not load a scenario: {error_text(error)}")
            else:
                labels = distinct_labels([CURRENT if n is None else n for n in picked])
                compared = list(zip(labels, chosen, strict=True))
                frame = results_frame(compared, model)
                for label, firsts in leaders(frame).items():
                    names = join_labels(tuple(f"**{option}**" for option in firsts))
                    verb = "tie for first" if len(firsts) > 1 else "leads"
                    st.markdown(f"- {names} {verb} in {literal(label)}")
                show_figure(figures.comparison(frame))
                st.dataframe(results_table(frame), hide_index=True, key="compare_results")
                table = settings_table(compared, model)
                only_differences = st.toggle(
                    "Only settings that differ", value=True, key="compare_only_diff"
                )
                shown = table[table["Differs"]] if only_differences else table
                st.dataframe(
                    shown.drop(columns="Differs").style.apply(
                        lambda row: (
                            ["background-color: #fff3c4" if table.loc[row.name, "Differs"] else ""]
                            * len(row)
                        ),
                        axis=1,
                    ),
                    hide_index=True,
                    key="compare_settings",
                )
                st.caption("Highlighted rows differ between the scenarios.")

with transfer_tab:
    st.download_button(
        "Export the current scenario as JSON",
        data=scenario.model_dump_json(indent=2),
        file_name="s400-scenario.json",
        mime="application/json",
        on_click="ignore",
        key="export_json",
    )
    upload = st.file_uploader(
        "Import a scenario file (JSON)",
        type=["json"],
        max_upload_size=MAX_SCENARIO_MB,  # Streamlit states the limit under the box
        key="import_file",
    )
    if upload is not None:
        try:
            imported = Scenario.from_json(upload.getvalue(), model)
        except ScenarioError as error:
            st.error(f"Nothing was applied: {error_text(error)}")
        else:
            st.text(f"Ready to apply: {imported.name}")
            for notice in imported.upgrade_notices:
                st.warning(notice)
            st.button(
                "Apply to the dashboard",
                on_click=state.apply,
                args=(model, imported),
                key="import_apply",
            )

with record_tab, showing_faults("The decision record cannot be shown"):
    if store is not None:
        search_column, page_column = st.columns([3, 1], vertical_alignment="bottom")
        record_search = search_column.text_input(
            "Search scenario names, authors, rationales and recommendations",
            key="record_search",
            on_change=first_record_page,
        )
        page = record_page(store, record_search)
        if not page.entries:
            st.caption(
                "No decisions match."
                if record_search
                else "No decisions recorded yet: every save adds one."
            )
        else:
            page_column.number_input(
                "Page", min_value=1, max_value=record_pages(page.total), key=RECORD_PAGE_KEY
            )
            st.caption(
                f"Rows {page.offset + 1:,}-{page.offset + len(page.entries):,} of "
                f"{page.total:,}, newest first."
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "When (UTC)": e.created_at.strftime("%Y-%m-%d %H:%M"),
                            "Scenario": e.scenario_name,
                            "Version": e.version,
                            "Who": e.author,
                            "Recommendation": f"{e.leader_label} ({e.leader_score:.1f})",
                            "Robustness": e.robustness,
                            "Rationale": e.rationale,
                            "Model": e.model_version,
                        }
                        for e in page.entries
                    ]
                ),
                hide_index=True,
                key="record_table",
            )
            st.download_button(
                "Download the decision record (CSV)",
                data=store.decision_record_csv,  # built only when clicked
                file_name="s400-decision-record.csv",
                mime="text/csv",
                on_click="ignore",
                key="record_csv",
            )
