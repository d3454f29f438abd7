"""Date parsing: every style found in Indonesian exports lands on the right UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from analysis.ingest import DateError, RelativeDateError, parse_datetime

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
