"""The hoax workflow: each flagged item (a text, a coordinated cluster, or a debunked claim
that texts repeat) moves baru → diverifikasi → diklarifikasi → dilaporkan, or is closed as
bukan_hoaks, by analysts; every step is kept with who and when.

An item without a review row is ``baru``. Steps may be skipped forward (an analyst who already
knows the clarification is out goes straight to ``diklarifikasi``) but not backwards, except that
a closed item can be reopened to ``diverifikasi`` when new evidence appears — a mistaken close
must not be final. Rows are never updated, so the trail is complete.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import StoreError
from analysis.store.audit import Action, write
from analysis.store.db import Store
from analysis.vocabulary import STATUSES, Status, Target

TARGETS = tuple(Target)
CURRENT_REVIEWS = """reviewed AS (
    SELECT target_kind, target_id, status, analyst, reviewed_at FROM (
        SELECT target_kind, target_id, status, analyst, reviewed_at, row_number() OVER (
            PARTITION BY target_kind, target_id ORDER BY reviewed_at DESC, rowid DESC) AS latest
        FROM reviews) ranked
    WHERE latest = 1)"""
"""A CTE ``reviewed``: each item's current status (its latest review), for other queries."""
_ORDER: dict[str, int] = {status: i for i, status in enumerate(STATUSES[:4])}
_CHECKED: dict[str, tuple[str, str]] = {Target.DOC: ("documents", "document"),
                                        Target.CLAIM: ("claims", "bank claim")}
"""Item kinds whose id must exist: the table holding them, and what the message calls one
(cluster ids are not checked, as before)."""


def allowed(current: str, new: str) -> bool:
    """Whether ``current`` → ``new`` is a valid step (see module doc)."""
    if new == current or new not in STATUSES or new == Status.NEW:
        return False
    if current in (Status.NOT_HOAX, Status.REPORTED):
        return new == Status.VERIFIED
    if new == Status.NOT_HOAX:
        return True
    return _ORDER[new] > _ORDER[current]


def current_status(store: Store, target_kind: str, target_id: str) -> str:
    """The status of one item (``baru`` when no analyst has touched it)."""
    value = store.scalar(
        "SELECT status FROM reviews WHERE target_kind = ? AND target_id = ? "
        "ORDER BY reviewed_at DESC, rowid DESC LIMIT 1",
        [target_kind, target_id],
    )
    return str(value) if value else str(Status.NEW)


def set_status(store: Store, target_kind: str, target_id: str, status: str, analyst: str,
               note: str | None = None) -> str:
    """Move an item to ``status``; return the status it had. Refuses invalid steps."""
    if target_kind not in TARGETS:
        raise StoreError(f"Unknown item kind {target_kind!r}; use {', '.join(TARGETS)}")
    if status not in STATUSES:
        raise StoreError(f"Unknown status {status!r}; use one of {', '.join(STATUSES)}")
    if not analyst.strip():
        raise StoreError("A status change needs the analyst's name")
    table, noun = _CHECKED.get(target_kind, (None, ""))
    if table and store.scalar(f"SELECT count(*) FROM {table} WHERE id = ?", [target_id]) == 0:
        raise StoreError(f"No {noun} with id {target_id!r}")
    previous = current_status(store, target_kind, target_id)
    if not allowed(previous, status):
        raise StoreError(f"{target_id}: cannot go from {previous} to {status}")
    with store.transaction() as con:
        con.execute(
            "INSERT INTO reviews (target_kind, target_id, status, analyst, note) "
            "VALUES (?, ?, ?, ?, ?)",
            [target_kind, target_id, status, analyst.strip(), note],
        )
        write(con, analyst, Action.REVIEW, target_kind, target_id,
              {"from": previous, "to": status, "note": note})
    return previous


def review_history(store: Store, target_kind: str, target_id: str) -> pd.DataFrame:
    """Every step of one item, oldest first: status, analyst, note, reviewed_at."""
    return store.query(
        "SELECT status, analyst, note, reviewed_at FROM reviews "
        "WHERE target_kind = ? AND target_id = ? ORDER BY reviewed_at, rowid",
        [target_kind, target_id],
    )


def statuses(store: Store, target_kind: str) -> pd.DataFrame:
    """The current status of every reviewed item of one kind: target_id, status, analyst, at."""
    return store.query(
        f"WITH {CURRENT_REVIEWS} SELECT target_id, status, analyst, reviewed_at "
        "FROM reviewed WHERE target_kind = ?",
        [target_kind],
    )
