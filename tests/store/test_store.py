"""The DuckDB store: schema, idempotent inserts, score reuse, and two processes sharing a file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from analysis.errors import StoreLockedError
from analysis.store import Store
from analysis.store.documents import (
    RejectRow,
    document_count,
    insert_documents,
    insert_rejects,
    upload_rejects,
)
from analysis.store.schema import SCHEMA
from analysis.store.scores import count_pending, insert_scores, reuse_scores_by_text
from tests.store_fixtures import documents, sentiment_scores, small_store


def test_inserting_the_same_documents_twice_adds_nothing(store: Store) -> None:
    docs = documents([{"id": "x", "text": "halo", "published_at": "2025-07-08T03:00:00Z"},
                      {"id": "y", "text": "apa kabar", "published_at": "2025-07-08T03:00:00Z"}])
    assert insert_documents(store, "u1", docs) == 2
    assert insert_documents(store, "u2", docs) == 0
    assert document_count(store) == 2


def test_rejects_are_kept_with_their_reason(store: Store) -> None:
    insert_rejects(store, "u1", [RejectRow(7, "tanggal", "bad_date", "date 'kemarin lusa' ...",
                                           {"tanggal": "kemarin lusa"})])
    frame = upload_rejects(store, "u1")
    assert frame.loc[0, "row"] == 7 and frame.loc[0, "code"] == "bad_date"


def test_identical_texts_reuse_an_existing_score(store: Store) -> None:
    docs = documents([{"id": "x", "text": "Mantap  Pak!", "published_at": "2025-07-08T03:00:00Z"},
                      {"id": "y", "text": "mantap pak!", "published_at": "2025-07-09T03:00:00Z",
                       "author": "lain"}])
    insert_documents(store, "u1", docs)
    insert_scores(store, sentiment_scores({"x": "positive"}))
    assert count_pending(store, "sentiment", "test", "v1") == 1
    assert reuse_scores_by_text(store, "sentiment", "test", "v1") == 1
    assert count_pending(store, "sentiment", "test", "v1") == 0
    assert count_pending(store, "sentiment", "test", "v2") == 2


def test_small_store_fixture_is_complete(store: Store) -> None:
    small_store(store)
    assert store.scalar("SELECT count(*) FROM scores") == 10


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS held (a INTEGER)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_process_waits_for_the_lock_then_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.duckdb"
    holder = _hold(path, 1.5)
    try:
        started = time.monotonic()
        store = Store(path, lock_timeout_s=20)
        docs = documents([{"id": "x", "text": "halo", "published_at": "2025-07-08T03:00:00Z"}])
        assert insert_documents(store, "u1", docs) == 1
        assert time.monotonic() - started >= 0.5
    finally:
        holder.wait(timeout=30)


def test_a_lock_held_too_long_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "shared.duckdb"
    holder = _hold(path, 5)
    try:
        with pytest.raises(StoreLockedError, match="in use by another process"):
            Store(path, lock_timeout_s=0.5).scalar("SELECT 1")
    finally:
        holder.kill()
        holder.wait()


def test_threads_storing_the_same_rows_at_once_store_them_once(store: Store) -> None:
    """Threads of one process (two dashboard sessions) share one DuckDB database, whose
    transactions run side by side: the check for stored ids must not interleave."""
    docs = documents([{"id": f"d{n}", "text": f"teks {n}", "published_at": "2025-07-08T03:00:00Z"}
                      for n in range(200)])  # fmt: skip
    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(lambda upload: insert_documents(store, upload, docs), "abcd"))
    assert sum(stored) == 200
    assert document_count(store) == 200


def test_a_store_made_before_schema_3_loses_its_indexes_and_keeps_working(tmp_path: Path) -> None:
    """Stores made with the primary key and the two ART indexes on documents: the indexes are
    dropped, the key stays (DuckDB cannot drop it) and inserts still skip stored ids."""
    path = tmp_path / "old.duckdb"
    old_schema = SCHEMA.replace("id VARCHAR NOT NULL USING COMPRESSION uncompressed,",
                                "id VARCHAR PRIMARY KEY,")  # fmt: skip
    old_schema = old_schema.split("DROP INDEX")[0] + (
        "CREATE INDEX documents_published ON documents (published_at);\n"
        "CREATE INDEX documents_text_hash ON documents (text_hash);\n"
    )
    with duckdb.connect(str(path)) as con:
        con.execute(old_schema)
    store = Store(path)
    docs = documents([{"id": "x", "text": "halo", "published_at": "2025-07-08T03:00:00Z"}])
    assert insert_documents(store, "u1", docs) == 1
    assert insert_documents(store, "u2", docs) == 0
    assert store.scalar("SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'documents'") == 0


def test_a_session_keeps_one_connection_for_its_queries(store: Store) -> None:
    with store.session():
        with store.connect() as first, store.connect() as second:
            assert first is second
        store.query("CREATE TEMP TABLE scratch AS SELECT 1 AS x")
        assert store.scalar("SELECT x FROM scratch") == 1  # same connection: temp table seen
    with store.connect() as after:
        assert after is not first
    with pytest.raises(duckdb.Error):
        store.scalar("SELECT x FROM scratch")  # the session's connection is closed


def test_documents_keep_their_latest_scores_next_to_them(store: Store) -> None:
    small_store(store)
    current = store.query("SELECT id, sentiment_label, hoax_label FROM documents ORDER BY id")
    assert current["sentiment_label"].tolist() == [
        "positive", "negative", "neutral", "negative", "positive"]
    newer = sentiment_scores({"a": "negative"}, version="v2")
    insert_scores(store, newer)
    assert store.scalar("SELECT sentiment_label FROM documents WHERE id = 'a'") == "negative"
    assert store.scalar("SELECT sentiment_label FROM documents WHERE id = 'e'") == "positive"


def test_a_store_from_before_schema_4_gets_its_current_scores_filled(store: Store) -> None:
    from analysis.store import schema

    small_store(store)
    with store.connect() as con:
        for column in ("sentiment_label", "sentiment_conf", "hoax_score", "hoax_label"):
            con.execute(f"ALTER TABLE documents DROP COLUMN {column}")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    schema.forget(str(store.path.resolve()))
    reopened = Store(store.path)
    filled = reopened.query("SELECT id, sentiment_label, hoax_score FROM documents ORDER BY id")
    assert filled["sentiment_label"].tolist() == [
        "positive", "negative", "neutral", "negative", "positive"]
    assert filled["hoax_score"].tolist() == pytest.approx([0.1, 0.2, 0.05, 0.91, 0.1])
    assert reopened.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(
        schema.SCHEMA_VERSION)


WRITER = """
import sys
from analysis.store import Store
Store(sys.argv[1], lock_timeout_s=20).query("CREATE TABLE from_cli AS SELECT 42 AS answer")
"""


def test_a_kept_store_lets_go_when_another_process_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "kept.duckdb"
    store = Store(path, lock_timeout_s=20)
    assert store.keep_warm() is False  # no file yet: nothing to keep
    store.scalar("SELECT 1")
    assert store.keep_warm() is True
    # The kept database is this process's: a connection joins it without waiting.
    assert Store(path, lock_timeout_s=0.1).scalar("SELECT 2") == 2
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, timeout=60,
                   cwd=Path(__file__).resolve().parents[2])
    assert time.monotonic() - started < 15
    assert not (tmp_path / "kept.duckdb.wanted").exists()  # the writer cleaned up its marker
    assert store.keep_warm() is True  # kept again, and it sees what the other process wrote
    assert store.scalar("SELECT answer FROM from_cli") == 42


def test_a_fresh_wanted_marker_keeps_the_store_closed(tmp_path: Path) -> None:
    path = tmp_path / "kept.duckdb"
    store = Store(path)
    store.scalar("SELECT 1")
    marker = tmp_path / "kept.duckdb.wanted"
    marker.touch()
    assert store.keep_warm() is False
    old = time.time() - 60  # a waiting process that died long ago does not count
    os.utime(marker, (old, old))
    assert store.keep_warm() is True


def test_a_kept_store_that_is_replaced_on_disk_is_let_go(tmp_path: Path) -> None:
    path = tmp_path / "kept.duckdb"
    store = Store(path)
    store.scalar("SELECT 1")
    assert store.keep_warm() is True
    path.unlink()  # an operator starts over: a new store where the old one was
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, timeout=60,
                   cwd=Path(__file__).resolve().parents[2])
    assert store.keep_warm() is True
    assert store.scalar("SELECT answer FROM from_cli") == 42  # the new file, not the old one
