"""Ten concurrent writers, as threads and as processes, lose nothing on either database."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.synchronize import Barrier as ProcessBarrier

import pytest

from scoring import Scenario, default_model
from scoring.record import Record
from store import ScenarioStore

pytest_plugins = ["tests.store_fixtures"]

WRITERS = 10
SAVES = 4  # per writer, under the shared name and again under its own name
SHARED = "Shared briefing"
RECORD = Record("dismantle", "Dismantle under verification", 47.85, "Robust enough.")


def own_name(writer: int) -> str:
    return f"Writer {writer}"


def write(url: str, writer: int, barrier: threading.Barrier | ProcessBarrier) -> list[int]:
    """Open a store, wait for the others, then alternate saves under the shared and own names;
    returns the versions the shared name got."""
    model = default_model()
    with ScenarioStore.open(url, model=model, lock_timeout=30.0) as store:
        barrier.wait(timeout=60)
        shared = []
        for save in range(SAVES):
            scenario = Scenario.build(
                {"name": SHARED, "assumptions": {"interceptor_shelf_life_years": 2 + save}}, model
            )
            author = f"writer {writer}"
            shared.append(store.save(scenario, author, f"save {save}", RECORD).version)
            store.save(scenario, author, f"save {save}", RECORD, name=own_name(writer))
        return shared


def start_worker(barrier: ProcessBarrier) -> None:
    """Initialiser of each spawned worker: the barrier all ten meet at before saving."""
    global worker_barrier
    worker_barrier = barrier


def process_write(url: str, writer: int) -> list[int]:
    return write(url, writer, worker_barrier)


worker_barrier: ProcessBarrier


@pytest.fixture(scope="module")
def spawned_writers() -> Iterator[ProcessPoolExecutor]:
    """Ten spawned processes, started once for both backends."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    with ProcessPoolExecutor(
        WRITERS, mp_context=context, initializer=start_worker, initargs=(barrier,)
    ) as pool:
        yield pool


def check_nothing_lost(url: str, shared_by_writer: dict[int, list[int]]) -> None:
    total = WRITERS * SAVES
    claimed = sorted(v for versions in shared_by_writer.values() for v in versions)
    assert claimed == list(range(1, total + 1))  # each save got its own version
    with ScenarioStore.open(url, model=default_model()) as store:
        assert [v.version for v in store.versions(SHARED)] == list(range(1, total + 1))
        for writer in range(WRITERS):
            versions = store.versions(own_name(writer))
            assert [v.version for v in versions] == list(range(1, SAVES + 1))
            assert {v.author for v in versions} == {f"writer {writer}"}
        authors = Counter(v.author for v in store.versions(SHARED))
        assert authors == {f"writer {w}": SAVES for w in range(WRITERS)}
        entries = store.decision_record()
        assert len(entries) == 2 * total
        assert Counter((e.scenario_name, e.version) for e in entries) == Counter(
            {(SHARED, v): 1 for v in range(1, total + 1)}
            | {(own_name(w), v): 1 for w in range(WRITERS) for v in range(1, SAVES + 1)}
        )
        assert [e.id for e in entries] == sorted(e.id for e in entries)
        assert len(store.list()) == WRITERS + 1


def test_ten_threads_saving_at_once_lose_nothing(database_url: str) -> None:
    barrier = threading.Barrier(WRITERS)
    results: dict[int, list[int]] = {}
    errors: list[BaseException] = []

    def run(writer: int) -> None:
        try:
            results[writer] = write(database_url, writer, barrier)
        except BaseException as error:
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, [str(e) for e in errors if not isinstance(e, threading.BrokenBarrierError)]
    assert not any(thread.is_alive() for thread in threads)
    check_nothing_lost(database_url, results)


def test_ten_processes_saving_at_once_lose_nothing(
    database_url: str, spawned_writers: ProcessPoolExecutor
) -> None:
    """The processes also open, and so migrate, the fresh database at the same moment."""
    futures = {w: spawned_writers.submit(process_write, database_url, w) for w in range(WRITERS)}
    check_nothing_lost(database_url, {w: f.result(timeout=120) for w, f in futures.items()})
