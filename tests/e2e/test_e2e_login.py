"""End to end with logins: ``streamlit run`` with an accounts file, driven by a real Chromium.

A viewer and an analyst sign in; a wrong password is refused; the viewer has no Unggah page;
the analyst downloads the PDF brief and the CSV export from Laporan. Screenshots of the login
and Laporan pages go to ``$PANTAU_SCREENSHOTS`` (default: a temporary folder).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from analysis.accounts import add_account
from tests.dashboard_fixtures import EXPECTED, build_store
from tests.e2e_support import (
    WAIT_MS,
    chromium,
    no_errors,
    screenshot,
    screenshot_folder,
    serve,
    settle,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
expect.set_options(timeout=WAIT_MS)
PASSWORDS = {"ani": "sandi-analis-ani", "kapolres": "sandi-pimpinan-1"}
SUMMARY = "Pantau — Pemantauan Opini Publik"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e-login")
    build_store(folder / "pantau.duckdb")
    users = folder / "pantau-users.json"
    add_account(users, "ani", "analyst", PASSWORDS["ani"])
    add_account(users, "kapolres", "viewer", PASSWORDS["kapolres"])
    with serve(folder / "pantau.duckdb", folder / "cache", users=users) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID",
                                  timezone_id="Asia/Jakarta", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screenshot_folder(tmp_path_factory)


def login(tab: Page, name: str, password: str) -> None:
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
    tab.get_by_label("Nama akun").fill(name)
    tab.get_by_label("Kata sandi").fill(password)
    tab.get_by_role("button", name="Masuk").click()


def nav_links(tab: Page) -> list[str]:
    nav = tab.get_by_test_id("stSidebarNav")
    nav.wait_for()
    return [text.strip().split("\n")[-1] for text in nav.get_by_role("link").all_inner_texts()]


def test_the_login_page_refuses_a_wrong_password(tab: Page, server: str, shots: Path) -> None:
    tab.goto(server)
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
    settle(tab)
    screenshot(tab, shots / "login.png")
    login(tab, "ani", "bukan-sandinya")
    expect(tab.get_by_text("Nama akun atau kata sandi salah.")).to_be_visible()
    expect(tab.get_by_test_id("stMetric")).to_have_count(0)
    for path in ("/hoaks", "/unggah", "/laporan"):
        tab.goto(server + path)
        tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
        settle(tab)
        expect(tab.get_by_test_id("stMetric")).to_have_count(0)
        assert tab.get_by_test_id("stFileUploader").count() == 0, path


def test_a_viewer_has_no_upload_page(tab: Page, server: str) -> None:
    tab.goto(server)
    login(tab, "kapolres", PASSWORDS["kapolres"])
    tab.get_by_role("heading", name=SUMMARY).wait_for()
    links = nav_links(tab)
    assert "Unggah" not in links and {"Ringkasan", "Hoaks", "Laporan"} <= set(links), links
    sidebar = tab.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("kapolres")).to_be_visible()
    expect(sidebar.get_by_text("Pimpinan (lihat saja)")).to_be_visible()
    sidebar.get_by_role("link", name="Hoaks").click()
    tab.get_by_role("heading", name="Teks paling mirip hoaks").wait_for()
    settle(tab)
    assert tab.get_by_role("button", name="Simpan status").count() == 0
    no_errors(tab)


def test_an_analyst_downloads_the_brief_and_the_export(tab: Page, server: str,
                                                       shots: Path, tmp_path: Path) -> None:
    tab.goto(server)
    login(tab, "ani", PASSWORDS["ani"])
    tab.get_by_role("heading", name=SUMMARY).wait_for()
    assert "Unggah" in nav_links(tab)
    chart = tab.locator(".js-plotly-plot").first
    chart.hover()
    expect(chart.locator("[data-title='Download plot as a PNG']")).to_have_count(1)
    tab.get_by_test_id("stSidebar").get_by_role("link", name="Laporan").click()
    tab.get_by_role("heading", name="Laporan dan ekspor").wait_for()
    expect(tab.get_by_text(f"Ekspor ini memuat {EXPECTED['volume']} teks.")).to_be_visible()
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "laporan.png")
    tab.get_by_text("Sertakan narasi utama").click()  # the real model is tested elsewhere
    settle(tab)
    with tab.expect_download() as pdf:
        tab.get_by_role("button", name="Unduh ringkasan PDF").click()
    assert pdf.value.suggested_filename == "pantau-2025-05-01_2025-05-05-ringkasan.pdf"
    data = Path(pdf.value.path()).read_bytes()
    assert data.startswith(b"%PDF-"), data[:20]
    with tab.expect_download() as csv:
        tab.get_by_role("button", name="Unduh CSV").click()
    text = Path(csv.value.path()).read_bytes().decode("utf-8-sig")
    assert text.startswith("id,waktu_wib,jenis,platform,sumber,penulis,teks,sentimen_model")
    assert "akun_b" not in text, "pseudonymised by default"
    assert len(text.strip().splitlines()) == EXPECTED["volume"] + 1
    tab.get_by_role("button", name="Keluar").click()
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
