"""Recommendation: which option leads, by how much, why, and what moved since the baseline."""

import streamlit as st

from briefing import figures
from components.analysis import (
    current_settings,
    report_for,
    soon,
    verdict_basis_for,
    what_it_takes_for,
)
from components.grids import show_grid
from components.state import presenting
from components.views import (
    baseline_delta,
    baseline_result,
    changed_inputs,
    chart_scale,
    current_result,
    scenario_caption,
    show_figure,
    show_headline,
)
from scoring.leader import changes_against, headline, join_labels
from scoring.verdict import draws_sentence, verdict, verdict_headline

DETAILS_KEY = "recommendation_details"

model, result = current_result()
top = headline(result)
drivers = " and ".join(f"**{model.criterion(c).label}**" for c in top.drivers)

if not presenting():  # on a shared screen the verdict is the title
    st.header("Recommendation")
scenario_caption(result)
# Slots keep the reading order (verdict, reasons, figures, chart) while the chart, the slowest
# element to redraw, is sent to the browser before the analysis behind the verdict starts.
# On a shared screen the chart comes straight after the verdict, so both fit on one screen.
statement = st.empty()
if presenting():
    show_figure(figures.recommendation(result, model, chart_scale()), result.scenario)
reasons, numbers = st.container(), st.container()
if not presenting():
    show_figure(figures.recommendation(result, model, chart_scale()), result.scenario)

# The verdict's analysis (cached per scenario and settings) runs in threads: the draws around the
# scenario (mostly NumPy, which releases the interpreter lock) while the rest of the page is drawn.
settings = current_settings()
basis = soon(lambda: verdict_basis_for(result.scenario, model, settings))

baseline = baseline_result(model)
changes = changes_against(result, baseline)
leader_row = changes.iloc[0]
with numbers:
    first, second, third = st.columns(3)
    if top.tied:
        first.metric(
            "Tied for first",
            f"{len(top.first_labels)} options",
            help=join_labels(top.first_labels),
        )
    else:
        first.metric("Leading option", model.option(top.leader).short_label, help=top.leader_label)
    second.metric(
        "Their score (0-100 points)" if top.tied else "Its score (0-100 points)",
        f"{top.score:.1f}",
        delta=baseline_delta(leader_row["score_change"]),
    )
    third.metric(
        "Margin over the runner-up",
        "tied" if top.tied else f"{top.margin:.1f} points",
        help=f"{top.margin:.2f} points" if top.tied else None,
    )

st.subheader("What you changed")
changed_inputs(model)
st.subheader("What it did to the scores")
if (changes["score_change"].abs() < 1e-9).all():
    st.caption("Nothing: every score equals the analysts' baseline.")
else:
    # Five columns, so the table fits beside the sidebar at 1280 px: the change's sign says its
    # direction, and the rank's move gives the baseline rank.
    table = changes.assign(
        rank_move=changes["rank_change"].map(
            lambda r: f"▲ {r}" if r > 0 else (f"▼ {-r}" if r < 0 else "-")
        ),
    )
    show_grid(
        table[["option", "score", "score_change", "rank", "rank_move"]],
        key="baseline_changes",
        alt="Each option's score now, its change from the analysts' baseline, its rank now and "
        "how its rank moved.",
        column_config={
            "option": "Option",
            "score": st.column_config.NumberColumn("Score now (0-100)", format="%.1f"),
            "score_change": st.column_config.NumberColumn(
                "Change (points)", format="%+.1f", help="Score now minus the analysts' baseline"
            ),
            "rank": "Rank now",
            "rank_move": st.column_config.TextColumn(
                "Rank move", help="Places gained (▲) or lost (▼) since the analysts' baseline"
            ),
        },
    )

# Last, so the chart and tables reach the browser first: what it would take for the runner-up to
# lead (more Python between its NumPy calls), beside the draws. The verdict reads only the draws
# around the scenario, not the full robustness report.
runner_up_id = result.ranking[1].option_id if top.runner_up_label and not top.tied else None
takes = (
    soon(lambda: what_it_takes_for(result.scenario, model, (runner_up_id,)))
    if runner_up_id
    else None
)
call = verdict(basis.result(), model)
with statement:
    show_headline(verdict_headline(call, top))
with reasons:
    lines = [draws_sentence(call, settings.draws)]
    if takes is not None:
        runner_up = top.score - top.margin
        lines.insert(
            0,
            f"{top.leader_label} scores {top.score:.1f} of 100 points, {top.runner_up_label} "
            f"{runner_up:.1f}" + (f"; the edge comes mostly from {drivers}." if drivers else "."),
        )
        lines.append("What would change it: " + takes.result()[runner_up_id])
    if top.tied:
        lines.insert(
            0,
            "Their scores differ by less than the model's tie tolerance "
            f"({model.info.constants.tie_tolerance.value:g} points), finer than the inputs can "
            "resolve, so they share first place; the ranking does not choose between them.",
        )
    lines.append(call.sentence)
    st.markdown("\n".join(f"- {line}" for line in lines))
    if not presenting():  # the full report only while the reader has this open
        with st.expander("How sure, in detail", key=DETAILS_KEY, on_change="rerun") as details:
            if details.open:
                st.markdown(report_for(result.scenario, model, settings).summary)
