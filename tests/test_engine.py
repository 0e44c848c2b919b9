"""The batched engine: one code path, K = 1 equal to any row of a batch."""

from __future__ import annotations

import numpy as np
import pytest

from scoring import Scenario, evaluate, evaluate_batch, sampling
from scoring.engine import CHUNK, evaluate_scores, prepare
from tests.conftest import MODEL, option_position


def random_scenarios(count: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Random points any door accepts: whole years and whole priorities from 0 to 100."""
    rng = np.random.default_rng(seed)
    low = np.array([a.min for a in MODEL.assumptions])
    high = np.array([a.max for a in MODEL.assumptions])
    assumptions = low + (high - low) * rng.random((count, len(low)))
    whole = np.array([a.whole for a in MODEL.assumptions])
    assumptions[:, whole] = np.round(assumptions[:, whole])
    weights = np.round(rng.random((count, len(MODEL.criteria))) * 100)
    return assumptions, weights


def test_single_evaluation_equals_the_matching_row_of_a_batch() -> None:
    assumptions, weights = random_scenarios(50)
    batch = evaluate_batch(assumptions, weights, MODEL)
    for k in (0, 17, 49):
        scenario = Scenario.build(
            {
                "assumptions": dict(zip(MODEL.assumption_ids, assumptions[k], strict=True)),
                "weights": dict(zip(MODEL.criterion_ids, weights[k], strict=True)),
            },
            MODEL,
        )
        single = evaluate(scenario, MODEL)
        np.testing.assert_allclose(single.scores, batch.scores[k])
        np.testing.assert_allclose(single.contributions, batch.contributions[k])
        assert single.ranks.tolist() == batch.ranks[k].tolist()


def test_one_weight_row_is_shared_by_every_draw() -> None:
    assumptions, weights = random_scenarios(5)
    shared = evaluate_batch(assumptions, weights[0], MODEL)
    stacked = evaluate_batch(assumptions, np.tile(weights[0], (5, 1)), MODEL)
    np.testing.assert_allclose(shared.scores, stacked.scores)


def test_wrong_shapes_are_rejected_with_the_expected_shape() -> None:
    with pytest.raises(ValueError, match=rf"shape \(K, {len(MODEL.assumptions)}\)"):
        evaluate_batch(np.zeros((2, 3)), np.ones(8), MODEL)


def test_result_carries_what_a_reader_needs() -> None:
    result = evaluate()
    assert result.model_version == MODEL.version
    assert [entry.rank for entry in result.ranking] == sorted(r.rank for r in result.ranking)
    assert result.ranking[0].score == pytest.approx(result.scores.max())
    frame = result.frame("contributions")
    assert list(frame.index) == list(MODEL.option_ids)
    np.testing.assert_allclose(frame.sum(axis=1).to_numpy(), result.scores)
    data = result.to_dict()
    assert set(data) >= {"ranking", "scores", "contributions", "weights", "model_version"}


def test_f35_priority_and_likely_readmission_put_a_divesting_option_first() -> None:
    scenario = Scenario.build(
        {
            "assumptions": {"p_readmission_if_divested": 0.75},
            "weights": {"f35_prospects": 100},
        },
        MODEL,
    )
    leader = evaluate(scenario).ranking[0].option_id
    assert MODEL.option(leader).divests


def test_long_shelf_life_late_siper_and_air_defence_priority_favour_keeping() -> None:
    scenario = Scenario.build(
        {
            "assumptions": {
                "interceptor_shelf_life_years": 10,
                "siper_operational_year": 2032,
                "activation_sanction_risk": 0.4,
                "maintenance_sanction_risk": 0.05,
            },
            "weights": {"air_defence": 100, "f35_prospects": 5},
        },
        MODEL,
    )
    result = evaluate(scenario)
    assert not MODEL.option(result.ranking[0].option_id).divests
    assert result.scores[option_position("activate")] > result.scores[option_position("dismantle")]


def test_batches_larger_than_a_chunk_match_row_by_row_evaluation() -> None:
    count = 2 * CHUNK + 3
    assumptions, weights = random_scenarios(count, seed=11)
    batch = evaluate_batch(assumptions, weights, MODEL)
    for k in (0, CHUNK - 1, CHUNK, 2 * CHUNK, count - 1):
        row = evaluate_batch(assumptions[k], weights[k], MODEL)
        np.testing.assert_allclose(batch.scores[k], row.scores[0])
        assert batch.ranks[k].tolist() == row.ranks[0].tolist()


# --- Drawn judgement scores -------------------------------------------------------------------

JUDGED = [n for n, c in enumerate(MODEL.criteria) if c.kind == "judgement"]
STATED = np.array(
    [[o.scores[MODEL.criteria[n].id].score for n in JUDGED] for o in MODEL.direct_options],
    dtype=float,
)


def test_judgement_draws_at_the_stated_scores_change_nothing() -> None:
    count = CHUNK + 5  # crosses a chunk boundary
    assumptions, weights = random_scenarios(count, seed=3)
    stated = evaluate_batch(assumptions, weights, MODEL)
    drawn = evaluate_batch(assumptions, weights, MODEL, np.tile(STATED, (count, 1, 1)))
    np.testing.assert_array_equal(drawn.scores, stated.scores)
    np.testing.assert_array_equal(drawn.ranks, stated.ranks)


def test_each_draw_uses_its_own_judgement_scores() -> None:
    assumptions, weights = random_scenarios(CHUNK + 2, seed=5)
    judgements = np.tile(STATED, (len(assumptions), 1, 1))
    row, option = CHUNK + 1, option_position("dismantle")
    judgements[row, option, :] = 100.0  # every judgement criterion at the top of its scale
    batch = evaluate_batch(assumptions, weights, MODEL, judgements)
    np.testing.assert_array_equal(batch.performance[row, option, JUDGED], 100.0)
    stated = evaluate_batch(assumptions, weights, MODEL)
    changed = np.flatnonzero((batch.scores != stated.scores).any(axis=1))
    assert changed.tolist() == [row]
    assert batch.scores[row, option] > stated.scores[row, option]


def test_judgement_draws_of_the_wrong_shape_are_refused() -> None:
    assumptions, weights = random_scenarios(4)
    expected = rf"\(4, {len(MODEL.direct_options)}, {len(JUDGED)}\)"
    with pytest.raises(ValueError, match=expected):
        evaluate_batch(assumptions, weights, MODEL, np.tile(STATED, (3, 1, 1)))


@pytest.mark.parametrize("judged", [False, True])
def test_prepared_draws_score_exactly_as_fresh_ones_under_any_weights(judged: bool) -> None:
    """The weight-free part computed once (over several chunks, strategies included) gives the
    same values and scores under new weights as evaluating from scratch."""
    count = CHUNK + 1_000
    assumptions, weights = random_scenarios(count, seed=11)
    assumptions.flags.writeable = False
    judgements = sampling.judgement_draws(MODEL, count, 5) if judged else None
    prepared = prepare(assumptions, MODEL, judgements)
    for moved in (weights, weights[::-1]):
        reused = evaluate_scores(assumptions, moved, MODEL, judgements, True, prepared)
        fresh = evaluate_scores(assumptions, moved, MODEL, judgements, True)
        np.testing.assert_array_equal(reused.scores, fresh.scores)
        np.testing.assert_array_equal(reused.values, fresh.values)
    assert len(prepared.direct) == 2


def test_prepared_draws_are_refused_for_other_arrays() -> None:
    assumptions, weights = random_scenarios(20)
    with pytest.raises(ValueError, match="read-only"):
        prepare(assumptions, MODEL)
    assumptions.flags.writeable = False
    prepared = prepare(assumptions, MODEL)
    with pytest.raises(ValueError, match="other draws"):
        evaluate_scores(assumptions.copy(), weights, MODEL, prepared=prepared)
