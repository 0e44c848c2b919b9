"""`python -m briefing`: the pack for a saved scenario without a browser.

Bad input ends with exit status 2, one `error:` line on stderr, nothing on stdout, no traceback and
no file. An existing file is replaced only with --force; a failed write leaves nothing behind.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing import cli
from scoring import Scenario, default_model

ROOT = Path(__file__).resolve().parents[1]
QUICK = ["--draws", "200"]
SCENARIO = {
    "schema_version": 1,
    "name": "Saved for the weekly pack",
    "assumptions": {"interceptor_shelf_life_years": 3},
    "weights": {"f35_prospects": 40},
}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run the CLI in this process; returns exit status, stdout and stderr."""
    status = cli.run([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_usage_error(status: int, out: str, err: str) -> str:
    assert status == 2, err
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    return lines[0]


def read_pack(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(path.read_bytes()))


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    return path


@pytest.fixture
def quick_pack(monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Replace the pack with a stand-in, for tests about files rather than content."""
    stand_in = b"PK stand-in pack"
    monkeypatch.setattr(cli, "build_pack", lambda *args: stand_in)
    return stand_in


def test_a_scenario_file_becomes_a_pack(
    capsys: pytest.CaptureFixture[str], saved: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack.zip"
    status, stdout, stderr = run(capsys, saved, "--out", out, *QUICK)
    assert status == 0, stderr
    assert stderr == ""
    assert stdout.startswith(f"wrote {out} (") and stdout.count("\n") == 1
    pack = read_pack(out)
    assert Scenario.from_json(pack.read("scenario.json")) == Scenario.build(SCENARIO)
    assert "200 draws, seed 2026" in pack.read("README.txt").decode()
    assert leftovers(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not a temporary's


def test_stdin_and_a_seed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stdin = SimpleNamespace(buffer=io.BytesIO(json.dumps(SCENARIO).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    out = tmp_path / "pack.zip"
    status, _, stderr = run(capsys, "-", "--out", out, "--seed", "11", *QUICK)
    assert status == 0, stderr
    pack = read_pack(out)
    assert json.loads(pack.read("scenario.json"))["name"] == SCENARIO["name"]
    rows = pack.read("results/rank_acceptability.csv").decode().splitlines()[1:]
    assert rows and all(row.endswith(",200,11") for row in rows)  # draws, seed


def test_a_preset_with_its_own_marking(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "pack.zip"
    status, _, stderr = run(
        capsys, "--preset", "moscow_deal", "--out", out, "--marking", "  OFFICIAL   USE ", *QUICK
    )
    assert status == 0, stderr
    pack = read_pack(out)
    assert json.loads(pack.read("scenario.json"))["name"] == "Moscow buyback deal"
    assert pack.read("README.txt").decode().startswith("OFFICIAL USE\n")
    assert "OFFICIAL USE" in pack.read("charts/recommendation_chart.svg").decode()


def test_an_empty_marking_means_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(cli, "build_pack", lambda *args: seen.append(args[-1]) or b"PK")
    status, _, stderr = run(capsys, "--out", tmp_path / "pack.zip", "--marking", "")
    assert status == 0, stderr
    assert seen == [""]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{bad}", "--out", "{out}"], "not valid JSON"),
        (["{range}", "--out", "{out}"], "12 is out of range; allowed 2 to 10 years"),
        (["{missing}", "--out", "{out}"], "cannot read"),
        (["--preset", "nope", "--out", "{out}"], "unknown preset 'nope'"),
        (["{range}", "--preset", "baseline", "--out", "{out}"], "not both"),
        (["--out", "{out}", "--draws", "5"], "--draws: must be a whole number from 100"),
        (["--out", "{out}", "--seed", "-1"], "--seed: must be a whole number of 0 or more"),
        (["--out", "{out}", "--marking", "x" * 81], "at most 80 characters"),
        (["--out", "{out}", "--marking", "a\x01b"], "control character (U+0001)"),
        (["{control}", "--out", "{out}"], "name: contains a control character (U+0001)"),
        (["--out", "{folder}/nowhere/pack.zip"], "no folder"),
        ([], "--out"),
    ],
)
def test_bad_input_is_one_line_and_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    too_long = {**SCENARIO, "assumptions": {"interceptor_shelf_life_years": 12}}
    (tmp_path / "range.json").write_text(json.dumps(too_long), encoding="utf-8")
    control = {**SCENARIO, "name": "a\x01b"}  # once aborted the renderer (exit 134)
    (tmp_path / "control.json").write_text(json.dumps(control), encoding="utf-8")
    places = {
        "control": tmp_path / "control.json",
        "bad": tmp_path / "bad.json",
        "range": tmp_path / "range.json",
        "missing": tmp_path / "missing.json",
        "out": tmp_path / "pack.zip",
        "folder": tmp_path,
    }
    line = assert_usage_error(*run(capsys, *(arg.format(**places) for arg in args)))
    assert message in line
    assert not (tmp_path / "pack.zip").exists()
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_kept_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, quick_pack: bytes
) -> None:
    out = tmp_path / "pack.zip"
    out.write_bytes(b"last week's pack")
    line = assert_usage_error(*run(capsys, "--out", out))
    assert line == f"error: {out} exists; add --force to replace it"
    assert out.read_bytes() == b"last week's pack"


def test_force_replaces_an_existing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, quick_pack: bytes
) -> None:
    out = tmp_path / "pack.zip"
    out.write_bytes(b"last week's pack")
    status, _, stderr = run(capsys, "--out", out, "--force")
    assert status == 0, stderr
    assert out.read_bytes() == quick_pack
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_force_never_replaces_anything_but_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, quick_pack: bytes, kind: str
) -> None:
    """A device, a pipe or a folder at --out stays what it is, --force or not."""
    out = tmp_path / "special"
    os.mkfifo(out) if kind == "fifo" else out.mkdir()
    line = assert_usage_error(*run(capsys, "--out", out, "--force"))
    assert line == f"error: {out} is not a regular file; give the path of a file to write"
    assert out.is_fifo() if kind == "fifo" else out.is_dir()


def test_a_failed_write_leaves_no_half_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    quick_pack: bytes,
) -> None:
    def refuse(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    out = tmp_path / "pack.zip"
    line = assert_usage_error(*run(capsys, "--out", out))
    assert line == f"error: cannot write {out}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_python_m_briefing_runs_from_the_repository(tmp_path: Path) -> None:
    out = tmp_path / "pack.zip"
    completed = subprocess.run(
        [sys.executable, "-m", "briefing", "--preset", "baseline", "--out", str(out), *QUICK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    names = read_pack(out).namelist()
    assert "briefing.pptx" in names and "charts/sens_map.png" in names
    assert default_model().version in read_pack(out).read("README.txt").decode()
