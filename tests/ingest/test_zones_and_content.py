"""Time zones in any spelling, the parts of an Indonesian day, columns recognised by content,
and the stop before a mostly rejected import."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from analysis.errors import MostRowsRejectedError
from analysis.ingest import DateError, IngestOptions, open_export, parse_datetime, preview
from analysis.ingest.options import Batch, Rejection
from analysis.ingest.outcome import check_batch
from analysis.ingest.zone_names import WINDOWS_ZONES
from analysis.ingest.zones import read_zone

WIB = ZoneInfo("Asia/Jakarta")


def _wib(value: str) -> str:
    return parse_datetime(value, tz=WIB)[0].astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-10-16 05:18:19 SE Asia Standard Time", "2022-10-16 05:18:19"),
    ("2022-10-16 05:18:19 W. Australia Standard Time", "2022-10-16 04:18:19"),
    ("2022-10-16 05:18:19 Tokyo Standard Time", "2022-10-16 03:18:19"),
    ("2022-07-16 05:18:19 Pacific Standard Time", "2022-07-16 19:18:19"),  # summer: PDT
    ("2022-01-16 05:18:19 Pacific Standard Time", "2022-01-16 20:18:19"),
    ("2022-10-16 05:18 Asia/Makassar", "2022-10-16 04:18:00"),
    ("2022-10-16 05:18 asia/jakarta", "2022-10-16 05:18:00"),
    ("2022-10-16 05:18:19 GMT+7", "2022-10-16 05:18:19"),
    ("2022-10-16 05:18:19 UTC+07:00", "2022-10-16 05:18:19"),
    ("2022-10-16 05:18:19 (GMT+08:00)", "2022-10-16 04:18:19"),
    ("2022-10-16 05:18:19 +0700", "2022-10-16 05:18:19"),
    ("2022-10-16 05:18:19 -0300", "2022-10-16 15:18:19"),
    ("16 Oktober 2022 10.00 WITA", "2022-10-16 09:00:00"),
    ("16/10/2022 10.00WIT", "2022-10-16 08:00:00"),
    ("2022-03-01 10:00:00 EST", "2022-03-01 22:00:00"),
    ("Minggu, 16 Oktober 2022 08.30 malam", "2022-10-16 20:30:00"),
    ("16 Oktober 2022 12.15 malam", "2022-10-16 00:15:00"),
    ("16 Oktober 2022 1.15 siang", "2022-10-16 13:15:00"),
    ("16 Oktober 2022 11.00 siang", "2022-10-16 11:00:00"),
    ("16 Oktober 2022 4.45 sore", "2022-10-16 16:45:00"),
    ("16 Oktober 2022 6.05 pagi", "2022-10-16 06:05:00"),
    ("Sunday, October 16, 2022 5:18 PM", "2022-10-16 17:18:00"),
    ("1665897499", "2022-10-16 12:18:19"),
    ("1665897499123", "2022-10-16 12:18:19"),
])  # fmt: skip
def test_dates_with_zones_in_any_spelling(value: str, expected: str) -> None:
    assert _wib(value) == expected


@pytest.mark.parametrize("value", [
    "2022-10-16 05:18:19 CST",  # China, Cuba or US Central: not guessed
    "2022-10-16 05:18:19 Planet Mars Standard Time",
    "16/10/2022 05:18 +1600",
    "16 Oktober 2022 13.00 malam",
])  # fmt: skip
def test_zones_that_name_no_single_offset_are_rejected(value: str) -> None:
    with pytest.raises(DateError):
        parse_datetime(value, tz=WIB)


def test_every_windows_zone_names_a_zone_python_knows() -> None:
    assert len(WINDOWS_ZONES) > 130
    moment = datetime(2022, 10, 16, tzinfo=UTC)
    for name in WINDOWS_ZONES:
        zone = read_zone(name)
        assert zone is not None and moment.astimezone(zone).utcoffset() is not None


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_date_named_column_wins_over_numbers_that_read_as_epochs(tmp_path: Path) -> None:
    rows = "".join(f"{1600000000 + n},Komentar panjang nomor {n} soal polisi,{n + 10}/10/2022\n"
                   for n in range(5))
    path = _write(tmp_path, "a.csv", "nomor_pengguna,ulasan,tgl_kejadian\n" + rows)
    info = open_export(path).info
    assert info.mapping["published_at"] == "tgl_kejadian"
    assert info.mapping["text"] == "ulasan"


def test_no_title_is_guessed_for_comments_and_the_analysts_none_stays(tmp_path: Path) -> None:
    rows = "".join(f"2024-03-0{n + 1} 10:00,Komentar warga nomor {n} tentang pelayanan polisi "
                   f"yang cepat,Jakarta Selatan Indonesia Raya {n}\n" for n in range(5))
    path = _write(tmp_path, "b.csv", "dibuat,isi,lokasi_pengguna\n" + rows)
    info = open_export(path).info
    assert info.mapping["text"] == "isi" and "title" not in info.mapping
    none = open_export(path, IngestOptions(mapping={"author": ""})).info
    assert "author" not in none.mapping


def test_the_preview_says_why_a_column_was_chosen(tmp_path: Path) -> None:
    rows = "".join(f"Teks komentar nomor {n} yang cukup panjang,{n + 1} Maret 2024 10.00 WIB\n"
                   for n in range(3))
    info, _ = preview(_write(tmp_path, "c.csv", "ulasan,kapan_diunggah\n" + rows))
    assert info.mapping["published_at"] == "kapan_diunggah"
    assert info.notes[-1] == (
        "'ulasan': free text, 40 characters on average, the longest of the file's columns, so "
        "it is the text (choose another with --map text=COLUMN)")
    assert info.notes[0].startswith("'kapan_diunggah': 100 % of the first 3 values are dates")


def _reject(row: int, code: str = "bad_date") -> Rejection:
    return Rejection(row=row, column="waktu", code=code, reason="why", raw={"waktu": "kemarin?"})


def _batch(rows_in: int, rejects: list[Rejection]) -> Batch:
    import pandas as pd

    return Batch(records=pd.DataFrame(), rejects=rejects, rows_in=rows_in, bytes_read=0)


def test_half_the_rows_rejected_the_same_way_is_not_yet_a_stop() -> None:
    check_batch(_batch(4, [_reject(2), _reject(3)]), "x.csv")
    check_batch(_batch(5, [_reject(2), _reject(3), _reject(4, "empty_text")]), "x.csv")


def test_more_than_half_rejected_the_same_way_stops_once() -> None:
    with pytest.raises(MostRowsRejectedError) as raised:
        check_batch(_batch(5, [_reject(n) for n in range(2, 5)]), "x.csv")
    error = raised.value
    assert (error.code, error.column, error.example, error.count, error.rows) == (
        "bad_date", "waktu", "kemarin?", 3, 5)
    assert str(error).startswith("Column 'waktu' holds 'kemarin?': 3 of the first 5 rows of "
                                 "'x.csv' would be rejected the same way (why), so nothing was "
                                 "imported.")
