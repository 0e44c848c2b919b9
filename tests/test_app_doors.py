"""The address bar and the controls accept exactly what a scenario file does, and show what
they refuse as literal text (hardening defects 1, 2, 3 and 7)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import MODEL
from tests.test_app import headline, open_app

PAYLOADS = [
    "![i](http://127.0.0.1:9/x.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    ":red-background[APPROVED]",
    "http://evil.example/phish",
    "www.evil.example",
    "**bold** _it_ `code`",
]
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def outside_code_spans(markdown: str) -> str:
    """What Markdown would interpret: the text with its code spans taken out."""
    return CODE_SPAN.sub("", markdown)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_bad_link_value_is_quoted_literally_in_its_notice(payload: str) -> None:
    app = open_app(interceptor_shelf_life_years=payload)
    notices = [warning.value for warning in app.warning]
    assert any("ignored" in notice for notice in notices)
    for notice in notices:
        interpreted = outside_code_spans(notice)
        for fragment in ("http", "javascript", "<img", "red-background", "www.", "**"):
            assert fragment not in interpreted, notice


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_unknown_link_key_is_quoted_literally_in_its_notice(payload: str) -> None:
    app = open_app(**{payload: "1"})
    notices = [warning.value for warning in app.warning]
    assert any("not one this dashboard knows" in notice for notice in notices)
    for notice in notices:
        assert "http" not in outside_code_spans(notice)
        assert "javascript" not in outside_code_spans(notice)


@pytest.mark.parametrize("name", ["a\x01b", "a\x00b", "\x1b[31mred", "a\ufffeb", "a\u202eb"])
def test_a_link_name_the_renderer_cannot_hold_is_ignored_with_a_notice(name: str) -> None:
    app = open_app(scenario_name=name)
    assert not app.exception
    assert any("scenario name" in warning.value for warning in app.warning)
    assert app.text_input(key="scenario_name").value != name
    assert headline(app)  # the page still ranks the options


def test_a_typed_name_the_renderer_cannot_hold_is_one_plain_error() -> None:
    app = open_app()
    app.text_input(key="scenario_name").input("bad\x01name").run()
    assert not app.exception
    assert any("Scenario name" in error.value and "U+0001" in error.value for error in app.error)


def test_a_repeated_link_key_keeps_the_value_it_applies_in_the_address() -> None:
    app = open_app(interceptor_shelf_life_years=["4", "9"])
    assert app.slider(key="interceptor_shelf_life_years").value == 9
    assert app.query_params.get("interceptor_shelf_life_years") in ("9", ["9"])
    assert any("more than once" in warning.value for warning in app.warning)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"weight_leverage": "2.5"}, "2.5 is not a whole number"),
        ({"weight_leverage": "150"}, "150 is out of range; allowed whole numbers 0 to 100"),
        ({"siper_operational_year": "2030.6"}, "2030.6 is not a whole number"),
        ({"weight_leverage": "1e308"}, "out of range"),
        ({"interceptor_shelf_life_years": "nan"}, "not a number"),
    ],
)
def test_the_link_refuses_what_a_scenario_file_refuses_in_the_same_words(query, fragment) -> None:
    app = open_app(**query)
    assert any(fragment in warning.value for warning in app.warning), [w.value for w in app.warning]
    key = next(iter(query))
    target = key.removeprefix("weight_")
    default = (
        MODEL.criterion(target).default_weight
        if key.startswith("weight_")
        else MODEL.assumption(key).default
    )
    assert app.slider(key=key).value == default


def test_a_broken_data_file_is_one_plain_message_naming_the_file(monkeypatch) -> None:
    import scoring

    def broken() -> None:
        raise scoring.DataError(
            "data/assumptions.toml: assumption 'storage_cost_musd_per_year': field 'max': "
            "Input should be a valid number"
        )

    monkeypatch.setattr(scoring, "default_model", broken)
    app = open_app()
    assert not app.exception
    (error,) = app.error
    assert "data/assumptions.toml" in error.value and "field 'max'" in error.value
