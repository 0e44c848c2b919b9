"""Ranges are what the options can reach, and priorities say what swing they weigh (issue 11)."""

from __future__ import annotations

import pytest

from components.text import escape_markdown
from scoring.ranges import reachable_ranges
from scoring.swing import swing_sentence
from tests.conftest import MODEL
from tests.test_app import open_app

REACHABLE = reachable_ranges(MODEL)
SLACK = 0.02  # rounding outwards may add up to 2% of the span at either end


@pytest.mark.parametrize("criterion_id", sorted(REACHABLE))
def test_each_computed_range_is_what_the_options_can_reach(criterion_id: str) -> None:
    """A range wider than the options reach is a hidden weight: it shrinks every difference."""
    low, high = MODEL.criterion(criterion_id).range
    reach_low, reach_high = REACHABLE[criterion_id]
    span = high - low
    assert low <= reach_low and reach_high <= high
    assert reach_low - low <= SLACK * span
    assert high - reach_high <= SLACK * span


def test_judgement_ranges_are_the_scale_and_say_so() -> None:
    for criterion in MODEL.criteria:
        if criterion.kind == "judgement":
            assert criterion.range == (0.0, 100.0)
            assert "scale" in criterion.range_provenance.rationale


def test_swing_sentence_names_the_range_and_the_share() -> None:
    f35 = MODEL.criterion("f35_prospects")
    assert swing_sentence(f35, 0.27) == (
        "Moving F-35 readmission and CAATSA relief from 0% to 75% is worth 27% of all priority."
    )
    sanctions = MODEL.criterion("sanctions_exposure")  # a cost: from its worst (high) end
    assert swing_sentence(sanctions, 0.1).startswith(
        "Moving the risk of new US sanctions from 94% to 0%"
    )
    money = MODEL.money_criterion  # written as money is everywhere else: "US$0.05 bn"
    low, high = money.range
    assert low < 0 < high
    assert swing_sentence(money, 0.11) == (
        f"Moving {money.measure or money.label} from -US${-low:g} bn to US${high:g} bn is worth "
        "11% of all priority."
    )


def test_priority_sliders_and_the_assumptions_page_say_what_each_priority_weighs() -> None:
    app = open_app(weight_f35_prospects="100")
    app.switch_page("app_pages/assumptions.py").run()
    total = 100 + sum(c.default_weight for c in MODEL.criteria if c.id != "f35_prospects")
    said = swing_sentence(MODEL.criterion("f35_prospects"), 100 / total)
    expected = escape_markdown(said, limit=None)  # Markdown that shows `said` as written
    assert any(expected in m.value for m in app.markdown)
    assert expected in app.slider(key="weight_f35_prospects").help
