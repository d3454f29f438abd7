"""The app over the fixture store (:mod:`tests.dashboard_fixtures`), for every page's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import start
from tests.dashboard_fixtures import build_empty_store, build_store


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app over the fixture store, login off, not yet run."""
    yield from start(tmp_path, monkeypatch, build_store)


@pytest.fixture
def empty_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app over a store with no documents."""
    yield from start(tmp_path, monkeypatch, build_empty_store)
