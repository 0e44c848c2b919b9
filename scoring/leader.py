"""Compare two evaluations: what moved, and why the leader leads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.result import Result


@dataclass(frozen=True)
class Headline:
    """The recommendation in a sentence's worth of numbers."""

    leader: str
    leader_label: str
    score: float
    runner_up_label: str | None
    margin: float
    tied: bool
    drivers: tuple[str, ...]  # criterion ids, largest advantage over the runner-up first
    first_labels: tuple[str, ...] = ()  # every option sharing first place, best score first

    @property
    def statement(self) -> str:
        """The recommendation in words; a tie is named as a tie, never as one leader."""
        if self.tied:
            return f"{join_labels(self.first_labels)} are tied at {self.score:.1f} of 100 points"
        return f"{self.leader_label} leads with {self.score:.1f} of 100 points"


def ordinal(rank: int) -> str:
    """'1st', '2nd', '3rd', '4th', ..., '11th', '21st'."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def join_labels(labels: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def headline(result: Result, driver_count: int = 2) -> Headline:
    """Leader, score, margin over the runner-up and the criteria that give it its lead."""
    ranking = result.ranking
    first = ranking[0]
    leader = result.option_ids.index(first.option_id)
    first_labels = tuple(entry.label for entry in ranking if entry.rank == first.rank)
    if len(ranking) == 1:
        return Headline(
            first.option_id, first.label, first.score, None, 0.0, False, (), first_labels
        )
    second = ranking[1]
    runner_up = result.option_ids.index(second.option_id)
    advantage = result.contributions[leader] - result.contributions[runner_up]
    order = np.argsort(-advantage, kind="stable")
    drivers = tuple(result.criterion_ids[n] for n in order[:driver_count] if advantage[n] > 0)
    return Headline(
        leader=first.option_id,
        leader_label=first.label,
        score=first.score,
        runner_up_label=second.label,
        margin=first.score - second.score,
        tied=first.rank == second.rank,
        drivers=drivers,
        first_labels=first_labels,
    )


def changes_against(current: Result, baseline: Result) -> pd.DataFrame:
    """Per option: score and rank now and at the baseline, and the change in each."""
    frame = pd.DataFrame(
        {
            "option_id": current.option_ids,
            "option": current.option_labels,
            "score": current.scores,
            "baseline_score": baseline.scores,
            "rank": current.ranks,
            "baseline_rank": baseline.ranks,
        }
    )
    frame["score_change"] = frame["score"] - frame["baseline_score"]
    frame["rank_change"] = frame["baseline_rank"] - frame["rank"]  # positive = moved up
    return frame.sort_values(["rank", "score"], ascending=[True, False]).reset_index(drop=True)
