"""Sign-in and roles: whether sign-in is on, who is signed in, and what they may do.

Sign-in is Streamlit's own (`st.login`, an OpenID Connect provider in the `[auth]` table of
the secrets). Roles come from the `[roles]` table, matched on the signed-in email:

    [roles]
    admins = ["lead@example.org"]
    analysts = ["analyst@example.org"]
    default = "viewer"  # any other signed-in user (the default)

Without `[auth]` there is one local user, who may do everything. See docs/security.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.text import literal
from store.schema import AUTHOR_LIMIT

Role = Literal["viewer", "analyst", "admin"]
Action = Literal["save", "delete", "undo", "open_room"]

ROLES: tuple[Role, ...] = get_args(Role)
ALLOWED: dict[Role, frozenset[Action]] = {
    "viewer": frozenset(),
    "analyst": frozenset({"save", "open_room"}),
    "admin": frozenset(get_args(Action)),
}
WHY_NOT: dict[Action, str] = {
    "save": "Viewers can read and export; saving needs the analyst or admin role.",
    "delete": "Only an admin can delete scenarios.",
    "undo": "Only an admin can undo a delete.",
    "open_room": "Viewers can read and export; opening a room needs the analyst or admin role.",
}
_ROLE_LISTS = {"admins": "admin", "analysts": "analyst"}
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


class AuthConfigError(ValueError):
    """The sign-in or roles configuration is wrong; the message is one plain line."""


@dataclass(frozen=True)
class Roles:
    """Who holds which role: listed emails (lower case) and the role of everyone else."""

    admins: frozenset[str] = frozenset()
    analysts: frozenset[str] = frozenset()
    default: Role = "viewer"

    def role_of(self, user: Mapping[str, Any]) -> Role:
        """The role of a signed-in user from their claims; only a verified email is matched."""
        email = user.get("email")
        if not isinstance(email, str) or user.get("email_verified") is False:
            return self.default
        email = email.strip().lower()
        if email in self.admins:
            return "admin"
        if email in self.analysts:
            return "analyst"
        return self.default


@dataclass(frozen=True)
class AuthConfig:
    """Sign-in on or off, and the roles."""

    enabled: bool
    roles: Roles


def _emails(table: Mapping[str, Any], key: str) -> frozenset[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(item, str) and "@" in item.strip()[1:-1] for item in value
    ):
        raise AuthConfigError(f"secrets [roles]: '{key}' must be a list of email addresses")
    return frozenset(item.strip().lower() for item in value)


def parse_roles(table: object) -> Roles:
    """Validate a `[roles]` table (absent: everyone signed in is a viewer)."""
    if table is None:
        return Roles()
    if not isinstance(table, Mapping):
        raise AuthConfigError("secrets [roles] must be a table")
    unknown = sorted(set(table) - {*_ROLE_LISTS, "default"})
    if unknown:
        raise AuthConfigError(
            f"secrets [roles]: unknown key '{unknown[0]}'; allowed: admins, analysts, default"
        )
    admins, analysts = _emails(table, "admins"), _emails(table, "analysts")
    both = sorted(admins & analysts)
    if both:
        raise AuthConfigError(f"secrets [roles]: '{both[0]}' is listed as admin and as analyst")
    default = table.get("default", "viewer")
    if default not in ROLES:
        raise AuthConfigError(
            f"secrets [roles]: default must be one of {', '.join(ROLES)}, not {default!r}"
        )
    return Roles(admins, analysts, default)


def parse_config(secrets: Mapping[str, Any]) -> AuthConfig:
    """Sign-in and roles from the secrets: on when `[auth]` is present (and then complete)."""
    auth = secrets.get("auth")
    if auth is not None:
        if not isinstance(auth, Mapping):
            raise AuthConfigError("secrets [auth] must be a table")
        missing = [key for key in AUTH_KEYS if not auth.get(key)]
        if missing:
            raise AuthConfigError(f"secrets [auth]: missing {', '.join(missing)}")
        if not str(auth["redirect_uri"]).endswith("/oauth2callback"):
            raise AuthConfigError("secrets [auth]: redirect_uri must end with /oauth2callback")
    return AuthConfig(enabled=auth is not None, roles=parse_roles(secrets.get("roles")))


def identity(user: Mapping[str, Any]) -> str:
    """A signed-in user as one stable line: 'Name <email>', else the email, else the subject."""
    name, email, subject = (_clean(user.get(claim)) for claim in ("name", "email", "sub"))
    if name and email and len(name) + len(email) + 3 <= AUTHOR_LIMIT:
        return f"{name} <{email}>"
    return (email or name or subject or "signed-in user")[:AUTHOR_LIMIT]


def _clean(claim: object) -> str:
    text = claim if isinstance(claim, str) else ""
    return " ".join("".join(c for c in text if c.isprintable()).split())


def config() -> AuthConfig:
    """This server's configuration (`st.secrets`); a secrets file that cannot be read is an
    error, never a reason to run without sign-in."""
    try:
        secrets = st.secrets.to_dict()
    except StreamlitSecretNotFoundError as error:
        if getattr(error, "error_id", None) == "no-secrets-found":
            return AuthConfig(enabled=False, roles=Roles())
        raise AuthConfigError("the secrets file cannot be read; the server log says why") from None
    return parse_config(secrets)


def _signed_in() -> bool:
    return st.user.get("is_logged_in") is True


def current_identity() -> str | None:
    """The signed-in user's identity, or None without sign-in (one local user)."""
    return identity(st.user) if config().enabled and _signed_in() else None


def current_role() -> Role:
    """The current user's role: admin for the one local user, viewer before sign-in."""
    settings = config()
    if not settings.enabled:
        return "admin"
    return settings.roles.role_of(st.user) if _signed_in() else "viewer"


def can(action: Action) -> bool:
    """Whether the current user may do `action`."""
    return action in ALLOWED[current_role()]


def why_not(action: Action) -> str | None:
    """Why the current user may not do `action` (a button's help), or None if they may."""
    return None if can(action) else WHY_NOT[action]


def require_sign_in() -> None:
    """Stop the run with a plain sign-in screen (or the configuration error) unless the user
    may see the app: sign-in is off, or they are signed in."""
    try:
        enabled = config().enabled
    except AuthConfigError as error:
        st.error(f"Sign-in is misconfigured: {literal(str(error), 300)}")
        st.stop()
    if not enabled or _signed_in():
        return
    st.set_page_config(page_title="S-400 Decision Desk", initial_sidebar_state="collapsed")
    st.header("S-400 Decision Desk")
    st.write("Sign in to continue.")
    if st.button("Sign in", key="sign_in", type="primary"):
        st.login()
    st.stop()


def signed_in_panel() -> None:
    """Who is signed in, their role and a Sign out button (nothing without sign-in)."""
    who = current_identity()
    if who is None:
        return
    st.markdown(f"Signed in as {literal(who)} ({current_role()})")
    if st.button("Sign out", key="sign_out", width="stretch"):
        st.logout()
