"""The model's data as NumPy arrays, built once per model for the batched engine."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from scoring.loader import DecisionModel


@dataclass(frozen=True, eq=False)
class ModelArrays:
    """Per-option parameter vectors (M,) for the M direct options, per-criterion vectors (N,),
    index maps and each strategy's attempts (positions among the direct options)."""

    direct_option_ids: tuple[str, ...]
    option_ids: tuple[str, ...]  # the direct options, then the strategies
    strategy_attempts: tuple[tuple[int, ...], ...]
    criterion_ids: tuple[str, ...]
    assumption_ids: tuple[str, ...]
    assumption_index: dict[str, int]
    defaults: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    default_weights: np.ndarray
    readiness: np.ndarray
    maintenance_exposure: np.ndarray
    activates: np.ndarray
    divests: np.ndarray
    holding_cost_multiplier: np.ndarray
    disposal_cost_bn_usd: np.ndarray
    russia_objection: np.ndarray
    readmission_credit: np.ndarray
    readmission_retained: np.ndarray
    readmission_divested: np.ndarray
    attempt_level: np.ndarray  # attempt-durations after the decision each option is decided at
    success_links: tuple[tuple[int, int], ...]
    price_links: tuple[tuple[int, int], ...]
    consent_links: tuple[tuple[int, int], ...]
    transaction_sanction_links: tuple[tuple[int, int], ...]
    judgement: np.ndarray
    judgement_columns: tuple[int, ...]
    judgement_low: np.ndarray
    judgement_high: np.ndarray
    range_low: np.ndarray
    range_high: np.ndarray
    benefit: np.ndarray
    constants: dict[str, float]


def _links(model: DecisionModel, field: str) -> tuple[tuple[int, int], ...]:
    """(option position, assumption position) for each option that names an assumption."""
    index = {assumption_id: i for i, assumption_id in enumerate(model.assumption_ids)}
    return tuple(
        (position, index[getattr(option, field)])
        for position, option in enumerate(model.direct_options)
        if getattr(option, field) is not None
    )


def _parameter(model: DecisionModel, name: str) -> np.ndarray:
    return np.array([getattr(option.parameters, name).value for option in model.direct_options])


@cache
def model_arrays(model: DecisionModel) -> ModelArrays:
    """Arrays for `model`; cached, since a model is immutable."""
    options = model.direct_options
    judgement, low, high = (np.full((len(options), len(model.criteria)), np.nan) for _ in "slh")
    for m, option in enumerate(options):
        for n, criterion in enumerate(model.criteria):
            if criterion.id in option.scores:
                score = option.scores[criterion.id]
                judgement[m, n], low[m, n], high[m, n] = score.score, score.low, score.high
    columns = tuple(n for n, c in enumerate(model.criteria) if c.kind == "judgement")
    arrays = ModelArrays(
        direct_option_ids=model.direct_option_ids,
        option_ids=model.option_ids,
        strategy_attempts=tuple(
            tuple(model.direct_option_ids.index(o) for o in strategy.attempts)
            for strategy in model.strategies
        ),
        criterion_ids=model.criterion_ids,
        assumption_ids=model.assumption_ids,
        assumption_index={a: i for i, a in enumerate(model.assumption_ids)},
        defaults=np.array([a.default for a in model.assumptions]),
        lower=np.array([a.min for a in model.assumptions]),
        upper=np.array([a.max for a in model.assumptions]),
        default_weights=np.array([c.default_weight for c in model.criteria]),
        readiness=_parameter(model, "readiness"),
        maintenance_exposure=_parameter(model, "maintenance_exposure"),
        activates=np.array([float(o.activates) for o in options]),
        divests=np.array([o.divests for o in options]),
        holding_cost_multiplier=_parameter(model, "holding_cost_multiplier"),
        disposal_cost_bn_usd=_parameter(model, "disposal_cost_bn_usd"),
        russia_objection=_parameter(model, "russia_objection"),
        readmission_credit=_parameter(model, "readmission_credit"),
        readmission_retained=np.array([o.readmission == "retained" for o in options]),
        readmission_divested=np.array([o.readmission == "divested" for o in options]),
        attempt_level=np.zeros(len(options)),
        success_links=_links(model, "success_assumption"),
        price_links=_links(model, "price_assumption"),
        consent_links=_links(model, "russia_consent_assumption"),
        transaction_sanction_links=_links(model, "transaction_sanction_assumption"),
        judgement=judgement,
        judgement_columns=columns,
        judgement_low=low[:, list(columns)],
        judgement_high=high[:, list(columns)],
        range_low=np.array([c.range[0] for c in model.criteria]),
        range_high=np.array([c.range[1] for c in model.criteria]),
        benefit=np.array([c.direction == "benefit" for c in model.criteria]),
        constants={name: c.value for name, c in model.info.constants},
    )
    for array in vars(arrays).values():
        if isinstance(array, np.ndarray):
            array.flags.writeable = False
    return arrays


OPTION_VECTORS = (
    "readiness",
    "maintenance_exposure",
    "activates",
    "divests",
    "holding_cost_multiplier",
    "disposal_cost_bn_usd",
    "russia_objection",
    "readmission_credit",
    "readmission_retained",
    "readmission_divested",
    "attempt_level",
    "judgement",
    "judgement_low",
    "judgement_high",
)
OPTION_LINKS = ("success_links", "price_links", "consent_links", "transaction_sanction_links")


@cache
def option_subset(arrays: ModelArrays, options: tuple[int, ...]) -> ModelArrays:
    """`arrays` for the direct options at positions `options`, in that order (an option may
    appear more than once), for evaluating only the options needed; cached like
    `model_arrays`."""
    fields: dict[str, object] = {
        name: getattr(arrays, name)[list(options)] for name in OPTION_VECTORS
    }
    for name in OPTION_LINKS:
        linked = dict(getattr(arrays, name))
        fields[name] = tuple(
            (column, linked[option]) for column, option in enumerate(options) if option in linked
        )
    ids = tuple(arrays.direct_option_ids[option] for option in options)
    subset = replace(arrays, direct_option_ids=ids, option_ids=ids, strategy_attempts=(), **fields)
    for array in vars(subset).values():
        if isinstance(array, np.ndarray):
            array.flags.writeable = False
    return subset
