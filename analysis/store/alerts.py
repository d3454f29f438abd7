"""SQL of alerts: where they go (``alert_destinations``), when they are raised
(``alert_rules``), what was raised (``alert_events``, one row per event key, so an event is
raised once however many texts feed it) and each delivery of an event to a destination
(``alert_deliveries``: pending, sent, failed or held, with attempts, the last error and when to
try again).

A destination's Apprise URL can hold a token or a password, so it is stored whole but never
shown: every read returns :func:`mask_url`'s form (``tgram://…/``, ``mailto://user@host``)
and only :func:`destination_urls` gives the URLs, to the code that delivers.

The claim reads (:func:`claim_texts`) are what the claim rules of
:mod:`analysis.monitor.alert_rules` look at: texts that repeat a debunked bank claim
(``documents.hoax_claim``, rated ``cocok`` or ``mirip``) published since a moment.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from analysis.store.audit import Action, write
from analysis.store.db import Store
from analysis.vocabulary import Verdict

PENDING, SENT, FAILED, HELD = "pending", "sent", "failed", "held"
DELIVERY_STATUSES = (PENDING, SENT, FAILED, HELD)
HOSTED = {"json", "jsons", "xml", "xmls", "form", "forms", "mailto", "mailtos", "ntfy", "ntfys"}
"""Schemes whose host part is a host (shown); in the others it is often the token itself."""


def mask_url(url: str) -> str:
    """The URL as people may see it: the scheme, and for a scheme whose host is a host (mail,
    JSON, form, ntfy) the user and host; never a password, token, path or query."""
    scheme, _, _ = url.partition("://")
    scheme = scheme.strip().lower() or "?"
    if scheme not in HOSTED:
        return f"{scheme}://…/"
    try:
        parts = urlsplit(url)
        host, user, port = parts.hostname or "", parts.username, parts.port
    except ValueError:
        return f"{scheme}://…/"
    where = f"{host}:{port}" if port else host
    if scheme.startswith("mailto"):
        return f"{scheme}://{user}@{where}" if user else f"{scheme}://{where}"
    return f"{scheme}://{where}/…" if parts.path not in ("", "/") else f"{scheme}://{where}"


_NUMBER = {"duckdb": "TRY_CAST(id AS INTEGER)",
           "postgres": "CASE WHEN id ~ '^[0-9]{1,9}$' THEN CAST(id AS INTEGER) END"}
"""Per dialect: a destination's id as a number (NULL when it is not one)."""
_ANY_KEY = {"duckdb": "list_contains(?, event_key)",
            "postgres": "event_key = ANY(CAST(? AS TEXT[]))"}
"""Per dialect: the event key is one of a list."""


def add_destination(store: Store, url: str, label: str | None,
                    created_by: str | None = None) -> str:
    """Store a destination (active); its id, a small number as text."""
    with store.transaction(exclusive=True) as con:
        row = con.execute(f"SELECT coalesce(max({_NUMBER[store.dialect]}), 0) + 1 "
                          "FROM alert_destinations").fetchone()
        new_id = str(row[0] if row else 1)
        con.execute("INSERT INTO alert_destinations (id, url, label, created_by) "
                    "VALUES (?, ?, ?, ?)", [new_id, url, label or mask_url(url), created_by])
        write(con, created_by, Action.DESTINATION_ADD, "alert_destination", new_id,
              {"url": mask_url(url), "label": label or mask_url(url)})
    return new_id


def list_destinations(store: Store) -> pd.DataFrame:
    """Every destination, masked: ``id``, ``label``, ``shown`` (the masked URL), ``active``,
    ``created_by``, ``created_at``; by id."""
    frame = store.query("SELECT id, url, label, active, created_by, created_at "
                        f"FROM alert_destinations ORDER BY {_NUMBER[store.dialect]}, id")
    frame.insert(2, "shown", frame.pop("url").map(mask_url))
    return frame


def destination_urls(store: Store, ids: list[str] | None = None,
                     active_only: bool = True) -> dict[str, str]:
    """id → full URL, for delivering only (never shown): the active ones, or ``ids``."""
    rows = store.query("SELECT id, url, active FROM alert_destinations")
    return {str(i): str(u) for i, u, a in rows.itertuples(index=False, name=None)
            if (ids is None or str(i) in ids) and (a or not active_only)}


def remove_destination(store: Store, destination_id: str, actor: str | None = None) -> bool:
    """Remove a destination and its deliveries; False when there was none."""
    with store.transaction() as con:
        found = con.execute("SELECT url, label FROM alert_destinations WHERE id = ?",
                            [destination_id]).fetchone()
        con.execute("DELETE FROM alert_deliveries WHERE destination_id = ?", [destination_id])
        con.execute("DELETE FROM alert_destinations WHERE id = ?", [destination_id])
        if found is not None:
            write(con, actor, Action.DESTINATION_REMOVE, "alert_destination", destination_id,
                  {"url": mask_url(str(found[0])), "label": found[1]})
    return found is not None


def set_destination_active(store: Store, destination_id: str, active: bool,
                           actor: str | None = None) -> bool:
    """Turn a destination on or off; False when there is none."""
    with store.transaction() as con:
        found = con.execute("SELECT url, label FROM alert_destinations WHERE id = ?",
                            [destination_id]).fetchone()
        con.execute("UPDATE alert_destinations SET active = ? WHERE id = ?",
                    [active, destination_id])
        if found is not None:
            write(con, actor, Action.DESTINATION_ON if active else Action.DESTINATION_OFF,
                  "alert_destination", destination_id,
                  {"url": mask_url(str(found[0])), "label": found[1]})
    return found is not None


def seed_rules(store: Store, defaults: dict[str, dict[str, Any]]) -> None:
    """Add each rule kind of ``defaults`` that is not stored yet (on, default params), and
    the default of each param a stored rule lacks."""
    with store.transaction(exclusive=True) as con:
        stored = dict(con.execute("SELECT kind, params FROM alert_rules").fetchall())
        for kind, params in defaults.items():
            if kind not in stored:
                con.execute("INSERT INTO alert_rules (kind, active, params) VALUES (?, true, ?)",
                            [kind, json.dumps(params)])
                continue
            have = json.loads(stored[kind] or "{}")
            if set(params) - set(have):
                con.execute("UPDATE alert_rules SET params = ? WHERE kind = ?",
                            [json.dumps({**params, **have}), kind])


def read_rules(store: Store) -> pd.DataFrame:
    """Every rule: ``kind``, ``active``, ``params`` (a dict), ``updated_by``, ``updated_at``."""
    frame = store.query("SELECT kind, active, params, updated_by, updated_at FROM alert_rules "
                        "ORDER BY kind")
    frame["params"] = frame["params"].map(lambda raw: json.loads(raw) if raw else {})
    return frame


def update_rule(store: Store, kind: str, active: bool | None, params: dict[str, Any],
                updated_by: str | None = None) -> bool:
    """Turn a rule on or off and/or merge ``params`` into its own; False when no such rule."""
    with store.transaction(exclusive=True) as con:
        row = con.execute("SELECT active, params FROM alert_rules WHERE kind = ?",
                          [kind]).fetchone()
        if row is None:
            return False
        before = json.loads(row[1] or "{}")
        merged, now_active = {**before, **params}, bool(row[0] if active is None else active)
        if merged == before and now_active == bool(row[0]):
            return True  # nothing changes: no new "updated by", no audit entry
        con.execute("UPDATE alert_rules SET active = ?, params = ?, updated_by = ?, "
                    "updated_at = current_timestamp WHERE kind = ?",
                    [now_active, json.dumps(merged), updated_by, kind])
        write(con, updated_by, Action.RULE_CHANGE, "alert_rule", kind,
              {"active": now_active, "was_active": bool(row[0]),
               "params": {k: v for k, v in merged.items() if before.get(k) != v},
               "before": {k: before.get(k) for k, v in merged.items() if before.get(k) != v}})
    return True


def claim_texts(store: Store, since: datetime, confirmed_only: bool,
                collected_since: datetime | None = None) -> pd.DataFrame:
    """Texts published since ``since`` (and, when given, stored since ``collected_since``)
    that repeat a debunked claim: ``claim_id``, ``id``, ``author``, ``platform``, ``text``,
    ``url``, ``published_at``, ``match``, and the bank's ``title`` and ``claim_url`` (None when
    the bank lacks the claim); newest first."""
    return store.query("""
        SELECT d.hoax_claim AS claim_id, d.id, d.author, d.platform, d.text, d.url,
               d.published_at, d.hoax_claim_match AS match, c.title, c.url AS claim_url
        FROM documents d LEFT JOIN claims c ON c.id = d.hoax_claim
        WHERE d.hoax_claim IS NOT NULL AND d.published_at >= ?
          AND (CAST(? AS TIMESTAMPTZ) IS NULL OR d.ingested_at >= ?)
          AND (NOT ? OR d.hoax_claim_match = ?)
        ORDER BY d.published_at DESC, d.id""",
        [since, collected_since, collected_since, confirmed_only, Verdict.COCOK])


def recent_clusters(store: Store, since: datetime) -> pd.DataFrame:
    """Coordinated clusters whose last post is at or after ``since``: ``cluster_id``,
    ``n_posts``, ``n_accounts``, ``accounts`` (a list), ``first_at``, ``last_at``,
    ``span_minutes``, ``text``, ``explanation``; the biggest first."""
    frame = store.query("""
        SELECT cluster_id, n_posts, n_accounts, accounts, first_at, last_at, span_minutes,
               text, explanation
        FROM clusters WHERE last_at >= ? ORDER BY n_accounts DESC, n_posts DESC, cluster_id""",
                        [since])
    frame["accounts"] = frame["accounts"].map(lambda raw: json.loads(raw) if raw else [])
    return frame


def raise_events(store: Store, events: list[dict[str, Any]], destination_ids: list[str],
                 now: datetime) -> list[str]:
    """Store the events whose ``event_key`` is new (``kind``, ``title``, ``body``, ``link``,
    ``payload``), each with a pending delivery to every destination of ``destination_ids``;
    the keys stored. An event raised before is left as it is: one alert per event."""
    raised: list[str] = []
    with store.transaction(exclusive=True) as con:
        for event in events:
            key = event["event_key"]
            if con.execute("SELECT 1 FROM alert_events WHERE event_key = ?", [key]).fetchone():
                continue
            con.execute("INSERT INTO alert_events (event_key, kind, title, body, link, payload, "
                        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [key, event["kind"], event["title"], event["body"], event.get("link"),
                         json.dumps(event.get("payload") or {}, default=str), now])
            for destination in destination_ids:
                con.execute("INSERT INTO alert_deliveries (event_key, destination_id, status, "
                            "next_try_at) VALUES (?, ?, ?, ?)",
                            [key, destination, PENDING, now])
            raised.append(key)
    return raised


def hold_pending(store: Store) -> int:
    """Hold every pending delivery (quiet hours); how many."""
    with store.transaction() as con:
        held = con.execute("UPDATE alert_deliveries SET status = ?, next_try_at = NULL "
                           "WHERE status = ?", [HELD, PENDING]).fetchall()
    return int(held[0][0]) if held else 0


_DELIVERY = """
    SELECT v.event_key, v.destination_id, v.status, v.attempts, e.kind, e.title, e.body,
           e.link, e.created_at
    FROM alert_deliveries v
    JOIN alert_events e USING (event_key)
    JOIN alert_destinations d ON d.id = v.destination_id
    WHERE d.active AND """


def held_deliveries(store: Store) -> pd.DataFrame:
    """The held deliveries to active destinations, with their events' ``kind``, ``title``,
    ``body``, ``link`` and ``created_at``; oldest event first."""
    return store.query(_DELIVERY + "v.status = ? ORDER BY v.destination_id, e.created_at, "
                       "v.event_key", [HELD])


def due_deliveries(store: Store, now: datetime, max_attempts: int) -> pd.DataFrame:
    """Pending deliveries and failed ones due again (``next_try_at`` passed, fewer than
    ``max_attempts`` attempts) to active destinations, as :func:`held_deliveries`."""
    return store.query(_DELIVERY + """v.status IN (?, ?) AND v.attempts < ?
        AND (v.next_try_at IS NULL OR v.next_try_at <= ?)
        ORDER BY e.created_at, v.event_key, v.destination_id""",
                       [PENDING, FAILED, max_attempts, now])


def record_delivery(store: Store, event_keys: list[str], destination_id: str, ok: bool,
                    error: str | None, now: datetime, next_try_at: datetime | None) -> None:
    """One more attempt at delivering ``event_keys`` to a destination: sent, or failed with
    ``error`` (already free of secrets) and when to try again (None: no more tries)."""
    with store.transaction() as con:
        con.execute("""
            UPDATE alert_deliveries SET attempts = attempts + 1, status = ?, last_error = ?,
                   sent_at = CASE WHEN ? THEN ?::TIMESTAMPTZ ELSE sent_at END, next_try_at = ?
            WHERE destination_id = ? AND """ + _ANY_KEY[store.dialect],
                    [SENT if ok else FAILED, None if ok else error, ok, now,
                     None if ok else next_try_at, destination_id, event_keys])


def alert_log(store: Store, limit: int = 100) -> pd.DataFrame:
    """The latest deliveries, newest event first: ``created_at`` (when the event was raised),
    ``kind``, ``title``, ``event_key``, ``destination_id``, ``destination`` (its label),
    ``status``, ``attempts``, ``last_error``, ``sent_at``, ``next_try_at``. An event raised
    while no destination was active is listed once with no destination."""
    return store.query("""
        SELECT e.created_at, e.kind, e.title, e.event_key, v.destination_id,
               d.label AS destination, coalesce(v.status, 'none') AS status,
               coalesce(v.attempts, 0) AS attempts, v.last_error, v.sent_at, v.next_try_at
        FROM alert_events e
        LEFT JOIN alert_deliveries v USING (event_key)
        LEFT JOIN alert_destinations d ON d.id = v.destination_id
        ORDER BY e.created_at DESC, e.event_key, v.destination_id LIMIT ?""", [int(limit)])


def event_keys(store: Store, prefix: str) -> set[str]:
    """The keys of the events raised so far that start with ``prefix``."""
    frame = store.query("SELECT event_key FROM alert_events WHERE starts_with(event_key, ?)",
                        [prefix])
    return set(frame["event_key"])
