"""The fast paths give exactly the numbers of the straightforward computations they replace, on
random scenarios: strategies evaluated option by option, scores without the unread tables, the
SMAA bookkeeping, the tie-aware ranks and the declared draws reused at the defaults."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from scoring import sampling
from scoring.arrays import ModelArrays, model_arrays
from scoring.engine import evaluate_batch, evaluate_scores
from scoring.formulas import ATTEMPT_DURATION, DELAY, performance
from scoring.mavt import competition_ranks, linear_value, normalise_weights
from scoring.robustness import analyse
from scoring.scenario import Scenario
from scoring.strategies import strategy_performance
from scoring.uncertainty import central_weights, ordinal_ranks, rank_acceptability, scores
from tests.conftest import MODEL

ARRAYS = model_arrays(MODEL)
DIRECT = len(MODEL.direct_options)


def random_draws(count: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Assumptions anywhere in their ranges, weights and judgement scores drawn at random."""
    rng = np.random.default_rng(seed)
    assumptions = ARRAYS.lower + (ARRAYS.upper - ARRAYS.lower) * rng.random(
        (count, len(ARRAYS.lower))
    )
    weights = rng.random((count, len(MODEL.criteria))) * 100
    return assumptions, weights, sampling.draw_judgements(MODEL, count, rng)


def straightforward_strategies(
    values: np.ndarray, arrays: ModelArrays, weights: np.ndarray, judgements: np.ndarray | None
) -> np.ndarray:
    """Every direct option evaluated at every attempt level as is, going through and failing (by
    setting every chance-of-going-through assumption to 1 or 0 in the draws), then rolled back."""
    index = arrays.assumption_index
    pairs = np.array(arrays.success_links, dtype=int).reshape(-1, 2)
    options, chances = pairs[:, 0], pairs[:, 1]

    def tables(level: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        shifted = values.copy()
        shifted[:, index[DELAY]] += level * values[:, index[ATTEMPT_DURATION]]
        through, failed = shifted.copy(), shifted.copy()
        through[:, chances], failed[:, chances] = 1.0, 0.0
        chance = np.ones((len(values), len(arrays.direct_option_ids)))
        chance[:, options] = shifted[:, chances]
        return (
            performance(shifted, arrays, judgements),
            performance(through, arrays, judgements),
            performance(failed, arrays, judgements),
            chance,
        )

    def score(rows: np.ndarray) -> np.ndarray:
        scaled = linear_value(rows, arrays.range_low, arrays.range_high, arrays.benefit)
        return np.einsum("kn,kn->k", scaled, weights)

    out = []
    for plan in arrays.strategy_attempts:
        outcome = tables(len(plan) - 1)[0][:, plan[-1]]
        for level in range(len(plan) - 2, -1, -1):
            _, through, failed, chance = tables(level)
            option = plan[level]
            moves_on = score(outcome) >= score(failed[:, option])
            after = np.where(moves_on[:, None], outcome, failed[:, option])
            share = chance[:, option, None]
            outcome = share * through[:, option] + (1.0 - share) * after
        out.append(outcome)
    return np.stack(out, axis=1)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("judged", [False, True])
def test_strategies_equal_the_straightforward_roll_back(seed: int, judged: bool) -> None:
    assumptions, weights, judgements = random_draws(3000, seed)
    drawn = judgements if judged else None
    batch = evaluate_batch(assumptions, weights, MODEL, drawn)
    expected = straightforward_strategies(assumptions, ARRAYS, batch.weights, drawn)
    np.testing.assert_array_equal(batch.performance[:, DIRECT:], expected)


def test_a_chance_used_as_another_input_is_fixed_there_too() -> None:
    """If an option read another option's chance of going through (here as Russia's consent),
    an attempt going through or failing fixes that input as well, as setting the draws would."""
    first, second = (option for option, _ in ARRAYS.success_links[:2])
    alone = next(
        o for o in range(DIRECT) if o not in {option for option, _ in ARRAYS.success_links}
    )
    chance = dict(ARRAYS.success_links)[second]
    arrays = replace(
        ARRAYS,
        consent_links=((first, chance),),
        strategy_attempts=((first, second, alone), (second, first, alone), (first, alone)),
    )
    assumptions, weights, judgements = random_draws(500, 4)
    normalised = normalise_weights(weights)
    direct = performance(assumptions, arrays, judgements)
    fast = strategy_performance(assumptions, arrays, normalised, direct, judgements)
    expected = straightforward_strategies(assumptions, arrays, normalised, judgements)
    np.testing.assert_array_equal(fast, expected)


def test_scores_without_the_tables_equal_the_batch() -> None:
    assumptions, weights, judgements = random_draws(5000, 5)
    batch = evaluate_batch(assumptions, weights, MODEL, judgements)
    kept = evaluate_scores(assumptions, weights, MODEL, judgements, keep_values=True)
    lean = evaluate_scores(assumptions, weights[0], MODEL)
    np.testing.assert_array_equal(kept.scores, batch.scores)
    np.testing.assert_array_equal(kept.values, batch.values)
    np.testing.assert_array_equal(kept.weights, batch.weights)
    assert lean.values is None
    one_row = evaluate_batch(assumptions, weights[0], MODEL)
    np.testing.assert_array_equal(lean.scores, one_row.scores)


def test_ranks_equal_counting_every_pair() -> None:
    rng = np.random.default_rng(6)
    table = np.round(rng.random((2000, 11)) * 20) / 2  # many exact and near ties
    beaten_by = table[:, None, :] > table[:, :, None] + 0.5
    np.testing.assert_array_equal(competition_ranks(table, 0.5), 1 + beaten_by.sum(axis=-1))


def test_smaa_bookkeeping_equals_the_direct_definitions() -> None:
    assumptions, weights, judgements = random_draws(4000, 7)
    batch = evaluate_batch(assumptions, weights, MODEL, judgements)
    ranks = ordinal_ranks(scores(batch.values, batch.weights))
    options = ranks.shape[1]
    expected = np.zeros((options, options))
    for rank in range(1, options + 1):
        expected[:, rank - 1] = (ranks == rank).mean(axis=0)
    np.testing.assert_array_equal(rank_acceptability(batch.values, batch.weights), expected)

    normalised = normalise_weights(batch.weights)
    leaders = scores(batch.values, normalised).argmax(axis=1)
    sums = np.zeros((options, normalised.shape[1]))
    np.add.at(sums, leaders, normalised)
    counts = np.bincount(leaders, minlength=options)[:, None]
    with np.errstate(invalid="ignore"):
        central = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    np.testing.assert_array_equal(central_weights(batch.values, batch.weights), central)


def test_the_declared_draws_at_the_defaults_are_the_draws_around_them() -> None:
    scenario = Scenario.build({"weights": {MODEL.criterion_ids[0]: 80}}, MODEL)
    report = analyse(scenario, MODEL, draws=1000, seed=11)
    rng = np.random.default_rng(11)
    assumptions = sampling.draw_assumptions(scenario, MODEL, 1000, rng)
    weights = sampling.draw_weights(scenario, MODEL, 1000, rng)
    judgements = sampling.draw_judgements(MODEL, 1000, np.random.default_rng((11, 1)))
    batch = evaluate_batch(assumptions, weights, MODEL, judgements)
    expected = rank_acceptability(batch.values, batch.weights)
    np.testing.assert_array_equal(report.declared_acceptability, expected)
    np.testing.assert_array_equal(report.rank_acceptability, expected)
