"""The dashboard's whole-period counts on PostgreSQL, read from the rollups its triggers keep
(``documents_hourly``, ``document_sources``: :data:`analysis.store.pg_revisions.ROLLUPS`).

A year of a million texts is a million rows to scan and sort for a chart of 53 weeks; the
rollup holds a count per UTC hour, platform, kind and sentiment label, so the chart sums a few
hundred thousand small rows at most. It answers exactly what the ``docs`` view would whenever
the filters ask nothing the rollup lacks (:func:`usable`): no keyword, no source, a time zone
whose offset is a whole number of hours and never changes (Indonesia's: local hours, days,
weeks and months are then whole UTC hours, and the period's bounds fall on them), and for the
sentiment chart the least confidence 0. Otherwise the callers read the documents as before;
DuckDB always does (it scans a million rows in tens of milliseconds).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from analysis.store.db import Store
from analysis.store.filters import Filters, _params, fixed_offset, query_terms

HOURLY = """hourly AS (
    SELECT (hour AT TIME ZONE 'UTC') + CAST($offset_us AS BIGINT) * INTERVAL '1 microsecond'
               AS local_time, platform,
           CASE WHEN labelled THEN sentiment_label END AS sentiment, n
    FROM documents_hourly
    WHERE (CAST($start_at AS TIMESTAMPTZ) IS NULL OR hour >= CAST($start_at AS TIMESTAMPTZ))
      AND (CAST($end_at AS TIMESTAMPTZ) IS NULL OR hour < CAST($end_at AS TIMESTAMPTZ))
      AND (cardinality(CAST($platforms AS TEXT[])) = 0
           OR platform = ANY(CAST($platforms AS TEXT[])))
      AND (cardinality(CAST($kinds AS TEXT[])) = 0 OR kind = ANY(CAST($kinds AS TEXT[])))
      AND (cardinality(CAST($sentiments AS TEXT[])) = 0
           OR sentiment_label = ANY(CAST($sentiments AS TEXT[]))))
"""
"""The rollup's rows inside the filters, in the ``docs`` view's terms (local time of the
hour, platform, the sentiment label as counted at confidence 0, texts): a CTE."""


def usable(store: Store, f: Filters, sentiment: bool = False) -> bool:
    """Whether the rollup answers ``f`` exactly (module doc); ``sentiment``: for a count of
    sentiment labels."""
    offset = fixed_offset(f.timezone)
    include, exclude = query_terms(f.query)
    return (store.dialect == "postgres" and offset is not None
            and offset % timedelta(hours=1) == timedelta(0) and not include and not exclude
            and not f.sources and (not sentiment or f.min_confidence == 0))


def volume(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """:func:`analysis.store.trends.volume_over_time` from the rollup (``bucket`` checked)."""
    return store.query("WITH " + HOURLY + f"""
        SELECT date_trunc('{bucket}', local_time) AS bucket, platform,
               CAST(sum(n) AS BIGINT) AS n
        FROM hourly GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY bucket, platform""", _params(f))


def sentiment(store: Store, f: Filters, bucket: str) -> pd.DataFrame:
    """:func:`analysis.store.trends.sentiment_over_time` from the rollup (``bucket``
    checked)."""
    return store.query("WITH " + HOURLY + f"""
        , counted AS (
            SELECT date_trunc('{bucket}', local_time) AS bucket, sentiment AS label,
                   CAST(sum(n) AS BIGINT) AS n
            FROM hourly WHERE sentiment IS NOT NULL GROUP BY 1, 2 HAVING sum(n) > 0)
        SELECT bucket, label, n, n / sum(n) OVER (PARTITION BY bucket) AS share
        FROM counted ORDER BY bucket, label""", _params(f))


def filter_counts(store: Store, sources: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`analysis.store.trends.filter_options` reads, from the rollups: texts per
    platform and kind (most first) with the first and last publication time of all (the
    index on ``published_at`` finds them), and the ``sources`` biggest sources."""
    frame = store.query(
        "SELECT platform, kind, (SELECT min(published_at) FROM documents) AS first, "
        "(SELECT max(published_at) FROM documents) AS last, CAST(sum(n) AS BIGINT) AS n "
        "FROM documents_hourly GROUP BY platform, kind HAVING sum(n) > 0 ORDER BY n DESC")
    top = store.query("SELECT source FROM document_sources WHERE n > 0 "
                      "ORDER BY n DESC, source LIMIT $n", {"n": sources})
    return frame, top
