"""End to end: ``streamlit run`` on a fixture store, driven by a real Chromium (Playwright).

Screenshots of every page go to ``$PANTAU_SCREENSHOTS`` (default: a temporary folder) so a
person can look at what a reader sees. Chromium comes from Debian (``make browser``); without
it the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.dashboard_fixtures import CLAIMS, EXPECTED, HOAX_ORDER, MALICIOUS_TEXT, build_store

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_TIMEOUT_S = 60.0
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer within {STARTUP_TIMEOUT_S:.0f} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served by ``streamlit run`` over the fixture store; its base URL."""
    folder = tmp_path_factory.mktemp("e2e")
    build_store(folder / "pantau.duckdb")
    port = _free_port()
    env = {**os.environ, "PANTAU_DB": str(folder / "pantau.duckdb"),
           "PANTAU_CACHE": str(folder / "cache")}
    log = folder / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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
    folder = os.environ.get("PANTAU_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _settle(tab: Page) -> None:
    """Wait until Streamlit has finished running the page script."""
    tab.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    tab.wait_for_timeout(500)


def _no_errors(tab: Page) -> None:
    assert tab.get_by_test_id("stException").count() == 0
    assert tab.get_by_test_id("stAlertContentError").count() == 0


def _screenshot(tab: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the window first."""
    height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tab.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 8000)})
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(path), full_page=True)


def _open(tab: Page, nav_label: str, heading: str) -> None:
    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name=nav_label).click()
    tab.get_by_role("heading", name=heading).wait_for()


def test_summary_page_shows_kpis_and_charts(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    metrics = tab.get_by_test_id("stMetric")
    expect(metrics).to_have_count(5)
    volume = metrics.filter(has_text="Volume teks")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text(str(EXPECTED["volume"]))
    plots = tab.locator(".js-plotly-plot")
    expect(plots).to_have_count(2)
    expect(plots.nth(1).locator(".xtick text").first).to_be_attached()
    ticks = plots.first.locator(".xtick text").all_text_contents()
    assert any(re.fullmatch(r"\d\d/\d\d/2025", tick) for tick in ticks), ticks
    _settle(tab)
    _no_errors(tab)
    _screenshot(tab, shots / "ringkasan.png")


def test_hoax_page_shows_evidence_and_keeps_markup_inert(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Hoaks", "Teks paling mirip hoaks")
    expect(tab.get_by_test_id("stMetric")).to_have_count(len(HOAX_ORDER))
    expect(tab.get_by_text(CLAIMS["c1"]["title"]).first).to_be_visible()
    expect(tab.get_by_text(CLAIMS["c2"]["title"]).first).to_be_visible()
    shown = tab.get_by_text("<script>alert(1)</script>", exact=False)
    expect(shown).to_have_text(MALICIOUS_TEXT)
    _settle(tab)
    main = tab.get_by_test_id("stMain")
    assert main.locator("a[href^='javascript'], script").count() == 0
    assert main.locator("strong", has_text="tebal").count() == 0
    _no_errors(tab)
    _screenshot(tab, shots / "hoaks.png")


def test_upload_page_shows_uploader_and_recent_imports(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    _open(tab, "Unggah", "Unggah ekspor")
    expect(tab.get_by_test_id("stFileUploader")).to_be_visible()
    expect(tab.get_by_role("heading", name="Impor terakhir")).to_be_visible()
    expect(tab.get_by_test_id("stDataFrame")).to_have_count(1)
    _settle(tab)
    _no_errors(tab)
    _screenshot(tab, shots / "unggah.png")


def test_language_and_filters_stay_while_the_reader_moves_around(tab: Page, shots: Path) -> None:
    tab.get_by_role("heading", name="Pantau — Pemantauan Opini Publik").wait_for()
    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    tab.get_by_role("option", name="English").click()
    tab.get_by_role("heading", name="Pantau — Public Opinion Monitor").wait_for()
    sidebar.get_by_test_id("stMultiSelect").click()
    tab.get_by_role("option", name="twitter").click()
    tab.keyboard.press("Escape")
    volume = tab.get_by_test_id("stMetric").filter(has_text="Text volume")
    expect(volume.get_by_test_id("stMetricValue")).to_have_text(str(EXPECTED["twitter_volume"]))
    expect(tab.get_by_role("heading", name="Pantau — Public Opinion Monitor")).to_be_visible()
    _settle(tab)
    _screenshot(tab, shots / "ringkasan_en.png")
    _open(tab, "Hoaxes", "Most hoax-like texts")
    twitter_scored = [doc_id for doc_id in HOAX_ORDER if doc_id.startswith("t")]
    expect(tab.get_by_test_id("stMetric")).to_have_count(len(twitter_scored))
    expect(sidebar.get_by_test_id("stMultiSelect")).to_contain_text("twitter")
    _no_errors(tab)
