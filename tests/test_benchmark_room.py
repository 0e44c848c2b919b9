"""The pure parts of benchmarks/room_load.py: the participants' plan and the exactly-once check."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from benchmarks.room_load import Submission, counted_once, schedule
from store.rooms import Response
from tests.conftest import MODEL


def test_fifty_participants_submit_within_the_window_a_fifth_twice() -> None:
    plan = schedule(MODEL, 50, 10.0)
    times = Counter(s.participant for s in plan)
    assert len(times) == 50 and sorted(Counter(times.values()).items()) == [(1, 40), (2, 10)]
    assert [s.at for s in plan] == sorted(s.at for s in plan)
    assert all(0 <= s.at <= 10.0 for s in plan)
    for submission in plan:
        assert set(submission.weights) == set(MODEL.criterion_ids)
        assert all(0 <= w <= 100 for w in submission.weights.values())
        assert any(submission.weights.values())


def response(weights: dict[str, int], submissions: int) -> Response:
    return Response(1, None, weights, datetime(2026, 1, 1, tzinfo=UTC), submissions)


def test_counted_once_needs_each_participants_latest_weights_once() -> None:
    first = {c: 10 for c in MODEL.criterion_ids}
    second = first | {"autonomy": 90}
    other = first | {"air_defence": 50}
    plan = [Submission(0, 1.0, first), Submission(1, 2.0, other), Submission(0, 3.0, second)]
    assert counted_once(plan, [response(second, 2), response(other, 1)])
    assert not counted_once(plan, [response(first, 2), response(other, 1)])  # an old vector
    assert not counted_once(plan, [response(second, 2)])  # someone missing
    assert not counted_once(plan, [response(second, 1), response(other, 1)])  # one lost
    assert not counted_once(
        plan, [response(second, 2), response(other, 1), response(other, 1)]
    )  # counted twice
