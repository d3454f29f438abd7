"""Hostile uploads: XLSX bombs, ZIP bombs, path traversal, oversized files, NUL bytes. Each is
refused with a clear message (or read within seconds), and nothing lands outside the store's
folders."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from analysis.errors import IngestError
from analysis.ingest import IngestOptions, preview
from analysis.pipeline import import_path
from analysis.settings import load_settings
from analysis.store import open_store
from tests.security.xlsx_files import cell, write_xlsx

HEADER = [cell("A1", "tanggal"), cell("B1", "komentar")]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PANTAU_DB", str(tmp_path / "store" / "pantau.duckdb"))
    (tmp_path / "store").mkdir()
    return open_store(load_settings())


def _bomb(path: Path, with_header: bool) -> Path:
    rows = {1: HEADER} if with_header else {}
    rows[1_048_576] = [cell("A1048576", "2025-07-08"), cell("B1048576", "teks terakhir")]
    return write_xlsx(path, rows, dimension="A1:XFD1048576")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("with_header", [True, False])
def test_an_xlsx_declaring_the_whole_sheet_is_refused_quickly(
        tmp_path: Path, store, with_header: bool) -> None:  # type: ignore[no-untyped-def]
    bomb = _bomb(tmp_path / "bom.xlsx", with_header)
    assert bomb.stat().st_size < 4000
    began = time.monotonic()
    with pytest.raises(IngestError, match="blank rows"):
        import_path(store, bomb, IngestOptions())
    with pytest.raises(IngestError, match="blank rows"):
        preview(bomb, IngestOptions())
    assert time.monotonic() - began < 15


@pytest.mark.timeout(20)
def test_a_declared_size_far_beyond_the_data_is_not_padded_out(tmp_path: Path) -> None:
    rows = {1: HEADER, 2: [cell("A2", "2025-07-08 10:00"), cell("B2", "Pelayanan cepat sekali")],
            3: [cell("A3", "2025-07-08 11:00"), cell("B3", "Polisi ramah dan sigap")]}
    book = write_xlsx(tmp_path / "lebar.xlsx", rows, dimension="A1:XFD1048576")
    info, frame = preview(book, IngestOptions())
    assert info.columns == ["tanggal", "komentar"]
    assert frame["komentar"].tolist() == ["Pelayanan cepat sekali", "Polisi ramah dan sigap"]
