"""Local dashboard accounts: names, roles and password hashes in one JSON file.

- **Where**: :attr:`Settings.users_file` — ``$PANTAU_USERS``, else ``pantau-users.json`` beside
  the store. Written atomically, readable by its owner only.
- **Roles**: ``viewer`` (leadership: reads every page) and ``analyst`` (also imports files,
  corrects labels and moves hoax statuses). Managing accounts needs a shell on the server
  (``pantau user ...``), so there is no admin role in the dashboard.
- **Passwords**: scrypt (N=2^15, r=8, p=3: 32 MiB, one of OWASP's equivalent settings) with a
  16-byte random salt; the parameters are stored with each hash so they can be raised later.
  Comparison is constant-time, and an unknown name costs as much as a wrong password.
- **SSO**: an account may carry an ``email``; with Streamlit's OIDC login configured, the
  signed-in user's email picks the account and so the role.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.errors import AccountError
from analysis.vocabulary import ROLES, Role

MIN_PASSWORD = 8
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_SCRYPT = {"n": 2**15, "r": 8, "p": 3}
_MAXMEM = 128 * 1024 * 1024
DEMO_ACCOUNTS = {"analis": Role.ANALYST, "pimpinan": Role.VIEWER}


@dataclass(frozen=True)
class Account:
    """One dashboard user as others may see it (no hash)."""

    name: str
    role: str
    email: str | None = None
    created: str | None = None

    @property
    def can_edit(self) -> bool:
        return self.role == Role.ANALYST


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64) for a new password."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, **_SCRYPT)
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + "$".join(
        base64.b64encode(part).decode("ascii") for part in (salt, digest))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time; False for a malformed hash)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM,
                          dklen=32)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def check_name(name: str) -> str:
    """The account name in its stored form (lower case), or :class:`AccountError` saying why
    it cannot be one."""
    cleaned = name.strip().lower()
    if not _NAME.match(cleaned):
        raise AccountError(f"{name!r} cannot be an account name: use 2–32 letters, digits, "
                           "dots, dashes or underscores, starting with a letter or digit")
    return cleaned


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password is too short: use at least {MIN_PASSWORD} characters")


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use {' or '.join(ROLES)}")
    return role


def _read(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AccountError(f"Cannot read the accounts file {path}: {error}") from error
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict):
        raise AccountError(f"{path} is not a Pantau accounts file (no \"users\" object)")
    return users


def _write(path: Path, users: dict[str, dict[str, Any]]) -> None:
    """Replace the file in one step, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "users": users}, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _account(name: str, record: dict[str, Any]) -> Account:
    return Account(name=name, role=str(record.get("role", Role.VIEWER)),
                   email=record.get("email") or None, created=record.get("created"))


def list_accounts(path: Path) -> list[Account]:
    """Every account, by name."""
    return [_account(name, record) for name, record in sorted(_read(path).items())]


def has_accounts(path: Path) -> bool:
    return bool(_read(path))


def add_account(path: Path, name: str, role: str, password: str | None,
                email: str | None = None) -> Account:
    """Create an account. ``password`` None makes an SSO-only account (needs ``email``)."""
    name, role = check_name(name), _check_role(role)
    users = _read(path)
    if name in users:
        raise AccountError(f"The account {name!r} exists already; change its password with "
                           f"`pantau user passwd {name}` or remove it first")
    if password is None and not email:
        raise AccountError("An account without a password needs --email (it signs in by SSO)")
    record: dict[str, Any] = {"role": role, "created": datetime.now(UTC).isoformat(
        timespec="seconds")}
    if password is not None:
        check_password(password)
        record["password"] = hash_password(password)
    if email:
        record["email"] = email.strip().lower()
    users[name] = record
    _write(path, users)
    return _account(name, record)


def set_password(path: Path, name: str, password: str) -> None:
    users = _read(path)
    name = _existing(path, users, name)
    check_password(password)
    users[name]["password"] = hash_password(password)
    _write(path, users)


def remove_account(path: Path, name: str) -> None:
    users = _read(path)
    del users[_existing(path, users, name)]
    _write(path, users)


def _existing(path: Path, users: dict[str, dict[str, Any]], name: str) -> str:
    key = name.strip().lower()
    if key not in users:
        raise AccountError(f"No account {name!r} in {path} (see `pantau user list`)")
    return key


def authenticate(path: Path, name: str, password: str) -> Account | None:
    """The account when ``password`` is its password, else None. An unknown name costs as
    much as a wrong password, so timing does not tell which names exist."""
    key = login_name(name)
    record = _read(path).get(key)
    stored = record.get("password") if record else None
    ok = verify_password(password, stored or _dummy_hash())
    return _account(key, record) if ok and record and stored else None


def account_by_email(path: Path, email: str | None, *, verified: object) -> Account | None:
    """The account an SSO user signs in as, by e-mail address (case-insensitive); None unless
    the identity provider vouches for the address (``email_verified`` true: pass the claim)."""
    if not email or verified not in (True, "true", "True"):
        return None
    wanted = email.strip().lower()
    for name, record in _read(path).items():
        if str(record.get("email") or "").lower() == wanted:
            return _account(name, record)
    return None


def create_demo_accounts(path: Path, note: Path) -> dict[str, str] | None:
    """When no accounts file exists: an analyst and a viewer with random passwords, also
    written to ``note`` (owner-only). Returns name → password, or None when accounts exist."""
    if path.exists():
        return None
    passwords = {name: secrets.token_urlsafe(9) for name in DEMO_ACCOUNTS}
    for name, role in DEMO_ACCOUNTS.items():
        add_account(path, name, role, passwords[name])
    lines = ["Pantau demo accounts (made by `pantau demo`; change them with `pantau user "
             "passwd NAME`)"]
    lines += [f"{name} ({DEMO_ACCOUNTS[name]}): {password}" for name, password in passwords.items()]
    fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(note, 0o600)
    return passwords


def demo_note(users_file: Path) -> Path:
    """Where :func:`create_demo_accounts` writes the demo passwords: beside the accounts."""
    return users_file.with_name("pantau-demo-accounts.txt")


def login_name(name: str) -> str:
    """The one form of a typed login name that both the throttle and the sign-in use: NFKC,
    surrounding blanks gone, case folded (``" Ani\t"`` and ``"ａｎｉ"`` are ``ani``)."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


class LoginThrottle:
    """Refuses further logins after repeated failures within ``window_s``:

    - a name from one client address after ``limit`` failures: someone elsewhere who guesses
      cannot lock the account's owner out;
    - a client address after ``address_limit`` failures, whatever names it tries;
    - a name after ``name_limit`` failures from all addresses together (many addresses guessing
      at one account), or after ``limit`` when the client address is unknown.

    Names are compared in their :func:`login_name` form. Kept per process: it slows down
    guessing through the dashboard, not someone who can read the accounts file.
    """

    def __init__(self, limit: int = 5, window_s: float = 600.0, address_limit: int = 20,
                 name_limit: int = 50) -> None:
        self.limit, self.window_s = limit, window_s
        self.address_limit, self.name_limit = address_limit, name_limit
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str | None) -> list[tuple[tuple[str, str], int]]:
        key = login_name(name)
        if not address:
            return [(("name", key), self.limit)]
        return [(("pair", f"{key}\n{address}"), self.limit),
                (("address", address), self.address_limit), (("name", key), self.name_limit)]

    def blocked_for(self, name: str, address: str | None = None,
                    now: float | None = None) -> float:
        """Seconds until ``name`` may try again from ``address`` (0: it may try now)."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self._lock:
            for key, limit in self._keys(name, address):
                recent = [t for t in self._failures.get(key, []) if now - t < self.window_s]
                self._failures[key] = recent
                if len(recent) >= limit:
                    wait = max(wait, self.window_s - (now - recent[-limit]))
        return wait

    def failed(self, name: str, address: str | None = None, now: float | None = None) -> None:
        with self._lock:
            for key, _ in self._keys(name, address):
                self._failures.setdefault(key, []).append(time.monotonic() if now is None else now)

    def succeeded(self, name: str, address: str | None = None) -> None:
        with self._lock:
            self._failures.pop(self._keys(name, address)[0][0], None)
