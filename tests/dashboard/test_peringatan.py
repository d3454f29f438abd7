"""Peringatan (alerts): destinations added and shown masked, a test message to a receiver on
127.0.0.1, rules switched and their params saved, the log; analysts only."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.accounts import add_account
from analysis.monitor.alerts import rules
from analysis.store import Store
from analysis.store.alerts import list_destinations, raise_events
from tests.dashboard.apptest import run, start
from tests.dashboard_fixtures import build_store
from tests.monitor.receivers import json_receiver

PAGE = "halaman/peringatan.py"
SECRET = "pw-rahasia-42"


def everything(at: AppTest) -> str:
    """Every text the page shows."""
    parts = [e.value for kind in ("markdown", "caption", "success", "error", "info", "title",
                                  "subheader") for e in getattr(at, kind)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(str(p) for p in parts)


def add(at: AppTest, url: str, label: str = "") -> AppTest:
    [url_box, label_box] = [w for w in at.text_input if w.label in ("Alamat Apprise",
                                                                    "Nama (opsional)")]
    url_box.input(url)
    label_box.input(label)
    at.button(key="FormSubmitter:al-add-Tambah").click()
    return run(at)


def test_an_analyst_adds_a_destination_tests_it_and_sees_it_masked(app: AppTest) -> None:
    run(app)
    run(app, PAGE)
    assert app.title[0].value == "Peringatan otomatis"
    assert "Belum ada tujuan" in app.info[0].value
    url_box = next(w for w in app.text_input if w.label == "Alamat Apprise")
    assert url_box.proto.type == 1, "the URL is typed like a password"
    with json_receiver() as (box, port):
        add(app, f"json://humas:{SECRET}@127.0.0.1:{port}/pantau", "Webhook humas")
        assert app.success[0].value == "Tujuan 1 ditambahkan: Webhook humas."
        shown = app.dataframe[0].value
        assert shown["Alamat (disamarkan)"].tolist() == [f"json://127.0.0.1:{port}/…"]
        next(b for b in app.button if b.label == "Kirim uji").click()
        run(app)
    assert [s.value for s in app.success] == ["Webhook humas: terkirim."]
    assert [m["title"] for m in box.received] == ["Pantau: pesan uji"]
    assert SECRET not in everything(app)


def test_a_bad_url_is_refused(app: AppTest) -> None:
    run(app)
    run(app, PAGE)
    add(app, "bogus://token-xyz@host")
    assert "not an Apprise URL" in app.error[0].value
    assert "token-xyz" not in everything(app)


def test_rules_are_switched_and_their_params_saved(app: AppTest) -> None:
    run(app)
    run(app, PAGE)
    app.toggle(key="al-on-claim_spreading").set_value(False)
    app.number_input(key="al-claim_spreading-min_texts").set_value(9)
    app.button(key="FormSubmitter:al-rules-Simpan aturan").click()
    run(app)
    assert "Aturan disimpan." in [s.value for s in app.success]
    table = rules(Store(os.environ["PANTAU_DB"])).set_index("kind")
    assert not table.loc["claim_spreading", "active"]
    assert table.loc["claim_spreading", "params"]["min_texts"] == 9
    assert table.loc["claim_match", "active"]


def test_the_log_shows_deliveries(app: AppTest) -> None:
    run(app)
    store = Store(os.environ["PANTAU_DB"])
    from analysis.monitor.alerts import add_destination

    add_destination(store, "json://127.0.0.1:9/x", "Hook")
    assert list_destinations(store)["id"].tolist() == ["1"]
    raise_events(store, [{"event_key": "k", "kind": "claim_match", "title": "Hoaks jembatan",
                          "body": "isi", "link": None}], ["1"],
                 datetime(2025, 7, 10, 5, tzinfo=UTC))
    run(app, PAGE)
    log = app.dataframe[-1].value
    assert log["Peringatan"].tolist() == ["Hoaks jembatan"]
    assert log["Tujuan"].tolist() == ["Hook"]
    assert log["Status"].tolist() == ["menunggu"]
    assert log["Waktu (WIB)"].tolist() == ["10/07/2025 12:00"]


def test_only_analysts_reach_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, password, role in (("kapolres", "sandi-pimpinan-1", "viewer"),
                                 ("ani", "sandi-analis-ani", "analyst")):
        folder = tmp_path / name
        folder.mkdir()
        add_account(folder / "pantau-users.json", name, role, password)
        at = next(start(folder, monkeypatch, build_store, auth="on"))
        run(at)
        at.text_input(key="login_name").input(name)
        at.text_input(key="login_password").input(password)
        at.button(key="FormSubmitter:login-Masuk").click()
        run(at)
        if role == "analyst":
            assert run(at, PAGE).title[0].value == "Peringatan otomatis"
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(PAGE)
