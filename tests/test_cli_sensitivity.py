"""`python -m scoring sensitivity`: JSON on stdout, seeded, and one-line errors on bad input.

Two runs go through a real subprocess; the bad-input cases call `scoring.cli.run` in process
(the same code path after the interpreter starts), which keeps the file fast.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scoring.cli import run
from tests.conftest import MODEL
from tests.test_cli import run_cli

REPO_ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "rank_acceptability",
    "central_weights",
    "confidence",
    "tornado",
    "weight_thresholds",
    "summary",
}


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("sensitivity", *args, stdin=stdin)


def test_sensitivity_prints_the_json_keys_and_is_seeded() -> None:
    first = run_process("--draws", "2000", "--seed", "7")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    data = json.loads(first.stdout)
    assert set(data) >= KEYS
    assert data["settings"]["draws"] == 2000 and data["settings"]["seed"] == 7
    assert "2,000 plausible draws" in data["summary"] and "seed 7" in data["summary"]
    for option_id in MODEL.option_ids:
        assert sum(data["rank_acceptability"][option_id]) == pytest.approx(1.0, abs=1e-5)
    again = run_process("--draws", "2000", "--seed", "7")
    assert again.stdout == first.stdout


def test_sensitivity_reads_a_scenario_from_stdin() -> None:
    scenario = {"schema_version": 1, "name": "Piped", "weights": {"air_defence": 60}}
    completed = run_process("-", "--draws", "500", stdin=json.dumps(scenario))
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["scenario"]["name"] == "Piped"
    assert data["scenario"]["weights"]["air_defence"] == 60


def test_sensitivity_file_preset_and_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "scenario.json"
    path.write_text('{"schema_version": 1, "name": "From a file"}', encoding="utf-8")
    assert run(["sensitivity", str(path), "--draws", "300"]) == 0
    assert json.loads(capsys.readouterr().out)["scenario"]["name"] == "From a file"
    assert run(["sensitivity", "--preset", "moscow_deal", "--draws", "300"]) == 0
    preset = json.loads(capsys.readouterr().out)
    assert preset["scenario"]["name"] == MODEL.preset("moscow_deal").label
    arguments = ["--weights", "simplex", "--spread", "0.5", "--format", "text", "--draws", "300"]
    assert run(["sensitivity", *arguments]) == 0
    text = capsys.readouterr().out
    flat = " ".join(text.split())  # the summary is wrapped at 100 characters
    assert "300 plausible draws" in flat and "no preference information" in flat
    assert "Max regret" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--draws", "50"], ["--draws", "100", "200000"]),
        (["--draws", "300000"], ["--draws"]),
        (["--draws", "many"], ["--draws", "many"]),
        (["--seed", "-1"], ["--seed"]),
        (["--seed", "1.5"], ["--seed"]),
        (["--spread", "1.2"], ["--spread"]),
        (["--spread", "nan"], ["--spread"]),
        (["--band", "1"], ["--band"]),
        (["--weights", "uniform"], ["--weights"]),
        (["--preset", "nope"], ["nope"]),
        (["no_such_file.json"], ["no_such_file.json"]),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], words: list[str], capsys: pytest.CaptureFixture
) -> None:
    assert run(["sensitivity", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


def test_bad_scenario_in_a_process_exits_2_with_one_line() -> None:
    completed = run_process("-", stdin='{"schema_version": 1, "weights": {"leverage": -1}}')
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == [
        "error: stdin: weights.leverage: -1 is out of range; allowed whole numbers 0 to 100"
    ]
