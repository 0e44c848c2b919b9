"""The shipped data files load, every number carries its provenance, and a bad file fails at load
with one message naming the file, the entry and the field."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

import scoring
from scoring.loader import DecisionModel
from scoring.schemas import Provenance

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"

OPTION_IDS = (
    "keep_storage",
    "supervised_storage",
    "activate",
    "sell_back_russia",
    "sell_third_country",
    "transfer_west",
    "dismantle",
)
CRITERION_IDS = (
    "f35_prospects",
    "air_defence",
    "sanctions_exposure",
    "net_financial",
    "russia_risk",
    "autonomy",
    "domestic_acceptability",
    "reversibility",
)
ASSUMPTION_IDS = (
    "interceptor_shelf_life_years",
    "maintenance_sanction_risk",
    "activation_sanction_risk",
    "p_readmission_if_divested",
    "p_readmission_if_retained",
    "p_russia_accepts_buyback",
    "buyback_price_share",
    "p_russia_consents_third_country",
    "third_country_price_share",
    "p_russia_consents_west_transfer",
    "storage_cost_musd_per_year",
    "siper_operational_year",
    "f35_refund_probability",
    "russian_retaliation_severity",
)
EVIDENCE_STATUSES = {"confirmed", "reported", "denied", "disputed", "derived"}
BASES = {"sourced", "anchored", "judgement"}


@pytest.fixture(scope="module")
def model() -> DecisionModel:
    """The model shipped in data/, loaded once for this module."""
    return scoring.load_model()


def copy_data(tmp_path: Path) -> Path:
    """A private copy of data/ named `data`, so messages read 'data/...' as for the real one."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(data: Path, relative: str, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` that follows the text `after` in data/`relative`.

    Fails loudly if either text is missing, so a change to the data files cannot make a corruption
    test silently test nothing.
    """
    path = data / relative
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    position = text.index(old, start)
    path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")


def load_error(data: Path) -> str:
    """Load `data` expecting a DataError; return its message."""
    with pytest.raises(scoring.DataError) as caught:
        scoring.load_model(data)
    return str(caught.value)


def provenance_items(model: DecisionModel) -> list[tuple[str, Provenance]]:
    """Every number with a provenance, each labelled by where it lives."""
    items: list[tuple[str, Provenance]] = [(f"assumption {a.id}", a) for a in model.assumptions]
    for option in model.options:
        items += [(f"option {option.id} parameter {n}", p) for n, p in option.parameters]
        items += [(f"option {option.id} score {c}", s) for c, s in option.scores.items()]
    for criterion in model.criteria:
        items.append((f"criterion {criterion.id} range", criterion.range_provenance))
        items.append((f"criterion {criterion.id} weight", criterion.weight_provenance))
    items += [(f"constant {name}", constant) for name, constant in model.info.constants]
    return items


# --- The shipped files ------------------------------------------------------------------------


def test_options_are_the_seven_dispositions(model: DecisionModel) -> None:
    assert sorted(model.option_ids) == sorted(OPTION_IDS)


def test_options_follow_their_declared_order(model: DecisionModel) -> None:
    orders = [option.order for option in model.options]
    assert orders == sorted(orders)


def test_required_criteria_present(model: DecisionModel) -> None:
    assert set(CRITERION_IDS) <= set(model.criterion_ids)


def test_required_assumptions_present(model: DecisionModel) -> None:
    assert set(ASSUMPTION_IDS) <= set(model.assumption_ids)


def test_assumption_defaults_lie_inside_their_ranges(model: DecisionModel) -> None:
    outside = [a.id for a in model.assumptions if not a.min <= a.default <= a.max]
    assert outside == []


def test_presets_include_baseline(model: DecisionModel) -> None:
    preset_ids = [preset.id for preset in model.presets]
    assert len(preset_ids) >= 3
    assert "baseline" in preset_ids


def test_evidence_statuses_are_known(model: DecisionModel) -> None:
    statuses = {item.status.value for item in model.evidence}
    assert statuses <= EVIDENCE_STATUSES


def test_denied_buyback_reports_are_recorded_as_denied(model: DecisionModel) -> None:
    """The Kremlin denial of buyback reports is in the register and cited by the buyback chance."""
    cited = model.assumption("p_russia_accepts_buyback").evidence
    denied = {item.id for item in model.evidence if item.status.value == "denied"}
    assert denied
    assert denied & set(cited)


def test_evidence_ids_are_unique(model: DecisionModel) -> None:
    ids = [item.id for item in model.evidence]
    assert len(ids) == len(set(ids))


def test_every_number_is_covered_by_provenance_check(model: DecisionModel) -> None:
    """The provenance walk below reaches every assumption, parameter, score, range and constant."""
    judged = [c for c in model.criteria if c.kind == "judgement"]
    parameters_per_option = 5  # OptionParameters: readiness ... russia_objection
    constants = 6  # ModelConstants: base_year ... tie_tolerance
    expected = (
        len(model.assumptions)
        + len(model.options) * (parameters_per_option + len(judged))
        + 2 * len(model.criteria)
        + constants
    )
    assert len(provenance_items(model)) == expected


def test_every_number_has_basis_rationale_and_known_evidence(model: DecisionModel) -> None:
    known = {item.id for item in model.evidence}
    problems = []
    for where, provenance in provenance_items(model):
        if provenance.basis.value not in BASES:
            problems.append(f"{where}: basis {provenance.basis!r}")
        if len(provenance.rationale.strip()) < 10:
            problems.append(f"{where}: no rationale")
        unknown = [e for e in provenance.evidence if e not in known]
        if unknown:
            problems.append(f"{where}: unknown evidence {unknown}")
        if provenance.basis.value != "judgement" and not provenance.evidence:
            problems.append(f"{where}: basis {provenance.basis.value} without evidence")
    assert problems == []


def test_every_option_scores_exactly_the_judgement_criteria(model: DecisionModel) -> None:
    judged = {c.id for c in model.criteria if c.kind == "judgement"}
    assert judged  # autonomy, domestic acceptability, reversibility
    for option in model.options:
        assert set(option.scores) == judged, option.id
        assert all(0 <= s.score <= 100 for s in option.scores.values()), option.id


def test_option_assumption_links_exist(model: DecisionModel) -> None:
    links = [
        ref
        for option in model.options
        for ref in (
            option.success_assumption,
            option.price_assumption,
            option.russia_consent_assumption,
        )
        if ref is not None
    ]
    assert links
    assert set(links) <= set(model.assumption_ids)


def test_load_model_accepts_a_string_path(tmp_path: Path, model: DecisionModel) -> None:
    data = copy_data(tmp_path)
    assert scoring.load_model(str(data)).option_ids == model.option_ids


# --- Version ----------------------------------------------------------------------------------


def test_version_contains_the_declared_model_version(model: DecisionModel) -> None:
    declared = tomllib.loads((DATA_DIR / "model.toml").read_text(encoding="utf-8"))
    assert model.version.startswith(f"{declared['model']['version']}+")


def test_version_is_the_same_for_identical_data(tmp_path: Path, model: DecisionModel) -> None:
    assert scoring.load_model(copy_data(tmp_path)).version == model.version


def test_version_changes_when_a_rationale_changes(tmp_path: Path, model: DecisionModel) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        'rationale = "',
        'rationale = "Edited. ',
        after='id = "storage_cost_musd_per_year"',
    )
    changed = scoring.load_model(data)
    assert changed.assumption("storage_cost_musd_per_year").rationale.startswith("Edited. ")
    assert changed.version != model.version


@pytest.mark.parametrize(
    "relative",
    [
        "model.toml",
        "criteria.toml",
        "assumptions.toml",
        "evidence.toml",
        "presets.toml",
        "options/keep_storage.toml",
        "options/dismantle.toml",
    ],
)
def test_version_changes_when_any_file_changes(
    tmp_path: Path, model: DecisionModel, relative: str
) -> None:
    data = copy_data(tmp_path)
    path = data / relative
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert scoring.load_model(data).version != model.version


# --- Corrupted copies -------------------------------------------------------------------------


def test_assumption_default_outside_range(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        "default = 5\n",
        "default = 50\n",
        after='id = "interceptor_shelf_life_years"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "interceptor_shelf_life_years" in message
    assert "default" in message


def test_assumption_max_not_a_number(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        "max = 10\n",
        'max = "ten"\n',
        after='id = "interceptor_shelf_life_years"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "interceptor_shelf_life_years" in message
    assert "field 'max'" in message


def test_assumption_misspelt_field(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        "evidence = ",
        "evidance = ",
        after='id = "maintenance_sanction_risk"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "maintenance_sanction_risk" in message
    assert "evidance" in message


def test_assumption_unknown_basis(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        'basis = "anchored"',
        'basis = "hunch"',
        after='id = "siper_operational_year"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "siper_operational_year" in message
    assert "basis" in message


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        'label = "Interceptor shelf life left"',
        'label = "Interceptor shelf life left',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "not valid TOML" in message


def test_assumption_cites_unknown_evidence(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        'evidence = ["G5", "A8"]',
        'evidence = ["G5", "Z9"]',
        after='id = "interceptor_shelf_life_years"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "interceptor_shelf_life_years" in message
    assert "evidence" in message
    assert "Z9" in message


def test_anchored_number_without_evidence(tmp_path: Path) -> None:
    """A non-judgement basis with an empty evidence list is rejected."""
    data = copy_data(tmp_path)
    edit(
        data,
        "assumptions.toml",
        'evidence = ["G5", "A8"]',
        "evidence = []",
        after='id = "interceptor_shelf_life_years"',
    )
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "interceptor_shelf_life_years" in message
    assert "evidence" in message


def test_option_id_differs_from_file_name(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "options/dismantle.toml", 'id = "dismantle"', 'id = "demolish"')
    message = load_error(data)
    assert "data/options/dismantle.toml" in message
    assert "demolish" in message
    assert "field 'id'" in message


def test_option_missing_judgement_score(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "options/dismantle.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[option.scores.reversibility]")], encoding="utf-8")
    message = load_error(data)
    assert "data/options/dismantle.toml" in message
    assert "dismantle" in message
    assert "scores" in message
    assert "reversibility" in message


def test_option_scores_a_computed_criterion(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "options/dismantle.toml"
    extra = '\n[option.scores.air_defence]\nscore = 0\nbasis = "judgement"\n'
    extra += 'rationale = "Computed criteria take no judgement score."\n'
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    message = load_error(data)
    assert "data/options/dismantle.toml" in message
    assert "scores" in message
    assert "air_defence" in message


def test_option_parameter_cites_unknown_evidence(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "options/dismantle.toml", 'evidence = ["B4", "K5"]', 'evidence = ["B4", "K99"]')
    message = load_error(data)
    assert "data/options/dismantle.toml" in message
    assert "russia_objection" in message
    assert "K99" in message


def test_preset_with_unknown_assumption(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "presets.toml",
        "p_russia_accepts_buyback = 0.6",
        "p_russia_accepts_buybak = 0.6",
        after='id = "moscow_deal"',
    )
    message = load_error(data)
    assert "data/presets.toml" in message
    assert "moscow_deal" in message
    assert "assumptions" in message
    assert "p_russia_accepts_buybak" in message


def test_preset_with_out_of_range_value(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "presets.toml",
        "buyback_price_share = 0.4",
        "buyback_price_share = 0.9",
        after='id = "moscow_deal"',
    )
    message = load_error(data)
    assert "data/presets.toml" in message
    assert "moscow_deal" in message
    assert "assumptions.buyback_price_share" in message
    assert "0.9" in message


def test_preset_with_unknown_criterion_weight(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "presets.toml", "net_financial = 15", "net_finance = 15", after='id = "moscow_deal"')
    message = load_error(data)
    assert "data/presets.toml" in message
    assert "moscow_deal" in message
    assert "weights" in message
    assert "net_finance" in message


def test_duplicated_assumption_id(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "assumptions.toml", 'id = "west_price_share"', 'id = "buyback_price_share"')
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "buyback_price_share" in message
    assert "more than once" in message


def test_evidence_with_malformed_date(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "evidence.toml", 'date = "2017-09-12"', 'date = "12/09/2017"', after='id = "A1"')
    message = load_error(data)
    assert "data/evidence.toml" in message
    assert "'A1'" in message
    assert "field 'date'" in message


def test_evidence_with_unknown_status(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "evidence.toml", 'status = "confirmed"', 'status = "rumoured"', after='id = "A1"')
    message = load_error(data)
    assert "data/evidence.toml" in message
    assert "'A1'" in message
    assert "field 'status'" in message


def test_criterion_weight_cites_unknown_evidence(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "criteria.toml",
        'evidence = ["I8"]',
        'evidence = ["I88"]',
        after='id = "domestic_acceptability"',
    )
    message = load_error(data)
    assert "data/criteria.toml" in message
    assert "domestic_acceptability" in message
    assert "I88" in message


def test_constant_with_unknown_basis(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(
        data,
        "model.toml",
        'basis = "judgement"',
        'basis = "guess"',
        after="[model.constants.tie_tolerance]",
    )
    message = load_error(data)
    assert "data/model.toml" in message
    assert "tie_tolerance" in message
    assert "basis" in message


@pytest.mark.parametrize("relative", ["presets.toml", "evidence.toml", "model.toml"])
def test_missing_file(tmp_path: Path, relative: str) -> None:
    data = copy_data(tmp_path)
    (data / relative).unlink()
    message = load_error(data)
    assert f"data/{relative}" in message
    assert "missing" in message


def test_a_number_written_as_text_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "assumptions.toml", "max = 10", 'max = "10"', after="interceptor_shelf_life_years")
    message = load_error(data)
    assert "data/assumptions.toml" in message
    assert "interceptor_shelf_life_years" in message and "'max'" in message


def test_an_impossible_calendar_date_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit(data, "evidence.toml", 'date = "', 'date = "2017-13-45" #', after='id = "A1"')
    message = load_error(data)
    assert "data/evidence.toml" in message and "'A1'" in message and "2017-13-45" in message


def test_a_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "presets.toml"
    path.write_bytes(path.read_bytes() + b"\n# \xff\xfe broken\n")
    message = load_error(data)
    assert message.startswith("data/presets.toml: not UTF-8 text")


def test_a_preset_whose_weights_would_all_be_zero_is_refused(
    tmp_path: Path, model: DecisionModel
) -> None:
    data = copy_data(tmp_path)
    zeros = "\n".join(f"{c.id} = 0" for c in model.criteria)
    path = data / "presets.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[preset]]\nid = "nothing"\nlabel = "Nothing matters"\n'
        + 'description = "Every priority at zero."\n[preset.weights]\n'
        + zeros
        + "\n",
        encoding="utf-8",
    )
    message = load_error(data)
    assert "data/presets.toml" in message and "'nothing'" in message and "zero" in message


def test_messages_say_data_whatever_the_folder_is_called(tmp_path: Path) -> None:
    data = shutil.copytree(DATA_DIR, tmp_path / "my_copy")
    (data / "presets.toml").unlink()
    assert load_error(data).startswith("data/presets.toml: file is missing")
