"""The pure parts of benchmarks/load.py: its section of docs/performance.md, percentiles, RSS."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.load import BEGIN, END, HEADER, dashboard_visits, replace_section, vmrss_bytes
from benchmarks.timing import percentile
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


def test_a_new_file_gets_the_header_and_the_section() -> None:
    text = replace_section(None, "## Load\n\n| a | b |")
    assert text.startswith(HEADER)
    assert f"{BEGIN}\n## Load\n\n| a | b |\n{END}\n" in text


def test_only_the_section_is_replaced_and_twice_is_once() -> None:
    around = ("# Performance\n\nIntro.\n\n", "\n\n## Exports\n\nKept.\n")
    before = f"{around[0]}{BEGIN}\nold figures\n{END}{around[1]}"
    once = replace_section(before, "new figures")
    assert once == f"{around[0]}{BEGIN}\nnew figures\n{END}{around[1]}"
    assert replace_section(once, "new figures") == once


def test_a_file_without_markers_keeps_its_text_and_gains_the_section() -> None:
    before = "# Performance\n\nOther figures.\n"
    once = replace_section(before, "figures")
    assert once == f"# Performance\n\nOther figures.\n\n{BEGIN}\nfigures\n{END}\n"
    assert replace_section(once, "figures") == once


@pytest.mark.parametrize(
    ("samples", "q", "expected"),
    [
        ([5.0], 95, 5.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 95, 4.8),  # 4 + 0.8 * (5 - 4)
        ([10.0, 0.0], 25, 2.5),  # unsorted input
        ([1.0, 2.0, 3.0], 100, 3.0),
    ],
)
def test_percentiles_interpolate_between_ranks(
    samples: list[float], q: float, expected: float
) -> None:
    assert percentile(samples, q) == pytest.approx(expected)
    assert percentile(samples, q) == pytest.approx(float(np.percentile(samples, q)))


def test_percentile_refuses_no_samples() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)


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
