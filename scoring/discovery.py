"""Scenario discovery: in which of the plausible draws does each contender lead, in plain words.

After Bryant & Lempert (2010) and RAND's Robust Decision Making, with CART in place of PRIM: for
each contender (an option first in at least `MIN_SHARE` of the draws), the draws it wins are
marked and scikit-learn's `DecisionTreeClassifier` (depth `DEPTH`, leaves of at least `MIN_LEAF`
of the draws, seeded) is fitted on `FIT_DRAWS` of them, chosen at random, on the inputs: every
assumption and, when priorities are drawn, each criterion's share of the total priority. Each
leaf is a box of conditions on the inputs ("F-35 readmission chance if divested above 47.5%"); a
leaf where most draws are marked is a rule. Every rule reports its **coverage** (the share of
the contender's wins inside the box) and its **density** (the share of the box's draws that the
contender wins), both counted on all the draws; the `RULES` rules with the largest coverage are
kept.

The draws are those of the robustness analysis around this scenario (`scoring.sampling`), from
`numpy.random.default_rng(seed)`: assumptions first, then priorities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from scoring import sampling
from scoring.engine import evaluate_scores
from scoring.loader import DecisionModel
from scoring.scenario import Scenario
from scoring.units import setting_text

MIN_SHARE = 0.05
MAX_CONTENDERS = 4
DEPTH = 3
MIN_LEAF = 0.02
FIT_DRAWS = 5_000
RULES = 2


@dataclass(frozen=True)
class Condition:
    """One side of one input: `input_id` below (or above) `threshold`."""

    input_id: str  # an assumption id, or `weight_<criterion id>` for a priority share
    side: str  # "below" or "above"
    threshold: float
    text: str


@dataclass(frozen=True)
class Rule:
    """A box on the inputs where the contender wins most draws."""

    conditions: tuple[Condition, ...]
    coverage: float  # share of the contender's wins that fall in the box
    density: float  # share of the box's draws that the contender wins
    draws: int  # draws in the box
    text: str


@dataclass(frozen=True)
class Contender:
    """An option that wins a fair share of the draws, and where it wins."""

    option_id: str
    label: str
    share: float  # share of all draws it wins
    rules: tuple[Rule, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "option": self.option_id,
            "share": round(self.share, 6),
            "rules": [
                {
                    "text": rule.text,
                    "coverage": round(rule.coverage, 6),
                    "density": round(rule.density, 6),
                    "draws": rule.draws,
                    "conditions": [
                        {"input": c.input_id, "side": c.side, "threshold": round(c.threshold, 6)}
                        for c in rule.conditions
                    ],
                }
                for rule in self.rules
            ],
        }


def _inputs(
    model: DecisionModel, assumptions: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """The features (K, F) and their ids: assumptions, then priority shares that vary."""
    varying = np.ptp(weights, axis=0) > 0
    ids = list(model.assumption_ids) + [
        f"weight_{c}" for c, used in zip(model.criterion_ids, varying, strict=True) if used
    ]
    return np.hstack([assumptions, weights[:, varying]]), ids


def _condition(model: DecisionModel, input_id: str, side: str, threshold: float) -> Condition:
    if input_id.startswith("weight_"):
        criterion = model.criterion(input_id.removeprefix("weight_"))
        text = f"{criterion.priority_label} {side} {100 * threshold:.1f}% of the total"
    else:
        spec = model.assumption(input_id)
        text = f"{spec.label} {side} {setting_text(threshold, spec.unit, spec.step / 10)}"
    return Condition(input_id, side, float(threshold), text)


def _leaf_boxes(tree: DecisionTreeClassifier) -> dict[int, list[tuple[int, str, float]]]:
    """Each leaf's path from the root as (feature, side, threshold) steps."""
    structure = tree.tree_
    paths: dict[int, list[tuple[int, str, float]]] = {}
    stack: list[tuple[int, list[tuple[int, str, float]]]] = [(0, [])]
    while stack:
        node, path = stack.pop()
        left, right = structure.children_left[node], structure.children_right[node]
        if left == right:  # a leaf
            paths[node] = path
            continue
        feature, threshold = int(structure.feature[node]), float(structure.threshold[node])
        stack.append((left, [*path, (feature, "below", threshold)]))
        stack.append((right, [*path, (feature, "above", threshold)]))
    return paths


def _tightest(path: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
    """One condition per feature and side: the tightest bound."""
    bounds: dict[tuple[int, str], float] = {}
    for feature, side, threshold in path:
        key = (feature, side)
        pick = min if side == "below" else max
        bounds[key] = pick(bounds.get(key, threshold), threshold)
    return [(feature, side, threshold) for (feature, side), threshold in bounds.items()]


def leading_rules(
    model: DecisionModel, features: np.ndarray, ids: list[str], wins: np.ndarray, seed: int
) -> tuple[Rule, ...]:
    """The boxes where `wins` (K,) holds in most draws of the features (K, F) named by `ids`
    (assumption ids or `weight_<criterion id>`), largest coverage first."""
    rng = np.random.default_rng(seed)
    fitted = rng.choice(len(wins), size=min(FIT_DRAWS, len(wins)), replace=False)
    tree = DecisionTreeClassifier(
        max_depth=DEPTH, min_samples_leaf=MIN_LEAF, random_state=seed
    ).fit(features[fitted].astype(np.float32), wins[fitted])
    total_wins = wins.sum()
    rules = []
    for path in _leaf_boxes(tree).values():
        bounds = _tightest(path)
        inside = np.ones(len(wins), dtype=bool)
        for f, side, t in bounds:
            inside &= features[:, f] <= t if side == "below" else features[:, f] > t
        if not inside.any() or wins[inside].mean() <= 0.5:
            continue
        density = wins[inside].mean()
        conditions = tuple(_condition(model, ids[f], side, t) for f, side, t in bounds)
        text = " and ".join(c.text for c in conditions) or "in every draw"
        rules.append(
            Rule(
                conditions=conditions,
                coverage=float(wins[inside].sum() / total_wins),
                density=float(density),
                draws=int(inside.sum()),
                text=text,
            )
        )
    rules.sort(key=lambda rule: (-rule.coverage, -rule.density))
    return tuple(rules[:RULES])


def discover(
    scenario: Scenario,
    model: DecisionModel,
    draws: int = 20_000,
    seed: int = 2026,
    spread: float = 1.0,
    weight_mode: sampling.WeightMode = "band",
    band: float = 0.25,
) -> tuple[Contender, ...]:
    """Each contender, most draws won first, with the rules under which it leads."""
    assumptions, rng = sampling.seeded_assumption_draws(scenario, model, draws, seed, spread)
    weights = sampling.draw_weights(scenario, model, draws, rng, weight_mode, band)
    winners = evaluate_scores(assumptions, weights, model).scores.argmax(axis=1)
    features, ids = _inputs(model, assumptions, weights)
    shares = np.bincount(winners, minlength=len(model.options)) / draws
    order = [int(m) for m in np.argsort(-shares, kind="stable") if shares[m] >= MIN_SHARE]
    return tuple(
        Contender(
            option_id=model.option_ids[m],
            label=model.options[m].label,
            share=float(shares[m]),
            rules=leading_rules(model, features, ids, winners == m, seed),
        )
        for m in order[:MAX_CONTENDERS]
    )


def describe(contender: Contender) -> str:
    """A contender's rules in one sentence."""
    if not contender.rules:
        return (
            f"{contender.label} wins {contender.share:.0%} of the draws, spread too thinly for a "
            "simple rule."
        )
    parts = [
        f"when {rule.text} ({rule.coverage:.0%} of its wins; it wins {rule.density:.0%} there)"
        for rule in contender.rules
    ]
    return (
        f"{contender.label} wins {contender.share:.0%} of the draws, mostly "
        + "; or ".join(parts)
        + "."
    )
