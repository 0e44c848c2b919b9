"""The "Show strategies" toggle: one switch in the frame hides the strategies on every page, and
the address carries it (AppTest; the browser test checks the address bar itself)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from components.state import STRATEGIES_KEY
from scoring import evaluate
from tests.conftest import MODEL
from tests.test_app import open_app, tables, unescape
from tests.test_app_doors import outside_code_spans

STRATEGY_IDS = {strategy.id for strategy in MODEL.strategies}
STRATEGY_LABELS = {strategy.label for strategy in MODEL.strategies}


def ranked_on_recommendation(app: AppTest) -> set[str]:
    """The option ids in the Recommendation page's chart (one row per option and criterion)."""
    chart = app.get("vega_lite_chart")[0]
    rows: pd.DataFrame = convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    return set(rows["option_id"])


def test_the_model_has_strategies_to_hide() -> None:
    assert STRATEGY_IDS, "data/strategies.toml lists no strategy: nothing here can be tested"


def test_strategies_are_ranked_on_the_recommendation_page_by_default() -> None:
    app = open_app()
    assert not app.exception
    assert app.toggle(key=STRATEGIES_KEY).value is True
    assert ranked_on_recommendation(app) == set(MODEL.option_ids)


def test_switching_the_toggle_off_leaves_only_the_direct_options() -> None:
    app = open_app()
    app.toggle(key=STRATEGIES_KEY).set_value(False).run()
    assert not app.exception
    assert ranked_on_recommendation(app) == set(MODEL.direct_option_ids)
    direct_leader = evaluate(model=MODEL.without_strategies()).ranking[0]
    assert app.metric[0].value == MODEL.option(direct_leader.option_id).short_label
    app.toggle(key=STRATEGIES_KEY).set_value(True).run()
    assert ranked_on_recommendation(app) == set(MODEL.option_ids)


def test_the_toggle_is_bound_to_the_address_under_its_key() -> None:
    """The browser writes a bound widget's value to the address (default values are left out);
    tests/browser/test_strategies_toggle.py watches it happen."""
    app = open_app()
    assert app.toggle(key=STRATEGIES_KEY).proto.query_param_key == STRATEGIES_KEY


def test_a_link_with_strategies_off_opens_with_them_hidden() -> None:
    app = open_app(**{STRATEGIES_KEY: "false"})
    assert not app.exception
    assert not app.warning
    assert app.toggle(key=STRATEGIES_KEY).value is False
    assert ranked_on_recommendation(app) == set(MODEL.direct_option_ids)
    assert app.query_params.get(STRATEGIES_KEY) in ("false", ["false"])


@pytest.mark.parametrize("raw", ["maybe", "0", "", "<b>no</b>", "[x](javascript:alert(1))"])
def test_a_bad_link_value_for_the_toggle_is_ignored_with_a_notice(raw: str) -> None:
    app = open_app(**{STRATEGIES_KEY: raw})
    assert not app.exception
    notices = [warning.value for warning in app.warning]
    assert any("showing strategies" in notice and "ignored" in notice for notice in notices)
    for notice in notices:
        assert "javascript" not in outside_code_spans(notice), notice
    assert STRATEGIES_KEY not in app.query_params
    assert app.toggle(key=STRATEGIES_KEY).value is True
    assert ranked_on_recommendation(app) == set(MODEL.option_ids)


@pytest.mark.parametrize(
    "page",
    [
        "app_pages/assumptions.py",
        "app_pages/tradeoffs.py",
        "app_pages/sensitivity.py",
        "app_pages/presenter.py",
        "app_pages/method.py",
    ],
)
def test_every_page_hides_the_strategies_when_the_toggle_is_off(page: str) -> None:
    app = open_app(**{STRATEGIES_KEY: "false"})
    app.switch_page(page).run()
    assert not app.exception
    assert app.toggle(key=STRATEGIES_KEY).value is False
    shown = " ".join(str(element.value) for element in [*app.main.markdown, *app.metric])
    for chart in app.get("vega_lite_chart"):
        shown += " " + chart.proto.spec
        for dataset in chart.proto.datasets:
            shown += " " + convert_arrow_bytes_to_pandas_df(dataset.data.data).to_csv()
    for table in app.dataframe:
        shown += " " + table.value.to_csv()
    for table in tables(app):
        shown += " " + table.to_csv()
    for label in STRATEGY_LABELS | {s.short_label for s in MODEL.strategies}:
        assert label not in shown, (page, label)


def test_the_method_page_describes_each_strategy_while_they_are_shown() -> None:
    app = open_app()
    app.switch_page("app_pages/method.py").run()
    assert not app.exception
    text = [unescape(markdown.value) for markdown in app.markdown]
    for strategy in MODEL.strategies:
        (entry,) = [t for t in text if t.startswith(f"**{strategy.label}**")]
        attempts = [MODEL.direct_option(option_id).short_label for option_id in strategy.attempts]
        assert " → ".join(attempts) in entry
        assert strategy.summary in entry and strategy.rationale in entry
