"""The command line as users run it: `python -m scoring evaluate|describe|validate`.

Bad input ends with exit status 2, one `error:` line on stderr, nothing on stdout and no traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import scoring
from scoring.loader import DecisionModel

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
RESULT_KEYS = {"ranking", "scores", "contributions", "weights", "model_version"}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m scoring ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_json(*args: str, stdin: str | None = None) -> dict[str, Any]:
    """Run the CLI expecting success and JSON on stdout."""
    completed = run_cli(*args, stdin=stdin)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    return json.loads(completed.stdout)


def assert_usage_error(completed: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, one `error:` line on stderr, empty stdout, no traceback; returns the line."""
    assert completed.returncode == 2, completed.stderr
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith("error:")
    assert lines[0].removeprefix("error:").strip()
    return lines[0]


def rounding_slack(terms: int) -> float:
    """Worst error of a sum of `terms` values each rounded to 6 decimals, plus the rounded total."""
    return (terms + 1) * 0.5e-6 + 1e-12


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    """The shipped model, for labels, ids and defaults."""
    return scoring.load_model()


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    """`evaluate` with no scenario, parsed once for this module."""
    return run_json("evaluate")


# --- evaluate ---------------------------------------------------------------------------------


def test_evaluate_prints_the_result_keys(baseline: dict[str, Any]) -> None:
    assert set(baseline) >= RESULT_KEYS


def test_evaluate_ranks_every_option_and_strategy(
    baseline: dict[str, Any], model: DecisionModel
) -> None:
    ranking = baseline["ranking"]
    assert len(ranking) == len(model.direct_options) + len(model.strategies) > 8
    assert sorted(entry["option"] for entry in ranking) == sorted(model.option_ids)
    ranks = [entry["rank"] for entry in ranking]
    assert ranks[0] == 1
    assert ranks == sorted(ranks)
    assert all(rank <= position for position, rank in enumerate(ranks, start=1))


def test_evaluate_ranking_is_best_first(baseline: dict[str, Any]) -> None:
    ranked_scores = [entry["score"] for entry in baseline["ranking"]]
    assert ranked_scores == sorted(ranked_scores, reverse=True)
    for entry in baseline["ranking"]:
        assert entry["score"] == baseline["scores"][entry["option"]]


def test_evaluate_contributions_sum_to_scores(baseline: dict[str, Any]) -> None:
    for option_id, parts in baseline["contributions"].items():
        assert sum(parts.values()) == pytest.approx(
            baseline["scores"][option_id], abs=rounding_slack(len(parts))
        )


def test_evaluate_weights_sum_to_one(baseline: dict[str, Any], model: DecisionModel) -> None:
    weights = baseline["weights"]
    assert set(weights) == set(model.criterion_ids)
    assert sum(weights.values()) == pytest.approx(1.0, abs=rounding_slack(len(weights)))


def test_evaluate_weights_are_the_normalised_defaults(
    baseline: dict[str, Any], model: DecisionModel
) -> None:
    total = sum(c.default_weight for c in model.criteria)
    for criterion in model.criteria:
        expected = criterion.default_weight / total
        assert baseline["weights"][criterion.id] == pytest.approx(expected, abs=1e-6)


def test_evaluate_reports_the_model_version(baseline: dict[str, Any], model: DecisionModel) -> None:
    assert baseline["model_version"] == model.version


def test_evaluate_scenario_file_changes_the_result(
    tmp_path: Path, baseline: dict[str, Any], model: DecisionModel
) -> None:
    """A likelier readmission, weighted heavily, lifts dismantling (which ends possession)."""
    scenario = {
        "schema_version": 1,
        "name": "Readmission likely",
        "assumptions": {"p_readmission_if_divested": 0.75},
        "weights": {"f35_prospects": 100},
    }
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    result = run_json("evaluate", str(path))

    assert result["scenario"]["name"] == "Readmission likely"
    assert result["scenario"]["assumptions"]["p_readmission_if_divested"] == 0.75
    assert result["scores"]["dismantle"] > baseline["scores"]["dismantle"]
    # Dismantling needs no one's consent and earns full route credit, so its readmission chance
    # is the assumption itself, valued linearly on the reachable 0-0.75 range: 0.75 -> 100 points.
    assert result["values"]["dismantle"]["f35_prospects"] == pytest.approx(100.0)
    others = sum(c.default_weight for c in model.criteria if c.id != "f35_prospects")
    assert result["weights"]["f35_prospects"] == pytest.approx(100 / (100 + others), abs=1e-6)


def test_evaluate_reads_stdin(baseline: dict[str, Any]) -> None:
    scenario = {"schema_version": 1, "assumptions": {"p_readmission_if_divested": 0.75}}
    result = run_json("evaluate", "-", stdin=json.dumps(scenario))
    assert result["scenario"]["assumptions"]["p_readmission_if_divested"] == 0.75
    assert result["scores"]["dismantle"] > baseline["scores"]["dismantle"]


def test_evaluate_empty_scenario_file_equals_baseline(
    tmp_path: Path, baseline: dict[str, Any]
) -> None:
    path = tmp_path / "scenario.json"
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    assert run_json("evaluate", str(path))["scores"] == baseline["scores"]


def test_evaluate_preset_uses_its_name_and_values(
    baseline: dict[str, Any], model: DecisionModel
) -> None:
    preset = model.preset("moscow_deal")
    result = run_json("evaluate", "--preset", "moscow_deal")
    assert result["scenario"]["name"] == preset.label
    for assumption_id, value in preset.assumptions.items():
        assert result["scenario"]["assumptions"][assumption_id] == value
    for criterion_id, weight in preset.weights.items():
        assert result["scenario"]["weights"][criterion_id] == weight
    # A likelier buyback at a higher price recovers more money from selling back to Russia.
    assert (
        result["performance"]["sell_back_russia"]["net_financial"]
        > baseline["performance"]["sell_back_russia"]["net_financial"]
    )


def test_evaluate_baseline_preset_equals_no_scenario(baseline: dict[str, Any]) -> None:
    assert run_json("evaluate", "--preset", "baseline")["scores"] == baseline["scores"]


def test_evaluate_table_is_readable(model: DecisionModel) -> None:
    completed = run_cli("evaluate", "--format", "table")
    assert completed.returncode == 0, completed.stderr
    assert "Rank" in completed.stdout
    for option in model.options:
        assert option.label in completed.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(completed.stdout)


# --- describe and validate --------------------------------------------------------------------


def test_describe_lists_every_id_and_default(model: DecisionModel) -> None:
    completed = run_cli("describe")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    for item_id in (*model.option_ids, *model.criterion_ids):
        assert any(line.split()[:1] == [item_id] for line in lines), item_id
    section = lines[next(i for i, line in enumerate(lines) if line.startswith("ASSUMPTIONS")) :]
    for assumption in model.assumptions:
        matching = [line.split() for line in section if line.split()[:1] == [assumption.id]]
        assert len(matching) == 1, assumption.id
        words = matching[0]
        assert words[1] == f"{assumption.default:g}", assumption.id
        assert words[2] == f"[{assumption.min:g}", assumption.id
        assert words[4] == f"{assumption.max:g},", assumption.id


def test_describe_json_parses(model: DecisionModel) -> None:
    described = run_json("describe", "--format", "json")
    assert [o["id"] for o in described["options"]] == list(model.direct_option_ids)
    assert [s["id"] for s in described["strategies"]] == [s.id for s in model.strategies]
    assert all(s["attempts"] for s in described["strategies"])
    assert [c["id"] for c in described["criteria"]] == list(model.criterion_ids)
    defaults = {a["id"]: a["default"] for a in described["assumptions"]}
    assert defaults == {a.id: a.default for a in model.assumptions}
    assert described["model_version"] == model.version


def test_validate_reports_counts(model: DecisionModel) -> None:
    completed = run_cli("validate")
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert out.startswith("ok:")
    assert f"{len(model.options)} options" in out
    assert f"{len(model.criteria)} criteria" in out
    assert f"{len(model.assumptions)} assumptions" in out
    assert f"{len(model.evidence)} evidence entries" in out
    assert f"{len(model.presets)} presets" in out
    assert model.version in out


# --- bad input --------------------------------------------------------------------------------

OVERSIZED = json.dumps({"schema_version": 1, "notes": "x" * (1100 * 1024)})

# (case id, scenario file text, words the error line must contain)
BAD_FILES = [
    ("malformed_json", '{"schema_version": 1,', ["JSON"]),
    ("not_an_object", "[1, 2]", ["object"]),
    ("missing_schema_version", '{"name": "x"}', ["schema_version"]),
    ("schema_version_2", '{"schema_version": 2}', ["schema_version", "2"]),
    (
        "unknown_assumption",
        '{"schema_version": 1, "assumptions": {"shelf_life": 5}}',
        ["shelf_life"],
    ),
    (
        "out_of_range",
        '{"schema_version": 1, "assumptions": {"interceptor_shelf_life_years": 11}}',
        ["interceptor_shelf_life_years", "2", "10"],
    ),
    (
        "wrong_type",
        '{"schema_version": 1, "assumptions": {"interceptor_shelf_life_years": "5"}}',
        ["interceptor_shelf_life_years", "not a number"],
    ),
    (
        "unknown_criterion",
        '{"schema_version": 1, "weights": {"f35": 10}}',
        ["f35"],
    ),
    (
        "negative_weight",
        '{"schema_version": 1, "weights": {"leverage": -1}}',
        ["weights.leverage", "out of range"],
    ),
    ("deeply_nested", "[" * 100_000 + "]" * 100_000, ["nested far too deep"]),
    (
        "five_thousand_digits",
        '{"schema_version": 1, "weights": {"leverage": ' + "9" * 5_000 + "}}",
        ["not a scenario"],
    ),
    (
        "overflowing_weights",
        '{"schema_version": 1, "weights": {"leverage": 1e308, "air_defence": 1e308}}',
        ["weights.", "out of range"],
    ),
    ("fractional_weight", '{"schema_version": 1, "weights": {"leverage": 2.5}}', ["whole"]),
    ("control_character", '{"schema_version": 1, "name": "a\\u0001b"}', ["U+0001"]),
    ("unknown_field", '{"schema_version": 1, "colour": "red"}', ["colour"]),
    ("oversized", OVERSIZED, ["1 MB"]),
]


def all_zero_weights() -> str:
    """A scenario whose every weight is zero."""
    weights = {criterion_id: 0 for criterion_id in scoring.load_model().criterion_ids}
    return json.dumps({"schema_version": 1, "weights": weights})


@pytest.mark.parametrize(
    ("text", "words"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_bad_scenario_file(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "scenario.json"
    path.write_text(text, encoding="utf-8")
    line = assert_usage_error(run_cli("evaluate", str(path)))
    assert str(path) in line
    for word in words:
        assert word in line


def test_bad_scenario_on_stdin_names_stdin() -> None:
    line = assert_usage_error(run_cli("evaluate", "-", stdin='{"schema_version": 2}'))
    assert "stdin" in line


def test_all_zero_weights(tmp_path: Path) -> None:
    path = tmp_path / "scenario.json"
    path.write_text(all_zero_weights(), encoding="utf-8")
    line = assert_usage_error(run_cli("evaluate", str(path)))
    assert "zero" in line


def test_nonexistent_file(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_scenario.json"
    line = assert_usage_error(run_cli("evaluate", str(missing)))
    assert str(missing) in line


def test_unknown_preset() -> None:
    line = assert_usage_error(run_cli("evaluate", "--preset", "no_such_preset"))
    assert "no_such_preset" in line
    assert "baseline" in line  # lists the known presets


def test_file_and_preset_together(tmp_path: Path) -> None:
    path = tmp_path / "scenario.json"
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    line = assert_usage_error(run_cli("evaluate", str(path), "--preset", "baseline"))
    assert "preset" in line


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), (), ("evaluate", "--format", "xml"), ("evaluate", "--bogus")],
    ids=["unknown_command", "no_command", "unknown_format", "unknown_flag"],
)
def test_bad_command_line(args: tuple[str, ...]) -> None:
    assert_usage_error(run_cli(*args))


# --- corrupted data ---------------------------------------------------------------------------


def corrupted_copy(tmp_path: Path, relative: str, old: str, new: str) -> Path:
    """A copy of data/ with the first `old` in `relative` replaced by `new`."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("relative", "old", "new", "words"),
    [
        (
            "assumptions.toml",
            "default = 5\nmin = 2\nmax = 10",
            "default = 50\nmin = 2\nmax = 10",
            ["interceptor_shelf_life_years", "default"],
        ),
        ("evidence.toml", 'date = "2017-09-12"', 'date = "12/09/2017"', ["A1", "date"]),
        ("options/dismantle.toml", 'id = "dismantle"', 'id = "demolish"', ["id"]),
        ("presets.toml", "[[preset]]", "[[preset]", ["not valid TOML"]),
    ],
    ids=["assumption_default", "evidence_date", "option_id", "invalid_toml"],
)
@pytest.mark.parametrize("command", ["validate", "evaluate", "describe"])
def test_corrupted_data_dir(
    tmp_path: Path, relative: str, old: str, new: str, words: list[str], command: str
) -> None:
    data = corrupted_copy(tmp_path, relative, old, new)
    line = assert_usage_error(run_cli("--data", str(data), command))
    assert f"data/{relative}" in line
    for word in words:
        assert word in line


def test_data_dir_with_a_missing_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "presets.toml").unlink()
    line = assert_usage_error(run_cli("--data", str(data), "validate"))
    assert "data/presets.toml" in line


def test_data_dir_that_does_not_exist(tmp_path: Path) -> None:
    assert_usage_error(run_cli("--data", str(tmp_path / "nowhere"), "validate"))


def test_valid_data_copy_is_accepted(tmp_path: Path, model: DecisionModel) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    completed = run_cli("--data", str(data), "validate")
    assert completed.returncode == 0, completed.stderr
    assert model.version in completed.stdout


@pytest.mark.parametrize("package", ["scoring", "briefing"])
def test_help_opens_with_whole_sentences_naming_every_command(package: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", package, "--help"], capture_output=True, text=True, check=True
    )
    usage, description = completed.stdout.split("\n\n")[:2]
    assert description.rstrip().endswith(".")  # not cut off mid-sentence
    if package == "scoring":
        commands = usage.split("{")[1].split("}")[0].split(",")
        assert all(f"{command}" in description for command in commands)


@pytest.mark.parametrize("module", ["scoring.cli", "briefing.cli"])
def test_every_option_of_every_command_says_what_it_does(module: str) -> None:
    """`--help` explains each option, so a new user never meets a bare '--seed SEED'."""
    import argparse
    import importlib

    parsers = [importlib.import_module(module)._parser()]
    bare = []
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            elif action.option_strings and not action.help:
                bare.append(f"{parser.prog} {action.option_strings[0]}")
    assert bare == []
