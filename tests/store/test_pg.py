"""PostgreSQL: sources and runs (on both backends), an import through the pipeline, settings
that keep a URL, and a password that never shows (tests/pg_server.py starts the server)."""

from __future__ import annotations

import logging
import socket
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from analysis.errors import StoreError, StoreLockedError
from analysis.pipeline import import_file
from analysis.settings import load_settings
from analysis.store import PgStore, Store, open_store, pg_schema
from analysis.store.documents import (
    document_count,
    insert_batch,
    insert_documents,
    list_uploads,
)
from analysis.store.pg import WRITE_LOCK
from analysis.store.sources import (
    delete_source,
    documents_since,
    insert_source,
    last_ingested,
    mark_worker,
    recent_runs,
    record_run,
    seen_keys,
    set_active,
    source_item_count,
    source_rows,
    worker_seen,
)
from tests.conftest import FIXTURES
from tests.pg_server import PASSWORD, PgServer
from tests.store_fixtures import documents

EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"
POSTS_ONE = {"id": "x", "text": "halo", "published_at": "2025-07-08T03:00:00Z"}


def test_sources_their_items_and_runs(any_store: Store) -> None:
    assert insert_source(any_store, "polda", "rss", "https://polda.example/feed", 15,
                         {"lang": "id"}, "admin")
    assert not insert_source(any_store, "polda", "rss", "https://x.example", 15)
    started = datetime(2026, 1, 5, 3, tzinfo=UTC)
    record_run(any_store, "polda", started, status="ok", items=2, new_items=2, stored=1,
               keys={"guid-1": "doc-1", "guid-2": None}, etag='"abc"')
    record_run(any_store, "polda", started, status="ok", keys={"guid-1": "doc-1"})
    record_run(any_store, "polda", started, status="failed", error="timeout")
    assert seen_keys(any_store, "polda", ["guid-1", "guid-3"]) == {"guid-1"}
    assert source_item_count(any_store, "polda") == 2
    row = source_rows(any_store, "polda").iloc[0]
    assert (row["etag"], row["failures"], row["last_error"], row["last_new"]) == (
        '"abc"', 1, "timeout", 0)
    assert sorted(recent_runs(any_store, "polda")["status"]) == ["failed", "ok", "ok"]
    assert set_active(any_store, "polda", False) and not set_active(any_store, "nope", True)
    assert not bool(source_rows(any_store)["active"].iloc[0])
    assert documents_since(any_store, started) == 0
    mark_worker(any_store, started)
    mark_worker(any_store, started.replace(hour=4))
    assert worker_seen(any_store) == started.replace(hour=4)
    assert delete_source(any_store, "polda") and not delete_source(any_store, "polda")
    assert source_item_count(any_store, "polda") == 0


def test_the_live_box_learns_when_the_newest_text_was_stored(any_store: Store) -> None:
    assert last_ingested(any_store) is None
    before = datetime.now(UTC)
    insert_documents(any_store, "worker", documents([
        {"id": "a", "text": "Kabar pertama", "published_at": "2025-05-01T08:00Z"},
        {"id": "b", "text": "Kabar kedua", "published_at": "2025-05-02T08:00Z"}]))
    newest = last_ingested(any_store)
    assert newest is not None and newest.tzinfo is not None
    assert abs((newest - before).total_seconds()) < 60
    assert documents_since(any_store, newest) == 0
    assert documents_since(any_store, before.replace(year=before.year - 1)) == 2


def test_an_import_into_postgresql_and_a_reimport_that_adds_nothing(pg_store: PgStore) -> None:
    report = import_file(pg_store, EXPORT)
    assert (report.rows_in, report.stored, report.duplicates, report.rejected) == (6, 4, 0, 2)
    again = import_file(pg_store, EXPORT)
    assert (again.stored, again.duplicates, again.rejected) == (0, 4, 2)
    assert document_count(pg_store) == 4
    assert list_uploads(pg_store)["status"].tolist() == ["done", "done"]
    assert pg_store.scalar("SELECT count(*) FROM rejects") == 2  # the re-import's: not again


def test_settings_keep_a_server_url_and_open_store_picks_postgresql(pg_store: PgStore) -> None:
    settings = load_settings({"PANTAU_DB": pg_store.url})
    assert settings.db_url == pg_store.url and PASSWORD not in repr(settings)
    store = open_store(settings)
    assert isinstance(store, PgStore) and document_count(store) == 0
    assert isinstance(open_store(settings.with_db("/tmp/x.duckdb")), Store)
    assert not isinstance(open_store(load_settings({"PANTAU_DB": "/tmp/x.duckdb"})), PgStore)


def test_the_password_never_shows(pg_server: PgServer, pg_store: PgStore,
                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert PASSWORD not in repr(pg_store) and PASSWORD not in str(pg_store)
    assert "pantau:***@127.0.0.1" in repr(pg_store)
    with pytest.raises(StoreError) as refused:
        document_count(PgStore(pg_server.url("postgres", password="wrong-" + PASSWORD),
                               lock_timeout_s=2))
    assert "password authentication failed" in str(refused.value)
    with pytest.raises(StoreError) as failed:
        pg_store.query("SELECT no_such_column FROM documents")
    for text in (str(refused.value), repr(refused.value), str(failed.value), caplog.text):
        assert PASSWORD not in text


def test_writers_in_threads_store_each_document_once(pg_store: PgStore) -> None:
    batch = documents([{"id": f"d{i}", "text": f"teks {i}", "published_at": "2025-07-08T03:00Z"}
                       for i in range(200)])
    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(lambda _: insert_batch(pg_store, "u1", batch, []), range(4)))
    assert sum(stored) == 200 and document_count(pg_store) == 200


def test_a_session_keeps_one_connection_and_a_newer_schema_is_refused(pg_store: PgStore) -> None:
    with pg_store.session():
        first = pg_store.scalar("SELECT pg_backend_pid()")
        assert pg_store.scalar("SELECT pg_backend_pid()") == first
    with pg_store.connect() as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    pg_schema.forget(pg_store.url)
    with pytest.raises(StoreError, match="schema 99, newer"):
        document_count(pg_store)


def test_a_missing_server_is_said_at_once_without_the_password(pg_server: PgServer) -> None:
    url = pg_server.url("postgres").replace(f":{pg_server.port}/", f":{_closed_port()}/")
    with pytest.raises(StoreError, match="Cannot open the store") as refused:
        document_count(PgStore(url, lock_timeout_s=2))
    assert PASSWORD not in str(refused.value) and "pantau:***@" in str(refused.value)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_writer_waits_for_another_then_says_the_store_is_locked(pg_server: PgServer,
                                                                  pg_store: PgStore) -> None:
    import psycopg

    other = PgStore(pg_store.url, lock_timeout_s=0.5)
    with psycopg.connect(pg_store.url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [WRITE_LOCK])
        with pytest.raises(StoreLockedError, match="stayed locked"):
            insert_batch(other, "u1", documents([POSTS_ONE]), [])
    assert insert_batch(other, "u1", documents([POSTS_ONE]), []) == 1


def test_a_frame_with_attrs_is_registered_without_a_warning(pg_store: PgStore) -> None:
    """A hoax scorer's frame carries its embeddings in ``attrs``, which Arrow cannot keep as
    JSON (it warned on every scored batch); they are no rows, so they are left behind."""
    import warnings

    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"doc_id": ["a", "b"], "score": [0.1, 0.9]})
    frame.attrs["embeddings"] = np.ones((2, 3))
    with warnings.catch_warnings(), pg_store.connect() as con:
        warnings.simplefilter("error")
        con.register("incoming", frame)
        assert con.execute("SELECT doc_id, score FROM incoming ORDER BY doc_id").fetchall() == [
            ("a", 0.1), ("b", 0.9)]
        con.unregister("incoming")
    assert "embeddings" in frame.attrs  # the caller's frame as it was
