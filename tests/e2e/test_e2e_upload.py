"""End to end with the real model: an analyst uploads an export in the browser, checks the
mapping, imports it, sees the reject report and the scoring progress, then finds the texts in
the summary's charts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FIXTURES
from tests.e2e_support import WAIT_MS, chromium, no_errors, screenshot, screenshot_folder, serve

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def test_upload_import_score_and_see_it_in_the_summary(
    browser: Browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = screenshot_folder(tmp_path_factory)
    with serve(tmp_path / "empty.duckdb") as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(url)
        expect(tab.get_by_text("Belum ada data")).to_be_visible()
        tab.get_by_test_id("stSidebar").get_by_role("link", name="Unggah").click()
        tab.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(EXPORT)
        expect(tab.get_by_text("Pemetaan kolom")).to_be_visible()
        expect(tab.get_by_test_id("stDataFrame").first).to_be_visible()
        tab.get_by_role("button", name="Impor dan nilai").click()
        _import_report(tab)
        screenshot(tab, shots / "unggah_selesai.png")
        tab.get_by_test_id("stSidebar").get_by_role("link", name="Ringkasan").click()
        volume = tab.get_by_test_id("stMetric").filter(has_text="Volume teks")
        expect(volume.get_by_test_id("stMetricValue")).to_have_text("4")
        expect(tab.locator(".js-plotly-plot")).to_have_count(3, timeout=WAIT_MS)
        no_errors(tab)
        screenshot(tab, shots / "ringkasan_setelah_unggah.png")
        context.close()


def _import_report(tab: Page) -> None:
    success = tab.get_by_test_id("stAlertContentSuccess")
    expect(success).to_contain_text("4 teks dinilai", timeout=300_000)
    metrics = tab.get_by_test_id("stMetric")
    for label, value in (("Baris dibaca", "6"), ("Disimpan", "4"), ("Ditolak", "2")):
        expect(metrics.filter(has_text=label).get_by_test_id("stMetricValue")).to_have_text(value)
    expect(tab.get_by_text("Baris yang ditolak dan alasannya")).to_be_visible()
    expect(tab.get_by_role("button", name="Unduh laporan penolakan (CSV)")).to_be_visible()
    no_errors(tab)
