"""``pantau user``: the dashboard's local accounts (see :mod:`analysis.accounts`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from analysis.accounts import ROLES, add_account, list_accounts, remove_account, set_password
from analysis.cli.common import cli_actor, db_option, echo, settings_for
from analysis.errors import PantauError
from analysis.settings import load_settings

users_option = click.option(
    "--users", "users_file", type=click.Path(dir_okay=False), default=None,
    help="Accounts file (default: $PANTAU_USERS, else pantau-users.json beside the store).")
stdin_option = click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input (for scripts).")


def _path(users_file: str | None) -> Path:
    return Path(users_file) if users_file else load_settings().users_file


def _audit(db: str | None, action: str, name: str, details: dict[str, Any] | None = None
           ) -> None:
    """Note an account change in the store's audit log, signed by the OS user; the change is
    made already, so a store that cannot be written says so without undoing it."""
    from analysis.store import open_store
    from analysis.store.audit import Action, record

    try:
        record(open_store(settings_for(db)), cli_actor(), Action(action), "account", name,
               details)
    except PantauError as error:
        echo(f"Warning: the change is made but not in the audit log: {error}", err=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise click.UsageError("--password-stdin: standard input held no password")
        return line
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@click.group()
def user() -> None:
    """Dashboard accounts: viewers (leadership, read only) and analysts (also import, correct
    labels and move hoax statuses)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([role.value for role in ROLES]), required=True,
              help="viewer: reads every page; analyst: also imports, corrects and reviews.")
@click.option("--email", default=None,
              help="The address this person signs in with when SSO (OIDC) is configured.")
@click.option("--no-password", is_flag=True,
              help="SSO only: no password login (needs --email).")
@stdin_option
@users_option
@db_option
def add(name: str, role: str, email: str | None, no_password: bool, password_stdin: bool,
        users_file: str | None, db: str | None) -> None:
    """Add the account NAME; the password is asked twice (or read with --password-stdin)."""
    path = _path(users_file)
    password = None if no_password else _password(password_stdin)
    account = add_account(path, name, role, password, email=email)
    echo(f"Added {account.name} ({account.role}) to {path}")
    _audit(db, "account.add", account.name, {"role": account.role, "email": account.email,
                                               "sso_only": password is None})


@user.command("list")
@users_option
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as a JSON array.")
def list_(users_file: str | None, as_json: bool) -> None:
    """List the accounts: name, role and SSO e-mail (never passwords)."""
    path = _path(users_file)
    accounts = list_accounts(path)
    if as_json:
        echo(json.dumps([{"name": a.name, "role": a.role, "email": a.email}
                               for a in accounts], ensure_ascii=False))
        return
    if not accounts:
        echo(f"No accounts in {path}. Add one with `pantau user add NAME --role analyst`.")
        return
    for account in accounts:
        echo(f"{account.name:<20} {account.role:<8} {account.email or ''}".rstrip())


@user.command("remove")
@click.argument("name")
@users_option
@db_option
def remove(name: str, users_file: str | None, db: str | None) -> None:
    """Remove the account NAME (a signed-in session of it ends at its next page load)."""
    path = _path(users_file)
    remove_account(path, name)
    echo(f"Removed {name.strip().lower()} from {path}")
    _audit(db, "account.remove", name.strip().lower())


@user.command("passwd")
@click.argument("name")
@stdin_option
@users_option
@db_option
def passwd(name: str, password_stdin: bool, users_file: str | None, db: str | None) -> None:
    """Set a new password for NAME (asked twice, or read with --password-stdin)."""
    path = _path(users_file)
    if name.strip().lower() not in {a.name for a in list_accounts(path)}:
        raise click.ClickException(f"No account {name!r} in {path} (see `pantau user list`)")
    set_password(path, name, _password(password_stdin))
    echo(f"Password of {name.strip().lower()} changed in {path}")
    _audit(db, "account.password", name.strip().lower())


@click.command("oidc-secrets")
def oidc_secrets() -> None:
    """Write Streamlit's [auth] secrets file for PANTAU_AUTH=oidc from the PANTAU_OIDC_*
    variables (owner-only, in the cache folder) and print its path, never its content.
    Start the dashboard with it: streamlit run dashboard/app.py --secrets.files "$(pantau
    oidc-secrets)"."""
    from analysis.oidc import write_secrets

    settings = load_settings()
    if settings.oidc is None:
        raise click.ClickException("PANTAU_AUTH is not oidc: local accounts need no secrets file")
    echo(write_secrets(settings.oidc, settings.cache_dir, settings.dashboard_url))
