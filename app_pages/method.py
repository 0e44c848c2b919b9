"""Method: how scores are computed, generated from the model itself."""

import pandas as pd
import streamlit as st

from components.text import escape_markdown
from components.views import current_result
from scoring.describe import formula_text
from scoring.provenance import basis_counts, basis_counts_by_kind
from scoring.schemas import OptionParameters

model, result = current_result()
constants = model.info.constants

st.header("Method")
st.caption(f"{model.info.name} · model version {model.version}")
counts = basis_counts(model)
strategy_count = (
    f" and **{len(model.strategies)} strategies** (each tries options in turn)"
    if model.strategies
    else ""
)
st.markdown(
    f"**{len(model.direct_options)} options**{strategy_count} are scored on "
    f"**{len(model.criteria)} criteria** from "
    f"**{len(model.assumptions)} assumptions** and **{len(model.evidence)} evidence entries**. "
    f"Of the model's {sum(counts.values())} justified numbers, {counts['sourced']} are sourced, "
    f"{counts['anchored']} are anchored to a source and {counts['judgement']} are judgement. "
    "Sourced means a source states the number; anchored means a source states a number it is "
    "derived from; everything else is judgement."
)

st.subheader("From assumptions to a ranking")
st.markdown(
    "1. **Performance.** Each computed criterion follows from the assumptions by the formula "
    "below; judgement criteria take an analyst's 0-100 score per option.\n"
    "2. **Value.** Each performance figure is mapped linearly onto 0-100 between the worst and "
    "best ends of the criterion's declared range, so adding an option never rescores the others.\n"
    "3. **Weights.** The priorities are divided by their total: w_j = priority_j / Σ priorities.\n"
    "4. **Score.** score = Σ_j w_j · value_j (additive multi-attribute value). Each term is that "
    "criterion's contribution; the contributions add up to the score.\n"
    f"5. **Rank.** Options within {constants.tie_tolerance.value:g} points of each other share a "
    "rank.\n\n"
    "Execution risk enters once: an option that needs another party's agreement succeeds with "
    "probability s; if it fails, Turkey keeps systems it has stood down."
)
if model.strategies:
    st.markdown(
        "**Strategies.** A strategy attempts options in order. Each attempt after the first "
        "starts one attempt's duration later (an assumption), so it is scored as that option "
        "decided later: less interceptor life, SİPER closer, more storage paid. An attempt goes "
        "through with its option's own chance s; if it fails, Turkey moves on to the next "
        "attempt only if that scores better than staying where the failure left it. A "
        "strategy's performance on each criterion is the probability-weighted outcome over "
        "this tree; its value, score and rank then follow exactly as for an option."
    )

st.subheader("Criteria, value functions and current weights")
rows = []
for n, criterion in enumerate(model.criteria):
    low, high = criterion.range
    worst, best = (low, high) if criterion.direction == "benefit" else (high, low)
    rows.append(
        {
            "Criterion": criterion.label,
            "Unit": criterion.unit,
            "Value 0 at": f"{worst:g}",
            "Value 100 at": f"{best:g}",
            "How performance is found": "Formula below"
            if formula_text(criterion.id)
            else "Analyst judgement score per option (see below)",
            "Weight now": result.weights[n],
            "Range basis": criterion.range_provenance.basis.value,
        }
    )
st.dataframe(
    pd.DataFrame(rows),
    hide_index=True,
    key="method_criteria",
    column_config={
        "Weight now": st.column_config.NumberColumn(format="percent"),
        "How performance is found": st.column_config.TextColumn(width="large"),
    },
)

st.markdown("**The formulas**, in full (s is the chance that the option is carried out):")
for criterion in model.criteria:
    if formula := formula_text(criterion.id):
        st.markdown(f"*{criterion.label}* ({criterion.unit})")
        st.code(formula, language=None, wrap_lines=True)

st.subheader("Fixed constants")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Constant": c.label,
                "Value": c.value,
                "Unit": c.unit,
                "Basis": c.basis.value,
                "Evidence": ", ".join(c.evidence),
                "Why": c.rationale,
            }
            for name, c in constants
        ]
    ),
    hide_index=True,
    key="method_constants",
    column_config={"Why": st.column_config.TextColumn(width="large")},
)

st.subheader("Per-option parameters and judgement scores")
details = []
for option in model.direct_options:
    for name, parameter in option.parameters:
        details.append(
            {
                "Option": option.label,
                "Item": OptionParameters.model_fields[name].title,
                "Value": parameter.value,
                "Basis": parameter.basis.value,
                "Evidence": ", ".join(parameter.evidence),
                "Why": parameter.rationale,
            }
        )
    for criterion_id, score in option.scores.items():
        details.append(
            {
                "Option": option.label,
                "Item": f"{model.criterion(criterion_id).label} score",
                "Value": score.score,
                "Basis": score.basis.value,
                "Evidence": ", ".join(score.evidence),
                "Why": score.rationale,
            }
        )
st.dataframe(
    pd.DataFrame(details),
    hide_index=True,
    key="method_details",
    column_config={"Why": st.column_config.TextColumn(width="large")},
)

if model.strategies:
    st.subheader("Strategies")
    st.caption(
        "Each strategy's attempts in order, what it does and why it is on the list "
        "(data/strategies.toml). A strategy has no numbers of its own: every figure comes from "
        "the options it attempts. On the When page's tree chart each branch is scored on the "
        "criteria's value scales carried on in a straight line past their ranges, so a branch "
        "the ranges do not reach can score over 100 points while the branches still average to "
        "the strategy's ranked score."
    )
    for strategy in model.strategies:
        steps = " → ".join(
            escape_markdown(model.direct_option(option_id).short_label)
            for option_id in strategy.attempts
        )
        st.markdown(
            f"**{escape_markdown(strategy.label)}** ({steps})\n\n"
            f"{escape_markdown(strategy.summary, limit=600)}\n\n"
            f"*Why:* {escape_markdown(strategy.rationale, limit=600)}"
        )

st.subheader("How each number is justified")
st.caption("Count of numbers per basis, by kind of number.")
st.dataframe(
    pd.DataFrame.from_dict(basis_counts_by_kind(model), orient="index")
    .rename_axis("Numbers")
    .reset_index(),
    hide_index=True,
    key="method_basis_counts",
)
