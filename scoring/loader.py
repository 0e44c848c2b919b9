"""Load and validate the model's data files.

A bad file fails at load with one message naming the file, the entry and the field, so whoever
edited it can find the mistake without reading a traceback.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scoring.schemas import (
    Assumption,
    Criterion,
    Evidence,
    InformationGroup,
    ModelInfo,
    Option,
    Preset,
    Profile,
    Strategy,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

Entry = TypeVar("Entry", bound=BaseModel)


class DataError(ValueError):
    """A data file is malformed; the message names file, entry and field."""


MONEY_UNIT = "US$ bn"  # the unit of the criterion that counts money


@dataclass(frozen=True, eq=False)
class DecisionModel:
    """Everything in `data/`, validated and cross-checked.

    `direct_options` are the one-shot options the formulas score; `strategies` try them in turn.
    Both are ranked side by side: `options` lists the direct options, then the strategies.
    """

    info: ModelInfo
    version: str
    direct_options: tuple[Option, ...]
    criteria: tuple[Criterion, ...]
    assumptions: tuple[Assumption, ...]
    evidence: tuple[Evidence, ...]
    presets: tuple[Preset, ...]
    profiles: tuple[Profile, ...]
    information_groups: tuple[InformationGroup, ...] = ()
    strategies: tuple[Strategy, ...] = ()

    @property
    def options(self) -> tuple[Option | Strategy, ...]:
        """Everything ranked: the direct options, then the strategies."""
        return self.direct_options + self.strategies

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    @property
    def direct_option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.direct_options)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(criterion.id for criterion in self.criteria)

    @property
    def assumption_ids(self) -> tuple[str, ...]:
        return tuple(assumption.id for assumption in self.assumptions)

    def option(self, option_id: str) -> Option | Strategy:
        return _by_id(self.options, option_id, "option")

    @property
    def money_criterion(self) -> Criterion | None:
        """The one criterion measured in US$ bn, or None unless exactly one is."""
        money = [c for c in self.criteria if c.unit == MONEY_UNIT]
        return money[0] if len(money) == 1 else None

    @property
    def status_quo(self) -> Option:
        """The option Turkey is on while it decides nothing."""
        return next(option for option in self.direct_options if option.status_quo)

    def direct_option(self, option_id: str) -> Option:
        return _by_id(self.direct_options, option_id, "option")

    def strategy(self, strategy_id: str) -> Strategy:
        return _by_id(self.strategies, strategy_id, "strategy")

    def without_strategies(self) -> DecisionModel:
        """The same model ranking the direct options only (the screen's "hide strategies")."""
        return _without_strategies(self)

    def criterion(self, criterion_id: str) -> Criterion:
        return _by_id(self.criteria, criterion_id, "criterion")

    def assumption(self, assumption_id: str) -> Assumption:
        return _by_id(self.assumptions, assumption_id, "assumption")

    def preset(self, preset_id: str) -> Preset:
        return _by_id(self.presets, preset_id, "preset")

    def profile(self, profile_id: str) -> Profile:
        return _by_id(self.profiles, profile_id, "profile")

    def evidence_item(self, evidence_id: str) -> Evidence:
        return _by_id(self.evidence, evidence_id, "evidence")

    def information_group(self, group_id: str) -> InformationGroup:
        return _by_id(self.information_groups, group_id, "information group")


@cache
def _without_strategies(model: DecisionModel) -> DecisionModel:
    return model if not model.strategies else replace(model, strategies=())


def _by_id(items: tuple[Any, ...], item_id: str, kind: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(item.id for item in items)
    raise KeyError(f"unknown {kind} '{item_id}'; known: {known}")


def _read_toml(path: Path, root: Path) -> dict[str, Any]:
    """Parse one data file; messages call the folder `data/` whatever its real name."""
    name = f"data/{path.relative_to(root).as_posix()}"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise DataError(f"{name}: file is missing") from error
    except UnicodeDecodeError as error:
        raise DataError(f"{name}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{name}: not valid TOML ({error})") from error


def _describe_error(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(entry)"
    message = first["msg"].removeprefix("Value error, ")
    return f"field '{field}': {message}"


def _validate(schema: type[Entry], raw: Any, where: str) -> Entry:
    try:
        return schema.model_validate(raw)
    except ValidationError as error:
        raise DataError(f"{where}: {_describe_error(error)}") from error


def _entries(raw: dict[str, Any], key: str, schema: type[Entry], name: str) -> tuple[Entry, ...]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        raise DataError(f"{name}: expected one or more [[{key}]] entries")
    entries = []
    for index, item in enumerate(items, start=1):
        label = item.get("id", f"#{index}") if isinstance(item, dict) else f"#{index}"
        entries.append(_validate(schema, item, f"{name}: {key} '{label}'"))
    ids = [entry.id for entry in entries]  # type: ignore[attr-defined]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(f"{name}: {key} id '{duplicates[0]}' appears more than once")
    return tuple(entries)


def _optional_entries(
    raw: dict[str, Any], key: str, schema: type[Entry], name: str
) -> tuple[Entry, ...]:
    """Like `_entries`, but a file may have none."""
    return _entries(raw, key, schema, name) if key in raw else ()


def _check_evidence_refs(model: DecisionModel) -> None:
    known = {item.id for item in model.evidence}

    def check(ids: list[str], where: str) -> None:
        for evidence_id in ids:
            if evidence_id not in known:
                raise DataError(f"{where}: field 'evidence': unknown evidence id '{evidence_id}'")

    for assumption in model.assumptions:
        check(assumption.evidence, f"data/assumptions.toml: assumption '{assumption.id}'")
    for criterion in model.criteria:
        where = f"data/criteria.toml: criterion '{criterion.id}'"
        check(criterion.range_provenance.evidence, where)
        check(criterion.weight_provenance.evidence, where)
    for option in model.direct_options:
        where = f"data/options/{option.id}.toml: option '{option.id}'"
        for name, parameter in option.parameters:
            check(parameter.evidence, f"{where} parameter '{name}'")
        for criterion_id, score in option.scores.items():
            check(score.evidence, f"{where} score '{criterion_id}'")
    for name, constant in model.info.constants:
        check(constant.evidence, f"data/model.toml: constant '{name}'")
    for profile in model.profiles:
        check(profile.evidence, f"data/profiles.toml: profile '{profile.id}'")


def _check_option_refs(model: DecisionModel) -> None:
    assumption_ids = set(model.assumption_ids)
    judged = {c.id for c in model.criteria if c.kind == "judgement"}
    for option in model.direct_options:
        where = f"data/options/{option.id}.toml: option '{option.id}'"
        for field in (
            "success_assumption",
            "price_assumption",
            "russia_consent_assumption",
            "transaction_sanction_assumption",
        ):
            ref = getattr(option, field)
            if ref is not None and ref not in assumption_ids:
                raise DataError(f"{where}: field '{field}': unknown assumption '{ref}'")
        missing = sorted(judged - set(option.scores))
        if missing:
            raise DataError(f"{where}: field 'scores': no judgement score for '{missing[0]}'")
        extra = sorted(set(option.scores) - judged)
        if extra:
            raise DataError(f"{where}: field 'scores': '{extra[0]}' is not a judgement criterion")
        for criterion_id, score in option.scores.items():
            low, high = model.criterion(criterion_id).range
            if not (low <= score.low and score.high <= high):
                raise DataError(
                    f"{where}: field 'scores.{criterion_id}': range {score.low:g} to "
                    f"{score.high:g} leaves the criterion's scale {low:g} to {high:g}"
                )


def _check_status_quo(model: DecisionModel) -> None:
    marked = [option.id for option in model.direct_options if option.status_quo]
    if len(marked) != 1:
        found = ", ".join(marked) or "none"
        raise DataError(f"data/options/: exactly one option must set status_quo = true ({found})")


def _check_strategies(model: DecisionModel) -> None:
    for strategy in model.strategies:
        where = f"data/strategies.toml: strategy '{strategy.id}'"
        if strategy.id in model.direct_option_ids:
            raise DataError(f"{where}: field 'id': an option already has this id")
        for position, option_id in enumerate(strategy.attempts):
            if option_id not in model.direct_option_ids:
                raise DataError(f"{where}: field 'attempts': unknown option '{option_id}'")
            last = position == len(strategy.attempts) - 1
            if not last and model.direct_option(option_id).success_assumption is None:
                raise DataError(
                    f"{where}: field 'attempts': '{option_id}' cannot fail (Turkey carries it "
                    "out alone), so nothing after it would ever be tried"
                )


def _check_presets(model: DecisionModel) -> None:
    for preset in model.presets:
        where = f"data/presets.toml: preset '{preset.id}'"
        for assumption_id, value in preset.assumptions.items():
            if assumption_id not in model.assumption_ids:
                raise DataError(f"{where}: field 'assumptions': unknown id '{assumption_id}'")
            assumption = model.assumption(assumption_id)
            if not assumption.min <= value <= assumption.max:
                raise DataError(
                    f"{where}: field 'assumptions.{assumption_id}': {value} is outside "
                    f"{assumption.min} to {assumption.max}"
                )
        for criterion_id, weight in preset.weights.items():
            if criterion_id not in model.criterion_ids:
                raise DataError(f"{where}: field 'weights': unknown criterion '{criterion_id}'")
            if weight < 0:
                raise DataError(f"{where}: field 'weights.{criterion_id}': must not be negative")
        complete = {c.id: c.default_weight for c in model.criteria} | preset.weights
        if sum(complete.values()) <= 0:
            raise DataError(f"{where}: field 'weights': every weight would be zero")


def _check_profiles(model: DecisionModel) -> None:
    for profile in model.profiles:
        where = f"data/profiles.toml: profile '{profile.id}'"
        unknown = sorted(set(profile.weights) - set(model.criterion_ids))
        if unknown:
            raise DataError(f"{where}: field 'weights': unknown criterion '{unknown[0]}'")
        for criterion_id in model.criterion_ids:
            if criterion_id not in profile.weights:
                raise DataError(f"{where}: field 'weights': no weight for '{criterion_id}'")
            if profile.weights[criterion_id] < 0:
                raise DataError(f"{where}: field 'weights.{criterion_id}': must not be negative")
        if sum(profile.weights.values()) <= 0:
            raise DataError(f"{where}: field 'weights': all weights are zero")


def _check_information_groups(model: DecisionModel) -> None:
    owner: dict[str, str] = {}
    for group in model.information_groups:
        where = f"data/assumptions.toml: information_group '{group.id}'"
        for assumption_id in group.assumptions:
            if assumption_id not in model.assumption_ids:
                raise DataError(
                    f"{where}: field 'assumptions': unknown assumption '{assumption_id}'"
                )
            if model.assumption(assumption_id).kind == "choice":
                raise DataError(
                    f"{where}: field 'assumptions': '{assumption_id}' is a choice, not something "
                    "to find out"
                )
            if assumption_id in owner:
                raise DataError(
                    f"{where}: field 'assumptions': '{assumption_id}' is already in group "
                    f"'{owner[assumption_id]}'"
                )
            owner[assumption_id] = group.id


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def load_model(data_dir: Path | str = DATA_DIR) -> DecisionModel:
    """Read, validate and cross-check every file in `data_dir`."""
    root = Path(data_dir).resolve()
    option_paths = sorted((root / "options").glob("*.toml"))
    if not option_paths:
        raise DataError("data/options/: no option files (*.toml) found")
    info_raw = _read_toml(root / "model.toml", root)
    info = _validate(ModelInfo, info_raw.get("model"), "data/model.toml: [model]")
    options = []
    for path in option_paths:
        name = f"data/options/{path.name}"
        option = _validate(Option, _read_toml(path, root).get("option"), f"{name}: [option]")
        if option.id != path.stem:
            raise DataError(f"{name}: field 'id': '{option.id}' must match the file name")
        options.append(option)
    files = {
        name: _read_toml(root / f"{name}.toml", root)
        for name in ("criteria", "assumptions", "evidence", "presets", "profiles", "strategies")
    }
    paths = [root / "model.toml", *option_paths] + [root / f"{n}.toml" for n in files]
    model = DecisionModel(
        info=info,
        version=f"{info.version}+{_fingerprint(paths)}",
        direct_options=tuple(sorted(options, key=lambda o: (o.order, o.id))),
        criteria=_entries(files["criteria"], "criterion", Criterion, "data/criteria.toml"),
        assumptions=_entries(
            files["assumptions"], "assumption", Assumption, "data/assumptions.toml"
        ),
        evidence=_entries(files["evidence"], "evidence", Evidence, "data/evidence.toml"),
        presets=_entries(files["presets"], "preset", Preset, "data/presets.toml"),
        profiles=_entries(files["profiles"], "profile", Profile, "data/profiles.toml"),
        information_groups=_optional_entries(
            files["assumptions"], "information_group", InformationGroup, "data/assumptions.toml"
        ),
        strategies=tuple(
            sorted(
                _entries(files["strategies"], "strategy", Strategy, "data/strategies.toml"),
                key=lambda s: (s.order, s.id),
            )
        ),
    )
    _check_evidence_refs(model)
    _check_option_refs(model)
    _check_strategies(model)
    _check_status_quo(model)
    _check_presets(model)
    _check_profiles(model)
    _check_information_groups(model)
    return model


@cache
def default_model() -> DecisionModel:
    """The model shipped in `data/`, loaded once per process."""
    return load_model(DATA_DIR)
