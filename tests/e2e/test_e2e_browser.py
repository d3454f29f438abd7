"""End to end: ``streamlit run`` on a fixture store, driven by a real Chromium (Playwright).

Screenshots of every page go to ``$PANTAU_SCREENSHOTS`` (default: a temporary folder) so a
person can look at what a reader sees. Chromium comes from Debian (``make browser``); without
it the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.dashboard_fixtures import (
    CLAIMS,
    DOCS,
    EXPECTED,
    HOAX_ORDER,
    MALICIOUS_TEXT,
    build_store,
)
from tests.e2e_support import (
    WAIT_MS,
    choose,
    chromium,
    no_errors,
    screenshot,
    screenshot_folder,
    serve,
    settle,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served by ``streamlit run`` over the fixture store; its base URL."""
    folder = tmp_path_factory.mktemp("e2e")
    build_store(folder / "pantau.duckdb")
    with serve(folder / "pantau.duckdb", folder / "cache") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="id-ID", timezone_id="Asia/Jakarta")
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.goto(server)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screenshot_folder(tmp_path_factory)








def _open(tab: Page, nav_label: str, heading: str) -> None:
    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name=nav_label).click()
    tab.get_by_role("heading", name=heading).wait_for()


def test_summary_page_shows_kpis_and_charts(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    metrics = tab.get_by_test_id("stMetric")
    expect(metrics).to_have_count(6)
    volume = metrics.filter(has_text="Volume teks")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text(str(EXPECTED["volume"]))
    plots = tab.locator(".js-plotly-plot")
    expect(plots).to_have_count(3)  # volume, sentiment, volume with spikes
    expect(plots.nth(1).locator(".xtick text").first).to_be_attached()
    ticks = plots.first.locator(".xtick text").all_text_contents()
    assert any(re.fullmatch(r"\d\d/\d\d/2025", tick) for tick in ticks), ticks
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "ringkasan.png")


def test_hoax_page_shows_evidence_and_keeps_markup_inert(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Hoaks", "Teks paling mirip hoaks")
    expect(tab.get_by_test_id("stMetric")).to_have_count(len(HOAX_ORDER))
    expect(tab.get_by_text(CLAIMS["c1"]["title"]).first).to_be_visible()
    expect(tab.get_by_text(CLAIMS["c2"]["title"]).first).to_be_visible()
    shown = tab.get_by_text("<script>alert(1)</script>", exact=False)
    # the bare address reads the same (an invisible word joiner after "https:") but is no link
    expect(shown).to_have_text(MALICIOUS_TEXT.replace("https://", "https:\u2060//"))
    settle(tab)
    main = tab.get_by_test_id("stMain")
    assert main.locator("a[href^='javascript'], a[href*='t.co'], script").count() == 0
    assert main.locator("strong", has_text="tebal").count() == 0
    no_errors(tab)
    screenshot(tab, shots / "hoaks.png")


def test_upload_page_shows_uploader_and_recent_imports(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Unggah", "Unggah ekspor")
    expect(tab.get_by_test_id("stFileUploader")).to_be_visible()
    expect(tab.get_by_role("heading", name="Impor terakhir")).to_be_visible()
    expect(tab.get_by_test_id("stDataFrame")).to_have_count(1)
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "unggah.png")


def test_language_and_filters_stay_while_the_reader_moves_around(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    sidebar = tab.get_by_test_id("stSidebar")
    choose(tab, sidebar.get_by_test_id("stSelectbox"), "English")
    tab.get_by_role("heading", name="Pantau — Public Opinion Monitor").wait_for()
    choose(tab, sidebar.get_by_test_id("stMultiSelect").first, "X / Twitter")
    tab.keyboard.press("Escape")
    volume = tab.get_by_test_id("stMetric").filter(has_text="Text volume")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text(str(EXPECTED["twitter_volume"]))
    expect(tab.get_by_role("heading", name="Pantau — Public Opinion Monitor")).to_be_visible()
    settle(tab)
    screenshot(tab, shots / "ringkasan_en.png")
    _open(tab, "Hoaxes", "Most hoax-like texts")
    twitter_scored = [doc_id for doc_id in HOAX_ORDER if doc_id.startswith("t")]
    expect(tab.get_by_test_id("stMetric")).to_have_count(len(twitter_scored))
    expect(sidebar.get_by_test_id("stMultiSelect").first).to_contain_text("X / Twitter")
    assert "platform=twitter" in tab.url, "the filters travel in the address"
    no_errors(tab)


def test_an_analyst_corrects_a_label_in_the_table(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Koreksi", "Koreksi label sentimen")
    tab.get_by_label("Nama analis").fill("Bripka Ani")
    tab.get_by_label("Nama analis").press("Enter")
    grid = tab.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    settle(tab)
    box = grid.bounding_box()
    assert box is not None
    # the Koreksi column is the last one; the first data row sits under the 35 px header
    tab.mouse.dblclick(box["x"] + box["width"] - 40, box["y"] + 35 + 17)
    tab.locator("#portal").get_by_text("Negatif", exact=True).click()
    tab.keyboard.press("Escape")
    save = tab.get_by_role("button", name="Simpan 1 koreksi")
    expect(save).to_be_enabled()
    save.click()
    expect(tab.get_by_text("1 koreksi disimpan atas nama Bripka Ani.")).to_be_visible()
    expect(tab.get_by_test_id("stMetric").filter(has_text="Teks dikoreksi")
           .get_by_test_id("stMetricValue")).to_have_text("1")
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "koreksi.png")


def _click_a_bar_then_back(tab: Page, chart: Locator, shot: Path) -> None:
    """Click the chart's first bar, see the posts behind it, screenshot, then Kembali."""
    bars = chart.locator(".bars path")
    expect(bars.first).to_be_attached()
    settle(tab)
    bars.first.click(force=True)
    heading = tab.get_by_role("heading", name=re.compile(r"^Teks: "))
    expect(heading).to_be_visible()
    expect(tab.get_by_test_id("stMain").get_by_test_id("stDataFrame")).to_have_count(1)
    settle(tab)
    screenshot(tab, shot)
    tab.get_by_role("button", name="Kembali").click()
    expect(heading).to_have_count(0)
    no_errors(tab)


def test_clicking_a_bar_shows_the_posts_behind_it(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _click_a_bar_then_back(tab, tab.locator(".js-plotly-plot").first,
                           shots / "ringkasan_drill.png")


def test_clicking_a_bar_of_the_spike_chart_shows_its_posts(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    spikes = tab.locator(".js-plotly-plot").nth(2)  # after the volume and sentiment charts
    expect(spikes.locator(".gtitle")).to_have_text(re.compile("lonjakan"))
    _click_a_bar_then_back(tab, spikes, shots / "ringkasan_lonjakan_drill.png")


def test_changing_the_period_changes_the_figures_and_the_address(tab: Page) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    volume = tab.get_by_test_id("stMetric").filter(has_text="Volume teks")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text(str(len(DOCS)))
    # the period field is a row of day / month / year segments; end day 05 → 01
    end_day = tab.get_by_role("spinbutton", name="day, Periode (WIB) end date")
    end_day.click()
    tab.keyboard.type("01")
    tab.keyboard.press("Enter")
    tab.get_by_test_id("stMain").get_by_role("heading").first.click()  # leave the field
    expect(volume.get_by_test_id("stMetricValue")).to_have_text("3")
    settle(tab)
    assert "sampai=2025-05-01" in tab.url  # the start is the default one: not in the address
    no_errors(tab)


def test_every_page_opens_without_errors(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    for nav, heading, name in (("Jelajah", "Jelajah teks", "jelajah"),
                               ("Narasi", None, "narasi"), ("Entitas", None, "entitas"),
                               ("Laporan", None, "laporan")):
        tab.get_by_test_id("stSidebar").get_by_role("link", name=nav).click()
        if heading:
            tab.get_by_role("heading", name=heading).wait_for()
        else:
            tab.wait_for_url(re.compile(name))
        settle(tab)
        no_errors(tab)
        screenshot(tab, shots / f"{name}.png")


def test_an_analyst_moves_a_hoax_status_in_the_explore_table(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Jelajah", "Jelajah teks")
    tab.get_by_label("Nama analis").fill("Bripka Ani")
    tab.get_by_label("Nama analis").press("Enter")
    choose(tab, tab.get_by_test_id("stMain").get_by_test_id("stSelectbox").first,
           "skor hoaks tertinggi")
    settle(tab)  # the table is redrawn under a new key: wait until the old one is gone
    grid = tab.get_by_test_id("stMain").get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    box = grid.bounding_box()
    assert box is not None
    # the status column is the first one; the first data row sits under the 35 px header
    tab.mouse.dblclick(box["x"] + 40, box["y"] + 35 + 17)
    tab.locator("#portal").get_by_text("diverifikasi", exact=True).click()
    tab.keyboard.press("Escape")
    save = tab.get_by_role("button", name="Simpan 1 perubahan")
    expect(save).to_be_enabled()
    save.click()
    expect(tab.get_by_text("1 perubahan disimpan atas nama Bripka Ani.")).to_be_visible()
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "jelajah_edit.png")
    _open(tab, "Hoaks", "Teks paling mirip hoaks")
    trail = tab.get_by_text("Bripka Ani → diverifikasi")
    expect(trail).to_have_count(0)  # a closed follow-up is not drawn until it is opened
    tab.get_by_text("Tindak lanjut: diverifikasi").first.click()
    expect(trail.first).to_be_visible()
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "hoaks_follow_up.png")


def test_an_analyst_adds_a_debunk_to_the_claim_bank_and_finds_it(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Hoaks", "Teks paling mirip hoaks")
    tab.get_by_label("Nama analis").fill("Bripka Ani")
    tab.get_by_label("Nama analis").press("Enter")
    settle(tab)
    tab.get_by_role("tab", name="Bank klaim").click()
    bank = tab.get_by_role("tabpanel", name="Bank klaim")
    # the table above the form is drawn once its tab shows and can push the form down: wait
    # for it, and for the opened form, so that the click below lands where it aims
    expect(bank.get_by_test_id("stDataFrame")).to_be_visible()
    bank.get_by_text("Tambah entri ke bank").click()
    expect(bank.get_by_role("button", name="Simpan entri")).to_be_visible()
    bank.get_by_role("textbox", name="Klaim yang beredar").fill(
        "Jembatan Suramadu ditutup total hari ini")
    bank.get_by_role("textbox", name="Fakta / penjelasan").fill(
        "Salah: hanya satu lajur ditutup untuk perbaikan.")
    bank.get_by_role("textbox", name="Tautan klarifikasi (opsional)").fill(
        "https://humas.polri.go.id/suramadu")
    settle(tab)
    bank.get_by_role("button", name="Simpan entri").click()
    expect(bank.get_by_text("Entri disimpan di bank", exact=False)).to_be_visible()
    settle(tab)
    search = bank.get_by_role("textbox", name="Cari di bank (kata dalam klaim atau fakta)")
    search.fill("suramadu lajur")
    search.press("Enter")
    expect(bank.get_by_text("1 entri cocok; 1 ditampilkan, terbaru dulu.")).to_be_visible()
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "bank.png")


def test_a_reader_picks_a_spreading_claim_and_sees_its_texts(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Hoaks", "Teks paling mirip hoaks")
    settle(tab)
    tab.get_by_role("tab", name="Klaim yang beredar").click()
    panel = tab.get_by_role("tabpanel", name="Klaim yang beredar")
    grid = panel.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    expect(panel.get_by_text("Pilih sebuah baris", exact=False)).to_be_visible()
    settle(tab)
    box = grid.bounding_box()
    assert box is not None
    # the row picker is the narrow first column; the first data row sits under the 35 px header
    tab.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
    expect(panel.get_by_text("2 dari 2 teks yang mengulang klaim ini", exact=False)).to_be_visible()
    expect(panel.get_by_text(CLAIMS["c1"]["fact"], exact=False)).to_be_visible()
    expect(panel.get_by_test_id("stDataFrame")).to_have_count(2)
    settle(tab)
    no_errors(tab)
    screenshot(tab, shots / "klaim_beredar.png")
