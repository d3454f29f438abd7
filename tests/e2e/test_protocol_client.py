"""The load benchmark's browserless viewer (``benchmarks/streamlit_client.py``) drives the real
app over Streamlit's websocket protocol: pages run, widgets change, the address follows."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from benchmarks.streamlit_client import StreamlitSession
from tests.dashboard_fixtures import build_store
from tests.e2e_support import serve

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


async def walk(url: str) -> list[tuple[str, str, list[str]]]:
    seen = []
    async with StreamlitSession(url) as viewer:
        run = await viewer.open()
        seen.append(("open", run.status, run.exceptions))
        start, end = viewer.dates("Periode (WIB)")
        run = await viewer.set_dates("Periode (WIB)", start, start)
        seen.append(("period", run.status, run.exceptions))
        run = await viewer.set_text("Kata kunci", "polisi")
        seen.append(("keyword", run.status, run.exceptions))
        seen.append(("address", viewer.query_string, [start]))
        for page in ("hoaks", "jelajah"):
            run = await viewer.goto(page)
            seen.append((page, run.status, run.exceptions))
        with pytest.raises(KeyError, match="no widget labelled"):
            viewer.dates("Tidak ada")
    return seen


def test_a_viewer_without_a_browser_walks_the_pages(tmp_path: Path) -> None:
    build_store(tmp_path / "pantau.duckdb")
    with serve(tmp_path / "pantau.duckdb", tmp_path / "cache") as url:
        seen = asyncio.run(walk(url))
    address = seen.pop(3)
    assert [(step, status) for step, status, _ in seen] == [
        (step, "FINISHED_SUCCESSFULLY") for step in
        ("open", "period", "keyword", "hoaks", "jelajah")]
    assert all(not exceptions for _, _, exceptions in seen)
    day = address[2][0].replace("/", "-")
    assert f"sampai={day}" in address[1] and "q=polisi" in address[1], address
