"""Jelajah (explore): search, sort and edit in place, through AppTest on the fixture store."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import run
from tests.dashboard_fixtures import (
    DOCS,
    EXPECTED,
)

TEXTS = {doc[0]: doc[4] for doc in DOCS}


def test_explore_page_searches_and_sorts_the_posts(app: AppTest) -> None:
    run(app, "halaman/jelajah.py")
    table = app.dataframe[0].value
    assert len(table) == EXPECTED["volume"]
    app.text_input(key="explore_search").input("polisi")
    app.selectbox(key="explore_order").set_value("oldest")
    run(app)
    table = app.dataframe[0].value
    polisi = [doc[4] for doc in sorted(DOCS, key=lambda d: d[2]) if "polisi" in doc[4].lower()]
    assert table["Teks"].tolist() == polisi
    assert table["Tautan"].notna().all()
    app.selectbox(key="explore_order").set_value("hoax")
    app.text_input(key="explore_search").input("")
    run(app)
    assert app.dataframe[0].value["Teks"].tolist()[:2] == [TEXTS["t2"], TEXTS["t5"]]
    assert app.dataframe[0].value["Status hoaks"].tolist()[:2] == ["baru", "baru"]
    save = [b for b in app.button if b.label.startswith("Simpan")]
    # analysts can edit in place; nothing changed yet
    assert [(b.label, b.disabled) for b in save] == [("Simpan 0 perubahan", True)]
