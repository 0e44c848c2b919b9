"""Command line: `python -m scoring evaluate|sensitivity|timeline|describe|validate` and the
uncertainty commands `find-out-first|what-it-takes|discover|verdict` (JSON).

Bad input ends with exit status 2 and one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from scoring.describe import describe_model, describe_model_text
from scoring.discovery import describe, discover
from scoring.engine import evaluate
from scoring.inverse import distance, what_it_takes_all, what_it_takes_sentence
from scoring.loader import DATA_DIR, DataError, DecisionModel, load_model
from scoring.report import SensitivityReport
from scoring.result import Result
from scoring.robustness import MAX_DRAWS, MIN_DRAWS, AnalysisSettings
from scoring.scenario import MAX_SCENARIO_BYTES, Scenario, ScenarioError
from scoring.timeline import timeline
from scoring.verdict import verdict
from scoring.what_to_find_out import find_out_first

USAGE_ERROR = 2


class InputError(Exception):
    """Input the user can fix; printed as one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError(message)


def summary(doc: str | None) -> str:
    """A module docstring's first paragraph on one line, for --help (argparse wraps it)."""
    return " ".join((doc or "").split("\n\n")[0].split())


def read_scenario(source: str | None, preset: str | None, model: DecisionModel) -> Scenario:
    if source and preset:
        raise InputError("give a scenario file or --preset, not both")
    if preset:
        if preset not in {p.id for p in model.presets}:
            known = ", ".join(p.id for p in model.presets)
            raise InputError(f"unknown preset '{preset}'; known presets: {known}")
        return Scenario.from_preset(preset, model)
    if not source:
        return Scenario.build({}, model)
    try:
        # Read one byte past the limit: enough for Scenario.from_json to refuse, never more.
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_SCENARIO_BYTES + 1)
        else:
            with Path(source).open("rb") as handle:
                raw = handle.read(MAX_SCENARIO_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error
    try:
        scenario = Scenario.from_json(raw, model)
    except ScenarioError as error:
        raise InputError(f"{'stdin' if source == '-' else source}: {error}") from error
    for notice in scenario.upgrade_notices:
        print(f"note: {notice}", file=sys.stderr)
    return scenario


def format_table(result: Result, model: DecisionModel) -> str:
    """A plain-text ranking with each option's two largest contributions."""
    labels = {c.id: c.label for c in model.criteria}
    lines = [
        f"Scenario: {result.scenario.name}",
        f"Model:    {result.model_version}",
        "",
        f"{'Rank':<5}{'Option':<36}{'Score':>7}  Largest contributions (points)",
    ]
    for entry in result.ranking:
        m = result.option_ids.index(entry.option_id)
        top = result.contributions[m].argsort()[::-1][:2]
        drivers = ", ".join(
            f"{labels[result.criterion_ids[n]]} {result.contributions[m, n]:.1f}" for n in top
        )
        lines.append(f"{entry.rank:<5}{entry.label:<36}{entry.score:>7.1f}  {drivers}")
    lines += ["", "Weights (normalised):"]
    lines += [
        f"  {labels[c]:<36}{w:>6.1%}"
        for c, w in zip(result.criterion_ids, result.weights, strict=True)
    ]
    return "\n".join(lines)


def format_sensitivity(report: SensitivityReport, model: DecisionModel) -> str:
    """The robustness summary and, per option, first-rank share, confidence and regret."""
    lines = [
        f"Scenario: {report.scenario.name}",
        f"Model:    {report.model_version}",
        f"Draws:    {report.draws:,} (seed {report.seed})",
        "",
        f"{'Option':<36}{'First':>7}{'Confidence':>12}{'Worst rank':>12}{'Max regret':>12}",
    ]
    table = report.stakeholders
    for m, option in enumerate(model.options):
        confidence = report.confidence[m]
        shown = "-" if math.isnan(confidence) else f"{confidence:.0%}"  # NaN: never first
        lines.append(
            f"{option.label:<36}{report.rank_acceptability[m, 0]:>7.1%}{shown:>12}"
            f"{table.worst_rank[m]:>12}{table.max_regret[m]:>12.1f}"
        )
    return "\n".join([*lines, "", textwrap.fill(report.summary, width=100)])


def bounded(
    kind: Callable[[str], float], low: float, high: float, what: str
) -> Callable[[str], float]:
    """An argparse type: a number of `kind` from `low` to `high`, else a one-line error."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {what}; got {text!r}")
        return value

    return parse


def add_draw_options(parser: argparse.ArgumentParser) -> None:
    """--draws and --seed, as every command that samples plausible draws reads them."""
    parser.add_argument(
        "--draws",
        type=bounded(int, MIN_DRAWS, MAX_DRAWS, f"a whole number from {MIN_DRAWS} to {MAX_DRAWS}"),
        default=AnalysisSettings.draws,
        help=f"how many plausible draws to sample (default {AnalysisSettings.draws:,})",
    )
    parser.add_argument(
        "--seed",
        type=bounded(int, 0, float("inf"), "a whole number of 0 or more"),
        default=AnalysisSettings.seed,
        help="the random seed: the same seed gives the same draws "
        f"(default {AnalysisSettings.seed})",
    )


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m scoring", description=summary(__doc__))
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder of model data files")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    run = commands.add_parser("evaluate", help="rank the options for a scenario")
    run.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
    run.add_argument("--preset", help="evaluate a named preset instead of a file")
    run.add_argument(
        "--format",
        choices=("json", "table"),
        default="json",
        help="json for programs (default), table for people",
    )
    sensitivity = commands.add_parser(
        "sensitivity", help="how robust the ranking is: draws, thresholds, stakeholder profiles"
    )
    sensitivity.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
    sensitivity.add_argument("--preset", help="analyse a named preset instead of a file")
    add_draw_options(sensitivity)
    sensitivity.add_argument(
        "--spread",
        type=bounded(float, 0.0, 1.0, "a number from 0 (fixed) to 1 (full ranges)"),
        default=AnalysisSettings.spread,
        help="share of each assumption's range to draw from, around its current value",
    )
    sensitivity.add_argument(
        "--weights",
        choices=("band", "simplex"),
        default=AnalysisSettings.weight_mode,
        help="how priorities are drawn: band, around the scenario's (default); simplex, "
        "any priorities at all",
    )
    sensitivity.add_argument(
        "--band",
        type=bounded(float, 0.0, 0.99, "a number from 0 to 0.99"),
        default=AnalysisSettings.band,
        help="with --weights band: each weight varies by up to this share",
    )
    sensitivity.add_argument(
        "--stated-scores",
        dest="judgement_uncertainty",
        action="store_false",
        help="hold judgement scores at their stated values instead of drawing them in range",
    )
    sensitivity.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json for programs (default), text for people",
    )
    when = commands.add_parser(
        "timeline", help="scores by decision year, now to four years on, and each year's leader"
    )
    when.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
    when.add_argument("--preset", help="use a named preset instead of a file")
    _uncertainty_parsers(commands)
    info = commands.add_parser("describe", help="list options, criteria and assumptions")
    info.add_argument(
        "--format",
        choices=("json", "table"),
        default="table",
        help="table for people (default), json for programs",
    )
    commands.add_parser("validate", help="check the data files and report what they hold")
    return parser


UNCERTAINTY_COMMANDS = {
    "find-out-first": "value of information on each assumption and group (points, US$ bn)",
    "what-it-takes": "the smallest change that puts each option (or --option) first",
    "discover": "where each contender wins across the draws, as rules",
    "verdict": "clear / leaning / toss-up, and the leader beside the robust choice",
}


def _uncertainty_parsers(commands: argparse._SubParsersAction) -> None:
    """The uncertainty commands: a scenario or preset, and draws and seed where they sample."""
    for name, help_text in UNCERTAINTY_COMMANDS.items():
        command = commands.add_parser(name, help=help_text)
        command.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
        command.add_argument("--preset", help="use a named preset instead of a file")
        if name == "what-it-takes":
            command.add_argument("--option", help="one option id (default: every option)")
            continue
        add_draw_options(command)


def _uncertainty(args: argparse.Namespace, model: DecisionModel) -> dict[str, Any]:
    """The JSON answer of one uncertainty command."""
    scenario = read_scenario(args.scenario, args.preset, model)
    if args.command == "what-it-takes":
        if args.option is not None and args.option not in model.option_ids:
            known = ", ".join(model.option_ids)
            raise InputError(f"unknown option '{args.option}'; known options: {known}")
        options = [args.option] if args.option else list(model.option_ids)
        answers = []
        for option_id, changed in what_it_takes_all(scenario, model, options).items():
            answers.append(
                {
                    "option": option_id,
                    "found": changed is not None,
                    "distance": None if changed is None else distance(scenario, changed, model),
                    "scenario": None if changed is None else changed.model_dump(),
                    "sentence": what_it_takes_sentence(scenario, changed, model, option_id),
                }
            )
        return {"scenario": scenario.name, "what_it_takes": answers}
    if args.command == "find-out-first":
        ranking = find_out_first(scenario, model, draws=args.draws, seed=args.seed)
        return {"scenario": scenario.name, **ranking.to_dict()}
    if args.command == "discover":
        contenders = discover(scenario, model, draws=args.draws, seed=args.seed)
        return {
            "scenario": scenario.name,
            "draws": args.draws,
            "seed": args.seed,
            "contenders": [c.to_dict() | {"sentence": describe(c)} for c in contenders],
        }
    report = AnalysisSettings(draws=args.draws, seed=args.seed).run(scenario, model)
    return {
        "scenario": scenario.name,
        "draws": args.draws,
        "seed": args.seed,
        **verdict(report, model).to_dict(),
    }


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        model = load_model(args.data)
        if args.command == "evaluate":
            result = evaluate(read_scenario(args.scenario, args.preset, model), model)
            if args.format == "table":
                print(format_table(result, model))
            else:
                print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        elif args.command == "sensitivity":
            scenario = read_scenario(args.scenario, args.preset, model)
            settings = AnalysisSettings(
                args.draws,
                args.seed,
                args.spread,
                args.weights,
                args.band,
                args.judgement_uncertainty,
            )
            report = settings.run(scenario, model)
            if args.format == "text":
                print(format_sensitivity(report, model))
            else:
                print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        elif args.command == "timeline":
            answer = timeline(read_scenario(args.scenario, args.preset, model), model).to_dict()
            print(json.dumps(answer, indent=2, ensure_ascii=False))
        elif args.command in UNCERTAINTY_COMMANDS:
            print(json.dumps(_uncertainty(args, model), indent=2, ensure_ascii=False))
        elif args.command == "describe":
            if args.format == "json":
                print(json.dumps(describe_model(model), indent=2, ensure_ascii=False))
            else:
                print(describe_model_text(model))
        else:
            print(
                f"ok: {len(model.options)} options, {len(model.criteria)} criteria, "
                f"{len(model.assumptions)} assumptions, {len(model.evidence)} evidence entries, "
                f"{len(model.presets)} presets, {len(model.profiles)} stakeholder profiles; "
                f"model {model.version}"
            )
    except (InputError, DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0
