"""Benchmark the robustness bundle: `analyse` (20,000 draws, tornado, thresholds, profiles) plus
one 41 x 41 decision map.

Run: .venv/bin/python benchmarks/sensitivity.py [--draws 20000] [--repeats 21]
Target (sensitivity issue): the full bundle in at most 150 ms median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import machine_lines, report, timings
from scoring import Scenario, default_model
from scoring.robustness import AnalysisSettings, analyse
from scoring.sensitivity import (
    DEFAULT_MAP_AXES,
    assumption_thresholds,
    decision_map,
    scenario_weight_thresholds,
    tornado,
)
from scoring.stakeholders import stakeholder_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=AnalysisSettings.draws)
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()

    model = default_model()
    scenario = Scenario.build({}, model)

    def bundle() -> None:
        analyse(scenario, model, draws=args.draws)
        decision_map(scenario, model, *DEFAULT_MAP_AXES, resolution=41)

    print(machine_lines(model))
    parts = {
        "tornado (2A + 1 evaluations)": lambda: tornado(scenario, model),
        "assumption thresholds": lambda: assumption_thresholds(scenario, model),
        "weight thresholds (closed form)": lambda: scenario_weight_thresholds(scenario, model),
        "stakeholder table": lambda: stakeholder_table(scenario, model),
        "decision map 41 x 41": lambda: decision_map(scenario, model, *DEFAULT_MAP_AXES),
        f"analyse, {args.draws:,} draws": lambda: analyse(scenario, model, draws=args.draws),
    }
    for name, action in parts.items():
        median = statistics.median(timings(action, repeats=args.repeats)) * 1e3
        print(f"  {name:<32} median {median:8.3f} ms")
    report("full bundle (analyse + map)", timings(bundle, repeats=args.repeats), 1e-3, "ms", 150.0)


if __name__ == "__main__":
    main()
