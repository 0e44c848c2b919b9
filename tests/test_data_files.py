"""The shipped data files load, every number carries its provenance, and a bad file fails at load
with one message naming the file, the entry and the field."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import scoring
from scoring.loader import DecisionModel
from scoring.provenance import provenance_items

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"

OPTION_IDS = (
    "keep_storage",
    "keep_serviced",
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
    "leverage",
    "industrial_autonomy",
    "domestic_acceptability",
    "reversibility",
)
ASSUMPTION_IDS = (
    "interceptor_shelf_life_years",
    "servicing_life_extension_years",
    "maintenance_sanction_risk",
    "activation_sanction_risk",
    "p_readmission_if_divested",
    "p_readmission_if_retained",
    "p_russia_accepts_buyback",
    "buyback_price_share",
    "p_russia_consents_third_country",
    "third_country_price_share",
    "p_russia_consents_west_transfer",
    "p_western_transfer_completes",
    "buyback_sanction_risk",
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


@dataclass(frozen=True)
class Replace:
    """A text change: replace the first `old` that follows the text `after`.

    Fails loudly if either text is missing, so a change to the data files cannot make a corruption
    test silently test nothing.
    """

    old: str
    new: str
    after: str = ""

    def __call__(self, text: str) -> str:
        start = text.index(self.after) if self.after else 0
        position = text.index(self.old, start)
        return text[:position] + self.new + text[position + len(self.old) :]


def rewrite(data: Path, relative: str, change: Callable[[str], str]) -> None:
    """Apply `change` to the text of data/`relative`."""
    path = data / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def load_error(data: Path) -> str:
    """Load `data` expecting a DataError; return its message."""
    with pytest.raises(scoring.DataError) as caught:
        scoring.load_model(data)
    return str(caught.value)


# --- The shipped files ------------------------------------------------------------------------


def test_options_are_the_eight_dispositions(model: DecisionModel) -> None:
    assert sorted(model.direct_option_ids) == sorted(OPTION_IDS)


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
    """scoring.provenance reaches every assumption, parameter, score, range, weight, constant
    and stakeholder profile."""
    judged = [c for c in model.criteria if c.kind == "judgement"]
    parameters_per_option = 6  # OptionParameters: readiness ... readmission_credit
    constants = 6  # ModelConstants: base_year ... tie_tolerance
    expected = (
        len(model.assumptions)
        + len(model.direct_options) * (parameters_per_option + len(judged))
        + 2 * len(model.criteria)
        + constants
        + len(model.profiles)
    )
    assert len(list(provenance_items(model))) == expected


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


def test_default_priorities_are_judgement(model: DecisionModel) -> None:
    """The default weights come from the fact sheet's suggested weights (S22), which that sheet
    itself labels judgement; no source states a priority."""
    overstated = [c.id for c in model.criteria if c.weight_provenance.basis.value != "judgement"]
    assert overstated == []


def test_sourced_or_anchored_numbers_cite_a_source_that_states_a_number(
    model: DecisionModel,
) -> None:
    """'sourced' and 'anchored' mean a cited source states a number (the value itself or the one
    it is derived from); a label resting only on statements without numbers is judgement."""
    stated = {item.id for item in model.evidence if any(ch.isdigit() for ch in item.value)}
    overstated = [
        where
        for where, provenance in provenance_items(model)
        if provenance.basis.value != "judgement" and not set(provenance.evidence) & stated
    ]
    assert overstated == []


def test_servicing_sanction_risk_is_judgement(model: DecisionModel) -> None:
    """No source gives a number for the chance that Russian servicing draws new sanctions."""
    assert model.assumption("maintenance_sanction_risk").basis.value == "judgement"


def test_every_option_scores_exactly_the_judgement_criteria(model: DecisionModel) -> None:
    judged = {c.id for c in model.criteria if c.kind == "judgement"}
    assert judged  # leverage, industrial autonomy, domestic acceptability, reversibility
    for option in model.direct_options:
        assert set(option.scores) == judged, option.id
        assert all(0 <= s.score <= 100 for s in option.scores.values()), option.id


def test_every_judgement_score_declares_a_range_around_it(model: DecisionModel) -> None:
    """low <= score <= high inside the criterion's scale, with the score strictly inside unless
    the range is a single point (so draws can average it), and a rationale for the range."""
    for option in model.direct_options:
        for criterion_id, score in option.scores.items():
            low, high = model.criterion(criterion_id).range
            where = f"{option.id}.{criterion_id}"
            assert low <= score.low <= score.score <= score.high <= high, where
            assert score.low < score.score < score.high or score.low == score.high, where
            assert len(score.range_rationale.strip()) >= 10, where


def test_a_range_wider_than_the_criterion_scale_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rewrite(
        data,
        "criteria.toml",
        Replace("range = [0.0, 100.0]", "range = [0.0, 50.0]", after='id = "leverage"'),
    )
    message = load_error(data)
    assert "data/options/" in message and "scores.leverage" in message, message
    assert "leaves the criterion's scale 0 to 50" in message, message


def test_option_assumption_links_exist(model: DecisionModel) -> None:
    links = [
        ref
        for option in model.direct_options
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
    rewrite(
        data,
        "assumptions.toml",
        Replace(
            'rationale = "', 'rationale = "Edited. ', after='id = "storage_cost_musd_per_year"'
        ),
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


@dataclass(frozen=True)
class Corruption:
    """One bad edit to one file of a data copy, and the fragments its load error must contain."""

    name: str
    file: str
    change: Callable[[str], str]
    fragments: tuple[str, ...]


COMPUTED_CRITERION_SCORE = (
    '\n[option.scores.air_defence]\nscore = 0\nlow = 0\nhigh = 0\nbasis = "judgement"\n'
    'rationale = "Computed criteria take no judgement score."\n'
    'range_rationale = "Nothing to draw for a computed criterion."\n'
)
ACTIVATE_LEVERAGE = "[option.scores.leverage]"

CORRUPTIONS = [
    Corruption(
        "assumption-default-outside-range",
        "assumptions.toml",
        Replace("default = 5\n", "default = 50\n", after='id = "interceptor_shelf_life_years"'),
        ("data/assumptions.toml", "interceptor_shelf_life_years", "default"),
    ),
    Corruption(
        "assumption-max-not-a-number",
        "assumptions.toml",
        Replace("max = 10\n", 'max = "ten"\n', after='id = "interceptor_shelf_life_years"'),
        ("data/assumptions.toml", "interceptor_shelf_life_years", "field 'max'"),
    ),
    Corruption(
        "assumption-number-written-as-text",
        "assumptions.toml",
        Replace("max = 10", 'max = "10"', after="interceptor_shelf_life_years"),
        ("data/assumptions.toml", "interceptor_shelf_life_years", "'max'"),
    ),
    Corruption(
        "assumption-misspelt-field",
        "assumptions.toml",
        Replace("evidence = ", "evidance = ", after='id = "maintenance_sanction_risk"'),
        ("data/assumptions.toml", "maintenance_sanction_risk", "evidance"),
    ),
    Corruption(
        "assumption-unknown-basis",
        "assumptions.toml",
        Replace('basis = "anchored"', 'basis = "hunch"', after='id = "siper_operational_year"'),
        ("data/assumptions.toml", "siper_operational_year", "basis"),
    ),
    Corruption(
        "assumption-cites-unknown-evidence",
        "assumptions.toml",
        Replace(
            'evidence = ["G5", "A8"]',
            'evidence = ["G5", "Z9"]',
            after='id = "interceptor_shelf_life_years"',
        ),
        ("data/assumptions.toml", "interceptor_shelf_life_years", "evidence", "Z9"),
    ),
    # A non-judgement basis with an empty evidence list is rejected.
    Corruption(
        "anchored-number-without-evidence",
        "assumptions.toml",
        Replace(
            'evidence = ["G5", "A8"]', "evidence = []", after='id = "interceptor_shelf_life_years"'
        ),
        ("data/assumptions.toml", "interceptor_shelf_life_years", "evidence"),
    ),
    Corruption(
        "assumption-id-duplicated",
        "assumptions.toml",
        Replace('id = "west_price_share"', 'id = "buyback_price_share"'),
        ("data/assumptions.toml", "buyback_price_share", "more than once"),
    ),
    Corruption(
        "invalid-toml-names-the-file",
        "assumptions.toml",
        Replace('label = "Interceptor shelf life left"', 'label = "Interceptor shelf life left'),
        ("data/assumptions.toml", "not valid TOML"),
    ),
    Corruption(
        "option-id-differs-from-file-name",
        "options/dismantle.toml",
        Replace('id = "dismantle"', 'id = "demolish"'),
        ("data/options/dismantle.toml", "demolish", "field 'id'"),
    ),
    Corruption(
        "option-missing-judgement-score",
        "options/dismantle.toml",
        lambda text: text[: text.index("[option.scores.reversibility]")],
        ("data/options/dismantle.toml", "dismantle", "scores", "reversibility"),
    ),
    Corruption(
        "option-scores-a-computed-criterion",
        "options/dismantle.toml",
        lambda text: text + COMPUTED_CRITERION_SCORE,
        ("data/options/dismantle.toml", "scores", "air_defence"),
    ),
    Corruption(
        "judgement-low-above-score",
        "options/activate.toml",
        Replace("low = 25\n", "low = 45\n", after=ACTIVATE_LEVERAGE),
        ("data/options/activate.toml", "scores.leverage", "outside low 45"),
    ),
    Corruption(
        "judgement-high-below-score",
        "options/activate.toml",
        Replace("high = 55\n", "high = 35\n", after=ACTIVATE_LEVERAGE),
        ("data/options/activate.toml", "scores.leverage", "high 35"),
    ),
    Corruption(
        "judgement-score-at-an-end-of-a-wider-range",
        "options/activate.toml",
        Replace("low = 25\n", "low = 40\n", after=ACTIVATE_LEVERAGE),
        ("data/options/activate.toml", "scores.leverage", "sits at an end"),
    ),
    Corruption(
        "judgement-high-above-the-scale",
        "options/activate.toml",
        Replace("high = 55\n", "high = 120\n", after=ACTIVATE_LEVERAGE),
        ("data/options/activate.toml", "scores.leverage.high", "100"),
    ),
    Corruption(
        "judgement-range-without-rationale",
        "options/activate.toml",
        lambda text: re.sub(r"\nrange_rationale = .*", "", text, count=1),
        ("data/options/activate.toml", "scores.leverage.range_rationale"),
    ),
    Corruption(
        "option-parameter-cites-unknown-evidence",
        "options/dismantle.toml",
        Replace('evidence = ["B4", "K5"]', 'evidence = ["B4", "K99"]'),
        ("data/options/dismantle.toml", "russia_objection", "K99"),
    ),
    Corruption(
        "preset-unknown-assumption",
        "presets.toml",
        Replace(
            "p_russia_accepts_buyback = 0.6",
            "p_russia_accepts_buybak = 0.6",
            after='id = "moscow_deal"',
        ),
        ("data/presets.toml", "moscow_deal", "assumptions", "p_russia_accepts_buybak"),
    ),
    Corruption(
        "preset-out-of-range-value",
        "presets.toml",
        Replace(
            "buyback_price_share = 0.4", "buyback_price_share = 0.9", after='id = "moscow_deal"'
        ),
        ("data/presets.toml", "moscow_deal", "assumptions.buyback_price_share", "0.9"),
    ),
    Corruption(
        "preset-unknown-criterion-weight",
        "presets.toml",
        Replace("net_financial = 14", "net_finance = 14", after='id = "moscow_deal"'),
        ("data/presets.toml", "moscow_deal", "weights", "net_finance"),
    ),
    Corruption(
        "evidence-malformed-date",
        "evidence.toml",
        Replace('date = "2017-09-12"', 'date = "12/09/2017"', after='id = "A1"'),
        ("data/evidence.toml", "'A1'", "field 'date'"),
    ),
    Corruption(
        "evidence-impossible-calendar-date",
        "evidence.toml",
        Replace('date = "', 'date = "2017-13-45" #', after='id = "A1"'),
        ("data/evidence.toml", "'A1'", "2017-13-45"),
    ),
    Corruption(
        "evidence-unknown-status",
        "evidence.toml",
        Replace('status = "confirmed"', 'status = "rumoured"', after='id = "A1"'),
        ("data/evidence.toml", "'A1'", "field 'status'"),
    ),
    Corruption(
        "criterion-weight-cites-unknown-evidence",
        "criteria.toml",
        Replace('evidence = ["I8"]', 'evidence = ["I88"]', after='id = "domestic_acceptability"'),
        ("data/criteria.toml", "domestic_acceptability", "I88"),
    ),
    Corruption(
        "constant-unknown-basis",
        "model.toml",
        Replace('basis = "judgement"', 'basis = "guess"', after="[model.constants.tie_tolerance]"),
        ("data/model.toml", "tie_tolerance", "basis"),
    ),
]


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=[c.name for c in CORRUPTIONS])
def test_corrupted_file_fails_with_a_message_naming_it(
    tmp_path: Path, corruption: Corruption
) -> None:
    """Each bad edit fails at load with a message naming the file, the entry and the field."""
    data = copy_data(tmp_path)
    rewrite(data, corruption.file, corruption.change)
    message = load_error(data)
    missing = [fragment for fragment in corruption.fragments if fragment not in message]
    assert missing == [], message


@pytest.mark.parametrize("relative", ["presets.toml", "evidence.toml", "model.toml"])
def test_missing_file(tmp_path: Path, relative: str) -> None:
    data = copy_data(tmp_path)
    (data / relative).unlink()
    message = load_error(data)
    assert f"data/{relative}" in message
    assert "missing" in message


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
