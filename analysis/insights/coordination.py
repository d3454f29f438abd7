"""Coordination over the whole store: find the bursts, keep them, and rescore their members.

Coordination is a property of many posts together, so it cannot be scored text by text like
the other hoax signals. After each scoring run :func:`refresh_coordination` clusters every
stored post (:func:`analysis.signals.coordination.find_clusters` with ``PANTAU_COORD_ACCOUNTS``
accounts within ``PANTAU_COORD_MINUTES``), replaces the ``clusters`` and ``cluster_members``
tables in one transaction, and updates the hoax score of every post whose coordination signal
changed — from the signals kept in its evidence, without running a model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.models.combiner import Combiner
from analysis.models.hoax import HOAX_LABEL, rescore
from analysis.signals.coordination import find_clusters
from analysis.store import Store
from analysis.store.scores import sync_current

CLUSTER_TABLE_COLUMNS = ["cluster_id", "n_posts", "n_accounts", "accounts", "first_at",
                         "last_at", "span_minutes", "coordination", "text", "explanation"]


@dataclass
class CoordinationReport:
    clusters: int
    members: int
    rescored: int


def refresh_coordination(store: Store, combiner: Combiner, threshold: float,
                         min_accounts: int = 3, window_minutes: int = 60) -> CoordinationReport:
    """Recluster the store and rescore the hoax scores whose coordination changed."""
    posts = store.query("SELECT id, author, text, published_at FROM documents")
    found = find_clusters(posts, min_accounts=min_accounts, window_minutes=window_minutes)
    clusters = found.clusters.copy()
    clusters["accounts"] = clusters["accounts"].map(lambda a: json.dumps(list(a),
                                                                         ensure_ascii=False))
    members = found.membership.rename(columns={"id": "doc_id"})[
        ["doc_id", "cluster_id", "coordination"]]
    with store.connect() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM cluster_members")
            con.execute("DELETE FROM clusters")
            if len(clusters):
                con.register("new_clusters", clusters[CLUSTER_TABLE_COLUMNS])
                con.execute(f"INSERT INTO clusters SELECT {', '.join(CLUSTER_TABLE_COLUMNS)} "
                            "FROM new_clusters")
                con.register("new_members", members)
                con.execute("INSERT INTO cluster_members SELECT doc_id, cluster_id, "
                            "coordination FROM new_members")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return CoordinationReport(len(clusters), len(members),
                              _rescore(store, combiner, threshold))


def _rescore(store: Store, combiner: Combiner, threshold: float) -> int:
    rows = store.query(
        """SELECT s.doc_id, s.model_id, s.model_version, s.evidence,
                  coalesce(m.coordination, 0.0) AS coordination
           FROM scores s LEFT JOIN cluster_members m ON m.doc_id = s.doc_id
           WHERE s.task = 'hoax' AND s.evidence IS NOT NULL
             AND round(coalesce(m.coordination, 0.0), 4) <> round(coalesce(TRY_CAST(
                 json_extract(s.evidence, '$.signals.coordination') AS DOUBLE), 0.0), 4)""")
    if rows.empty:
        return 0
    scores, evidence = [], []
    for raw, coordination in zip(rows["evidence"], rows["coordination"], strict=True):
        record = json.loads(raw)
        if "signals" not in record:  # scored by an older rule: left to a rescoring run
            scores.append(np.nan)
            evidence.append(raw)
            continue
        score, updated = rescore(record, combiner, float(coordination))
        scores.append(score)
        evidence.append(json.dumps(updated, ensure_ascii=False))
    update = rows[["doc_id", "model_id", "model_version"]].assign(score=scores, evidence=evidence)
    update = update[update["score"].notna()]
    update["label"] = np.where(update["score"] >= threshold, HOAX_LABEL, "not_hoax")
    with store.connect() as con:
        con.register("updated_scores", update)
        con.execute(
            """UPDATE scores SET score = u.score, label = u.label, evidence = u.evidence
               FROM updated_scores u
               WHERE scores.doc_id = u.doc_id AND scores.task = 'hoax'
                 AND scores.model_id = u.model_id AND scores.model_version = u.model_version""")
        sync_current(con, "hoax", "SELECT doc_id FROM updated_scores")
    return len(update)


def cluster_timeline(store: Store, cluster_id: str) -> pd.DataFrame:
    """One stored cluster's posts in time order: id, published_at, author, text, url."""
    return store.query(
        """SELECT d.id, d.published_at, d.author, d.text, d.url, d.platform
           FROM cluster_members m JOIN documents d ON d.id = m.doc_id
           WHERE m.cluster_id = ? ORDER BY d.published_at, d.id""",
        [cluster_id],
    )
