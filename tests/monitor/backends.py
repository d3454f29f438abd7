"""Running a monitoring test on both stores: :data:`BOTH` parametrises the ``store`` fixture
(tests/monitor/conftest.py), :func:`db_of` is what ``--db`` / ``PANTAU_DB`` take for it."""

from __future__ import annotations

import pytest

from analysis.store import PgStore, Store

BACKENDS = ["duckdb", "postgres"]
BOTH = pytest.mark.parametrize("store", BACKENDS, indirect=True)
"""The test once on a DuckDB file, once on a PostgreSQL database."""


def db_of(store: Store) -> str:
    """The store as ``--db`` and ``PANTAU_DB`` name it: the file, or the server's URL."""
    return store.url if isinstance(store, PgStore) else str(store.path)
