"""Sumber: analysts add, pause and remove sources and see each source's health; the sidebar's
live box counts new texts and names each source's last collection."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from analysis.monitor.sources import add_source, list_sources
from analysis.store import Store
from analysis.store.sources import mark_worker, record_run
from dashboard.queries import live_snapshot
from tests.dashboard.apptest import run


def target() -> Store:
    return Store(os.environ["PANTAU_DB"])


def test_an_analyst_adds_a_source_and_sees_its_health(app: AppTest) -> None:
    run(app)
    run(app, "halaman/sumber.py")
    assert app.title[0].value == "Sumber pemantauan"
    assert any("Worker tidak berjalan" in w.value for w in app.warning)
    form_inputs = {i.label: i for i in app.text_input}
    form_inputs["Alamat feed, folder, atau video/kanal YouTube"].set_value(
        "https://warta.example/rss")
    form_inputs["Nama (opsional)"].set_value("Warta")
    app.button(key="FormSubmitter:src-add-Tambahkan").click()
    run(app)
    assert any("Sumber 'Warta' ditambahkan" in s.value for s in app.success)
    assert list_sources(target())["name"].tolist() == ["Warta"]

    record_run(target(), "Warta", datetime.now(UTC), status="failed",
               error="HTTP 500 from https://warta.example/rss")
    mark_worker(target(), datetime.now(UTC))
    live_snapshot.clear()  # the sidebar looks again after a few seconds: as if they passed
    run(app)
    shown = app.dataframe[0].value
    assert shown["Status"].tolist() == ["GAGAL"]
    assert "HTTP 500" in shown["Galat terakhir"][0]
    assert any("**Warta** gagal dikumpulkan" in e.value and "HTTP 500" in e.value
               for e in app.error)
    assert any("Worker aktif" in s.value for s in app.success)
    assert any("**Warta**" in c.value and ":red[:material/error:]" in c.value
               for c in app.sidebar.caption)


def test_a_bad_target_says_why_and_adds_nothing(app: AppTest) -> None:
    run(app)
    run(app, "halaman/sumber.py")
    {i.label: i for i in app.text_input}[
        "Alamat feed, folder, atau video/kanal YouTube"].set_value("bukan alamat")
    app.button(key="FormSubmitter:src-add-Tambahkan").click()
    run(app)
    assert any("not a usable rss target" in e.value for e in app.error)
    assert list_sources(target()).empty


def test_pausing_and_removing_a_source(app: AppTest) -> None:
    add_source(target(), "rss", "https://warta.example/rss", name="Warta")
    run(app)
    run(app, "halaman/sumber.py")
    next(b for b in app.button if b.label == "Jeda").click()
    run(app)
    assert list_sources(target())["state"].tolist() == ["paused"]
    assert any("dijeda" in s.value for s in app.success)
    app.checkbox(key="src-remove-sure").check()
    run(app)
    next(b for b in app.button if b.label == "Hapus").click()
    run(app)
    assert list_sources(target()).empty
