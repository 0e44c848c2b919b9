"""A setting's value in words with its unit: the one way the app, the command line and every
export write an assumption's value, so a probability reads "35%" wherever it appears."""

from __future__ import annotations

import math

PROBABILITY = "probability"
SHARE = "share "  # "share of US$2.5 bn", "share lost per year": fractions, read as per cent
MONEY = "US$ "  # "US$ bn", "US$ m per year": the currency goes before the number
BARE_UNITS = frozenset({PROBABILITY, "year", "index (0-1)"})  # said by the number alone


def is_fraction(unit: str) -> bool:
    """Whether values in `unit` read best as percentages (0.35 as 35%)."""
    return unit == PROBABILITY or unit.startswith(SHARE)


def unit_words(unit: str, horizon_years: float) -> str:
    """The unit as a name or a column says it: a probability with its time horizon ("chance
    within 10 years"), any other unit as written."""
    return f"chance within {horizon_years:g} years" if unit == PROBABILITY else unit


def scale_words(unit: str, horizon_years: float) -> str:
    """The unit of an axis or column whose numbers `number_text` wrote: fractions in per cent
    ("% chance within 10 years", "% of US$2.5 bn"), any other unit as `unit_words` says it."""
    if unit.startswith(SHARE):
        return f"% {unit.removeprefix(SHARE)}"
    return f"% {unit_words(unit, horizon_years)}" if is_fraction(unit) else unit


def step_decimals(step: float) -> int:
    """As many decimals as a slider step of `step` needs (1 -> 0, 0.5 -> 1, 0.05 -> 2)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def number_text(value: float, unit: str, step: float | None = None) -> str:
    """The number alone as its unit reads: '35%' for a probability or a share, else '2.5' or
    '2030'; to the decimals `step` needs (per cent steps for fractions), or as short as it goes."""
    scale = 100.0 if is_fraction(unit) else 1.0
    shown = scale * value
    text = f"{shown:g}" if step is None else f"{shown:.{step_decimals(scale * step)}f}"
    return f"{text}%" if is_fraction(unit) else text


def setting_text(value: float, unit: str, step: float | None = None) -> str:
    """'35%', '40% of US$2.5 bn', '5% lost per year', 'US$1.4 bn', '-US$0.2 bn', '2 years',
    '1 year', '0.6' (an index), '2030' (a calendar year)."""
    if unit.startswith(MONEY):
        sign = "-" if value < 0 else ""
        return f"{sign}US${number_text(abs(value), unit, step)} {unit.removeprefix(MONEY)}"
    number = number_text(value, unit, step)
    if unit in BARE_UNITS:
        return number
    if unit.startswith(SHARE):
        return f"{number} {unit.removeprefix(SHARE)}"
    if unit.endswith("s") and math.isclose(value, 1.0):
        return f"{number} {unit[:-1]}"
    return f"{number} {unit}"


def change_text(change: float, unit: str) -> str:
    """A move in a setting, signed: '+25 percentage points' for a probability or a share,
    '-2 years' (also for a calendar year), '+US$0.3 bn', '+0.3' for an index."""
    if is_fraction(unit):
        return f"{100 * change:+g} percentage points"
    if unit == "year":  # a calendar year moves by years
        return f"{change:+g} year" + ("" if math.isclose(abs(change), 1.0) else "s")
    sign = "+" if change >= 0 else "-"
    return sign + setting_text(abs(change), unit).removeprefix("-")
