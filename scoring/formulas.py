"""How computed criteria follow from the assumptions: one vectorised function per criterion.

Every function takes a `Draws` (K draws of every assumption) and returns an (M, K) array: one
performance value per option and draw, options first so that NumPy's inner loops run along the
draws. Docstrings are the formulas' documentation; the Method page and `python -m scoring
describe` show them as written.

Execution risk enters once. An option that needs someone else's agreement (a buyback, a sale with
Russian consent, a Western buyer following through) goes through with probability `s`; if it
fails, Turkey is left holding systems it has stood down (no readiness, no Russian servicing,
storage costs continue). Options Turkey can carry out alone have `s = 1`.

Time runs from the decision. Deciding `d` = decision_delay_years from now leaves L - d years of
interceptor life (L the shelf life left today), brings SİPER d years closer, lowers any buyer's
price with the life left, may narrow the F-35 window and adds d years of storage. Every option is
seen over the same horizon from its decision, so waiting never changes what an option does, only
what it starts from. Strategies (`scoring.strategies`) use these formulas unchanged: a fallback
is an option decided one attempt later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from scoring.arrays import ModelArrays

SHELF_LIFE = "interceptor_shelf_life_years"
SIPER_YEAR = "siper_operational_year"
LIFE_EXTENSION = "servicing_life_extension_years"
MAINTENANCE_RISK = "maintenance_sanction_risk"
ACTIVATION_RISK = "activation_sanction_risk"
READMISSION_DIVESTED = "p_readmission_if_divested"
READMISSION_RETAINED = "p_readmission_if_retained"
REFUND = "f35_refund_probability"
DELAY = "decision_delay_years"
ATTEMPT_DURATION = "attempt_duration_years"
WINDOW_DECAY = "f35_window_decay_per_year"
PRICE_LIFE_SHARE = "price_life_share"
STORAGE_COST = "storage_cost_musd_per_year"
SEVERITY = "russian_retaliation_severity"

REQUIRED_ASSUMPTIONS = (
    SHELF_LIFE,
    LIFE_EXTENSION,
    SIPER_YEAR,
    MAINTENANCE_RISK,
    ACTIVATION_RISK,
    READMISSION_DIVESTED,
    READMISSION_RETAINED,
    REFUND,
    STORAGE_COST,
    SEVERITY,
    DELAY,
    WINDOW_DECAY,
    PRICE_LIFE_SHARE,
)


@cache
def attempt_levels(arrays: ModelArrays) -> tuple[np.ndarray, np.ndarray] | None:
    """The distinct attempt levels of the options (L,) and each option's position among them
    (M,), or None if every option is decided now; cached, since arrays are immutable."""
    if not arrays.attempt_level.any():
        return None
    distinct, rows = np.unique(arrays.attempt_level, return_inverse=True)
    distinct.flags.writeable = rows.flags.writeable = False
    return distinct, rows


@dataclass(frozen=True, eq=False)
class Draws:
    """K draws of all assumptions (K, A) with the model's arrays; shared terms computed once."""

    values: np.ndarray
    arrays: ModelArrays

    @cached_property
    def columns(self) -> np.ndarray:
        """The draws assumption by assumption (A, K), each contiguous in memory."""
        return np.ascontiguousarray(self.values.T)

    def __getitem__(self, assumption_id: str) -> np.ndarray:
        """One assumption as a (K,) row, ready to broadcast against options' (M, 1) columns."""
        return self.columns[self.arrays.assumption_index[assumption_id]]

    def option(self, parameter: str) -> np.ndarray:
        """One option parameter of the model's arrays as an (M, 1) column."""
        return getattr(self.arrays, parameter)[:, None]

    def _linked(self, links: tuple[tuple[int, int], ...], fill: float) -> np.ndarray:
        out = np.full((len(self.arrays.direct_option_ids), self.values.shape[0]), fill)
        for option_position, assumption_position in links:
            out[option_position] = self.columns[assumption_position]
        return out

    @cached_property
    def success(self) -> np.ndarray:
        """s: chance each option is carried out (1 where Turkey can act alone)."""
        return self._linked(self.arrays.success_links, 1.0)

    @cached_property
    def _attempt_delays(self) -> tuple[np.ndarray, np.ndarray] | None:
        """d at each distinct attempt level (L, K) and each option's row in it (M,), or None if
        no option is an attempt decided later."""
        levels = attempt_levels(self.arrays)
        if levels is None:
            return None
        distinct, rows = levels
        return self[DELAY] + distinct[:, None] * self[ATTEMPT_DURATION], rows

    @cached_property
    def delay(self) -> np.ndarray:
        """d: years before the decision (K,), or per option (M, K) if some are attempts."""
        if self._attempt_delays is None:
            return self[DELAY]
        delays, rows = self._attempt_delays
        return delays[rows]

    def _window(self) -> np.ndarray:
        """(1 - f35_window_decay_per_year)^d, raised once per attempt level."""
        base = 1.0 - self[WINDOW_DECAY]
        if self._attempt_delays is None:
            return base ** self[DELAY]
        delays, rows = self._attempt_delays
        return (base**delays)[rows]

    @cached_property
    def life_left(self) -> np.ndarray:
        """max(L - d, 0): interceptor life left at the decision, without servicing (K,) or
        (M, K)."""
        return np.maximum(self[SHELF_LIFE] - self.delay, 0.0)

    @property
    def reference_life(self) -> float:
        """L0: the shelf life assessed today (its default), for which sale prices are stated."""
        return float(self.arrays.defaults[self.arrays.assumption_index[SHELF_LIFE]])

    @cached_property
    def readmission(self) -> np.ndarray:
        """s x credit x the route's readmission chance x (1 - f35_window_decay_per_year)^d."""
        route = np.where(self.option("readmission_retained"), self[READMISSION_RETAINED], 0.0)
        route = np.where(self.option("readmission_divested"), self[READMISSION_DIVESTED], route)
        return self.success * self.option("readmission_credit") * route * self._window()


def f35_prospects(draws: Draws) -> np.ndarray:
    """P(readmission) = s x k x p_route x (1 - f35_window_decay_per_year)^d, where p_route is
    p_readmission_if_divested for options that end possession, p_readmission_if_retained for
    supervised storage, and 0 for keeping the system unsupervised or activating it (US law bars
    relief while Turkey possesses or operates it), k the option's readmission credit: how fully
    Washington accepts its route (a sale back to Russia earns less than verified destruction),
    and d the years before the decision."""
    return draws.readmission


def air_defence(draws: Draws) -> np.ndarray:
    """coverage = readiness x [min(U, G) + w_post x max(U - G, 0)], with U = min(max(shelf life
    - d, 0) + e x servicing_life_extension_years, horizon) the usable interceptor years from the
    decision (e the option's share of Russian servicing, d the years before the decision), G =
    max(SİPER year - base year - d, 0) the years of the gap left, and w_post the weight of a year
    after SİPER arrives."""
    constants = draws.arrays.constants
    life = draws.life_left + draws.option("maintenance_exposure") * draws[LIFE_EXTENSION]
    usable = np.minimum(life, constants["horizon_years"])
    gap = np.maximum(draws[SIPER_YEAR] - constants["base_year"] - draws.delay, 0.0)
    coverage = np.minimum(usable, gap) + constants["post_siper_coverage_weight"] * np.maximum(
        usable - gap, 0.0
    )
    return draws.option("readiness") * coverage


def sanctions_exposure(draws: Draws) -> np.ndarray:
    """P(new sanctions) = 1 - (1 - e x maintenance_sanction_risk) x (1 - a x
    activation_sanction_risk) x (1 - s x r), with e the option's exposure to Russian servicing,
    a = 1 for activation and r the chance that the option's own transaction draws sanctions
    (buyback_sanction_risk for a sale to Rosoboronexport, else 0); the triggers are treated as
    independent."""
    spared_servicing = 1.0 - draws.option("maintenance_exposure") * draws[MAINTENANCE_RISK]
    spared_activation = 1.0 - draws.option("activates") * draws[ACTIVATION_RISK]
    transaction = draws.success * draws._linked(draws.arrays.transaction_sanction_links, 0.0)
    return 1.0 - spared_servicing * spared_activation * (1.0 - transaction)


def net_financial(draws: Draws) -> np.ndarray:
    """money (US$ bn) = s x price share x life factor x acquisition cost + s x v x
    f35_refund_probability x F-35 payment - (d + h x c x horizon) x storage cost / 1000 - s x
    disposal cost, where life factor = 1 - q + q x max(L - d, 0) / L0 scales a buyer's price with
    the interceptor life left (q = price_life_share, L0 the shelf life assessed today, for which
    the price assumptions are stated), v = 1 for options that end possession (the refund comes
    with the settlement, whether or not readmission follows), d the years of storage before the
    decision, h = 1 for options that keep the system and 1 - s for divesting ones (a failed deal
    leaves it in storage), and c the option's holding-cost multiplier."""
    arrays = draws.arrays
    constants = arrays.constants
    success = draws.success
    price_share = draws._linked(arrays.price_links, 0.0)
    life_factor = 1.0 - draws[PRICE_LIFE_SHARE] * (1.0 - draws.life_left / draws.reference_life)
    proceeds = success * price_share * life_factor * constants["acquisition_cost_bn_usd"]
    divests = draws.option("divests")
    settled = np.where(divests, success, 0.0)
    refund = settled * draws[REFUND] * constants["f35_payment_bn_usd"]
    held = np.where(divests, 1.0 - success, 1.0)
    years_held = (
        draws.delay + held * draws.option("holding_cost_multiplier") * constants["horizon_years"]
    )
    holding = years_held * draws[STORAGE_COST] / 1000.0
    return proceeds + refund - holding - success * draws.option("disposal_cost_bn_usd")


def russia_risk(draws: Draws) -> np.ndarray:
    """expected cost = s x objection x (1 - P(Russia consents)) x russian_retaliation_severity,
    where objection is the chance Moscow treats the option, done without consent, as a breach."""
    consent = draws._linked(draws.arrays.consent_links, 0.0)
    return draws.success * draws.option("russia_objection") * (1.0 - consent) * draws[SEVERITY]


FORMULAS: dict[str, Callable[[Draws], np.ndarray]] = {
    "f35_prospects": f35_prospects,
    "air_defence": air_defence,
    "sanctions_exposure": sanctions_exposure,
    "net_financial": net_financial,
    "russia_risk": russia_risk,
}


def _criterion(
    draws: Draws, n: int, criterion_id: str, judgements: np.ndarray | None
) -> np.ndarray:
    """Criterion `n` for every option and draw (M, K), or (M, 1) for stated judgement scores."""
    formula = FORMULAS.get(criterion_id)
    if formula is not None:
        return formula(draws)
    if judgements is None:
        return draws.arrays.judgement[:, n, None]
    return judgements[:, :, draws.arrays.judgement_columns.index(n)].T


def performance(
    values: np.ndarray,
    arrays: ModelArrays,
    judgements: np.ndarray | None = None,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Performance table (K, M, N) for K draws of the assumptions (K, A); judgement criteria
    take the stated scores, or `judgements` (K, M, J) drawn per draw when given. Written into
    `out` if given."""
    draws = Draws(values, arrays)
    count = values.shape[0]
    shape = (count, len(arrays.direct_option_ids), len(arrays.criterion_ids))
    table = np.empty(shape) if out is None else out
    for n, criterion_id in enumerate(arrays.criterion_ids):
        table[:, :, n] = _criterion(draws, n, criterion_id, judgements).T
    return table


def options_first_performance(
    values: np.ndarray, arrays: ModelArrays, judgements: np.ndarray | None = None
) -> np.ndarray:
    """`performance` laid out options first and draws last (M, N, K), for computations that run
    along the draws (the strategies' roll-back)."""
    draws = Draws(values, arrays)
    shape = (len(arrays.direct_option_ids), len(arrays.criterion_ids), values.shape[0])
    table = np.empty(shape)
    for n, criterion_id in enumerate(arrays.criterion_ids):
        table[:, n] = _criterion(draws, n, criterion_id, judgements)
    return table
