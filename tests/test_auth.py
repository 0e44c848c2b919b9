"""Sign-in and roles: the configuration, identities, the role table and the app under each role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.testing.v1 import AppTest

from components.auth import (
    ALLOWED,
    AuthConfigError,
    Roles,
    config,
    identity,
    parse_config,
    parse_roles,
)
from tests.test_app import ROOT

SCENARIOS = "app_pages/scenarios.py"
SAVE = "FormSubmitter:save_form-Save as a new version"
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-long-random-test-cookie-secret",
    "client_id": "desk",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {
    "admins": ["Lead@Example.org"],
    "analysts": ["ana@example.org"],
    "default": "viewer",
}
PEOPLE = {
    "admin": {"name": "Lee Lead", "email": "lead@example.org"},
    "analyst": {"name": "Ana Analyst", "email": "ana@example.org"},
    "viewer": {"name": "Vic Viewer", "email": "vic@example.org"},
}


@pytest.fixture(autouse=True)
def private_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S400_DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("S400_DESK_DATABASE_PATH", str(tmp_path / "library.sqlite3"))


def signed_in_app(role: str | None, roles: dict[str, Any] = ROLES) -> AppTest:
    """The app with sign-in configured, as `role` (None: not signed in), after one run."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.secrets = {"auth": AUTH, "roles": roles}
    app.user = {"is_logged_in": False} if role is None else {"is_logged_in": True, **PEOPLE[role]}
    return app.run()


def scenarios_as(role: str) -> AppTest:
    app = signed_in_app(role)
    app.switch_page(SCENARIOS).run()
    assert not app.exception
    return app


def record_authors(app: AppTest) -> list[str]:
    return next(f.value for f in app.dataframe if "Robustness" in f.value)["Who"].tolist()


# The configuration and the helpers, from plain dicts.


def test_roles_come_from_the_lists_case_blind_and_everyone_else_gets_the_default() -> None:
    roles = parse_roles(ROLES)
    assert roles.role_of({"email": "LEAD@example.org"}) == "admin"
    assert roles.role_of({"email": " ana@example.org "}) == "analyst"
    assert roles.role_of({"email": "someone@example.org"}) == "viewer"
    assert roles.role_of({"name": "No email"}) == "viewer"
    assert parse_roles({**ROLES, "default": "analyst"}).role_of({"email": "x@y.org"}) == "analyst"


def test_an_unverified_email_gets_only_the_default_role() -> None:
    roles = parse_roles(ROLES)
    assert roles.role_of({"email": "lead@example.org", "email_verified": False}) == "viewer"
    assert roles.role_of({"email": "lead@example.org", "email_verified": True}) == "admin"


def test_without_a_roles_table_every_signed_in_user_is_a_viewer() -> None:
    assert parse_roles(None) == Roles()
    assert Roles().role_of({"email": "lead@example.org"}) == "viewer"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"admins": "lead@example.org"}, "'admins' must be a list of email addresses"),
        ({"analysts": ["not an email"]}, "'analysts' must be a list of email addresses"),
        ({"default": "owner"}, "default must be one of viewer, analyst, admin, not 'owner'"),
        ({"editors": []}, "unknown key 'editors'"),
        ({"admins": ["a@b.org"], "analysts": ["A@b.org"]}, "'a@b.org' is listed as admin and"),
        (["lead@example.org"], "secrets [roles] must be a table"),
    ],
)
def test_a_bad_roles_table_is_one_plain_line(table: object, message: str) -> None:
    with pytest.raises(AuthConfigError, match=r"^secrets \[roles\]") as error:
        parse_roles(table)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_sign_in_is_on_only_with_an_auth_table() -> None:
    assert parse_config({"auth": AUTH, "roles": ROLES}).enabled
    assert not parse_config({}).enabled
    assert not parse_config({"roles": ROLES}).enabled


@pytest.mark.parametrize(
    ("auth", "message"),
    [
        ("on", "secrets [auth] must be a table"),
        ({}, "secrets [auth]: missing redirect_uri, cookie_secret, client_id, client_secret"),
        ({**AUTH, "client_secret": ""}, "secrets [auth]: missing client_secret"),
        ({**AUTH, "redirect_uri": "http://x/"}, "redirect_uri must end with /oauth2callback"),
    ],
)
def test_an_incomplete_auth_table_is_one_plain_line_not_an_open_app(
    auth: object, message: str
) -> None:
    with pytest.raises(AuthConfigError) as error:
        parse_config({"auth": auth})
    assert message in str(error.value)


class UnreadableSecrets:
    """Stands in for st.secrets when Streamlit cannot load the secrets (`error_id` says why)."""

    def __init__(self, error_id: str) -> None:
        self.error_id = error_id

    def to_dict(self) -> dict[str, Any]:
        raise StreamlitSecretNotFoundError("secrets at {path}", path="x", error_id=self.error_id)


def test_no_secrets_file_means_one_local_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamlit, "secrets", UnreadableSecrets("no-secrets-found"))
    assert not config().enabled


def test_a_secrets_file_that_cannot_be_read_is_an_error_not_an_open_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(streamlit, "secrets", UnreadableSecrets("failed-parsing-secrets-file"))
    with pytest.raises(AuthConfigError, match=r"^the secrets file cannot be read"):
        config()


def test_the_role_table_gives_viewers_nothing_analysts_save_and_rooms_admins_everything() -> None:
    assert ALLOWED["viewer"] == frozenset()
    assert ALLOWED["analyst"] == {"save", "open_room"}
    assert ALLOWED["admin"] == {"save", "delete", "undo", "open_room"}


def test_an_identity_is_name_and_email_or_what_there_is() -> None:
    assert identity({"name": "Ana Analyst", "email": "ana@example.org"}) == (
        "Ana Analyst <ana@example.org>"
    )
    assert identity({"email": "ana@example.org", "sub": "123"}) == "ana@example.org"
    assert identity({"sub": "123"}) == "123"
    assert identity({"name": "Ana\x1b[31m  \n Analyst", "email": "a@b.org"}) == (
        "Ana[31m Analyst <a@b.org>"
    )
    assert identity({"name": "N" * 80, "email": "ana@example.org"}) == "ana@example.org"
    assert len(identity({"email": "a" * 100 + "@example.org"})) == 80


# The app under each role (AppTest seeds st.secrets and st.user).


def test_before_sign_in_only_a_sign_in_screen_shows() -> None:
    app = signed_in_app(None)
    assert not app.exception
    assert [b.label for b in app.button] == ["Sign in"]
    assert not app.slider and not app.text_input and not app.selectbox
    assert not app.sidebar.markdown
    assert "Sign in to continue." in [m.value for m in app.markdown]


def test_a_bad_roles_table_stops_the_app_with_one_line() -> None:
    app = signed_in_app("analyst", roles={"default": "owner"})
    assert not app.exception
    assert app.error[0].value.startswith("Sign-in is misconfigured: `secrets [roles]: default")
    assert not app.button and not app.slider


def test_the_sidebar_says_who_is_signed_in_with_a_sign_out_button() -> None:
    app = signed_in_app("analyst")
    assert not app.exception
    shown = [m.value for m in app.sidebar.markdown]
    assert "Signed in as `Ana Analyst <ana@example.org>` (analyst)" in shown
    assert app.button(key="sign_out").label == "Sign out"


def test_an_analyst_saves_as_themselves_but_may_not_delete() -> None:
    app = scenarios_as("analyst")
    assert "save_author" not in [t.key for t in app.text_input]
    assert "Author: `Ana Analyst <ana@example.org>`" in [m.value for m in app.markdown]
    app.text_area(key="save_rationale").input("Ahead of the summit")
    app.button(key=SAVE).click().run()
    assert "version 1" in app.success[0].value
    assert record_authors(app) == ["Ana Analyst <ana@example.org>"]
    delete = app.button(key="lib_delete")
    assert delete.disabled and delete.help == "Only an admin can delete scenarios."
    assert not app.button(key=SAVE).disabled


def test_delete_is_refused_in_the_callback_not_only_by_the_disabled_button() -> None:
    app = scenarios_as("admin")
    app.button(key=SAVE).click().run()
    app.secrets["roles"] = {**ROLES, "admins": [], "analysts": ["lead@example.org"]}
    app.button(key="lib_delete").click().run()  # clicked on a page drawn before the demotion
    assert not app.exception
    assert "Could not delete it: Only an admin can delete" in app.error[0].value
    assert app.button(key="lib_delete").disabled
    app.toggle(key="lib_deleted").set_value(True).run()
    assert not next(f.value for f in app.dataframe if "Deleted" in f.value).iloc[0]["Deleted"]


def test_a_viewer_may_read_but_not_save() -> None:
    app = scenarios_as("viewer")
    save = app.button(key=SAVE)
    assert save.disabled and "saving needs the analyst or admin role" in save.help
    assert app.get("download_button")  # exports stay open to viewers


def test_save_is_refused_on_the_server_not_only_by_the_disabled_button() -> None:
    app = scenarios_as("analyst")
    app.secrets["roles"] = {**ROLES, "analysts": []}
    app.button(key=SAVE).click().run()  # clicked on a page drawn before the demotion
    assert not app.exception and not app.success
    assert "Nothing saved yet" in " ".join(c.value for c in app.caption)
    assert app.button(key=SAVE).disabled


def test_an_admin_may_delete_and_undo() -> None:
    app = scenarios_as("admin")
    app.button(key=SAVE).click().run()
    assert record_authors(app) == ["Lee Lead <lead@example.org>"]
    assert not app.button(key="lib_delete").disabled
    app.button(key="lib_delete").click().run()
    assert "Deleted 1 version" in app.success[0].value
    app.toggle(key="lib_deleted").set_value(True).run()
    assert not app.button(key="lib_undo").disabled
    app.button(key="lib_undo").click().run()
    assert "Restored 1 version" in app.success[0].value


def test_without_sign_in_one_local_user_may_do_everything() -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    app.switch_page(SCENARIOS).run()
    assert not app.exception
    assert "sign_out" not in [b.key for b in app.button]
    assert not app.button(key=SAVE).disabled and not app.button(key=SAVE).help
    app.text_input(key="save_author").input("Local analyst")
    app.button(key=SAVE).click().run()
    assert record_authors(app) == ["Local analyst"]
    assert not app.button(key="lib_delete").disabled
