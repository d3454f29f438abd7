"""Spikes that explain themselves: buckets far above their recent baseline, and why.

Method (robust z-score against a rolling baseline). For every bucket (hour, day or week, in
the viewer's time zone) DuckDB counts the texts (``volume``) and the share of scored texts
labelled negative (``negative``). The bucket's *baseline* is the median of the same metric over
the ``window`` buckets just before it (empty buckets count as 0 texts; buckets with no scored
text have no negative share and are skipped), and its spread is the median absolute deviation
(MAD) of those buckets. Hours follow the clock (nights are quiet), so an hour is compared with
the same hour of the ``window`` days before it, not with the hours just before it. The robust
z-score is ``(observed - median) / scale`` with

* volume: ``scale = max(1.4826 × MAD, √max(median, 1))``. 1.4826 × MAD estimates the standard
  deviation of normal data; the Poisson floor √median keeps a flat, quiet series (MAD 0) from
  turning every small wobble into an infinite z.
* negative share: ``scale = max(1.4826 × MAD, √(p(1 - p) / scored))`` with ``p`` the baseline
  median clipped to [0.05, 0.95] and ``scored`` the bucket's scored texts: the binomial
  standard error, so a 2-of-3 negative day is judged by how little 3 texts can show.

A bucket is a spike when ``z ≥ sensitivity`` (default 3.5, Iglewicz and Hoaglin's cut-off for
modified z-scores; lower finds more), its count is at least ``min_count`` (texts for volume,
negative texts for negative: 3 posts on a quiet day are not a spike), and at least
``max(3, window // 3)`` buckets of history precede it. Median and MAD ignore the odd earlier
spike in the window, which a mean and standard deviation would not. The baseline reaches back
before the start of the chosen period, so its first day can be a spike too, but never before
the first text of the data (the start of a series is not a jump from zero).

:func:`spike_scope` names a bucket and its baseline window, and the functions after it give
their texts and accounts; :func:`analysis.insights.spikes.explain_spike` reads those to say
what happened (distinctive terms against the baseline; for a negative spike, the bucket's
negative texts against the baseline's negative texts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from analysis.store.db import Store
from analysis.store.filters import Filters, filtered_query
from analysis.vocabulary import Sentiment

STEPS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(days=7)}
BASELINE_STEPS = {"hour": timedelta(days=1), "day": timedelta(days=1), "week": timedelta(days=7)}
"""How far apart the buckets of a baseline are: an hour's baseline is the same hour on the days
before it."""
DEFAULT_WINDOW = {"hour": 7, "day": 14, "week": 8}
"""Baseline length in buckets: a week of the same hour, two weeks of days, two months of weeks."""
METRICS = ("volume", "negative")
MIN_COUNT = 10
_BUCKET_TEXTS = 5_000
_BASELINE_TEXTS = 20_000
SPIKE_COLUMNS = ["bucket", "metric", "observed", "baseline", "z", "count", "texts"]


def spike_bucket(span_days: int) -> str:
    """Hours for up to three days, days up to half a year, weeks beyond."""
    if span_days <= 3:
        return "hour"
    return "day" if span_days <= 183 else "week"


def _checked(bucket: str, window: int | None) -> int:
    if bucket not in STEPS:
        raise ValueError(f"bucket must be hour, day or week, not {bucket!r}")
    window = DEFAULT_WINDOW[bucket] if window is None else int(window)
    if not 3 <= window <= 400:
        raise ValueError(f"window must be between 3 and 400 buckets, not {window}")
    return window


def _widened(f: Filters, since: datetime | None, until: date | None) -> Filters:
    """The filters with the period moved to cover a baseline before ``since``."""
    return replace(f, start=since.date() if since else None, end=until)


def spike_series(store: Store, f: Filters, bucket: str = "day",
                 window: int | None = None, entity: str | None = None) -> pd.DataFrame:
    """Every bucket of the period with its metrics and rolling baseline.

    Columns: ``bucket`` (local start), ``n`` (texts), ``negative``, ``scored``,
    ``negative_share``, ``history`` (buckets in the baseline), ``volume_baseline``,
    ``volume_z``, ``negative_baseline``, ``negative_z``. Buckets without texts are included
    (n = 0) from the first text of the data on. ``entity`` keeps the texts a watched entity
    matches (as tagged in ``entity_hits``: the caller tags first).
    """
    window = _checked(bucket, window)
    step = STEPS[bucket]
    since = None
    if f.start is not None:
        since = datetime.combine(f.start, datetime.min.time()) - window * BASELINE_STEPS[bucket]
    same_hour = "PARTITION BY hour(bucket)" if bucket == "hour" else ""
    about = ("WHERE id IN (SELECT doc_id FROM entity_hits WHERE entity = $entity)"
             if entity is not None else "")
    extra: dict[str, Any] = {"entity": entity} if entity is not None else {}
    frame = filtered_query(store, f"""
        , bucketed AS (
            SELECT date_trunc(CAST($bucket AS TEXT), local_time) AS bucket, count(*) AS n,
                   count(*) FILTER (WHERE sentiment = '{Sentiment.NEGATIVE}') AS negative,
                   count(sentiment) AS scored
            FROM docs {about} GROUP BY 1),
        series AS ({_SERIES[store.dialect]}),
        filled AS (
            SELECT s.bucket, coalesce(b.n, 0) AS n, coalesce(b.negative, 0) AS negative,
                   coalesce(b.scored, 0) AS scored,
                   CASE WHEN b.scored > 0 THEN {_SHARE[store.dialect]} END AS negative_share
            FROM series s LEFT JOIN bucketed b USING (bucket))
        {_WINDOWED[store.dialect].format(same_hour=same_hour, window=window)}
        ORDER BY bucket""", _widened(f, since, f.end), bucket=bucket,
        step=f"{int(step.total_seconds())} seconds", **extra)
    frame = _ROLLED[store.dialect](frame, window, bucket == "hour")
    if f.start is not None:
        frame = frame[frame["bucket"] >= pd.Timestamp(f.start)].reset_index(drop=True)
    return _scored(frame)


_SERIES = {
    "duckdb": "SELECT unnest(generate_series(min(bucket), max(bucket), "
              "CAST($step AS INTERVAL))) AS bucket FROM bucketed",
    "postgres": "SELECT g AS bucket FROM (SELECT min(bucket) AS lo, max(bucket) AS hi "
                "FROM bucketed) m, generate_series(m.lo, m.hi, CAST($step AS INTERVAL)) g",
}
"""Per dialect: every bucket from the first to the last (empty ones included)."""
_SHARE = {"duckdb": "b.negative / b.scored",
          "postgres": "CAST(b.negative AS DOUBLE PRECISION) / b.scored"}
"""Per dialect: the negative share (PostgreSQL divides integers as integers)."""
_WINDOWED = {
    "duckdb": """SELECT *, count(*) OVER w AS history,
               median(n) OVER w AS volume_median, mad(n) OVER w AS volume_mad,
               count(negative_share) OVER w AS negative_history,
               median(negative_share) OVER w AS negative_median,
               mad(negative_share) OVER w AS negative_mad
        FROM filled
        WINDOW w AS ({same_hour} ORDER BY bucket
                     ROWS BETWEEN {window} PRECEDING AND 1 PRECEDING)""",
    "postgres": "SELECT * FROM filled",
}
"""Per dialect: the buckets with their rolling baselines, or (PostgreSQL, which has no median
over a window) the buckets alone, for :func:`_rolling`."""


def _rolling(frame: pd.DataFrame, window: int, same_hour: bool) -> pd.DataFrame:
    """The rolling baselines DuckDB's window computes, in pandas: over the ``window`` buckets
    before each (the same hour of earlier days for hours), the count, median and median
    absolute deviation of ``n`` and of ``negative_share`` (missing shares skipped)."""
    frame = frame.copy()
    frame["negative_share"] = pd.to_numeric(frame["negative_share"], errors="coerce")
    keys = pd.to_datetime(frame["bucket"]).dt.hour if same_hour else pd.Series(0, frame.index)

    def mad(values: np.ndarray) -> float:
        values = values[~np.isnan(values)]
        return float(np.median(np.abs(values - np.median(values)))) if len(values) else np.nan

    for column, prefix, count in (("n", "volume", "history"),
                                  ("negative_share", "negative", "negative_history")):
        before = frame[column].astype(float).groupby(keys).shift(1)
        rolled = before.groupby(keys).rolling(window, min_periods=1)
        frame[count] = rolled.count().reset_index(level=0, drop=True).fillna(0).astype(int)
        frame[f"{prefix}_median"] = rolled.median().reset_index(level=0, drop=True)
        frame[f"{prefix}_mad"] = rolled.apply(mad, raw=True).reset_index(level=0, drop=True)
    return frame


_ROLLED = {"duckdb": lambda frame, _window, _same_hour: frame, "postgres": _rolling}
"""Per dialect: what completes the rolling baselines after the query."""


def _scored(frame: pd.DataFrame) -> pd.DataFrame:
    """Robust z-scores from the rolling medians and MADs (see the module docstring)."""
    frame = frame.copy()
    for column in ("volume_median", "volume_mad", "negative_median", "negative_mad",
                   "negative_share"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    volume_scale = (1.4826 * frame["volume_mad"]).combine(
        frame["volume_median"].clip(lower=1.0).map(math.sqrt), max)
    frame["volume_baseline"] = frame["volume_median"]
    frame["volume_z"] = (frame["n"] - frame["volume_median"]) / volume_scale
    p = frame["negative_median"].clip(0.05, 0.95)
    binomial = (p * (1 - p) / frame["scored"].where(frame["scored"] > 0)).pow(0.5)
    negative_scale = (1.4826 * frame["negative_mad"]).combine(binomial, max)
    frame["negative_baseline"] = frame["negative_median"]
    frame["negative_z"] = (frame["negative_share"] - frame["negative_median"]) / negative_scale
    return frame[["bucket", "n", "negative", "scored", "negative_share", "history",
                  "negative_history", "volume_baseline", "volume_z", "negative_baseline",
                  "negative_z"]]


def detect_spikes(store: Store, f: Filters, bucket: str = "day", sensitivity: float = 3.5,
                  window: int | None = None, min_count: int = MIN_COUNT,
                  entity: str | None = None) -> pd.DataFrame:
    """Buckets of the period whose volume or negative share is far above its baseline.

    One row per spike, in time order: ``bucket`` (local start), ``metric`` (``volume`` or
    ``negative``), ``observed`` (texts, or negative share 0–1), ``baseline`` (rolling median
    of the same), ``z`` (robust z-score), ``count`` (texts, or negative texts) and ``texts``
    (all texts of the bucket). ``window`` defaults to :data:`DEFAULT_WINDOW` for the bucket;
    ``entity`` looks only at a watched entity's texts (see :func:`spike_series`).
    """
    window = _checked(bucket, window)
    series = spike_series(store, f, bucket, window, entity)
    least_history = max(3, window // 3)
    parts = []
    for metric, observed, count, history in (
            ("volume", "n", "n", "history"),
            ("negative", "negative_share", "negative", "negative_history")):
        hit = series[(series[history] >= least_history) & (series[count] >= min_count)
                     & (series[f"{metric}_z"] >= sensitivity)]
        parts.append(pd.DataFrame({
            "bucket": hit["bucket"], "metric": metric, "observed": hit[observed].astype(float),
            "baseline": hit[f"{metric}_baseline"], "z": hit[f"{metric}_z"],
            "count": hit[count].astype(int), "texts": hit["n"].astype(int)}))
    spikes = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if spikes.empty:
        return pd.DataFrame(columns=SPIKE_COLUMNS)
    return spikes.sort_values(["bucket", "metric"], ignore_index=True)[SPIKE_COLUMNS]


@dataclass(frozen=True)
class SpikeScope:
    """A bucket and its baseline: the bucket ``[start, end)``, the baseline ``[since, start)``
    (local times), the filters widened to cover both, and whether only negative texts count."""

    start: datetime
    end: datetime
    since: datetime
    filters: Filters
    negative: bool

    def bucket(self) -> dict[str, Any]:
        return {"lo": self.start, "hi": self.end, "negative_only": self.negative}

    def baseline(self) -> dict[str, Any]:
        return {"lo": self.since, "hi": self.start, "negative_only": self.negative}


def spike_scope(f: Filters, bucket_start: Any, bucket: str = "day", metric: str = "volume",
                window: int | None = None) -> SpikeScope:
    """The bucket starting at ``bucket_start`` and its baseline window (checked arguments)."""
    if metric not in METRICS:
        raise ValueError(f"metric must be volume or negative, not {metric!r}")
    window = _checked(bucket, window)
    start = pd.Timestamp(bucket_start).tz_localize(None).to_pydatetime()
    end, since = start + STEPS[bucket], start - window * BASELINE_STEPS[bucket]
    wide = _widened(f, since, (end - timedelta(microseconds=1)).date())
    return SpikeScope(start, end, since, wide, metric == "negative")


def bucket_texts(store: Store, scope: SpikeScope) -> pd.DataFrame:
    """The bucket's texts in scope (a fixed, hash-ordered sample of 5,000 when there are more):
    ``id``, ``text``, ``author``, ``platform``, ``local_time``, ``url``, ``engagement``."""
    return _texts(store, scope.filters, _BUCKET_TEXTS, scope.bucket())


def baseline_texts(store: Store, scope: SpikeScope) -> pd.DataFrame:
    """The baseline window's texts in scope (a fixed sample of 20,000 when there are more)."""
    return _texts(store, scope.filters, _BASELINE_TEXTS, scope.baseline())


def bucket_count(store: Store, scope: SpikeScope) -> int:
    """How many texts the bucket holds in scope (all of them, not the sample)."""
    return _count(store, scope.filters, scope.bucket())


def bucket_accounts(store: Store, scope: SpikeScope, limit: int) -> pd.DataFrame:
    """The accounts that posted most in the bucket: ``author``, ``platform``, ``source``,
    ``n``, ``engagement`` (likes + shares + replies)."""
    return _accounts(store, scope.filters, scope.bucket(), limit)


_IN_SCOPE = ("local_time >= $lo AND local_time < $hi "
             f"AND (NOT CAST($negative_only AS BOOLEAN) OR sentiment = '{Sentiment.NEGATIVE}')")


def _texts(store: Store, f: Filters, limit: int, params: dict[str, Any]) -> pd.DataFrame:
    """Texts of a time range in scope (a fixed, hash-ordered sample when there are many)."""
    return filtered_query(store, f"""
        SELECT id, text, author, platform, local_time, url,
               coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0) AS engagement
        FROM docs WHERE {_IN_SCOPE}
        ORDER BY md5(id) LIMIT {int(limit)}""", f, **params)


def _count(store: Store, f: Filters, params: dict[str, Any]) -> int:
    frame = filtered_query(store, f"""
        SELECT count(*) AS n FROM docs WHERE {_IN_SCOPE}""", f, **params)
    return int(frame["n"].iloc[0])


def _accounts(store: Store, f: Filters, params: dict[str, Any], limit: int) -> pd.DataFrame:
    return filtered_query(store, f"""
        SELECT author, platform, source, count(*) AS n,
               sum(coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0))
                   AS engagement
        FROM docs WHERE {_IN_SCOPE}
        GROUP BY 1, 2, 3 ORDER BY n DESC, engagement DESC, author LIMIT $limit""",
        f, **params, limit=limit)
