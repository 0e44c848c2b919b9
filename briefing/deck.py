"""The briefing deck (python-pptx, 16:9): a short first slide led by the verdict, one slide per
chart titled with its takeaway and with speaker notes, the assumptions one group to a slide,
priorities and sources, with the marking in every slide's footer (once: the pictures carry
none). No Streamlit here.

All text goes in through python-pptx's text API, so user text (the scenario name) stays text.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from briefing import theme
from briefing.figures import Figure
from briefing.sensitivity_frames import information_frame
from briefing.snapshots import SnapshotContext, png_size
from briefing.takeaways import speaker_notes
from scoring import DecisionModel, Result
from scoring.leader import headline
from scoring.report import SensitivityReport
from scoring.schemas import ASSUMPTION_GROUPS
from scoring.units import change_text, number_text, unit_words
from scoring.verdict import draws_sentence, verdict, verdict_headline
from scoring.what_to_find_out import InformationRanking

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13.333 x 7.5 inches, 16:9
MARGIN = Inches(0.5)
CONTENT_TOP, CONTENT_BOTTOM = Inches(1.35), Inches(6.95)
TITLE_ONLY = 5  # layout index in python-pptx's default template
ASSUMPTION_ROWS = 8  # rows per table slide, for legibility
SOURCE_ROWS = 8
INK = RGBColor.from_string(theme.INK.removeprefix("#"))
MUTED = RGBColor(0x5F, 0x66, 0x73)
MARKING_COLOUR = RGBColor.from_string(theme.MARKING_COLOUR.removeprefix("#"))
PRODUCT = "S-400 Decision Desk"


def zip_entry(name: str, created: datetime) -> zipfile.ZipInfo:
    """A ZIP member stamped with `created` (UTC), so the same input gives the same bytes."""
    entry = zipfile.ZipInfo(name, created.astimezone(UTC).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _text(
    slide: Slide,
    box: tuple[Emu, Emu, Emu, Emu],
    lines: Sequence[str],
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    name: str = "Text",
) -> None:
    """A text box with one paragraph per line."""
    shape = slide.shapes.add_textbox(*box)
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_after = Pt(size * 0.5)
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _slide(deck: Deck, title: str) -> Slide:
    """A new slide with its title."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    heading = slide.shapes.title
    heading.left, heading.top = MARGIN, Inches(0.3)
    heading.width, heading.height = WIDTH - 2 * MARGIN, Inches(0.95)
    heading.text = title
    paragraph = heading.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.font.size, paragraph.font.bold = Pt(24), True
    paragraph.font.color.rgb = INK
    return slide


def _footers(deck: Deck, context: SnapshotContext) -> None:
    """Every slide's footer: the marking on the left, provenance and page on the right."""
    top, height = HEIGHT - Inches(0.5), Inches(0.35)
    half = (WIDTH - 2 * MARGIN) // 2
    count = len(deck.slides)
    for page, slide in enumerate(deck.slides, start=1):
        if context.marking:
            box = (MARGIN, top, half, height)
            _text(
                slide, box, [context.marking], 12, bold=True, colour=MARKING_COLOUR, name="Marking"
            )
        _text(
            slide,
            (MARGIN + half, top, half, height),
            [f"{PRODUCT} · {context.stamp} · {page} of {count}"],
            10,
            colour=MUTED,
            align=PP_ALIGN.RIGHT,
            name="Provenance",
        )


def _table(
    slide: Slide,
    header: Sequence[str],
    rows: list[list[str]],
    widths: list[float],
    link_column: int | None = None,
) -> None:
    """A table across the content area; `widths` are shares of its width, and the cells of
    `link_column` are web addresses, set smaller and linked."""
    span = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), MARGIN, CONTENT_TOP, span, Inches(0.4) * (len(rows) + 1)
    )
    table = shape.table
    for column, share in enumerate(widths):
        table.columns[column].width = int(span * share)
    for r, cells in enumerate([list(header), *rows]):
        for c, value in enumerate(cells):
            frame = table.cell(r, c).text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = value
            run.font.size = Pt(12 if r else 13)
            run.font.bold = r == 0
            if r and c == link_column:
                run.font.size = Pt(10)
                run.hyperlink.address = value


def _chunks(rows: list[list[str]], size: int) -> list[list[list[str]]]:
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _numbered(title: str, index: int, count: int) -> str:
    return title if count == 1 else f"{title} ({index} of {count})"


def _title_slide(
    deck: Deck,
    result: Result,
    report: SensitivityReport,
    model: DecisionModel,
    context: SnapshotContext,
) -> None:
    """The verdict as the title (how sure, in one word), then how often the leader comes first
    and the robust choice, in plain words; the full robustness paragraph goes in the notes."""
    call = verdict(report, model)
    top = headline(result)
    slide = _slide(deck, verdict_headline(call, top))
    span = WIDTH - 2 * MARGIN
    box = (MARGIN, CONTENT_TOP, span, Inches(3.2))
    lines = [draws_sentence(call, report.draws, top.leader_label), call.sentence]
    _text(slide, box, lines, 20, name="Verdict")
    slide.notes_slide.notes_text_frame.text = report.summary
    about = [
        f"Scenario: {context.scenario}",
        f"Prepared {context.stamp} with {PRODUCT}, model {context.model_version}.",
    ]
    box = (MARGIN, CONTENT_BOTTOM - Inches(1.2), span, Inches(1.1))
    _text(slide, box, about, 14, colour=MUTED, name="About")


def _chart_slide(
    deck: Deck, figure: Figure, png: bytes, context: SnapshotContext, takeaway: str
) -> None:
    """The chart as large as fits under its takeaway, with what it is (the chart's own title)
    below it (or beside a tall chart), and speaker notes on how to present it."""
    slide = _slide(deck, takeaway)
    slide.notes_slide.notes_text_frame.text = speaker_notes(figure, context.sampling)
    caption = [figure.title, f"Scenario: {context.scenario}"]
    pixels_wide, pixels_high = png_size(png)
    span, room = WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP
    below = Inches(0.9)
    if pixels_wide * (room - below) >= pixels_high * span / 2:  # wide enough: caption below
        height = min(room - below, int(span * pixels_high / pixels_wide))
        width = int(height * pixels_wide / pixels_high)
        left = MARGIN + (span - width) // 2
        box = (MARGIN, CONTENT_TOP + height + Inches(0.1), span, below)
    else:  # tall: picture on the left at full height, caption beside it
        height = room
        width = int(height * pixels_wide / pixels_high)
        left = MARGIN
        box = (MARGIN + width + Inches(0.3), CONTENT_TOP, span - width - Inches(0.3), room)
    picture = slide.shapes.add_picture(io.BytesIO(png), left, CONTENT_TOP, width, height)
    picture.name = figure.key
    picture._element.nvPicPr.cNvPr.set("descr", figure.description)  # for screen readers
    _text(slide, box, caption, 14, colour=MUTED, name="Caption")


def _information_slide(deck: Deck, ranking: InformationRanking) -> None:
    """What is most worth finding out before deciding, titled with the answer."""
    frame = information_frame(ranking)
    slide = _slide(deck, f"Worth finding out first: {ranking.items[0].label}")
    rows = [
        [
            row["What to find out"],
            row["Kind"],
            f"{row['Worth (points)']:.2f}",
            "-" if math.isnan(row["Worth (US$ bn)"]) else f"{row['Worth (US$ bn)']:.2f}",
        ]
        for row in frame.to_dict("records")
    ]
    header = ["What to find out", "Kind", "Worth (points)", "Worth (US$ bn)"]
    _table(slide, header, rows, [0.5, 0.2, 0.15, 0.15])
    slide.notes_slide.notes_text_frame.text = (
        "Expected value of perfect information: what resolving an assumption, or a group of them "
        "settled by one party, would add on average to the score of the option chosen, the "
        f"priorities held as set ({ranking.draws:,} draws, seed {ranking.seed})."
    )


def _change(moved: str, baseline: str, unchanged: bool) -> str:
    """How far a setting moved from its default ("+25 percentage points (baseline 35%)")."""
    return "unchanged" if unchanged else f"{moved} (baseline {baseline})"


def _assumption_slides(deck: Deck, result: Result, model: DecisionModel) -> None:
    """One group of assumptions to a slide (a long group over several)."""
    values = result.scenario.assumptions
    horizon = model.info.constants.horizon_years.value
    for group, name in ASSUMPTION_GROUPS.items():
        rows = [
            [
                a.label,
                number_text(values[a.id], a.unit),
                unit_words(a.unit, horizon),
                f"{a.basis.value} ({', '.join(a.evidence)})" if a.evidence else a.basis.value,
                _change(
                    change_text(round(values[a.id] - a.default, 9), a.unit),
                    number_text(a.default, a.unit),
                    math.isclose(values[a.id], a.default),
                ),
            ]
            for a in model.assumptions
            if a.group == group
        ]
        pages = _chunks(rows, ASSUMPTION_ROWS)
        for index, page in enumerate(pages, start=1):
            slide = _slide(deck, _numbered(f"Assumptions: {name}", index, len(pages)))
            header = ["Assumption", "Value", "Unit", "Basis (evidence)", "Change from baseline"]
            _table(slide, header, page, [0.32, 0.1, 0.18, 0.2, 0.2])


def _priority_slide(deck: Deck, result: Result, model: DecisionModel) -> None:
    raw = result.scenario.weights
    rows = [
        [
            c.priority_label,
            f"{raw[c.id]:g}",
            f"{share:.1%}",
            _change(
                f"{raw[c.id] - c.default_weight:+g}",
                f"{c.default_weight:g}",
                math.isclose(raw[c.id], c.default_weight),
            ),
        ]
        for c, share in zip(model.criteria, result.weights, strict=True)
    ]
    slide = _slide(deck, "Priorities")
    _table(
        slide,
        ["Priority", "Weight", "Share of total", "Change from baseline"],
        rows,
        [0.4, 0.15, 0.2, 0.25],
    )


def _source_slides(deck: Deck, model: DecisionModel) -> None:
    cited = {evidence_id for a in model.assumptions for evidence_id in a.evidence}
    rows = [
        [item.id, item.title, item.status.value, item.date, item.sources[0].url]
        for item in model.evidence
        if item.id in cited
    ]
    pages = _chunks(rows, SOURCE_ROWS)
    for index, page in enumerate(pages, start=1):
        slide = _slide(deck, _numbered("Sources", index, len(pages)))
        _table(
            slide,
            ["Id", "Title", "Status", "Date", "First source"],
            page,
            [0.06, 0.36, 0.1, 0.1, 0.38],
            link_column=4,
        )


def _stamped(data: bytes, created: datetime) -> bytes:
    """The same ZIP with every member dated `created` (python-pptx stamps the clock time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            target.writestr(zip_entry(member.filename, created), source.read(member))
    return out.getvalue()


def build_deck(
    result: Result,
    report: SensitivityReport,
    charts: Sequence[tuple[Figure, bytes]],
    model: DecisionModel,
    context: SnapshotContext,
    takeaways: Mapping[str, str],
    information: InformationRanking | None = None,
) -> bytes:
    """The deck as .pptx bytes: the same inputs and `context.created` give the same bytes.
    `charts` are pictures without title or marking (`snapshots.slide_png`); `takeaways` give
    each chart slide's title, by figure key."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    properties = deck.core_properties
    properties.title = f"{PRODUCT} briefing: {context.scenario}"
    properties.author = properties.last_modified_by = PRODUCT
    properties.created = properties.modified = context.created.astimezone(UTC)
    properties.revision = 1
    _title_slide(deck, result, report, model, context)
    for figure, png in charts:
        _chart_slide(deck, figure, png, context, takeaways[figure.key])
    if information is not None:
        _information_slide(deck, information)
    _assumption_slides(deck, result, model)
    _priority_slide(deck, result, model)
    _source_slides(deck, model)
    _footers(deck, context)
    out = io.BytesIO()
    deck.save(out)
    return _stamped(out.getvalue(), context.created)
