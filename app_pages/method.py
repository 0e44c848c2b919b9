"""Method: how scores are computed, generated from the model itself."""

import streamlit as st

from components.reference import evidence_links, reference_table
from components.text import escape_markdown
from components.views import current_result
from scoring.describe import formula_text
from scoring.provenance import basis_counts, basis_counts_by_kind
from scoring.schemas import OptionParameters, Provenance

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
criteria_rows = []
for n, criterion in enumerate(model.criteria):
    low, high = criterion.range
    worst, best = (low, high) if criterion.direction == "benefit" else (high, low)
    criteria_rows.append(
        {
            "Criterion": escape_markdown(criterion.label, limit=None),
            "Unit": escape_markdown(criterion.unit, limit=None),
            "Value 0 at": f"{worst:g}",
            "Value 100 at": f"{best:g}",
            "How performance is found": "Formula below"
            if formula_text(criterion.id)
            else "Analyst judgement score per option (below)",
            "Weight now": f"{100 * result.weights[n]:.1f}%",
            "Range basis": criterion.range_provenance.basis.value,
        }
    )
reference_table(
    criteria_rows,
    key="method_criteria",
    alt="Each criterion's unit, the performance that scores 0 and 100, how performance is "
    "found, its weight now and the basis of its range.",
)

st.markdown("**The formulas**, in full (s is the chance that the option is carried out):")
for criterion in model.criteria:
    if formula := formula_text(criterion.id):
        st.markdown(f"*{criterion.label}* ({criterion.unit})")
        st.code(formula, language=None, wrap_lines=True)

st.subheader("Fixed constants")
reference_table(
    [
        {
            "Constant": escape_markdown(constant.label, limit=None),
            "Value": escape_markdown(f"{constant.value:g} {constant.unit}", limit=None),
            "Basis": constant.basis.value,
            "Evidence": evidence_links(model, constant.evidence) or "none",
            "Why": escape_markdown(constant.rationale, limit=None),
        }
        for _, constant in constants
    ],
    key="method_constants",
    alt="Each fixed constant with its value and unit, its basis, its evidence and why.",
)


def justified(item: str, value: str, provenance: Provenance) -> dict[str, str]:
    """One per-option number as a table row: what it is, its value, basis, evidence, why."""
    return {
        "Item": escape_markdown(item, limit=None),
        "Value": value,
        "Basis": provenance.basis.value,
        "Evidence": evidence_links(model, provenance.evidence) or "none",
        "Why": escape_markdown(provenance.rationale, limit=None),
    }


st.subheader("Per-option parameters and judgement scores")
st.caption("Each option's numbers in turn: the formulas' parameters, then its judgement scores.")
for option in model.direct_options:
    st.markdown(f"**{escape_markdown(option.label, limit=None)}**")
    reference_table(
        [
            justified(OptionParameters.model_fields[name].title, f"{parameter.value:g}", parameter)
            for name, parameter in option.parameters
        ]
        + [
            justified(
                f"{model.criterion(criterion_id).label} score", f"{score.score:g} of 100", score
            )
            for criterion_id, score in option.scores.items()
        ],
        key=f"method_details_{option.id}",
        alt=f"{option.label}: each parameter and judgement score with its basis, evidence and why.",
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
counts_by_kind = basis_counts_by_kind(model)
reference_table(
    [
        {"Numbers": escape_markdown(kind, limit=None)}
        | {basis: str(count) for basis, count in counts.items()}
        for kind, counts in counts_by_kind.items()
    ],
    key="method_basis_counts",
    alt="How many numbers of each kind are sourced, anchored or judgement.",
)
