"""Sign-in with the organisation's accounts (``PANTAU_AUTH=oidc``): the provider's settings
from ``PANTAU_OIDC_*``, the role a signed-in person gets from a group claim, and the
``[auth]`` secrets file Streamlit's ``st.login`` reads at server start.

Streamlit reads ``[auth]`` only from its secrets files, chosen when ``streamlit run`` starts
(``--secrets.files``). ``pantau oidc-secrets`` writes that file from the settings below (owner
only, in the cache folder) and prints its path, never its content; the start command passes
the path on (README, "Sign-in with the organisation's accounts").

Roles come from the ID token's group claim (``PANTAU_OIDC_ROLE_CLAIM``, default ``groups``; a
list or one string; a dotted name such as ``realm_access.roles`` reaches into an object): a
member of an ``PANTAU_OIDC_ANALYST_GROUPS`` group is an analyst, of a
``PANTAU_OIDC_VIEWER_GROUPS`` group a viewer. Anyone else is refused: an organisation's
directory holds far more people than should read the monitoring (and often guests), so access
is granted by group, never by merely having an account. ``PANTAU_OIDC_VIEWER_GROUPS=*`` lets
every signed-in account read.
"""

from __future__ import annotations

import json
import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import ConfigError
from analysis.vocabulary import Role

EVERYONE = "*"
SECRETS_NAME = "oidc-secrets.toml"
NAME_CLAIMS = ("preferred_username", "email", "name", "sub")
"""The claims a signed-in person's name is taken from, first present first: the name shown in
the sidebar and signed on every change."""


@dataclass(frozen=True)
class OidcConfig:
    """The identity provider and the group-to-role mapping. Build it with :func:`load_oidc`."""

    metadata_url: str
    client_id: str
    client_secret: str = field(repr=False)  # a secret: never in a log or a page
    redirect_uri: str | None = None
    """Where the provider sends people back (``…/oauth2callback``); None: the dashboard's
    address (``PANTAU_DASHBOARD_URL``) + ``/oauth2callback``."""
    cookie_secret: str | None = field(default=None, repr=False)
    """Signs Streamlit's login cookie; None: a random one kept in the secrets file."""
    role_claim: str = "groups"
    analyst_groups: frozenset[str] = frozenset()
    viewer_groups: frozenset[str] = frozenset()
    scope: str = "openid email profile"


def _groups(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def load_oidc(env: Mapping[str, str]) -> OidcConfig:
    """``PANTAU_OIDC_*`` read and checked; :class:`ConfigError` names what is missing."""
    metadata = (env.get("PANTAU_OIDC_METADATA_URL") or "").strip()
    issuer = (env.get("PANTAU_OIDC_ISSUER") or "").strip().rstrip("/")
    if not metadata and issuer:
        metadata = f"{issuer}/.well-known/openid-configuration"
    missing = [name for name, value in (
        ("PANTAU_OIDC_ISSUER (or PANTAU_OIDC_METADATA_URL)", metadata),
        ("PANTAU_OIDC_CLIENT_ID", env.get("PANTAU_OIDC_CLIENT_ID", "").strip()),
        ("PANTAU_OIDC_CLIENT_SECRET", env.get("PANTAU_OIDC_CLIENT_SECRET", "")),
    ) if not value]
    if missing:
        raise ConfigError("PANTAU_AUTH=oidc needs " + ", ".join(missing))
    if not metadata.startswith(("https://", "http://")):
        raise ConfigError(f"PANTAU_OIDC_METADATA_URL={metadata!r} is not an http(s) address")
    config = OidcConfig(
        metadata_url=metadata,
        client_id=env["PANTAU_OIDC_CLIENT_ID"].strip(),
        client_secret=env["PANTAU_OIDC_CLIENT_SECRET"],
        redirect_uri=(env.get("PANTAU_OIDC_REDIRECT_URI") or "").strip() or None,
        cookie_secret=env.get("PANTAU_OIDC_COOKIE_SECRET") or None,
        role_claim=(env.get("PANTAU_OIDC_ROLE_CLAIM") or "").strip() or "groups",
        analyst_groups=_groups(env.get("PANTAU_OIDC_ANALYST_GROUPS", "")),
        viewer_groups=_groups(env.get("PANTAU_OIDC_VIEWER_GROUPS", "")),
        scope=(env.get("PANTAU_OIDC_SCOPE") or "").strip() or "openid email profile",
    )
    if not config.analyst_groups and not config.viewer_groups:
        raise ConfigError("PANTAU_AUTH=oidc needs PANTAU_OIDC_ANALYST_GROUPS or "
                          "PANTAU_OIDC_VIEWER_GROUPS: without them nobody may sign in")
    if config.redirect_uri and not config.redirect_uri.endswith("/oauth2callback"):
        raise ConfigError(f"PANTAU_OIDC_REDIRECT_URI={config.redirect_uri!r} must end with "
                          "/oauth2callback (Streamlit's sign-in callback)")
    return config


def claimed_groups(claims: Mapping[str, object], claim: str) -> set[str]:
    """The groups in ``claims`` under ``claim`` (dotted: nested objects), as a set; a single
    string is one group; anything else (absent, a number) none."""
    value: object = claims
    for part in claim.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, str):
        return {value} if value else set()
    if isinstance(value, list | tuple):
        return {item for item in value if isinstance(item, str) and item}
    return set()


def role_for(claims: Mapping[str, object], config: OidcConfig) -> Role | None:
    """The role of a signed-in person: analyst before viewer; None (refused) for someone in
    none of the mapped groups."""
    groups = claimed_groups(claims, config.role_claim)
    if groups & config.analyst_groups:
        return Role.ANALYST
    if EVERYONE in config.viewer_groups or groups & config.viewer_groups:
        return Role.VIEWER
    return None


def display_name(claims: Mapping[str, object]) -> str | None:
    """The person's name: ``preferred_username``, else ``email``, ``name``, ``sub``."""
    for claim in NAME_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def secrets_toml(config: OidcConfig, redirect_uri: str, cookie_secret: str) -> str:
    """The ``[auth]`` section Streamlit's ``st.login`` reads (one provider: the section)."""
    values = {"redirect_uri": redirect_uri, "cookie_secret": cookie_secret,
              "client_id": config.client_id, "client_secret": config.client_secret,
              "server_metadata_url": config.metadata_url}
    # a JSON string is a valid TOML basic string (same escapes)
    lines = ["# Written by `pantau oidc-secrets` from PANTAU_OIDC_*; owner-only. Do not edit.",
             "[auth]", *(f"{key} = {json.dumps(value)}" for key, value in values.items()),
             f"client_kwargs = {{ scope = {json.dumps(config.scope)} }}"]
    return "\n".join(lines) + "\n"


def _kept_cookie_secret(path: Path) -> str | None:
    """The cookie secret of an earlier file, so a restart keeps people signed in."""
    try:
        with path.open("rb") as file:
            value = tomllib.load(file).get("auth", {}).get("cookie_secret")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and len(value) >= 32 else None


def write_secrets(config: OidcConfig, cache_dir: Path, dashboard_url: str) -> Path:
    """Write the secrets file into ``cache_dir`` (folder 0700, file 0600, replaced whole) and
    return its path. Nothing of its content is printed or logged."""
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = cache_dir / SECRETS_NAME
    cookie = config.cookie_secret or _kept_cookie_secret(path) or secrets.token_urlsafe(32)
    redirect = config.redirect_uri or f"{dashboard_url.rstrip('/')}/oauth2callback"
    temporary = path.with_name(f".{SECRETS_NAME}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # the mode even under a permissive umask or old file
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets_toml(config, redirect, cookie))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
