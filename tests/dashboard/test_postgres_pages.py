"""Every page of the dashboard over a PostgreSQL store shows what it shows over the DuckDB file.

The fixture store is built as a DuckDB file and copied into a fresh database on the real
PostgreSQL server (``pantau store copy``); then each page is run in AppTest, once with
``PANTAU_DB`` the file and once the server's URL, and what a reader sees is compared: the
numbers of every KPI, the rows and columns of every table, the headings, the options of every
select box and how many charts. The page tests themselves run on the DuckDB file; the store
functions behind them run on PostgreSQL in ``tests/store/test_dialect.py``. This checks the
pages' own use of them end to end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import PgStore, Store
from analysis.store.transfer import copy_store
from tests.dashboard.apptest import APP, clear_streamlit_caches, run
from tests.dashboard_fixtures import EXPECTED, build_store
from tests.pg_server import PgServer, fresh_database

PAGES = sorted(p.name for p in (APP.parent / "halaman").glob("*.py"))


def seen(at: AppTest) -> dict[str, Any]:
    """What a reader sees of a page, without what depends on the clock (the live box)."""
    return {
        "titles": [t.value for t in at.title] + [h.value for h in at.header]
        + [h.value for h in at.subheader],
        "metrics": [(m.label, m.value) for m in at.metric],
        "tables": [(tuple(d.value.columns), len(d.value)) for d in at.dataframe],
        "selects": [(s.label, tuple(map(str, s.options))) for s in at.selectbox],
        "charts": len(at.get("plotly_chart")),
        "errors": [e.value for e in at.error],
    }


def every_page(monkeypatch: pytest.MonkeyPatch, db: str, cache: Path) -> dict[str, Any]:
    monkeypatch.setenv("PANTAU_DB", db)
    monkeypatch.setenv("PANTAU_CACHE", str(cache))
    monkeypatch.setenv("PANTAU_AUTH", "off")
    monkeypatch.delenv("PANTAU_USERS", raising=False)
    clear_streamlit_caches()
    try:
        at = run(AppTest.from_file(str(APP), default_timeout=60))
        views = {"app.py": seen(at)}
        for page in PAGES:
            views[page] = seen(run(at, f"halaman/{page}"))
        return views
    finally:
        clear_streamlit_caches()


def test_every_page_shows_the_same_on_postgresql(tmp_path: Path, pg_server: PgServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "pantau.duckdb"
    build_store(file)
    with fresh_database(pg_server) as url:
        copy_store(Store(file), PgStore(url))
        on_duckdb = every_page(monkeypatch, str(file), tmp_path / "cache-duckdb")
        on_postgres = every_page(monkeypatch, url, tmp_path / "cache-postgres")
    assert ("Volume teks", str(EXPECTED["volume"])) in on_duckdb["app.py"]["metrics"]
    for page, view in on_duckdb.items():
        assert not view["errors"], (page, view["errors"])
        assert on_postgres[page] == view, page
