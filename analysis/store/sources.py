"""The sources the monitoring worker collects, the items each has seen, and each collection run.

A source is a row of ``sources``: its kind and target, its schedule, whether it is active, the
conditional-request state of its last fetch (ETag / Last-Modified) and its health (the last run,
the last success, the last error, consecutive failures). ``source_items`` holds every item key a
source has seen (its GUID or address, and its text's hash), so an item seen in an earlier poll is
neither stored nor scored again. ``source_runs`` keeps one row per collection for the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from analysis.store.audit import Action, write
from analysis.store.db import Store

_COLUMNS = (
    "name, kind, target, every_minutes, active, options, created_by, created_at, etag, "
    "last_modified, last_run_at, last_ok_at, last_error, last_new, failures"
)


def insert_source(store: Store, name: str, kind: str, target: str, every_minutes: int,
                  options: dict[str, Any] | None = None, created_by: str | None = None,
                  active: bool = True) -> bool:
    """Add a source; False when one of that name exists already (nothing changes then)."""
    with store.transaction() as con:
        if con.execute("SELECT 1 FROM sources WHERE name = ?", [name]).fetchone():
            return False
        con.execute(
            "INSERT INTO sources (name, kind, target, every_minutes, active, options, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, kind, target, every_minutes, active,
             json.dumps(options or {}, ensure_ascii=False), created_by],
        )
        write(con, created_by, Action.SOURCE_ADD, "source", name,
              {"kind": kind, "target": target, "every_minutes": every_minutes,
               "active": active})
    return True


def source_rows(store: Store, name: str | None = None) -> pd.DataFrame:
    """Every source (or the one named), by name, with its schedule, state and health."""
    where, params = ("WHERE name = ?", [name]) if name is not None else ("", [])
    return store.query(f"SELECT {_COLUMNS} FROM sources {where} ORDER BY name", params)


def set_active(store: Store, name: str, active: bool, actor: str | None = None) -> bool:
    """Pause or resume a source; False if there is none of that name."""
    with store.transaction() as con:
        changed = con.execute("UPDATE sources SET active = ? WHERE name = ?",
                              [active, name]).fetchall()
        if changed and changed[0][0]:
            write(con, actor, Action.SOURCE_RESUME if active else Action.SOURCE_PAUSE,
                  "source", name)
    return bool(changed and changed[0][0])


def delete_source(store: Store, name: str, actor: str | None = None) -> bool:
    """Remove a source and what it has seen (its stored texts stay); False if there was none."""
    with store.transaction() as con:
        row = con.execute("SELECT kind, target FROM sources WHERE name = ?", [name]).fetchone()
        con.execute("DELETE FROM sources WHERE name = ?", [name])
        con.execute("DELETE FROM source_items WHERE source = ?", [name])
        if row is not None:
            write(con, actor, Action.SOURCE_REMOVE, "source", name,
                  {"kind": row[0], "target": row[1]})
    return row is not None


def seen_keys(store: Store, name: str, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` the source ``name`` has seen in an earlier collection."""
    frame = pd.DataFrame({"item_key": sorted(set(keys))})
    if frame.empty:
        return set()
    with store.connect() as con:
        con.register("wanted_keys", frame)
        rows = con.execute(
            "SELECT w.item_key FROM wanted_keys w JOIN source_items s "
            "ON s.item_key = w.item_key AND s.source = ?", [name]).fetchall()
    return {row[0] for row in rows}


def record_run(store: Store, name: str, started: datetime, *, status: str, items: int = 0,
               new_items: int = 0, stored: int = 0, error: str | None = None,
               notes: list[str] | None = None, keys: dict[str, str | None] | None = None,
               etag: str | None = None, last_modified: str | None = None) -> None:
    """Record one collection in a single transaction: the items it saw (``keys``: item key ->
    the stored text's id), the run, and the source's health and conditional-request state.

    A failed run keeps the previous ETag / Last-Modified and counts one more consecutive
    failure; a run that worked clears the error, or replaces it with what it could not do
    (a dropped file that is not an export)."""
    ok = status != "failed"
    with store.transaction() as con:
        if keys:
            frame = pd.DataFrame({"item_key": list(keys), "doc_id": list(keys.values())})
            con.register("run_keys", frame)
            con.execute(
                "INSERT INTO source_items (source, item_key, doc_id) SELECT ?, item_key, doc_id "
                "FROM run_keys WHERE item_key NOT IN "
                "(SELECT item_key FROM source_items WHERE source = ?)", [name, name])
        con.execute(
            "INSERT INTO source_runs (source, started_at, finished_at, status, items, new_items, "
            "stored, error, notes) VALUES (?, ?, current_timestamp, ?, ?, ?, ?, ?, ?)",
            [name, started, status, items, new_items, stored, error,
             json.dumps(notes or [], ensure_ascii=False)])
        con.execute(
            "UPDATE sources SET last_run_at = current_timestamp, "
            "last_ok_at = CASE WHEN ? THEN current_timestamp ELSE last_ok_at END, "
            "last_error = ?, "
            "last_new = CASE WHEN ? THEN ? ELSE last_new END, "
            "failures = CASE WHEN ? THEN 0 ELSE failures + 1 END, "
            "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) "
            "WHERE name = ?",
            [ok, error, ok, new_items, ok, etag if ok else None,
             last_modified if ok else None, name])


def recent_runs(store: Store, name: str | None = None, limit: int = 50) -> pd.DataFrame:
    """The latest collections, newest first (of one source, or of all)."""
    where, params = ("WHERE source = ?", [name]) if name is not None else ("", [])
    return store.query(
        "SELECT source, started_at, finished_at, status, items, new_items, stored, error, notes "
        f"FROM source_runs {where} ORDER BY started_at DESC LIMIT {int(limit)}", params)


def source_item_count(store: Store, name: str) -> int:
    """How many item keys the source has seen."""
    return int(store.scalar("SELECT count(*) FROM source_items WHERE source = ?", [name]) or 0)


def documents_since(store: Store, since: datetime) -> int:
    """How many texts were stored after ``since`` (the live pages' "N new texts")."""
    return int(store.scalar("SELECT count(*) FROM documents WHERE ingested_at > ?", [since])
               or 0)


def last_ingested(store: Store) -> datetime | None:
    """When the newest text was stored (None for an empty store)."""
    value = store.scalar("SELECT max(ingested_at) FROM documents")
    if value is None:
        return None
    moment: datetime = pd.Timestamp(value).to_pydatetime()
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def mark_worker(store: Store, at: datetime) -> None:
    """Note that the worker was alive at ``at`` (the sidebar says whether it runs)."""
    with store.connect() as con:
        con.execute("INSERT INTO meta VALUES ('worker_seen', ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value", [at.isoformat()])


def worker_seen(store: Store) -> datetime | None:
    """When the worker last said it was alive (None if it never ran on this store)."""
    value = store.scalar("SELECT value FROM meta WHERE key = 'worker_seen'")
    return datetime.fromisoformat(value) if value else None
