"""The dashboard in Streamlit's AppTest over a small store: start it, run a page, and read
what the viewer sees (KPIs, charts, markdown). The page tests share these; the fixtures that
use them are in ``conftest.py``."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def clear_streamlit_caches() -> None:
    """Forget every cached query and resource (the settings too, so each test's environment
    is read)."""
    st.cache_resource.clear()
    st.cache_data.clear()


def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[Path], Any],
          auth: str = "off", timeout: float = 30, own_cache: bool = True) -> Iterator[AppTest]:
    """The app over a store made by ``build``, not yet run; login ``auth`` (off: everyone may
    edit, logins are tested in test_auth.py). Caches are cleared before and after.

    ``own_cache`` gives the app a cache folder of its own (uploads land there); without it the
    app uses the machine's, where the built-in model was set up (a test that loads it)."""
    db = tmp_path / "pantau.duckdb"
    build(db)
    monkeypatch.setenv("PANTAU_DB", str(db))
    if own_cache:
        monkeypatch.setenv("PANTAU_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PANTAU_AUTH", auth)
    monkeypatch.delenv("PANTAU_USERS", raising=False)
    clear_streamlit_caches()
    yield AppTest.from_file(str(APP), default_timeout=timeout)
    clear_streamlit_caches()


def run(at: AppTest, page: str | None = None) -> AppTest:
    """Run (after switching to ``page``) and fail on any exception the page raised."""
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_follow_up(at: AppTest, key: str) -> AppTest:
    """Open the follow-up expander of the item ``key`` (a text id, ``claim-ID`` or
    ``cluster-ID``), as a reader's click does: its content is drawn only when open."""
    at.session_state[f"wf-open-{key}"] = True
    return run(at)


def signs_a_status_change_and_uploads(at: AppTest, name: str, first: str) -> None:
    """A signed-in analyst: no name box (the name comes from the sign-in), a status change on
    the Hoaks page signed ``name``, and the upload page open to them."""
    run(at, "halaman/hoaks.py")
    assert "analyst" not in [w.key for w in at.sidebar.text_input], "name from the sign-in"
    open_follow_up(at, first)
    at.button(key=f"FormSubmitter:wf-{first}-Simpan status").click()
    run(at)
    assert any(f"{name} → diverifikasi" in c.value for c in at.caption)
    run(at, "halaman/unggah.py")
    assert [u.label for u in at.get("file_uploader")] == ["Pilih berkas"]


def kpis(at: AppTest) -> dict[str, tuple[str, str]]:
    """KPI label → (value, delta) as the viewer reads them."""
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def charts(at: AppTest) -> list[dict[str, Any]]:
    """Every Plotly chart on the page, as its JSON spec."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def numbers(array: Any) -> list[float]:
    """A trace's values; Plotly sends numeric arrays as base64 typed arrays."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def texts(at: AppTest) -> list[str]:
    """Every markdown text on the page."""
    return [m.value for m in at.markdown]
