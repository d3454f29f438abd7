"""Entitas: the watchlist (add, remove, the examples, a bad query explained), each entity's
share of voice and who talks about it, through AppTest on the fixture store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.apptest import start
from tests.dashboard_fixtures import build_store


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The app over the dashboard fixture store, on the Entitas page, login off."""
    for at in start(tmp_path, monkeypatch, build_store):
        at.run()
        at.switch_page("halaman/entitas.py")
        yield at


def _ok(at: Any) -> Any:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_entity_page_starts_empty_and_offers_the_examples(page: Any) -> None:
    _ok(page)
    assert page.title[0].value == "Entitas yang dipantau"
    assert any(i.value.startswith("Daftar pantau masih kosong") for i in page.info)
    assert not page.get("plotly_chart")
    seed = next(b for b in page.button if b.label.startswith("Tambahkan daftar contoh"))
    seed.click()
    _ok(page)
    summary = page.dataframe[1].value.set_index("Entitas")
    assert summary.loc["Polri", "Teks"] == 1  # "Terima kasih Polri sigap ..."
    assert summary.loc["Tilang", "Teks"] == 1  # "... ditilang semua!"
    assert len(page.get("plotly_chart")) == 2


def test_entity_page_adds_removes_and_explains_a_bad_query(page: Any) -> None:
    _ok(page)
    page.text_input[0].set_value("Sepeda")
    page.text_input[1].set_value('"jalur sepeda')
    page.button(key="FormSubmitter:ent-add-Tambahkan").click()
    _ok(page)
    assert [e.value for e in page.error] == ["Tanda kutip di posisi 1 tidak ditutup."]
    page.text_input[1].set_value("sepeda OR pesepeda")
    page.button(key="FormSubmitter:ent-add-Tambahkan").click()
    _ok(page)
    assert "Sepeda ditambahkan ke daftar pantau." in [s.value for s in page.success]
    summary = page.dataframe[1].value
    assert summary[["Entitas", "Teks", "Porsi suara"]].values.tolist() == [["Sepeda", 2, "100%"]]
    voice = json.loads(page.get("plotly_chart")[0].proto.spec)
    assert voice["layout"]["title"]["text"] == "Porsi suara per hari"
    accounts = page.tabs[2].dataframe[0].value
    assert sorted(accounts["Akun"]) == ["akun_b", "ig_g"]
    posts = page.tabs[2].dataframe[1].value
    assert "URL" in posts and posts["URL"].isna().sum() == 0
    page.button(key=next(b.key for b in page.button if b.label == "Hapus")).click()
    _ok(page)
    assert "Sepeda dihapus dari daftar pantau." in [s.value for s in page.success]
    assert any(i.value.startswith("Daftar pantau masih kosong") for i in page.info)


def test_entity_page_in_english(page: Any) -> None:
    page.session_state["lang"] = "en"  # the picker is drawn by app.py, before the page
    _ok(page)
    assert page.title[0].value == "Watched entities"
    assert page.expander[0].label == "Watchlist (0 entities)"
