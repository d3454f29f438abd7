"""Alerts: raising them from what the store holds and delivering them through Apprise.

The worker calls :func:`evaluate_and_deliver` after each collection. It

1. runs every rule that is on (:mod:`analysis.monitor.alert_rules`) and stores the events it
   has not raised before, worded in the alert language (:mod:`analysis.reports.alert_wording`),
   each with a pending delivery to every active destination;
2. in quiet hours (``PANTAU_ALERT_QUIET``, local time) holds every pending delivery;
3. outside them sends each destination one digest of what it held, then every pending delivery
   and every failed one that is due again (:mod:`analysis.monitor.delivery`: growing waits,
   a cap on attempts), recording sent or failed with the error, free of secrets.

Rules, destinations and the log are read and changed through the functions below, which the
``pantau alert`` commands and the Peringatan page share.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from analysis.errors import ConfigError
from analysis.monitor import delivery
from analysis.monitor.alert_rules import DEFAULT_RULES, PAGES, RULES, records
from analysis.reports import alert_wording
from analysis.settings import Settings
from analysis.store import alerts as stored
from analysis.store.db import Store

LANGUAGES = ("id", "en")
log = logging.getLogger(__name__)


def in_quiet_hours(quiet: str, moment: datetime) -> bool:
    """Whether the local ``moment`` falls in ``quiet`` (``HH-HH``: from the first hour up to,
    not including, the second; ``22-06`` spans midnight; empty or equal hours: never)."""
    if not quiet:
        return False
    start, end = (int(part) for part in quiet.split("-"))
    hour = moment.hour
    if start == end:
        return False
    return start <= hour < end if start < end else hour >= start or hour < end


def alert_language(settings: Settings, lang: str | None = None) -> str:
    """``lang`` when given, else the settings' (``PANTAU_ALERT_LANG``, Indonesian by default)."""
    chosen = lang or settings.alert_lang
    if chosen not in LANGUAGES:
        raise ConfigError(f"Alert language {chosen!r}: use id or en")
    return chosen


def rules(store: Store) -> pd.DataFrame:
    """Every rule kind (the defaults added first): ``kind``, ``active``, ``params``,
    ``updated_by``, ``updated_at``."""
    stored.seed_rules(store, DEFAULT_RULES)
    return stored.read_rules(store)


def set_rule(store: Store, kind: str, active: bool | None = None,
             params: dict[str, Any] | None = None, updated_by: str | None = None) -> None:
    """Turn a rule on or off and change its params (numbers, checked against the defaults)."""
    if kind not in DEFAULT_RULES:
        raise ConfigError(f"No alert rule {kind!r}: use one of {', '.join(DEFAULT_RULES)}")
    checked = {}
    for key, value in (params or {}).items():
        if key not in DEFAULT_RULES[kind]:
            raise ConfigError(f"Rule {kind} has no param {key!r}: use "
                              f"{', '.join(DEFAULT_RULES[kind])}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{kind} {key}={value!r} is not a number") from None
        if number < 0:
            raise ConfigError(f"{kind} {key}={value!r} must not be negative")
        checked[key] = int(number) if number.is_integer() else number
    stored.seed_rules(store, DEFAULT_RULES)
    stored.update_rule(store, kind, active, checked, updated_by)


def add_destination(store: Store, url: str, label: str | None = None,
                    created_by: str | None = None) -> str:
    """Add an Apprise URL as a destination (checked first); its id. The default rules are
    added too, so alerts start at once."""
    url = url.strip()
    if not url or not delivery.known_url(url):
        raise ConfigError(f"{stored.mask_url(url)} is not an Apprise URL Pantau can send to "
                          "(e.g. tgram://BOT_TOKEN/CHAT_ID, mailto://user:password@host, "
                          "json://host/path)")
    stored.seed_rules(store, DEFAULT_RULES)
    return stored.add_destination(store, url, (label or "").strip() or None, created_by)


def send_test(store: Store, destination_id: str | None = None,
              lang: str = "id") -> list[dict[str, Any]]:
    """Send a test message to one destination, or to every active one: per destination
    ``id``, ``label``, ``ok`` and ``error`` (free of secrets)."""
    urls = stored.destination_urls(store, [destination_id] if destination_id else None,
                                   active_only=destination_id is None)
    if destination_id and destination_id not in urls:
        raise ConfigError(f"No alert destination {destination_id!r} (see pantau alert list)")
    labels = dict(zip(*[stored.list_destinations(store)[c] for c in ("id", "label")],
                      strict=True))
    title, body = alert_wording.test_message(lang)
    results = []
    for key, url in urls.items():
        outcome = delivery.send(url, title, body)
        results.append({"id": key, "label": labels.get(key, key), "ok": outcome.ok,
                        "error": outcome.error})
    return results


def _events(store: Store, settings: Settings, now: datetime, lang: str) -> list[dict[str, Any]]:
    """The candidates of every rule that is on, worded."""
    events = []
    for row in records(rules(store)):
        kind = str(row["kind"])
        if not row["active"] or kind not in RULES:
            continue
        params = {**DEFAULT_RULES[kind], **row["params"]}
        try:
            candidates = RULES[kind](store, settings, params, now)
        except Exception:  # one broken rule must not silence the others
            log.exception("alert rule %s failed; the other rules still run", kind)
            continue
        for found in candidates:
            link = f"{settings.dashboard_url}/{PAGES[kind]}"
            title, body = alert_wording.alert_message(found["kind"], found["payload"], link, lang)
            events.append({**found, "title": title, "body": body, "link": link})
    return events


def evaluate_and_deliver(store: Store, settings: Settings, now: datetime | None = None,
                         lang: str | None = None) -> dict[str, int]:
    """Raise the new events and deliver what is due (module doc); counts: ``raised``,
    ``sent``, ``failed`` and ``held`` (deliveries held in quiet hours, now)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    lang = alert_language(settings, lang)
    destinations = list(stored.destination_urls(store))
    raised = stored.raise_events(store, _events(store, settings, now, lang), destinations, now)
    counts = {"raised": len(raised), "sent": 0, "failed": 0, "held": 0}
    if in_quiet_hours(settings.alert_quiet, now.astimezone(settings.tz)):
        stored.hold_pending(store)
        counts["held"] = len(stored.held_deliveries(store))
        return counts
    for ok in _send_digests(store, settings, now, lang) + _send_due(store, now):
        counts["sent" if ok else "failed"] += 1
    return counts


def _send_digests(store: Store, settings: Settings, now: datetime, lang: str) -> list[bool]:
    """One message per destination for everything it held in quiet hours."""
    held = stored.held_deliveries(store)
    urls = stored.destination_urls(store)
    results = []
    for destination, group in held.groupby("destination_id", sort=True):
        url = urls.get(str(destination))
        if url is None:
            continue
        items = records(group)
        title, body = alert_wording.digest_message(items, settings.alert_quiet, lang)
        outcome = delivery.send(url, title, body)
        attempts = int(group["attempts"].max())
        stored.record_delivery(store, list(group["event_key"]), str(destination), outcome.ok,
                               outcome.error, now, delivery.next_try(attempts + 1, now))
        results.append(outcome.ok)
    return results


def _send_due(store: Store, now: datetime) -> list[bool]:
    """Each pending delivery, and each failed one due again."""
    due = stored.due_deliveries(store, now, delivery.MAX_ATTEMPTS)
    urls = stored.destination_urls(store)
    results = []
    for row in records(due):
        url = urls.get(str(row["destination_id"]))
        if url is None:
            continue
        outcome = delivery.send(url, str(row["title"]), str(row["body"]))
        stored.record_delivery(store, [str(row["event_key"])], str(row["destination_id"]),
                               outcome.ok, outcome.error, now,
                               delivery.next_try(int(row["attempts"]) + 1, now))
        results.append(outcome.ok)
    return results


def alert_log(store: Store, limit: int = 100) -> pd.DataFrame:
    """The latest deliveries (:func:`analysis.store.alerts.alert_log`)."""
    return stored.alert_log(store, limit)
