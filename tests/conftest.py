"""Shared fixtures: a temporary store, and the real built-in encoder (built once per session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.settings import Settings, load_settings
from analysis.store import PgStore, Store
from analysis.store.db import release_warm
from tests.pg_server import PgServer, fresh_database, pg_bin, start_server

# The batch commands lower their own priority (PANTAU_BATCH_NICE); run in-process by the CLI
# tests, each would lower the test run's, step by step down to the lowest.
os.environ.setdefault("PANTAU_BATCH_NICE", "0")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _let_go_of_kept_stores():  # type: ignore[no-untyped-def]
    """A page run keeps its store open (Store.keep_warm); each test starts without."""
    yield
    release_warm()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "pantau.duckdb", lock_timeout_s=5.0)


@pytest.fixture
def duckdb_store(tmp_path: Path) -> Store:
    """A DuckDB file store, where a module's ``store`` runs on both backends but a test needs
    the file (the command line's ``--db``)."""
    return Store(tmp_path / "pantau.duckdb", lock_timeout_s=5.0)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A real PostgreSQL server for the session (tests/pg_server.py), stopped at the end."""
    folder = pg_bin()
    if folder is None and os.environ.get("PANTAU_REQUIRE_PG"):
        pytest.fail("PANTAU_REQUIRE_PG is set (make test, CI) but PostgreSQL is not installed")
    if folder is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl in PANTAU_PG_BIN, on PATH "
                    "or in /usr/lib/postgresql/*/bin): the PostgreSQL store tests need it")
    server = start_server(folder)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_store(pg_server: PgServer) -> Iterator[PgStore]:
    """A PgStore on a fresh database of its own, dropped after the test."""
    with fresh_database(pg_server) as url:
        yield PgStore(url, lock_timeout_s=5.0)


@pytest.fixture(params=["duckdb", "postgres"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """The same test on each backend: a DuckDB file, then a PostgreSQL database."""
    if request.param == "duckdb":
        return Store(tmp_path / "pantau.duckdb", lock_timeout_s=5.0)
    return request.getfixturevalue("pg_store")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def encoder(settings: Settings):  # type: ignore[no-untyped-def]
    from analysis.models.registry import builtin_encoder

    return builtin_encoder(settings)
