"""The entry points: inspect an export, preview it, and stream it as canonical records."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import pyarrow as pa

from analysis.errors import IngestError
from analysis.ingest.columns import header_platform, require_fields, resolve_mapping
from analysis.ingest.content import recognise_by_content
from analysis.ingest.encoding import detect_encoding, header_layout, read_sample
from analysis.ingest.fast import build_chunk
from analysis.ingest.fast_reader import ArrowRows, Chunk, fast_candidate, parses_whole
from analysis.ingest.formats import check_file
from analysis.ingest.future import drop_future_rows
from analysis.ingest.jsonrows import JsonRows, json_columns, json_flavour
from analysis.ingest.options import Batch, FileInfo, IngestOptions, Note
from analysis.ingest.ordered import ordered_map
from analysis.ingest.presets import PRESETS, recognise
from analysis.ingest.reader import CsvRows, RawRow, XlsxRows, pick_sheet
from analysis.ingest.records import (
    RecordPlan,
    build_records,
    decide_dates_from,
    normalize_platform,
)
from analysis.ingest.vetting import vet_columns

Rows = CsvRows | XlsxRows | JsonRows
BUILDERS = 2
"""Threads that build the fast path's chunks (:mod:`analysis.ingest.ordered`): with two, a
million-row import used both cores of a 2-core machine; more only add chunks held in memory."""
UNWRAP_SAMPLE = 500
"""Rows looked at for rows wrapped whole in quotes, to say so in the file's notes."""
_PRESET_PLATFORMS = {preset.name: preset.platform for preset in PRESETS}


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
            platform=normalize_platform(options.platform)
            or _PRESET_PLATFORMS.get(info.preset or ""),
            header_platform=header_platform(info.columns),
            reference_time=options.reference_time,
            dayfirst=options.dayfirst,
            forced_dayfirst=_forced_order(options.date_order),
        )

    def __repr__(self) -> str:
        return f"Export({str(self.info.path)!r}, format={self.info.format!r})"

    def batches(self) -> Iterator[Batch]:
        """Read the file from the start, yielding up to ``batch_rows`` input rows at a time.

        Only one batch of rows is in memory at once. Entirely blank rows are skipped (they
        carry nothing to import or reject); every other row is in ``records`` or ``rejects``.
        Past ``max_rows`` rows the batches read so far are yielded, then :class:`IngestError`.
        Rows dated in the future (:mod:`analysis.ingest.future`) are rejections.
        """
        now, column = datetime.now(UTC), self.info.mapping.get("published_at")
        for batch in self._read_batches():
            yield drop_future_rows(batch, now, column)

    def _read_batches(self) -> Iterator[Batch]:
        width = fast_candidate(self.info) if self.options.fast else None
        fast = self._checked_fast_batches(width) if width is not None else None
        if fast is not None:
            yield from fast
            return
        size = max(1, self.options.batch_rows)
        with _open_rows(self.info, self.options) as rows:
            pending: list[RawRow] = []
            for count, row in enumerate(rows):
                if count >= self.options.max_rows:
                    if pending:
                        yield self._batch(pending, rows.bytes_read)
                    raise self._over_row_cap(row.number)
                pending.append(row)
                if len(pending) >= size:
                    yield self._batch(pending, rows.bytes_read)
                    pending = []
            if pending:
                yield self._batch(pending, self.info.total_bytes)

    def _checked_fast_batches(self, width: int) -> Iterator[Batch] | None:
        """The fast path's batches, the first built while another thread makes sure that Arrow
        reads the whole file as the row reader would; None, with nothing yielded and the date
        decisions it made undone, when Arrow does not."""
        decided = bool(self._plan.date_columns)
        batches = self._fast_batches(width)
        with ThreadPoolExecutor(1) as pool:
            whole = pool.submit(parses_whole, self.info, width)
            try:
                first, error = list(islice(batches, 1)), None
            except (IngestError, pa.ArrowException) as stopped:
                first, error = [], stopped
            if not whole.result():
                batches.close()
                if not decided:
                    self._plan.date_columns.clear()
                return None
        return _resumed(first, error, batches)

    def _fast_batches(self, width: int) -> Generator[Batch]:
        """:meth:`batches` on the fast path (:mod:`analysis.ingest.fast`): the same batches,
        built on :data:`BUILDERS` threads while this one reads on."""
        with ArrowRows(self.info, width) as rows:
            yield from ordered_map(self._fast_batch, self._fast_chunks(rows), BUILDERS)

    def _fast_chunks(self, rows: ArrowRows) -> Iterator[tuple[Chunk, int]]:
        """Each chunk with the bytes read when it was taken; the row cap as in :meth:`batches`.
        The first chunk decides how the date columns are read, before any chunk is built."""
        cap, done = self.options.max_rows, 0
        for chunk in rows.chunks(max(1, self.options.batch_rows)):
            if done == 0:
                decide_dates_from(self._plan, chunk.column)
            if done + len(chunk) > cap:
                if cap > done:
                    yield chunk.head(cap - done), rows.bytes_read
                raise self._over_row_cap(int(chunk.numbers[cap - done]))
            done += len(chunk)
            yield chunk, rows.bytes_read

    def _fast_batch(self, read: tuple[Chunk, int]) -> Batch:
        chunk, bytes_read = read
        records, rejects = build_chunk(self._plan, chunk)
        return Batch(records=records, rejects=rejects, rows_in=len(chunk), bytes_read=bytes_read)

    def _over_row_cap(self, number: int) -> IngestError:
        cap = self.options.max_rows
        return IngestError(
            f"'{self.info.path.name}' has more than {cap:,} rows, the PANTAU_MAX_ROWS limit: "
            f"reading stopped at row {number}. The {cap:,} rows before it were imported and stay "
            "stored. Raise PANTAU_MAX_ROWS and import the file again (rows already stored are "
            "skipped as duplicates), or split the file"
        )

    def _batch(self, rows: list[RawRow], bytes_read: int) -> Batch:
        records, rejects = build_records(self._plan, rows)
        return Batch(records=records, rejects=rejects, rows_in=len(rows), bytes_read=bytes_read)


def _resumed(first: list[Batch], error: BaseException | None,
             rest: Iterator[Batch]) -> Iterator[Batch]:
    yield from first
    if error is not None:
        raise error
    yield from rest


def open_export(path: str | Path, options: IngestOptions | None = None) -> Export:
    """Inspect ``path`` and return an :class:`Export` to stream.

    Raises :class:`IngestError` naming the fix when the whole file cannot be imported: missing,
    empty, unsupported, undecodable, or without a text or a date column.
    """
    options = options or IngestOptions()
    info = _by_content(_unwrap_note(inspect_file(path, options), options), options)
    try:
        require_fields(info.mapping, info.columns, info.path.name, set(options.mapping))
    except IngestError as error:
        raise _sheet_hint(error, info, options.sheet) from None
    return Export(_vetted(info, options), options)


def _unwrap_note(info: FileInfo, options: IngestOptions) -> FileInfo:
    """``info`` with a note when rows of a delimited text are wrapped whole in quotes (merged
    exports do it): they are read field by field (:meth:`CsvRows._unwrapped`), and said so."""
    if info.format != "csv" or len(info.columns) < 2:
        return info
    with _open_rows(info, options) as rows:
        for _ in islice(rows, UNWRAP_SAMPLE):
            pass
        count = rows.unwrapped if isinstance(rows, CsvRows) else 0
    if not count:
        return info
    note = Note(f"Rows wrapped whole in one pair of quotes, as merged exports write them ({count} "
                f"among the first {UNWRAP_SAMPLE}), are read as the fields inside the quotes.",
                "unwrapped_rows", count=count, sample=UNWRAP_SAMPLE)
    return replace(info, notes=(*info.notes, note))


def _by_content(info: FileInfo, options: IngestOptions) -> FileInfo:
    """``info`` with the fields its header did not name recognised from its first values
    (:mod:`analysis.ingest.content`)."""
    return recognise_by_content(info, options, lambda: _open_rows(info, options))


def _vetted(info: FileInfo, options: IngestOptions) -> FileInfo:
    """``info`` once its first rows have shown whether the guessed id and title columns hold
    what their names promise (:mod:`analysis.ingest.vetting`)."""
    return vet_columns(info, options, lambda: _open_rows(info, options))


def _sheet_hint(error: IngestError, info: FileInfo, wanted: str | int | None) -> IngestError:
    """The error, plus the workbook's other sheets: the data is often not on the first one."""
    if len(info.sheets) < 2:
        return error
    current = pick_sheet(info.sheets, wanted, info.path.name)
    others = ", ".join(sheet for sheet in info.sheets if sheet != current)
    return IngestError(
        f"{error} (that is sheet '{current}'). Other sheets: {others}; pick one with --sheet NAME"
    )


def preview(
    path: str | Path, options: IngestOptions | None = None, rows: int = 10
) -> tuple[FileInfo, pd.DataFrame]:
    """The file's facts and its first ``rows`` data rows as strings, for a mapping preview.

    Unlike :func:`open_export` it does not insist on a text or date column: the preview is where
    the analyst chooses them.
    """
    options = options or IngestOptions()
    info = _vetted(_by_content(_unwrap_note(inspect_file(path, options), options), options),
                   options)
    width = len(info.columns)
    found: list[list[str]] = []
    with _open_rows(info, options) as stream:
        for row in stream:
            if len(found) >= rows:
                break
            found.append((row.values + [""] * width)[:width])
    return info, pd.DataFrame(found, columns=info.columns, dtype="str")


def file_format(path: str | Path, options: IngestOptions | None = None) -> str:
    """``csv | xlsx | json | jsonl | zip`` by name and content, after the size and sanity checks.

    ``json`` may still turn out to be JSON Lines once its text is read (see :func:`inspect_file`).
    """
    return check_file(Path(path), (options or IngestOptions()).max_bytes)[0]


def inspect_file(path: str | Path, options: IngestOptions) -> FileInfo:
    """Format, encoding, delimiter, header, preset and column mapping, without reading rows."""
    path = Path(path)
    file_format, size = check_file(path, options.max_bytes)
    _zone(options.timezone)
    if file_format == "zip":
        raise IngestError(
            f"'{path.name}' is a ZIP archive: import it with `pantau ingest` or "
            "analysis.pipeline.import_path, which import each file inside it"
        )
    file_format, encoding, delimiter, columns, layout = _header(path, file_format, options, size)
    if not columns and layout.sheet is not None:
        others = ", ".join(f"'{name}'" for name in layout.sheets if name != layout.sheet)
        raise IngestError(f"Sheet '{layout.sheet}' of '{path.name}' has no cells filled"
                          + (f". Other sheets: {others}; pick one with --sheet NAME (in the app: "
                             "the sheet list)" if others else ""))  # fmt: skip
    if not columns:
        what = "no records (objects with fields)" if file_format.startswith("json") else (
            "no header row: its first row should name the columns")
        raise IngestError(f"'{path.name}' has {what}")
    preset = recognise(columns)
    mapping = resolve_mapping(
        columns, dict(options.mapping), path.name, preset.mapping(columns) if preset else None
    )
    return FileInfo(
        path=path,
        format=file_format,
        encoding=encoding,
        delimiter=delimiter,
        columns=columns,
        mapping=mapping,
        sheets=layout.sheets,
        total_bytes=size,
        preset=preset.name if preset else None,
        notes=layout.notes,
        sheet=layout.sheet,
        header_skip=layout.skip,
    )


@dataclass(frozen=True)
class _Layout:
    """Where a file's data sits: a workbook's worksheets and the one read, or the records
    above a delimited text's header; and what the analyst should know of it."""

    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    skip: int = 0
    notes: tuple[str, ...] = ()


def _header(
    path: Path, file_format: str, options: IngestOptions, size: int
) -> tuple[str, str | None, str | None, list[str], _Layout]:
    """(format, encoding, delimiter, columns, layout) read from the file's start."""
    if file_format == "xlsx":
        with XlsxRows(path, options.sheet, size) as xlsx_rows:
            names, read = xlsx_rows.sheets, xlsx_rows.sheet
            notes: tuple[str, ...] = () if read == names[0] or options.sheet is not None else (
                Note(f"The first sheet, '{names[0]}', is empty: sheet '{read}' was read. Pick "
                     "another with --sheet NAME (in the app: the sheet list)", "empty_first_sheet",
                     first=names[0], read=read),)  # fmt: skip
            if xlsx_rows.title_rows:
                notes += (_titles_note(xlsx_rows.title_rows),)
            return file_format, None, None, xlsx_rows.columns, _Layout(names, read, notes=notes)
    encoding = detect_encoding(path, options.encoding)
    if file_format == "csv":
        delimiter, skip = header_layout(read_sample(path, encoding), options.delimiter)
        above = "the line above it is" if skip == 1 else f"the {skip} lines above it are"
        notes = (Note(f"The header is row {skip + 1}; {above} skipped (a title, a blank line or "
                      "Excel's sep= line: no columns).", "header_below", header=skip + 1,
                      skipped=skip),) if skip else ()  # fmt: skip
        with CsvRows(path, encoding, delimiter, skip) as csv_rows:
            return file_format, encoding, delimiter, csv_rows.columns, _Layout(skip=skip,
                                                                               notes=notes)
    flavour = json_flavour(path, encoding, file_format)
    return flavour, encoding, None, json_columns(path, encoding, flavour), _Layout()


def _titles_note(rows: list[int]) -> Note:
    listed = ", ".join(map(str, rows))
    header = rows[-1] + 1
    return Note(f"Row{'s' if len(rows) > 1 else ''} {listed} of the sheet fill only a few cells "
                f"above the columns (a title or merged group headings): the header is the row "
                f"under {'them' if len(rows) > 1 else 'it'}.", "title_rows", rows=listed,
                header=header)


def _open_rows(info: FileInfo, options: IngestOptions) -> Rows:
    if info.format == "xlsx":
        return XlsxRows(info.path, options.sheet, info.total_bytes)
    assert info.encoding is not None
    if info.format in ("json", "jsonl"):
        return JsonRows(info.path, info.encoding, info.format, info.columns)
    assert info.delimiter is not None
    return CsvRows(info.path, info.encoding, info.delimiter, info.header_skip)


def _forced_order(order: str | None) -> bool | None:
    """``"dmy"`` -> day first, ``"mdy"`` -> month first, None -> decided from the data."""
    if order is None:
        return None
    if order not in ("dmy", "mdy"):
        raise IngestError(f"Date order {order!r} is not dmy (day first) or mdy (month first)")
    return order == "dmy"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise IngestError(f"Unknown time zone '{name}' (e.g. Asia/Jakarta)") from None
