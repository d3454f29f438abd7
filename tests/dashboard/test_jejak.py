"""Jejak audit: analysts read who changed what and when, filter it and download it; changes
made on the pages are signed with the signed-in account; a sign-in lockout is recorded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import add_account
from analysis.reports.exports import audit_csv
from analysis.store import Store
from analysis.store.audit import Action, audit_entries, record
from analysis.store.presets import save_preset
from tests.dashboard.apptest import run, start
from tests.dashboard.test_auth import login
from tests.dashboard_fixtures import build_store

PASSWORD = "sandi-analis-ani"


def target() -> Store:
    return Store(os.environ["PANTAU_DB"])


def with_entries(db: Path) -> Store:
    store = build_store(db)
    save_preset(store, "tiktok", {"text": "isi"}, None, "ani")
    record(store, "budi", Action.SOURCE_PAUSE, "source", "Warta")
    record(store, "=HYPERLINK(\"http://x\")", Action.SOURCE_ADD, "source", "@SUM(A1)")
    return store


@pytest.fixture
def audit_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    yield from start(tmp_path, monkeypatch, with_entries)


def test_an_analyst_reads_filters_and_downloads_the_log(audit_app: AppTest) -> None:
    run(audit_app)
    run(audit_app, "halaman/jejak.py")
    assert audit_app.title[0].value == "Jejak audit"
    shown = audit_app.dataframe[0].value
    assert shown["Perubahan"].tolist() == ["Sumber ditambahkan", "Sumber dijeda",
                                           "Preset kolom disimpan"]
    assert shown["Jenis"].tolist() == ["Sumber", "Sumber", "Preset kolom"]
    assert shown["Rincian"].tolist()[2] == 'mapping: {"text": "isi"}'
    assert shown["Oleh"].tolist()[1:] == ["budi", "ani"]
    assert [b.proto.label for b in audit_app.get("download_button")] == ["Unduh CSV"]
    audit_app.selectbox(key="aud-actor").set_value("ani")
    run(audit_app)
    assert audit_app.dataframe[0].value["Perubahan"].tolist() == ["Preset kolom disimpan"]
    audit_app.selectbox(key="aud-actor").set_value("")
    audit_app.selectbox(key="aud-action").set_value("source")
    run(audit_app)
    assert audit_app.dataframe[0].value["Perubahan"].tolist() == ["Sumber ditambahkan",
                                                                  "Sumber dijeda"]
    audit_app.selectbox(key="aud-action").set_value("source.pause")
    run(audit_app)
    assert audit_app.dataframe[0].value["Perubahan"].tolist() == ["Sumber dijeda"]


def test_the_download_neutralises_formulas(audit_app: AppTest) -> None:
    """The page's CSV is :func:`audit_csv` of what it shows: a name or an item that starts
    with ``=`` or ``@`` opens in a spreadsheet as text."""
    run(audit_app)
    text = audit_csv(audit_entries(target()), "Asia/Jakarta").decode("utf-8-sig")
    assert text.splitlines()[0] == "at,actor,action,target_kind,target,details"
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert ",=" not in text and ",@" not in text
    assert "+07:00" in text.splitlines()[1]


def test_the_page_says_when_nothing_is_recorded(app: AppTest) -> None:
    run(app)
    run(app, "halaman/jejak.py")
    assert any("Tidak ada perubahan tercatat" in i.value for i in app.info)


@pytest.fixture
def signed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    add_account(tmp_path / "pantau-users.json", "ani", "analyst", PASSWORD)
    yield from start(tmp_path, monkeypatch, build_store, auth="on")


def test_a_change_on_a_page_is_signed_by_the_signed_in_account(signed_in: AppTest) -> None:
    login(run(signed_in), "ani", PASSWORD)
    run(signed_in, "halaman/sumber.py")
    inputs = {i.label: i for i in signed_in.text_input}
    inputs["Alamat feed, folder, atau video/kanal YouTube"].set_value("https://warta.example/rss")
    inputs["Nama (opsional)"].set_value("Warta")
    signed_in.button(key="FormSubmitter:src-add-Tambahkan").click()
    run(signed_in)
    entries = audit_entries(target())
    assert entries[["actor", "action", "target"]].values.tolist() == [
        ["ani", "source.add", "Warta"]]
    run(signed_in, "halaman/jejak.py")
    assert signed_in.dataframe[0].value["Oleh"].tolist() == ["ani"]


def test_a_sign_in_lockout_is_recorded_once(signed_in: AppTest) -> None:
    run(signed_in)
    for _ in range(6):
        login(signed_in, "ani", "salah-sekali")
    entries = audit_entries(target())
    assert entries[["actor", "action", "target"]].values.tolist() == [
        ["anonymous", "account.locked", "ani"]]
    assert "salah-sekali" not in entries.to_csv()


def test_every_kind_of_change_has_words_in_both_languages() -> None:
    """The table says "Sumber dijeda", not ``source.pause``: an action added without words
    would show as its code."""
    from dashboard.texts import TEXT

    for action in Action:
        assert set(TEXT[f"aud_act_{action}"]) == {"id", "en"}, action
        assert f"aud_what_{action.split('.')[0]}" in TEXT, action
