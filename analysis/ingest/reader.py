"""Turn an export file into a stream of raw rows, so memory stays bounded however big it is.

Rows come as lists of strings with their spreadsheet row number (header = row 1): delimited text
here (:class:`CsvRows`, with the encoding and delimiter :mod:`analysis.ingest.encoding` found),
XLSX worksheets (:class:`XlsxRows`), and JSON records in :mod:`analysis.ingest.jsonrows`. This
module knows nothing of columns' meaning.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from analysis.errors import IngestError
from analysis.ingest.encoding import text_codec
from analysis.ingest.options import Note

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long articles exceed the 128 KiB default
MAX_TITLE_ROWS = 5
"""Title or group-heading rows passed over above a worksheet's header, at most."""
MAX_BLANK_ROWS = 50_000
"""Blank rows in a row that a worksheet may hold between filled ones: more is a sheet made to
make readers pad out millions of rows (an "XLSX bomb"), not an export."""
MAX_XLSX_CELLS = 20_000_000
"""Cells (filled or padded out to a row's last filled column) read from one worksheet."""


@dataclass(frozen=True)
class RawRow:
    """One input row: its spreadsheet row number, its cells, and a read error if any."""

    number: int
    values: list[str]
    error: str | None = None


def unique_header(cells: list[str]) -> list[str]:
    """Header names stripped, blanks named ``column_N``, repeats suffixed ``.1``, ``.2`` ...

    Trailing blank cells (a trailing delimiter, formatted but empty spreadsheet columns) are
    dropped: they are layout, not columns.
    """
    cells = list(cells)
    while cells and not cells[-1].replace("\ufeff", "").strip():
        cells.pop()
    names: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        base = cell.replace("\ufeff", "").strip() or f"column_{index + 1}"
        name, count = base, 0
        while name in seen:
            count += 1
            name = f"{base}.{count}"
        seen.add(name)
        names.append(name)
    return names


class Closing:
    """Use as a context manager: ``close()`` runs on leaving the ``with`` block."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class CsvRows(Closing):
    """Rows of a delimited text file, read lazily; use as a context manager, iterate once."""

    def __init__(self, path: Path, encoding: str, delimiter: str, skip: int = 0) -> None:
        """``skip``: records above the header (a title, Excel's ``sep=`` line) to pass over."""
        codec, errors = text_codec(encoding)
        self._raw: IO[bytes] = path.open("rb")
        self._text = io.TextIOWrapper(self._raw, encoding=codec, errors=errors, newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter)
        self._delimiter = delimiter
        self._skip = skip
        self.unwrapped = 0
        """Rows read so far that were wrapped whole in quotes (see :meth:`_unwrapped`)."""
        try:
            for _ in range(skip):
                next(self._reader, None)
            self.columns = unique_header(next(self._reader, []))
        except csv.Error as error:
            self.close()
            raise IngestError(f"Cannot read the header of '{path.name}': {error}") from None

    @property
    def bytes_read(self) -> int:
        return self._raw.tell()

    def __iter__(self) -> Iterator[RawRow]:
        last: RawRow | None = None
        for row in self._rows():
            if last is not None:
                yield last
            last = row
        if last is not None:
            yield self._check_last(last)

    def _check_last(self, row: RawRow) -> RawRow:
        """The last row, flagged when an unclosed quote swallowed the rest of the file into it.

        Python's reader does not fail on a quote that never closes: it reads up to the end of
        the file as one field. Such a field is the last of a row short of the header's width,
        and some later line in it reads as a whole row of its own.
        """
        tail = row.values[-1] if row.values else ""
        if row.error is not None or len(row.values) >= len(self.columns) or "\n" not in tail:
            return row
        later = tail.rstrip("\r\n").replace("\r\n", "\n").split("\n")[1:]
        if not any(self._is_whole_row(line) for line in later):
            return row
        reason = Note(
            f"a quote opened in this row is never closed, so the rest of the file "
            f"({len(later) + 1} lines) was read as one field; fix the quotes and import it again",
            "unclosed_quote", lines=len(later) + 1,
        )
        return RawRow(row.number, row.values, reason)

    def _is_whole_row(self, line: str) -> bool:
        """Whether ``line`` reads as a row as wide as the header (a line with a lone carriage
        return in an unquoted field does not read at all)."""
        try:
            return len(next(csv.reader([line], delimiter=self._delimiter), [])) == len(self.columns)
        except csv.Error:
            return False

    def _rows(self) -> Iterator[RawRow]:
        number = 1 + self._skip
        while True:
            number += 1
            try:
                values = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield RawRow(number, [], Note(f"the row cannot be read as CSV ({error})",
                                              "unreadable_csv", error=str(error)))
                continue
            if len(values) == 1 < len(self.columns):
                values = self._unwrapped(values)
            if any(value.strip() for value in values):
                yield RawRow(number, values)

    def _unwrapped(self, values: list[str]) -> list[str]:
        """A row that a merging tool wrapped whole in one pair of quotes (``"1,Sun Oct 16 ..,
        ""teks"",budi"``) reads as one field: its fields, when that field reads as a record
        exactly as wide as the header; else the row as it was."""
        if self._delimiter not in values[0]:
            return values
        try:
            records = list(csv.reader(io.StringIO(values[0], newline=""),
                                      delimiter=self._delimiter))
        except csv.Error:
            return values
        if len(records) != 1 or len(records[0]) != len(self.columns):
            return values  # several records in one field: a quote left open, not a wrapped row
        inner = records[0]
        self.unwrapped += 1
        return inner

    def close(self) -> None:
        self._text.close()


class XlsxRows(Closing):
    """Rows of one worksheet, every cell as a string; use as a context manager, iterate once.

    The header is the sheet's first non-blank row (blank rows above it are layout); row numbers
    stay the sheet's own. Without a ``sheet`` named, the first worksheet is read, or the first
    one with any cell filled when it is empty.
    """

    def __init__(self, path: Path, sheet: str | int | None, total_bytes: int) -> None:
        self._name = path.name
        self._handle: IO[bytes] = path.open("rb")
        self._book: Any = None
        try:
            self._book = _open_workbook(self._handle, path.name)
            # chart sheets hold no cells: only worksheets are offered
            self.sheets: list[str] = [worksheet.title for worksheet in self._book.worksheets]
            if not self.sheets:
                raise IngestError(f"'{path.name}' has no worksheet, only charts")
            first = self._open_sheet(pick_sheet(self.sheets, sheet, path.name))
            if sheet is None and first is None:  # an empty first sheet: the data is further on
                for name in self.sheets[1:]:
                    if (first := self._open_sheet(name)) is not None:
                        break
                else:
                    first = self._open_sheet(self.sheets[0])
        except BaseException:
            self.close()
            raise
        self._total = total_bytes
        self._done = 0
        self.columns = unique_header([cell_text(cell) for cell in first or ()])

    def _open_sheet(self, name: str) -> tuple[Any, ...] | None:
        """Start reading sheet ``name``; its header's cells (None when it has none: an empty
        sheet). The header is the first non-blank row, passing over title and group rows
        merged across the columns above it (see :meth:`_below_titles`)."""
        self.sheet = name
        worksheet = self._book[name]
        self._max_row = min(worksheet.max_row or 0, 1_048_576)  # progress only
        # The declared size (<dimension ref="A1:XFD1048576"/>) is not trusted: openpyxl would
        # pad every row out to it. Without it each row is as wide as its last filled cell, and
        # the rows actually read are counted against MAX_BLANK_ROWS and MAX_XLSX_CELLS.
        worksheet.reset_dimensions()
        self._rows = worksheet.iter_rows(values_only=True)
        self._cells = self._blank_run = 0
        self._back: list[tuple[Any, ...]] = []
        self.title_rows: list[int] = []
        self._header_row = 1
        while (cells := self._next_cells(self._header_row)) is not None:
            if any(cell_text(cell).strip() for cell in cells):
                return self._below_titles(cells)
            self._header_row += 1
        return None

    def _below_titles(self, cells: tuple[Any, ...]) -> tuple[Any, ...]:
        """The header under ``cells``: a row that fills at most half as many cells as the next
        non-blank row is a title (``Laporan Monitoring Oktober``, merged across the sheet) or a
        group heading (``Akun`` over two columns, ``Konten`` over three), not the header."""
        for _ in range(MAX_TITLE_ROWS):
            peeked: list[tuple[Any, ...]] = []
            while (following := self._next_cells(self._header_row + len(peeked) + 1)) is not None:
                peeked.append(following)
                if _filled(following):
                    break
            if following is None or 2 * _filled(cells) > _filled(following):
                self._back = peeked
                return cells
            self.title_rows.append(self._header_row)
            self._header_row += len(peeked)
            cells = following
        return cells

    def _take(self, number: int) -> tuple[Any, ...] | None:
        """The next row's cells: those read ahead while finding the header first."""
        return self._back.pop(0) if self._back else self._next_cells(number)

    @property
    def bytes_read(self) -> int:
        if self._max_row <= 0:
            return 0
        return min(self._total, self._total * self._done // self._max_row)

    def __iter__(self) -> Iterator[RawRow]:
        number = self._header_row
        while (cells := self._take(number + 1)) is not None:
            number += 1
            self._done = number
            values = [cell_text(cell) for cell in cells]
            while len(values) > len(self.columns) and not values[-1].strip():
                values.pop()
            if any(value.strip() for value in values):
                yield RawRow(number, values)
        self._done = self._max_row

    def _next_cells(self, number: int) -> tuple[Any, ...] | None:
        """The next row's cells; a damaged sheet is an :class:`IngestError` naming the row."""
        try:
            cells = next(self._rows, None)
        except (zipfile.BadZipFile, SyntaxError, KeyError, OSError, ValueError, EOFError) as error:
            raise IngestError(
                f"'{self._name}' is damaged: sheet '{self.sheet}' cannot be read at row {number} "
                f"({type(error).__name__}: {error}). Open it in Excel and save it again"
            ) from None
        if cells is not None:
            self._count(cells, number)
        return cells

    def _count(self, cells: tuple[Any, ...], number: int) -> None:
        """Stop a sheet that would make the import pad out millions of empty cells."""
        self._cells += max(len(cells), 1)
        self._blank_run = self._blank_run + 1 if not any(c is not None for c in cells) else 0
        if self._blank_run > MAX_BLANK_ROWS or self._cells > MAX_XLSX_CELLS:
            what = (f"more than {MAX_BLANK_ROWS:,} blank rows in a row before row {number}"
                    if self._blank_run > MAX_BLANK_ROWS
                    else f"more than {MAX_XLSX_CELLS:,} cells by row {number}")
            raise IngestError(
                f"'{self._name}' is not read: sheet '{self.sheet}' holds {what} (a sheet whose "
                "declared size is far beyond its data). Delete the empty rows and columns in "
                "Excel, or save the sheet as CSV, and import it again")

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
        self._handle.close()


def _filled(cells: tuple[Any, ...]) -> int:
    return sum(1 for cell in cells if cell_text(cell).strip())


def _open_workbook(handle: IO[bytes], filename: str) -> Any:
    """The workbook, read-only; from an open file so a workbook named ``.csv`` opens too."""
    from openpyxl import load_workbook  # only XLSX imports pay for openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
    ) as error:
        raise IngestError(
            f"'{filename}' is not a readable .xlsx workbook ({type(error).__name__}: {error}). "
            "Open it in Excel and save it again as .xlsx or CSV"
        ) from None


def pick_sheet(sheets: list[str], wanted: str | int | None, filename: str) -> str:
    """The sheet ``wanted`` names (by name or 0-based position; the first when None)."""
    if wanted is None:
        return sheets[0]
    if isinstance(wanted, int) and 0 <= wanted < len(sheets):
        return sheets[wanted]
    if isinstance(wanted, str) and wanted in sheets:
        return wanted
    if isinstance(wanted, str) and wanted.isdigit() and int(wanted) < len(sheets):
        return sheets[int(wanted)]  # "--sheet 1" from a command line means the position
    raise IngestError(
        f"Sheet {wanted!r} is not in '{filename}'. Sheets: {', '.join(sheets)}. "
        "Pick one by name or by position (0 = first)"
    )


def cell_text(value: object) -> str:
    """An XLSX cell as the string a CSV export would have held."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)
