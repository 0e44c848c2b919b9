"""The briefing pack: one ZIP with every chart (PNG and SVG), the results as CSV, the scenario as
JSON (importable again), the deck and a README. No Streamlit here; the CLI `python -m briefing`
and the dashboard's download button both call `build_pack`.

The same scenario, model, settings, time and marking give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pandas as pd

from briefing import figures
from briefing.deck import build_deck, zip_entry
from briefing.figures import Figure
from briefing.room import RoomResults, room_files
from briefing.sensitivity_frames import information_frame
from briefing.snapshots import SnapshotContext, context_for, slide_png, snapshot_svg, svg_to_png
from briefing.takeaways import chart_takeaways
from briefing.when_frames import scores_by_year_table, strategy_trees, waiting_frame
from scoring import DecisionModel, Result, Scenario, evaluate
from scoring.leader import Headline, headline, ordinal
from scoring.map_axes import nearest_axes
from scoring.report import SensitivityReport
from scoring.result import Table
from scoring.robustness import AnalysisSettings
from scoring.sensitivity import DecisionMap, decision_map
from scoring.timeline import timeline
from scoring.verdict import Verdict, verdict, verdict_headline
from scoring.what_to_find_out import find_out_first

STORED = (".png", ".pptx")  # already compressed
CSV_DECIMALS = 6


def pack_grid(result: Result, report: SensitivityReport, model: DecisionModel) -> DecisionMap:
    """The decision map the pack draws: over the two inputs nearest to changing the leader."""
    return decision_map(result.scenario, model, *nearest_axes(report, model))


def pack_figures(
    result: Result, report: SensitivityReport, model: DecisionModel, grid: DecisionMap | None = None
) -> tuple[Figure, ...]:
    """The charts, in the order of the dashboard's story, as the pages draw them (the strategy
    trees all in one chart)."""
    grid = grid if grid is not None else pack_grid(result, report, model)
    return (
        figures.recommendation(result, model),
        figures.value_heatmap(result, model),
        figures.tradeoff(result, model, figures.DEFAULT_PAIR),
        figures.score_by_year(timeline(result.scenario, model)),
        *(
            (figures.strategy_trees(strategy_trees(result.scenario, model), model),)
            if model.strategies
            else ()
        ),
        figures.acceptability(report, model),
        figures.tornado(report, model),
        figures.decision_map(grid, model),
    )


def _per_criterion(result: Result, model: DecisionModel, table: Table, column: str) -> pd.DataFrame:
    """One of the result's options x criteria tables as one row per option and criterion."""
    data = getattr(result, table)
    return pd.DataFrame(
        [
            {
                "option_id": option.id,
                "option": option.label,
                "criterion_id": criterion.id,
                "criterion": criterion.label,
                column: float(data[m, n]),
            }
            for m, option in enumerate(model.options)
            for n, criterion in enumerate(model.criteria)
        ]
    )


def result_tables(
    result: Result, report: SensitivityReport, model: DecisionModel
) -> dict[str, pd.DataFrame]:
    """The CSV files of the pack, by file name."""
    ranking = pd.DataFrame(
        [
            {"rank": e.rank, "option_id": e.option_id, "option": e.label, "score": e.score}
            for e in result.ranking
        ]
    )
    performance = _per_criterion(result, model, "performance", "performance")
    performance["unit"] = [model.criterion(c).unit for c in performance["criterion_id"]]
    ranks = len(model.options)
    acceptability = pd.DataFrame(
        [
            {
                "option_id": option.id,
                "option": option.label,
                "rank": ordinal(k + 1),
                "share": float(report.rank_acceptability[m, k]),
                "sampling_error": float(report.acceptability_error[m, k]),
                "draws": report.draws,
                "seed": report.seed,
            }
            for m, option in enumerate(model.options)
            for k in range(ranks)
        ]
    )
    line = timeline(result.scenario, model)
    return {
        "ranking.csv": ranking,
        "contributions.csv": _per_criterion(result, model, "contributions", "contribution"),
        "values.csv": _per_criterion(result, model, "values", "value"),
        "performance.csv": performance,
        "rank_acceptability.csv": acceptability,
        "scores_by_year.csv": scores_by_year_table(line),
        "cost_of_waiting.csv": waiting_frame(line),
    }


def _readme(
    context: SnapshotContext,
    charts: tuple[Figure, ...],
    tables: list[str],
    top: Headline,
    call: Verdict,
    room: bool = False,
) -> str:
    """README.txt: what the pack holds and where it comes from."""
    changes = [f"  - {line}" for line in context.changes] or [
        "  None: every assumption and priority at the analysts' baseline."
    ]
    lines = [
        *([context.marking, ""] if context.marking else []),
        "S-400 Decision Desk briefing pack",
        "",
        f"Scenario:  {context.scenario}",
        f"Made:      {context.stamp}",
        f"Model:     {context.model_version}",
        f"Sampling:  {context.sampling} (rank acceptability chart and CSV)",
        f"Result:    {top.statement}.",
        f"Verdict:   {verdict_headline(call, top)}.",
        "",
        "Changed from the analysts' baseline:",
        *changes,
        "",
        "Contents",
        "  briefing.pptx   the deck: recommendation and robustness, one slide per chart,",
        "                  assumptions, priorities and sources",
        "  scenario.json   the scenario; load it again with Scenario.from_json, or make this",
        "                  pack again: python -m briefing scenario.json --out pack.zip",
        *(f"  charts/{figure.key}.png and .svg   {figure.title}" for figure in charts),
        *(f"  results/{name}" for name in tables),
        *(
            [
                "  room/           the meeting room: its charts, tables, anonymised responses and",
                "                  findings.txt",
            ]
            if room
            else []
        ),
        "",
        "Charts carry the scenario, the changes, the time, the model version and, where they",
        "come from sampling, the seed and draw count. PNG files are at twice the SVG size.",
        *(["", context.marking] if context.marking else []),
    ]
    return "\n".join(lines) + "\n"


def build_pack(
    scenario: Scenario,
    model: DecisionModel,
    settings: AnalysisSettings,
    created: datetime,
    marking: str,
    room: RoomResults | None = None,
) -> bytes:
    """The briefing pack as ZIP bytes (`created` must be timezone-aware); with the meeting
    room's results in room/ when a room was used."""
    context = context_for(scenario, model, created, marking, settings)
    result = evaluate(scenario, model)
    report = settings.run(scenario, model)
    grid = pack_grid(result, report, model)
    charts = pack_figures(result, report, model, grid)
    files: dict[str, bytes] = {}
    for figure in charts:
        svg = snapshot_svg(figure, context)
        files[f"charts/{figure.key}.svg"] = svg.encode("utf-8")
        files[f"charts/{figure.key}.png"] = svg_to_png(svg)
    pictures = [(figure, slide_png(figure)) for figure in charts]  # the slide says the rest
    information = find_out_first(
        scenario, model, draws=settings.draws, seed=settings.seed, spread=settings.spread
    )
    tables = {
        **result_tables(result, report, model),
        "find_out_first.csv": information_frame(information),
    }
    for name, frame in tables.items():
        rounded = frame.round(CSV_DECIMALS)  # 0.3, not 0.30000000000000004
        files[f"results/{name}"] = rounded.to_csv(index=False).encode("utf-8")
    files["scenario.json"] = scenario.model_dump_json(indent=2).encode("utf-8")
    takeaways = chart_takeaways(result, report, grid, model)
    files["briefing.pptx"] = build_deck(
        result, report, pictures, model, context, takeaways, information
    )
    if room is not None:
        files.update(room_files(room, model, context))
    call = verdict(report, model)
    readme = _readme(context, charts, list(tables), headline(result), call, room is not None)
    files["README.txt"] = readme.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as pack:
        for name, data in files.items():
            entry = zip_entry(name, created)
            if name.endswith(STORED):
                entry.compress_type = zipfile.ZIP_STORED
            pack.writestr(entry, data)
    return out.getvalue()
