"""Copying a store into another (analysis.store.transfer): the dashboard's fixture store from a
DuckDB file into a real PostgreSQL server and back, every read the same on source and copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.errors import StoreError
from analysis.store import PgStore, Store, trends
from analysis.store.audit import audit_entries, record
from analysis.store.claims import claim_bank, insert_claim_embeddings
from analysis.store.corrections import add_correction, correction_history
from analysis.store.embeddings import DIMENSION, load_embeddings, store_embeddings
from analysis.store.exports import export_rows
from analysis.store.presets import list_presets, save_preset
from analysis.store.reviews import review_history, set_status
from analysis.store.schema import SCHEMA_VERSION
from analysis.store.sources import insert_source, source_rows
from analysis.store.transfer import TargetNotEmptyError, copy_store
from tests.dashboard_fixtures import build_store

VECTORS = np.random.default_rng(3).random((2, DIMENSION)).astype(np.float32)


def rich_store(path: Path) -> Store:
    """The dashboard's fixture store plus a row in each table the dashboard does not fill:
    corrections and reviews (ordered by rowid), embeddings (arrays), a preset (JSON), a
    source (booleans, NULLs) and audit entries (a sequence)."""
    store = build_store(path)
    add_correction(store, "t1", "sentiment", "negative", "ana", note="first")
    add_correction(store, "t1", "sentiment", "neutral", "budi")
    set_status(store, "doc", "t2", "diverifikasi", "ana")
    set_status(store, "doc", "t2", "diklarifikasi", "budi", note="cek fakta")
    store_embeddings(store, ["t1", "t2"], VECTORS, "enc-v1")
    insert_claim_embeddings(store, "enc-v1", ["c1"], VECTORS[:1])
    save_preset(store, "crawler", {"text": "isi", "author": "akun"}, "twitter", actor="ana")
    insert_source(store, "Feed", "rss", "https://example.org/feed", 15,
                  options={"lang": "id"}, active=False)
    record(store, "ana", "test.note", "document", "t1", {"ok": True})
    return store


def reads(store: Store) -> dict[str, object]:
    """What the dashboard and the command line read, on one store."""
    f = trends.Filters()
    narrow = trends.Filters(start=date(2025, 5, 1), end=date(2025, 5, 3), platforms=("twitter",))
    embedded = load_embeddings(store, ["t1", "t2"], "enc-v1")
    audit = audit_entries(store).drop(columns=["id"])
    return {
        "kpis": trends.kpis(store, f), "kpis_narrow": trends.kpis(store, narrow),
        "options": trends.filter_options(store),
        "volume": trends.volume_over_time(store, f, "day").to_dict("list"),
        "sentiment": trends.sentiment_over_time(store, f, "day").to_dict("list"),
        "top_hoaxes": trends.top_hoaxes(store, f).to_dict("list"),
        "texts": trends.texts(store, f, limit=50).to_dict("list"),
        "search": trends.texts(store, f, search="razia").to_dict("list"),
        "spreading": trends.spreading_claims(store, f).to_dict("list"),
        "clusters": trends.coordination_clusters(store, f).to_dict("list"),
        "export": export_rows(store, f, 100).to_dict("list"),
        "corrections": correction_history(store, "t1").to_dict("list"),
        "reviews": review_history(store, "doc", "t2").to_dict("list"),
        "embeddings": {k: v.round(6).tolist() for k, v in sorted(embedded.items())},
        "claim_bank": claim_bank(store, "enc-v1")[1].round(6).tolist(),
        "presets": list_presets(store).to_dict("list"),
        "sources": source_rows(store).drop(columns=["created_at"]).to_dict("list"),
        "audit": audit.to_dict("list"),
    }


def same(left: dict[str, object], right: dict[str, object]) -> None:
    for key in left:
        assert _plain(left[key]) == _plain(right[key]), key


def _plain(value: object) -> object:
    """Values compared by what they mean: timestamps as instants, JSON as parsed, NaN and
    NaT as None (an all-missing column is NaT on one backend, None on the other)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return value.tz_convert("UTC") if value.tzinfo else value
    if isinstance(value, str) and value[:1] in "{[":
        import json

        try:
            return json.loads(value)
        except ValueError:
            return value
    if value is pd.NaT or isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def test_duckdb_to_postgres_and_back_reads_the_same(tmp_path: Path, pg_store: PgStore) -> None:
    source = rich_store(tmp_path / "source.duckdb")
    copied = copy_store(source, pg_store, chunk_rows=4)  # several chunks per table
    assert copied["documents"] == 9 and copied["scores"] == 15
    assert copied["corrections"] == 2 and copied["reviews"] == 2 and copied["embeddings"] == 2
    expected = reads(source)
    same(expected, reads(pg_store))
    # the trigram index, dropped for the copy, is built again over the copied texts
    assert pg_store.scalar("SELECT count(*) FROM pg_index i JOIN pg_class c "
                           "ON c.oid = i.indexrelid WHERE c.relname = 'documents_text_trgm' "
                           "AND i.indisvalid") == 1
    back = Store(tmp_path / "back.duckdb")
    assert copy_store(pg_store, back, chunk_rows=4) == copied
    same(expected, reads(back))
    assert back.scalar("SELECT value FROM meta WHERE key = 'schema_version'") \
        == str(SCHEMA_VERSION)


def test_new_rows_after_a_copy_get_fresh_ids(tmp_path: Path, pg_store: PgStore) -> None:
    source = rich_store(tmp_path / "source.duckdb")
    copy_store(source, pg_store)
    add_correction(pg_store, "t1", "sentiment", "positive", "citra")
    record(pg_store, "citra", "test.after", "document", "t2", None)
    ids = audit_entries(pg_store)["id"].tolist()
    assert len(ids) == len(set(ids))
    assert correction_history(pg_store, "t1")["label"].iloc[-1] == "positive"
    assert pg_store.scalar("SELECT count(DISTINCT rowid) FROM corrections") == 3
    back = Store(tmp_path / "back.duckdb")
    copy_store(pg_store, back)
    record(back, "dewi", "test.back", "document", "t3", None)
    ids = audit_entries(back)["id"].tolist()
    assert len(ids) == len(set(ids)) and max(ids) == ids[0]


def test_a_non_empty_target_is_refused(tmp_path: Path, pg_store: PgStore) -> None:
    source = rich_store(tmp_path / "source.duckdb")
    copy_store(source, pg_store)
    with pytest.raises(TargetNotEmptyError, match="not empty"):
        copy_store(source, pg_store)
    assert trends.kpis(pg_store, trends.Filters())["volume"] == 9  # nothing doubled
    other = build_store(tmp_path / "other.duckdb")
    with pytest.raises(TargetNotEmptyError, match="documents"):
        copy_store(pg_store, other)


def test_a_store_is_not_copied_into_itself(tmp_path: Path) -> None:
    source = build_store(tmp_path / "source.duckdb")
    with pytest.raises(StoreError, match="same store"):
        copy_store(source, Store(tmp_path / "source.duckdb"))
