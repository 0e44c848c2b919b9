"""What to find out first: the value of perfect information on each assumption and on each named
group of assumptions (`data/assumptions.toml`), for a scenario, in points and in US$ bn.

The draws are the analysis's draws around this scenario (`scoring.sampling`), with the priorities
held at the scenario's: priorities are the decision maker's own, not facts information could
reveal. Scores are then a function of the assumptions alone, so perfect information on all of them
is worth the EVPI. Values are converted to money at the money criterion's trade-off rate: a point
is worth `span / (100 x share)` US$ bn, where `span` is the width of the money criterion's declared
range in US$ bn and `share` its normalised weight. The value function is linear over that range,
so the rate holds inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from threadpoolctl import threadpool_limits

from scoring import sampling
from scoring.engine import evaluate_scores
from scoring.loader import DecisionModel
from scoring.scenario import Scenario
from scoring.value_of_information import Estimate, evpi, evppi_many


@dataclass(frozen=True)
class InformationValue:
    """What perfect information on one assumption or group is worth."""

    kind: Literal["assumption", "group", "everything"]
    id: str
    label: str
    assumptions: tuple[str, ...]
    points: float
    error: float  # standard error, points
    money_bn: float | None  # the same in US$ bn at the trade-off rate (None without a rate)
    money_error_bn: float | None


@dataclass(frozen=True)
class InformationRanking:
    """Every assumption and group, most valuable first, and the value of knowing everything."""

    draws: int
    seed: int
    points_per_bn: float | None
    everything: InformationValue
    items: tuple[InformationValue, ...]

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready types, rounded to 6 decimals."""

        def row(item: InformationValue) -> dict[str, object]:
            return {
                "kind": item.kind,
                "id": item.id,
                "label": item.label,
                "assumptions": list(item.assumptions),
                "points": round(item.points, 6),
                "error": round(item.error, 6),
                "money_bn": None if item.money_bn is None else round(item.money_bn, 6),
                "money_error_bn": (
                    None if item.money_error_bn is None else round(item.money_error_bn, 6)
                ),
            }

        return {
            "draws": self.draws,
            "seed": self.seed,
            "points_per_bn": None if self.points_per_bn is None else round(self.points_per_bn, 6),
            "everything": row(self.everything),
            "ranking": [row(item) for item in self.items],
        }


def points_per_bn(scenario: Scenario, model: DecisionModel) -> float | None:
    """Score points one US$ bn is worth under the scenario's priorities: the money criterion's
    normalised weight times 100 over the width of its declared range; None if there is no money
    criterion or its weight is zero."""
    criterion = model.money_criterion
    if criterion is None:
        return None
    weights = scenario.weight_vector(model)
    share = weights[model.criterion_ids.index(criterion.id)] / weights.sum()
    low, high = criterion.range
    return None if share <= 0 else float(share * 100.0 / (high - low))


def _value(
    kind: Literal["assumption", "group", "everything"],
    item_id: str,
    label: str,
    members: tuple[str, ...],
    estimate: Estimate,
    rate: float | None,
) -> InformationValue:
    return InformationValue(
        kind=kind,
        id=item_id,
        label=label,
        assumptions=members,
        points=estimate.value,
        error=estimate.error,
        money_bn=None if rate is None else estimate.value / rate,
        money_error_bn=None if rate is None else estimate.error / rate,
    )


def find_out_first(
    scenario: Scenario,
    model: DecisionModel,
    draws: int = 20_000,
    seed: int = 2026,
    spread: float = 1.0,
) -> InformationRanking:
    """EVPI and the EVPPI of every assumption and information group, most valuable first."""
    assumptions, _ = sampling.seeded_assumption_draws(scenario, model, draws, seed, spread)
    scores = evaluate_scores(assumptions, scenario.weight_vector(model), model).scores
    ids = model.assumption_ids
    # A choice (such as when to decide) is Turkey's to make, not a fact to find out.
    uncertain = [a for a in model.assumptions if a.kind != "choice"]
    groups = [[ids.index(a.id)] for a in uncertain] + [
        [ids.index(a) for a in group.assumptions] for group in model.information_groups
    ]
    with threadpool_limits(limits=1, user_api="blas"):  # small products: threads only contend
        estimates = evppi_many(scores, assumptions, groups)
        total = evpi(scores)
    rate = points_per_bn(scenario, model)
    items = [
        _value("assumption", a.id, a.label, (a.id,), estimate, rate)
        for a, estimate in zip(uncertain, estimates, strict=False)
    ] + [
        _value("group", g.id, g.label, tuple(g.assumptions), estimate, rate)
        for g, estimate in zip(model.information_groups, estimates[len(uncertain) :], strict=True)
    ]
    items.sort(key=lambda item: -item.points)
    return InformationRanking(
        draws=draws,
        seed=seed,
        points_per_bn=rate,
        everything=_value(
            "everything", "everything", "Everything", tuple(a.id for a in uncertain), total, rate
        ),
        items=tuple(items),
    )
