"""PostgreSQL revision 3 (pg_revisions.SEARCH_INDEXES): the keyword search and the least certain
texts are read through their indexes, and find exactly the texts a scan of every text finds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from analysis.store import PgStore, trends
from analysis.store.documents import insert_batch
from analysis.store.filters import Filters
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents, sentiment_scores

WORDS = ["Polri tilang", "POLRI di jalan", "covid-19 vaksin", "kabar ÉLAN", "élan polisi",
         "di-tilang", "polrinya", "a.b.c tilang", "banjir"]
SEARCHES = ["polri", "polri tilang", "covid-19", "élan", "di", "a.b.c", "tilang -polri",
            "zzz", "polri -di"]


def _plan(store: PgStore, call: Any, monkeypatch: pytest.MonkeyPatch, *off: str) -> str:
    """The plan PostgreSQL chooses for the query ``call`` runs, with sequential scans and
    the plans ``off`` discouraged (a test store is small enough to scan whatever the
    indexes)."""
    plans: list[pd.DataFrame] = []
    query = store.query
    with store.session():
        for plan in ("seqscan", *off):
            store.query(f"SET enable_{plan} = off")
        with monkeypatch.context() as patch:
            patch.setattr(store, "query", lambda sql, params=None: plans.append(
                query("EXPLAIN " + sql, params)) or pd.DataFrame())
            call()
        store.query("RESET ALL")
    return "\n".join(plans[0].iloc[:, 0])


def _texts(store: PgStore, scan: bool, **kwargs: Any) -> pd.DataFrame:
    with store.session():
        store.query(f"SET enable_seqscan = {'on' if scan else 'off'}")
        store.query(f"SET enable_indexscan = {'off' if scan else 'on'}")
        store.query(f"SET enable_bitmapscan = {'off' if scan else 'on'}")
        try:
            return trends.texts(store, Filters(), **kwargs)
        finally:
            store.query("RESET ALL")


def test_search_and_least_certain_use_their_indexes_and_find_what_a_scan_finds(
        pg_store: PgStore, monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime(2025, 7, 1, 8)
    rows = [{"id": f"d{i:03d}", "text": f"{WORDS[i % len(WORDS)]} {i}",
             "published_at": start + timedelta(minutes=37 * i)} for i in range(400)]
    insert_batch(pg_store, "u1", documents(rows), [])
    labels = {f"d{i:03d}": ("positive", "neutral", "negative")[i % 3] for i in range(0, 400, 2)}
    scores = sentiment_scores(labels)
    scores["score"] = [0.4 + (i * 7 % 13) / 25 for i in range(len(scores))]
    insert_scores(pg_store, scores)
    pg_store.query("ANALYZE documents")
    search = _plan(pg_store, lambda: trends.texts(pg_store, Filters(), search="polri tilang",
                                                  limit=500), monkeypatch, "indexscan")
    assert "documents_text_trgm" in search
    uncertain = _plan(pg_store, lambda: trends.texts(pg_store, Filters(), order="uncertain",
                                                     limit=50), monkeypatch, "sort")
    assert "documents_uncertain" in uncertain and "Sort Key: d.sentiment_conf" not in uncertain
    for words in SEARCHES:
        found = _texts(pg_store, False, search=words, limit=500)
        pd.testing.assert_frame_equal(found, _texts(pg_store, True, search=words, limit=500))
        include = [w for w in words.split() if not w.startswith("-")]
        exclude = [w[1:] for w in words.split() if w.startswith("-")]
        want = sorted(r["id"] for r in rows
                      if all(w in r["text"].lower() for w in include)
                      and not any(w in r["text"].lower() for w in exclude))
        if words.isascii():  # the test server's C locale folds only ASCII letters' case
            assert sorted(found["id"]) == want, words
    for limit in (5, 50, 400):
        least = _texts(pg_store, False, order="uncertain", limit=limit)
        pd.testing.assert_frame_equal(least, _texts(pg_store, True, order="uncertain",
                                                    limit=limit))
    assert least["sentiment_score"].isna().sum() == 200  # unscored texts last
