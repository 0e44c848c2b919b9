"""Each causal mechanism of the decision and the one criterion that counts it.

The table is the model's promise against double counting: a mechanism moves exactly one criterion.
`tests/test_mechanisms.py` checks it by moving each mechanism's lever, and `docs/model.md` shows it.
The decision delay is not a mechanism but the clock several of them run on (life left, resale
value, the F-35 window, storage paid while waiting); each still lands in one criterion.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    """A way an option's consequences reach Turkey, the criterion that counts it and its lever."""

    name: str
    criterion_id: str
    lever: str  # the assumption that moves it, or "score" for an analyst judgement
    how: str


JUDGEMENT_LEVER = "score"

MECHANISMS: tuple[Mechanism, ...] = (
    Mechanism(
        "Possession test and CAATSA relief",
        "f35_prospects",
        "p_readmission_if_retained",
        "US law lifts the sanctions in force only once possession ends; the chance the US accepts "
        "less (oversight) is this lever. Relief and readmission are one certification, counted "
        "once.",
    ),
    Mechanism(
        "F-35 readmission",
        "f35_prospects",
        "p_readmission_if_divested",
        "The chance of readmission once possession ends, times the route's readmission credit.",
    ),
    Mechanism(
        "New US sanctions",
        "sanctions_exposure",
        "maintenance_sanction_risk",
        "Only acts draw new sanctions: Russian servicing, activation, a sale to Rosoboronexport.",
    ),
    Mechanism(
        "Avoiding Russian retaliation",
        "russia_risk",
        "russian_retaliation_severity",
        "Every consequence of a break with Moscow; no judgement score repeats it.",
    ),
    Mechanism(
        "Money",
        "net_financial",
        "storage_cost_musd_per_year",
        "Sale proceeds, the F-35 refund once possession ends, holding and disposal costs.",
    ),
    Mechanism(
        "Resale value of the interceptor life left",
        "net_financial",
        "price_life_share",
        "A buyer pays less as the interceptors age; the part of the price that rides on their "
        "life falls with the years left at the decision.",
    ),
    Mechanism(
        "F-35 window narrowing while Turkey waits",
        "f35_prospects",
        "f35_window_decay_per_year",
        "Each year before the decision costs a share of the route's readmission chance.",
    ),
    Mechanism(
        "Air defence",
        "air_defence",
        "siper_operational_year",
        "Usable coverage while SİPER matures, from readiness and interceptor life.",
    ),
    Mechanism(
        "Bargaining leverage",
        "leverage",
        JUDGEMENT_LEVER,
        "The S-400 as a card still in hand; what a played card buys is counted where it lands.",
    ),
    Mechanism(
        "Industrial autonomy",
        "industrial_autonomy",
        JUDGEMENT_LEVER,
        "Dependence on a foreign supplier's technicians, parts and software for air defence.",
    ),
    Mechanism(
        "Domestic politics",
        "domestic_acceptability",
        JUDGEMENT_LEVER,
        "Whether the government can present the choice at home, on Turkish statements alone.",
    ),
    Mechanism(
        "Reversibility",
        "reversibility",
        JUDGEMENT_LEVER,
        "Whether the systems stay in Turkish hands so the choice can be undone.",
    ),
)


def mechanism_table_markdown() -> str:
    """The mechanism table as Markdown, for docs/model.md."""
    lines = [
        "| mechanism | counted only in | lever | how |",
        "| --- | --- | --- | --- |",
    ]
    for m in MECHANISMS:
        lever = "analyst score per option" if m.lever == JUDGEMENT_LEVER else f"`{m.lever}`"
        lines.append(f"| {m.name} | `{m.criterion_id}` | {lever} | {m.how} |")
    return "\n".join(lines)
