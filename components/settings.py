"""Settings outside a scenario: the marking line and how draws are made (no Streamlit)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONFIG_FILE = Path(__file__).resolve().parent.parent / "desk.toml"
MARKING_VARIABLE = "S400_DESK_MARKING"
MARKING_LIMIT = 80


@dataclass(frozen=True)
class AnalysisSettings:
    """How the plausible draws are made (shown with every sampled result)."""

    draws: int = 20_000
    seed: int = 2026
    spread: float = 1.0
    weight_mode: str = "band"
    band: float = 0.25

    def describe(self) -> str:
        weights = (
            f"priorities within ±{self.band:.0%} of those set"
            if self.weight_mode == "band"
            else "priorities drawn uniformly (no preference information)"
        )
        ranges = "full" if self.spread == 1 else f"{self.spread:.0%} of their"
        return (
            f"{self.draws:,} draws, seed {self.seed}; assumptions triangular over {ranges} "
            f"ranges around the current values; {weights}"
        )


@cache
def marking() -> str:
    """The marking line from S400_DESK_MARKING or desk.toml ("" for none), at most 80 characters."""
    text = os.environ.get(MARKING_VARIABLE)
    if text is None and CONFIG_FILE.exists():
        with CONFIG_FILE.open("rb") as handle:
            text = tomllib.load(handle).get("export", {}).get("marking", "")
    return " ".join((text or "").split())[:MARKING_LIMIT]
