"""Workbooks as report makers save them: chart sheets, an empty first sheet, blank rows on top."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from analysis.errors import IngestError
from analysis.ingest import IngestOptions, open_export, preview
from analysis.pipeline import import_path
from analysis.store import Store

HEADER = ["text", "author", "date"]
ROWS = [["Polisi sigap", "budi", "2025-07-07 10:00"], ["Hoaks penculikan", "ani", "2025-07-08"]]


def _workbook(path: Path, *, chart_first: bool = False, empty_first: bool = False,
              blank_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    for _ in range(blank_rows):
        data.append([])
    data.append(HEADER)
    for row in ROWS:
        data.append(row)
    data.append(["", "", "tanggal rusak"])  # a row that is rejected, to check its number
    if empty_first:
        book.create_sheet("Sheet1", 0)
    if chart_first:
        chart = BarChart()
        chart.add_data(Reference(data, min_col=1, min_row=1, max_row=3))
        book.create_chartsheet("Grafik", 0).add_chart(chart)
    book.save(path)
    return path


def test_a_chart_sheet_in_front_is_skipped_not_a_crash(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "laporan.xlsx", chart_first=True)
    export = open_export(path)
    assert export.info.sheets == ["Data"] and export.info.sheet == "Data"
    assert sum(len(batch.records) for batch in export.batches()) == 2


def test_a_zip_goes_on_past_a_workbook_with_charts(store: Store, tmp_path: Path) -> None:
    import zipfile

    csv = tmp_path / "c.csv"
    csv.write_text("text,author,date\nLalu lintas lancar,rudi,2025-07-09\n", encoding="utf-8")
    archive = tmp_path / "ekspor.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(_workbook(tmp_path / "b.xlsx", chart_first=True), "b.xlsx")
        zipped.write(csv, "c.csv")
    reports = import_path(store, archive)
    assert [(r.filename, r.stored, r.error) for r in reports] == [
        ("ekspor.zip/b.xlsx", 2, None), ("ekspor.zip/c.csv", 1, None)]


def test_an_empty_first_sheet_gives_way_to_the_data_with_a_note(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ekspor.xlsx", empty_first=True)
    info, head = preview(path)
    assert info.sheets == ["Sheet1", "Data"] and info.sheet == "Data"
    assert head["text"].tolist() == ["Polisi sigap", "Hoaks penculikan", ""]
    assert "'Sheet1', is empty: sheet 'Data' was read" in info.notes[0]
    # naming a sheet reads that one, and an empty one says where the data may be
    with pytest.raises(IngestError, match="Sheet 'Sheet1' of 'ekspor.xlsx' has no cells filled. "
                                          "Other sheets: 'Data'; pick one with --sheet NAME"):
        preview(path, IngestOptions(sheet="Sheet1"))


def test_blank_rows_above_the_header_are_layout_and_row_numbers_stay_the_sheets(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path / "ekspor.xlsx", blank_rows=2)
    export = open_export(path)
    assert export.info.columns == HEADER
    batches = list(export.batches())
    assert sum(len(batch.records) for batch in batches) == 2
    [reject] = [reject for batch in batches for reject in batch.rejects]
    assert reject.row == 6  # two blank rows, the header on row 3, two rows, then this one
    assert batches[0].records["row_number"].tolist() == [4, 5]
