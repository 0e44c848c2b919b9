"""Benchmark the robustness bundle: `analyse` (20,000 draws, tornado, thresholds, profiles) plus
one 41 x 41 decision map, strategies included; and the timeline (scores by decision year).

Run: .venv/bin/python benchmarks/robustness_speed.py [--draws 20000] [--repeats 21] [--no-write]
Targets (sensitivity issue, time-and-sequence issue): the full bundle in at most 150 ms median;
the timeline in at most 50 ms median.
Writes its section of docs/performance.md (`robustness_speed`) unless --no-write.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import (
    cold,
    load_average,
    machine_lines,
    publish,
    report,
    timings,
)
from scoring import DecisionModel, Scenario, default_model
from scoring.robustness import AnalysisSettings, analyse
from scoring.sensitivity import (
    DEFAULT_MAP_AXES,
    assumption_thresholds,
    decision_map,
    scenario_weight_thresholds,
    tornado,
)
from scoring.stakeholders import stakeholder_table
from scoring.timeline import YEARS, timeline
from scoring.verdict import verdict_basis


def parts(scenario: Scenario, model: DecisionModel, draws: int) -> dict[str, Callable[[], object]]:
    """The bundle's parts, timed one by one for information; and the verdict's basis, what the
    Recommendation page computes after each slider press."""
    settings = AnalysisSettings(draws=draws)
    return {
        "tornado (2A + 1 evaluations)": lambda: tornado(scenario, model),
        "assumption thresholds": lambda: assumption_thresholds(scenario, model),
        "weight thresholds (closed form)": lambda: scenario_weight_thresholds(scenario, model),
        "stakeholder table": lambda: stakeholder_table(scenario, model),
        "decision map 41 x 41": lambda: decision_map(scenario, model, *DEFAULT_MAP_AXES),
        f"analyse, {draws:,} draws": cold(lambda: analyse(scenario, model, draws=draws)),
        f"verdict basis, {draws:,} draws, a priority moved (draws reused)": lambda: verdict_basis(
            scenario, model, settings
        ),
        f"verdict basis, {draws:,} draws, an assumption moved": cold(
            lambda: verdict_basis(scenario, model, settings)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=AnalysisSettings.draws)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--no-write", action="store_true", help="print only (trial runs)")
    args = parser.parse_args()

    load_before = load_average()
    model = default_model()
    scenario = Scenario.build({}, model)

    def bundle() -> None:
        analyse(scenario, model, draws=args.draws)
        decision_map(scenario, model, *DEFAULT_MAP_AXES, resolution=41)

    print(machine_lines(model))
    rows = [
        report(f"  {name}", timings(action, repeats=args.repeats), 1e-3, "ms")
        for name, action in parts(scenario, model, args.draws).items()
    ]
    full = timings(cold(bundle), repeats=args.repeats)
    rows.append(
        report(
            f"full bundle (analyse at {args.draws:,} draws + 41 x 41 map)",
            full,
            1e-3,
            "ms",
            150.0,
            at_most=True,
        )
    )
    rows.append(
        report(
            f"timeline ({len(YEARS)} decision years)",
            timings(lambda: timeline(scenario, model), repeats=args.repeats),
            1e-3,
            "ms",
            50.0,
            at_most=True,
        )
    )
    publish(
        "robustness_speed",
        "Robustness bundle",
        model,
        load_before,
        f"Wall-clock time of {args.repeats} calls each (after 3 untimed) on the default "
        f"scenario, {len(model.strategies)} strategies ranked beside {len(model.direct_options)} "
        "options; the parts are shown for information, the targets are on the bundle and the "
        "timeline. The verdict's basis (the draws around the scenario, the point margin and the "
        "stakeholder table) is what the Recommendation page computes after every slider press. "
        "Every call of `analyse` draws the assumptions afresh (as after an assumption move; a "
        "priority moved alone reuses them).",
        rows,
        not args.no_write,
    )


if __name__ == "__main__":
    main()
