"""The outcome of evaluating one scenario, with tables for charts and JSON for the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from scoring.batch import Batch
from scoring.loader import DecisionModel
from scoring.scenario import Scenario

Table = Literal["performance", "values", "contributions"]


@dataclass(frozen=True)
class RankedOption:
    rank: int
    option_id: str
    label: str
    score: float


@dataclass(frozen=True, eq=False)
class Result:
    """Performance, values, weights, contributions, scores and ranks for one scenario."""

    scenario: Scenario
    model_version: str
    option_ids: tuple[str, ...]
    option_labels: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    performance: np.ndarray  # (M, N) in each criterion's unit
    values: np.ndarray  # (M, N) 0-100
    weights: np.ndarray  # (N,) normalised to sum 1
    contributions: np.ndarray  # (M, N) sum over N equals scores
    scores: np.ndarray  # (M,) 0-100
    ranks: np.ndarray  # (M,) 1 = best; ties share a rank

    @classmethod
    def from_batch(
        cls, batch: Batch, draw: int, scenario: Scenario, model: DecisionModel
    ) -> Result:
        """Take draw `draw` out of a batch."""
        return cls(
            scenario=scenario,
            model_version=model.version,
            option_ids=model.option_ids,
            option_labels=tuple(option.label for option in model.options),
            criterion_ids=model.criterion_ids,
            performance=batch.performance[draw],
            values=batch.values[draw],
            weights=batch.weights[draw],
            contributions=batch.contributions[draw],
            scores=batch.scores[draw],
            ranks=batch.ranks[draw],
        )

    @property
    def ranking(self) -> list[RankedOption]:
        """Options best first; within a shared rank, the higher raw score first."""
        order = sorted(range(len(self.option_ids)), key=lambda m: (self.ranks[m], -self.scores[m]))
        return [
            RankedOption(
                int(self.ranks[m]), self.option_ids[m], self.option_labels[m], float(self.scores[m])
            )
            for m in order
        ]

    def frame(self, table: Table) -> pd.DataFrame:
        """One options x criteria table as a DataFrame indexed by option id."""
        data = getattr(self, table)
        return pd.DataFrame(data, index=list(self.option_ids), columns=list(self.criterion_ids))

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready types, rounded to 6 decimals."""

        def table(data: np.ndarray) -> dict[str, dict[str, float]]:
            return {
                option_id: {
                    c: round(float(v), 6) for c, v in zip(self.criterion_ids, row, strict=True)
                }
                for option_id, row in zip(self.option_ids, data, strict=True)
            }

        return {
            "model_version": self.model_version,
            "scenario": self.scenario.model_dump(),
            "ranking": [
                {
                    "rank": entry.rank,
                    "option": entry.option_id,
                    "label": entry.label,
                    "score": round(entry.score, 6),
                }
                for entry in self.ranking
            ],
            "scores": {
                o: round(float(s), 6) for o, s in zip(self.option_ids, self.scores, strict=True)
            },
            "weights": {
                c: round(float(w), 6) for c, w in zip(self.criterion_ids, self.weights, strict=True)
            },
            "contributions": table(self.contributions),
            "values": table(self.values),
            "performance": table(self.performance),
        }
