"""User text (scenario names, notes, authors, link values, import contents) shown literally.

Streamlit renders Markdown in captions, alerts, toasts and labels, and links bare URLs even
after their punctuation is escaped. User text therefore goes into Markdown only as a code span,
which Markdown shows character for character: no link, image, HTML, emphasis, colour directive
or icon is ever made from it.
"""

from __future__ import annotations

import re

_BACKTICK_RUNS = re.compile(r"`+")


def literal(text: str, limit: int = 120) -> str:
    """`text` as a Markdown code span: shown exactly as typed (whitespace runs become one
    space; text over `limit` characters is shortened with an ellipsis)."""
    shown = " ".join(text.split())
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    if not shown:
        return "` `"
    fence = "`" * (max((len(run) for run in _BACKTICK_RUNS.findall(shown)), default=0) + 1)
    padding = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{padding}{shown}{padding}{fence}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: str, limit: int | None = 120) -> str:
    """The app's own text (chart titles, the configured marking) with Markdown syntax escaped;
    `limit=None` keeps all of it (reference text, read in full)."""
    shortened = text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(shortened.split()))
