"""One rule for every piece of user text (names, notes, authors, rationales, link values).

Text that passes is safe to store, to show and to hand to the chart renderer and the slide
writer: no control characters (tab and line breaks only where a field spans lines), no lone
surrogates, no Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...) and no bidirectional
embedding, override or isolate controls, which can make text read differently from what it is.
Everything that passes is a valid XML 1.0 character.
"""

from __future__ import annotations

import unicodedata

LINE_BREAKS = frozenset("\t\n\r")
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _refusal(character: str) -> str | None:
    """What is wrong with `character` in user text (line breaks included), or None."""
    category = unicodedata.category(character)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "an unpaired surrogate"
    if _is_noncharacter(ord(character)):
        return "a Unicode noncharacter"
    if character in DIRECTION_CONTROLS:
        return "a text-direction control"
    return None


def text_problem(text: str, multiline: bool = False) -> str | None:
    """Why `text` cannot be accepted as user text, in plain words, or None if it can."""
    for character in text:
        if multiline and character in LINE_BREAKS:
            continue
        refusal = _refusal(character)
        if refusal:
            return f"contains {refusal} (U+{ord(character):04X}); remove it"
    return None


def one_line(text: str, limit: int) -> str:
    """`text` as one line that `text_problem` accepts: line breaks and tabs become spaces,
    every other character it refuses is dropped, runs of spaces become one, the ends are
    trimmed, and text over `limit` characters ends in an ellipsis."""
    kept = "".join(
        " " if character in LINE_BREAKS else character
        for character in text
        if character in LINE_BREAKS or _refusal(character) is None
    )
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by U+FFFD (a last line of
    defence before a renderer that aborts on them; validated text never needs it)."""
    return "".join(
        character
        if character in LINE_BREAKS
        or (0x20 <= ord(character) <= 0xD7FF)
        or (0xE000 <= ord(character) <= 0xFFFD)
        or ord(character) >= 0x10000
        else "\ufffd"
        for character in text
    )
