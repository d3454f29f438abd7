"""Stored coordination clusters: replaced as a whole, read back in time order."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from analysis.store import Store
from analysis.store.clusters import (
    cluster_timeline,
    posts_to_cluster,
    replace_clusters,
    stale_coordination,
)
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents

START = datetime(2025, 7, 8, 3, 0)


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here on DuckDB and on PostgreSQL."""
    return any_store


def _posts(store: Store) -> None:
    insert_documents(store, "u1", documents([
        {"id": f"p{i}", "author": f"akun{i}", "text": "Sebarkan sebelum dihapus",
         "published_at": START.replace(minute=10 - i)} for i in range(3)]))


def _cluster(cluster_id: str, members: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    clusters = pd.DataFrame([{
        "cluster_id": cluster_id, "n_posts": len(members), "n_accounts": len(members),
        "accounts": ("akun0", "akun1"), "first_at": pd.Timestamp(START, tz="UTC"),
        "last_at": pd.Timestamp(START, tz="UTC"), "span_minutes": 10.0, "coordination": 0.8,
        "text": "Sebarkan", "explanation": "3 akun dalam 10 menit"}])
    member_rows = pd.DataFrame({"doc_id": members, "cluster_id": cluster_id,
                                "coordination": 0.8})
    return clusters, member_rows


def test_clusters_are_replaced_as_a_whole_and_read_in_time_order(store: Store) -> None:
    _posts(store)
    assert sorted(posts_to_cluster(store)["id"]) == ["p0", "p1", "p2"]
    replace_clusters(store, *_cluster("k1", ["p0", "p1", "p2"]))
    assert cluster_timeline(store, "k1")["id"].tolist() == ["p2", "p1", "p0"]
    assert json.loads(store.scalar("SELECT accounts FROM clusters")) == ["akun0", "akun1"]
    replace_clusters(store, *_cluster("k2", ["p0"]))
    assert store.query("SELECT cluster_id FROM clusters")["cluster_id"].tolist() == ["k2"]
    assert cluster_timeline(store, "k1").empty
    clusters, members = _cluster("k3", [])
    replace_clusters(store, clusters.iloc[:0], members)  # no burst found this time
    assert store.scalar("SELECT count(*) FROM clusters") == 0
    assert store.scalar("SELECT count(*) FROM cluster_members") == 0


def test_hoax_scores_with_an_old_coordination_signal_are_found(store: Store) -> None:
    _posts(store)
    insert_scores(store, pd.DataFrame([{
        "doc_id": doc, "task": "hoax", "model_id": "m", "model_version": "v", "label": "hoax",
        "score": 0.6, "p_negative": None, "p_neutral": None, "p_positive": None,
        "evidence": json.dumps({"signals": {"coordination": 0.8 if doc == "p0" else 0.0}})}
        for doc in ("p0", "p1", "p2")]))
    assert stale_coordination(store)["doc_id"].tolist() == ["p0"]  # in no cluster now
    replace_clusters(store, *_cluster("k1", ["p0", "p1"]))
    stale = stale_coordination(store)
    assert stale["doc_id"].tolist() == ["p1"]
    assert stale["coordination"].tolist() == [0.8]
