"""The dashboard in AppTest: pages, controls, URL seeding, presets and resets (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.text import escape_markdown
from scoring import Scenario, evaluate
from scoring.leader import headline as lead
from scoring.robustness import AnalysisSettings
from scoring.verdict import verdict, verdict_headline
from tests.conftest import MODEL

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "app_pages/recommendation.py",
    "app_pages/assumptions.py",
    "app_pages/tradeoffs.py",
    "app_pages/when.py",
    "app_pages/evidence.py",
    "app_pages/method.py",
]
DIVESTING_LABELS = {o.short_label for o in MODEL.direct_options if o.divests}


def open_app(**query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def unescape(markdown: str) -> str:
    """Markdown as read: the escapes of `escape_markdown` taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def chart_titles(app: AppTest) -> list[str]:
    """The titles shown above the charts, in page order (bold page text, not chart text)."""
    bold = (m.value for m in app.main.markdown if re.fullmatch(r"\*\*[^*]+\*\*", m.value))
    return [unescape(value.strip("*")) for value in bold]


def tables(app: AppTest) -> list[pd.DataFrame]:
    """The page's static tables as read (their cells are escaped Markdown)."""
    return [table.value.map(unescape).rename(columns=unescape) for table in app.table]


def headline(app: AppTest) -> str:
    return app.subheader[0].value


def leader(app: AppTest) -> str:
    """Short label of the leading option, as the headline metric shows it."""
    return app.metric[0].value


def short(option_id: str) -> str:
    return MODEL.option(option_id).short_label


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_every_control(page: str) -> None:
    app = open_app()
    app.switch_page(page).run()
    assert not app.exception
    assert {s.key for s in app.slider} >= set(MODEL.assumption_ids) | {
        f"weight_{c}" for c in MODEL.criterion_ids
    }


def test_the_headline_gives_the_verdict_on_the_evaluated_leader() -> None:
    app = open_app()
    result = evaluate()
    report = AnalysisSettings().run(result.scenario, MODEL)
    assert headline(app) == verdict_headline(verdict(report, MODEL), lead(result))
    assert result.ranking[0].label in headline(app)
    assert app.metric[1].value == f"{result.ranking[0].score:.1f}"


def test_f35_priority_and_likely_readmission_bring_a_divesting_option_to_the_top() -> None:
    app = open_app()
    app.slider(key="p_readmission_if_divested").set_value(0.75).run()
    app.slider(key="weight_f35_prospects").set_value(100).run()
    assert not app.exception
    assert leader(app) in DIVESTING_LABELS


def test_air_defence_priority_and_long_shelf_life_bring_a_keeping_option_to_the_top() -> None:
    app = open_app()
    for key, value in {
        "interceptor_shelf_life_years": 10.0,
        "siper_operational_year": 2032,
        "weight_air_defence": 100,
        "weight_f35_prospects": 0,
    }.items():
        app.slider(key=key).set_value(value).run()
    assert leader(app) not in DIVESTING_LABELS


def test_the_url_seeds_the_scenario() -> None:
    app = open_app(interceptor_shelf_life_years="3", weight_f35_prospects="40")
    assert not app.warning
    assert app.slider(key="interceptor_shelf_life_years").value == 3
    assert app.slider(key="weight_f35_prospects").value == 40
    expected = evaluate(
        Scenario.build(
            {
                "assumptions": {"interceptor_shelf_life_years": 3},
                "weights": {"f35_prospects": 40},
            },
            MODEL,
        )
    )
    assert app.metric[1].value == f"{expected.ranking[0].score:.1f}"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"interceptor_shelf_life_years": "abc"}, "not a number"),
        ({"interceptor_shelf_life_years": "12"}, "out of range; allowed 2 to 10 years"),
        ({"siper_operational_year": "2030.5"}, "not a whole number"),
        ({"weight_f35_prospects": "-3"}, "out of range; allowed whole numbers 0 to 100"),
        ({"colour": "red"}, "not one this dashboard knows"),
    ],
)
def test_bad_url_values_are_ignored_with_a_visible_notice(query, fragment) -> None:
    app = open_app(**query)
    assert not app.exception
    assert any(fragment in warning.value for warning in app.warning)
    for key in query:
        if key in MODEL.assumption_ids:
            assert app.slider(key=key).value == MODEL.assumption(key).default
        assert key not in app.query_params
    assert evaluate().ranking[0].label in headline(app)


def test_an_overlong_name_in_the_url_is_cut_with_a_notice() -> None:
    app = open_app(scenario_name="x" * 200)
    assert any("first 120 characters" in warning.value for warning in app.warning)
    assert app.text_input(key="scenario_name").value == "x" * 120


def test_a_preset_sets_every_control_in_one_action() -> None:
    app = open_app()
    app.selectbox(key="preset_choice").select("moscow_deal").run()
    expected = Scenario.from_preset("moscow_deal", MODEL)
    for key, value in expected.assumptions.items():
        assert app.slider(key=key).value == pytest.approx(value)
    for key, value in expected.weights.items():
        assert app.slider(key=f"weight_{key}").value == pytest.approx(value)
    assert app.text_input(key="scenario_name").value == "Moscow buyback deal"
    assert leader(app) == short(evaluate(expected).ranking[0].option_id)


def test_reset_puts_everything_back_to_the_baseline() -> None:
    app = open_app()
    app.selectbox(key="preset_choice").select("ankara_holds").run()
    app.slider(key="buyback_price_share").set_value(0.5).run()
    app.button(key="reset_baseline").click().run()
    for spec in MODEL.assumptions:
        assert app.slider(key=spec.id).value == pytest.approx(spec.default)
    assert app.text_input(key="scenario_name").value == "Analysts' baseline"
    assert leader(app) == short(evaluate().ranking[0].option_id)


def test_group_reset_only_touches_its_group() -> None:
    app = open_app()
    app.switch_page("app_pages/assumptions.py").run()
    app.slider(key="interceptor_shelf_life_years").set_value(9.0).run()
    app.slider(key="buyback_price_share").set_value(0.4).run()
    app.button(key="reset_military").click().run()
    assert app.slider(key="interceptor_shelf_life_years").value == 5
    assert app.slider(key="buyback_price_share").value == pytest.approx(0.4)


def test_a_change_survives_switching_pages_and_coming_back() -> None:
    app = open_app()
    app.slider(key="maintenance_sanction_risk").set_value(0.55).run()
    for page in PAGES[1:] + PAGES[:1]:
        app.switch_page(page).run()
        assert app.slider(key="maintenance_sanction_risk").value == pytest.approx(0.55)


def test_the_assumptions_page_lists_differences_from_the_baseline() -> None:
    app = open_app(buyback_price_share="0.4")
    app.switch_page("app_pages/assumptions.py").run()
    changed = app.dataframe[0].value
    assert changed.to_dict("records") == [
        {
            "Setting": "Buyback price (share of US$2.5 bn)",
            "Group": "Money",
            "Baseline": "25%",
            "Now": "40%",
            "Change": "+15 percentage points",
        }
    ]


def test_all_priorities_at_zero_explain_themselves_and_keep_the_controls() -> None:
    app = open_app()
    for criterion_id in MODEL.criterion_ids:
        app.slider(key=f"weight_{criterion_id}").set_value(0).run()
    assert not app.exception
    assert "at least one above zero" in app.error[0].value
    app.slider(key="weight_leverage").set_value(10).run()
    assert not app.error
    assert leader(app)


def test_user_text_in_the_scenario_name_is_shown_literally() -> None:
    app = open_app(scenario_name="<b>x</b> [click](https://example.org) *bold*")
    caption = app.caption[0].value
    assert "`<b>x</b> [click](https://example.org) *bold*`" in caption  # a code span: literal


def test_the_assumptions_page_shows_the_result_of_each_move() -> None:
    app = open_app()
    app.switch_page("app_pages/assumptions.py").run()
    assert [m.label for m in app.metric][:3] == [
        "Leading option",
        "Its score (0-100 points)",
        "Margin over the runner-up",
    ]
    assert not app.metric[1].delta  # at the baseline: no "+0.0" with an arrow
    app.slider(key="weight_air_defence").set_value(100).run()
    assert re.fullmatch(r"[+-]\d+\.\d vs baseline", app.metric[1].delta)
    assert app.metric[1].delta != "+0.0 vs baseline"


def test_the_recommendation_lists_what_was_changed() -> None:
    app = open_app()
    assert "Nothing: every assumption and priority is at its baseline value." in [
        c.value for c in app.caption
    ]
    app.slider(key="weight_f35_prospects").set_value(40).run()
    listed = [m.value for m in app.markdown if m.value.startswith("- ")]
    label = escape_markdown(f"{MODEL.criterion('f35_prospects').priority_label} (0-100)")
    default = MODEL.criterion("f35_prospects").default_weight
    assert any(f"- {label}: {default:g} → **40**" in line for line in listed), listed


def test_a_changed_probability_is_listed_in_per_cent_with_its_horizon() -> None:
    """As on its slider: "35% → 60%", with the horizon the chance is over, not "0.35 → 0.6"."""
    app = open_app(p_russia_accepts_buyback="0.6")
    listed = [m.value for m in app.markdown if m.value.startswith("- ")]
    years = MODEL.info.constants.horizon_years.value
    label = escape_markdown(f"Russia accepts a buyback (chance within {years:g} years)")
    assert f"- {label}: 35% → **60%**" in listed, listed


def test_money_in_what_a_priority_weighs_is_never_typeset_as_maths() -> None:
    """Streamlit typesets Markdown between two dollar signs as maths: "-US$2.1 bn to US$3.1 bn"
    must reach the page with its dollar signs escaped, in the list and in the slider's help."""
    money = MODEL.money_criterion
    unescaped = re.compile(r"(?<!\\)\$")
    app = open_app()
    weight = f"weight_{money.id}"
    assert "US$" in app.slider(key=weight).help.replace("\\", "")
    assert not unescaped.search(app.slider(key=weight).help)
    app.switch_page("app_pages/assumptions.py").run()
    lines = [m.value for m in app.markdown if "of all priority" in m.value and "US" in m.value]
    assert lines
    assert not [line for line in lines if unescaped.search(line)]
    assert not unescaped.search(app.slider(key=weight).help)


def test_probabilities_as_percentages_with_their_horizon_and_priorities_as_one_number() -> None:
    app = open_app()
    years = MODEL.info.constants.horizon_years.value
    chance = app.slider(key="p_readmission_if_divested")
    assert chance.label.endswith(f"(chance within {years:g} years)")
    assert chance.proto.format == "percent"
    priority = app.slider(key="weight_f35_prospects")
    assert priority.label == f"{MODEL.criterion('f35_prospects').priority_label} (0-100)"
    # The sidebar is not redrawn on a slider move, so its help names the swing, not a live share.
    assert "Weighs moving" in priority.help and "% of all priority" not in priority.help
    app.switch_page("app_pages/assumptions.py").run()
    redrawn = app.slider(key="weight_f35_prospects")
    assert "% of all priority" in redrawn.help
