"""Who is using the dashboard and what they may do: the login screen, the account box in the
sidebar, :func:`can_edit` for the pages that change data, and :func:`analyst_input`, the name
each change is signed with.

Four ways in, chosen by configuration:

- ``PANTAU_AUTH=off``: nobody logs in and everyone may edit (development and tests only); the
  sidebar says so in a warning.
- Streamlit's OIDC login, when ``.streamlit/secrets.toml`` has an ``[auth]`` section: the
  identity provider signs people in, and the account with the same ``email`` in the accounts
  file gives the role, if the provider says the address is verified (``email_verified``). A
  signed-in address with no account is refused.
- ``PANTAU_AUTH=oidc``: the organisation's identity provider signs people in through
  ``st.login`` (its ``[auth]`` secrets written by ``pantau oidc-secrets``) and the groups in
  their ID token give the role (:func:`analysis.oidc.role_for`); someone in no mapped group
  is refused. No accounts file is read.
- Otherwise local accounts (``pantau user add``): name and password.

The signed-in name lives in this browser session only (a reload asks again). Each page load
reads the accounts file again, so a removed account or a changed role takes effect at once.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass

import streamlit as st

from analysis.accounts import (
    LoginThrottle,
    account_by_email,
    authenticate,
    demo_note,
    has_accounts,
    list_accounts,
    login_name,
)
from analysis.errors import AccountError, PantauError
from analysis.oidc import OidcConfig, display_name, role_for
from analysis.store.audit import ANONYMOUS, Action, record
from analysis.vocabulary import Role
from dashboard.filters import keep, restore
from dashboard.formatting import escape
from dashboard.queries import settings, store
from dashboard.texts import t

_SESSION_KEY = "auth_user"


@dataclass(frozen=True)
class User:
    """The person signed in, as the pages see them."""

    name: str
    role: str
    via: str  # "password", "sso" (roles by e-mail) or "oidc" (roles by group)


@st.cache_resource
def _throttle() -> LoginThrottle:
    """Failed logins per name, shared by every session of this server process."""
    return LoginThrottle()


def sso_providers() -> list[str] | None:
    """None without an ``[auth]`` secrets section; else the named providers in it (an empty
    list: the section itself is the one provider)."""
    try:
        if not st.secrets.load_if_toml_exists() or "auth" not in st.secrets:
            return None
        section = st.secrets["auth"]
    except Exception:  # a broken secrets.toml must not lock everyone out with a traceback
        return None
    return [name for name, value in section.items() if hasattr(value, "keys")]


def current_user() -> User | None:
    """The signed-in user with a valid account, or None (also when login is off)."""
    if not settings().auth:
        return None
    if (config := settings().oidc) is not None:
        return _oidc_user(config)
    path = settings().users_file
    if sso_providers() is not None:
        if not st.user.is_logged_in:
            return None
        found = account_by_email(path, str(st.user.get("email") or ""),
                                 verified=st.user.get("email_verified"))
        return User(found.name, found.role, "sso") if found else None
    name = st.session_state.get(_SESSION_KEY)
    if not name:
        return None
    found = next((a for a in list_accounts(path) if a.name == name), None)
    if found is None:
        del st.session_state[_SESSION_KEY]
        return None
    return User(found.name, found.role, "password")


def _oidc_user(config: OidcConfig) -> User | None:
    """The person the identity provider signed in, with the role of their groups; None when
    nobody is signed in or they are in no group Pantau maps."""
    if not st.user.is_logged_in:
        return None
    claims = st.user.to_dict()
    role, name = role_for(claims, config), display_name(claims)
    return User(name, role, "oidc") if role is not None and name else None


def can_edit() -> bool:
    """Whether this user may import, correct labels and change hoax statuses."""
    if not settings().auth:
        return True
    user = current_user()
    return user is not None and user.role == Role.ANALYST


def analyst_input() -> str:
    """The analyst's name, recorded with every correction and status change: the signed-in
    account's name, or (login off) a name typed in the sidebar."""
    if (user := current_user()) is not None:
        return user.name
    restore("analyst", "", lambda kept: kept)
    name = st.sidebar.text_input(t("fix_analyst"), key="analyst", placeholder=t("fix_analyst_hint"),
                                 on_change=keep, args=("analyst",))
    return str(name).strip()


def actor() -> str | None:
    """Who makes a change, for the audit log, without asking: the signed-in account, else
    (login off) the name typed in the sidebar's analyst box, else None."""
    if (user := current_user()) is not None:
        return user.name
    return str(st.session_state.get("analyst") or "").strip() or None


def login_gate() -> None:
    """Call before the navigation: shows the login screen and stops the script until someone
    is signed in; then shows who it is in the sidebar."""
    if not settings().auth:
        st.sidebar.warning(t("auth_off"), icon=":material/lock_open:")
        return
    try:
        user = current_user()
    except AccountError as error:
        st.error(str(error))
        st.stop()
    if user is None:
        # The login screen is the only page until someone signs in: no other page is
        # declared, so none can be opened by its address either.
        st.navigation([st.Page(_login_screen, title=t("auth_title"), icon=":material/login:",
                               url_path="login", default=True)], position="hidden").run()
        st.stop()
    _account_box(user)


def _account_box(user: User) -> None:
    box = st.sidebar.container(border=True)
    box.markdown(f":material/account_circle: **{escape(user.name)}** · "
                 f"{t('auth_role_' + user.role)}")
    box.button(t("auth_logout"), icon=":material/logout:", key="auth_logout", on_click=_logout,
               args=(user.via,))


def _logout(via: str) -> None:
    st.session_state.pop(_SESSION_KEY, None)
    if via in ("sso", "oidc"):
        st.logout()


def _login_screen() -> None:
    st.title(t("auth_title"))
    if settings().oidc is not None:
        _oidc_login()
        return
    providers = sso_providers()
    if providers is not None:
        _sso_login(providers)
        return
    path = settings().users_file
    try:
        configured = has_accounts(path)
    except AccountError as error:
        st.error(str(error))
        return
    if not configured:
        st.warning(t("auth_no_accounts", path=f"`{path}`"))
        st.code("pantau user add NAMA --role analyst\npantau user add NAMA --role viewer",
                language="bash")
        return
    with st.form("login", width=420):
        name = st.text_input(t("auth_name"), key="login_name", autocomplete="username")
        password = st.text_input(t("auth_password"), type="password", key="login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth_submit"), type="primary",
                                          icon=":material/login:")
    if submitted:
        _try_login(str(name), str(password))
    st.caption(t("auth_help"))
    if demo_note(path).exists():
        st.caption(t("auth_demo_help", path=f"`{demo_note(path)}`"))


def client_address() -> str | None:
    """The browser's address as Streamlit sees it (behind a proxy: the proxy's, unless it
    passes ``X-Forwarded-For`` on, which only a trusted proxy's word makes true, so it is not
    read); None when unknown (AppTest, a closed connection)."""
    try:
        address = st.context.ip_address
    except Exception:  # no browser connection behind this script run
        return None
    return address if isinstance(address, str) and address else None


def _try_login(typed: str, password: str) -> None:
    throttle, name, address = _throttle(), login_name(typed), client_address()
    wait = throttle.blocked_for(name, address)
    if wait:
        st.error(t("auth_throttled", m=math.ceil(wait / 60)))
        return
    account = authenticate(settings().users_file, name, password)
    if account is None:
        throttle.failed(name, address)
        if wait := throttle.blocked_for(name, address):
            _record_lockout(name, address, wait)
        st.error(t("auth_wrong"))
        return
    throttle.succeeded(name, address)
    st.session_state[_SESSION_KEY] = account.name
    st.rerun()


def _record_lockout(name: str, address: str | None, wait: float) -> None:
    """A name (or address) just locked out by the throttle goes into the audit log; the
    failures before it are not changes and are not logged."""
    # the sign-in screen must answer even when the store cannot be written
    with contextlib.suppress(PantauError):
        record(store(), ANONYMOUS, Action.ACCOUNT_LOCKED, "account", name,
               {"address": address, "minutes": math.ceil(wait / 60)})


def _sso_login(providers: list[str]) -> None:
    if st.user.is_logged_in:
        email = str(st.user.get("email") or "?")
        st.error(t("auth_sso_unknown", email=escape(email)))
        st.code(f"pantau user add NAMA --role viewer --no-password --email {email}",
                language="bash")
        if st.button(t("auth_logout"), icon=":material/logout:"):
            st.logout()
        return
    st.caption(t("auth_sso_help"))
    choices: list[str | None] = [*providers] or [None]  # no names: the section is the one
    for provider in choices:
        label = t("auth_sso_button") + (f" ({provider})" if provider else "")
        if st.button(label, type="primary", icon=":material/login:", key=f"sso-{provider}"):
            st.login(provider)


def _oidc_login() -> None:
    """The organisation's sign-in button; after a sign-in that gave no role, why and a way
    out; a clear word when the server was started without the secrets file."""
    if sso_providers() is None:
        st.error(t("auth_oidc_unconfigured"))
        st.code('streamlit run dashboard/app.py --secrets.files "$(pantau oidc-secrets)"',
                language="bash")
        return
    if st.user.is_logged_in:  # signed in, but in none of the mapped groups
        st.error(t("auth_oidc_refused", name=escape(display_name(st.user.to_dict()) or "?")))
        if st.button(t("auth_logout"), icon=":material/logout:", key="oidc-logout"):
            st.logout()
        return
    st.caption(t("auth_sso_help"))
    if st.button(t("auth_oidc_button"), type="primary", icon=":material/login:",
                 key="oidc-login"):
        st.login()
