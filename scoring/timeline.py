"""Scores by decision year: what waiting costs each option and strategy.

The scenario is evaluated with `decision_delay_years` set to 0, 1, ..., 4 (one batch, one row per
year). An option stops being worth it in the first year it no longer beats the status quo (the
option Turkey is on while it decides nothing) decided that same year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.arrays import model_arrays
from scoring.engine import evaluate_batch
from scoring.formulas import DELAY
from scoring.loader import MONEY_UNIT, DecisionModel
from scoring.scenario import Scenario

YEARS = (0, 1, 2, 3, 4)


@dataclass(frozen=True, eq=False)
class Timeline:
    """Scores (Y, M) and money (Y, M, US$ bn) by decision year, with each year's leaders."""

    model: DecisionModel
    scenario: Scenario
    years: tuple[int, ...]
    scores: np.ndarray
    money: np.ndarray
    ranks: np.ndarray

    def leaders(self, year_index: int) -> tuple[str, ...]:
        """The options ranked first (ties share it) when deciding in that year."""
        firsts = np.flatnonzero(self.ranks[year_index] == 1)
        return tuple(self.model.option_ids[m] for m in firsts)

    def stops_being_worth_it(self) -> list[int | None]:
        """Per option, the first decision year (years from now) in which it no longer beats the
        status quo decided that year (0: not worth it even now); None if it beats the status quo
        in every year shown, and for the status quo itself."""
        base = self.model.option_ids.index(self.model.status_quo.id)
        margin = self.model.info.constants.tie_tolerance.value
        beats = self.scores > self.scores[:, [base]] + margin
        out: list[int | None] = []
        for m in range(self.scores.shape[1]):
            falls = np.flatnonzero(~beats[:, m])
            out.append(None if m == base or not falls.size else self.years[falls[0]])
        return out

    def cost_of_waiting(self) -> tuple[np.ndarray, np.ndarray]:
        """Deciding one year later than now: points lost (M,) and US$ bn lost (M,)."""
        return self.scores[0] - self.scores[1], self.money[0] - self.money[1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: a row per option and year, the leaders per year, and per option the year
        it stops being worth it (years from now) and the cost of waiting a year."""
        points, money = self.cost_of_waiting()
        stops = self.stops_being_worth_it()
        base_year = int(self.model.info.constants.base_year.value)
        return {
            "model_version": self.model.version,
            "scenario": self.scenario.name,
            "status_quo": self.model.status_quo.id,
            "rows": [
                {
                    "option": option_id,
                    "year": year,
                    "decision_year": base_year + year,
                    "score": round(float(self.scores[y, m]), 6),
                }
                for m, option_id in enumerate(self.model.option_ids)
                for y, year in enumerate(self.years)
            ],
            "leaders": [
                {"year": year, "leader": list(self.leaders(y))} for y, year in enumerate(self.years)
            ],
            "options": [
                {
                    "option": option_id,
                    "stops_being_worth_it_year": stops[m],
                    "cost_of_waiting_one_year_points": round(float(points[m]), 6),
                    "cost_of_waiting_one_year_bn_usd": round(float(money[m]), 6),
                }
                for m, option_id in enumerate(self.model.option_ids)
            ],
        }


def timeline(scenario: Scenario, model: DecisionModel, years: tuple[int, ...] = YEARS) -> Timeline:
    """Evaluate `scenario` deciding now and in each of `years` years."""
    money_criterion = model.money_criterion
    if money_criterion is None:
        raise ValueError(f"the timeline needs exactly one criterion measured in {MONEY_UNIT}")
    arrays = model_arrays(model)
    rows = np.repeat(scenario.assumption_vector(model)[None, :], len(years), axis=0)
    rows[:, arrays.assumption_index[DELAY]] = years
    batch = evaluate_batch(rows, scenario.weight_vector(model), model)
    money = model.criterion_ids.index(money_criterion.id)
    return Timeline(
        model, scenario, tuple(years), batch.scores, batch.performance[:, :, money], batch.ranks
    )
