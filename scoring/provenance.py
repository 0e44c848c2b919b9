"""Where each number comes from: basis counts and which settings rest on which evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from scoring.loader import DecisionModel
from scoring.schemas import Provenance


def provenance_items(model: DecisionModel) -> Iterator[tuple[str, Provenance]]:
    """Every justified number in the model, named for a reader, with its provenance."""
    for assumption in model.assumptions:
        yield f"Assumption: {assumption.label}", assumption
    for criterion in model.criteria:
        yield f"Range of {criterion.label}", criterion.range_provenance
        yield f"Default weight of {criterion.label}", criterion.weight_provenance
    for option in model.direct_options:
        for name, parameter in option.parameters:
            yield f"{option.short_label}: {name.replace('_', ' ')}", parameter
        for criterion_id, score in option.scores.items():
            yield f"{option.short_label}: {model.criterion(criterion_id).label} score", score
    for name, constant in model.info.constants:
        yield f"Constant: {name.replace('_', ' ')}", constant
    for profile in model.profiles:
        yield f"Stakeholder profile: {profile.label}", profile


def basis_counts(model: DecisionModel) -> dict[str, int]:
    """How many of the model's numbers are sourced, anchored or judgement."""
    counts = Counter(item.basis.value for _, item in provenance_items(model))
    return {basis: counts.get(basis, 0) for basis in ("sourced", "anchored", "judgement")}


def basis_counts_by_kind(model: DecisionModel) -> dict[str, dict[str, int]]:
    """Basis counts per kind of number (assumptions, default weights, ranges, ...)."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for name, item in provenance_items(model):
        table[_kind(name)][item.basis.value] += 1
    return {
        kind: {basis: counts.get(basis, 0) for basis in ("sourced", "anchored", "judgement")}
        for kind, counts in table.items()
    }


def _kind(name: str) -> str:
    for prefix, kind in (
        ("Assumption:", "Assumption defaults"),
        ("Range of", "Criterion ranges"),
        ("Default weight of", "Default priorities"),
        ("Constant:", "Constants"),
        ("Stakeholder profile:", "Stakeholder profiles"),
    ):
        if name.startswith(prefix):
            return kind
    return "Option scores" if name.endswith(" score") else "Option parameters"


def evidence_usage(model: DecisionModel) -> dict[str, list[str]]:
    """For each evidence id, the names of the numbers that cite it."""
    usage: dict[str, list[str]] = defaultdict(list)
    for name, item in provenance_items(model):
        for evidence_id in item.evidence:
            usage[evidence_id].append(name)
    return dict(usage)
