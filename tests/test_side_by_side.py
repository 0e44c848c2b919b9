"""The Compare tab's tables: readable numbers, options in ranking order."""

from __future__ import annotations

from briefing.side_by_side import leaders, results_frame, results_table, settings_table
from scoring import Scenario, default_model, evaluate

MODEL = default_model()


def compared() -> list[tuple[str, Scenario]]:
    base = Scenario.build({}, MODEL)
    storage = MODEL.criteria[0].id
    edited = Scenario.build({"weights": {storage: 0}}, MODEL)
    return [("Now", base), ("Edited", edited)]


def test_settings_show_numbers_as_people_write_them() -> None:
    table = settings_table(compared(), MODEL)
    cells = [cell for column in ("Now", "Edited") for cell in table[column]]
    assert all(isinstance(cell, str) for cell in cells)
    assert not any(cell.endswith(".000000") or "0000000" in cell for cell in cells), cells
    assert table["Differs"].sum() == 1


def test_probabilities_are_compared_in_per_cent_over_their_horizon() -> None:
    table = settings_table(compared(), MODEL).set_index("Setting")
    years = MODEL.info.constants.horizon_years.value
    row = table.loc[f"Russia accepts a buyback (chance within {years:g} years)"]
    assert (row["Now"], row["Edited"]) == ("35%", "35%")


def test_options_follow_the_first_scenarios_ranking() -> None:
    pairs = compared()
    table = results_table(results_frame(pairs, MODEL))
    ranking = [entry.label for entry in evaluate(pairs[0][1], MODEL).ranking]
    assert table["option"].tolist() == ranking
    assert list(table.columns) == ["option", "Now", "Edited"]


def test_a_tie_for_first_names_every_option_sharing_it() -> None:
    sanctions_only = {c.id: 0 for c in MODEL.criteria} | {"sanctions_exposure": 100}
    tied = Scenario.build({"weights": sanctions_only}, MODEL)
    pairs = [("Now", Scenario.build({}, MODEL)), ("Sanctions only", tied)]
    found = leaders(results_frame(pairs, MODEL))
    first = [e.label for e in evaluate(tied, MODEL).ranking if e.rank == 1]
    assert len(first) > 1
    assert set(found["Sanctions only"]) == set(first)
    assert len(found["Now"]) == 1
