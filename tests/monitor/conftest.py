"""The monitoring tests' store: a DuckDB file, or for a test marked :data:`BOTH` once on each
backend (a DuckDB file, then a PostgreSQL database of its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import Store


@pytest.fixture
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if getattr(request, "param", "duckdb") == "postgres":
        return request.getfixturevalue("pg_store")  # type: ignore[no-any-return]
    return Store(tmp_path / "pantau.duckdb", lock_timeout_s=5.0)
