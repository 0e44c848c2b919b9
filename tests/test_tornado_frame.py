"""The tornado's rows: only assumptions that move the margin, each end labelled with it."""

from __future__ import annotations

from briefing import figures
from briefing.charts import DATASET, tornado_template
from briefing.sensitivity_frames import NO_SWING, tornado_frame
from scoring import Scenario, default_model
from scoring.robustness import analyse

MODEL = default_model()
REPORT = analyse(Scenario.build({}, MODEL), MODEL)
_MOSCOW = MODEL.preset("moscow_deal")  # the preset whose margin the most assumptions move
MOSCOW = analyse(
    Scenario.build(
        {"assumptions": dict(_MOSCOW.assumptions), "weights": dict(_MOSCOW.weights)}, MODEL
    ),
    MODEL,
)


def swing(bar) -> float:
    now = REPORT.tornado.margin
    return max(abs(bar.margin_low - now), abs(bar.margin_high - now))


def test_rows_are_the_assumptions_that_move_the_margin() -> None:
    frame = tornado_frame(REPORT, MODEL)
    shown = set(frame["assumption"])
    moving = {
        MODEL.assumptions[b.assumption].label for b in REPORT.tornado.bars if swing(b) >= NO_SWING
    }
    assert shown == moving
    assert len(moving) < len(REPORT.tornado.bars)  # the baseline has assumptions that move nothing


def test_each_end_says_its_margin_and_who_leads_if_it_flips() -> None:
    frame = tornado_frame(REPORT, MODEL)
    for row in frame.itertuples():
        decimals = 1 if abs(row.margin) >= 0.05 else 2
        assert row.label.startswith(f"{row.margin:+.{decimals}f}")
        assert (f"({row.leader} leads)" in row.label) == row.flips


def test_no_end_reads_zero_to_one_decimal() -> None:
    """Under the Moscow-deal preset one end flips the leader at a margin of -0.03 points, which
    read "-0.0 (Keep stored leads)": a lead lost by nothing."""
    frame = tornado_frame(MOSCOW, MODEL)
    small = frame[frame["margin"].abs() < 0.05]
    assert len(small)  # the case exists
    assert not frame["label"].str.match(r"[+-]0\.0( |$)").any()
    for row in small.itertuples():
        assert row.label.startswith(f"{row.margin:+.2f}")


def test_end_labels_point_away_from_the_margin_now() -> None:
    """A label written inwards covered its bar and the line for the margin now."""
    texts = [
        layer
        for layer in tornado_template("t").to_dict()["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == "text"
    ]
    assert texts
    for layer in texts:
        where = next(t["filter"] for t in layer["transform"] if "current" in str(t.get("filter")))
        ends_above = ">=" in where
        assert layer["mark"]["align"] == ("left" if ends_above else "right")
        assert (layer["mark"]["dx"] > 0) == ends_above


def _rows(figure: figures.Figure) -> set[str]:
    return {row["assumption"] for row in figure.spec["datasets"][DATASET]}


def test_a_shorter_tornado_keeps_the_widest_swings_and_says_what_it_leaves_out() -> None:
    """The Presenter's large type fits ten rows on a 1280 x 800 screen: a scenario that moves
    more assumptions than that shows the ten that move the margin most, and says so."""
    report = MOSCOW
    every = tornado_frame(report, MODEL)
    moving = every["assumption"].nunique()
    assert moving > 10
    whole, short = figures.tornado(report, MODEL), figures.tornado(report, MODEL, most=10)
    assert _rows(whole) == set(every["assumption"]) and not whole.finding
    assert _rows(short) == set(every.loc[every["position"] < 10, "assumption"])
    assert short.finding == (
        f"Shown: the 10 of {moving} assumptions that move the margin most; the Sensitivity page "
        f"shows all {moving}."
    )
    baseline = figures.tornado(REPORT, MODEL, most=10)  # ten or fewer move it: nothing left out
    assert _rows(baseline) == set(tornado_frame(REPORT, MODEL)["assumption"])
    assert not baseline.finding


def test_each_end_is_written_in_its_unit_as_on_its_slider() -> None:
    """A chance's ends read "15%" and "65%" in the tooltip, not "0.15 probability"."""
    frame = tornado_frame(REPORT, MODEL).set_index(["assumption", "end"])
    spec = MODEL.assumption("p_readmission_if_divested")
    assert frame.loc[(spec.label, "lowest"), "value"] == f"{100 * spec.min:g}%"
    assert frame.loc[(spec.label, "highest"), "value"] == f"{100 * spec.max:g}%"
