"""Faults an analyst meets on import get a clear message, and cost no other file its rows."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import IngestError
from analysis.ingest import IngestOptions, open_export
from analysis.pipeline import import_path
from analysis.pipeline import imports as pipeline
from analysis.store import Store

CSV = "text,author,date\nPolisi sigap,budi,2025-07-08 10:00\nDemo damai,ani,2025-07-08 11:00\n"


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("options", "message"), [
    # the name the "unknown encoding" hint itself suggests, on a file without a BOM
    (IngestOptions(encoding="utf-16"), "cannot be decoded as utf-16"),
    (IngestOptions(encoding="rot13"), "Unknown encoding 'rot13'"),
    (IngestOptions(encoding="base64"), "Unknown encoding 'base64'"),
    (IngestOptions(encoding="idna"), "Unknown encoding 'idna'"),
    (IngestOptions(delimiter=";;"), "The delimiter ';;' is not one character"),
])  # fmt: skip
def test_a_wrong_encoding_or_delimiter_is_a_message_not_a_crash(
    tmp_path: Path, options: IngestOptions, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        open_export(write(tmp_path, "a.csv", CSV), options)


def test_one_unreadable_file_of_several_does_not_stop_the_others(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", CSV)
    broken = write(tmp_path, "judul.csv", "Laporan Monitoring Medsos Polda\n\nx\n")
    last = write(tmp_path, "c.csv", CSV.replace("Polisi sigap", "Lalu lintas lancar"))
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "s.duckdb"), "--no-score",
                                       str(first), str(broken), str(last)])  # fmt: skip
    assert result.exit_code == 1
    assert "a.csv: 2 rows read, 2 stored" in result.output
    assert "judul.csv: not imported: No text column found" in result.output
    assert "c.csv: 2 rows read, 1 stored, 1 duplicates" in result.output
    assert "1 file(s) could not be imported" in result.output


def test_a_fault_in_one_member_of_a_zip_is_reported_and_the_rest_imported(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "ekspor.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.csv", CSV)
        zipped.writestr("b.csv", CSV.replace("Demo damai", "Jalan ditutup"))
    real = pipeline.import_file

    def faulty(store: Store, path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "a.csv":
            raise RuntimeError("a fault nobody foresaw")
        return real(store, path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "import_file", faulty)
    first, second = import_path(store, archive)
    assert first.error == "'a.csv' could not be read (RuntimeError: a fault nobody foresaw)"
    assert (second.error, second.stored) == (None, 2)


def test_nan_in_json_is_an_empty_value_and_huge_numbers_stay_text(tmp_path: Path) -> None:
    # what pandas' to_json / Python's json.dump write for missing values
    path = write(tmp_path, "pandas.json",
                 '[{"text":"ok","date":"2025-07-08","likes":NaN},'
                 '{"text":NaN,"date":"2025-07-08","likes":1},'
                 '{"text":"tanpa tanggal","date":NaN,"likes":Infinity}]')
    batches = list(open_export(path).batches())
    reasons = [reject.reason for batch in batches for reject in batch.rejects]
    assert reasons == ["text in column 'text' is empty", "date in column 'date' is empty"]
    assert batches[0].records["likes"].isna().all()
    big = write(tmp_path, "big.jsonl", json.dumps({"text": "angka panjang", "date": "2025-07-08"})
                [:-1] + ', "ref": ' + "9" * 5000 + "}\n")  # fmt: skip
    [batch] = list(open_export(big).batches())
    assert len(batch.records) == 1 and '"ref": "999' in batch.records["extra"][0]


@pytest.mark.parametrize("fast", [True, False])
def test_a_header_repeated_by_gluing_two_exports_is_named_as_such(
    tmp_path: Path, fast: bool
) -> None:
    path = write(tmp_path, "glued.csv", CSV + "\ufefftext,author,date\n" + CSV.split("\n", 1)[1])
    batches = list(open_export(path, IngestOptions(fast=fast)).batches())
    [reject] = [reject for batch in batches for reject in batch.rejects]
    assert (reject.row, reject.code) == (4, "repeated_header")
    assert reject.reason.startswith("the row repeats the header (exports glued together?)")
    assert sum(len(batch.records) for batch in batches) == 4


@pytest.mark.parametrize("fast", [True, False])
def test_title_lines_above_the_header_are_skipped_and_rows_keep_their_numbers(
    tmp_path: Path, fast: bool
) -> None:
    path = write(tmp_path, "laporan.csv", "Laporan Monitoring Medsos Polda\nPeriode: Juli 2025\n\n"
                 "text,author,date\nPolisi sigap,budi,08/07/2025\nDemo damai,ani,kemarin sore\n")
    export = open_export(path, IngestOptions(fast=fast))
    assert export.info.columns == ["text", "author", "date"]
    assert export.info.notes == ("The header is row 4; the 3 lines above it are skipped (a "
                                 "title, a blank line or Excel's sep= line: no columns).",)
    [batch] = list(export.batches())
    assert batch.records["row_number"].tolist() == [5]
    assert [(reject.row, reject.code) for reject in batch.rejects] == [(6, "bad_date")]


def test_excels_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", "sep=;\nTanggal;Komentar;Akun\n"
                                        "08/07/2025 10.00;Pak, tolong cek;budi\n")  # fmt: skip
    export = open_export(path)
    assert (export.info.delimiter, export.info.header_skip) == (";", 1)
    [batch] = list(export.batches())
    assert batch.records["text"].tolist() == ["Pak, tolong cek"]


def test_a_plain_file_has_nothing_skipped(tmp_path: Path) -> None:
    info = open_export(write(tmp_path, "a.csv", CSV)).info
    assert (info.header_skip, info.notes) == (0, ())


def test_the_import_summary_gives_the_days_in_the_analysts_zone(tmp_path: Path) -> None:
    # 02:00 WIB on 8 July is still 7 July in UTC
    path = write(tmp_path, "pagi.csv", "text,author,date\nSahur bersama,budi,2025-07-08 02:00\n")
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "s.duckdb"), "--no-score",
                                       str(path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "dates 2025-07-08 .. 2025-07-08 (Asia/Jakarta)" in result.output



def test_a_header_with_a_blank_first_cell_is_a_header_not_a_title(tmp_path: Path) -> None:
    # pandas' to_csv() of a frame indexed by time
    path = write(tmp_path, "pandas.csv", ",text\n2025-07-01 08:00:00,Jalan rusak di Bekasi\n"
                                         "2025-07-02 09:00:00,Banjir lagi\n")  # fmt: skip
    export = open_export(path, IngestOptions(mapping={"published_at": "column_1"}))
    assert export.info.header_skip == 0 and export.info.columns == ["column_1", "text"]
    [batch] = list(export.batches())
    assert batch.records["text"].tolist() == ["Jalan rusak di Bekasi", "Banjir lagi"]


def test_title_lines_do_not_mislead_the_delimiter_of_a_short_file(tmp_path: Path) -> None:
    path = write(tmp_path, "laporan.csv", "Laporan Monitoring\nPeriode Juli 2025\nisi;tanggal\n"
                 "Jalan rusak, tolong diperbaiki;08/07/2025\nHarga cabai, mahal;09/07/2025\n")
    export = open_export(path)
    assert (export.info.delimiter, export.info.header_skip) == (";", 2)
    [batch] = list(export.batches())
    assert batch.records["text"].tolist() == ["Jalan rusak, tolong diperbaiki",
                                              "Harga cabai, mahal"]


def test_a_repeated_header_with_a_blank_name_is_recognised(tmp_path: Path) -> None:
    path = write(tmp_path, "glued.csv", ",text,date\n1,Polisi sigap,2025-07-08\n"
                                        ",text,date\n2,Demo damai,2025-07-09\n")  # fmt: skip
    [batch] = list(open_export(path).batches())
    assert [(reject.row, reject.code) for reject in batch.rejects] == [(3, "repeated_header")]
