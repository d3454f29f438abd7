"""Local dashboard accounts: hashing, the accounts file, demo accounts and ``pantau user``."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.accounts import (
    Account,
    LoginThrottle,
    account_by_email,
    add_account,
    authenticate,
    create_demo_accounts,
    demo_note,
    hash_password,
    list_accounts,
    remove_account,
    set_password,
    verify_password,
)
from analysis.cli.app import main
from analysis.errors import AccountError, ConfigError
from analysis.settings import load_settings


@pytest.fixture
def users(tmp_path: Path) -> Path:
    return tmp_path / "pantau-users.json"


def role_of(account: Account | None) -> tuple[str, str] | None:
    """Who logged in and as what (None when the login failed)."""
    return None if account is None else (account.name, account.role)


def test_passwords_are_salted_slow_hashes_that_verify() -> None:
    first, second = hash_password("rahasia-123"), hash_password("rahasia-123")
    assert first != second, "a fresh salt each time"
    scheme, n, r, p, _salt, _digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 3)
    assert verify_password("rahasia-123", first)
    assert not verify_password("rahasia-124", first)
    assert not verify_password("rahasia-123", "md5$abc")
    assert not verify_password("rahasia-123", "garbage")


def test_accounts_live_in_an_owner_only_file_without_plain_passwords(users: Path) -> None:
    add_account(users, "Ani", "analyst", "kata-sandi-ani")
    add_account(users, "kapolres", "viewer", "kata-sandi-kapolres", email="Kapolres@Polri.go.id")
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    assert "kata-sandi" not in users.read_text()
    assert [(a.name, a.role, a.email) for a in list_accounts(users)] == [
        ("ani", "analyst", None), ("kapolres", "viewer", "kapolres@polri.go.id")]
    assert authenticate(users, "ANI ", "kata-sandi-ani").role == "analyst"  # type: ignore[union-attr]
    assert authenticate(users, "ani", "salah-sandi") is None
    assert authenticate(users, "siapa", "kata-sandi-ani") is None
    assert account_by_email(users, "kapolres@polri.go.id", verified=True).name == "kapolres"  # type: ignore[union-attr]
    assert account_by_email(users, "lain@polri.go.id", verified=True) is None


def test_account_rules_say_what_to_do(users: Path) -> None:
    add_account(users, "ani", "analyst", "kata-sandi-ani")
    with pytest.raises(AccountError, match="exists already; change its password with"):
        add_account(users, "ANI", "viewer", "kata-sandi-lain")
    with pytest.raises(AccountError, match="at least 8 characters"):
        add_account(users, "budi", "viewer", "pendek")
    with pytest.raises(AccountError, match="cannot be an account name"):
        add_account(users, "a b", "viewer", "kata-sandi-ab")
    with pytest.raises(AccountError, match="Unknown role 'admin'"):
        add_account(users, "budi", "admin", "kata-sandi-budi")
    with pytest.raises(AccountError, match="needs --email"):
        add_account(users, "budi", "viewer", None)
    with pytest.raises(AccountError, match="No account 'budi'"):
        remove_account(users, "budi")


def test_password_change_and_removal(users: Path) -> None:
    add_account(users, "ani", "analyst", "kata-sandi-lama")
    set_password(users, "ani", "kata-sandi-baru")
    assert authenticate(users, "ani", "kata-sandi-lama") is None
    assert role_of(authenticate(users, "ani", "kata-sandi-baru")) == ("ani", "analyst")
    remove_account(users, "ani")
    assert list_accounts(users) == []


def test_an_sso_only_account_cannot_log_in_with_a_password(users: Path) -> None:
    add_account(users, "kapolda", "viewer", None, email="kapolda@polri.go.id")
    assert authenticate(users, "kapolda", "") is None
    assert account_by_email(users, "KAPOLDA@polri.go.id", verified=True).role == "viewer"  # type: ignore[union-attr]


def test_demo_accounts_are_made_once_and_noted_for_the_owner_only(users: Path) -> None:
    note = demo_note(users)
    made = create_demo_accounts(users, note)
    assert made is not None and set(made) == {"analis", "pimpinan"}
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    for name, password in made.items():
        assert len(password) >= 12 and f"{name} (" in note.read_text()
        assert password in note.read_text()
    assert authenticate(users, "analis", made["analis"]).role == "analyst"  # type: ignore[union-attr]
    assert authenticate(users, "pimpinan", made["pimpinan"]).role == "viewer"  # type: ignore[union-attr]
    assert create_demo_accounts(users, note) is None, "existing accounts are never replaced"


def test_a_damaged_accounts_file_is_named(users: Path) -> None:
    users.write_text("{not json")
    with pytest.raises(AccountError, match=str(users)):
        list_accounts(users)


def test_the_throttle_refuses_a_name_after_repeated_failures() -> None:
    throttle = LoginThrottle(limit=3, window_s=60)
    for second in range(3):
        assert throttle.blocked_for("ani", now=100 + second) == 0
        throttle.failed("ani", now=100 + second)
    assert throttle.blocked_for("ANI", now=103) == pytest.approx(57)
    assert throttle.blocked_for("budi", now=103) == 0
    assert throttle.blocked_for("ani", now=161) == 0, "the window has passed"
    throttle.failed("ani", now=162)
    throttle.succeeded("ani")
    assert throttle.blocked_for("ani", now=163) == 0


def test_settings_place_the_accounts_beside_the_store(tmp_path: Path) -> None:
    settings = load_settings({"PANTAU_DB": str(tmp_path / "x.duckdb")})
    assert settings.users_file == tmp_path / "pantau-users.json"
    assert settings.secret_file == tmp_path / "pantau-secret.key"
    assert settings.auth is True
    moved = load_settings({"PANTAU_USERS": str(tmp_path / "etc" / "u.json"), "PANTAU_AUTH": "OFF"})
    assert moved.users_file == tmp_path / "etc" / "u.json" and moved.auth is False
    with pytest.raises(ConfigError, match="PANTAU_AUTH='maybe'"):
        load_settings({"PANTAU_AUTH": "maybe"})


# --- pantau user -------------------------------------------------------------------------------


def cli(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_user_add_asks_twice_and_lists_without_passwords(users: Path) -> None:
    code, out = cli("user", "add", "ani", "--role", "analyst", "--users", str(users),
                    stdin="kata-sandi-ani\nkata-sandi-ani\n")
    assert code == 0, out
    assert out.endswith(f"Added ani (analyst) to {users}\n")
    code, out = cli("user", "add", "budi", "--role", "viewer", "--users", str(users),
                    stdin="kata-sandi-1\nkata-sandi-2\n")
    assert "Error: The two entered values do not match." in out
    code, out = cli("user", "list", "--users", str(users))
    assert out == "ani                  analyst\n"
    assert role_of(authenticate(users, "ani", "kata-sandi-ani")) == ("ani", "analyst")


def test_user_commands_for_scripts(users: Path) -> None:
    base = ["--users", str(users)]
    code, out = cli("user", "add", "kapolres", "--role", "viewer", "--password-stdin",
                    "--email", "kapolres@polri.go.id", *base, stdin="kata-sandi-kapolres\n")
    assert code == 0, out
    code, out = cli("user", "list", "--json", *base)
    assert json.loads(out) == [{"name": "kapolres", "role": "viewer",
                                "email": "kapolres@polri.go.id"}]
    code, out = cli("user", "passwd", "kapolres", "--password-stdin", *base,
                    stdin="sandi-baru-kapolres\n")
    assert (code, out) == (0, f"Password of kapolres changed in {users}\n")
    assert role_of(authenticate(users, "kapolres", "sandi-baru-kapolres")) == (
        "kapolres", "viewer")
    code, out = cli("user", "remove", "kapolres", *base)
    assert (code, out) == (0, f"Removed kapolres from {users}\n")
    code, out = cli("user", "list", *base)
    assert out.startswith("No accounts in ")


def test_user_errors_are_messages(users: Path) -> None:
    code, out = cli("user", "add", "x y", "--role", "viewer", "--password-stdin",
                    "--users", str(users), stdin="kata-sandi-xy\n")
    assert code == 1 and out.startswith("Error: 'x y' cannot be an account name")
    code, out = cli("user", "add", "budi", "--role", "viewer", "--password-stdin",
                    "--users", str(users), stdin="pendek\n")
    assert code == 1 and "at least 8 characters" in out
    code, out = cli("user", "passwd", "budi", "--users", str(users))
    assert code == 1 and "No account 'budi'" in out
    code, out = cli("user", "add", "budi", "--role", "boss", "--users", str(users))
    assert code == 2 and "'boss' is not one of 'viewer', 'analyst'" in out


def test_users_file_follows_pantau_users(users: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_USERS", str(users))
    code, out = cli("user", "add", "ani", "--role", "analyst", "--password-stdin",
                    stdin="kata-sandi-ani\n")
    assert code == 0 and str(users) in out and users.exists()
