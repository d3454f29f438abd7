"""Coordinated bursts in the store: the ``clusters`` and ``cluster_members`` tables.

Finding the bursts is :mod:`analysis.signals.coordination`'s job and deciding what they change
:mod:`analysis.insights.coordination`'s; this module reads the posts they cluster, replaces the
stored clusters as a whole, and finds the hoax scores whose coordination signal is out of date.
"""

from __future__ import annotations

import json

import pandas as pd

from analysis.store.db import Store, registered
from analysis.store.pg import typed
from analysis.vocabulary import Task

CLUSTER_TABLE_COLUMNS = ["cluster_id", "n_posts", "n_accounts", "accounts", "first_at",
                         "last_at", "span_minutes", "coordination", "text", "explanation"]
MEMBER_COLUMNS = ["doc_id", "cluster_id", "coordination"]


def posts_to_cluster(store: Store) -> pd.DataFrame:
    """Every stored post as coordination reads it: ``id``, ``author``, ``text``,
    ``published_at``."""
    return store.query("SELECT id, author, text, published_at FROM documents")


_VALUES = {"duckdb": ", ".join(CLUSTER_TABLE_COLUMNS),
           "postgres": typed(CLUSTER_TABLE_COLUMNS, {
               "n_posts": "BIGINT", "n_accounts": "BIGINT", "accounts": "JSONB",
               "first_at": "TIMESTAMPTZ", "last_at": "TIMESTAMPTZ",
               "span_minutes": "DOUBLE PRECISION", "coordination": "DOUBLE PRECISION"})}
_MEMBERS = {"duckdb": ", ".join(MEMBER_COLUMNS),
            "postgres": typed(MEMBER_COLUMNS, {"coordination": "DOUBLE PRECISION"})}
"""Per dialect: the registered clusters' and members' columns as the tables take them."""
_STALE = {
    "duckdb": """round(coalesce(m.coordination, 0.0), 4) <> round(coalesce(TRY_CAST(
                 json_extract(s.evidence, '$.signals.coordination') AS DOUBLE), 0.0), 4)""",
    "postgres": """round(CAST(coalesce(m.coordination, 0.0) AS NUMERIC), 4) <> round(CAST(
                 coalesce(CASE WHEN jsonb_typeof(s.evidence #> '{signals,coordination}')
                          = 'number' THEN CAST(s.evidence #>> '{signals,coordination}'
                          AS DOUBLE PRECISION) END, 0.0) AS NUMERIC), 4)""",
}
"""Per dialect: the score's coordination signal differs from its post's cluster's."""


def replace_clusters(store: Store, clusters: pd.DataFrame, members: pd.DataFrame) -> None:
    """Make ``clusters`` (:data:`CLUSTER_TABLE_COLUMNS`, ``accounts`` a list of names) and
    ``members`` (:data:`MEMBER_COLUMNS`) the stored ones, in one transaction: a reader sees
    the old clusters or the new ones, never a mix."""
    clusters = clusters.copy()
    clusters["accounts"] = clusters["accounts"].map(lambda a: json.dumps(list(a),
                                                                         ensure_ascii=False))
    with store.transaction() as con:
        con.execute("DELETE FROM cluster_members")
        con.execute("DELETE FROM clusters")
        if len(clusters):
            with registered(con, "new_clusters", clusters[CLUSTER_TABLE_COLUMNS]):
                con.execute(f"INSERT INTO clusters SELECT {_VALUES[store.dialect]} "
                            "FROM new_clusters")
            with registered(con, "new_members", members[MEMBER_COLUMNS]):
                con.execute(f"INSERT INTO cluster_members SELECT {_MEMBERS[store.dialect]} "
                            "FROM new_members")


def stale_coordination(store: Store) -> pd.DataFrame:
    """The hoax scores whose coordination signal (in their evidence, to four decimals) differs
    from their post's stored cluster now (0 outside any cluster): ``doc_id``, ``model_id``,
    ``model_version``, ``evidence`` (JSON text) and the current ``coordination``."""
    return store.query(
        """SELECT s.doc_id, s.model_id, s.model_version, s.evidence,
                  coalesce(m.coordination, 0.0) AS coordination
           FROM scores s LEFT JOIN cluster_members m ON m.doc_id = s.doc_id
           WHERE s.task = ? AND s.evidence IS NOT NULL
             AND """ + _STALE[store.dialect],
        [Task.HOAX])


def cluster_timeline(store: Store, cluster_id: str) -> pd.DataFrame:
    """One stored cluster's posts in time order: id, published_at, author, text, url,
    platform."""
    return store.query(
        """SELECT d.id, d.published_at, d.author, d.text, d.url, d.platform
           FROM cluster_members m JOIN documents d ON d.id = m.doc_id
           WHERE m.cluster_id = ? ORDER BY d.published_at, d.id""",
        [cluster_id],
    )
