"""End to end with the organisation's accounts (``PANTAU_AUTH=oidc``): ``streamlit run`` with
the secrets file ``pantau oidc-secrets`` writes, a real OpenID Connect provider on 127.0.0.1
(tests/oidc_provider.py) and a real Chromium.

Open Pantau, press the sign-in button, sign in at the provider, come back signed in with the
role of one's groups (an analyst sees Unggah, a viewer does not), sign out. Someone in no
mapped group is refused. The secrets never reach the page or the server's log.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.dashboard_fixtures import build_store
from tests.e2e_support import (
    WAIT_MS,
    chromium,
    no_errors,
    screenshot,
    screenshot_folder,
    serve,
    settle,
)
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, oidc_provider

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
expect.set_options(timeout=WAIT_MS)
SUMMARY = "Pantau — Pemantauan Opini Publik"
COOKIE_SECRET = "kue-rahasia-uji-" + "y" * 24
PEOPLE = {"ani": {"groups": ["humas-analis", "semua"]},
          "kapolres": {"groups": "pimpinan"},  # one group as a plain string
          "tamu": {"groups": ["semua"]}}


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with oidc_provider(PEOPLE) as running:
        yield running


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e-oidc")


@pytest.fixture(scope="module")
def server(folder: Path, provider: Provider) -> Iterator[str]:
    build_store(folder / "pantau.duckdb")
    settings = {"PANTAU_OIDC_ISSUER": provider.issuer, "PANTAU_OIDC_CLIENT_ID": CLIENT_ID,
                "PANTAU_OIDC_CLIENT_SECRET": CLIENT_SECRET,
                "PANTAU_OIDC_COOKIE_SECRET": COOKIE_SECRET,
                "PANTAU_OIDC_ANALYST_GROUPS": "humas-analis",
                "PANTAU_OIDC_VIEWER_GROUPS": "pimpinan"}
    with serve(folder / "pantau.duckdb", folder / "cache", oidc=settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID",
                                  timezone_id="Asia/Jakarta")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screenshot_folder(tmp_path_factory)


def sign_in(tab: Page, server: str, person: str, shot: Path | None = None) -> None:
    """Pantau's button, the provider's form, and back."""
    tab.goto(server)
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
    assert tab.get_by_label("Kata sandi").count() == 0, "no local password form"
    if shot is not None:
        settle(tab)
        screenshot(tab, shot)
    tab.get_by_role("button", name="Masuk dengan akun organisasi").click()
    tab.get_by_role("heading", name="Penyedia identitas uji").wait_for()
    tab.get_by_label("Pengguna").fill(person)
    tab.get_by_role("button", name="Masuk ke penyedia").click()
    tab.wait_for_url(f"{server}/**")


def nav_links(tab: Page) -> list[str]:
    nav = tab.get_by_test_id("stSidebarNav")
    nav.wait_for()
    return [text.strip().split("\n")[-1] for text in nav.get_by_role("link").all_inner_texts()]


def page_text(tab: Page) -> str:
    return tab.content() + "\n".join(c["value"] for c in tab.context.cookies())


def test_an_analyst_signs_in_with_the_provider_and_out(tab: Page, server: str,
                                                       provider: Provider, shots: Path) -> None:
    sign_in(tab, server, "ani", shots / "oidc-sign-in.png")
    tab.get_by_role("heading", name=SUMMARY).wait_for()
    assert {"person": "ani", "pkce": True, "nonce": True} in provider.exchanges
    assert {"Unggah", "Koreksi", "Jejak audit"} <= set(nav_links(tab))
    sidebar = tab.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("ani", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Analis")).to_be_visible()
    settle(tab)
    no_errors(tab)
    assert CLIENT_SECRET not in page_text(tab) and COOKIE_SECRET not in page_text(tab)
    sidebar.get_by_role("button", name="Keluar").click()
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
    tab.goto(server + "/unggah")
    tab.get_by_role("heading", name="Masuk ke Pantau").wait_for()
    assert tab.get_by_test_id("stFileUploader").count() == 0


def test_a_viewer_group_reads_but_has_no_upload_page(tab: Page, server: str) -> None:
    sign_in(tab, server, "kapolres")
    tab.get_by_role("heading", name=SUMMARY).wait_for()
    links = nav_links(tab)
    assert "Unggah" not in links and {"Ringkasan", "Hoaks", "Laporan"} <= set(links), links
    sidebar = tab.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("kapolres", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Pimpinan (lihat saja)")).to_be_visible()
    tab.goto(server + "/unggah")
    settle(tab)
    assert tab.get_by_test_id("stFileUploader").count() == 0
    no_errors(tab)


def test_someone_in_no_mapped_group_is_refused(tab: Page, server: str, folder: Path,
                                               shots: Path) -> None:
    sign_in(tab, server, "tamu")
    expect(tab.get_by_text("tidak termasuk grup yang diberi akses")).to_be_visible()
    screenshot(tab, shots / "oidc-refused.png")
    expect(tab.get_by_test_id("stMetric")).to_have_count(0)
    tab.get_by_role("button", name="Keluar").click()
    tab.get_by_role("button", name="Masuk dengan akun organisasi").wait_for()
    logs = "".join(path.read_text() for path in folder.glob("streamlit-*.log"))
    assert CLIENT_SECRET not in logs and COOKIE_SECRET not in logs
