"""An open page picks up texts the worker stores, by itself, and keeps the viewer's filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.store import Store
from analysis.store.documents import insert_documents
from tests.dashboard_fixtures import build_store
from tests.e2e_support import WAIT_MS, chromium, no_errors, screenshot, serve
from tests.store_fixtures import documents

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
LIVE_WAIT_MS = 50_000  # the live box looks every 30 s


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    build_store(tmp_path / "pantau.duckdb")
    with serve(tmp_path / "pantau.duckdb", tmp_path / "cache") as url:
        yield url, tmp_path / "pantau.duckdb"


@pytest.fixture
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def test_new_texts_show_up_without_a_reload_and_the_filters_stay(
        browser: Browser, live: tuple[str, Path], tmp_path: Path) -> None:
    url, db = live
    tab: Page = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.set_default_timeout(WAIT_MS)
    tab.goto(url)
    volume = tab.get_by_test_id("stMetric").filter(has_text="Volume teks")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text("9", timeout=WAIT_MS)
    end_day = tab.get_by_role("spinbutton", name="day, Periode (WIB) end date")
    end_day.click()
    tab.keyboard.type("01")
    tab.keyboard.press("Enter")
    tab.get_by_test_id("stMain").get_by_role("heading").first.click()
    expect(volume.get_by_test_id("stMetricValue")).to_have_text("3")

    insert_documents(Store(db), "worker", documents([  # what the worker stores meanwhile
        {"id": "baru1", "text": "Kabar baru dari lapangan", "published_at": "2025-05-01T08:00Z"},
        {"id": "baru2", "text": "Kabar lain, hari berikutnya", "published_at": "2025-05-02T08:00Z"},
    ]))
    sidebar = tab.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("2 teks baru")).to_be_visible(timeout=LIVE_WAIT_MS)
    expect(volume.get_by_test_id("stMetricValue")).to_have_text("4")  # the period kept
    assert "sampai=2025-05-01" in tab.url
    no_errors(tab)
    screenshot(tab, tmp_path / "live.png")
