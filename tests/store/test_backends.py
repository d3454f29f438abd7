"""The store's write path and its reads on both backends: a DuckDB file and a real PostgreSQL
server (tests/pg_server.py). Each test runs once per backend and expects the same answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from analysis.errors import IngestError
from analysis.store import Store
from analysis.store.claims import (
    claim_bank,
    claim_page,
    claims_missing_embeddings,
    count_claims,
    insert_claim_embeddings,
    newest_claims,
    upsert_claims,
)
from analysis.store.documents import (
    RejectRow,
    create_upload,
    document_count,
    document_text,
    fail_upload,
    finish_upload,
    insert_batch,
    list_uploads,
    upload_rejects,
)
from analysis.store.embeddings import (
    DIMENSION,
    load_embeddings,
    sample_documents,
    store_embeddings,
)
from analysis.store.exports import export_rows
from analysis.store.filters import Filters
from analysis.store.presets import delete_preset, list_presets, load_preset, save_preset
from analysis.store.schema import SCHEMA_VERSION
from analysis.store.scores import (
    count_pending,
    insert_scores,
    pending_documents,
    reuse_scores_by_text,
    update_scores,
)
from analysis.vocabulary import CLAIM_COLUMNS
from tests.store_fixtures import documents, hoax_scores, sentiment_scores, small_store

POSTS = [{"id": "x", "text": "Mantap  Pak!", "published_at": "2025-07-08T03:00:00Z"},
         {"id": "y", "text": "mantap pak!", "published_at": "2025-07-09T03:00:00Z"},
         {"id": "z", "text": "Vaksin mengandung chip", "published_at": "2025-07-09T04:00:00Z",
          "likes": 12, "extra": '{"id_komentar": "1"}'}]


def test_a_new_store_has_the_current_schema(any_store: Store) -> None:
    assert document_count(any_store) == 0
    assert any_store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(
        SCHEMA_VERSION)


def test_an_upload_stores_its_documents_and_rejects_once(any_store: Store) -> None:
    upload = create_upload(any_store, "a.csv", file_sha256="00", fmt="csv", encoding="utf-8",
                           delimiter=",", mapping={"text": "isi"})
    rejects = [RejectRow(7, "tanggal", "bad_date", "date 'kemarin lusa'", {"tanggal": "kemarin"})]
    assert insert_batch(any_store, upload, documents(POSTS), rejects) == 3
    assert insert_batch(any_store, upload, documents(POSTS), []) == 0
    repeated = documents([POSTS[0], {**POSTS[0], "text": "lagi"}, {**POSTS[1], "id": "w"}])
    assert insert_batch(any_store, upload, repeated, []) == 1
    finish_upload(any_store, upload, {"rows_in": 9, "stored": 4, "duplicates": 4, "rejected": 1,
                                      "published_min": datetime(2025, 7, 8, 3, tzinfo=UTC),
                                      "published_max": datetime(2025, 7, 9, 4, tzinfo=UTC)})
    uploads = list_uploads(any_store)
    assert uploads[["filename", "status", "rows_in", "stored", "rejected"]].iloc[0].tolist() == [
        "a.csv", "done", 9, 4, 1]
    assert pd.Timestamp(uploads["published_max"].iloc[0]) == pd.Timestamp("2025-07-09T04:00Z")
    assert document_count(any_store) == 4
    frame = upload_rejects(any_store, upload)
    assert frame[["row", "column", "code"]].iloc[0].tolist() == [7, "tanggal", "bad_date"]
    assert json.loads(frame["raw"].iloc[0]) == {"tanggal": "kemarin"}
    assert document_text(any_store, "z") == ("Vaksin mengandung chip", None)
    assert document_text(any_store, "nope") is None
    stored = any_store.query("SELECT likes, extra FROM documents WHERE id = 'z'")
    assert stored["likes"].iloc[0] == 12 and json.loads(stored["extra"].iloc[0]) == {
        "id_komentar": "1"}
    fail_upload(any_store, upload)
    assert list_uploads(any_store)["status"].tolist() == ["failed"]


def test_scores_are_stored_once_reused_by_text_and_made_current(any_store: Store) -> None:
    insert_batch(any_store, "u1", documents(POSTS), [])
    assert count_pending(any_store, "sentiment", "test", "v1") == 3
    assert pending_documents(any_store, "sentiment", "test", "v1", 2)["id"].size == 2
    insert_scores(any_store, sentiment_scores({"x": "positive"}))
    insert_scores(any_store, sentiment_scores({"x": "negative"}))  # kept: the first stays
    assert reuse_scores_by_text(any_store, "sentiment", "test", "v1") == 1  # y: x's twin
    assert count_pending(any_store, "sentiment", "test", "v1") == 1
    since = datetime(2025, 7, 9, 3, 30, tzinfo=UTC)
    assert count_pending(any_store, "sentiment", "test", "v1", since=since) == 1
    current = any_store.query("SELECT id, sentiment_label FROM documents ORDER BY id")
    assert current["sentiment_label"].fillna("-").tolist() == ["positive", "positive", "-"]


def test_hoax_scores_name_the_claim_a_text_repeats(any_store: Store) -> None:
    insert_batch(any_store, "u1", documents(POSTS), [])
    evidence = json.dumps({"claims": [
        {"id": "fakta", "verdict": "cocok", "status": "benar", "relation": "repeats"},
        {"id": "c7", "verdict": "mirip", "status": "salah", "relation": "repeats"},
        {"id": "c9", "verdict": "lemah", "status": "hoaks", "relation": "denies"}]})
    scores = hoax_scores({"z": 0.9, "x": 0.1})
    scores["evidence"] = [evidence, None]
    insert_scores(any_store, scores)
    row = any_store.query("SELECT hoax_label, hoax_score, hoax_claim, hoax_claim_match, "
                          "hoax_denied FROM documents WHERE id = 'z'").iloc[0].tolist()
    assert row == ["hoax", 0.9, "c7", "mirip", "c9"]
    update = scores.iloc[[0]][["doc_id", "model_id", "model_version", "score", "label",
                               "evidence"]].assign(score=0.2, label="not_hoax",
                                                   evidence=json.dumps({"claims": []}))
    update_scores(any_store, "hoax", update)
    row = any_store.query("SELECT hoax_label, hoax_score, hoax_claim FROM documents "
                          "WHERE id = 'z'").iloc[0].tolist()
    assert row == ["not_hoax", 0.2, None]


def test_the_small_store_fixture_on_each_backend(any_store: Store) -> None:
    small_store(any_store)
    assert any_store.scalar("SELECT count(*) FROM scores") == 10
    hoax = any_store.query("SELECT id, hoax_label FROM documents WHERE hoax_label = 'hoax'")
    assert hoax["id"].tolist() == ["d"]


def test_claims_and_their_embeddings(any_store: Store) -> None:
    bank = pd.DataFrame([{c: f"{c}-{i}" for c in CLAIM_COLUMNS} for i in range(3)])
    bank["id"] = ["c1", "c2", "c3"]
    bank["published"] = ["2024-01-02", "2025-03-04", "kemarin"]
    bank["title"] = ["Vaksin chip", "Banjir Jakarta", "Gempa palsu"]
    assert upsert_claims(any_store, bank) == 3
    assert upsert_claims(any_store, bank) == 0
    assert count_claims(any_store) == 3 and count_claims(any_store, "nowhere") == 0
    page, total = claim_page(any_store, "VAKSIN")
    assert total == 1 and page["id"].tolist() == ["c1"]
    assert claim_page(any_store)[0]["id"].tolist() == ["c2", "c1", "c3"]
    assert newest_claims(any_store, 2)["id"].tolist() == ["c3", "c2"]
    assert claims_missing_embeddings(any_store, "m")["id"].tolist() == ["c1", "c2", "c3"]
    vectors = np.array([[1.0, 0.0], [0.5, 0.5]], dtype=np.float32)
    insert_claim_embeddings(any_store, "m", ["c1", "c2"], vectors)
    insert_claim_embeddings(any_store, "m", ["c1"], vectors[:1])
    frame, matrix = claim_bank(any_store, "m")
    assert frame["id"].tolist() == ["c1", "c2"] and np.allclose(matrix, vectors)
    assert claims_missing_embeddings(any_store, "m")["id"].tolist() == ["c3"]


def test_presets_are_saved_replaced_and_deleted(any_store: Store) -> None:
    save_preset(any_store, "polda", {"text": "isi"}, "instagram")
    save_preset(any_store, "polda", {"text": "komentar", "author": "akun"})
    assert load_preset(any_store, "polda") == ({"text": "komentar", "author": "akun"}, None)
    assert list_presets(any_store)["name"].tolist() == ["polda"]
    assert delete_preset(any_store, "polda") and not delete_preset(any_store, "polda")
    with pytest.raises(IngestError, match="none yet"):
        load_preset(any_store, "polda")


def test_embeddings_are_kept_once_and_read_back(any_store: Store) -> None:
    insert_batch(any_store, "u1", documents(POSTS), [])
    vectors = np.random.default_rng(0).random((2, DIMENSION), dtype=np.float32)
    assert store_embeddings(any_store, ["x", "y"], vectors, "e5") == 2
    assert store_embeddings(any_store, ["x", "z"], vectors, "e5") == 1
    found = load_embeddings(any_store, ["x", "y", "nope"], "e5")
    assert sorted(found) == ["x", "y"] and np.allclose(found["y"], vectors[1])
    sample = sample_documents(any_store, Filters(), 2, "day")
    assert len(sample) == 2 and set(sample["total"]) == {3}
    assert sample["id"].tolist() == sample_documents(any_store, Filters(), 2, "day")["id"].tolist()


def test_an_export_lists_the_newest_posts(any_store: Store) -> None:
    small_store(any_store)
    rows = export_rows(any_store, Filters(), 3)
    assert rows["id"].tolist() == ["e", "d", "c"] and set(rows["total"]) == {5}
    assert rows.loc[rows["id"] == "d", "hoax_status"].tolist() == ["baru"]


def test_empty_text_and_missing_values_stay_apart(any_store: Store) -> None:
    rows = [{"id": "a", "text": 'kutip "ini", baris\nbaru',
             "published_at": "2025-07-08T03:00:00.000000Z", "author": "", "url": None,
             "likes": 0},
            {"id": "b", "text": "\\N", "published_at": "2025-07-08T03:00:00.123456Z",
             "author": None, "url": "", "likes": None}]
    insert_batch(any_store, "u1", documents(rows), [])
    stored = any_store.query("SELECT id, text, author IS NULL AS no_author, author, "
                             "url IS NULL AS no_url, likes IS NULL AS no_likes, published_at "
                             "FROM documents ORDER BY id")
    assert stored["text"].tolist() == ['kutip "ini", baris\nbaru', "\\N"]
    assert stored[["no_author", "no_url", "no_likes"]].values.tolist() == [
        [False, True, False], [True, False, True]]
    assert stored["author"].iloc[0] == ""
    assert pd.Timestamp(stored["published_at"].iloc[1]) == pd.Timestamp(
        "2025-07-08T03:00:00.123456Z")


def test_an_import_whose_process_is_gone_is_marked_interrupted(any_store: Store) -> None:
    import socket

    from analysis.store.documents import create_upload, list_uploads, mark_interrupted

    upload = create_upload(any_store, "killed.csv", file_sha256="ab", fmt="csv",
                           encoding="utf-8", delimiter=",", mapping={"text": "isi"})
    with any_store.connect() as con:  # its owner: a process of this host that is no more
        con.execute("UPDATE meta SET value = ? WHERE key = ?",
                    [f"{socket.gethostname()} 4194303", "importing:" + upload])
    assert mark_interrupted(any_store) == 1
    assert list_uploads(any_store)["status"].tolist() == ["interrupted"]
    assert mark_interrupted(any_store) == 0
