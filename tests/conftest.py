"""Shared fixtures: a temporary store, and the real built-in encoder (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.settings import Settings, load_settings
from analysis.store import Store
from analysis.store.db import release_warm

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


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def encoder(settings: Settings):  # type: ignore[no-untyped-def]
    from analysis.models.registry import builtin_encoder

    return builtin_encoder(settings)
