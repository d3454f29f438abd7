"""Property: however messy the CSV, every row is stored, a duplicate, or rejected for a reason.

Hypothesis writes exports the way real tools do (any of ``, ; TAB |``, minimal or full quoting,
CRLF or LF, a BOM or not, delimiters, quotes and newlines inside quoted texts, emoji, blank and
whitespace-only texts, short rows and rows with a stray extra field, exact duplicate rows) with
dates in a dozen styles, some unreadable. Each row is generated together with what it should
become, so the test knows, without asking the parser, which rows are valid, which are distinct
and why each bad one is bad. Then it imports the file into a fresh store, twice.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest import IngestOptions
from analysis.ingest.counts import parse_count
from analysis.ingest.records import _host
from analysis.pipeline import import_file
from analysis.store import Store
from analysis.text.keys import normalize_text

REFERENCE = datetime(2025, 5, 19, 3, 5, 35, tzinfo=UTC)
HEADER = ["id", "isi", "tanggal", "akun", "suka"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]  # fmt: skip
SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
UNITS = {"menit": 60, "jam": 3600, "hari": 86400, "minggu": 604800}
BAD_DATES = ["bukan tanggal", "32 Juli 2025", "2025-02-30", "31/31/2025", "8 Juloi 2025",
             "25:00", "8 Juli 2025 10:00 WIBB", "besok pagi"]  # fmt: skip
PIECES = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 ")
    + [",", ";", "\t", "|", '"', "'", "\n", "\r\n", "é", "ñ", "ﬁ", "Ａ", "中"]
    + ["😂", "🙏", "🇮🇩", "👍🏻", "❤️", "Polisi", "hoaks", "gak bener"]
)
TEXTS = st.lists(PIECES, min_size=1, max_size=25).map("".join)


@dataclass(frozen=True)
class Date:
    """A date cell and what it should read as: an instant, or the code of its rejection."""

    raw: str
    instant: datetime | None = None
    relative: bool = False
    code: str | None = None


@dataclass(frozen=True)
class Row:
    """One generated row and what it should become."""

    native: str
    text: str
    date: Date
    author: str
    likes: str
    extra_field: bool = False
    short: bool = False

    def cells(self, with_id: bool) -> list[str]:
        cells = ([self.native] if with_id else []) + [self.text, self.date.raw, self.author]
        cells += [] if self.short and not self.extra_field else [self.likes]
        return cells + (["sisa"] if self.extra_field else [])

    def code(self, has_reference: bool) -> str | None:
        """The rejection code this row must get, or None when it must be accepted."""
        if self.extra_field:
            return "bad_row"
        if not self.text.strip():
            return "empty_text"
        if not self.date.raw.strip():
            return "empty_date"
        if self.date.relative and not has_reference:
            return "relative_date_no_reference"
        return self.date.code

    def key(self, with_id: bool) -> tuple[object, ...]:
        """What makes two accepted rows the same document."""
        if with_id:
            return ("id", self.native.strip())
        return (normalize_text(self.text.strip()), self.author.strip(), self.date.instant)


def _local(instant: datetime, hours: int) -> datetime:
    return instant.astimezone(timezone(timedelta(hours=hours)))


def _styled(instant: datetime, style: int, dayfirst: bool) -> str:
    """``instant`` (whole minutes, UTC) written in one of the styles exports use."""
    wib = _local(instant, 7)
    if style == 0:
        return wib.isoformat()
    if style == 1:
        return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == 2:
        zone = ["WIB", "WITA", "WIT"][instant.minute % 3]
        local = _local(instant, ZONES[zone])
        day, month = HARI[local.weekday()], BULAN[local.month - 1]
        return f"{day}, {local.day} {month} {local.year} {local:%H.%M} {zone}"
    if style == 3:
        return f"{wib.day:02d} {SINGKAT[wib.month - 1]} {wib.year} pukul {wib:%H:%M} WIB"
    if style == 4:
        return instant.strftime("%a %b %d %H:%M:%S +0000 %Y")
    if style == 5:
        return str(int(instant.timestamp()))
    if style == 6:
        return str(int(instant.timestamp()) * 1000)
    sep = "/-."[style % 3]
    first, second = (wib.day, wib.month) if dayfirst else (wib.month, wib.day)
    return f"{first:02d}{sep}{second:02d}{sep}{wib.year} {wib:%H:%M}"


@st.composite
def dates(draw: st.DrawFn, dayfirst: bool) -> Date:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return Date(draw(st.sampled_from(BAD_DATES)), code="bad_date")
    if kind == 1:
        return Date(draw(st.sampled_from(["", " "])))
    if kind == 2:
        unit = draw(st.sampled_from(sorted(UNITS)))
        count = draw(st.integers(1, 30))
        edited = draw(st.sampled_from(["", " (diedit)"]))
        instant = REFERENCE - timedelta(seconds=count * UNITS[unit])
        return Date(f"{count} {unit} yang lalu{edited}", instant, relative=True)
    minutes = draw(st.integers(0, 15 * 365 * 24 * 60))
    instant = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    return Date(_styled(instant, draw(st.integers(0, 9)), dayfirst), instant)


@st.composite
def rows(draw: st.DrawFn, dayfirst: bool) -> list[Row]:
    count = draw(st.integers(1, 20))
    out: list[Row] = []
    for n in range(count):
        copy = draw(st.integers(0, 9)) if out else 9
        if copy < 2:
            out.append(draw(st.sampled_from(out)))  # an exact duplicate of an earlier row
            continue
        if copy < 3:  # the same text written differently, under its own id
            earlier = draw(st.sampled_from(out))
            text = f" {earlier.text.upper().replace(' ', '  ')}\n"
            out.append(replace(earlier, native=f"c{n}", text=text, extra_field=False))
            continue
        text = draw(st.sampled_from(["", "  "])) if draw(st.integers(0, 7)) == 0 else draw(TEXTS)
        out.append(
            Row(
                native=f"c{n}",
                text=text,
                date=draw(dates(dayfirst)),
                author=draw(st.sampled_from(["", "budi", " ani ", "@warga_garut", "Siti 🌸"])),
                likes=draw(st.sampled_from(["", "0", "12", "1.234", "3K", "1,2 rb", "n/a"])),
                extra_field=draw(st.integers(0, 12)) == 0,
                short=draw(st.integers(0, 8)) == 0,
            )
        )
    return out


def _month_first_opener(dayfirst: bool) -> list[Row]:
    """A month-first export says so in its first row (the column's order is decided from the
    first batch): a valid row whose date only reads month-first."""
    if dayfirst:
        return []
    instant = datetime(2025, 7, 25, 3, 0, tzinfo=UTC)
    return [Row("c-open", "pembuka", Date("07/25/2025 10:00", instant), "budi", "1")]


@dataclass(frozen=True)
class Export:
    rows: list[Row]
    with_id: bool
    delimiter: str
    quoting: int
    newline: str
    bom: bool
    reference: bool
    batch_rows: int

    def write(self, path: Path) -> None:
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter=self.delimiter, quoting=self.quoting, lineterminator=self.newline
        )
        writer.writerow(HEADER if self.with_id else HEADER[1:])
        for row in self.rows:
            writer.writerow(row.cells(self.with_id))
        path.write_text(buffer.getvalue(), encoding="utf-8-sig" if self.bom else "utf-8")


@st.composite
def exports(draw: st.DrawFn) -> Export:
    dayfirst = draw(st.booleans())
    return Export(
        rows=_month_first_opener(dayfirst) + draw(rows(dayfirst)),
        with_id=draw(st.booleans()),
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        bom=draw(st.booleans()),
        reference=draw(st.booleans()),
        batch_rows=draw(st.sampled_from([3, 1000])),
    )


def _blank(row: Row, with_id: bool) -> bool:
    """A row whose every cell is blank is no row at all (exports pad with them)."""
    return not any(cell.strip() for cell in row.cells(with_id))


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(exports())
def test_every_row_is_stored_a_duplicate_or_rejected_for_its_reason(export: Export) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ekspor.csv"
        export.write(path)
        store = Store(Path(folder) / "x.duckdb")
        options = IngestOptions(  # every row accounted for, even where most are rejected
            reference_time=REFERENCE if export.reference else None, batch_rows=export.batch_rows,
            allow_rejects=True,
        )
        numbered = {n + 2: row for n, row in enumerate(export.rows)}
        real = {n: row for n, row in numbered.items() if not _blank(row, export.with_id)}
        expected = {n: row.code(export.reference) for n, row in real.items()}
        valid = [row for n, row in real.items() if expected[n] is None]
        distinct = {row.key(export.with_id) for row in valid}

        first = import_file(store, path, options)
        assert first.rows_in == len(real) == first.stored + first.duplicates + first.rejected
        assert first.stored == len(distinct)
        assert first.duplicates == len(valid) - len(distinct)
        assert sorted((r.row, r.code) for r in first.rejects) == sorted(
            (n, code) for n, code in expected.items() if code is not None
        )
        for reject in first.rejects:
            assert reject.reason
            assert reject.column == _column(reject.code)
        stored = store.query(
            "SELECT row_number, text, published_at, published_approx FROM documents"
        )
        assert len(stored) == len(distinct)
        for number, text, published, approx in stored.itertuples(index=False, name=None):
            row = numbered[number]
            assert expected[number] is None and text == row.text.strip()
            assert (published, approx) == (pd.Timestamp(row.date.instant), row.date.relative)
        assert store.scalar("SELECT count(*) FROM rejects") == first.rejected
        status = store.query("SELECT status, rows_in, stored, rejected FROM uploads")
        assert status.iloc[0].tolist() == ["done", first.rows_in, first.stored, first.rejected]

        again = import_file(store, path, options)
        assert (again.rows_in, again.stored) == (first.rows_in, 0)
        assert (again.duplicates, again.rejected) == (len(valid), first.rejected)
        assert store.scalar("SELECT count(*) FROM documents") == len(distinct)


def _column(code: str) -> str | None:
    return {"bad_row": None, "empty_text": "isi"}.get(code, "tanggal")


def test_the_generated_rows_cover_what_they_claim() -> None:
    """Guard against a generator that quietly stopped producing the messy cases."""
    day = _styled(datetime(2025, 7, 8, 3, 0, tzinfo=UTC), 9, dayfirst=True)
    assert day == "08/07/2025 10:00"
    month = _styled(datetime(2025, 7, 8, 3, 0, tzinfo=UTC), 7, dayfirst=False)
    assert month == "07-08-2025 10:00"
    row = Row("c1", 'a,b;"c"\n😂', Date("x", code="bad_date"), "", "")
    assert replace(row, extra_field=True).code(True) == "bad_row"
    assert replace(row, text=" ").code(True) == "empty_text"


@settings(max_examples=200, deadline=None, database=None)
@given(st.from_regex(r"\A[0-9]{1,25}([.,][0-9]{1,3})?\s?(k|rb|jt|m|b)?\Z"))
def test_a_count_is_a_64_bit_number_or_left_empty(value: str) -> None:
    """The store keeps counts in BIGINT: a bigger number must not break the row's import."""
    count = parse_count(value)
    assert count is None or 0 <= count <= 2**63 - 1


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.from_regex(
        r"\A(https?://|//|HTTPS://|ftp://)?(user@)?(www\.)?[A-Za-z0-9._-]{0,12}"
        r"(\.com|\.co\.id)?(:8080)?([/?#][a-z0-9=&/]{0,10})?\Z"
    )
)
def test_the_fast_host_reader_agrees_with_urlsplit(url: str) -> None:
    """``_host`` cuts plain URLs with a regex for speed; it must say what ``urlsplit`` says."""
    expected = urlsplit(url if "://" in url else "//" + url).hostname or ""
    assert _host(url) == (expected.removeprefix("www.") or None)
