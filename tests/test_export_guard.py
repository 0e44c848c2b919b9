"""Exports can never take the server down, whatever the text (hardening defect 1).

vl-convert aborts the whole process (a Rust panic that cannot unwind) on a character XML cannot
hold. Each case runs in a child process, so the test sees an abort as an exit status instead of
dying with it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RENDER = """
import sys
from datetime import UTC, datetime
from briefing import figures, snapshots
from scoring import Scenario, default_model, evaluate
model = default_model()
text = sys.argv[1].encode().decode("unicode_escape")
# Past every validation on purpose: the renderer's own guard is what is tested.
scenario = Scenario.build({}, model).model_copy(update={"name": text})
context = snapshots.context_for(scenario, model, datetime.now(UTC), marking=text)
png = snapshots.snapshot_png(figures.recommendation(evaluate(scenario, model), model), context)
print(len(png))
"""


@pytest.mark.parametrize("text", [r"a\x01b", r"a\x00b", r"\x08\x1b", r"a\ufffeb"])
def test_a_snapshot_of_text_xml_cannot_hold_is_drawn_not_a_crash(text: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", RENDER, text],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-500:]
    assert int(child.stdout) > 10_000  # a real picture


def test_a_renderer_failure_is_one_plain_export_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from briefing import figures, snapshots
    from scoring import Scenario, default_model, evaluate

    def broken(*_args: object, **_kwargs: object) -> str:
        raise ValueError("renderer internals\nwith a second line")

    model = default_model()
    scenario = Scenario.build({}, model)
    figure = figures.recommendation(evaluate(scenario, model), model)
    context = snapshots.context_for(scenario, model, datetime.now(UTC), marking="")
    snapshots.start_renderer()
    monkeypatch.setattr(snapshots.vlc, "vegalite_to_svg", broken)
    with pytest.raises(snapshots.ExportError) as caught:
        snapshots.snapshot_svg(figure, context)
    assert "\n" not in str(caught.value) and "nothing was exported" in str(caught.value)
