"""The pure parts of benchmarks/load.py: RSS and the sessions' scenarios."""

from __future__ import annotations

from benchmarks.load import vmrss_bytes
from benchmarks.ui_latency import assumption_visits, dashboard_visits
from components.state import GROUP_LABELS, controls
from scoring import default_model

STATUS = """Name:\tpython
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
VmPeak:\t 2734556 kB
VmSize:\t 2668032 kB
VmHWM:\t  402120 kB
VmRSS:\t  384512 kB
RssAnon:\t  220000 kB
Threads:\t28
"""


def test_rss_is_read_from_proc_status_in_bytes() -> None:
    assert vmrss_bytes(STATUS) == 384_512 * 1024


def test_a_process_without_rss_counts_zero() -> None:
    assert vmrss_bytes("Name:\tkthreadd\nState:\tZ (zombie)\n") == 0


def test_every_session_opens_its_own_scenario() -> None:
    visits = dashboard_visits(default_model(), 101)
    assert len({(visit.query, visit.key) for visit in visits}) == 101
    assert len({visit.query for visit in visits[:10]}) == 10
    assert all(visit.start == "End" and visit.step == "ArrowLeft" for visit in visits)


def test_each_run_moves_a_different_slider_in_the_same_session() -> None:
    runs = [dashboard_visits(default_model(), 10, run) for run in range(5)]
    for session in zip(*runs, strict=True):
        assert len({visit.query for visit in session}) == 1
        assert len({visit.key for visit in session}) == 5


def test_the_assumption_sessions_move_an_assumption_with_room_for_every_press() -> None:
    """Each run moves a different assumption, never the one its link sets, from its top down,
    with a step left for every press (so no press repeats a value), opening its section."""
    model = default_model()
    everything = {c.key: c for c in controls(model)}
    visits = assumption_visits(model, 5, 25)
    tag = visits[0].query.split("=")[0].lstrip("?")
    assert len({visit.key for visit in visits}) == 5
    for visit in visits:
        moved = everything[visit.key]
        assert not moved.is_weight and visit.key != tag
        assert round((moved.high - moved.low) / moved.step) >= 27
        assert (visit.start, visit.step, visit.group) == (
            "End",
            "ArrowLeft",
            GROUP_LABELS[moved.group],
        )
