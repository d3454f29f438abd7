"""A viewer changes nothing: the analyst-only pages (Unggah, Sumber, Peringatan, Jejak audit)
are not in a viewer's navigation, are not reachable by address, and guard themselves when run
anyway; on the pages a viewer reads, pressing every button and typing into every box writes
nothing (the audit log included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import add_account
from analysis.store import Store
from tests.dashboard.apptest import run, start
from tests.dashboard.test_auth import login
from tests.dashboard_fixtures import build_store

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "sandi-pimpinan-1"
TABLES = ["uploads", "documents", "rejects", "scores", "claims", "mapping_presets", "corrections",
          "reviews", "watchlist", "sources", "alert_destinations", "alert_rules", "audit_log"]
ANALYST_ONLY = ["unggah", "sumber", "peringatan", "jejak"]
READ_PAGES = ["ringkasan", "hoaks", "narasi", "entitas", "jelajah", "koreksi", "laporan"]


@pytest.fixture
def viewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    add_account(tmp_path / "pantau-users.json", "kapolres", "viewer", PASSWORD)
    for at in start(tmp_path, monkeypatch, build_store, auth="on"):
        login(run(at), "kapolres", PASSWORD)
        yield at


def snapshot(db: Path) -> dict[str, object]:
    store = Store(db)
    return {table: store.query(f"SELECT * FROM {table}").to_json() for table in TABLES}


@pytest.mark.parametrize("page", ANALYST_ONLY)
def test_analyst_pages_are_not_reachable_by_address(viewer: AppTest, page: str) -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        viewer.switch_page(f"halaman/{page}.py")


@pytest.mark.parametrize("page", ANALYST_ONLY)
def test_analyst_pages_guard_themselves(viewer: AppTest, page: str, tmp_path: Path) -> None:
    """The page run directly (as if the navigation had let it through) stops a viewer before
    it offers any upload, form or button."""
    at = AppTest.from_file(str(ROOT / "dashboard" / "halaman" / f"{page}.py"), default_timeout=30)
    at.session_state["auth_user"] = "kapolres"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("file_uploader") and not at.button and not at.text_input
    assert at.info or at.warning or at.error, "the page says why it shows nothing"


@pytest.mark.parametrize("page", READ_PAGES)
def test_every_button_and_box_a_viewer_can_reach_writes_nothing(
        viewer: AppTest, page: str, tmp_path: Path) -> None:
    db = tmp_path / "pantau.duckdb"
    run(viewer, f"halaman/{page}.py")
    before = snapshot(db)
    for box in list(viewer.main.text_input):
        box.input("polisi")
    run(viewer)
    labels = [b.label for b in viewer.main.button]
    for index in range(len(labels)):
        buttons = list(viewer.main.button)
        if index < len(buttons):
            buttons[index].click()
            run(viewer)
    assert snapshot(db) == before
