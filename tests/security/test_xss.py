"""Stored values shown on every page stay text: no HTML, no links but http(s), no images, no
fake headings, in markdown and in the charts' titles, legends and hover texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.apptest import run, start
from tests.security.hostile import (
    LIVE_CHART,
    LIVE_MARKDOWN,
    build_hostile_store,
    chart_strings,
    live,
    shown_markdown,
)

PAGES = ["ringkasan", "hoaks", "narasi", "entitas", "jelajah", "koreksi", "laporan", "unggah",
         "sumber", "peringatan"]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    yield from start(tmp_path, monkeypatch, build_hostile_store)


@pytest.mark.parametrize("page", PAGES)
def test_no_payload_is_live_on_the_page(hostile: AppTest, page: str) -> None:
    run(hostile, f"halaman/{page}.py")
    assert live(shown_markdown(hostile), LIVE_MARKDOWN) == []
    assert live(chart_strings(hostile), [LIVE_CHART]) == []
    cells = [str(v) for frame in hostile.dataframe for column in frame.value.columns
             for v in frame.value[column].tolist()]
    assert not [c for c in cells if c.strip().lower().startswith(("javascript:", "data:"))], \
        "a table's link column would open a script address"


def _drill() -> None:
    from dashboard.views import drill_panel
    from tests.security.hostile import PAYLOAD

    drill_panel(["Polda" + PAYLOAD + "\n===\n", "01/05/2025"], 1, "drill", lambda key: None)


def test_a_drill_down_title_from_data_stays_text() -> None:
    at = AppTest.from_function(_drill).run()
    assert not at.exception
    titles = [h.value for h in at.subheader]
    assert titles and live(titles, LIVE_MARKDOWN) == []


def test_preset_names_with_markup_are_refused(tmp_path: Path) -> None:
    from analysis.errors import IngestError
    from analysis.store import Store
    from analysis.store.presets import save_preset
    from tests.security.hostile import PAYLOAD

    with pytest.raises(IngestError):
        save_preset(Store(tmp_path / "p.duckdb"), "preset" + PAYLOAD, {"text": "isi"}, None)
