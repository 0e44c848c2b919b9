"""Ties are shown as ties: options within the tie tolerance share first place, and the pages and
exports say "tied" rather than naming one leader (issue 11, defect 7)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pptx import Presentation

from briefing import snapshots
from briefing.deck import build_deck
from briefing.pack import _readme, pack_grid
from briefing.takeaways import chart_takeaways
from scoring import Result, Scenario, evaluate
from scoring.leader import headline, join_labels
from scoring.report_text import headline_sentence
from scoring.robustness import AnalysisSettings, analyse
from scoring.verdict import lead_sentence, verdict, verdict_headline
from tests.conftest import MODEL
from tests.test_app import open_app

# All priority on new sanctions: every option that neither services, activates nor sells to
# Rosoboronexport scores 100, so four options tie exactly.
ONLY_SANCTIONS = {c.id: 0 for c in MODEL.criteria} | {"sanctions_exposure": 100}
# A strategy whose every attempt is one of them scores 100 whichever way it ends.
TIED_OPTIONS = {"keep_storage", "sell_third_country", "transfer_west", "dismantle"}
TIED = TIED_OPTIONS | {s.id for s in MODEL.strategies if set(s.attempts) <= TIED_OPTIONS}
SETTINGS = AnalysisSettings(draws=500, seed=3)


@pytest.fixture(scope="module")
def result() -> Result:
    return evaluate(Scenario.build({"name": "Sanctions only", "weights": ONLY_SANCTIONS}, MODEL))


def test_tied_options_share_first_rank(result: Result) -> None:
    first = {entry.option_id for entry in result.ranking if entry.rank == 1}
    assert first == TIED


def test_the_headline_names_a_tie_not_a_leader(result: Result) -> None:
    top = headline(result)
    assert top.tied
    assert {MODEL.option(o).label for o in TIED} == set(top.first_labels)
    assert "are tied at 100.0 of 100 points" in top.statement
    assert "leads" not in top.statement


def test_an_untied_headline_still_names_its_leader() -> None:
    top = headline(evaluate())
    assert not top.tied
    assert top.statement.startswith(f"{top.leader_label} leads with")


def test_recommendation_and_presenter_pages_say_tied() -> None:
    query = {f"weight_{criterion_id}": str(w) for criterion_id, w in ONLY_SANCTIONS.items()}
    app = open_app(**query)
    app.switch_page("app_pages/recommendation.py").run()
    said = app.subheader[0].value
    assert said.startswith("Tied: ") and said.endswith(", each at 100.0 of 100 points")
    assert any(metric.label == "Tied for first" for metric in app.metric)
    app.switch_page("app_pages/presenter.py").run()
    assert app.title[0].value == said  # the same words on the shared screen


def test_the_robustness_sentence_says_tied(result: Result) -> None:
    report = analyse(result.scenario, MODEL, draws=SETTINGS.draws, seed=SETTINGS.seed)
    sentence = headline_sentence(report)
    assert "are tied at the current settings" in sentence and "ahead of" not in sentence


def test_the_sensitivity_lead_says_tied(result: Result) -> None:
    report = analyse(result.scenario, MODEL, draws=SETTINGS.draws, seed=SETTINGS.seed)
    sentence = lead_sentence(report, MODEL)
    assert f"{report.headline.leader_label} is tied with " in sentence
    assert " leads by " not in sentence


def test_deck_and_pack_say_tied(result: Result) -> None:
    report = analyse(result.scenario, MODEL, draws=SETTINGS.draws, seed=SETTINGS.seed)
    created = datetime(2026, 11, 23, 19, 45, tzinfo=UTC)
    context = snapshots.context_for(result.scenario, MODEL, created, "", SETTINGS)
    takeaways = chart_takeaways(result, report, pack_grid(result, report, MODEL), MODEL)
    deck = Presentation(io.BytesIO(build_deck(result, report, [], MODEL, context, takeaways)))
    title = deck.slides[0].shapes.title.text
    call = verdict(report, MODEL)
    top = headline(result)
    each = f"each at {top.score:.1f} of 100 points"
    assert title == verdict_headline(call, top) == f"Tied: {join_labels(top.first_labels)}, {each}"
    assert "tied" not in title.removeprefix("Tied: ")  # said once
    readme = _readme(context, (), [], headline(result), call)
    assert "are tied at 100.0 of 100 points" in readme
