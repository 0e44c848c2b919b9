"""Evidence: the register of facts and claims behind every number, filterable."""

import pandas as pd
import streamlit as st

from components.state import EVIDENCE_KEY, ranked_model
from scoring.provenance import evidence_usage

model = ranked_model()


@st.cache_data(max_entries=4)
def register(version: str) -> pd.DataFrame:
    """The evidence register as one table (cached per model version)."""
    usage = evidence_usage(model)
    return pd.DataFrame(
        [
            {
                "ID": e.id,
                "Title": e.title,
                "Status": e.status.value,
                "Confidence": e.confidence,
                "Date": e.date,
                "Value": e.value,
                "Summary": e.summary,
                "Used by": "; ".join(usage.get(e.id, [])),
                "Uses": len(usage.get(e.id, [])),
                "Source": e.sources[0].url,
                "Sources": len(e.sources),
                "Russian state media": e.state_media,
                "category": e.category,
            }
            for e in model.evidence
        ]
    )


st.header("Evidence")
st.markdown(
    "Every fact and claim the model rests on, with its status: **confirmed** (several "
    "independent or official sources), **reported** (one outlet or secondary reports), "
    "**disputed** (sources disagree), **denied** (officially denied) or **derived** (calculated "
    "from other entries). Claims are not facts: denied reports are kept so readers can see them."
)
table = register(model.version)

chosen = st.selectbox(
    "Open an entry",
    [entry.id for entry in model.evidence],
    index=None,
    placeholder="Choose an entry to read it in full…",
    format_func=lambda evidence_id: f"{evidence_id}: {model.evidence_item(evidence_id).title}",
    key=EVIDENCE_KEY,
    bind="query-params",
)
if chosen is not None:
    entry = model.evidence_item(chosen)
    with st.container(border=True, key="evidence_entry"):
        st.subheader(f"{entry.id}: {entry.title}")
        st.markdown(
            f"**{entry.status.value.capitalize()}**, {entry.confidence} confidence, dated "
            f"{entry.date}{' (Russian state media)' if entry.state_media else ''}."
        )
        st.markdown(entry.summary)
        if entry.value:
            st.markdown(f"**Figure:** {entry.value}")
        used = evidence_usage(model).get(entry.id, [])
        st.markdown(f"**Used by:** {'; '.join(used) if used else 'no number in the model'}")
        st.markdown(
            "**Sources** (outside sites: they open in a new tab and need a network):\n"
            + "\n".join(f"- [{source.title}]({source.url})" for source in entry.sources)
        )


@st.fragment
def filtered_register() -> None:
    """Filters rerun only the table."""
    left, middle, right = st.columns([2, 2, 3])
    statuses = left.multiselect(
        "Status", ["confirmed", "reported", "disputed", "denied", "derived"], key="ev_status"
    )
    categories = middle.multiselect("Topic", sorted(table["category"].unique()), key="ev_category")
    search = right.text_input("Search titles and summaries", key="ev_search", max_chars=80)
    used_only = st.toggle("Only entries the model's numbers cite", key="ev_used")
    shown = table
    if statuses:
        shown = shown[shown["Status"].isin(statuses)]
    if categories:
        shown = shown[shown["category"].isin(categories)]
    if search.strip():
        needle = search.strip().lower()
        text = (shown["Title"] + " " + shown["Summary"] + " " + shown["ID"]).str.lower()
        shown = shown[text.str.contains(needle, regex=False)]
    if used_only:
        shown = shown[shown["Uses"] > 0]
    st.caption(f"{len(shown)} of {len(table)} entries")
    st.dataframe(
        shown.drop(columns=["category", "Uses"]),
        hide_index=True,
        key="evidence_table",
        height="content",  # the whole register, not ten rows in a scroll box
        column_config={
            "Source": st.column_config.LinkColumn("Source", display_text="open source"),
            "Summary": st.column_config.TextColumn(width="large"),
            "Used by": st.column_config.TextColumn(width="medium"),
        },
    )


filtered_register()
