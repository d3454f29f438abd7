"""``PANTAU_AUTH=oidc``: the settings, the group-to-role mapping and the secrets file that
``pantau oidc-secrets`` writes for Streamlit's ``st.login``."""

from __future__ import annotations

import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analysis.errors import ConfigError
from analysis.oidc import (
    OidcConfig,
    claimed_groups,
    display_name,
    load_oidc,
    role_for,
    write_secrets,
)
from analysis.settings import load_settings
from analysis.vocabulary import Role

ROOT = Path(__file__).resolve().parents[1]
SECRET = "klien-rahasia-0123456789"
COOKIE = "kue-rahasia-0123456789-abcdefghijklmnop"
ENV = {"PANTAU_AUTH": "oidc", "PANTAU_OIDC_ISSUER": "https://sso.polri.example/realms/humas/",
       "PANTAU_OIDC_CLIENT_ID": "pantau", "PANTAU_OIDC_CLIENT_SECRET": SECRET,
       "PANTAU_OIDC_ANALYST_GROUPS": "humas-analis, humas-kepala",
       "PANTAU_OIDC_VIEWER_GROUPS": "pimpinan"}


def config(**changes: str) -> OidcConfig:
    return load_oidc({**ENV, **changes})


def test_the_settings_read_the_provider_and_the_groups() -> None:
    settings = load_settings(ENV)
    assert settings.auth is True and settings.oidc is not None
    oidc = settings.oidc
    assert oidc.metadata_url == ("https://sso.polri.example/realms/humas/"
                                 ".well-known/openid-configuration")
    assert oidc.analyst_groups == {"humas-analis", "humas-kepala"}
    assert oidc.viewer_groups == {"pimpinan"} and oidc.role_claim == "groups"
    assert SECRET not in repr(settings) and SECRET not in repr(oidc)
    assert load_settings({**ENV, "PANTAU_AUTH": "on"}).oidc is None, "local accounts"
    assert load_settings({}).oidc is None, "local accounts stay the default"


def test_a_metadata_url_wins_over_the_issuer() -> None:
    url = "https://login.example/tenant/v2.0/.well-known/openid-configuration"
    assert config(PANTAU_OIDC_METADATA_URL=url).metadata_url == url


@pytest.mark.parametrize(("drop", "named"), [
    ("PANTAU_OIDC_ISSUER", "PANTAU_OIDC_ISSUER"),
    ("PANTAU_OIDC_CLIENT_ID", "PANTAU_OIDC_CLIENT_ID"),
    ("PANTAU_OIDC_CLIENT_SECRET", "PANTAU_OIDC_CLIENT_SECRET"),
])
def test_a_missing_setting_is_named(drop: str, named: str) -> None:
    env = {k: v for k, v in ENV.items() if k != drop}
    with pytest.raises(ConfigError, match=named):
        load_settings(env)


def test_no_group_at_all_would_let_nobody_in() -> None:
    with pytest.raises(ConfigError, match="PANTAU_OIDC_ANALYST_GROUPS or"):
        config(PANTAU_OIDC_ANALYST_GROUPS="", PANTAU_OIDC_VIEWER_GROUPS=" , ")


def test_the_callback_must_be_streamlits() -> None:
    with pytest.raises(ConfigError, match="/oauth2callback"):
        config(PANTAU_OIDC_REDIRECT_URI="https://pantau.example/callback")
    with pytest.raises(ConfigError, match="PANTAU_AUTH='maybe'"):
        load_settings({"PANTAU_AUTH": "maybe"})


@pytest.mark.parametrize(("claims", "role"), [
    ({"groups": ["semua", "humas-analis"]}, Role.ANALYST),
    ({"groups": ["pimpinan", "humas-kepala"]}, Role.ANALYST),  # analyst wins
    ({"groups": "pimpinan"}, Role.VIEWER),  # one group as a string
    ({"groups": ["pimpinan"]}, Role.VIEWER),
    ({"groups": ["semua"]}, None),  # in no mapped group: refused
    ({"groups": []}, None),
    ({}, None),
    ({"groups": 7}, None),
    ({"groups": ["HUMAS-ANALIS"]}, None),  # group names are exact
])
def test_the_role_comes_from_the_group_claim(claims: dict[str, object],
                                             role: Role | None) -> None:
    assert role_for(claims, config()) == role


def test_everyone_may_read_when_the_viewer_groups_say_so() -> None:
    assert role_for({}, config(PANTAU_OIDC_VIEWER_GROUPS="*")) == Role.VIEWER
    assert role_for({"groups": ["humas-analis"]},
                    config(PANTAU_OIDC_VIEWER_GROUPS="*")) == Role.ANALYST


def test_a_nested_claim_is_reached_by_a_dotted_name() -> None:
    claims = {"realm_access": {"roles": ["humas-analis"]}, "groups": ["pimpinan"]}
    assert claimed_groups(claims, "realm_access.roles") == {"humas-analis"}
    assert role_for(claims, config(PANTAU_OIDC_ROLE_CLAIM="realm_access.roles")) == Role.ANALYST
    assert claimed_groups({"realm_access": "x"}, "realm_access.roles") == set()


def test_the_name_is_the_username_else_the_address_else_the_name() -> None:
    both = {"preferred_username": "ani", "email": "ani@polres.example", "name": "Ani"}
    assert display_name(both) == "ani"
    assert display_name({**both, "preferred_username": " "}) == "ani@polres.example"
    assert display_name({"name": "Ani S.", "sub": "123"}) == "Ani S."
    assert display_name({"sub": "123"}) == "123"
    assert display_name({}) is None


def test_the_secrets_file_is_owner_only_and_complete(tmp_path: Path) -> None:
    path = write_secrets(config(PANTAU_OIDC_COOKIE_SECRET=COOKIE), tmp_path / "cache",
                         "https://pantau.example/")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    auth = tomllib.loads(path.read_text())["auth"]
    assert auth == {"redirect_uri": "https://pantau.example/oauth2callback",
                    "cookie_secret": COOKIE, "client_id": "pantau", "client_secret": SECRET,
                    "server_metadata_url": ("https://sso.polri.example/realms/humas/"
                                            ".well-known/openid-configuration"),
                    "client_kwargs": {"scope": "openid email profile"}}
    assert [p.name for p in path.parent.iterdir()] == ["oidc-secrets.toml"], "no leftovers"


def test_a_made_cookie_secret_is_kept_across_restarts(tmp_path: Path) -> None:
    first = tomllib.loads(write_secrets(config(), tmp_path, "http://x").read_text())
    path = tmp_path / "oidc-secrets.toml"
    path.chmod(0o644)  # someone loosened it: writing again makes it owner-only again
    second = tomllib.loads(write_secrets(config(), tmp_path, "http://x").read_text())
    assert len(first["auth"]["cookie_secret"]) >= 32
    assert second["auth"]["cookie_secret"] == first["auth"]["cookie_secret"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_quotes_in_a_secret_stay_inside_the_toml_string(tmp_path: Path) -> None:
    tricky = 'a"b\\c\n[auth]\nclient_id = "evil"'
    path = write_secrets(config(PANTAU_OIDC_CLIENT_SECRET=tricky), tmp_path, "http://x")
    auth = tomllib.loads(path.read_text())["auth"]
    assert auth["client_secret"] == tricky and auth["client_id"] == "pantau"


def test_the_command_prints_the_path_and_no_secret(tmp_path: Path) -> None:
    env = {**ENV, "PANTAU_CACHE": str(tmp_path), "PANTAU_OIDC_COOKIE_SECRET": COOKIE,
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "analysis.cli", "oidc-secrets"], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(tmp_path / "oidc-secrets.toml")
    assert SECRET not in done.stdout + done.stderr and COOKIE not in done.stdout + done.stderr
    local = subprocess.run([sys.executable, "-m", "analysis.cli", "oidc-secrets"], cwd=ROOT,
                           env={**env, "PANTAU_AUTH": "on"}, capture_output=True, text=True,
                           check=False)
    assert local.returncode == 1 and "PANTAU_AUTH is not oidc" in local.stderr
