"""A strategy's outcome tree for one scenario: every branch with its probability and score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.arrays import model_arrays
from scoring.formulas import ATTEMPT_DURATION, performance
from scoring.loader import DecisionModel
from scoring.mavt import normalise_weights
from scoring.scenario import Scenario
from scoring.strategies import Attempts


@dataclass(frozen=True)
class Branch:
    """One way a strategy can end: its steps, the option of its last attempt, when that attempt
    started (years after the decision), its probability, its score and whether it ends with that
    attempt failed (nothing left to try, or not worth trying). The score is on the 0-100 scale
    extended in a straight line past each criterion's range, so a branch beyond a range can
    score over 100 (or below 0) and the branches average to the strategy's ranked score."""

    steps: tuple[str, ...]
    option_id: str
    starts_after_years: float
    probability: float
    score: float
    failed: bool = False


@dataclass(frozen=True)
class Tree:
    """A strategy's branches; `score` is their probability-weighted score."""

    strategy_id: str
    label: str
    branches: tuple[Branch, ...]
    score: float


def strategy_tree(scenario: Scenario, model: DecisionModel, strategy_id: str) -> Tree:
    """The branches of `strategy_id` in `scenario`, in the order they can happen."""
    strategy = model.strategy(strategy_id)
    arrays = model_arrays(model)
    values = scenario.assumption_vector(model)[None, :]
    weights = normalise_weights(scenario.weight_vector(model))[None, :]
    attempts = Attempts(values, arrays, weights, performance(values, arrays))
    plan = arrays.strategy_attempts[model.strategies.index(strategy)]
    outcome, moves_on = attempts.roll_back(plan)
    may_fail = {option for option, _ in arrays.success_links}
    duration = float(values[0, arrays.assumption_index[ATTEMPT_DURATION]])
    branches: list[Branch] = []
    steps: tuple[str, ...] = ()
    reach = 1.0

    def add(
        text: tuple[str, ...],
        option: int,
        level: int,
        probability: float,
        row: np.ndarray,
        failed: bool = False,
    ) -> None:
        score = float(attempts.score(row, capped=False)[0])
        option_id = arrays.direct_option_ids[option]
        branches.append(Branch(text, option_id, level * duration, probability, score, failed))

    for level, option in enumerate(plan):
        label = model.direct_options[option].label
        if option not in may_fail:
            add((*steps, label), option, level, reach, attempts.as_is(level, option))
            break
        chance = float(attempts.chance[option, 0])
        add(
            (*steps, f"{label} goes through"),
            option,
            level,
            reach * chance,
            attempts.through(level, option),
        )
        steps, reach = (*steps, f"{label} fails"), reach * (1.0 - chance)
        if level == len(plan) - 1 or not moves_on[level][0]:
            stays = () if level == len(plan) - 1 else ("Turkey stays put",)
            add((*steps, *stays), option, level, reach, attempts.failed(level, option), failed=True)
            break
    return Tree(strategy.id, strategy.label, tuple(branches), float(attempts.score(outcome)[0]))
