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


def text_problem(text: str, multiline: bool = False) -> str | None:
    """Why `text` cannot be accepted as user text, in plain words, or None if it can."""
    for character in text:
        code = ord(character)
        if multiline and character in LINE_BREAKS:
            continue
        category = unicodedata.category(character)
        if category == "Cc":
            return f"contains a control character (U+{code:04X}); remove it"
        if category == "Cs":
            return f"contains an unpaired surrogate (U+{code:04X}); remove it"
        if _is_noncharacter(code):
            return f"contains a Unicode noncharacter (U+{code:04X}); remove it"
        if character in DIRECTION_CONTROLS:
            return f"contains a text-direction control (U+{code:04X}); remove it"
    return None


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
