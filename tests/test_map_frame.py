"""The decision map: merged rectangles draw exactly the picture of its cells; the legend
names only the options on the map."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from briefing import figures, snapshots
from briefing.sensitivity_frames import map_frame
from scoring import Scenario, default_model
from scoring.sensitivity import DEFAULT_MAP_AXES, DecisionMap, decision_map

MODEL = default_model()


def grid_of(leaders: np.ndarray, seed: int) -> DecisionMap:
    rows, columns = leaders.shape
    margins = np.random.default_rng(seed).uniform(0.0, 30.0, leaders.shape)
    return DecisionMap(
        x_axis="interceptor_shelf_life_years",
        y_axis="weight_f35_prospects",
        x_values=np.linspace(2.0, 10.0, columns),
        y_values=np.linspace(0.0, 100.0, rows),
        leaders=leaders,
        margins=margins,
        current=(5.0, 24.0),
        current_leader=int(leaders[0, 0]),
    )


def rectangles(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame["current"]].reset_index(drop=True)


leader_grids = st.tuples(st.integers(2, 9), st.integers(2, 9), st.integers(1, 3)).flatmap(
    lambda shape: arrays(np.int64, shape[:2], elements=st.integers(0, shape[2]))
)


@given(leaders=leader_grids, seed=st.integers(0, 1_000))
@settings(max_examples=60, deadline=None)
def test_every_cell_lies_in_one_merged_rectangle_of_its_own_leader(
    leaders: np.ndarray, seed: int
) -> None:
    grid = grid_of(leaders, seed)
    cells = rectangles(map_frame(grid, MODEL))
    merged = rectangles(map_frame(grid, MODEL, merged=True))
    for cell in cells.itertuples():
        inside = merged[
            (merged["x_low"] < cell.x)
            & (cell.x < merged["x_high"])
            & (merged["y_low"] < cell.y)
            & (cell.y < merged["y_high"])
        ]
        assert len(inside) == 1
        assert inside["option"].iloc[0] == cell.option
        assert inside["margin"].iloc[0] <= cell.margin
    area = (merged["x_high"] - merged["x_low"]) * (merged["y_high"] - merged["y_low"])
    cell_area = (cells["x_high"] - cells["x_low"]) * (cells["y_high"] - cells["y_low"])
    assert np.isclose(area.sum(), cell_area.sum())


def test_a_rectangle_carries_the_closest_call_among_its_cells() -> None:
    leaders = np.array([[0, 0, 1], [0, 0, 1]])
    grid = grid_of(leaders, seed=3)
    merged = rectangles(map_frame(grid, MODEL, merged=True))
    assert len(merged) == 2  # the two rows are alike, so they form one band
    first = merged.iloc[0]
    assert first["option"] == MODEL.options[0].label
    assert first["margin"] == grid.margins[:, :2].min()
    assert (first["x_low"], first["x_high"]) == (grid.x_values[0] - 2.0, grid.x_values[1] + 2.0)


def test_unmerged_rows_are_one_per_cell_at_its_centre() -> None:
    leaders = np.array([[0, 1], [2, 3], [4, 5]])
    grid = grid_of(leaders, seed=1)
    cells = rectangles(map_frame(grid, MODEL))
    assert len(cells) == 6
    xs, ys = np.meshgrid(grid.x_values, grid.y_values)
    assert np.allclose(cells["x"], xs.ravel()) and np.allclose(cells["y"], ys.ravel())
    assert list(cells["margin"]) == list(grid.margins.ravel())


def test_the_map_legend_lists_only_the_options_on_it() -> None:
    model = MODEL
    grid = decision_map(Scenario.build({}, model), model, *DEFAULT_MAP_AXES)
    spec = figures.decision_map(grid, model).spec
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    leading = {model.options[n].label for n in set(grid.leaders.ravel())}
    assert set(domain) == leading
    assert len(domain) < len(model.options)


def test_a_probability_axis_is_drawn_and_named_in_per_cent() -> None:
    """A chance reads in per cent on the map, as on its slider: 0-100 with its horizon, not
    0-1; a priority axis keeps its slider's 0-100."""
    grid = decision_map(
        Scenario.build({}, MODEL), MODEL, "p_russia_accepts_buyback", "weight_f35_prospects", 5
    )
    frame = map_frame(grid, MODEL)
    cells, now = rectangles(frame), frame[frame["current"]].iloc[0]
    spec = MODEL.assumption("p_russia_accepts_buyback")
    assert np.isclose(cells["x"].min(), 100 * spec.min)  # the cells centre on the range's ends
    assert np.isclose(cells["x"].max(), 100 * spec.max)
    assert np.isclose(cells["y"].max(), 100)
    assert (now["x"], now["y"]) == (
        100 * spec.default,
        MODEL.criterion("f35_prospects").default_weight,
    )
    years = MODEL.info.constants.horizon_years.value
    assert figures.axis_label("p_russia_accepts_buyback", MODEL) == (
        f"Russia accepts a buyback (% chance within {years:g} years)"
    )


def test_each_axis_has_about_ten_round_ticks_at_any_width() -> None:
    """Not a label at every second per cent: steps of 5 over the buyback chance's 15-65%."""
    grid = decision_map(
        Scenario.build({}, MODEL), MODEL, "p_russia_accepts_buyback", "weight_f35_prospects", 9
    )
    figure = figures.decision_map(grid, MODEL)
    for width in (400, 1400):
        svg = snapshots._drawn(figure, {**figure.spec, "width": width})
        axes = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
        labels = [re.findall(r">([^<]+)</text>", axis) for axis in axes]
        assert labels == [
            [f"{tick}" for tick in range(15, 66, 5)],
            [f"{tick}" for tick in range(0, 101, 10)],
        ]
