"""Evidence: the register of facts and claims behind every number, filterable."""

import pandas as pd
import streamlit as st

from components.reference import reference_table
from components.state import EVIDENCE_KEY, ranked_model
from components.text import escape_markdown
from scoring.provenance import evidence_usage

model = ranked_model()


@st.cache_data(max_entries=4)
def register(version: str) -> pd.DataFrame:
    """The evidence register as one table of plain text (cached per model version)."""
    usage = evidence_usage(model)
    return pd.DataFrame(
        [
            {
                "ID": e.id,
                "Title": e.title,
                "Status": e.status.value,
                "Confidence": e.confidence,
                "Russian state media": e.state_media,
                "Date": e.date,
                "Summary": e.summary,
                "Figure": e.value,
                "Used by": len(usage.get(e.id, [])),
                "Sources": len(e.sources),
                "category": e.category,
            }
            for e in model.evidence
        ]
    )


def count_numbers(count: int) -> str:
    """How many of the model's numbers cite an entry, in words."""
    return {0: "none", 1: "1 number"}.get(count, f"{count} numbers")


def register_rows(shown: pd.DataFrame) -> list[dict[str, str]]:
    """The register's rows as escaped Markdown cells: the status with its confidence, and the
    summary with the entry's figure, so five columns fit beside the sidebar at 1280 px."""
    return [
        {
            "ID": row["ID"],
            "Title": escape_markdown(row["Title"], limit=None),
            "Status": f"{row['Status']}, {row['Confidence']} confidence"
            + (" (Russian state media)" if row["Russian state media"] else ""),
            "Date": escape_markdown(row["Date"], limit=None),
            "What it says": escape_markdown(
                row["Summary"] + (f" Figure: {row['Figure']}." if row["Figure"] else ""),
                limit=None,
            ),
            "Used by": count_numbers(row["Used by"]),
        }
        for row in shown.to_dict("records")
    ]


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
        # The register's text is shown as written: no character of it is read as Markdown.
        st.subheader(f"{entry.id}: {escape_markdown(entry.title, limit=None)}")
        st.markdown(
            f"**{entry.status.value.capitalize()}**, {entry.confidence} confidence, dated "
            f"{escape_markdown(entry.date, limit=None)}"
            f"{' (Russian state media)' if entry.state_media else ''}."
        )
        st.markdown(escape_markdown(entry.summary, limit=None))
        if entry.value:
            st.markdown(f"**Figure:** {escape_markdown(entry.value, limit=None)}")
        used = "; ".join(evidence_usage(model).get(entry.id, [])) or "no number in the model"
        st.markdown(f"**Used by:** {escape_markdown(used, limit=None)}")
        st.markdown(
            "**Sources** (outside sites: they open in a new tab and need a network):\n"
            + "\n".join(
                f"- [{escape_markdown(source.title, limit=None)}]({source.url})"
                for source in entry.sources
            )
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
        shown = shown[shown["Used by"] > 0]
    st.caption(
        f"{len(shown)} of {len(table)} entries. Open an entry above for the numbers it "
        "supports and its sources."
    )
    if shown.empty:
        return
    reference_table(
        register_rows(shown),
        key="evidence_table",
        alt="The evidence register: each entry's title, status, date, what it says and how "
        "many of the model's numbers cite it.",
    )
    st.download_button(
        "Download these entries (CSV)",
        shown.drop(columns="category").to_csv(index=False),
        file_name="evidence_register.csv",
        mime="text/csv",
        on_click="ignore",
        key="evidence_csv",
    )


filtered_register()
