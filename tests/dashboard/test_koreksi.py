"""Koreksi: texts to correct, least certain first, and the model's accuracy on the analysts'
labels, through AppTest on the fixture store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import run
from tests.dashboard_fixtures import (
    DOCS,
)

TEXTS = {doc[0]: doc[4] for doc in DOCS}


def test_correction_page_lists_texts_least_certain_first(app: AppTest) -> None:
    run(app)
    run(app, "halaman/koreksi.py")
    assert app.title[0].value == "Koreksi label sentimen"
    assert len(app.dataframe) == 1
    assert app.button[0].label == "Simpan 0 koreksi" and app.button[0].disabled
    assert "Belum ada koreksi" in " ".join(i.value for i in app.info)
    app.text_input[0].set_value("zzzz-tidak-ada").run()
    assert "Tidak ada teks yang cocok" in " ".join(i.value for i in app.info)


def test_correction_page_shows_accuracy_on_the_analysts_labels(
        app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from analysis.store import Store
    from analysis.store.corrections import add_correction

    target = Store(os.environ["PANTAU_DB"])
    ids = list(TEXTS)
    add_correction(target, ids[0], "sentiment", "neutral", "Ani")
    add_correction(target, ids[1], "sentiment", "negative", "Ani")
    run(app)
    run(app, "halaman/koreksi.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Teks dikoreksi"] == "2"
    assert metrics["Model sesuai analis"].endswith("%")
