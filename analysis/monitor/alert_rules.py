"""The kinds of alert and when each is raised, from what the store holds now.

Each rule reads the store and returns *candidates*: an ``event_key`` that names the event
(so one event raises one alert however many texts feed it, see
:func:`analysis.store.alerts.raise_events`), its ``kind``, a ``payload`` with what the wording
needs (:mod:`analysis.reports.alert_wording`) and the dashboard ``page`` it links to.

* ``claim_match``: texts that arrived today (stored since local midnight, at most
  ``lookback_hours`` back) rated *cocok* with a debunked claim, published in the last
  ``max_age_days`` (an upload of last year's posts raises nothing); one event per claim and day.
* ``claim_spreading``: a debunked claim repeated (rated ``cocok``: an alert pushed to people at
  night must not rest on a mere resemblance, which the reader gives some unrelated news) by at least
  ``min_texts`` texts or ``min_accounts`` accounts within ``hours``; one event per claim and day.
* ``entity_spike``: a watched entity's daily volume or negative share far above its baseline
  (:func:`analysis.store.spikes.detect_spikes` over the entity's texts) today or yesterday;
  one event per entity, metric and day.
* ``coordinated_cluster``: a coordinated cluster whose last post is within ``hours``, with at
  least ``min_accounts`` accounts, not all of them official; one event per cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd

from analysis.insights.entities import entity_posts, list_entities, refresh_hits
from analysis.settings import Settings
from analysis.signals.official import official_accounts
from analysis.store.alerts import claim_texts, recent_clusters
from analysis.store.db import Store
from analysis.store.filters import Filters
from analysis.store.spikes import detect_spikes

DEFAULT_RULES: dict[str, dict[str, Any]] = {
    "claim_match": {"lookback_hours": 24, "max_age_days": 7, "examples": 3},
    "claim_spreading": {"min_texts": 5, "min_accounts": 3, "hours": 24, "examples": 3},
    "entity_spike": {"sensitivity": 3.5, "min_count": 10, "examples": 3},
    "coordinated_cluster": {"min_accounts": 3, "hours": 24},
}
"""Every rule kind with its default params; all are on by default."""
PAGES = {"claim_match": "hoaks", "claim_spreading": "hoaks", "entity_spike": "entitas",
         "coordinated_cluster": "hoaks"}
"""The dashboard page (its ``url_path`` in ``dashboard/app.py``) each kind links to."""

Candidate = dict[str, Any]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts."""
    return [{str(key): value for key, value in row.items()} for row in frame.to_dict("records")]


def _examples(texts: pd.DataFrame, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` posts, different accounts first: ``author``, ``platform``, ``text``,
    ``url``."""
    ordered = pd.concat([texts.drop_duplicates("author"), texts]).drop_duplicates("id")
    return [{"author": _plain(row.author), "platform": _plain(row.platform),
             "text": str(row.text), "url": _plain(row.url)}
            for row in ordered.head(max(int(limit), 0)).itertuples(index=False)]


def _plain(value: Any) -> Any:
    return None if value is None or (not isinstance(value, list) and pd.isna(value)) else value


def _claim(claim_id: str, group: pd.DataFrame) -> dict[str, Any]:
    first = group.iloc[0]
    return {"claim_id": claim_id, "title": _plain(first["title"]) or claim_id,
            "claim_url": _plain(first["claim_url"]), "texts": len(group),
            "accounts": int(group["author"].nunique())}


def claim_match(store: Store, settings: Settings, params: dict[str, Any],
                now: datetime) -> list[Candidate]:
    local = now.astimezone(settings.tz)
    midnight = datetime.combine(local.date(), time(), tzinfo=settings.tz)
    arrived = max(now - timedelta(hours=float(params["lookback_hours"])), midnight)
    texts = claim_texts(store, now - timedelta(days=float(params["max_age_days"])),
                        confirmed_only=True, collected_since=arrived)
    return [{"event_key": f"claim_match:{claim}:{local.date().isoformat()}",
             "kind": "claim_match",
             "payload": {**_claim(str(claim), group), "day": local.date().isoformat(),
                         "examples": _examples(group, params["examples"])}}
            for claim, group in texts.groupby("claim_id", sort=True)]


def claim_spreading(store: Store, settings: Settings, params: dict[str, Any],
                    now: datetime) -> list[Candidate]:
    day = now.astimezone(settings.tz).date().isoformat()
    hours = float(params["hours"])
    texts = claim_texts(store, now - timedelta(hours=hours), confirmed_only=True)
    found = []
    for claim, group in texts.groupby("claim_id", sort=True):
        facts = _claim(str(claim), group)
        if facts["texts"] < int(params["min_texts"]) and \
                facts["accounts"] < int(params["min_accounts"]):
            continue
        found.append({"event_key": f"claim_spreading:{claim}:{day}", "kind": "claim_spreading",
                      "payload": {**facts, "hours": _whole(hours),
                                  "min_texts": params["min_texts"],
                                  "min_accounts": params["min_accounts"],
                                  "examples": _examples(group, params["examples"])}})
    return found


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def entity_spike(store: Store, settings: Settings, params: dict[str, Any],
                 now: datetime) -> list[Candidate]:
    names = [str(name) for name in list_entities(store)["name"]]
    if not names:
        return []
    refresh_hits(store, names)
    today = now.astimezone(settings.tz).date()
    f = Filters(start=today - timedelta(days=1), end=today, timezone=settings.timezone)
    found = []
    for name in names:
        spikes = detect_spikes(store, f, "day", float(params["sensitivity"]),
                               min_count=int(params["min_count"]), entity=name)
        for spike in records(spikes):
            start = pd.Timestamp(spike["bucket"]).to_pydatetime().replace(tzinfo=None)
            day = start.date().isoformat()
            posts = entity_posts(store, f, name, limit=int(params["examples"]),
                                 window=(start, start + timedelta(days=1)), refresh=False)
            found.append({
                "event_key": f"entity_spike:{name}:{spike['metric']}:{day}",
                "kind": "entity_spike",
                "payload": {"entity": name, "metric": spike["metric"], "bucket": day,
                            "observed": float(spike["observed"]),
                            "baseline": float(spike["baseline"]), "z": float(spike["z"]),
                            "count": int(spike["count"]),
                            "examples": _examples(posts, params["examples"])}})
    return found


def coordinated_cluster(store: Store, settings: Settings, params: dict[str, Any],
                        now: datetime) -> list[Candidate]:
    clusters = recent_clusters(store, now - timedelta(hours=float(params["hours"])))
    found = []
    for row in records(clusters):
        accounts = [str(a) for a in row["accounts"]]
        if int(row["n_accounts"]) < int(params["min_accounts"]):
            continue
        if accounts and len(official_accounts(accounts, settings.official_accounts)) \
                == len(accounts):
            continue  # an official announcement amplified by the units' own accounts
        found.append({
            "event_key": f"coordinated_cluster:{row['cluster_id']}",
            "kind": "coordinated_cluster",
            "payload": {"cluster_id": str(row["cluster_id"]), "n_posts": int(row["n_posts"]),
                        "n_accounts": int(row["n_accounts"]), "accounts": accounts,
                        "span_minutes": float(_plain(row["span_minutes"]) or 0.0),
                        "examples": [{"author": None, "platform": None,
                                      "text": str(_plain(row["text"]) or "")}]}})
    return found


RULES: dict[str, Callable[[Store, Settings, dict[str, Any], datetime], list[Candidate]]] = {
    "claim_match": claim_match,
    "claim_spreading": claim_spreading,
    "entity_spike": entity_spike,
    "coordinated_cluster": coordinated_cluster,
}
