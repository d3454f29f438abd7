"""The audit log: one row per change people make, whichever surface makes it (the dashboard,
the ``pantau`` command) — who (``actor``), what (``action``, the kind and name of
what changed, ``details``) and when (``changed_at``, UTC; ``at`` in the frames read back).

The store functions that make a change write its entry themselves, on the same connection
and, where the change is a transaction, inside it (:func:`write`), so a change and its entry
are kept or lost together. Changes kept outside the store (the accounts file) are recorded
right after they are made (:func:`record`).

The worker's own collections (texts stored, debunks added to the bank, files picked up from a
drop folder) are not changes by a person and leave no entry: those functions are called
without an actor.

Secrets never reach the log: alert destinations arrive masked
(:func:`analysis.store.alerts.mask_url`), and :func:`masked` clears anything else that looks
like one on the way in — the password of a URL (``postgresql://user:***@host``), secret
query parameters (``?token=***``) and the value of any detail whose name says it is secret
(``password``, ``token``, ``api_key`` …). Passwords themselves are never passed in.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

import pandas as pd

from analysis.store.db import Store

UNKNOWN = "unknown"
"""The actor of a change whose maker was not said (a library call without a name)."""
ANONYMOUS = "anonymous"
"""The actor of what someone not signed in caused (a sign-in locked out after failures)."""
SECRET = "***"
DEFAULT_LIMIT = 1000


class Action(StrEnum):
    """What an entry records: ``<kind of thing>.<what happened to it>``."""

    UPLOAD = "upload.import"
    UPLOAD_FAILED = "upload.failed"
    CORRECTION = "label.correct"
    REVIEW = "review.status"
    CLAIM_ADD = "claim.add"
    CLAIM_IMPORT = "claim.import"
    WATCH_ADD = "watchlist.add"
    WATCH_REMOVE = "watchlist.remove"
    PRESET_SAVE = "preset.save"
    PRESET_DELETE = "preset.delete"
    SOURCE_ADD = "source.add"
    SOURCE_PAUSE = "source.pause"
    SOURCE_RESUME = "source.resume"
    SOURCE_REMOVE = "source.remove"
    DESTINATION_ADD = "alert_destination.add"
    DESTINATION_ON = "alert_destination.on"
    DESTINATION_OFF = "alert_destination.off"
    DESTINATION_REMOVE = "alert_destination.remove"
    RULE_CHANGE = "alert_rule.change"
    ACCOUNT_ADD = "account.add"
    ACCOUNT_REMOVE = "account.remove"
    ACCOUNT_PASSWORD = "account.password"
    ACCOUNT_LOCKED = "account.locked"


_SECRET_NAME = re.compile(r"(?i)pass(?:word|wd)?|secret|token|api_?key|credential|pwd")
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s:@]*):[^@\s/]+@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;][\w.\-]*(?:token|key|secret|pass(?:word)?|pwd|auth|sig(?:nature)?)"
    r"[\w.\-]*=)[^&\s#\"']+")


def masked(value: Any) -> Any:
    """``value`` (text, or a dict or list of them) with every secret it shows replaced by
    ``***``: a URL's password, a secret query parameter, a detail named like a secret."""
    if isinstance(value, str):
        return _SECRET_PARAM.sub(rf"\1{SECRET}", _URL_PASSWORD.sub(rf"\1:{SECRET}@", value))
    if isinstance(value, dict):
        return {str(k): SECRET if _SECRET_NAME.search(str(k)) and v not in (None, "")
                else masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [masked(v) for v in value]
    return value


def actor_name(actor: str | None) -> str:
    """The name an entry is signed with (:data:`UNKNOWN` when none was given)."""
    return (actor or "").strip() or UNKNOWN


_INSERT = ("INSERT INTO audit_log (actor, action, target_kind, target, details) "
           "VALUES (?, ?, ?, ?, ?)")


def write(con: Any, actor: str | None, action: str, target_kind: str, target: str | None,
          details: dict[str, Any] | None = None) -> None:
    """Add one entry on ``con``: a connection the change itself uses, so that the entry is
    part of the change's transaction."""
    text = json.dumps(masked(details or {}), ensure_ascii=False, default=str)
    con.execute(_INSERT, [masked(actor_name(actor)), str(action), target_kind,
                          None if target is None else masked(str(target)), text])


def record(store: Store, actor: str | None, action: str, target_kind: str,
           target: str | None, details: dict[str, Any] | None = None) -> None:
    """Add one entry on a connection of its own (a change made outside the store)."""
    with store.connect() as con:
        write(con, actor, action, target_kind, target, details)


def _bound(value: date | datetime | None, tz: tzinfo, end: bool) -> datetime | None:
    """A moment: a datetime as it is (naive: in ``tz``), a date as the start of that day in
    ``tz`` — or, for an ``end``, the start of the day after (the day is included)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    day = value + timedelta(days=1) if end else value
    return datetime.combine(day, time(), tzinfo=tz)


def audit_entries(store: Store, since: date | datetime | None = None,
                  until: date | datetime | None = None, actor: str | None = None,
                  action: str | None = None, limit: int = DEFAULT_LIMIT,
                  tz: tzinfo = UTC) -> pd.DataFrame:
    """The entries newest first, at most ``limit``: ``id``, ``at`` (UTC), ``actor``,
    ``action``, ``target_kind``, ``target``, ``details`` (JSON text).

    ``since`` and ``until`` bound the period (a date is a whole day in ``tz``, both days
    included; a datetime is a moment, ``until`` excluded); ``actor`` is a name (any case);
    ``action`` an action (``source.pause``) or the kind of thing (``source``: all of its)."""
    where: list[str] = []
    params: list[Any] = []
    if (start := _bound(since, tz, end=False)) is not None:
        where.append("changed_at >= ?")
        params.append(start)
    if (stop := _bound(until, tz, end=True)) is not None:
        where.append("changed_at < ?")
        params.append(stop)
    if actor:
        where.append("lower(actor) = lower(?)")
        params.append(actor.strip())
    if action:
        where.append("(action = ? OR starts_with(action, ?))")
        params += [action.strip(), action.strip().rstrip(".") + "."]
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    frame = store.query(
        "SELECT id, changed_at, actor, action, target_kind, target, details FROM audit_log "
        f"{clause} ORDER BY changed_at DESC, id DESC LIMIT {max(0, int(limit))}", params)
    frame.insert(1, "at", pd.to_datetime(frame.pop("changed_at"), utc=True))
    return frame


def audit_actors(store: Store) -> list[str]:
    """Every name that has made a change, alphabetically (the filters' choices)."""
    frame = store.query("SELECT DISTINCT actor FROM audit_log ORDER BY actor")
    return [str(name) for name in frame["actor"]]


def audit_actions(store: Store) -> list[str]:
    """Every action recorded so far, alphabetically."""
    frame = store.query("SELECT DISTINCT action FROM audit_log ORDER BY action")
    return [str(name) for name in frame["action"]]
