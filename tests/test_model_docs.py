"""docs/model.md shows the model as it is: its generated sections match a fresh run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generated_sections_of_the_model_page_are_current() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "model_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
