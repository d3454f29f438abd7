"""Aggregations behind the dashboard, computed in DuckDB (pages never see the raw table).

Every function takes a :class:`Filters` (period in the viewer's time zone, platforms) and returns
a small DataFrame. A document's score for a task is its most recent one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.store.db import Store


@dataclass(frozen=True)
class Filters:
    """What the viewer asked for: local dates (inclusive), platforms (empty = all), time zone."""

    start: date | None = None
    end: date | None = None
    platforms: tuple[str, ...] = ()
    timezone: str = "Asia/Jakarta"


_LATEST = """
latest AS (
    SELECT doc_id, task, label, score, evidence FROM scores
    QUALIFY row_number() OVER (PARTITION BY doc_id, task ORDER BY scored_at DESC,
                               model_version) = 1
),
docs AS (
    SELECT d.*, (d.published_at AT TIME ZONE $tz) AS local_time,
           s.label AS sentiment, s.score AS sentiment_score,
           h.score AS hoax_score, h.label AS hoax_label, h.evidence AS hoax_evidence
    FROM documents d
    LEFT JOIN latest s ON s.doc_id = d.id AND s.task = 'sentiment'
    LEFT JOIN latest h ON h.doc_id = d.id AND h.task = 'hoax'
    WHERE ($start IS NULL OR (d.published_at AT TIME ZONE $tz)::DATE >= $start)
      AND ($end IS NULL OR (d.published_at AT TIME ZONE $tz)::DATE <= $end)
      AND (len($platforms) = 0 OR list_contains($platforms, d.platform))
)
"""


def _params(f: Filters, **extra: Any) -> dict[str, Any]:
    return {
        "tz": f.timezone,
        "start": f.start,
        "end": f.end,
        "platforms": list(f.platforms),
        **extra,
    }


def _run(store: Store, body: str, f: Filters, **extra: Any) -> pd.DataFrame:
    return store.query("WITH " + _LATEST + body, _params(f, **extra))


def bucket_for(span_days: int) -> str:
    """Day buckets up to three months, weeks up to two years, months beyond."""
    if span_days <= 92:
        return "day"
    return "week" if span_days <= 731 else "month"


def filter_options(store: Store, timezone: str = "Asia/Jakarta") -> dict[str, Any]:
    """Platforms present and the first and last local date of the data."""
    frame = store.query(
        "SELECT platform, min((published_at AT TIME ZONE $tz)::DATE) AS first, "
        "max((published_at AT TIME ZONE $tz)::DATE) AS last, count(*) AS n "
        "FROM documents GROUP BY platform ORDER BY n DESC",
        {"tz": timezone},
    )
    if frame.empty:
        return {"platforms": [], "first": None, "last": None}
    return {
        "platforms": frame["platform"].tolist(),
        "first": pd.Timestamp(frame["first"].min()).date(),
        "last": pd.Timestamp(frame["last"].max()).date(),
    }


def kpis(store: Store, f: Filters, hoax_threshold: float = 0.5) -> dict[str, float | int]:
    """Volume, sentiment counts and net sentiment, hoax-flagged and unscored counts."""
    row = _run(
        store,
        """
        SELECT count(*) AS volume,
               count(*) FILTER (sentiment = 'positive') AS positive,
               count(*) FILTER (sentiment = 'neutral') AS neutral,
               count(*) FILTER (sentiment = 'negative') AS negative,
               count(*) FILTER (sentiment IS NULL) AS unscored,
               count(*) FILTER (hoax_score >= $threshold) AS hoax_flagged
        FROM docs""",
        f,
        threshold=hoax_threshold,
    ).iloc[0]
    out: dict[str, float | int] = {k: int(row[k]) for k in row.index}
    scored = out["positive"] + out["neutral"] + out["negative"]
    out["net_sentiment"] = (out["positive"] - out["negative"]) / scored if scored else 0.0
    return out


def volume_over_time(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """Documents per time bucket and platform."""
    return _run(
        store,
        f"""
        SELECT date_trunc('{_checked(bucket)}', local_time) AS bucket, platform, count(*) AS n
        FROM docs GROUP BY ALL ORDER BY bucket, platform""",
        f,
    )


def sentiment_over_time(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """Per time bucket and sentiment label: count and share of that bucket's scored texts."""
    return _run(
        store,
        f"""
        , counted AS (
            SELECT date_trunc('{_checked(bucket)}', local_time) AS bucket, sentiment AS label,
                   count(*) AS n
            FROM docs WHERE sentiment IS NOT NULL GROUP BY ALL)
        SELECT bucket, label, n, n / sum(n) OVER (PARTITION BY bucket) AS share
        FROM counted ORDER BY bucket, label""",
        f,
    )


def top_hoaxes(store: Store, f: Filters, limit: int = 50) -> pd.DataFrame:
    """The most hoax-like texts with their evidence (nearest debunk, classifier signal)."""
    frame = _run(
        store,
        """
        SELECT id, local_time, platform, author, text, url, hoax_score, hoax_evidence
        FROM docs WHERE hoax_score IS NOT NULL
        ORDER BY hoax_score DESC, id LIMIT $limit""",
        f,
        limit=limit,
    )
    evidence = frame.pop("hoax_evidence").map(lambda raw: json.loads(raw) if raw else {})
    claim = evidence.map(lambda e: e.get("claim") or {})
    frame["p_head"] = evidence.map(lambda e: e.get("p_head"))
    frame["match"] = evidence.map(lambda e: e.get("match"))
    for key in ("title", "fact", "url", "similarity", "published"):
        frame[f"claim_{key}"] = claim.map(lambda c, k=key: c.get(k))
    return frame.astype(object).where(frame.notna(), None)


def _checked(bucket: str) -> str:
    if bucket not in ("day", "week", "month"):
        raise ValueError(f"bucket must be day, week or month, not {bucket!r}")
    return bucket
