"""When: what waiting does to each option and strategy, and how each strategy can end."""

import streamlit as st

from briefing import figures
from briefing.when_frames import lead_sentence, waiting_frame
from components.grids import show_grid
from components.state import presenting
from components.text import escape_markdown
from components.views import chart_scale, current_result, scenario_caption, show_figure
from scoring.formulas import ATTEMPT_DURATION
from scoring.strategy_tree import strategy_tree
from scoring.timeline import timeline

LEAD_LIMIT = 400  # characters: the lead is one sentence of the app's own words

model, result = current_result()
line = timeline(result.scenario, model)

if not presenting():
    st.header("When")
scenario_caption(result)
st.markdown(escape_markdown(lead_sentence(line), LEAD_LIMIT))  # no stray $ makes maths
# The lead sentence above states the chart's finding.
show_figure(figures.score_by_year(line, chart_scale()), result.scenario, with_finding=False)
st.caption(
    "Scores are points out of 100 for a decision taken now (0) or 1 to "
    f"{line.years[-1]} years from now; dashed lines are strategies (try one option, else fall "
    "back). Hover over a point for its score."
)

status_quo = model.status_quo
tolerance = model.info.constants.tie_tolerance.value
st.subheader("The cost of waiting")
show_grid(
    waiting_frame(line).drop(columns="option_id"),
    key="when_waiting",
    alt="Each option's score now, what waiting a year costs in points and in US$ bn, and the "
    "year it stops being worth it.",
    # Five columns fit beside the sidebar at 1280 px; the table's download keeps the kind
    # (strategies are the "Try ..." rows) and the score a year on (now minus the year's wait).
    column_order=("option", "score_now", "cost_points", "cost_bn_usd", "worth_it"),
    column_config={
        "option": "Option or strategy",
        "score_now": st.column_config.NumberColumn("Now (0-100)", format="%.1f"),
        "cost_points": st.column_config.NumberColumn(
            "Wait cost (points)", format="%.2f", help="Points lost by deciding a year later"
        ),
        "cost_bn_usd": st.column_config.NumberColumn(
            "Wait cost (US$ bn)",
            format="%.3f",
            help="Net money recovered now minus a year later, US$ bn",
        ),
        "worth_it": "Stops being worth it",
    },
)
st.caption(
    f"Worth it means scoring more than the status quo, {status_quo.label}, decided in the "
    f"same year, by more than the tie tolerance ({tolerance:g} points). Year N means deciding "
    "N years from now. The cost of waiting is the score now minus the score deciding a year "
    "later (points), and the net money recovered now minus a year later (US$ bn; negative: "
    "waiting brings in more)."
)

attempt = model.assumption(ATTEMPT_DURATION)
duration = result.scenario.assumptions[ATTEMPT_DURATION]
unit = attempt.unit.removesuffix("s") if duration == 1 else attempt.unit


BEYOND_THE_SCALE = (
    " A branch outside 0-100 lies past a criterion's range: its score carries the value scale "
    "on in a straight line, so the branches still average to the strategy's score (see Method, "
    "Strategies)."
)


@st.fragment
def tree_view() -> None:
    """The tree redraws on its own when another strategy is chosen."""
    st.subheader("How a strategy can end")
    labels = {strategy.id: strategy.label for strategy in model.strategies}
    chosen = st.selectbox("Strategy", list(labels), format_func=labels.get, key="when_strategy")
    tree = strategy_tree(result.scenario, model, chosen)
    figure = figures.strategy_tree(tree, model, chart_scale())
    show_figure(figure, result.scenario, with_finding=False)  # the caption below opens with it
    st.caption(
        f"{escape_markdown(figure.finding, LEAD_LIMIT)} Chances are "
        "per cent of all outcomes and add up to 100 %. Each failed attempt delays the next by "
        f"{duration:g} {unit} (the assumption \u201c{attempt.label}\u201d), with that "
        "much less interceptor life left."
        + (BEYOND_THE_SCALE if any(not 0 <= b.score <= 100 for b in tree.branches) else "")
    )


if model.strategies:
    tree_view()
