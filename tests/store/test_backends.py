"""The store's functions on both backends: a DuckDB file and a real PostgreSQL server."""

from __future__ import annotations

from analysis.store import Store
from analysis.store.documents import document_count


def test_a_new_store_is_empty(any_store: Store) -> None:
    assert document_count(any_store) == 0
    assert any_store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == "7"
