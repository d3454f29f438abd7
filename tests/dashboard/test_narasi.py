"""Narasi: the texts of the period grouped into narratives, on demand or at once when every
text has its stored embedding, through AppTest on the fixture store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analysis.store import Store
from analysis.store.embeddings import store_embeddings
from tests.dashboard.apptest import start
from tests.dashboard_fixtures import build_store
from tests.store_fixtures import planted


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The app over the fixture store, login off, switched to the Narasi page."""
    for at in start(tmp_path, monkeypatch, build_store, timeout=120, own_cache=False):
        at.run()
        at.switch_page("halaman/narasi.py")
        yield at


def _ok(at: Any) -> Any:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_narratives_page_waits_for_the_button(page: Any) -> None:
    _ok(page)
    assert page.title[0].value == "Narasi yang beredar"
    assert [b.label for b in page.button] == ["Kelompokkan narasi"]
    assert any(i.value.startswith("Tekan Kelompokkan narasi") for i in page.info)
    assert not page.get("plotly_chart") and not page.dataframe


@pytest.mark.slow
def test_narratives_page_clusters_on_demand(page: Any) -> None:
    _ok(page)
    page.button[0].click()
    _ok(page)
    assert any(c.value.startswith("1 narasi dari 9 teks sampel") for c in page.caption)
    table = page.dataframe[0].value
    assert table.iloc[0]["≈ Teks"] == 9
    assert len(page.get("plotly_chart")) == 2
    assert [b.label for b in page.button] == ["Hitung ulang"]
    assert any("Polri sigap bantu korban banjir" in m.value for m in page.markdown)
    _ok(page)  # a rerun keeps the result for the same filters
    assert page.dataframe[0].value.iloc[0]["≈ Teks"] == 9


def test_narratives_page_groups_at_once_when_every_text_has_its_embedding(
        page: Any, tmp_path: Path) -> None:
    from analysis.insights.narratives import embedding_version

    store = Store(tmp_path / "pantau.duckdb")
    ids = store.query("SELECT id FROM documents ORDER BY id")["id"].tolist()
    store_embeddings(store, ids, planted(len(ids), seed=5, groups=1), embedding_version())
    _ok(page)
    assert not any(i.value.startswith("Tekan Kelompokkan narasi") for i in page.info)
    assert any(c.value.startswith("1 narasi dari 9 teks sampel") for c in page.caption)
    assert [b.label for b in page.button] == ["Hitung ulang"]
    assert len(page.get("plotly_chart")) == 2


def test_narratives_page_in_english(page: Any) -> None:
    page.session_state["lang"] = "en"
    _ok(page)
    assert page.title[0].value == "Narratives in circulation"
    assert [b.label for b in page.button] == ["Find narratives"]
