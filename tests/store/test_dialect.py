"""The guard against SQL that only DuckDB runs, in code both stores run.

There is no translation layer: :class:`analysis.store.pg.PgConnection` only turns DuckDB's
``?`` and ``$name`` parameters into psycopg's, and each concept module of ``analysis.store``
keeps a PostgreSQL statement beside its DuckDB one where the dialects differ (the dicts keyed
by ``store.dialect``). Every other statement is shared, and a DuckDB-only construct slipped
into one (``list_contains``, ``QUALIFY``, ``INSERT OR REPLACE``, ``EXCLUDE``, a parameter
only tested with ``IS NULL``, ...) fails only on PostgreSQL, at run time.

So every public function of the shared modules that takes a store is run here on a real
PostgreSQL server, with arguments that reach its branches (the dashboard filters both empty
and all set, in a time zone with a fixed offset and in one without, every chart bucket), on a
database seeded with a little of everything. :func:`test_every_store_function_is_run_here`
fails when a store function is added without a call below, so new SQL is run on PostgreSQL
before it ships. The answers themselves are compared with DuckDB's by the ``any_store`` tests
(tests/store/test_backends.py and the rest); here only that PostgreSQL runs the SQL.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from analysis.store import PgStore, Store
from analysis.store import alerts as al
from analysis.store import audit as au
from analysis.store import claims as cl
from analysis.store import clusters as cu
from analysis.store import corrections as co
from analysis.store import documents as do
from analysis.store import embeddings as em
from analysis.store import exports as ex
from analysis.store import filters as fi
from analysis.store import presets as pr
from analysis.store import reviews as re_
from analysis.store import rollups as ro
from analysis.store import scores as sc
from analysis.store import sources as so
from analysis.store import spikes as sp
from analysis.store import transfer as tr
from analysis.store import trends as te
from analysis.store import watchlist as wl
from analysis.store.filters import Filters
from analysis.text.boolquery import parse
from analysis.vocabulary import CLAIM_COLUMNS, Status, Target
from tests.pg_server import PgServer, fresh_database
from tests.store_fixtures import documents, hoax_scores, planted, sentiment_scores, small_store

SHARED = ("alerts", "audit", "claims", "clusters", "corrections", "current", "documents",
          "embeddings", "exports", "filters", "presets", "reviews", "rollups", "scores",
          "sources", "spikes", "transfer", "trends", "watchlist")
"""The modules of ``analysis.store`` that both backends run: all but ``db`` and ``schema``
(DuckDB's connection and tables) and ``pg``, ``pg_schema`` and ``pg_revisions``
(PostgreSQL's)."""
OWN = {"db", "schema", "pg", "pg_schema", "pg_revisions"}

NOW = datetime(2025, 7, 10, 5, 0, tzinfo=UTC)
FILTERS = (
    Filters(),
    Filters(start=date(2025, 7, 1), end=date(2025, 7, 31), platforms=("twitter", "youtube"),
            timezone="Asia/Makassar", min_confidence=0.5, kinds=("post",),
            sources=("warta",), sentiments=("negative", "positive"), query="polisi -lambat"),
    Filters(start=date(2025, 7, 8), end=date(2025, 7, 9), timezone="Europe/Berlin",
            query="vaksin chip"),  # no fixed offset: the zone converted per row
)
"""No filter; every filter set (a fixed offset); a zone whose offset changes over the year."""
BUCKETS = ("hour", "day", "week", "month")
KAPOLDA = ("Kapolda", parse('kapolda OR "polisi sigap"'))
CLAIM = "c1"


def _seed(store: Store) -> None:
    """A little of everything the store holds, so that every read has rows to go through."""
    small_store(store)
    do.insert_documents(store, "u2", documents([
        {"id": f"k{i}", "text": f"Kapolda meninjau pos {i}", "author": f"akun{i % 3}",
         "source": "warta", "likes": i, "shares": 1, "replies": 2,
         "published_at": datetime(2025, 7, 1 + i % 9, 2 + i, 0)} for i in range(20)]))
    sc.insert_scores(store, sentiment_scores({f"k{i}": ("negative", "positive")[i % 2]
                                              for i in range(20)}))
    evidence = json.dumps({"p_head": 0.9, "claims": [
        {"id": CLAIM, "verdict": "cocok", "status": "salah", "relation": "repeats"}]})
    hoax = hoax_scores({"k1": 0.9, "k2": 0.8})
    hoax["evidence"] = evidence
    sc.insert_scores(store, hoax)
    cl.upsert_claims(store, pd.DataFrame([{
        "id": CLAIM, "status": "Salah", "title": "Vaksin mengandung chip", "content": "isi",
        "fact": "Tidak ada chip", "url": "https://turnbackhoax.id/c1",
        "published": "2021-05-01", "conclusion": "Salah", "source": "TurnBackHoax"}])[
        CLAIM_COLUMNS])
    cl.insert_claim_embeddings(store, "e5", [CLAIM], planted(1, groups=1))
    em.store_embeddings(store, ["a", "b"], planted(1), "v1")
    cu.replace_clusters(store, pd.DataFrame([{
        "cluster_id": "g1", "n_posts": 3, "n_accounts": 3, "accounts": ["akun0", "akun1"],
        "first_at": pd.Timestamp("2025-07-03 02:00", tz="UTC"),
        "last_at": pd.Timestamp("2025-07-03 02:10", tz="UTC"), "span_minutes": 10.0,
        "coordination": 0.9, "text": "Kapolda meninjau", "explanation": "3 akun"}]),
        pd.DataFrame({"doc_id": ["k1", "k2", "k3"], "cluster_id": "g1", "coordination": 0.9}))
    wl.insert_entity(store, "Kapolda", 'kapolda OR "polisi sigap"', "analis")
    wl.tag(store, [KAPOLDA])
    so.insert_source(store, "warta", "rss", "https://warta.example/rss", 15)
    so.record_run(store, "warta", NOW, status="ok", items=2, new_items=2, stored=2,
                  keys={"g-1": "k1", "g-2": None}, etag='"v1"')
    destination = al.add_destination(store, "json://127.0.0.1:9/hook", "Webhook")
    al.seed_rules(store, {"claim_match": {"hours": 24}})
    al.raise_events(store, [{"event_key": "claim_match:c1:2025-07-10", "kind": "claim_match",
                             "title": "t", "body": "b", "payload": {"n": 1}}],
                    [destination], NOW)
    co.add_correction(store, "a", "sentiment", "negative", "analis", "salah baca")
    re_.set_status(store, Target.DOC, "d", Status.VERIFIED, "analis")
    pr.save_preset(store, "ekspor", {"text": "isi"}, "twitter")


@pytest.fixture(scope="module")
def seeded(pg_server: PgServer) -> Iterator[PgStore]:
    """One PostgreSQL database for the module, seeded once (each call below brings what it
    changes itself, so their order does not matter)."""
    with fresh_database(pg_server) as url:
        store = PgStore(url, lock_timeout_s=5.0)
        _server[url] = pg_server
        _seed(store)
        yield store


def _scope(store: Store, call: Callable[[Store, sp.SpikeScope], Any]) -> None:
    for f in FILTERS:
        for metric in sp.METRICS:
            for bucket in ("hour", "day"):
                call(store, sp.spike_scope(f, datetime(2025, 7, 8), bucket, metric, window=7))


def _filtered(store: Store) -> None:
    for f in FILTERS:
        fi.filtered_query(store, "SELECT count(*) AS n FROM docs", f)
        fi.filtered_query(store, "SELECT id FROM docs WHERE platform = $p", f, inline=True,
                          p="twitter")


def _upload(store: Store) -> str:
    return do.create_upload(store, "baru.csv", file_sha256=f"{id(store)}{datetime.now()}",
                            fmt="csv", encoding="utf-8", delimiter=",", mapping={"text": "isi"})


def _batch(store: Store) -> None:
    upload = _upload(store)
    do.insert_batch(store, upload, documents([
        {"id": "n1", "text": "Teks baru", "published_at": datetime(2025, 7, 9, 1, 0)}]),
        [do.RejectRow(3, "tanggal", "bad_date", "date 'kemarin'", {"tanggal": "kemarin"})])
    do.insert_rejects(store, upload, [do.RejectRow(4, None, "empty", "no text", {})])
    do.finish_upload(store, upload, {"rows_in": 3, "stored": 1, "duplicates": 0,
                                     "rejected": 2, "published_min": NOW,
                                     "published_max": NOW}, actor="analis")
    do.upload_rejects(store, upload)
    do.fail_upload(store, _upload(store), actor="analis")


def _copy(store: PgStore) -> None:
    """Copied into a DuckDB file, and from it into an empty PostgreSQL database."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        duck = Store(Path(folder) / "copy.duckdb")
        tr.copy_store(store, duck)
        with fresh_database(_server[store.url]) as target:
            tr.copy_store(duck, PgStore(target, lock_timeout_s=5.0))


_server: dict[str, PgServer] = {}
"""The seeded database's URL -> its server (for a database of its own to copy into)."""


def _delivered(store: Store) -> None:
    destination = min(al.destination_urls(store, active_only=False))
    keys = sorted(al.event_keys(store, "claim_match:"))
    al.due_deliveries(store, NOW, 5)
    al.record_delivery(store, keys, destination, False, "HTTP 500", NOW,
                       NOW + timedelta(minutes=1))
    al.record_delivery(store, keys, destination, True, None, NOW, None)
    al.raise_events(store, [{"event_key": "held:1", "kind": "claim_match", "title": "t",
                             "body": "b"}], [destination], NOW)
    al.hold_pending(store)
    al.held_deliveries(store)


CALLS: dict[str, Callable[[Any], Any]] = {
    # alerts
    "alerts.add_destination": lambda s: al.add_destination(s, "mailto://a@b.example", None),
    "alerts.list_destinations": al.list_destinations,
    "alerts.destination_urls": lambda s: (al.destination_urls(s),
                                          al.destination_urls(s, ["1", "x"], False)),
    "alerts.remove_destination": lambda s: al.remove_destination(
        s, al.add_destination(s, "json://127.0.0.1:9/weg", "weg"), "analis"),
    "alerts.set_destination_active": lambda s: al.set_destination_active(s, "1", True, "a"),
    "alerts.seed_rules": lambda s: al.seed_rules(s, {"claim_match": {"hours": 24, "x": 1},
                                                     "entity_spike": {"z": 3.5}}),
    "alerts.read_rules": al.read_rules,
    "alerts.update_rule": lambda s: al.update_rule(s, "claim_match", False, {"hours": 12}, "a"),
    "alerts.claim_texts": lambda s: (al.claim_texts(s, NOW - timedelta(days=30), True),
                                     al.claim_texts(s, NOW - timedelta(days=30), False, NOW)),
    "alerts.recent_clusters": lambda s: al.recent_clusters(s, NOW - timedelta(days=30)),
    "alerts.raise_events": lambda s: al.raise_events(s, [
        {"event_key": "x:1", "kind": "claim_match", "title": "t", "body": "b", "link": "l",
         "payload": {"at": NOW}}], ["1"], NOW),
    "alerts.hold_pending": al.hold_pending,
    "alerts.held_deliveries": al.held_deliveries,
    "alerts.due_deliveries": lambda s: al.due_deliveries(s, NOW, 5),
    "alerts.record_delivery": _delivered,
    "alerts.alert_log": lambda s: al.alert_log(s, 10),
    "alerts.event_keys": lambda s: al.event_keys(s, "claim_match:"),
    # audit
    "audit.record": lambda s: au.record(s, "analis", au.Action.SOURCE_ADD, "source", "x",
                                        {"url": "https://u:p@x.example"}),
    "audit.audit_entries": lambda s: (
        au.audit_entries(s),
        au.audit_entries(s, date(2025, 1, 1), date(2030, 1, 1), "analis", "source", 5),
        au.audit_entries(s, NOW, NOW + timedelta(days=9000), actor="x",
                         action=au.Action.SOURCE_ADD)),
    "audit.audit_actors": au.audit_actors,
    "audit.audit_actions": au.audit_actions,
    # claims
    "claims.upsert_claims": lambda s: cl.upsert_claims(s, pd.DataFrame([{
        "id": "c2", "status": "Salah", "title": "Jembatan ditutup", "content": "", "fact": "",
        "url": "u", "published": "kemarin", "conclusion": "", "source": "Cek"}])[CLAIM_COLUMNS],
        actor="analis", origin="berkas.csv"),
    "claims.count_claims": lambda s: (cl.count_claims(s), cl.count_claims(s, "TurnBackHoax")),
    "claims.claim_page": lambda s: (cl.claim_page(s), cl.claim_page(s, "vaksin chip", 5)),
    "claims.newest_claims": lambda s: cl.newest_claims(s, 5),
    "claims.claims_missing_embeddings": lambda s: cl.claims_missing_embeddings(s, "e5"),
    "claims.insert_claim_embeddings": lambda s: cl.insert_claim_embeddings(
        s, "e5-b", [CLAIM], planted(1, groups=1)),
    "claims.claim_bank": lambda s: cl.claim_bank(s, "e5"),
    # clusters
    "clusters.posts_to_cluster": cu.posts_to_cluster,
    "clusters.replace_clusters": lambda s: cu.replace_clusters(s, pd.DataFrame([{
        "cluster_id": "g1", "n_posts": 2, "n_accounts": 2, "accounts": ("akun0", "akun1"),
        "first_at": pd.Timestamp("2025-07-03 02:00", tz="UTC"),
        "last_at": pd.Timestamp("2025-07-03 02:10", tz="UTC"), "span_minutes": 10.0,
        "coordination": 0.8, "text": "Kapolda", "explanation": "2 akun"}]),
        pd.DataFrame({"doc_id": ["k1", "k2"], "cluster_id": "g1", "coordination": 0.8})),
    "clusters.stale_coordination": cu.stale_coordination,
    "clusters.cluster_timeline": lambda s: cu.cluster_timeline(s, "g1"),
    # corrections
    "corrections.add_correction": lambda s: co.add_correction(s, "b", "sentiment", "neutral",
                                                              "analis"),
    "corrections.current_corrections": lambda s: co.current_corrections(s, "sentiment"),
    "corrections.correction_history": lambda s: co.correction_history(s, "a"),
    "corrections.corrected_sentiment": co.corrected_sentiment,
    # documents
    "documents.create_upload": _upload,
    "documents.insert_documents": lambda s: do.insert_documents(s, "u3", documents([
        {"id": "m1", "text": "Lagi", "published_at": datetime(2025, 7, 9, 2, 0),
         "extra": '{"x": 1}'}])),
    "documents.insert_rejects": _batch,
    "documents.insert_batch": _batch,
    "documents.finish_upload": _batch,
    "documents.fail_upload": _batch,
    "documents.mark_interrupted": do.mark_interrupted,
    "documents.upload_rejects": lambda s: do.upload_rejects(s, "u1"),
    "documents.list_uploads": do.list_uploads,
    "documents.document_count": do.document_count,
    "documents.document_text": lambda s: (do.document_text(s, "a"), do.document_text(s, "?")),
    # embeddings
    "embeddings.store_embeddings": lambda s: em.store_embeddings(s, ["c", "d"], planted(1),
                                                                 "v1"),
    "embeddings.load_embeddings": lambda s: em.load_embeddings(s, ["a", "b", "z"], "v1"),
    "embeddings.sample_documents": lambda s: [em.sample_documents(s, f, 10, b)
                                              for f in FILTERS for b in BUCKETS],
    # exports, filters, presets
    "exports.export_rows": lambda s: [ex.export_rows(s, f, 10) for f in FILTERS],
    "filters.filtered_query": _filtered,
    "presets.save_preset": lambda s: pr.save_preset(s, "ekspor", {"text": "teks"}, None, "a"),
    "presets.load_preset": lambda s: pr.load_preset(s, "ekspor"),
    "presets.list_presets": pr.list_presets,
    "presets.delete_preset": lambda s: (pr.save_preset(s, "weg", {"text": "t"}),
                                        pr.delete_preset(s, "weg", "a")),
    # reviews
    "reviews.current_status": lambda s: re_.current_status(s, Target.DOC, "d"),
    "reviews.set_status": lambda s: re_.set_status(s, Target.CLAIM, CLAIM, Status.VERIFIED,
                                                   "analis", "dicek"),
    "reviews.review_history": lambda s: re_.review_history(s, Target.DOC, "d"),
    "reviews.statuses": lambda s: [re_.statuses(s, t) for t in Target],
    # rollups (PostgreSQL's own counts, read where they fit the filters)
    "rollups.usable": lambda s: [ro.usable(s, f, flag) for f in FILTERS for flag in (0, 1)],
    "rollups.volume": lambda s: [ro.volume(s, Filters(), b) for b in BUCKETS],
    "rollups.sentiment": lambda s: [ro.sentiment(s, Filters(), b) for b in BUCKETS],
    "rollups.filter_counts": lambda s: ro.filter_counts(s, 10),
    # scores
    "scores.count_pending": lambda s: (sc.count_pending(s, "sentiment", "m", "v2"),
                                       sc.count_pending(s, "hoax", "m", "v2", NOW)),
    "scores.pending_documents": lambda s: (sc.pending_documents(s, "sentiment", "m", "v2", 5),
                                           sc.pending_documents(s, "hoax", "m", "v2", 5, NOW)),
    "scores.reuse_scores_by_text": lambda s: sc.reuse_scores_by_text(s, "sentiment", "test",
                                                                     "v1"),
    "scores.insert_scores": lambda s: sc.insert_scores(s, sentiment_scores({"m1": "neutral"},
                                                                           version="v3")),
    "scores.update_scores": lambda s: sc.update_scores(s, "hoax", hoax_scores({"k1": 0.2})[
        ["doc_id", "model_id", "model_version", "score", "label", "evidence"]]),
    # sources
    "sources.insert_source": lambda s: so.insert_source(s, "lain", "folder", "/tmp", 5,
                                                        {"a": 1}, "analis", False),
    "sources.source_rows": lambda s: (so.source_rows(s), so.source_rows(s, "warta")),
    "sources.set_active": lambda s: so.set_active(s, "warta", True, "analis"),
    "sources.delete_source": lambda s: (so.insert_source(s, "weg", "rss", "https://w.x", 5),
                                        so.delete_source(s, "weg", "analis")),
    "sources.seen_keys": lambda s: (so.seen_keys(s, "warta", ["g-1", "g-9"]),
                                    so.seen_keys(s, "warta", [])),
    "sources.record_run": lambda s: so.record_run(s, "warta", NOW, status="failed",
                                                  error="HTTP 500", notes=["n"]),
    "sources.recent_runs": lambda s: (so.recent_runs(s), so.recent_runs(s, "warta", 5)),
    "sources.source_item_count": lambda s: so.source_item_count(s, "warta"),
    "sources.documents_since": lambda s: so.documents_since(s, NOW - timedelta(days=1)),
    "sources.last_ingested": so.last_ingested,
    "sources.mark_worker": lambda s: so.mark_worker(s, NOW),
    "sources.worker_seen": so.worker_seen,
    # spikes
    "spikes.spike_series": lambda s: [sp.spike_series(s, f, b, w, e) for f in FILTERS
                                      for b in ("hour", "day", "week") for w in (None, 3)
                                      for e in (None, "Kapolda")],
    "spikes.detect_spikes": lambda s: [sp.detect_spikes(s, f, b, min_count=1, entity=e)
                                       for f in FILTERS for b in ("hour", "day")
                                       for e in (None, "Kapolda")],
    "spikes.bucket_texts": lambda s: _scope(s, sp.bucket_texts),
    "spikes.baseline_texts": lambda s: _scope(s, sp.baseline_texts),
    "spikes.bucket_count": lambda s: _scope(s, sp.bucket_count),
    "spikes.bucket_accounts": lambda s: _scope(s, lambda st, sc_: sp.bucket_accounts(st, sc_,
                                                                                     5)),
    # transfer
    "transfer.copy_store": _copy,
    # trends
    "trends.filter_options": lambda s: (te.filter_options(s), te.filter_options(
        s, "Europe/Berlin", 1)),
    "trends.kpis": lambda s: [te.kpis(s, f) for f in FILTERS],
    "trends.volume_over_time": lambda s: [te.volume_over_time(s, f, b) for f in FILTERS
                                          for b in BUCKETS],
    "trends.sentiment_over_time": lambda s: [te.sentiment_over_time(s, f, b) for f in FILTERS
                                             for b in BUCKETS],
    "trends.top_hoaxes": lambda s: [te.top_hoaxes(s, f, 5) for f in FILTERS],
    "trends.texts": lambda s: [
        te.texts(s, f, search, order, 5, window, label, claim, denied)
        for f in FILTERS for search in ("", "polisi -lambat")
        for order in te.ORDERS
        for window, label, claim, denied in (
            (None, None, None, None),
            ((datetime(2025, 7, 8), datetime(2025, 7, 9)), "negative", CLAIM, CLAIM))],
    "trends.spreading_claims": lambda s: [te.spreading_claims(s, f, 5, flag) for f in FILTERS
                                          for flag in (False, True)],
    "trends.active_clusters": lambda s: [te.active_clusters(s, f) for f in FILTERS],
    "trends.coordination_clusters": lambda s: [te.coordination_clusters(s, f, 5)
                                               for f in FILTERS],
    "trends.cluster_posts": lambda s: (te.cluster_posts(s, "g1"),
                                       te.cluster_posts(s, "g1", "Europe/Berlin")),
    # watchlist
    "watchlist.tag": lambda s: wl.tag(s, [KAPOLDA, ("Vaksin", parse("vaksin -hoaks"))]),
    "watchlist.read_watchlist": wl.read_watchlist,
    "watchlist.mirrored": lambda s: [wl.mirrored(s, f) for f in FILTERS],
    "watchlist.insert_entity": lambda s: wl.insert_entity(s, "Lantas", "lalu lintas", "a"),
    "watchlist.delete_entity": lambda s: (wl.insert_entity(s, "Weg", "weg", None),
                                          wl.delete_entity(s, "Weg", "a")),
    "watchlist.counts_over_time": lambda s: [wl.counts_over_time(s, f, [KAPOLDA], b)
                                             for f in FILTERS for b in BUCKETS],
    "watchlist.totals": lambda s: [wl.totals(s, f, [KAPOLDA]) for f in FILTERS],
    "watchlist.accounts": lambda s: [wl.accounts(s, f, KAPOLDA, by, 5) for f in FILTERS
                                     for by in ("posts", "engagement")],
    "watchlist.posts": lambda s: [wl.posts(s, f, KAPOLDA, 5, window) for f in FILTERS
                                  for window in (None, (datetime(2025, 7, 1),
                                                        datetime(2025, 7, 5)))],
}
"""Per store function (``module.name``): its calls, on the seeded PostgreSQL database."""


def store_functions() -> set[str]:
    """``module.name`` of every public function of the shared modules that takes a store."""
    found = set()
    for name in SHARED:
        module = importlib.import_module(f"analysis.store.{name}")
        for attr, value in vars(module).items():
            if (inspect.isfunction(value) and value.__module__ == module.__name__
                    and not attr.startswith("_")):
                first = next(iter(inspect.signature(value).parameters.values()), None)
                if first is not None and first.annotation in ("Store", Store):
                    found.add(f"{name}.{attr}")
    return found


def test_the_shared_modules_are_every_concept_module() -> None:
    """A new module of ``analysis.store`` is shared (and swept here) unless it is a
    backend's own."""
    import pkgutil

    import analysis.store

    modules = {m.name for m in pkgutil.iter_modules(analysis.store.__path__)}
    assert modules - OWN == set(SHARED)


def test_every_store_function_is_run_here() -> None:
    functions = store_functions()
    assert functions - set(CALLS) == set(), (
        "store functions never run on PostgreSQL by this guard: add a call to CALLS")
    assert set(CALLS) - functions == set(), "CALLS names functions that are gone"


@pytest.mark.parametrize("function", sorted(CALLS))
def test_postgresql_runs_it(seeded: PgStore, function: str) -> None:
    CALLS[function](seeded)
