"""Secrets (passwords, tokens in alert destinations, the YouTube API key, database URLs with
passwords) never reach a log line, the audit log, a page or an export."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.monitor.delivery import send
from analysis.settings import load_settings
from analysis.store import Store
from analysis.store.alerts import add_destination, remove_destination, set_destination_active
from analysis.store.audit import Action, audit_entries, record
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


def test_an_alert_token_never_reaches_the_audit_log(store: Store) -> None:
    """The token of a Telegram URL is its host part: only masking the URL hides it."""
    new_id = add_destination(store, f"tgram://123456:{TOKEN}/-1001", None, "ani")
    set_destination_active(store, new_id, False, "ani")
    remove_destination(store, new_id, "ani")
    logged = audit_entries(store)
    assert len(logged) == 3 and TOKEN not in logged.to_csv()
    assert all("tgram://…/" in details for details in logged["details"])


def test_passwords_database_urls_and_secret_parameters_are_masked_in_the_audit_log(
        store: Store) -> None:
    record(store, "ani", Action.SOURCE_ADD, "source",
           f"https://warta.example/feed?api_key={TOKEN}&page=2",
           {"db": f"postgresql://pantau:{PASSWORD}@db:5432/pantau", "password": PASSWORD,
            "nested": [{"alert_token": TOKEN}], "hook": f"json://u:{PASSWORD}@h/x?token={TOKEN}",
            "note": f"see mailto://humas:{PASSWORD}@mail.example.org"})
    logged = audit_entries(store).to_csv()
    assert TOKEN not in logged and PASSWORD not in logged
    assert "postgresql://pantau:***@db:5432/pantau" in logged
    assert "api_key=***&page=2" in logged


def test_the_audit_page_shows_destinations_masked(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def build(db: Path) -> Store:
        store = build_store(db)
        add_destination(store, DESTINATION, None, "ani")
        return store

    for at in start(tmp_path, monkeypatch, build):
        run(at, "halaman/jejak.py")
        shown = _everything(at)
        assert "Tujuan peringatan ditambahkan" in shown, "the entry is listed"
        assert TOKEN not in shown and PASSWORD not in shown
