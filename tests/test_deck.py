"""The briefing deck opens in python-pptx with the expected slides, pictures, tables and marking."""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide

from briefing import snapshots
from briefing.deck import ASSUMPTION_ROWS, SOURCE_ROWS, build_deck
from briefing.figures import Figure
from briefing.pack import pack_figures, pack_grid
from briefing.takeaways import chart_takeaways
from scoring import DecisionModel, Result, Scenario, default_model, evaluate
from scoring.leader import headline
from scoring.report_text import headline_sentence
from scoring.robustness import AnalysisSettings, SensitivityReport, analyse
from scoring.schemas import ASSUMPTION_GROUPS
from scoring.verdict import verdict, verdict_headline

MARKING = "DRAFT - FOR DISCUSSION"
CREATED = datetime(2026, 11, 23, 19, 45, tzinfo=UTC)
SETTINGS = AnalysisSettings(draws=1_000, seed=7)
NAME = "Ankara <b>holds</b> & waits"


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    return default_model()


@pytest.fixture(scope="module")
def result(model: DecisionModel) -> Result:
    scenario = Scenario.build(
        {"name": NAME, "assumptions": {"interceptor_shelf_life_years": 3}}, model
    )
    return evaluate(scenario, model)


@pytest.fixture(scope="module")
def report(result: Result, model: DecisionModel) -> SensitivityReport:
    return analyse(result.scenario, model, draws=SETTINGS.draws, seed=SETTINGS.seed)


@pytest.fixture(scope="module")
def charts(
    result: Result, report: SensitivityReport, model: DecisionModel
) -> list[tuple[Figure, bytes]]:
    return [(f, snapshots.slide_png(f)) for f in pack_figures(result, report, model)]


def make_deck(
    result: Result,
    report: SensitivityReport,
    charts: list[tuple[Figure, bytes]],
    model: DecisionModel,
    marking: str,
) -> bytes:
    context = snapshots.context_for(result.scenario, model, CREATED, marking, SETTINGS)
    takeaways = chart_takeaways(result, report, pack_grid(result, report, model), model)
    return build_deck(result, report, charts, model, context, takeaways)


@pytest.fixture(scope="module")
def takeaways(result: Result, report: SensitivityReport, model: DecisionModel) -> dict[str, str]:
    return chart_takeaways(result, report, pack_grid(result, report, model), model)


@pytest.fixture(scope="module")
def data(
    result: Result,
    report: SensitivityReport,
    charts: list[tuple[Figure, bytes]],
    model: DecisionModel,
) -> bytes:
    return make_deck(result, report, charts, model, MARKING)


@pytest.fixture(scope="module")
def deck(data: bytes) -> Deck:
    return Presentation(io.BytesIO(data))


def slide_text(slide: Slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def table_rows(slide: Slide) -> list[list[str]]:
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows][1:]


def cited(model: DecisionModel) -> list[str]:
    ids = {evidence_id for a in model.assumptions for evidence_id in a.evidence}
    return [item.id for item in model.evidence if item.id in ids]


def test_the_deck_is_16_9_with_the_expected_slides_in_order(
    deck: Deck,
    charts: list[tuple[Figure, bytes]],
    model: DecisionModel,
    takeaways: dict[str, str],
    result: Result,
    report: SensitivityReport,
) -> None:
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000)
    source_pages = math.ceil(len(cited(model)) / SOURCE_ROWS)
    groups = [
        name
        for group, name in ASSUMPTION_GROUPS.items()
        if any(a.group == group for a in model.assumptions)
    ]
    assert all(
        sum(a.group == group for a in model.assumptions) <= ASSUMPTION_ROWS
        for group in ASSUMPTION_GROUPS
    )
    expected = [
        verdict_headline(verdict(report, model), headline(result)),
        *(takeaways[figure.key] for figure, _ in charts),
        *(f"Assumptions: {name}" for name in groups),
        "Priorities",
        *(f"Sources ({i} of {source_pages})" for i in range(1, source_pages + 1)),
    ]
    assert [slide.shapes.title.text for slide in deck.slides] == expected


def test_each_chart_slide_holds_its_picture_with_alt_text_and_caption(
    deck: Deck, charts: list[tuple[Figure, bytes]]
) -> None:
    slides = list(deck.slides)
    for index, slide in enumerate(slides):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if 1 <= index <= len(charts):
            figure, png = charts[index - 1]
            assert len(pictures) == 1
            assert pictures[0].image.blob == png
            assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == figure.description
            assert figure.title in slide_text(slide)  # what the chart is, said once
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.startswith(f"What it shows: {figure.description}")
            assert "How to read it: " in notes and "Caveat: " in notes
            assert figure.alt not in slide_text(slide)  # the caption does not repeat the alt text
            # Nor the finding (which may be the title itself: the map's takeaway is its finding).
            (caption,) = [s.text_frame.text for s in slide.shapes if s.name == "Caption"]
            assert not figure.finding or figure.finding not in caption
            assert ("1,000 draws, seed 7" in notes) == figure.sampled
        else:
            assert pictures == []


def test_the_marking_is_in_every_footer(deck: Deck) -> None:
    count = len(deck.slides)
    for page, slide in enumerate(deck.slides, start=1):
        footer = {
            shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame
        }
        assert footer["Marking"] == MARKING
        assert footer["Provenance"].endswith(f"2026-11-23 19:45 UTC · {page} of {count}")


def test_without_a_marking_no_slide_has_one(
    result: Result,
    report: SensitivityReport,
    charts: list[tuple[Figure, bytes]],
    model: DecisionModel,
) -> None:
    deck = Presentation(io.BytesIO(make_deck(result, report, charts, model, "")))
    assert all(shape.name != "Marking" for slide in deck.slides for shape in slide.shapes)


def test_the_title_slide_leads_with_the_verdict_in_plain_words(
    deck: Deck, result: Result, report: SensitivityReport, model: DecisionModel
) -> None:
    slide = deck.slides[0]
    text = slide_text(slide)
    call = verdict(report, model)
    # How sure, in the title, as on the Recommendation page: the baseline is a toss-up.
    assert call.label == "toss-up"
    assert slide.shapes.title.text == verdict_headline(call, headline(result))
    assert slide.shapes.title.text.startswith("Toss-up: ")
    leader = result.ranking[0].label
    assert f"{leader} comes first in {call.share:.0%} of {report.draws:,} plausible draws" in text
    assert call.sentence in text  # the robust choice beside the leader
    assert "seed" not in text and headline_sentence(report) not in text  # technical: the notes
    assert len(text.splitlines()) <= 7  # short: the full paragraph is in the notes
    assert slide.notes_slide.notes_text_frame.text == report.summary
    assert f"Scenario: {NAME}" in text  # user text stays literal text
    assert "2026-11-23 19:45 UTC" in text and model.version in text


def test_assumption_slides_list_every_assumption_with_unit_basis_and_change(
    deck: Deck, model: DecisionModel
) -> None:
    slides = [s for s in deck.slides if s.shapes.title.text.startswith("Assumptions")]
    rows = [row for slide in slides for row in table_rows(slide)]
    by_group = [a for group in ASSUMPTION_GROUPS for a in model.assumptions if a.group == group]
    assert [row[0] for row in rows] == [a.label for a in by_group]
    shelf_life = rows[0]
    assert shelf_life == [
        "Interceptor shelf life left",
        "3",
        "years",
        "anchored (G5, A8)",
        "-2 years (baseline 5)",
    ]
    assert all(row[4] == "unchanged" for row in rows[1:])
    years = model.info.constants.horizon_years.value
    for row, assumption in zip(rows, by_group, strict=True):
        assert row[3].startswith(assumption.basis.value)
        if assumption.unit == "probability":  # in per cent, over the horizon
            assert row[1].endswith("%") and row[2] == f"chance within {years:g} years"
        else:
            assert row[2] == assumption.unit


def test_the_priorities_slide_gives_weights_shares_and_changes(
    deck: Deck, result: Result, model: DecisionModel
) -> None:
    (slide,) = [s for s in deck.slides if s.shapes.title.text == "Priorities"]
    rows = table_rows(slide)
    assert [row[0] for row in rows] == [c.priority_label for c in model.criteria]
    for row, criterion, share in zip(rows, model.criteria, result.weights, strict=True):
        assert row[1] == f"{criterion.default_weight:g}"
        assert row[2] == f"{share:.1%}"
        assert row[3] == "unchanged"


def test_the_sources_slides_list_the_cited_evidence_with_links(
    deck: Deck, model: DecisionModel
) -> None:
    slides = [s for s in deck.slides if s.shapes.title.text.startswith("Sources")]
    rows = [row for slide in slides for row in table_rows(slide)]
    assert [row[0] for row in rows] == cited(model)
    for row in rows:
        item = model.evidence_item(row[0])
        assert row[1:] == [item.title, item.status.value, item.date, item.sources[0].url]
    links = [
        run.hyperlink.address
        for slide in slides
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
        for run in row.cells[4].text_frame.paragraphs[0].runs
    ]
    assert links == [row[4] for row in rows]


def test_the_same_inputs_give_the_same_bytes(
    data: bytes,
    result: Result,
    report: SensitivityReport,
    charts: list[tuple[Figure, bytes]],
    model: DecisionModel,
) -> None:
    assert make_deck(result, report, charts, model, MARKING) == data
