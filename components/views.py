"""Shared page pieces: the current evaluation, the baseline, and chart display."""

from __future__ import annotations

from functools import cache

import streamlit as st

from briefing.figures import Figure
from briefing.marking import marking
from briefing.theme import PRESENTATION_SCALE
from components.export_buttons import snapshot_buttons
from components.state import current_scenario, differences, presenting, ranked_model
from components.text import escape_markdown, literal
from scoring import DecisionModel, Result, Scenario, evaluate
from scoring.leader import headline


@cache
def baseline_result(model: DecisionModel) -> Result:
    """The analysts' baseline's evaluation (model data only, shared by every session)."""
    return evaluate(Scenario.build({}, model), model)


def current_result() -> tuple[DecisionModel, Result]:
    """The model on screen (`ranked_model`: strategies shown or hidden) and its evaluation of
    the scenario on screen."""
    model = ranked_model()
    return model, evaluate(current_scenario(model), model)


def scenario_caption(result: Result) -> None:
    """Which scenario and model a page shows (the name is user text: shown literally)."""
    st.caption(f"Scenario: {literal(result.scenario.name)} · model {result.model_version}")


FINDING_LIMIT = 600  # characters: a chart's finding is the app's own sentence or two


def show_figure(
    figure: Figure, scenario: Scenario | None = None, with_finding: bool = True
) -> None:
    """Draw a catalogue figure under its fixed key; with a scenario, offer its snapshots.
    `with_finding=False` where the page's own text next to the chart already states what the
    numbers show (its finding).

    The title is page text, which wraps at any width: inside the chart, Streamlit cuts it to the
    width the chart first had, so it stayed cut after the sidebar closed. Exports keep it inside.
    The chart carries the alt text that never changes with a score, so a slider move only swaps
    its rows; what the numbers show (the finding) is written under it, for everyone.
    """
    st.markdown(f"**{escape_markdown(figure.title)}**")
    spec = {key: value for key, value in figure.spec.items() if key != "title"}
    st.vega_lite_chart(spec, key=figure.key, alt=figure.alt, theme=None, width="stretch")
    if with_finding and figure.finding:
        st.caption(escape_markdown(figure.finding, limit=FINDING_LIMIT))
    if scenario is not None and not presenting():
        snapshot_buttons(figure, scenario, ranked_model())


def chart_scale() -> float:
    """Chart text size: larger, with high contrast, in presentation mode."""
    return PRESENTATION_SCALE if presenting() else 1.0


# Sticky on the strip's wrapper: the strip alone fills its wrapper, so it could not move.
RESULT_STRIP_STYLE = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-result_strip) { position: sticky; top: 3.75rem;
  z-index: 5; background: #ffffff; border-bottom: 1px solid #d0d0d0; padding: 0.25rem 0; }
</style>"""
# In presentation mode the strip scrolls with the page (the sliders are not on it), its figures
# a size below the presentation type's metrics, so the three stay on one row at 1280 pixels.
PRESENTED_STRIP_STYLE = """<style>
[data-testid="stMain"] .st-key-result_strip [data-testid="stMetricValue"] p { font-size: 2.5rem; }
</style>"""


def baseline_delta(change: float) -> str | None:
    """A metric's change from the analysts' baseline (points), or None (no arrow) for a change
    that rounds to nothing."""
    return f"{change:+.1f} vs baseline" if round(change, 1) else None


def result_strip(model: DecisionModel, result: Result) -> None:
    """Leader, margin and the leader's change from the baseline in one row, kept in view while
    scrolling at the desk (sliders below it rerun the page, so it always shows their effect).
    In presentation mode the sliders are not on the page, and a pinned strip in large type would
    cover much of the screen, so it scrolls away with the page."""
    top = headline(result)
    baseline = baseline_result(model)
    change = top.score - baseline.scores[baseline.option_ids.index(top.leader)]
    st.html(PRESENTED_STRIP_STYLE if presenting() else RESULT_STRIP_STYLE)
    with st.container(key="result_strip", horizontal=True, gap="large"):
        st.metric(
            "Tied at the top" if top.tied else "Leading option",
            model.option(top.leader).short_label,
            help=top.leader_label,
        )
        st.metric("Its score (0-100 points)", f"{top.score:.1f}", delta=baseline_delta(change))
        st.metric("Margin over the runner-up", f"{top.margin:.1f} points")


def changed_inputs(model: DecisionModel) -> None:
    """What the user changed, one line per setting: baseline -> now, with units."""
    changed = differences(model)
    if changed.empty:
        st.caption("Nothing: every assumption and priority is at its baseline value.")
        return
    st.markdown(
        "\n".join(
            f"- {escape_markdown(row.Setting)}: {escape_markdown(row.Baseline)} → "
            f"**{escape_markdown(row.Now)}**"
            for row in changed.itertuples()
        )
    )


# Always on. Streamlit draws captions at 60% opacity (3.9:1 on white, links 3:1) and a button's
# shortcut badge at 60% opacity (3.4:1 on the primary colour): both below WCAG AA's 4.5:1.
# Each slider's range ends (Streamlit's own, written with the slider's unit) stay in view
# under the track: Streamlit shows them only while the pointer is over the slider.
# Keyboard focus must show (WCAG 2.4.7): a chart's toolbar stayed transparent while one of its
# buttons had focus; a focused page link was only tinted faintly, the main menu ringed in 20%
# grey; toolbar and code-copy buttons, the sidebar's open and close buttons and the scrolling
# main area (a Tab stop, the skip link's target) were not marked at all; the tab list cut off a
# focused tab's ring. Each now gets a solid ring in the theme's primary colour, drawn inside.
# In the reference tables the reasoning column takes the room; a date or value never breaks.
# A metric's value wraps instead of ending in "…": a strategy's name ("Resale, else dismantle")
# is wider than a third of the page at 1280 pixels.
FOCUS_RING = "outline: 2px solid #0b5cad; outline-offset: -2px;"
READABLE_STYLE = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: #4d4d4d; }}
[data-testid="stMetricValue"] .stMarkdownEllipsis,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{
  white-space: normal; line-height: 1.2; }}
button kbd[aria-label] {{ opacity: 1; }}
[data-testid="stSliderTickBar"] {{ opacity: 1; transition: none; color: #4d4d4d; }}
[data-testid="stElementToolbar"]:focus-within {{ opacity: 1; }}
[data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stTab"]:focus-visible,
[data-testid="stBaseButton-elementToolbar"]:focus-visible,
[data-testid="stMainMenuButton"]:focus-visible, [data-testid="stMain"]:focus-visible,
[data-testid="stExpandSidebarButton"]:focus-visible,
[data-testid="stSidebarCollapseButton"] button:focus-visible {{ {FOCUS_RING} }}
.st-key-evidence_table th:nth-child(5),
:is(.st-key-method_constants, [class*="st-key-method_details_"]) th:last-child {{ width: 42%; }}
.st-key-evidence_table td:nth-child(4) p,
[class*="st-key-method_details_"] td:nth-child(2) p {{ white-space: nowrap; }}
</style>"""

# On a shared screen: larger type, and the page starts just under Streamlit's 3.75rem header bar
# (not 6rem down), so the verdict and the whole first chart fit a 1280x800 screen.
PRESENTATION_STYLE = """<style>
[data-testid="stMain"] { color: #000000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li) { font-size: 1.5rem; }
[data-testid="stMain"] [data-testid="stTable"] [data-testid="stMarkdownContainer"] p {
  font-size: 1.25rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; }
[data-testid="stMain"] h1 { font-size: 2.25rem; padding: 0.75rem 0 0.5rem; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 3.4rem; color: #000000; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.4rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] * { color: #222222; font-size: 1.2rem; }
</style>"""


def page_style(on_stage: bool) -> None:
    """Text that meets WCAG AA contrast; larger, higher-contrast text for screen sharing
    (fixed style sheets, no user text)."""
    st.html(READABLE_STYLE + PRESENTATION_STYLE if on_stage else READABLE_STYLE)


def marking_banner() -> None:
    """The configured marking line, on screen as on every export."""
    text = marking()
    if text:
        st.markdown(f":red-background[**{escape_markdown(text)}**]")


def show_headline(text: str) -> None:
    """A page's main statement: page-title size in presentation mode."""
    (st.title if presenting() else st.subheader)(text)
