"""Pantau runs on an air-gapped intranet: a real Chromium opens every page and every request
the pages make goes to the dashboard's own address (no favicon from fonts.gstatic.com, no
fonts or scripts from a CDN)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.dashboard_fixtures import build_store
from tests.e2e_support import chromium, serve, settle

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
PAGES = ["ringkasan", "hoaks", "narasi", "entitas", "jelajah", "koreksi", "laporan", "unggah"]


def test_every_request_stays_on_the_dashboard_s_own_host(tmp_path: Path) -> None:
    build_store(tmp_path / "pantau.duckdb")
    requested: list[str] = []
    with serve(tmp_path / "pantau.duckdb", cache=tmp_path / "cache") as url, \
            chromium() as browser:
        tab = browser.new_page()
        tab.on("request", lambda request: requested.append(request.url))
        for page in PAGES:
            tab.goto(f"{url}/{page}")
            settle(tab)
        tab.wait_for_timeout(1000)  # the favicon is asked for after the page settles
    assert requested
    foreign = sorted({u for u in requested
                      if urlsplit(u).hostname not in {"127.0.0.1"}
                      and not u.startswith(("data:", "blob:", "about:"))})
    assert foreign == [], foreign
