"""Secrets (passwords, tokens in alert destinations, the YouTube API key) never reach a log
line, a page or an export."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.monitor.delivery import send
from analysis.settings import load_settings
from analysis.store import Store
from analysis.store.alerts import add_destination
from tests.dashboard.apptest import run, start
from tests.dashboard.test_auth import login
from tests.dashboard_fixtures import build_store
from tests.security.hostile import shown_markdown

TOKEN = "SECRETTOKEN123"
PASSWORD = "SECRETPASS456"
DESTINATION = f"json://pantau:{PASSWORD}@127.0.0.1:9/hook?token={TOKEN}"


def _everything(at: AppTest) -> str:
    tables = [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(shown_markdown(at) + tables)


def test_the_youtube_key_is_not_in_the_settings_shown_in_logs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_YOUTUBE_KEY", "AIzaSECRETKEY789")
    settings = load_settings()
    assert settings.youtube_key == "AIzaSECRETKEY789"
    assert "SECRETKEY" not in repr(settings) and "SECRETKEY" not in str(settings)


def test_a_failed_delivery_logs_no_secret_of_its_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    outcome = send(DESTINATION, "Pantau", "uji")
    assert not outcome.ok
    said = (outcome.error or "") + "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in said and PASSWORD not in said


def test_the_alerts_page_shows_destinations_masked(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def build(db: Path) -> Store:
        store = build_store(db)
        add_destination(store, DESTINATION, None)
        return store

    for at in start(tmp_path, monkeypatch, build):
        run(at, "halaman/peringatan.py")
        shown = _everything(at)
        assert "127.0.0.1" in shown or "json" in shown, "the destination is listed"
        assert TOKEN not in shown and PASSWORD not in shown


def test_a_password_typed_at_the_login_is_never_logged_or_shown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from analysis.accounts import add_account

    caplog.set_level(logging.DEBUG)
    add_account(tmp_path / "pantau-users.json", "kapolres", "viewer", "sandi-pimpinan-1")
    for at in start(tmp_path, monkeypatch, build_store, auth="on"):
        login(run(at), "kapolres", PASSWORD)
        login(at, PASSWORD, "x")
        assert PASSWORD not in "\n".join(r.getMessage() for r in caplog.records)
        assert PASSWORD not in "\n".join(m.value for m in [*at.markdown, *at.error, *at.caption])
