"""Turn an export file into a stream of raw rows: format, encoding and delimiter detection.

Analysts bring whatever their tool wrote: UTF-8 with or without a BOM, Excel's cp1252 CSV,
UTF-16 "Unicode text", commas, semicolons (Indonesian Excel), tabs, XLSX workbooks. This module
finds out which, then streams rows as lists of strings with their spreadsheet row number (header
= row 1), so memory stays bounded however big the file is. It knows nothing of columns' meaning.
"""

from __future__ import annotations

import codecs
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

FORMATS: dict[str, str] = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx"}
DELIMITERS = ",;\t|"
SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long articles exceed the 128 KiB default


@dataclass(frozen=True)
class RawRow:
    """One input row: its spreadsheet row number, its cells, and a read error if any."""

    number: int
    values: list[str]
    error: str | None = None


def check_file(path: Path) -> tuple[str, int]:
    """The file's format ("csv" | "xlsx") and size; :class:`IngestError` if it cannot be used."""
    if not path.exists():
        raise IngestError(f"File not found: '{path}'")
    if not path.is_file():
        raise IngestError(f"'{path}' is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise IngestError(
            f"'{path.name}' is an old Excel .xls file; open it in Excel and save it as .xlsx or CSV"
        )
    if suffix not in FORMATS:
        raise IngestError(
            f"'{path.name}' has an unsupported extension '{path.suffix or '(none)'}'. "
            "Supported: .csv, .tsv, .txt, .xlsx"
        )
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"'{path.name}': file is empty (0 bytes)")
    return FORMATS[suffix], size


def detect_encoding(path: Path, forced: str | None = None) -> str:
    """BOM -> utf-8-sig / utf-16 / utf-32; else strict UTF-8; else cp1252; else latin-1.

    The whole file is checked (one fast pass) so a stray byte at the end cannot break the import
    half way. A BOM or a forced encoding that does not decode is an :class:`IngestError`.
    """
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if forced:
        _require_decodes(path, _known_codec(forced), f"as {forced}")
        return forced
    if head.startswith(b"PK\x03\x04"):
        raise IngestError(f"'{path.name}' is an Excel workbook; rename it to .xlsx")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            _require_decodes(path, encoding, f"as {encoding} (it starts with that byte-order mark)")
            return encoding
    if b"\x00" in head:
        raise IngestError(
            f"'{path.name}' looks binary (it contains NUL bytes), not a text export. "
            "Save it as CSV UTF-8, or name its encoding with --encoding NAME"
        )
    for encoding in ("utf-8", "cp1252"):
        if _first_error(path, encoding) is None:
            return encoding
    return "latin-1"


def _known_codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise IngestError(f"Unknown encoding '{name}' (try utf-8, cp1252 or utf-16)") from None


def _require_decodes(path: Path, encoding: str, how: str) -> None:
    offset = _first_error(path, encoding)
    if offset is not None:
        raise IngestError(
            f"'{path.name}' cannot be decoded {how}: byte {offset} is invalid. "
            "Save it again as CSV UTF-8, or name its encoding with --encoding NAME"
        )


def _first_error(path: Path, encoding: str) -> int | None:
    """Byte offset of the first undecodable byte, or None when the whole file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset + max(error.start, 0)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def sniff_delimiter(sample: str, forced: str | None = None) -> str:
    """The delimiter among ``, ; TAB |`` that splits the sample into the most consistent rows.

    ``csv.Sniffer`` gets the first say; its answer is kept unless another delimiter splits the
    rows more consistently (the sniffer is easily fooled by commas inside quoted text).
    """
    if forced:
        return "\t" if forced in {"\\t", "tab", "TAB"} else forced
    scores = {delimiter: _consistency(sample, delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: scores[delimiter])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = best
    return sniffed if scores.get(sniffed, (0.0, 0)) >= scores[best] else best


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of complete sample rows with the header's field count, that count)."""
    try:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        rows = [row for row in reader if row]
    except csv.Error:
        return (0.0, 1)
    if not rows or len(rows[0]) < 2:
        return (0.0, 1)
    width = len(rows[0])
    body = rows[1:-1] if len(rows) > 2 else rows[1:]
    if not body:
        return (0.5, width)
    return (sum(len(row) == width for row in body) / len(body), width)


def read_sample(path: Path, encoding: str) -> str:
    """The first ~64 KiB of the file as text (for sniffing)."""
    with path.open("r", encoding=encoding, newline="", errors="replace") as handle:
        return handle.read(SAMPLE_BYTES)


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


class _Closing:
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


class CsvRows(_Closing):
    """Rows of a delimited text file, read lazily; use as a context manager, iterate once."""

    def __init__(self, path: Path, encoding: str, delimiter: str) -> None:
        self._raw: IO[bytes] = path.open("rb")
        self._text = io.TextIOWrapper(self._raw, encoding=encoding, newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter)
        try:
            self.columns = unique_header(next(self._reader, []))
        except csv.Error as error:
            self.close()
            raise IngestError(f"Cannot read the header of '{path.name}': {error}") from None

    @property
    def bytes_read(self) -> int:
        return self._raw.tell()

    def __iter__(self) -> Iterator[RawRow]:
        number = 1
        while True:
            number += 1
            try:
                values = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield RawRow(number, [], f"the row cannot be read as CSV ({error})")
                continue
            if any(value.strip() for value in values):
                yield RawRow(number, values)

    def close(self) -> None:
        self._text.close()


class XlsxRows(_Closing):
    """Rows of one worksheet, every cell as a string; use as a context manager, iterate once."""

    def __init__(self, path: Path, sheet: str | int | None, total_bytes: int) -> None:
        self._book = _open_workbook(path)
        self.sheets: list[str] = list(self._book.sheetnames)
        self.sheet = _pick_sheet(self.sheets, sheet, path.name)
        worksheet = self._book[self.sheet]
        self._max_row = worksheet.max_row or 0
        self._total = total_bytes
        self._rows = worksheet.iter_rows(values_only=True)
        self._done = 0
        first = next(self._rows, None)
        self.columns = unique_header([cell_text(cell) for cell in first or ()])

    @property
    def bytes_read(self) -> int:
        if self._max_row <= 0:
            return 0
        return min(self._total, self._total * self._done // self._max_row)

    def __iter__(self) -> Iterator[RawRow]:
        for number, cells in enumerate(self._rows, start=2):
            self._done = number
            values = [cell_text(cell) for cell in cells]
            while len(values) > len(self.columns) and not values[-1].strip():
                values.pop()
            if any(value.strip() for value in values):
                yield RawRow(number, values)
        self._done = self._max_row

    def close(self) -> None:
        self._book.close()


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook  # only XLSX imports pay for openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
    ) as error:
        raise IngestError(
            f"'{path.name}' is not a readable .xlsx workbook ({type(error).__name__}: {error}). "
            "Open it in Excel and save it again as .xlsx or CSV"
        ) from None


def _pick_sheet(sheets: list[str], wanted: str | int | None, filename: str) -> str:
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
