"""A setting's value in words: one way of writing each unit, wherever a value is shown."""

from __future__ import annotations

import pytest

from scoring.units import change_text, number_text, setting_text, unit_words


@pytest.mark.parametrize(
    ("value", "unit", "step", "said"),
    [
        (0.35, "probability", None, "35%"),
        (0.284, "probability", 0.005, "28.4%"),
        (0.4, "share of US$2.5 bn", None, "40% of US$2.5 bn"),
        (0.05, "share lost per year", None, "5% lost per year"),
        (1.4, "US$ bn", None, "US$1.4 bn"),
        (-0.2, "US$ bn", None, "-US$0.2 bn"),
        (40, "US$ m per year", 5, "US$40 m per year"),
        (2.5, "years", 0.5, "2.5 years"),
        (1, "years", None, "1 year"),
        (0.6, "index (0-1)", None, "0.6"),
        (2030, "year", 1, "2030"),
    ],
)
def test_each_unit_is_written_as_people_write_it(
    value: float, unit: str, step: float | None, said: str
) -> None:
    assert setting_text(value, unit, step) == said


def test_the_number_alone_keeps_per_cent_and_drops_the_rest() -> None:
    assert number_text(0.35, "probability") == "35%"
    assert number_text(0.15000000000000002, "share of the price") == "15%"
    assert number_text(3, "years") == "3"


@pytest.mark.parametrize(
    ("change", "unit", "said"),
    [
        (0.25, "probability", "+25 percentage points"),
        (-0.1, "share of US$2.5 bn", "-10 percentage points"),
        (-2, "years", "-2 years"),
        (2, "year", "+2 years"),
        (-1, "year", "-1 year"),
        (0.3, "US$ bn", "+US$0.3 bn"),
        (-0.3, "US$ bn", "-US$0.3 bn"),
        (0.3, "index (0-1)", "+0.3"),
    ],
)
def test_a_change_is_signed_in_its_unit(change: float, unit: str, said: str) -> None:
    assert change_text(change, unit) == said


def test_a_probability_names_its_horizon() -> None:
    assert unit_words("probability", 10) == "chance within 10 years"
    assert unit_words("years", 10) == "years"
