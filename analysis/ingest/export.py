"""The entry points: inspect an export, preview it, and stream it as canonical records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from analysis.errors import IngestError
from analysis.ingest.columns import header_platform, require_fields, resolve_mapping
from analysis.ingest.options import Batch, FileInfo, IngestOptions
from analysis.ingest.reader import (
    CsvRows,
    RawRow,
    XlsxRows,
    check_file,
    detect_encoding,
    read_sample,
    sniff_delimiter,
)
from analysis.ingest.records import RecordPlan, build_records, normalize_platform


class Export:
    """An inspected export file, ready to stream. :meth:`batches` can be called more than once."""

    def __init__(self, info: FileInfo, options: IngestOptions) -> None:
        self.info = info
        self.options = options
        tz = _zone(options.timezone)
        self._plan = RecordPlan(
            columns=info.columns,
            mapping=info.mapping,
            tz=tz,
            platform=normalize_platform(options.platform),
            header_platform=header_platform(info.columns),
            reference_time=options.reference_time,
            dayfirst=options.dayfirst,
        )

    def __repr__(self) -> str:
        return f"Export({str(self.info.path)!r}, format={self.info.format!r})"

    def batches(self) -> Iterator[Batch]:
        """Read the file from the start, yielding up to ``batch_rows`` input rows at a time.

        Only one batch of rows is in memory at once. Entirely blank rows are skipped (they
        carry nothing to import or reject); every other row is in ``records`` or ``rejects``.
        """
        size = max(1, self.options.batch_rows)
        with _open_rows(self.info, self.options) as rows:
            pending: list[RawRow] = []
            for row in rows:
                pending.append(row)
                if len(pending) >= size:
                    yield self._batch(pending, rows.bytes_read)
                    pending = []
            if pending:
                yield self._batch(pending, self.info.total_bytes)

    def _batch(self, rows: list[RawRow], bytes_read: int) -> Batch:
        records, rejects = build_records(self._plan, rows)
        return Batch(records=records, rejects=rejects, rows_in=len(rows), bytes_read=bytes_read)


def open_export(path: str | Path, options: IngestOptions | None = None) -> Export:
    """Inspect ``path`` and return an :class:`Export` to stream.

    Raises :class:`IngestError` naming the fix when the whole file cannot be imported: missing,
    empty, unsupported, undecodable, or without a text or a date column.
    """
    options = options or IngestOptions()
    info = inspect_file(path, options)
    require_fields(info.mapping, info.columns, info.path.name)
    return Export(info, options)


def preview(
    path: str | Path, options: IngestOptions | None = None, rows: int = 10
) -> tuple[FileInfo, pd.DataFrame]:
    """The file's facts and its first ``rows`` data rows as strings, for a mapping preview.

    Unlike :func:`open_export` it does not insist on a text or date column: the preview is where
    the analyst chooses them.
    """
    options = options or IngestOptions()
    info = inspect_file(path, options)
    width = len(info.columns)
    found: list[list[str]] = []
    with _open_rows(info, options) as stream:
        for row in stream:
            if len(found) >= rows:
                break
            found.append((row.values + [""] * width)[:width])
    return info, pd.DataFrame(found, columns=info.columns, dtype="str")


def inspect_file(path: str | Path, options: IngestOptions) -> FileInfo:
    """Format, encoding, delimiter, header and column mapping of ``path``, without reading rows."""
    path = Path(path)
    file_format, size = check_file(path)
    _zone(options.timezone)
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = []
    if file_format == "csv":
        encoding = detect_encoding(path, options.encoding)
        delimiter = sniff_delimiter(read_sample(path, encoding), options.delimiter)
        with CsvRows(path, encoding, delimiter) as csv_rows:
            columns = csv_rows.columns
    else:
        with XlsxRows(path, options.sheet, size) as xlsx_rows:
            columns, sheets = xlsx_rows.columns, xlsx_rows.sheets
    if not columns:
        raise IngestError(f"'{path.name}' has no header row: its first row should name the columns")
    return FileInfo(
        path=path,
        format=file_format,
        encoding=encoding,
        delimiter=delimiter,
        columns=columns,
        mapping=resolve_mapping(columns, dict(options.mapping), path.name),
        sheets=sheets,
        total_bytes=size,
    )


def _open_rows(info: FileInfo, options: IngestOptions) -> CsvRows | XlsxRows:
    if info.format == "xlsx":
        return XlsxRows(info.path, options.sheet, info.total_bytes)
    assert info.encoding is not None and info.delimiter is not None
    return CsvRows(info.path, info.encoding, info.delimiter)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise IngestError(f"Unknown time zone '{name}' (e.g. Asia/Jakarta)") from None
