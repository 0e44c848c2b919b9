"""The Sensitivity page and the robustness sentence in AppTest."""

from __future__ import annotations

import pytest

import components.analysis as analysis
from components.sensitivity_sections import SECTION_KEY, SECTIONS
from scoring import Scenario, evaluate
from scoring.robustness import AnalysisSettings, analyse
from scoring.verdict import lead_sentence
from scoring.what_to_find_out import find_out_first
from tests.conftest import MODEL
from tests.test_app import chart_titles, open_app

PAGE = "app_pages/sensitivity.py"


def sensitivity_page(**query: str):
    app = open_app(**query)
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def open_section(app, label: str):
    """Select the tab `label` (as a click on it would) and rerun."""
    app.session_state[SECTION_KEY] = label
    app.run()
    assert not app.exception
    return app


def summary(app) -> str:
    return app.info[0].value


def tables(app) -> list[str]:
    """Each table on screen, named by its first column."""
    return [d.value.columns[0] for d in app.dataframe]


BASELINE = analyse(Scenario.build({}, MODEL), MODEL, draws=20_000, seed=2026)


def test_the_summary_states_leader_share_draws_and_seed() -> None:
    app = sensitivity_page()
    text = summary(app)
    expected = analyse(Scenario.build({}, MODEL), MODEL, draws=20_000, seed=2026)
    assert text == expected.summary
    assert "20,000" in text and "seed 2026" in text and "%" in text
    assert any("seed 2026" in c.value and "20,000 draws" in c.value for c in app.caption)


def test_the_same_seed_gives_the_same_words_and_another_seed_may_not() -> None:
    first, second = summary(sensitivity_page()), summary(sensitivity_page())
    assert first == second
    app = sensitivity_page()
    app.number_input(key="sens_seed").set_value(7).run()
    assert "seed 7" in summary(app)


def test_the_recommendation_details_carry_the_same_robustness_paragraph() -> None:
    app = open_app(weight_f35_prospects="60")
    (details,) = [e for e in app.expander if e.label == "How sure, in detail"]
    assert not details.markdown  # closed: the full report is not computed
    app.session_state["recommendation_details"] = True  # the reader opens it (its key)
    app.run()
    (details,) = [e for e in app.expander if e.label == "How sure, in detail"]
    recommendation = details.markdown[0].value
    app.switch_page(PAGE).run()
    assert summary(app) == recommendation


def test_the_page_opens_on_one_sentence_and_the_first_chart() -> None:
    app = sensitivity_page()
    main = [m.value for m in app.main.markdown]
    lead = next(m for m in main if "plausible draws" in m)
    assert lead.replace("\\", "") == lead_sentence(BASELINE, MODEL)
    assert lead.count(". ") == 0 and lead.endswith(".")  # one sentence, the summary is folded
    assert [t.label for t in app.tabs] == list(SECTIONS)
    assert len(app.get("vega_lite_chart")) == 1
    assert chart_titles(app) == ["How often each option takes each rank across the plausible draws"]
    (full,) = [e for e in app.expander if e.label == "The robustness summary in full"]
    assert full.info[0].value == BASELINE.summary


def test_each_section_draws_only_its_own_analyses() -> None:
    app = sensitivity_page()
    first_columns = {
        "One at a time": "Priority",
        "Stakeholders": "Option",
        "Find out first": "What to find out",
    }
    titles = []
    for label in SECTIONS:
        open_section(app, label)
        assert tables(app) == ([first_columns[label]] if label in first_columns else []), label
        titles += chart_titles(app)
    assert len(titles) == 3
    assert titles[1].startswith("What each assumption alone does")
    assert titles[2].startswith("Which option leads as")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per analysis run from here on, with the report cache emptied first."""
    runs: list[int] = []
    original = AnalysisSettings.run

    def counted(self, *args, **kwargs):
        runs.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AnalysisSettings, "run", counted)
    analysis._report.clear()
    return runs


def test_switching_sections_keeps_the_analysis_and_a_slider_keeps_the_section(
    calls: list[int],
) -> None:
    app = open_section(sensitivity_page(), "Stakeholders")
    assert len(calls) == 1
    app.slider(key="weight_air_defence").set_value(60).run()
    assert not app.exception and len(calls) == 2
    assert tables(app) == ["Option"]


def test_the_stakeholder_table_names_the_robust_choice_with_the_deciding_columns_first() -> None:
    app = open_section(sensitivity_page(), "Stakeholders")
    robust = MODEL.options[BASELINE.stakeholders.robust]
    assert any(robust.label in markdown.value for markdown in app.markdown)
    table = next(d.value for d in app.dataframe if "Robust choice" in d.value.columns)
    assert table.loc[table["Robust choice"], "Option"].tolist() == [robust.short_label]
    assert sorted(table["Option"]) == sorted(option.short_label for option in MODEL.options)
    profiles = [MODEL.profile(p).short_label for p in BASELINE.stakeholders.profile_ids]
    assert list(table.columns) == [
        "Option",
        "Largest regret (points)",
        "Robust choice",
        "Worst rank",
        *profiles,
    ]


def test_changing_the_map_axes_does_not_rerun_the_analysis(calls: list[int]) -> None:
    app = open_section(sensitivity_page(), "Decision map")
    assert len(calls) == 1
    app.selectbox(key="sens_map_x").select("p_readmission_if_divested").run()
    app.selectbox(key="sens_map_y").select("weight_air_defence").run()
    assert not app.exception
    assert len(calls) == 1
    title = chart_titles(app)[-1]
    assert "F-35 readmission chance if divested" in title and "Air-defence" in title
    app.slider(key="weight_leverage").set_value(30).run()
    assert len(calls) == 2


def test_the_same_input_on_both_axes_is_explained() -> None:
    app = open_section(sensitivity_page(), "Decision map")
    app.selectbox(key="sens_map_y").select(app.selectbox(key="sens_map_x").value).run()
    assert "two different inputs" in app.warning[0].value


def test_what_to_find_out_first_is_shown_in_points_and_money() -> None:
    app = open_section(sensitivity_page(), "Find out first")
    ranking = find_out_first(Scenario.build({}, MODEL), MODEL, draws=20_000, seed=2026)
    table = next(d.value for d in app.dataframe if "What to find out" in d.value.columns)
    top = ranking.items[0]
    assert table["What to find out"].iloc[0] == top.label
    assert table["Worth (points)"].iloc[0] == pytest.approx(top.points)
    assert table["Worth (US$ bn)"].iloc[0] == pytest.approx(top.money_bn)
    assert table["Kind"].iloc[-1] == "Everything"
    worth_of_everything = f"{ranking.everything.points:.2f} points"
    (worth,) = [m.value for m in app.markdown if worth_of_everything in m.value]
    # Every dollar sign escaped: two bare ones in a paragraph were drawn as a LaTeX formula.
    assert worth.count("US\\$") == 2 and worth.count("$") == 2


def test_each_option_behind_gets_what_it_would_take_and_each_contender_its_rules() -> None:
    app = open_section(sensitivity_page(), "What would change it")
    headings = [h.value for h in app.subheader]
    assert {"What it would take", "When each option leads"} <= set(headings)
    lines = [m.value for m in app.markdown if m.value.startswith("- ")]
    behind = evaluate(Scenario.build({}, MODEL), MODEL).ranking[1:]
    takes = next(block for block in lines if "would lead if" in block or "No change" in block)
    assert len(takes.splitlines()) == len(behind)
    assert any("wins" in block and "of the draws" in block for block in lines)


def test_the_judgement_toggle_holds_the_scores_as_stated() -> None:
    app = sensitivity_page()
    (toggle,) = [t for t in app.toggle if t.label == "Draw judgement scores within their ranges"]
    assert toggle.value is True
    assert "judgement scores within their declared ranges" in summary(app)
    app.toggle(key=analysis.KEYS["judgement_uncertainty"]).set_value(False).run()
    assert not app.exception
    stated = analyse(Scenario.build({}, MODEL), MODEL, draws=20_000, judgement_uncertainty=False)
    assert summary(app) == stated.summary
    assert "judgement scores as stated" in summary(app)
    assert any("judgement scores held at their stated values" in c.value for c in app.caption)
