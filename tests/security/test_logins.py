"""Sign-in: one lockout per person however the name is typed, no lockout of the owner by a
stranger elsewhere, SSO only with an address the identity provider verified."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import (
    LoginThrottle,
    account_by_email,
    add_account,
    authenticate,
    login_name,
)
from tests.dashboard.apptest import run, start
from tests.dashboard.test_auth import login
from tests.dashboard_fixtures import build_store

PASSWORD = "sandi-pimpinan-1"


@pytest.fixture
def users(tmp_path: Path) -> Path:
    path = tmp_path / "pantau-users.json"
    add_account(path, "kapolres", "viewer", PASSWORD, email="kapolres@polri.go.id")
    return path


@pytest.mark.parametrize("typed", ["kapolres  ", " kapolres", "kapolres\t", "KAPOLRES",
                                   "ｋａｐｏｌｒｅｓ"])
def test_every_spelling_of_a_name_is_one_name(users: Path, typed: str) -> None:
    assert login_name(typed) == "kapolres"
    assert authenticate(users, typed, PASSWORD) is not None
    throttle = LoginThrottle(limit=3, window_s=60)
    for second in range(3):
        throttle.failed(typed, now=100 + second)
    assert throttle.blocked_for("kapolres", now=103) > 0, "a variant got a fresh allowance"


def test_a_stranger_elsewhere_cannot_lock_the_owner_out() -> None:
    throttle = LoginThrottle(limit=5, window_s=600, address_limit=20, name_limit=50)
    for second in range(5):
        throttle.failed("kapolres", "10.0.0.66", now=100 + second)
    assert throttle.blocked_for("kapolres", "10.0.0.66", now=106) > 0
    assert throttle.blocked_for("kapolres", "10.0.0.7", now=106) == 0, "the owner is locked out"


def test_one_address_guessing_many_names_is_stopped() -> None:
    throttle = LoginThrottle(limit=5, window_s=600, address_limit=20, name_limit=50)
    for i in range(20):
        throttle.failed(f"name{i}", "10.0.0.66", now=100 + i)
    assert throttle.blocked_for("someone-else", "10.0.0.66", now=121) > 0


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: Path) -> Iterator[AppTest]:
    yield from start(tmp_path, monkeypatch, build_store, auth="on")


def test_trailing_blanks_do_not_get_round_the_lockout_on_the_page(app: AppTest) -> None:
    run(app)
    for typed in ["kapolres", "kapolres ", " kapolres", "kapolres\t", "KAPOLRES"]:
        login(app, typed, "salah-salah-salah")
    login(app, "kapolres  ", PASSWORD)
    assert app.error, "the sixth try, in a new spelling, was let through"
    assert "10" in app.error[0].value or "menit" in app.error[0].value.lower()


def test_sso_needs_a_verified_address(users: Path) -> None:
    assert account_by_email(users, "kapolres@polri.go.id", verified=None) is None
    assert account_by_email(users, "kapolres@polri.go.id", verified=False) is None
    assert account_by_email(users, "kapolres@polri.go.id", verified=True) is not None


def test_demo_passwords_go_to_the_owner_only_file_not_the_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    from analysis.cli.ingest import _demo_accounts
    from analysis.settings import load_settings

    settings = load_settings().with_db(str(tmp_path / "pantau.duckdb"))
    _demo_accounts(settings, err=False)
    printed = capsys.readouterr()
    note = settings.users_file.with_name("pantau-demo-accounts.txt")
    passwords = [line.rsplit(": ", 1)[1] for line in note.read_text().splitlines()[1:]]
    assert len(passwords) == 2
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    assert str(note) in printed.out
    assert not [p for p in passwords if p in printed.out + printed.err]
