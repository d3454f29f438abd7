"""Read a delimited text file with Arrow, in runs of non-blank records, for the fast path.

:func:`parses_whole` parses the whole file once (nothing kept) and says whether Arrow reads it
exactly as :class:`analysis.ingest.reader.CsvRows` would: UTF-8, every record as wide as the
header. Only then are the batches :class:`ArrowRows` streams yielded, so a file the fast path
cannot promise is refused before a single row is stored. Row numbers are the row reader's: one
per record (a quoted line break does not count), header = 1, blank records skipped but counted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from analysis.ingest.encoding import DELIMITERS
from analysis.ingest.fast_text import SPACES
from analysis.ingest.options import FileInfo
from analysis.ingest.reader import Closing, RawRow

FAST_ENCODINGS = ("utf-8", "utf-8-sig")
_BLOCK = 1 << 20
"""1 MiB blocks: per block the reader does a few whole-column steps, so fewer blocks cost less
(256 KiB blocks took 40% longer); a record longer than two blocks sends the file to the row
path."""


@dataclass
class Chunk:
    """Consecutive non-blank records: their spreadsheet row numbers and cells, column by column
    (Arrow string arrays without nulls, so whole columns are checked without Python objects)."""

    numbers: np.ndarray
    cells: list[pa.StringArray]

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self, indices: list[int] | None = None) -> list[RawRow]:
        """These records (all by default) as :class:`RawRow`, for what is judged row by row."""
        picked = pa.array(indices if indices is not None else range(len(self)), pa.int64())
        columns = [column.take(picked).to_pylist() for column in self.cells]
        numbers = self.numbers[picked.to_numpy()].tolist()
        return [RawRow(int(number), list(values))
                for number, *values in zip(numbers, *columns, strict=True)]

    def column(self, index: int) -> Iterator[tuple[int, str]]:
        """The ``(row number, value)`` pairs of one column."""
        return zip(self.numbers.tolist(), self.cells[index].to_pylist(), strict=True)

    def head(self, count: int) -> Chunk:
        return Chunk(self.numbers[:count], [column[:count] for column in self.cells])


def fast_width(info: FileInfo) -> int | None:
    """The header's field count when Arrow reads the whole file as the row reader would; None
    when the fast path cannot promise that (the row path then reads the file)."""
    width = fast_candidate(info)
    return width if width is not None and parses_whole(info, width) else None


def fast_candidate(info: FileInfo) -> int | None:
    """The header's field count when the fast path may take the file (UTF-8 delimited text, a
    usual delimiter, a one-line header), before reading it through (:func:`parses_whole`)."""
    if info.format != "csv" or info.encoding not in FAST_ENCODINGS or info.delimiter is None:
        return None
    if info.header_skip:
        return None  # lines above the header are left to the row reader
    if info.delimiter not in DELIMITERS:
        return None  # a forced, unusual delimiter (a quote?) is left to the row reader
    width = _header_width(info)
    if width is None or width < len(info.columns):
        return None
    return width


def parses_whole(info: FileInfo, width: int) -> bool:
    """Whether Arrow parses the whole file with every record ``width`` fields wide."""
    assert info.delimiter is not None
    try:
        with pa.OSFile(str(info.path)) as source:
            for _ in pa_csv.open_csv(source, **_options(info.delimiter, width, check=True)):
                pass
    except (pa.ArrowException, OSError, UnicodeError):
        return False
    return True


def _header_width(info: FileInfo) -> int | None:
    """How many fields the header record has (trailing blank ones included); None when the
    header holds a line break (Arrow and Python might then disagree where it ends)."""
    assert info.encoding is not None and info.delimiter is not None
    with info.path.open("r", encoding=info.encoding, newline="") as handle:
        line = handle.readline()
    if line.count('"') % 2:
        return None
    return len(next(csv.reader(io.StringIO(line), delimiter=info.delimiter), []))


def _options(delimiter: str, width: int, check: bool = False) -> dict[str, object]:
    """How both passes read: the check must meet every error the streaming read could. It parses
    with threads and converts only the first column: the parser counts every record's fields
    whatever is converted, and a string column can only fail on invalid UTF-8, which
    ``detect_encoding`` has ruled out for the whole file already."""
    names = [f"c{index}" for index in range(width)]
    return {
        "read_options": pa_csv.ReadOptions(
            column_names=names, block_size=_BLOCK, use_threads=check
        ),
        "parse_options": pa_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
        ),
        "convert_options": pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            include_columns=names[:1] if check else None,
            check_utf8=not check,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


class ArrowRows(Closing):
    """The records of a file :func:`fast_width` accepted, as :class:`Chunk` runs; use as a
    context manager, iterate :meth:`chunks` once."""

    def __init__(self, info: FileInfo, width: int) -> None:
        assert info.delimiter is not None
        self._source = pa.OSFile(str(info.path))
        # One thread and small blocks: little read-ahead, so the file position follows the rows
        # (what ``bytes_read`` reports, and what an outside observer of the import sees).
        self._reader = pa_csv.open_csv(self._source, **_options(info.delimiter, width))
        self._position = 0

    @property
    def bytes_read(self) -> int:
        return int(self._source.tell())

    def chunks(self, size: int) -> Iterator[Chunk]:
        """Runs of ``size`` non-blank records (the last may be shorter)."""
        batches: list[pa.RecordBatch] = []
        numbers: list[np.ndarray] = []
        count = 0
        for batch in self._reader:
            kept = self._kept(batch)
            batches.append(batch if kept.all() else batch.filter(pa.array(kept)))
            numbers.append(np.flatnonzero(kept) + self._position - batch.num_rows + 1)
            count += int(kept.sum())
            while count >= size:
                yield self._take(batches, numbers, size)
                count -= size
        if count:
            yield self._take(batches, numbers, count)

    def _kept(self, batch: pa.RecordBatch) -> np.ndarray:
        """Which rows have a cell that is not blank (most rows: the first column decides)."""
        keep = np.zeros(batch.num_rows, dtype=bool)
        for column in batch.columns:
            if keep.all():
                break
            filled = pc.not_equal(pc.utf8_trim(column, characters=SPACES), "")
            keep |= np.asarray(filled.to_numpy(zero_copy_only=False), dtype=bool)
        if self._position == 0 and len(keep):
            keep[0] = False  # the header
        self._position += batch.num_rows
        return keep

    @staticmethod
    def _take(batches: list[pa.RecordBatch], numbers: list[np.ndarray], size: int) -> Chunk:
        """The first ``size`` buffered records; the rest stay buffered (as slices, not copies:
        each record is copied once, into its chunk's columns)."""
        table = pa.Table.from_batches(batches)
        joined = np.concatenate(numbers)
        head = table.slice(0, size)
        batches[:] = [batch for batch in table.slice(size).to_batches() if batch.num_rows]
        numbers[:] = [joined[size:]]
        cells = [column.combine_chunks() for column in head.columns]
        return Chunk(joined[:size].astype("int64"), cells)

    def close(self) -> None:
        self._source.close()
