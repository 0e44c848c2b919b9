"""Shared helpers for the benchmark scripts: timing, percentiles, the servers' launch environment
and each script's own section of docs/performance.md."""

from __future__ import annotations

import math
import os
import platform
import re
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np

from scoring import DecisionModel, inverse, sampling

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
HEADER = (
    "# Performance\n\nFigures written by the benchmark scripts in `benchmarks/`; each script "
    "owns the section between its markers. Do not edit figures by hand: rerun the script.\n"
)
ENV_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=([^\s'\"$`\\]*)")
TABLE_HEADER = ("what", "median", "p90", "target", "result")
T = TypeVar("T")


# ---- measuring ----


def machine_lines(model: DecisionModel) -> str:
    """What the figures were measured on."""
    return (
        f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores\n"
        f"model {model.version}: {len(model.options)} options x {len(model.criteria)} criteria"
    )


def load_average() -> float:
    """The 1-minute load average (the machine is shared)."""
    return os.getloadavg()[0]


def percentile(samples: Sequence[float], q: float) -> float:
    """The `q`th percentile (0-100), interpolated linearly between ranks as NumPy's default."""
    if not samples or not 0 <= q <= 100:
        raise ValueError("percentile needs samples and 0 <= q <= 100")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timings(action: Callable[[], object], repeats: int, warmup: int = 3) -> list[float]:
    """Wall-clock seconds of `repeats` calls after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def cold(action: Callable[[], T]) -> Callable[[], T]:
    """`action` with nothing kept from earlier calls for the same assumptions, as after an
    assumption move (a priority moved alone reuses the draws, `sampling.seeded_assumption_draws`,
    and the search's rows, `inverse`)."""

    def afresh() -> T:
        sampling.forget_assumption_draws()
        inverse.forget_kept_rows()
        return action()

    return afresh


@dataclass(frozen=True)
class OverRuns:
    """Several runs summarised: the median over runs of each run's median and of each run's
    `q`th percentile, and the lowest and highest run median."""

    median: float
    tail: float
    low: float
    high: float


def over_runs(runs: Sequence[Sequence[float]], q: float = 90) -> OverRuns:
    """Median over runs of each run's median (and `q`th percentile), and the range of medians."""
    medians = [statistics.median(run) for run in runs]
    return OverRuns(
        statistics.median(medians),
        statistics.median(percentile(run, q) for run in runs),
        min(medians),
        max(medians),
    )


def run_ratios(ours: Sequence[Sequence[float]], base: Sequence[Sequence[float]]) -> list[float]:
    """Per run, the ratio of the two medians measured in that run."""
    return [statistics.median(a) / statistics.median(b) for a, b in zip(ours, base, strict=True)]


# ---- reporting ----


def verdict(met: bool) -> str:
    return "meets" if met else "MISSES"


def report(
    name: str,
    samples: list[float],
    unit: float,
    unit_name: str,
    target: float | None = None,
    at_most: bool = False,
) -> tuple[str, ...]:
    """Print one line and return it as a table row: what, median, p90, target, result. The
    target (if any) is `< target`, or `<= target` if `at_most`, on the median."""
    median = statistics.median(samples) / unit
    p90 = percentile(samples, 90) / unit
    line = f"{name:<34} median {median:8.3f} {unit_name}  p90 {p90:8.3f} {unit_name}"
    row = (name.strip(), f"{median:.3f} {unit_name}", f"{p90:.3f} {unit_name}")
    if target is None:
        print(line)
        return (*row, "-", "-")
    met = median <= target if at_most else median < target
    bound = f"{'≤' if at_most else '<'} {target:g} {unit_name}"
    print(f"{line}  target {bound}: {verdict(met)}")
    return (*row, bound, verdict(met))


def table(rows: Sequence[Sequence[str]], header: Sequence[str] = TABLE_HEADER) -> str:
    """A Markdown table."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def command(script: str, argv: Sequence[str] | None = None) -> str:
    """The command that ran `benchmarks/<script>` with `argv` (default: this process's)."""
    arguments = sys.argv[1:] if argv is None else argv
    return shlex.join([".venv/bin/python", f"benchmarks/{script}", *arguments])


def written_by(script: str, today: datetime | None = None) -> str:
    """The line that says which command wrote a section, and when."""
    return f"Written by `benchmarks/{script}` on {today or datetime.now(UTC):%Y-%m-%d}: " + (
        f"`{command(script)}`"
    )


def machine_sentence(model: DecisionModel, load_before: float, load_after: float) -> str:
    """timing.machine_lines on one line, with the load average before and after."""
    return (
        f"Machine: {machine_lines(model).replace(chr(10), '; ')}; load average (1 min) "
        f"{load_before:.1f} before and {load_after:.1f} after (the machine is shared)."
    )


def section(
    title: str,
    paragraphs: Sequence[str],
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = TABLE_HEADER,
) -> str:
    """A section: its heading, paragraphs and the table."""
    return "\n\n".join([f"## {title}", *paragraphs, table(rows, header)])


# ---- docs/performance.md ----


def markers(name: str) -> tuple[str, str]:
    """The comments around section `name`."""
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def replace_section(text: str | None, name: str, body: str) -> str:
    """`text` with section `name` (markers included) replaced by `body`, or `body` appended
    (after HEADER if there is no text); everything else is kept."""
    begin, end = markers(name)
    block = f"{begin}\n{body.strip()}\n{end}"
    if not text:
        return f"{HEADER}\n{block}\n"
    start, stop = text.find(begin), text.find(end)
    if start != -1 and stop > start:
        return text[:start] + block + text[stop + len(end) :]
    return f"{text.rstrip()}\n\n{block}\n"


def write_section(name: str, body: str, path: Path = DOCS) -> None:
    """Replace (or add) section `name` of the file at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text() if path.exists() else None
    path.write_text(replace_section(existing, name, body))
    print(f"section {name!r} written to {path}")


def publish(
    name: str,
    title: str,
    model: DecisionModel,
    load_before: float,
    how: str,
    rows: Sequence[Sequence[str]],
    write: bool,
    header: Sequence[str] = TABLE_HEADER,
) -> None:
    """Section `name` of a benchmark script (`benchmarks/{name}.py`): who wrote it, on what
    machine, `how` it measured, and its table; written to docs/performance.md if `write`."""
    paragraphs = [
        written_by(f"{name}.py"),
        machine_sentence(model, load_before, load_average()),
        how,
    ]
    if write:
        write_section(name, section(title, paragraphs, rows, header))


# ---- the servers' launch environment ----


def parse_env(text: str) -> dict[str, str]:
    """`NAME=value` lines (blank lines and `#` comments skipped). Values are plain words (no
    quotes, spaces, `$` or backslashes) so the shell and this reader agree on them."""
    env = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = ENV_LINE.fullmatch(stripped)
        if not match:
            raise ValueError(f"line {number}: expected NAME=value, got {stripped!r}")
        env[match[1]] = match[2]
    return env


def extra_env(items: Sequence[str]) -> dict[str, str]:
    """`--server-env NAME=VALUE` options as a mapping."""
    return parse_env("\n".join(items))


def env_note(env: dict[str, str]) -> str:
    """The sentence saying which extra environment the servers ran with (none: empty)."""
    if not env:
        return ""
    return f" Servers ran with `{' '.join(f'{k}={v}' for k, v in env.items())}` (--server-env)."
