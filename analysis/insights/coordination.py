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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.models.combiner import Combiner
from analysis.models.hoax import HOAX_LABEL, rescore
from analysis.signals.coordination import find_clusters
from analysis.store import Store
from analysis.store.clusters import posts_to_cluster, replace_clusters, stale_coordination
from analysis.store.scores import update_scores
from analysis.vocabulary import Task


@dataclass
class CoordinationReport:
    clusters: int
    members: int
    rescored: int


def refresh_coordination(store: Store, combiner: Combiner, threshold: float,
                         min_accounts: int = 3, window_minutes: int = 60,
                         official: Sequence[str] = ()) -> CoordinationReport:
    """Recluster the store and rescore the hoax scores whose coordination changed;
    ``official`` names official accounts beyond those their handles make known (their bursts
    add nothing to the hoax score: :mod:`analysis.signals.official`)."""
    found = find_clusters(posts_to_cluster(store), min_accounts=min_accounts,
                          window_minutes=window_minutes, official=official)
    members = found.membership.rename(columns={"id": "doc_id"})
    replace_clusters(store, found.clusters, members)
    return CoordinationReport(len(found.clusters), len(members),
                              _rescore(store, combiner, threshold))


def _rescore(store: Store, combiner: Combiner, threshold: float) -> int:
    """Recompute the hoax score of every post whose coordination signal is out of date, from
    the signals in its evidence; return how many were rescored."""
    rows = stale_coordination(store)
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
    update_scores(store, Task.HOAX, update)
    return len(update)
