"""One validation for every door: text, numbers and hostile JSON (hardening defects 1, 3, 4).

The URL, the importer, the command line, the store's load and the sliders all go through
`Scenario` and its `assumption_problem` / `weight_problem`; these tests pin the rule itself.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scoring import Scenario
from scoring.scenario import MAX_SCENARIO_BYTES, ScenarioError, assumption_problem, weight_problem
from scoring.text import text_problem, xml_safe
from tests.conftest import MODEL

BAD_CHARACTERS = [
    "\x00",
    "\x01",
    "\x08",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\ufdd0",
    "\U0001fffe",
    "\u202e",
    "\u2066",
]


def refusal(character: str) -> str:
    """What the refusal says: our rule names the code point; pydantic refuses surrogates itself."""
    return "unicode string" if 0xD800 <= ord(character) <= 0xDFFF else f"U\\+{ord(character):04X}"


@pytest.mark.parametrize("character", BAD_CHARACTERS)
def test_names_with_characters_a_renderer_cannot_hold_are_refused(character: str) -> None:
    with pytest.raises(ValidationError, match=f"(?s)name.*({refusal(character)})"):
        Scenario.build({"name": f"a{character}b"}, MODEL)


@pytest.mark.parametrize("character", BAD_CHARACTERS)
def test_notes_refuse_the_same_characters_but_keep_line_breaks(character: str) -> None:
    with pytest.raises(ValidationError, match=f"(?s)notes.*({refusal(character)})"):
        Scenario.build({"notes": f"a{character}b"}, MODEL)
    assert Scenario.build({"notes": "line one\nline two\r\n\tindented"}, MODEL).notes


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="blank"):
        Scenario.build({"name": "   "}, MODEL)


def test_ordinary_text_in_any_script_passes() -> None:
    scripts = [
        "Ankara holds",
        "\u0421\u0434\u0435\u043b\u043a\u0430",
        "تركيا",
        "Şahin\u2019s view \u2013 2026 ✓",
    ]
    for text in [*scripts, "a\u200fb"]:
        assert text_problem(text) is None
        assert Scenario.build({"name": text}, MODEL).name == text


def test_xml_safe_replaces_only_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x01b\ufffec\tok\n") == "a\ufffdb\ufffdc\tok\n"
    assert xml_safe("Şahin ✓ \U0001f600") == "Şahin ✓ \U0001f600"


@pytest.mark.parametrize(
    ("weights", "fragment"),
    [
        ({"leverage": 150}, "150 is out of range; allowed whole numbers 0 to 100"),
        ({"leverage": 2.5}, "2.5 is not a whole number"),
        ({"leverage": 0.4}, "0.4 is not a whole number"),
        ({"leverage": 1e308, "air_defence": 1e308}, "out of range"),
    ],
)
def test_weights_the_sliders_cannot_show_are_refused_not_rounded(weights, fragment) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Scenario.build({"weights": weights}, MODEL)


def test_a_year_between_whole_years_is_refused_not_rounded() -> None:
    with pytest.raises(ValidationError, match=r"2030\.6 is not a whole number"):
        Scenario.build({"assumptions": {"siper_operational_year": 2030.6}}, MODEL)
    assert Scenario.build({"assumptions": {"siper_operational_year": 2030.0}}, MODEL)


def test_the_rule_accepts_exactly_the_slider_positions_at_the_ends() -> None:
    spec = MODEL.assumption("siper_operational_year")
    assert assumption_problem(spec, spec.min) is None
    assert assumption_problem(spec, spec.max) is None
    assert weight_problem(0) is None and weight_problem(100) is None
    assert weight_problem(100.0) is None


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"schema_version": 1, "notes": ' + "[" * 5_000 + "]" * 5_000 + "}",
        '{"schema_version": 1, "weights": {"leverage": ' + "9" * 5_000 + "}}",
        '{"schema_version": 1, "weights": {"leverage": 1e999}}',
        '{"schema_version": 1, "weights": {"leverage": NaN}}',
    ],
)
def test_hostile_json_gets_one_plain_line(text: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_json(text, MODEL)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300


def test_the_size_message_gives_the_real_size() -> None:
    """One byte over the limit must not read "the file is 1 MB; at most 1 MB"."""
    text = " " * (MAX_SCENARIO_BYTES + 1)
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_json(text, MODEL)
    assert str(caught.value) == (
        "the file is 1,048,577 bytes; a scenario may be at most 1,048,576 bytes (1 MB)"
    )
