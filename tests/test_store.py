"""The scenario store on SQLite and PostgreSQL: versions, soft delete, search, the decision
record, verbatim text, configuration and migrations."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import exc, insert, select, text
from sqlalchemy.engine import make_url

from scoring import Scenario, default_model, evaluate
from scoring.record import Record, record_for
from scoring.robustness import AnalysisSettings, analyse
from store import ScenarioStore, StoreError, database_url, schema
from store import config as store_config
from store.database import Database
from store.library import CSV_COLUMNS
from store.migrations import LATEST, MIGRATIONS, migrate

pytest_plugins = ["tests.store_fixtures"]
MODEL = default_model()

HOSTILE = {
    "name": '<script>alert("name")</script> & <b>bold</b>',
    "author": "<img src=x onerror=alert(1)> O'Brien",
    "rationale": 'One <a href="javascript:alert(1)">click</a>\nTwo: ümlaut, 日本, "quotes"',
    "notes": "<iframe src=//example.invalid></iframe> {{template}} **markdown**",
}


def scenario(name: str = "Meeting prep", shelf_life: float = 3.0, **fields: object) -> Scenario:
    return Scenario.build(
        {"name": name, "assumptions": {"interceptor_shelf_life_years": shelf_life}, **fields},
        MODEL,
    )


def rows(store: ScenarioStore, table: str) -> int:
    with store._database.reading() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_first_use_creates_the_folder_the_database_and_the_schema(database_url: str) -> None:
    url = make_url(database_url)
    path = Path(url.database or "")
    if url.get_backend_name() == "sqlite":
        assert not path.parent.exists()
    with ScenarioStore.open(database_url, model=MODEL) as store:
        assert store.list() == []
        assert store.decision_record() == []
        assert store.decision_record_csv() == ",".join(CSV_COLUMNS) + "\n"
        server = f"at {url.username}@{url.host}:{url.port}/{url.database}"
        assert store.where == (str(path) if url.get_backend_name() == "sqlite" else server)
        with store._database.reading() as connection:
            applied = connection.execute(select(schema.schema_version.c.version)).scalars().all()
        assert applied == [m.version for m in MIGRATIONS]
    if url.get_backend_name() == "sqlite":
        assert path.is_file()


def test_saving_under_a_name_adds_a_version_and_overwrites_nothing(
    store: ScenarioStore, record: Record
) -> None:
    saved = [
        store.save(scenario(shelf_life=life), f"author {i}", f"why {i}", record)
        for i, life in enumerate((3.0, 4.5, 6.0), start=1)
    ]
    assert [s.version for s in saved] == [1, 2, 3]
    versions = store.versions("Meeting prep")
    assert [(v.version, v.author, v.rationale) for v in versions] == [
        (1, "author 1", "why 1"),
        (2, "author 2", "why 2"),
        (3, "author 3", "why 3"),
    ]
    assert [v.created_at for v in versions] == [s.created_at for s in saved]
    assert all(v.model_version == MODEL.version for v in versions)
    for version, life in zip((1, 2, 3), (3.0, 4.5, 6.0), strict=True):
        loaded = store.load("Meeting prep", version)
        assert loaded.assumptions["interceptor_shelf_life_years"] == life
    assert store.load("Meeting prep") == scenario(shelf_life=6.0)
    [summary] = store.list()
    assert (summary.name, summary.latest_version, summary.version_count) == ("Meeting prep", 3, 3)
    assert (summary.author, summary.saved_at) == ("author 3", saved[-1].created_at)


def test_load_returns_an_equal_scenario(store: ScenarioStore, record: Record) -> None:
    original = Scenario.from_preset("moscow_deal", MODEL).model_copy(
        update={"notes": "Prepared for Tuesday.\nSecond line."}
    )
    store.save(original, "analyst", "", record)
    loaded = store.load(original.name)
    assert loaded == original
    assert loaded.model_dump_json() == original.model_dump_json()


def test_save_under_another_name_renames_the_stored_scenario(
    store: ScenarioStore, record: Record
) -> None:
    store.save(scenario("Draft"), "analyst", "", record, name="Final")
    assert [s.name for s in store.list()] == ["Final"]
    assert store.load("Final").name == "Final"


def test_soft_delete_hides_every_version_and_undo_restores_them(
    store: ScenarioStore, record: Record
) -> None:
    for _ in range(2):
        store.save(scenario(), "analyst", "", record)
    store.save(scenario("Other"), "analyst", "", record)

    assert store.delete("Meeting prep") == 2
    assert [s.name for s in store.list()] == ["Other"]
    hidden = [s for s in store.list(include_deleted=True) if s.name == "Meeting prep"]
    assert hidden[0].deleted_at is not None and hidden[0].version_count == 2
    for attempt in (lambda: store.load("Meeting prep"), lambda: store.versions("Meeting prep")):
        with pytest.raises(StoreError, match="was deleted; undo the delete") as error:
            attempt()
        assert error.value.kind == "not_found"
    assert [v.version for v in store.versions("Meeting prep", include_deleted=True)] == [1, 2]
    with pytest.raises(StoreError, match="is already deleted"):
        store.delete("Meeting prep")
    assert len(store.decision_record()) == 3  # the record keeps deleted versions

    assert store.undo_delete("Meeting prep") == 2
    assert store.load("Meeting prep", 1) == scenario()
    assert {s.name for s in store.list()} == {"Meeting prep", "Other"}
    with pytest.raises(StoreError, match="has no deleted versions to restore"):
        store.undo_delete("Meeting prep")
    assert rows(store, "scenarios") == 3


def test_saving_a_deleted_name_continues_its_numbering_and_undo_is_a_stack(
    store: ScenarioStore, record: Record
) -> None:
    store.save(scenario(), "analyst", "", record)
    store.delete("Meeting prep")
    assert store.save(scenario(shelf_life=5.0), "analyst", "", record).version == 2
    assert [v.version for v in store.versions("Meeting prep")] == [2]
    store.delete("Meeting prep")
    assert store.undo_delete("Meeting prep") == 1  # brings back version 2, the last delete
    assert [v.version for v in store.versions("Meeting prep")] == [2]
    assert store.undo_delete("Meeting prep") == 1  # then version 1
    assert [v.version for v in store.versions("Meeting prep")] == [1, 2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.load("Nobody saved this"), "no saved scenario is named 'Nobody saved this'"),
        (lambda s: s.load("Meeting prep", 7), "'Meeting prep' has no version 7; its versions are"),
        (lambda s: s.versions("Unknown"), "no saved scenario is named 'Unknown'"),
        (lambda s: s.delete("Unknown"), "no saved scenario is named 'Unknown'"),
        (lambda s: s.undo_delete("Unknown"), "no saved scenario is named 'Unknown'"),
    ],
)
def test_unknown_names_and_versions_give_a_plain_message(
    store: ScenarioStore, record: Record, call: object, message: str
) -> None:
    store.save(scenario(), "analyst", "", record)
    with pytest.raises(StoreError, match=message) as error:
        call(store)  # type: ignore[operator]
    assert error.value.kind == "not_found"


def test_search_matches_name_author_and_rationale_ignoring_case(
    store: ScenarioStore, record: Record
) -> None:
    store.save(scenario("Washington window"), "Ayşe Demir", "Ahead of the NATO summit", record)
    store.save(scenario("Ankara holds"), "Mehmet", "Domestic pressure", record)
    store.save(scenario("Ankara holds"), "Mehmet", "Revised after the SUMMIT call", record)
    store.save(scenario("Moscow deal"), "Selin", "Buy-back terms", record)

    def found(term: str | None) -> set[str]:
        return {s.name for s in store.list(search=term)}

    assert found(None) == {"Washington window", "Ankara holds", "Moscow deal"}
    assert found("ANKARA") == {"Ankara holds"}
    assert found("ayşe") == {"Washington window"}
    assert found("summit") == {"Washington window", "Ankara holds"}  # any version's rationale
    assert found("100%_") == set()  # no wildcards
    assert found("nothing like this") == set()
    store.delete("Moscow deal")
    assert found("buy-back") == set()
    assert {s.name for s in store.list(search="buy-back", include_deleted=True)} == {"Moscow deal"}
    assert store.list()[0].name == "Ankara holds"  # most recently saved first


def test_decision_record_has_one_row_per_saved_version(
    store: ScenarioStore, record: Record
) -> None:
    other = Record("keep_storage", "Keep in storage (status quo)", 41.5, "Keep stored leads.")
    first = store.save(scenario(), "Ayşe", "Opening position", record)
    second = store.save(scenario(shelf_life=8.0), "Mehmet", "After the briefing", other)
    store.delete("Meeting prep")

    entries = store.decision_record()
    assert [(e.scenario_name, e.version, e.author, e.rationale) for e in entries] == [
        ("Meeting prep", 1, "Ayşe", "Opening position"),
        ("Meeting prep", 2, "Mehmet", "After the briefing"),
    ]
    assert [e.created_at for e in entries] == [first.created_at, second.created_at]
    assert (entries[1].leader_id, entries[1].leader_label) == (other.leader_id, other.leader_label)
    assert entries[1].leader_score == pytest.approx(41.5)
    assert entries[0].robustness == record.robustness
    assert {e.model_version for e in entries} == {MODEL.version}

    exported = list(csv.DictReader(io.StringIO(store.decision_record_csv())))
    assert len(exported) == 2
    assert tuple(exported[0]) == CSV_COLUMNS
    assert exported[1] == {
        "recorded_at": second.created_at.isoformat(timespec="seconds"),
        "scenario": "Meeting prep",
        "version": "2",
        "author": "Mehmet",
        "recommendation": "Keep in storage (status quo)",
        "recommendation_id": "keep_storage",
        "score": "41.50",
        "robustness": "Keep stored leads.",
        "rationale": "After the briefing",
        "model_version": MODEL.version,
    }


def test_the_decision_record_pages_newest_first_with_a_count(
    store: ScenarioStore, record: Record
) -> None:
    for i in range(1, 8):
        store.save(scenario(f"Draft {i}"), "analyst", "", record)

    first = store.decision_record_page(limit=3)
    assert [e.scenario_name for e in first.entries] == ["Draft 7", "Draft 6", "Draft 5"]
    assert (first.total, first.offset) == (7, 0)
    last = store.decision_record_page(limit=3, offset=6)
    assert ([e.scenario_name for e in last.entries], last.total) == (["Draft 1"], 7)
    assert store.decision_record_page(limit=3, offset=9).entries == []
    assert store.decision_record_page().entries == list(reversed(store.decision_record()))
    for bad in ({"limit": 0}, {"offset": -1}, {"limit": 2.5}):
        with pytest.raises(StoreError, match="must be a whole number") as error:
            store.decision_record_page(**bad)  # type: ignore[arg-type]
        assert error.value.kind == "invalid"


def test_decision_record_search_ignores_case_and_takes_wildcards_literally(
    store: ScenarioStore, record: Record
) -> None:
    keep = Record("keep_storage", "Keep in storage (status quo)", 41.5, "Keep stored leads.")
    store.save(scenario("Ankara holds"), "Ayşe Demir", "Domestic pressure", keep)
    store.save(scenario("Washington window"), "Mehmet", "Ahead of the NATO SUMMIT", record)
    store.save(scenario("Moscow deal"), "Selin", "Buy-back at 100% of cost", record)
    store.save(scenario("Plan_B"), "Selin", "Fallback", record)
    store.save(scenario("PlanXB"), "Selin", "A second fallback", record)
    store.delete("Moscow deal")  # the record keeps deleted versions

    def found(term: str) -> list[str]:
        page = store.decision_record_page(term)
        assert page.total == len(page.entries)
        return [e.scenario_name for e in page.entries]

    assert found("ANKARA") == ["Ankara holds"]  # scenario name
    assert found("AYŞE") == ["Ankara holds"]  # author, beyond ASCII
    assert found("summit") == ["Washington window"]  # rationale
    assert found("status QUO") == ["Ankara holds"]  # leading option
    assert found("100%") == ["Moscow deal"]
    assert found("0%") == ["Moscow deal"]
    assert found("plan_b") == ["Plan_B"]  # _ is not "any character"
    assert found("%") == ["Moscow deal"]
    assert found("\\") == []
    assert found("nothing like this") == []
    assert len(found("")) == 5


def test_html_and_script_text_round_trips_verbatim(store: ScenarioStore) -> None:
    hostile = scenario(HOSTILE["name"], notes=HOSTILE["notes"])
    record = Record("activate", "<b>Activate</b>", 12.0, "<script>alert('robust')</script>")
    store.save(hostile, HOSTILE["author"], HOSTILE["rationale"], record)

    assert store.load(HOSTILE["name"]) == hostile
    [summary] = store.list(search="<script>")
    assert (summary.name, summary.author, summary.rationale) == (
        HOSTILE["name"],
        HOSTILE["author"],
        HOSTILE["rationale"],
    )
    [entry] = store.decision_record()
    assert (entry.scenario_name, entry.author, entry.rationale) == (
        HOSTILE["name"],
        HOSTILE["author"],
        HOSTILE["rationale"],
    )
    assert (entry.leader_label, entry.robustness) == (record.leader_label, record.robustness)
    [row] = csv.DictReader(io.StringIO(store.decision_record_csv()))
    assert (row["scenario"], row["author"], row["rationale"], row["robustness"]) == (
        HOSTILE["name"],
        HOSTILE["author"],
        HOSTILE["rationale"],
        record.robustness,
    )


def test_csv_quotes_cells_a_spreadsheet_would_run_as_formulas(
    store: ScenarioStore, record: Record
) -> None:
    store.save(scenario('=HYPERLINK("http://x")'), "@admin", "+1 for this; -2 for that", record)
    [row] = csv.DictReader(io.StringIO(store.decision_record_csv()))
    assert row["scenario"] == '\'=HYPERLINK("http://x")'
    assert (row["author"], row["rationale"]) == ("'@admin", "'+1 for this; -2 for that")
    assert store.decision_record()[0].author == "@admin"  # stored verbatim


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"author": ""}, "author is empty"),
        ({"author": "   "}, "author is empty"),
        ({"author": "x" * 81}, "author is 81 characters; at most 80"),
        ({"author": "two\nlines"}, r"author contains a control character \(U\+000A\)"),
        ({"author": "a\x85b"}, r"author contains a control character \(U\+0085\)"),
        ({"rationale": "r" * 5_001}, "rationale is 5,001 characters; at most 5,000"),
        ({"rationale": "nul\x00byte"}, r"rationale contains a control character \(U\+0000\)"),
        ({"rationale": "a\u202eb"}, "rationale contains a text-direction control"),
        ({"name": " "}, "name is empty"),
        ({"name": "n" * 121}, "name is 121 characters; at most 120"),
        ({"name": "tab\tname"}, r"name contains a control character \(U\+0009\)"),
        ({"name": "a\ufffeb"}, "name contains a Unicode noncharacter"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    store: ScenarioStore, record: Record, fields: dict[str, str], message: str
) -> None:
    arguments = {"author": "analyst", "rationale": "", **fields}
    with pytest.raises(StoreError, match=message) as error:
        store.save(scenario(), record=record, **arguments)
    assert error.value.kind == "invalid"
    assert (rows(store, "scenarios"), rows(store, "decision_record")) == (0, 0)


def test_limits_are_inclusive(store: ScenarioStore, record: Record) -> None:
    saved = store.save(scenario("n" * 120), "a" * 80, "r" * 5_000, record)
    assert store.versions(saved.name)[0].rationale == "r" * 5_000


@pytest.mark.parametrize("version", [0, -1, "1", 1.0, True])
def test_a_version_must_be_a_positive_whole_number(
    store: ScenarioStore, record: Record, version: object
) -> None:
    store.save(scenario(), "analyst", "", record)
    with pytest.raises(StoreError, match="version must be a whole number of 1 or more"):
        store.load("Meeting prep", version)  # type: ignore[arg-type]


def insert_raw_version(database: Database, name: str, content: str) -> None:
    """Version 1 of `name` as an older Decision Desk, or a hand edit, may have left it."""
    with database.writing() as connection:
        connection.execute(
            insert(schema.scenarios).values(
                name=name,
                version=1,
                author="earlier analyst",
                rationale="saved before the decision record existed",
                scenario_json=content,
                model_version="0.9.0+older",
                created_at=datetime.now(UTC),
            )
        )


def test_a_scenario_saved_under_an_older_model_loads_or_fails_plainly(
    store: ScenarioStore,
) -> None:
    older = {"schema_version": 1, "name": "Older", "assumptions": {}, "weights": {}}
    insert_raw_version(store._database, "Older", json.dumps(older))
    assert store.load("Older") == Scenario.build({"name": "Older"}, MODEL)  # defaults fill in

    out_of_range = {**older, "name": "Wide", "assumptions": {"interceptor_shelf_life_years": 40}}
    insert_raw_version(store._database, "Wide", json.dumps(out_of_range))
    with pytest.raises(StoreError) as error:
        store.load("Wide")
    assert str(error.value).startswith(
        "'Wide' version 1 does not fit the current model: "
        "assumptions.interceptor_shelf_life_years: 40 is out of range"
    )
    assert error.value.kind == "invalid"

    insert_raw_version(store._database, "Future", json.dumps({**older, "schema_version": 2}))
    with pytest.raises(StoreError, match="schema_version 2 is not supported"):
        store.load("Future")
    insert_raw_version(store._database, "Retired", json.dumps({**older, "weights": {"gone": 1}}))
    with pytest.raises(StoreError, match="unknown criterion 'gone'"):
        store.load("Retired")


def test_the_database_refuses_to_rewrite_or_remove_saved_rows(
    store: ScenarioStore, record: Record
) -> None:
    store.save(scenario(), "analyst", "", record)
    for statement in (
        "UPDATE decision_record SET rationale = 'changed'",
        "DELETE FROM decision_record",
        "UPDATE scenarios SET scenario_json = '{}'",
        "UPDATE scenarios SET name = 'renamed'",
        "DELETE FROM scenarios",
    ):
        with (
            pytest.raises(exc.DBAPIError, match=r"append-only|never rewritten|never deleted"),
            store._database.engine.begin() as connection,
        ):
            connection.exec_driver_sql(statement)
    assert store.load("Meeting prep") == scenario()
    assert store.decision_record()[0].rationale == ""


def test_migrations_are_idempotent(database_url: str) -> None:
    for _ in range(3):
        ScenarioStore.open(database_url, model=MODEL).close_connections()
    database = Database.connect(database_url)
    try:
        assert migrate(database) == LATEST
        with database.reading() as connection:
            applied = connection.execute(select(schema.schema_version.c.version)).scalars().all()
        assert applied == [m.version for m in MIGRATIONS]
    finally:
        database.dispose()


def test_a_database_at_an_older_schema_version_is_migrated(
    database_url: str, record: Record
) -> None:
    database = Database.connect(database_url)
    try:
        assert migrate(database, target=1) == 1
        older = {"schema_version": 1, "name": "Kept", "assumptions": {}, "weights": {}}
        insert_raw_version(database, "Kept", json.dumps(older))
    finally:
        database.dispose()

    with ScenarioStore.open(database_url, model=MODEL) as store:
        assert store.load("Kept") == Scenario.build({"name": "Kept"}, MODEL)
        assert store.decision_record() == []
        assert store.save(scenario("Kept"), "analyst", "migrated", record).version == 2
        assert [(e.scenario_name, e.version) for e in store.decision_record()] == [("Kept", 2)]
        with store._database.reading() as connection:
            applied = connection.execute(select(schema.schema_version.c.version)).scalars().all()
        assert applied == [m.version for m in MIGRATIONS]


def test_a_database_from_a_newer_desk_is_refused_untouched(database_url: str) -> None:
    ScenarioStore.open(database_url, model=MODEL).close_connections()
    database = Database.connect(database_url)
    try:
        with database.writing() as connection:
            connection.execute(
                insert(schema.schema_version).values(
                    version=LATEST + 1, description="from the future", applied_at=datetime.now(UTC)
                )
            )
    finally:
        database.dispose()
    with pytest.raises(StoreError, match=f"is at schema version {LATEST + 1}") as error:
        ScenarioStore.open(database_url, model=MODEL)
    assert error.value.kind == "too_new"
    parsed = make_url(database_url)
    assert (parsed.host or parsed.database or "") not in str(error.value)


def test_record_for_takes_the_leader_and_the_robustness_sentence() -> None:
    subject = Scenario.from_preset("washington_window", MODEL)
    settings = AnalysisSettings(draws=1_000, seed=7)
    record = record_for(subject, MODEL, settings)
    leader = evaluate(subject, MODEL).ranking[0]
    assert (record.leader_id, record.leader_label) == (leader.option_id, leader.label)
    assert record.leader_score == pytest.approx(leader.score)
    report = analyse(subject, MODEL, draws=1_000, seed=7)
    assert record.robustness == report.summary
    assert "1,000 plausible draws" in record.robustness
    assert record_for(subject, MODEL, report=report) == record


class TestConfiguration:
    """Where the store lives: explicit URL, environment, secrets.toml, SQLite default."""

    def test_explicit_url_wins(self, tmp_path: Path) -> None:
        environ = {store_config.URL_VARIABLE: "postgresql+psycopg://env/db"}
        assert database_url("sqlite:///explicit.db", environ, ()) == "sqlite:///explicit.db"

    def test_environment_url_before_secrets(self, tmp_path: Path) -> None:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text('[connections.scenarios]\nurl = "postgresql://secret/db"\n')
        environ = {store_config.URL_VARIABLE: "postgresql+psycopg://env/db"}
        assert database_url(None, environ, (secrets,)) == "postgresql+psycopg://env/db"
        assert database_url(None, {}, (secrets,)) == "postgresql://secret/db"

    def test_secrets_in_streamlit_parts_form(self, tmp_path: Path) -> None:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[connections.scenarios]\n"
            'dialect = "postgresql"\ndriver = "psycopg"\nhost = "db.internal"\nport = 5433\n'
            'database = "desk"\nusername = "desk"\npassword = "p@ss word"\n'
        )
        url = make_url(database_url(None, {}, (tmp_path / "absent.toml", secrets)))
        assert url.render_as_string(hide_password=True) == (
            "postgresql+psycopg://desk:***@db.internal:5433/desk"
        )
        assert url.password == "p@ss word"

    def test_first_secrets_file_with_the_connection_wins(self, tmp_path: Path) -> None:
        project, home = tmp_path / "project.toml", tmp_path / "home.toml"
        project.write_text('[connections.other]\nurl = "sqlite:///other.db"\n')
        home.write_text('[connections.scenarios]\nurl = "sqlite:///home.db"\n')
        assert database_url(None, {}, (project, home)) == "sqlite:///home.db"

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("[connections.scenarios\n", "cannot read"),
            ('connections = { scenarios = "x" }\n', "must be a table"),
            ("[connections.scenarios]\nurl = 5\n", "url must be a string"),
            ('[connections.scenarios]\nhost = "h"\n', "needs url"),
        ],
    )
    def test_a_bad_secrets_file_gives_a_plain_message(
        self, tmp_path: Path, content: str, message: str
    ) -> None:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(content)
        with pytest.raises(StoreError, match=message) as error:
            database_url(None, {}, (secrets,))
        assert error.value.kind == "bad_url"

    def test_sqlite_path_from_the_environment_or_the_default(self, tmp_path: Path) -> None:
        environ = {store_config.PATH_VARIABLE: str(tmp_path / "elsewhere" / "desk.sqlite3")}
        assert database_url(None, environ, ()) == f"sqlite:///{tmp_path}/elsewhere/desk.sqlite3"
        default = database_url(None, {}, ())
        assert default == f"sqlite:///{store_config.ROOT}/data_store/scenarios.sqlite3"
        ignored = (store_config.ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        assert "data_store/" in ignored
