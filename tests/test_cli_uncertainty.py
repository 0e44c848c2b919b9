"""The uncertainty commands: JSON on stdout, seeded, one-line errors on bad input."""

from __future__ import annotations

import json

import pytest

from scoring import Scenario, evaluate
from scoring.cli import run
from tests.conftest import MODEL
from tests.test_cli import run_cli


def answer(capsys: pytest.CaptureFixture, *args: str) -> dict:
    assert run(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_find_out_first_in_a_subprocess() -> None:
    done = run_cli("find-out-first", "--preset", "moscow_deal", "--draws", "2000", "--seed", "3")
    assert done.returncode == 0 and done.stderr == ""
    data = json.loads(done.stdout)
    ids = {row["id"] for row in data["ranking"]}
    uncertain = {a.id for a in MODEL.assumptions if a.kind != "choice"}
    assert uncertain <= ids and "washington" in ids and "decision_delay_years" not in ids
    assert data["draws"] == 2000 and data["seed"] == 3
    assert data["everything"]["points"] >= max(row["points"] for row in data["ranking"]) - 0.05


def test_what_it_takes_for_one_option_and_for_all(capsys: pytest.CaptureFixture) -> None:
    one = answer(capsys, "what-it-takes", "--option", "keep_storage")
    (row,) = one["what_it_takes"]
    assert row["found"] and row["sentence"].startswith("Keep stored would lead if")
    changed = Scenario.build(row["scenario"], MODEL)
    assert evaluate(changed, MODEL).ranking[0].option_id == "keep_storage"
    every = answer(capsys, "what-it-takes", "--preset", "moscow_deal")
    assert [r["option"] for r in every["what_it_takes"]] == list(MODEL.option_ids)
    leader = next(r for r in every["what_it_takes"] if r["distance"] == 0)
    assert leader["sentence"].endswith("leads as things stand.")


def test_discover_and_verdict_are_seeded(capsys: pytest.CaptureFixture) -> None:
    first = answer(capsys, "discover", "--draws", "2000", "--seed", "4")
    again = answer(capsys, "discover", "--draws", "2000", "--seed", "4")
    assert first == again and first["contenders"][0]["rules"]
    judged = answer(capsys, "verdict", "--preset", "ankara_holds", "--draws", "1000")
    assert judged["verdict"] in {"clear", "leaning", "toss-up"}
    leader = evaluate(Scenario.from_preset("ankara_holds", MODEL), MODEL).ranking[0].option_id
    assert judged["leader"] == leader and judged["sentence"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["what-it-takes", "--option", "nope"], "unknown option 'nope'"),
        (["discover", "--draws", "5"], "--draws"),
        (["verdict", "--seed", "-1"], "--seed"),
        (["find-out-first", "--preset", "nowhere"], "unknown preset 'nowhere'"),
    ],
)
def test_bad_input_is_one_line(capsys: pytest.CaptureFixture, args: list[str], words: str) -> None:
    assert run(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and words in captured.err
    assert captured.err.count("\n") == 1
