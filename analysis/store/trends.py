"""Aggregations behind the dashboard, computed in DuckDB (pages never see the raw table).

Every function takes a :class:`~analysis.store.filters.Filters` (period in the viewer's time
zone, platforms, ...) and returns a small DataFrame. A document's score for a task is its most
recent one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.store import rollups
from analysis.store.corrections import CURRENT_CORRECTIONS
from analysis.store.db import Store
from analysis.store.filters import Filters, filtered_query
from analysis.store.reviews import CURRENT_REVIEWS
from analysis.vocabulary import SENTIMENTS, Sentiment, Status, Target, Task, Verdict


def bucket_for(span_days: int) -> str:
    """Hour buckets up to three days, days up to three months, weeks up to two years, months
    beyond."""
    if span_days <= 3:
        return "hour"
    if span_days <= 92:
        return "day"
    return "week" if span_days <= 731 else "month"


def filter_options(store: Store, timezone: str = "Asia/Jakarta",
                   sources: int = 300) -> dict[str, Any]:
    """Platforms and kinds present (most texts first), the ``sources`` biggest sources, and
    the first and last local date of the data."""
    if store.dialect == "postgres":  # the counts its triggers keep (analysis.store.rollups)
        frame, top_sources = rollups.filter_counts(store, sources)
    else:
        frame = store.query(
            "SELECT platform, kind, min(published_at) AS first, max(published_at) AS last, "
            "count(*) AS n FROM documents GROUP BY platform, kind ORDER BY n DESC")
        top_sources = store.query(
            "SELECT source FROM documents WHERE source IS NOT NULL AND source <> '' "
            "GROUP BY source ORDER BY count(*) DESC, source LIMIT $n", {"n": sources})
    if frame.empty:
        return {"platforms": [], "kinds": [], "sources": [], "first": None, "last": None}
    return {
        "platforms": frame.groupby("platform", sort=False)["n"].sum()
        .sort_values(ascending=False, kind="stable").index.tolist(),
        "kinds": frame.groupby("kind", sort=False)["n"].sum()
        .sort_values(ascending=False, kind="stable").index.tolist(),
        "sources": top_sources["source"].tolist(),
        "first": pd.Timestamp(frame["first"].min()).tz_convert(timezone).date(),
        "last": pd.Timestamp(frame["last"].max()).tz_convert(timezone).date(),
    }


def kpis(store: Store, f: Filters, hoax_threshold: float = 0.5) -> dict[str, float | int]:
    """Volume, sentiment counts and net sentiment, hoax-flagged, unscored and uncertain counts."""
    row = filtered_query(
        store,
        f"""
        SELECT count(*) AS volume,
               count(*) FILTER (WHERE sentiment = '{Sentiment.POSITIVE}') AS positive,
               count(*) FILTER (WHERE sentiment = '{Sentiment.NEUTRAL}') AS neutral,
               count(*) FILTER (WHERE sentiment = '{Sentiment.NEGATIVE}') AS negative,
               count(*) FILTER (WHERE sentiment_model IS NULL) AS unscored,
               count(*) FILTER (WHERE sentiment IS NULL AND sentiment_model IS NOT NULL)
                   AS uncertain,
               count(*) FILTER (WHERE hoax_score >= $threshold) AS hoax_flagged
        FROM docs""",
        f,
        threshold=hoax_threshold,
    ).iloc[0]
    out: dict[str, float | int] = {k: int(row[k]) for k in row.index}
    scored = sum(out[label] for label in SENTIMENTS)
    out["net_sentiment"] = (out["positive"] - out["negative"]) / scored if scored else 0.0
    return out


def volume_over_time(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """Documents per time bucket and platform (on PostgreSQL from its rollup where the
    filters allow: :mod:`analysis.store.rollups`)."""
    if rollups.usable(store, f):
        return rollups.volume(store, f, _checked(bucket))
    return filtered_query(
        store,
        f"""
        SELECT date_trunc('{_checked(bucket)}', local_time) AS bucket, platform, count(*) AS n
        FROM docs GROUP BY 1, 2 ORDER BY bucket, platform""",
        f,
    )


def sentiment_over_time(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """Per time bucket and sentiment label: count and share of that bucket's scored texts
    (on PostgreSQL from its rollup where the filters allow)."""
    if rollups.usable(store, f, sentiment=True):
        return rollups.sentiment(store, f, _checked(bucket))
    return filtered_query(
        store,
        f"""
        , counted AS (
            SELECT date_trunc('{_checked(bucket)}', local_time) AS bucket, sentiment AS label,
                   count(*) AS n
            FROM docs WHERE sentiment IS NOT NULL GROUP BY 1, 2)
        SELECT bucket, label, n, n / sum(n) OVER (PARTITION BY bucket) AS share
        FROM counted ORDER BY bucket, label""",
        f,
    )


def top_hoaxes(store: Store, f: Filters, limit: int = 50) -> pd.DataFrame:
    """The most hoax-like texts with their evidence (nearest debunk, classifier signal)."""
    frame = filtered_query(
        store,
        f"""
        , top AS MATERIALIZED (
            SELECT id, local_time, platform, author, text, url, hoax_score
            FROM docs WHERE hoax_score IS NOT NULL
            ORDER BY hoax_score DESC, id LIMIT $limit)
        , evidence AS (
            SELECT doc_id, evidence FROM (
                SELECT doc_id, evidence, row_number() OVER (
                    PARTITION BY doc_id ORDER BY scored_at DESC, model_version) AS latest
                FROM scores WHERE task = '{Task.HOAX}' AND doc_id IN (SELECT id FROM top)) s
            WHERE latest = 1)
        , {CURRENT_REVIEWS}
        SELECT top.id, local_time, platform, author, top.text, url, hoax_score,
               e.evidence AS hoax_evidence, coalesce(r.status, '{Status.NEW}') AS status,
               m.cluster_id, c.explanation AS cluster_explanation, c.n_accounts AS cluster_accounts,
               c.span_minutes AS cluster_span, c.n_posts AS cluster_posts,
               c.accounts AS cluster_names
        FROM top LEFT JOIN evidence e ON e.doc_id = top.id
        LEFT JOIN reviewed r ON r.target_kind = '{Target.DOC}' AND r.target_id = top.id
        LEFT JOIN cluster_members m ON m.doc_id = top.id
        LEFT JOIN clusters c ON c.cluster_id = m.cluster_id
        ORDER BY hoax_score DESC, top.id""",
        f,
        limit=limit,
    )
    evidence = frame.pop("hoax_evidence").map(lambda raw: json.loads(raw) if raw else {})
    signals = evidence.map(lambda e: e.get("signals") or {})
    claim = evidence.map(lambda e: (e.get("claims") or [e.get("claim") or {}])[0] or {})
    frame["p_head"] = [s.get("p_head", e.get("p_head")) for s, e in zip(signals, evidence,
                                                                         strict=True)]
    frame["match"] = [s.get("match", e.get("match")) for s, e in zip(signals, evidence,
                                                                      strict=True)]
    frame["cue_score"] = signals.map(lambda s: s.get("cues"))
    frame["coordination"] = signals.map(lambda s: s.get("coordination"))
    frame["contributions"] = evidence.map(lambda e: e.get("contributions") or {})
    frame["intercept"] = evidence.map(lambda e: e.get("intercept"))
    frame["claims"] = evidence.map(lambda e: e.get("claims") or [])
    frame["cues"] = evidence.map(lambda e: e.get("cues") or [])
    frame["cluster_names"] = frame["cluster_names"].map(_names)
    for key in ("title", "fact", "url", "similarity", "published", "verdict", "score"):
        frame[f"claim_{key}"] = claim.map(lambda c, k=key: c.get(k))
    return frame.astype(object).where(frame.notna(), None)


def _checked(bucket: str) -> str:
    if bucket not in ("hour", "day", "week", "month"):
        raise ValueError(f"bucket must be hour, day, week or month, not {bucket!r}")
    return bucket


ORDERS = {
    "newest": "local_time DESC",
    "oldest": "local_time ASC",
    "uncertain": "sentiment_score ASC NULLS LAST",
    "hoax": "hoax_score DESC NULLS LAST",
    "engagement": "engagement DESC NULLS LAST",
}


def texts(store: Store, f: Filters, search: str = "", order: str = "newest",
          limit: int = 50, window: tuple[datetime, datetime] | None = None,
          label: str | None = None, claim: str | None = None,
          denied: str | None = None) -> pd.DataFrame:
    """The posts behind the filters: text, where and when, engagement, model labels, the
    current sentiment correction and hoax workflow status. ``search`` is a keyword query like
    ``Filters.query``; ``order`` is one of :data:`ORDERS`; ``window`` keeps local times in
    [start, end) (a chart bucket); ``label`` keeps one model sentiment label; ``claim`` keeps
    the texts repeating one debunked bank claim (``documents.hoax_claim``; ``claim_match`` is
    how surely each repeats its claim, "cocok" or "mirip"); ``denied`` keeps the texts that
    deny one (``documents.hoax_denied``)."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    if search.strip():
        f = replace(f, query=f"{f.query} {search}".strip())
    zone = ZoneInfo(f.timezone)
    since = until = None
    if window is not None:
        since, until = (moment.replace(tzinfo=zone) for moment in window)
    return filtered_query(
        store,
        f"""
        , {CURRENT_CORRECTIONS}
        , {CURRENT_REVIEWS}
        SELECT id, local_time, platform, kind, source, author, text, url,
               sentiment_model AS sentiment, sentiment_score, hoax_score,
               hoax_claim_match AS claim_match,
               c.label AS corrected, coalesce(r.status, '{Status.NEW}') AS status,
               coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0) AS engagement
        FROM docs LEFT JOIN corrected c ON c.doc_id = docs.id AND c.task = '{Task.SENTIMENT}'
        LEFT JOIN reviewed r ON r.target_kind = '{Target.DOC}' AND r.target_id = docs.id
        WHERE (CAST($since AS TIMESTAMPTZ) IS NULL OR published_at >= $since)
          AND (CAST($until AS TIMESTAMPTZ) IS NULL OR published_at < $until)
          AND (CAST($label AS VARCHAR) IS NULL OR sentiment_model = $label)
          AND (CAST($claim AS VARCHAR) IS NULL OR hoax_claim = $claim)
          AND (CAST($denied AS VARCHAR) IS NULL OR hoax_denied = $denied)
        ORDER BY {ORDERS[order]}, id LIMIT $limit""",
        f,
        since=since,
        until=until,
        label=label,
        claim=claim,
        denied=denied,
        limit=limit,
    )


TREND_DAYS = 14
"""Days of daily counts in :func:`spreading_claims`' ``daily`` column."""


_SPREAD_COUNTS = f"""
        , bounds AS (SELECT max(local_time) AS now FROM docs)
        , matched AS MATERIALIZED (
            SELECT hoax_claim AS claim_id, local_time, author, platform,
                   hoax_claim_match = '{Verdict.COCOK}' AS confirmed,
                   local_time > now - INTERVAL '24 hours' AS recent,
                   local_time > now - INTERVAL '48 hours'
                       AND local_time <= now - INTERVAL '24 hours' AS before_recent,
                   now::DATE - local_time::DATE AS ago
            FROM docs, bounds WHERE hoax_claim IS NOT NULL)
        , per_claim AS (
            SELECT claim_id, count(*) AS posts,
                   count(*) FILTER (WHERE confirmed) AS confirmed,
                   count(DISTINCT author) AS accounts,
                   count(*) FILTER (WHERE recent) AS last_24h,
                   count(*) FILTER (WHERE before_recent) AS previous_24h,
                   min(local_time) AS first_seen, max(local_time) AS last_seen
            FROM matched GROUP BY claim_id
            HAVING NOT CAST($confirmed_only AS BOOLEAN)
                OR count(*) FILTER (WHERE confirmed) > 0
            ORDER BY last_24h DESC, posts DESC, claim_id LIMIT $limit)
"""
"""The texts repeating a bank claim (``matched``: confirmed, in the last 24 hours or the 24
before, days before now) and, per claim, their counts (``per_claim``)."""

_LISTS = {"duckdb": ("list(platform ORDER BY n DESC, platform)", "list({'ago': ago, 'n': n})"),
          "postgres": ("array_agg(platform ORDER BY n DESC, platform)",
                       "jsonb_agg(jsonb_build_object('ago', ago, 'n', n))")}
"""Per dialect: a claim's platforms (most texts first) as a list, and its texts per day as a
list of ``{ago, n}`` (PostgreSQL: JSON text)."""
_SPREAD_DETAILS = f"""        , per_platform AS (
            SELECT claim_id, {{platforms}} AS platforms
            FROM (SELECT claim_id, platform, count(*) AS n FROM matched
                  WHERE claim_id IN (SELECT claim_id FROM per_claim) GROUP BY 1, 2) t
            GROUP BY claim_id)
        , per_day AS (
            SELECT claim_id, {{days}} AS days
            FROM (SELECT claim_id, ago, count(*) AS n FROM matched
                  WHERE ago < $days AND claim_id IN (SELECT claim_id FROM per_claim)
                  GROUP BY 1, 2) t
            GROUP BY claim_id)
        , denying AS (
            SELECT hoax_denied AS claim_id, count(*) AS denials FROM docs
            WHERE hoax_denied IN (SELECT claim_id FROM per_claim) GROUP BY 1)
        , {CURRENT_REVIEWS}
        SELECT p.*, coalesce(dn.denials, 0) AS denials, pl.platforms, d.days,
               (SELECT now FROM bounds) AS now,
               coalesce(c.title, p.claim_id) AS title, c.fact, c.url, c.published, c.source,
               coalesce(r.status, '{Status.NEW}') AS status
        FROM per_claim p LEFT JOIN per_platform pl USING (claim_id)
        LEFT JOIN per_day d USING (claim_id) LEFT JOIN denying dn USING (claim_id)
        LEFT JOIN claims c ON c.id = p.claim_id
        LEFT JOIN reviewed r ON r.target_kind = '{Target.CLAIM}' AND r.target_id = p.claim_id
        ORDER BY p.last_24h DESC, p.posts DESC, p.claim_id"""
"""Per counted claim: its platforms, its texts per day, its bank entry and status."""


def spreading_claims(store: Store, f: Filters, limit: int = 20,
                     confirmed_only: bool = False) -> pd.DataFrame:
    """The debunked bank claims that texts inside the filters repeat (``documents.hoax_claim``:
    a text's best debunk match rated "cocok" or "mirip"), those repeated most in the last
    24 hours first, then the most repeated.

    "Now" is the newest text inside the filters (``now``, local time), so a period that ended
    last month is read as it stood then. ``confirmed_only`` keeps the claims at least one text
    repeats with a "cocok" match. Per claim: ``posts``, ``confirmed`` (the texts rated
    "cocok"; the rest are "mirip", suggested), ``denials`` (texts denying the claim:
    ``documents.hoax_denied``), ``accounts`` (distinct authors),
    ``last_24h`` and ``previous_24h`` (texts in the 24 hours before now and the 24 before
    those), ``first_seen`` and ``last_seen`` (local time), ``platforms`` (most texts first),
    ``daily`` (texts per local day over the :data:`TREND_DAYS` days up to now, oldest first),
    the bank entry's ``title`` (its id when the bank no longer holds it), ``fact``, ``url``,
    ``published`` and ``source`` (None where missing), and the claim's follow-up ``status``
    (see :mod:`analysis.store.reviews`)."""
    frame = filtered_query(
        store,
        _SPREAD_COUNTS + _SPREAD_DETAILS.format(platforms=_LISTS[store.dialect][0],
                                                days=_LISTS[store.dialect][1]),
        f,
        inline=True,
        limit=limit,
        days=TREND_DAYS,
        confirmed_only=confirmed_only,
    )
    frame["daily"] = frame.pop("days").map(_daily)
    frame["platforms"] = frame["platforms"].map(lambda names: list(_listed(names)))
    return frame.astype(object).where(frame.notna(), None)


def _listed(values: Any) -> Any:
    """A list column's value, or nothing for a missing one (None, or pandas' NA)."""
    return values if hasattr(values, "__iter__") and not isinstance(values, str) else []


def _daily(days: Any) -> list[int]:
    """``[{'ago': days before now, 'n': count}, ...]`` as :data:`TREND_DAYS` counts, oldest
    first."""
    counts = [0] * TREND_DAYS
    for day in _listed(json.loads(days) if isinstance(days, str) else days):
        counts[TREND_DAYS - 1 - int(day["ago"])] = int(day["n"])
    return counts


def bucket_window(start: datetime, bucket: str) -> tuple[datetime, datetime]:
    """The local-time interval [start, end) of the chart bucket that begins at ``start``."""
    begin = pd.Timestamp(start).to_pydatetime().replace(tzinfo=None)
    step = {"hour": pd.DateOffset(hours=1), "day": pd.DateOffset(days=1),
            "week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1)}[_checked(bucket)]
    return begin, (pd.Timestamp(begin) + step).to_pydatetime()


def active_clusters(store: Store, f: Filters) -> int:
    """Coordinated bursts with at least one post inside the filters."""
    return int(filtered_query(
        store,
        """SELECT count(DISTINCT m.cluster_id) AS n
           FROM cluster_members m JOIN docs ON docs.id = m.doc_id""",
        f,
    ).iloc[0]["n"])


def coordination_clusters(store: Store, f: Filters, limit: int = 50) -> pd.DataFrame:
    """Coordinated bursts with at least one post inside the filters, strongest first, with
    their follow-up ``status``."""
    frame = filtered_query(
        store,
        f"""
        , {CURRENT_REVIEWS}
        SELECT c.cluster_id, c.n_posts, c.n_accounts, c.accounts, c.first_at, c.last_at,
               c.span_minutes, c.coordination, c.text, coalesce(r.status, '{Status.NEW}') AS status
        FROM clusters c
        LEFT JOIN reviewed r ON r.target_kind = '{Target.CLUSTER}' AND r.target_id = c.cluster_id
        WHERE EXISTS (SELECT 1 FROM cluster_members m JOIN docs ON docs.id = m.doc_id
                      WHERE m.cluster_id = c.cluster_id)
        ORDER BY c.coordination DESC, c.cluster_id LIMIT $limit""",
        f,
        limit=limit,
    )
    frame["accounts"] = frame["accounts"].map(_names)
    return frame


_WHEN = {"duckdb": "strftime(d.published_at AT TIME ZONE $tz, '%d/%m/%Y %H:%M')",
         "postgres": "to_char(d.published_at AT TIME ZONE $tz, 'DD/MM/YYYY HH24:MI')"}


def cluster_posts(store: Store, cluster_id: str, timezone: str = "Asia/Jakarta") -> pd.DataFrame:
    """One cluster's posts in time order (local time, author, platform, text, link)."""
    return store.query(
        f"""SELECT {_WHEN[store.dialect]} AS waktu, d.author, d.platform, d.text, d.url
           FROM cluster_members m JOIN documents d ON d.id = m.doc_id
           WHERE m.cluster_id = $cluster ORDER BY d.published_at, d.id""",
        {"tz": timezone, "cluster": cluster_id},
    )


def _names(raw: object) -> list[str]:
    """A cluster's stored account names (JSON text) as a list; none when it has none."""
    return json.loads(raw) if isinstance(raw, str) and raw else []
