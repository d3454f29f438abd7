"""The Laporan page through AppTest: what the exports hold, the row count, the buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import analysis.reports.exports
from tests.dashboard.apptest import run, start
from tests.dashboard_fixtures import EXPECTED, build_empty_store

PAGE = "halaman/laporan.py"


def downloads(at: AppTest) -> list[tuple[str, str]]:
    """Each download button's label and address."""
    return [(b.proto.label, b.proto.url) for b in at.get("download_button")]


def test_reports_page_offers_the_three_files_and_says_what_they_hold(app: AppTest) -> None:
    run(app)
    run(app, PAGE)
    assert app.title[0].value == "Laporan dan ekspor"
    assert [s.value for s in app.main.subheader] == [
        "Data teks (CSV / Excel)", "Ringkasan untuk pimpinan (PDF)",
        "Grafik sebagai gambar (PNG)"]
    assert [label for label, _ in downloads(app)] == [
        "Unduh CSV", "Unduh Excel (XLSX)", "Unduh ringkasan PDF"]
    assert f"Ekspor ini memuat {EXPECTED['volume']} teks." in [c.value for c in app.caption]
    assert any("waktu (WIB)" in m.value for m in app.markdown)
    assert any("ikon kamera" in m.value for m in app.markdown)
    pseudonymise, narratives = app.checkbox
    assert narratives.label == "Sertakan narasi utama" and narratives.value is True
    assert pseudonymise.label == "Samarkan nama akun (CSV, Excel dan PDF)"
    assert pseudonymise.value is True


def test_the_count_follows_the_filters(app: AppTest) -> None:
    run(app)
    run(app, PAGE)
    app.sidebar.multiselect[0].select("twitter")
    run(app)
    assert f"Ekspor ini memuat {EXPECTED['twitter_volume']} teks." in [
        c.value for c in app.caption]


def test_a_capped_export_says_what_is_left_out(app: AppTest,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis.reports.exports, "MAX_ROWS", 5)
    run(app)
    run(app, PAGE)
    assert [w.value for w in app.main.warning] == [
        f"Filter ini mencakup {EXPECTED['volume']} teks; ekspor memuat 5 yang terbaru saja. "
        "Persempit periode atau platform untuk mengekspor sisanya."]


def test_the_page_in_english(app: AppTest) -> None:
    run(app)
    app.selectbox(key="lang").set_value("en")
    run(app, PAGE)
    assert app.title[0].value == "Reports and exports"
    assert [label for label, _ in downloads(app)] == [
        "Download CSV", "Download Excel (XLSX)", "Download PDF brief"]


def test_an_empty_store_points_to_the_upload_page(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for at in start(tmp_path, monkeypatch, build_empty_store):
        run(at)
        run(at, PAGE)
        assert [i.value for i in at.info][0].startswith("Belum ada data")
        assert not downloads(at)
