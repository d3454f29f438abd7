"""Date parsing: every style found in Indonesian exports lands on the right UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from analysis.ingest import (
    DateError,
    IngestOptions,
    Rejection,
    RelativeDateError,
    open_export,
    parse_datetime,
)
from analysis.ingest.date_columns import decide_column
from analysis.ingest.dates import DateOrderError, is_excel_serial, numeric_order
from analysis.pipeline import import_file
from analysis.store import Store

WIB = ZoneInfo("Asia/Jakarta")
REFERENCE = datetime(2025, 5, 19, 10, 5, 35, tzinfo=WIB)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-09-02 01:39:05+00:00", utc(2021, 9, 2, 1, 39, 5)),
        ("2025-07-08T10:00:00", utc(2025, 7, 8, 3, 0)),
        ("2025-07-08 10:00:00", utc(2025, 7, 8, 3, 0)),
        ("2025-07-08T10:00:00Z", utc(2025, 7, 8, 10, 0)),
        ("2025-07-08T10:00:00.250+07:00", utc(2025, 7, 8, 3, 0, 0, 250000)),
        ("2025-07-08", utc(2025, 7, 7, 17, 0)),
        ("2025-07-08 10:00 WIB", utc(2025, 7, 8, 3, 0)),
        ("Wed Jul 09 03:12:45 +0000 2025", utc(2025, 7, 9, 3, 12, 45)),
        ("1751943600", utc(2025, 7, 8, 3, 0)),
        ("1751943600000", utc(2025, 7, 8, 3, 0)),
        ("8 Juli 2025", utc(2025, 7, 7, 17, 0)),
        ("08/07/2025 14:30", utc(2025, 7, 8, 7, 30)),
        ("8-7-2025", utc(2025, 7, 7, 17, 0)),
        ("08.07.2025 14.30", utc(2025, 7, 8, 7, 30)),
        ("Selasa, 8 Juli 2025 10:00 WIB", utc(2025, 7, 8, 3, 0)),
        ("Selasa, 08 Jul 2025 10.00 WIB", utc(2025, 7, 8, 3, 0)),
        ("Jumat, 11 Juli 2025 | 19:45 WIB", utc(2025, 7, 11, 12, 45)),
        ("8 Agustus 2025 09:00 WITA", utc(2025, 8, 8, 1, 0)),
        ("8 Agt 2025 09:00 WIT", utc(2025, 8, 8, 0, 0)),
        ("8 Juli 2025 10:00 UTC", utc(2025, 7, 8, 10, 0)),
        ("8 Juli 2025 10:00 GMT", utc(2025, 7, 8, 10, 0)),
        ("8 Juli 2025 10:00 +07:00", utc(2025, 7, 8, 3, 0)),
        ("July 8, 2025", utc(2025, 7, 7, 17, 0)),
        ("8 July 2025 2:30 PM", utc(2025, 7, 8, 7, 30)),
        ("07/25/2025", utc(2025, 7, 24, 17, 0)),
    ],
)
def test_absolute_formats_become_utc(value: str, expected: datetime) -> None:
    assert parse_datetime(value, tz=WIB) == (expected, False)


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("Januari", 1), ("Februari", 2), ("Maret", 3), ("April", 4), ("Mei", 5), ("Juni", 6),
        ("Juli", 7), ("Agustus", 8), ("September", 9), ("Oktober", 10), ("November", 11),
        ("Desember", 12), ("Jan", 1), ("Feb", 2), ("Mar", 3), ("Apr", 4), ("Jun", 6),
        ("Jul", 7), ("Agu", 8), ("Agt", 8), ("Ags", 8), ("Sep", 9), ("Okt", 10), ("Nov", 11),
        ("Des", 12), ("December", 12), ("October", 10), ("May", 5), ("August", 8),
    ],
)  # fmt: skip
def test_month_names(name: str, month: int) -> None:
    parsed, _ = parse_datetime(f"15 {name} 2025 12:00", tz=WIB)
    assert (parsed.year, parsed.month, parsed.day, parsed.hour) == (2025, month, 15, 5)


def test_dayfirst_false_reads_month_first() -> None:
    parsed, _ = parse_datetime("07/08/2025", tz=WIB, dayfirst=False)
    assert parsed == utc(2025, 7, 7, 17, 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4 minggu yang lalu", REFERENCE - timedelta(weeks=4)),
        ("4 minggu yang lalu (diedit)", REFERENCE - timedelta(weeks=4)),
        ("2 jam yang lalu", REFERENCE - timedelta(hours=2)),
        ("3 hari lalu", REFERENCE - timedelta(days=3)),
        ("10 menit yang lalu", REFERENCE - timedelta(minutes=10)),
        ("30 detik yang lalu", REFERENCE - timedelta(seconds=30)),
        ("5 bulan yang lalu", datetime(2024, 12, 19, 10, 5, 35, tzinfo=WIB)),
        ("1 tahun yang lalu", datetime(2024, 5, 19, 10, 5, 35, tzinfo=WIB)),
        ("seminggu yang lalu", REFERENCE - timedelta(weeks=1)),
        ("kemarin", REFERENCE - timedelta(days=1)),
        ("2 hours ago", REFERENCE - timedelta(hours=2)),
        ("a day ago", REFERENCE - timedelta(days=1)),
    ],
)
def test_relative_times_count_back_from_reference(value: str, expected: datetime) -> None:
    parsed, approximate = parse_datetime(value, tz=WIB, reference=REFERENCE)
    assert parsed == expected
    assert parsed.tzinfo == UTC
    assert approximate is True


def test_naive_reference_is_read_in_the_given_zone() -> None:
    naive = datetime(2025, 5, 19, 10, 5, 35)
    parsed, _ = parse_datetime("2 jam yang lalu", tz=WIB, reference=naive)
    assert parsed == utc(2025, 5, 19, 1, 5, 35)


def test_relative_without_reference_raises_relative_error() -> None:
    with pytest.raises(RelativeDateError, match="'4 minggu yang lalu'"):
        parse_datetime("4 minggu yang lalu", tz=WIB)


def test_relative_error_is_a_value_error() -> None:
    assert issubclass(RelativeDateError, ValueError)
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    "value",
    [
        "31/31/2025",
        "32 Juli 2025",
        "8 Juloi 2025",
        "2025-02-30",
        "bukan tanggal",
        "besok pagi",
        "8 Juli 2025 10:00 WIBB",
        "25:00 8 Juli 2025",
        "8 Juli 2025 13:00 PM",
        "",
    ],
)
def test_unreadable_dates_raise_value_error_naming_the_value(value: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_datetime(value, tz=WIB)
    assert f"'{value}'" in str(raised.value)
    assert not isinstance(raised.value, RelativeDateError)


def test_error_detail_says_what_is_wrong() -> None:
    with pytest.raises(DateError) as raised:
        parse_datetime("8 Juloi 2025", tz=WIB)
    assert "'juloi' is not a month name" in raised.value.detail


# --- more Indonesian spellings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sen, 7 Juli 2025 10:00 WIB", utc(2025, 7, 7, 3, 0)),
        ("Jum'at, 11 Juli 2025 19:45 WIB", utc(2025, 7, 11, 12, 45)),
        ("Jum\u2019at, 11 Juli 2025 19:45 WIB", utc(2025, 7, 11, 12, 45)),
        ("Min, 13 Juli 2025 08.00 WITA", utc(2025, 7, 13, 0, 0)),
        ("Ahad, 13 Juli 2025 08.00 WIT", utc(2025, 7, 12, 23, 0)),
        ("5 Mrt 2025", utc(2025, 3, 4, 17, 0)),
        ("17 Agst 2025 pukul 10.00 WIB", utc(2025, 8, 17, 3, 0)),
        ("17 Agu 2025", utc(2025, 8, 16, 17, 0)),
        ("1 Okt. 2025 09:15 WIB", utc(2025, 10, 1, 2, 15)),
        ("31 Des 2025 23:59 WIB", utc(2025, 12, 31, 16, 59)),
        ("Kamis, 10/07/2025 - 14:30 WITA", utc(2025, 7, 10, 6, 30)),
    ],
)
def test_indonesian_day_month_and_zone_spellings(value: str, expected: datetime) -> None:
    assert parse_datetime(value, tz=WIB) == (expected, False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5 mnt yang lalu", REFERENCE - timedelta(minutes=5)),
        ("45 dtk yang lalu", REFERENCE - timedelta(seconds=45)),
        ("2 mgg yang lalu", REFERENCE - timedelta(weeks=2)),
        ("sehari yang lalu", REFERENCE - timedelta(days=1)),
        ("3 bln yang lalu", datetime(2025, 2, 19, 10, 5, 35, tzinfo=WIB)),
        ("2 thn yang lalu", datetime(2023, 5, 19, 10, 5, 35, tzinfo=WIB)),
        ("kemarin pukul 14.05", datetime(2025, 5, 18, 14, 5, tzinfo=WIB)),
        ("Kemarin, 08:30", datetime(2025, 5, 18, 8, 30, tzinfo=WIB)),
        ("hari ini 07:00", datetime(2025, 5, 19, 7, 0, tzinfo=WIB)),
        ("baru saja", REFERENCE),
    ],
)
def test_more_relative_forms(value: str, expected: datetime) -> None:
    assert parse_datetime(value, tz=WIB, reference=REFERENCE) == (expected, True)


def test_yesterday_at_a_time_is_relative_and_needs_a_reference() -> None:
    with pytest.raises(RelativeDateError):
        parse_datetime("kemarin pukul 14.05", tz=WIB)
    with pytest.raises(DateError, match="hour must be in 0..23"):
        parse_datetime("kemarin pukul 25.00", tz=WIB, reference=REFERENCE)


def test_kemarin_lusa_is_not_read_as_kemarin() -> None:
    with pytest.raises(DateError) as raised:
        parse_datetime("kemarin lusa", tz=WIB, reference=REFERENCE)
    assert not isinstance(raised.value, RelativeDateError)


# --- epoch and Excel serial numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1751943600", utc(2025, 7, 8, 3, 0)),
        ("1751943600.5", utc(2025, 7, 8, 3, 0, 0, 500000)),
        ("1751943600000", utc(2025, 7, 8, 3, 0)),
        ("999999999", utc(2001, 9, 9, 1, 46, 39)),
    ],
)
def test_epoch_seconds_and_milliseconds_are_utc(value: str, expected: datetime) -> None:
    assert parse_datetime(value, tz=WIB) == (expected, False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45846", utc(2025, 7, 7, 17, 0)),
        ("45846.5", utc(2025, 7, 8, 5, 0)),
        ("45846,5", utc(2025, 7, 8, 5, 0)),
        ("45846.604166666664", utc(2025, 7, 8, 7, 30)),
        ("43831", utc(2019, 12, 31, 17, 0)),
    ],
)
def test_excel_serials_are_local_days_since_1899_12_30(value: str, expected: datetime) -> None:
    assert parse_datetime(value, tz=WIB, excel_serial=True) == (expected, False)


def test_a_serial_number_is_no_date_unless_the_column_holds_serials() -> None:
    with pytest.raises(DateError):
        parse_datetime("45846", tz=WIB)
    assert is_excel_serial(" 45846.5 ") and not is_excel_serial("1751943600")


# --- day or month first -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "order"),
    [
        ("25/07/2025", "dayfirst"),
        ("Jumat, 25-07-2025 10:00", "dayfirst"),
        ("07/25/2025 10:00", "monthfirst"),
        ("08/07/2025", None),
        ("31/31/2025", None),
        ("2025/07/25", None),
        ("25 Juli 2025", None),
    ],
)
def test_numeric_order_names_the_only_order_a_value_allows(value: str, order: str | None) -> None:
    assert numeric_order(value) == order


def test_a_preferred_order_gives_way_unless_strict() -> None:
    assert parse_datetime("07/25/2025", tz=WIB)[0] == utc(2025, 7, 24, 17, 0)
    with pytest.raises(DateOrderError, match="reads only month-first") as raised:
        parse_datetime("07/25/2025", tz=WIB, strict_order=True)
    assert raised.value.dayfirst is True
    with pytest.raises(DateOrderError, match="reads only day-first"):
        parse_datetime("25/07/2025", tz=WIB, dayfirst=False, strict_order=True)
    assert parse_datetime("08/07/2025", tz=WIB, dayfirst=False, strict_order=True)[0] == utc(
        2025, 8, 6, 17, 0
    )


# --- one decision per column --------------------------------------------------------------------


def _read(
    tmp_path: Path, dates: list[str], options: IngestOptions | None = None
) -> tuple[pd.DataFrame, list[Rejection]]:
    """Import a tiny export whose ``tanggal`` column holds ``dates`` (row n+2 = dates[n])."""
    path = tmp_path / "x.csv"
    lines = ["isi;tanggal"] + [f"komentar {n};{date}" for n, date in enumerate(dates)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = list(open_export(path, options).batches())
    records = pd.concat([batch.records for batch in batches], ignore_index=True)
    return records, [reject for batch in batches for reject in batch.rejects]


def _days(records: pd.DataFrame) -> list[str]:
    local = records.published_at.dt.tz_convert("Asia/Jakarta")
    return local.dt.strftime("%Y-%m-%d").tolist()


def test_a_day_above_12_makes_the_whole_column_day_first(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["08/07/2025", "25/07/2025", "03/04/2025"])
    assert rejects == []
    assert _days(records) == ["2025-07-08", "2025-07-25", "2025-04-03"]


def test_a_second_part_above_12_makes_the_whole_column_month_first(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["08/07/2025", "07/25/2025 10:00", "03/04/2025"])
    assert rejects == []
    assert _days(records) == ["2025-08-07", "2025-07-25", "2025-03-04"]


def test_an_ambiguous_column_is_read_day_first(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["08/07/2025", "03/04/2025"])
    assert rejects == []
    assert _days(records) == ["2025-07-08", "2025-04-03"]


def test_rows_against_the_column_majority_are_rejected_with_the_evidence(tmp_path: Path) -> None:
    records, rejects = _read(
        tmp_path, ["07/25/2025", "08/07/2025", "07/26/2025", "25/07/2025", "07/27/2025"]
    )
    assert _days(records) == ["2025-07-25", "2025-08-07", "2025-07-26", "2025-07-27"]
    assert [(r.row, r.column, r.code) for r in rejects] == [(5, "tanggal", "date_order_conflict")]
    assert rejects[0].reason == (
        "date '25/07/2025' in column 'tanggal' reads only day-first (DD/MM/YYYY), but the column "
        "is read month-first (MM/DD/YYYY) because 1 of its first rows read only day-first "
        "(row 5 has '25/07/2025') and 3 only month-first (row 2 has '07/25/2025'); correct the "
        "row, or choose the date order when importing (--date-order dmy|mdy)"
    )


def test_a_tie_goes_to_day_first(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["07/25/2025", "25/07/2025"])
    assert _days(records) == ["2025-07-25"]
    assert [(r.row, r.code) for r in rejects] == [(2, "date_order_conflict")]


def test_the_first_batch_decides_for_the_whole_file(tmp_path: Path) -> None:
    """A later batch cannot re-read rows already stored: it is rejected if it disagrees."""
    records, rejects = _read(
        tmp_path, ["08/07/2025", "09/07/2025", "07/25/2025"], IngestOptions(batch_rows=2)
    )
    assert _days(records) == ["2025-07-08", "2025-07-09"]
    assert [(r.row, r.code) for r in rejects] == [(4, "date_order_conflict")]
    assert "because no value in its first rows settles the order" in rejects[0].reason


def test_the_decision_does_not_depend_on_other_formats_in_the_column(tmp_path: Path) -> None:
    records, rejects = _read(
        tmp_path, ["2025-07-08T10:00:00+07:00", "8 Juli 2025", "07/25/2025", "08/07/2025"]
    )
    assert rejects == []
    assert _days(records) == ["2025-07-08", "2025-07-08", "2025-07-25", "2025-08-07"]


def test_dayfirst_false_is_the_default_for_an_ambiguous_column(tmp_path: Path) -> None:
    records, _ = _read(tmp_path, ["08/07/2025"], IngestOptions(dayfirst=False))
    assert _days(records) == ["2025-08-07"]
    records, _ = _read(tmp_path, ["08/07/2025", "25/07/2025"], IngestOptions(dayfirst=False))
    assert _days(records) == ["2025-07-08", "2025-07-25"]


def test_a_column_of_excel_serials_is_read_as_local_dates(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["45846", "45846.5", "8 Juli 2025 10:00", "45847,25"])
    assert rejects == []
    assert records.published_at.tolist() == [
        pd.Timestamp("2025-07-07 17:00", tz="UTC"),
        pd.Timestamp("2025-07-08 05:00", tz="UTC"),
        pd.Timestamp("2025-07-08 03:00", tz="UTC"),
        pd.Timestamp("2025-07-08 23:00", tz="UTC"),
    ]


def test_a_stray_number_among_real_dates_is_not_a_serial(tmp_path: Path) -> None:
    records, rejects = _read(tmp_path, ["8 Juli 2025", "9 Juli 2025", "45846"])
    assert len(records) == 2
    assert [(r.row, r.code) for r in rejects] == [(4, "bad_date")]


def test_decide_column_counts_only_filled_values() -> None:
    decided = decide_column("t", [(2, ""), (3, "45846"), (4, "  "), (5, "x")])
    assert decided.excel_serial is False  # one of two filled values is not a majority
    decided = decide_column("t", [(2, "45846"), (3, "45847"), (4, "8 Juli 2025")])
    assert decided.excel_serial is True and decided.dayfirst is True


def test_the_reference_column_gets_its_own_decision(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "isi,waktu,extracted_at\n"
        "a,2 jam yang lalu,07/25/2025 10:00\n"
        "b,25/07/2025 09:00,07/25/2025 10:00\n",
        encoding="utf-8",
    )
    batches = list(open_export(path).batches())
    records = batches[0].records
    assert batches[0].rejects == []
    assert records.published_at.tolist() == [
        pd.Timestamp("2025-07-25 01:00", tz="UTC"),
        pd.Timestamp("2025-07-25 02:00", tz="UTC"),
    ]
    assert records.published_approx.tolist() == [True, False]


def test_relative_dates_are_stored_in_utc_and_flagged_approximate(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("komentar,waktu\nSetuju,3 hari lalu\nMantap,8 Juli 2025 10:00 WIB\n")
    store = Store(tmp_path / "x.duckdb")
    reference = datetime(2025, 7, 20, 10, 0, tzinfo=WIB)
    report = import_file(store, path, IngestOptions(reference_time=reference))
    assert (report.stored, report.rejected) == (2, 0)
    stored = store.query(
        "SELECT epoch(published_at) AS t, published_approx FROM documents ORDER BY row_number"
    )
    assert stored.t.tolist() == [
        (reference - timedelta(days=3)).timestamp(),
        utc(2025, 7, 8, 3, 0).timestamp(),
    ]
    assert stored.published_approx.tolist() == [True, False]
