"""Safe display of user-supplied text (scenario names, URL values) in Markdown elements."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: str, limit: int = 120) -> str:
    """Text shown literally by st.markdown and friends: no links, formatting or HTML."""
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(shortened.split()))
