"""Benchmark a meeting room under load: 50 participants submitting within 10 s, against the store.

Run: .venv/bin/python benchmarks/room_load.py [--participants 50] [--window 10]
     [--database sqlite] [--database postgresql] [--no-write]
SQLite is a fresh temporary file; PostgreSQL is the server named by S400_TEST_DATABASE_URL
(`eval "$(bash scripts/postgres.sh start)"` starts one), so no password reaches the command line.
Each participant is a thread with its own token that submits at a random moment in the window;
a fifth of them submit again later in the window (the latest counts). Meanwhile the shared screen
is refreshed every 0.5 s: the server work of its fragment (read the room and the responses,
analyse the group, build the three charts, the findings and the participants' table).
Targets (issue 16): every submission counted exactly once; refresh under 300 ms of server time.
Writes its section of docs/performance.md (`room_load`) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import load_average, machine_lines, publish, report, verdict
from briefing.room import participant_frame, room_figures, room_findings
from scoring import DecisionModel, Scenario, default_model
from scoring.group import analyse_participants
from store.rooms import Response, RoomStore, new_participant_token

REFRESH_EVERY = 0.5  # seconds between shared-screen refreshes during the run
RESUBMIT_SHARE = 0.2
REFRESH_TARGET_MS = 300.0
POSTGRES_VARIABLE = "S400_TEST_DATABASE_URL"


@dataclass(frozen=True)
class Submission:
    """One planned submission: who, when (seconds into the window) and with what weights."""

    participant: int
    at: float
    weights: dict[str, int]


def schedule(
    model: DecisionModel, participants: int, window: float, seed: int = 2026
) -> list[Submission]:
    """Every participant submits once at a random moment in the first 80% of the window; a
    fifth submit again later, before the window ends. Sorted by time."""
    rng = random.Random(seed)
    plan = []
    for participant in range(participants):
        first = rng.uniform(0, window * 0.8)
        times = [first]
        if participant < round(participants * RESUBMIT_SHARE):
            times.append(rng.uniform(first, window))
        for at in times:
            weights = {c: rng.randint(0, 100) for c in model.criterion_ids}
            one = model.criterion_ids[participant % len(model.criteria)]
            weights[one] = max(1, weights[one])  # never all zero
            plan.append(Submission(participant, at, weights))
    return sorted(plan, key=lambda submission: submission.at)


def counted_once(plan: list[Submission], responses: list[Response]) -> bool:
    """Whether the room holds each participant exactly once, with their last weights and the
    number of times they submitted."""
    expected = {s.participant: s.weights for s in plan}  # the plan is in time order
    times = Counter(s.participant for s in plan)
    return len(responses) == len(expected) and sorted(
        (tuple(r.weights.values()), r.submissions) for r in responses
    ) == sorted((tuple(w.values()), times[p]) for p, w in expected.items())


def refresh(rooms: RoomStore, code: str, model: DecisionModel) -> int:
    """The shared screen's server work once; returns the number of responses."""
    room = rooms.room(code)
    responses = rooms.responses(code)
    if responses:
        weights = [[r.weights[c] for c in model.criterion_ids] for r in responses]
        group = analyse_participants(room.scenario, model, weights)
        room_figures(group, model)
        room_findings(group, model)
        participant_frame(group, model)
    return len(responses)


def run(url: str, model: DecisionModel, participants: int, window: float) -> dict[str, object]:
    """One load run on the database at `url`."""
    with RoomStore.open(url, model=model, lock_timeout=30.0) as rooms:
        code = rooms.open_room(Scenario.build({"name": "Load test"}, model), "Benchmark").code
        plan = schedule(model, participants, window)
        tokens = {p: new_participant_token() for p in range(participants)}
        latencies: list[float] = []
        finished: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        start = time.perf_counter() + 0.5

        def submit(item: Submission) -> None:
            time.sleep(max(0.0, start + item.at - time.perf_counter()))
            began = time.perf_counter()
            try:
                rooms.submit(code, tokens[item.participant], item.weights)
            except Exception as error:  # reported, never hidden
                with lock:
                    errors.append(str(error))
                return
            done = time.perf_counter()
            with lock:
                latencies.append(done - began)
                finished.append(done - start)

        threads = [threading.Thread(target=submit, args=(item,)) for item in plan]
        for thread in threads:
            thread.start()
        refreshes: list[float] = []
        while any(thread.is_alive() for thread in threads):
            began = time.perf_counter()
            refresh(rooms, code, model)
            refreshes.append(time.perf_counter() - began)
            time.sleep(max(0.0, REFRESH_EVERY - (time.perf_counter() - began)))
        for thread in threads:
            thread.join()
        full: list[float] = []
        for _ in range(20):  # the screen with every response in
            began = time.perf_counter()
            counted = refresh(rooms, code, model)
            full.append(time.perf_counter() - began)
        responses = rooms.responses(code)
    return {
        "submissions": len(plan),
        "elapsed": max(finished, default=0.0),  # the last submission stored, from the start
        "latencies": latencies,
        "errors": errors,
        "refreshes": refreshes,
        "full": full,
        "counted": counted,
        "once": counted_once(plan, responses) and not errors,
    }


def database_url(database: str, folder: str) -> str:
    """A fresh SQLite file in `folder`, or the PostgreSQL server of S400_TEST_DATABASE_URL."""
    if database == "sqlite":
        return f"sqlite:///{folder}/rooms.sqlite3"
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        raise SystemExit(
            f"{POSTGRES_VARIABLE} is not set: start PostgreSQL with scripts/postgres.sh"
        )
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--window", type=float, default=10.0, help="seconds")
    parser.add_argument(
        "--database",
        action="append",
        choices=["sqlite", "postgresql"],
        help="sqlite (a fresh temporary file, the default) or postgresql (S400_TEST_DATABASE_URL)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()

    load_before = load_average()
    model = default_model()
    print(machine_lines(model))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for database in args.database or ["sqlite"]:
            url = database_url(database, folder)
            name = "PostgreSQL" if database == "postgresql" else "SQLite"
            result = run(url, model, args.participants, args.window)
            for error in result["errors"]:
                print(f"{name}: submission failed: {error}")
            once = bool(result["once"])
            print(
                f"{name}: {result['submissions']} submissions by {args.participants} participants "
                f"in {result['elapsed']:.1f} s; {result['counted']} counted; "
                f"each exactly once: {verdict(once)}"
            )
            rows += [
                (
                    f"{name}: {result['submissions']} submissions, {args.participants} "
                    f"participants in {result['elapsed']:.1f} s",
                    f"{result['counted']} counted",
                    "-",
                    "each once",
                    verdict(once),
                ),
                report(f"{name}: one submission", result["latencies"], 1e-3, "ms"),
                report(
                    f"{name}: refresh during the run",
                    result["refreshes"],
                    1e-3,
                    "ms",
                    REFRESH_TARGET_MS,
                ),
                report(
                    f"{name}: refresh, {args.participants} responses",
                    result["full"],
                    1e-3,
                    "ms",
                    REFRESH_TARGET_MS,
                ),
            ]
    publish(
        "room_load",
        "Meeting room",
        model,
        load_before,
        f"{args.participants} participants (threads, one token each) submit at random moments "
        f"within {args.window:g} s, a fifth of them twice; the shared screen is refreshed every "
        f"{REFRESH_EVERY:g} s meanwhile, then 20 times with every response in. A refresh is the "
        "server work of the shared screen's fragment: read the room and the responses, analyse "
        "the group, build the three charts, the findings and the table (Streamlit's own sending "
        "is not included). Submission times include waiting for the database's write lock.",
        rows,
        not args.no_write,
    )


if __name__ == "__main__":
    main()
