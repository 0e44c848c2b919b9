"""The README stays true: its set-up commands exist and its Python example runs."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from scoring import default_model

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["bash scripts/run.sh", "bash scripts/test.sh"]
    for command in commands:
        assert (ROOT / command.split()[1]).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_examples_run() -> None:
    """Every ```python block in the README and in docs/ runs as written."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    blocks = [
        (page.name, block)
        for page in pages
        for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    ]
    assert {"README.md", "api.md"} <= {name for name, _ in blocks}
    for name, block in blocks:
        namespace: dict[str, object] = {}
        exec(compile(block, name, "exec"), namespace)  # the project's own documentation
        assert namespace["best"].rank == 1
        if "leaders" in namespace:
            assert namespace["leaders"].shape == (1000,)


def test_readme_is_a_front_door() -> None:
    """At most 250 lines, no heading twice, and every docs/ page it links to exists."""
    assert len(README.splitlines()) <= 250
    headings = re.findall(r"^#+ (.+)$", README, re.M)
    assert len(headings) == len(set(headings))
    for link in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (ROOT / link).is_file(), link


def test_the_readme_picture_shows_the_current_model() -> None:
    """The picture a new user sees first is of this model, not of an older dashboard (it showed
    model 1.0 and a page two redesigns old). `scripts/readme_screenshot.py` retakes it."""
    picture = re.search(r"!\[[^]]*\]\((docs/[^)]+\.png)\)", README).group(1)
    shown = Image.open(ROOT / picture).text.get("Model")
    assert shown == default_model().info.version, (
        f"{picture} shows model {shown}: retake it with scripts/readme_screenshot.py"
    )
