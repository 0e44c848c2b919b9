"""Regenerate the generated sections of docs/model.md from the model itself.

Usage: python scripts/model_docs.py [--check]. Each section sits between `<!-- name:start -->` and
`<!-- name:end -->` markers; --check exits 1 if the file differs from what would be written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring.doc_sections import generated_sections

DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def render(text: str, sections: dict[str, str]) -> str:
    """`text` with each marked section replaced by its generated body."""
    for name, body in sections.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"docs/model.md: no <!-- {name}:start --> ... end --> markers")
        text = pattern.sub(lambda match, body=body: f"{match[1]}{body.rstrip()}\n{match[2]}", text)
    return text


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    updated = render(current, generated_sections())
    if "--check" in argv:
        if updated != current:
            print("docs/model.md is out of date: run python scripts/model_docs.py")
            return 1
        return 0
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
