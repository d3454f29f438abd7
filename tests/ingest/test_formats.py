"""File formats an analyst can upload, and the limits on what one upload may hold."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import ConfigError, IngestError
from analysis.ingest import Archive, IngestOptions, Rejection, file_format, open_export, preview
from analysis.ingest import jsonstream as jsonstream_module
from analysis.pipeline import import_file, import_path
from analysis.settings import load_settings
from analysis.store import Store
from analysis.store.documents import document_count, list_uploads
from tests.data.bad.make_corpus import workbook

ROW = "Jalan rusak di Cibubur belum diperbaiki"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(path: Path, options: IngestOptions | None = None
             ) -> tuple[pd.DataFrame, list[Rejection]]:
    batches = list(open_export(path, options).batches())
    records = pd.concat([b.records for b in batches], ignore_index=True) if batches else None
    return records, [r for b in batches for r in b.rejects]  # type: ignore[return-value]


def json_path(tmp_path: Path, data: object, name: str = "x.json") -> Path:
    return write(tmp_path, name, json.dumps(data, ensure_ascii=False))


# --- delimited text ------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path, "x.csv", f"isi{delimiter}tanggal\n{ROW}{delimiter}8 Juli 2025\n")
    assert open_export(path).info.delimiter == delimiter


def test_quoted_field_keeps_its_newlines_and_delimiters(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", 'isi;tanggal\n"satu; dua\ntiga, empat";8 Juli 2025\n')
    records, _ = read_all(path)
    assert records.text.tolist() == ["satu; dua\ntiga, empat"]


def test_a_short_last_row_with_a_multiline_field_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", 'tanggal,isi,akun\n8 Juli 2025,"satu, dua\ntiga"\n')
    records, rejects = read_all(path)
    assert records.text.tolist() == ["satu, dua\ntiga"] and rejects == []


def test_tab_file_named_tab_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "komentar.tab", f"text\tpublishedAt\n{ROW}\t2025-07-09T03:12:45Z\n")
    assert open_export(path).info.delimiter == "\t"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "x.txt", f"isi\ttanggal\n{ROW}\t8 Juli 2025\n".encode(codec))
    assert open_export(path).info.encoding == codec
    assert read_all(path)[0].text.tolist() == [ROW]


def test_utf8_with_stray_cp1252_bytes_is_read_as_both(tmp_path: Path) -> None:
    data = "isi,tanggal\nKopi ☕ enak,8 Juli 2025\n".encode() + "“Mahal”,8 Juli 2025\n".encode(
        "cp1252")
    path = write(tmp_path, "x.csv", data)
    assert open_export(path).info.encoding == "utf-8+cp1252"
    assert read_all(path)[0].text.tolist() == ["Kopi ☕ enak", "“Mahal”"]


def test_bytes_cp1252_lacks_fall_back_to_latin1(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b"isi,tanggal\nKode \x81 aneh,8 Juli 2025\n")
    assert open_export(path).info.encoding == "latin-1"


def test_control_characters_are_refused_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17] * 20))
    with pytest.raises(IngestError, match="looks binary"):
        open_export(path)


# --- XLSX ----------------------------------------------------------------------------------------


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    path.write_bytes(workbook(sheets))
    return path


DATA_SHEET = [["isi", "tanggal"], [ROW, "8 Juli 2025"]]


def test_every_sheet_is_offered_and_the_first_is_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", {"Data": DATA_SHEET, "Lain": [["a"], ["b"]]})
    info, rows = preview(path)
    assert info.sheets == ["Data", "Lain"] and rows.isi.tolist() == [ROW]


def test_a_sheet_without_text_names_the_other_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", {"Catatan": [["catatan"]], "Data": DATA_SHEET})
    with pytest.raises(IngestError, match="Other sheets: Data; pick one with --sheet NAME"):
        open_export(path)


def test_a_workbook_named_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.csv", {"Data": DATA_SHEET})
    assert open_export(path).info.format == "xlsx"
    assert read_all(path)[0].text.tolist() == [ROW]


# --- JSON ----------------------------------------------------------------------------------------

TWEET = {"full_text": ROW, "created_at": "2025-07-09T03:12:45Z",
         "user": {"screen_name": "budi", "followers": 12}, "hashtags": ["jalan", "bekasi"],
         "possibly_sensitive": False, "geo": None}


def test_json_list_flattens_nested_objects_to_dotted_columns(tmp_path: Path) -> None:
    info, rows = preview(json_path(tmp_path, [TWEET]))
    assert info.format == "json"
    assert info.columns == ["full_text", "created_at", "user.screen_name", "user.followers",
                            "hashtags", "possibly_sensitive", "geo"]
    assert info.mapping["author"] == "user.screen_name"


def test_json_values_become_the_text_a_spreadsheet_would_hold(tmp_path: Path) -> None:
    _, rows = preview(json_path(tmp_path, [TWEET]))
    assert rows.iloc[0][["user.followers", "hashtags", "possibly_sensitive", "geo"]].tolist() == [
        "12", '["jalan", "bekasi"]', "false", ""]


def test_json_rows_are_numbered_like_a_spreadsheet(tmp_path: Path) -> None:
    records, _ = read_all(json_path(tmp_path, [TWEET, TWEET | {"full_text": "Dua"}]))
    assert records.row_number.tolist() == [2, 3]


def test_json_object_holding_the_list_is_read(tmp_path: Path) -> None:
    path = json_path(tmp_path, {"meta": {"count": 1}, "tags": ["a"], "data": [TWEET]})
    assert read_all(path)[0].text.tolist() == [ROW]


def test_json_object_without_a_list_of_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="holds a JSON object without a list of records"):
        open_export(json_path(tmp_path, {"status": "ok", "items": [1, 2]}))


def test_a_field_first_seen_late_is_still_a_column(tmp_path: Path) -> None:
    later = TWEET | {"lokasi": "Bekasi"}
    info, _ = preview(json_path(tmp_path, [TWEET] * 3 + [later]))
    assert info.columns[-1] == "lokasi"


def test_json_items_that_are_not_objects_are_rejected_by_index(tmp_path: Path) -> None:
    _, rejects = read_all(json_path(tmp_path, [TWEET, "teks", 7]))
    assert [(r.row, r.code) for r in rejects] == [(3, "bad_row"), (4, "bad_row")]
    assert rejects[0].reason == 'record 2 is a string ("teks"), not an object with fields'


def test_truncated_json_names_the_line_and_stores_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", '[\n{"text": "a", "date": "2025-07-08"},\n{"text": "b')
    with pytest.raises(IngestError, match=r"'x.json' is not valid JSON at line 3: .* cut off"):
        open_export(path)


def test_text_after_the_json_value_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", '[{"text": "a", "date": "2025-07-08"}] [1]')
    with pytest.raises(IngestError, match="more after the first JSON value"):
        open_export(path)


def test_records_longer_than_the_read_ahead_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonstream_module, "_CHUNK", 7)
    data = [{"text": "x" * 50, "n": 1234567, "date": "2025-07-08"}, {"text": "é", "n": 1.5e3,
                                                                    "date": "2025-07-09"}]
    _, rows = preview(json_path(tmp_path, data))
    assert rows.to_dict("records") == [{"text": "x" * 50, "n": "1234567", "date": "2025-07-08"},
                                       {"text": "é", "n": "1500", "date": "2025-07-09"}]


def test_json_batches_report_growing_byte_counts(tmp_path: Path) -> None:
    path = json_path(tmp_path, [TWEET | {"full_text": f"{ROW} {i}"} for i in range(3)])
    progress = [b.bytes_read for b in open_export(path, IngestOptions(batch_rows=1)).batches()]
    assert progress == sorted(progress) and progress[-1] == path.stat().st_size


def test_jsonl_rows_are_line_numbers_plus_one(tmp_path: Path) -> None:
    path = write(tmp_path, "x.jsonl", "\n".join(json.dumps(TWEET) for _ in range(2)) + "\n")
    records, _ = read_all(path)
    assert open_export(path).info.format == "jsonl" and records.row_number.tolist() == [2, 3]


def test_broken_jsonl_line_is_rejected_and_the_rest_stored(tmp_path: Path) -> None:
    good = json.dumps(TWEET)
    path = write(tmp_path, "x.ndjson", f"{good}\n\n{{broken\n{good}\n")
    records, rejects = read_all(path)
    assert records.row_number.tolist() == [2, 5]
    assert [(r.row, r.code) for r in rejects] == [(4, "bad_row")]
    assert rejects[0].reason.startswith("line 3 is not valid JSON")


def test_json_lines_named_json_are_recognised(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps(TWEET) + "\n" + json.dumps(TWEET) + "\n")
    assert open_export(path).info.format == "jsonl"


def test_a_json_list_named_jsonl_is_read_as_a_list(tmp_path: Path) -> None:
    assert open_export(json_path(tmp_path, [TWEET], "x.jsonl")).info.format == "json"


# --- ZIP -----------------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


GOOD = f"isi,tanggal\n{ROW},8 Juli 2025\n"


def test_each_file_in_a_zip_is_its_own_upload(tmp_path: Path, store: Store) -> None:
    path = _zip(tmp_path / "pekan.zip", {"senin.csv": GOOD, "selasa.json": json.dumps([TWEET])})
    reports = import_path(store, path)
    assert [(r.filename, r.stored) for r in reports] == [("pekan.zip/senin.csv", 1),
                                                         ("pekan.zip/selasa.json", 0 + 1)]
    assert sorted(list_uploads(store).filename) == ["pekan.zip/selasa.json", "pekan.zip/senin.csv"]


def test_a_bad_member_does_not_stop_the_others(tmp_path: Path, store: Store) -> None:
    path = _zip(tmp_path / "x.zip", {"a.csv": "a,b\n1,2\n", "b.csv": GOOD})
    reports = import_path(store, path)
    assert reports[0].error is not None and "No text column found in 'a.csv'" in reports[0].error
    assert reports[0].summary()["error"] == reports[0].error
    assert reports[1].stored == 1 and document_count(store) == 1


def test_import_file_on_a_zip_points_to_import_path(tmp_path: Path, store: Store) -> None:
    with pytest.raises(IngestError, match="import_path"):
        import_file(store, _zip(tmp_path / "x.zip", {"a.csv": GOOD}))


def test_zip_progress_grows_to_the_unpacked_total(tmp_path: Path, store: Store) -> None:
    path = _zip(tmp_path / "x.zip", {"a.csv": GOOD, "b.csv": GOOD.replace("rusak", "licin")})
    seen: list[tuple[int, int]] = []
    import_path(store, path, progress=lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (2 * len(GOOD.encode()), 2 * len(GOOD.encode()))


def test_zip_skips_macos_clutter_and_removes_its_unpacked_files(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.zip", {"d/a.csv": GOOD, "__MACOSX/d/._a.csv": "x", ".DS_Store": "x"})
    with Archive(path) as archive:
        assert archive.names == ["d/a.csv"]
        unpacked = [member.path for member in archive.members()]
    assert len(unpacked) == 1 and not any(p is not None and p.exists() for p in unpacked)


def test_a_zip_member_over_the_upload_limit_is_refused_alone(tmp_path: Path, store: Store) -> None:
    path = _zip(tmp_path / "x.zip", {"big.csv": GOOD + f"{ROW} lagi,9 Juli 2025\n" * 100,
                                     "small.csv": GOOD})
    assert path.stat().st_size < 1000
    reports = import_path(store, path, IngestOptions(max_bytes=1000))
    assert reports[0].error is not None and "over the upload limit" in reports[0].error
    assert reports[1].stored == 1


@pytest.mark.parametrize("name,expected", [("a.csv", "csv"), ("a.tsv", "csv"), ("a.xlsx", "xlsx"),
                                           ("a.json", "json"), ("a.ndjson", "jsonl"),
                                           ("a.zip", "zip")])
def test_file_format_by_name(tmp_path: Path, name: str, expected: str) -> None:
    path = _zip(tmp_path / name, {"a.csv": GOOD}) if expected == "zip" else write(
        tmp_path, name, GOOD)
    assert file_format(path) == expected


# --- limits --------------------------------------------------------------------------------------


def test_a_file_over_the_byte_limit_names_size_limit_and_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", GOOD)
    with pytest.raises(IngestError) as raised:
        open_export(path, IngestOptions(max_bytes=10))
    assert str(raised.value) == (
        f"'x.csv' is {len(GOOD.encode())} bytes, over the upload limit of 10 bytes. "
        "Raise the limit with PANTAU_MAX_UPLOAD_MB=1 (or more), or split the file")


def test_reading_stops_at_the_row_limit_keeping_what_was_stored(tmp_path: Path,
                                                                store: Store) -> None:
    rows = "".join(f"{ROW} {i},8 Juli 2025\n" for i in range(5))
    path = write(tmp_path, "x.csv", "isi,tanggal\n" + rows)
    with pytest.raises(IngestError) as raised:
        import_file(store, path, IngestOptions(max_rows=3, batch_rows=2))
    assert str(raised.value).startswith(
        "'x.csv' has more than 3 rows, the PANTAU_MAX_ROWS limit: reading stopped at row 5. "
        "The 3 rows before it were imported and stay stored.")
    assert document_count(store) == 3


def test_a_file_at_the_row_limit_imports_whole(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, "x.csv", GOOD)
    assert import_file(store, path, IngestOptions(max_rows=1)).stored == 1


def test_limit_settings_default_and_read_the_environment() -> None:
    assert (load_settings({}).max_upload_mb, load_settings({}).max_rows) == (500, 5_000_000)
    settings = load_settings({"PANTAU_MAX_UPLOAD_MB": "20", "PANTAU_MAX_ROWS": "1000"})
    assert (settings.max_upload_bytes, settings.max_rows) == (20 * 1024 * 1024, 1000)
    assert IngestOptions().max_bytes == load_settings({}).max_upload_bytes


@pytest.mark.parametrize("env,message", [
    ({"PANTAU_MAX_UPLOAD_MB": "banyak"}, "PANTAU_MAX_UPLOAD_MB='banyak' is not a whole number"),
    ({"PANTAU_MAX_ROWS": "0"}, "PANTAU_MAX_ROWS=0 is outside"),
])
def test_bad_limit_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_cli_applies_the_row_limit_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", GOOD + f"{ROW} lagi,9 Juli 2025\n")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score"], env={"PANTAU_MAX_ROWS": "1"})
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'x.csv' has more than 1 rows, the PANTAU_MAX_ROWS")


def test_cli_reports_a_bad_zip_member_and_exits_1(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.zip", {"a.csv": "a,b\n1,2\n", "b.csv": GOOD})
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score"])
    assert result.exit_code == 1
    assert "x.zip/b.csv: 1 rows read, 1 stored" in result.output
    assert "Error: 1 file(s) could not be imported:\n  x.zip/a.csv: No text column" in result.output


def test_cli_writes_every_zip_members_rejects_with_its_file(tmp_path: Path) -> None:
    bad_date = "isi,tanggal\nSatu,bukan tanggal\n"
    path = _zip(tmp_path / "x.zip", {"a.csv": bad_date, "b.csv": bad_date.replace("Satu", "Dua")})
    out = tmp_path / "rejects.csv"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "p.duckdb"),
                                       "--no-score", "--allow-rejects", "--rejects", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["file", "row", "column", "code", "reason"]
    assert frame.file.tolist() == ["x.zip/a.csv", "x.zip/b.csv"]
