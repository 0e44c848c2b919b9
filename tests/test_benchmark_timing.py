"""The pure parts of benchmarks/timing.py: sections of docs/performance.md, percentiles, medians
over runs and the servers' extra environment (--server-env)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.timing import (
    HEADER,
    cold,
    env_note,
    extra_env,
    markers,
    over_runs,
    parse_env,
    percentile,
    replace_section,
    report,
    run_ratios,
    table,
    write_section,
)
from scoring import Scenario, inverse, sampling
from scoring.inverse import what_it_takes_all
from tests.conftest import MODEL

BEGIN, END = markers("load")


def test_markers_are_named_after_the_section() -> None:
    assert markers("ui_latency") == ("<!-- ui_latency:begin -->", "<!-- ui_latency:end -->")


def test_a_new_file_gets_the_header_and_the_section() -> None:
    text = replace_section(None, "load", "## Load\n\n| a | b |")
    assert text.startswith(HEADER)
    assert f"{BEGIN}\n## Load\n\n| a | b |\n{END}\n" in text


def test_only_the_section_is_replaced_and_twice_is_once() -> None:
    around = ("# Performance\n\nIntro.\n\n", "\n\n## Exports\n\nKept.\n")
    before = f"{around[0]}{BEGIN}\nold figures\n{END}{around[1]}"
    once = replace_section(before, "load", "new figures")
    assert once == f"{around[0]}{BEGIN}\nnew figures\n{END}{around[1]}"
    assert replace_section(once, "load", "new figures") == once


def test_a_file_without_markers_keeps_its_text_and_gains_the_section() -> None:
    before = "# Performance\n\nOther figures.\n"
    once = replace_section(before, "load", "figures")
    assert once == f"# Performance\n\nOther figures.\n\n{BEGIN}\nfigures\n{END}\n"
    assert replace_section(once, "load", "figures") == once


def test_sections_of_other_names_are_left_alone() -> None:
    text = replace_section(replace_section(None, "engine", "engine 1"), "load", "load 1")
    text = replace_section(text, "engine", "engine 2")
    assert "engine 2" in text and "load 1" in text and "engine 1" not in text
    assert text.index(markers("engine")[0]) < text.index(BEGIN)


def test_write_section_creates_then_updates_the_file(tmp_path) -> None:
    path = tmp_path / "docs" / "performance.md"
    write_section("exports", "first", path)
    write_section("engine", "second", path)
    write_section("exports", "third", path)
    text = path.read_text()
    assert text.startswith(HEADER) and "third" in text and "second" in text
    assert "first" not in text


def test_tables_are_markdown() -> None:
    assert table([("a", "1 ms")], ("what", "median")) == (
        "| what | median |\n| --- | --- |\n| a | 1 ms |"
    )


def test_report_judges_the_median_against_its_target(capsys) -> None:
    samples = [0.001, 0.002, 0.003]
    assert report("x", samples, 1e-3, "ms", 2.0)[3:] == ("< 2 ms", "MISSES")
    assert report("x", samples, 1e-3, "ms", 2.0, at_most=True)[3:] == ("≤ 2 ms", "meets")
    assert report("x", samples, 1e-3, "ms")[1:] == ("2.000 ms", "2.800 ms", "-", "-")
    assert "MISSES" in capsys.readouterr().out


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


def test_over_runs_is_the_median_of_each_runs_median() -> None:
    runs = [[1.0, 2.0, 30.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0], [10.0, 20.0, 40.0], [0.0, 3.0]]
    summary = over_runs(runs)  # run medians 2, 5, 8, 20, 1.5
    assert (summary.median, summary.low, summary.high) == (5.0, 1.5, 20.0)
    tails = [percentile(run, 90) for run in runs]
    assert summary.tail == pytest.approx(float(np.median(tails)))


def test_ratios_pair_the_medians_of_the_same_run() -> None:
    ours = [[2.0, 4.0, 6.0], [10.0]]
    base = [[1.0, 2.0, 3.0], [20.0]]
    assert run_ratios(ours, base) == [2.0, 0.5]
    with pytest.raises(ValueError):
        run_ratios(ours, base[:1])


def test_env_lines_comments_and_blanks() -> None:
    text = "# why\n\nA=1\n  B_2=x/y:z  \nC=\n"
    assert parse_env(text) == {"A": "1", "B_2": "x/y:z", "C": ""}


@pytest.mark.parametrize("line", ["A = 1", "A='1'", "A=$HOME", "export A=1", "1A=2", "A=a b"])
def test_env_lines_the_shell_would_read_differently_are_refused(line: str) -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_env(line)


def test_the_extra_environment_is_named_only_when_given() -> None:
    assert env_note({}) == ""
    assert env_note(extra_env(["A=1", "B=x"])) == " Servers ran with `A=1 B=x` (--server-env)."


def test_a_cold_call_keeps_nothing_from_before() -> None:
    """Benchmarks time an analysis as an assumption move meets it: no draws or search rows kept
    from earlier calls."""
    scenario = Scenario.build({}, MODEL)

    def draws() -> object:
        return sampling.seeded_assumption_draws(scenario, MODEL, 1_000, 3)[0]

    def search() -> object:
        what_it_takes_all(scenario, MODEL, MODEL.option_ids[:2])
        return inverse._assumption_side.cache_info().hits

    assert draws() is draws()
    assert cold(draws)() is not cold(draws)()
    assert search() < search()
    assert cold(search)() == cold(search)() == 0
