"""The fast path for delimited text: parse with Arrow, validate whole columns at once.

It yields exactly the records and rejections of the row path (:mod:`analysis.ingest.records` over
:class:`analysis.ingest.reader.CsvRows`): the same ids, hashes, dates, row numbers and reasons.
It takes only what it can read the same way: a UTF-8 file that Arrow parses with every record as
wide as the header. Anything else (another encoding, a short or long row, a parse error) makes
:func:`analysis.ingest.fast_reader.fast_width` return None before anything is yielded, and the
caller reads the file on the row path. Per row, the work the row path does in Python is done per
column (:mod:`analysis.ingest.fast_columns`); rows that need the row path's judgement (an empty
text, a date no fast shape reads, extra fields) get it from the row path's own functions.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.ingest import records as rows_path
from analysis.ingest.dates import DateError
from analysis.ingest.fast_columns import assemble, flags
from analysis.ingest.fast_dates import fast_dates
from analysis.ingest.fast_reader import Chunk
from analysis.ingest.fast_text import strip
from analysis.ingest.options import Rejection
from analysis.ingest.records import RecordPlan

Dated = tuple[np.ndarray, np.ndarray]
"""(UTC instants as naive ``datetime64[us]``, approximate flags), one of each per row."""


def build_chunk(plan: RecordPlan, chunk: Chunk) -> tuple[pd.DataFrame, list[Rejection]]:
    """The records and rejections the row path gives for these rows, in row order."""
    index = {name: column for name, column in zip(plan.columns, chunk.cells, strict=False)}
    rejects: dict[int, Rejection] = {}
    bad = _bad_extra_rows(plan, chunk)
    for row, raw_row in zip(bad, chunk.rows(bad), strict=True):
        wide = rows_path.width_reason(len(raw_row.values), len(plan.columns))
        rejects[row] = rows_path._reject(plan, raw_row, None, "bad_row", wide)
    texts = _texts(plan, index)
    empty = [row for row in np.flatnonzero(flags(pc.equal(texts, ""))).tolist()
             if row not in rejects]  # fmt: skip
    column, reason = rows_path._text_column(plan), rows_path._empty_text_reason(plan)
    for row, raw_row in zip(empty, chunk.rows(empty), strict=True):
        rejects[row] = rows_path._reject(plan, raw_row, column, "empty_text", reason)
    dated = _dates(plan, chunk, index, _unrejected(len(chunk), rejects), rejects)
    accepted = _unrejected(len(chunk), rejects)
    frame = assemble(plan, index, texts, dated, chunk.numbers, accepted)
    return frame, [rejects[row] for row in sorted(rejects)]


def _unrejected(count: int, rejects: dict[int, Rejection]) -> np.ndarray:
    mask = np.ones(count, dtype=bool)
    mask[list(rejects)] = False
    return mask


def _texts(plan: RecordPlan, index: dict[str, pa.StringArray]) -> pa.Array:
    """Each row's text, stripped; for articles the title, a blank line, then the body."""
    names = [plan.mapping[name] for name in ("title", "text") if name in plan.mapping]
    parts = [strip(index[name]) for name in names]
    if len(parts) == 1:
        return parts[0]
    first, second = parts
    has_first, has_second = pc.not_equal(first, ""), pc.not_equal(second, "")
    joined = pc.binary_join_element_wise(first, second, "\n\n")
    return pc.if_else(pc.and_(has_first, has_second), joined,
                      pc.if_else(has_first, first, second))  # fmt: skip


def _bad_extra_rows(plan: RecordPlan, chunk: Chunk) -> list[int]:
    """Rows whose fields past the header's named columns are not all blank."""
    bad = np.zeros(len(chunk), dtype=bool)
    for column in chunk.cells[len(plan.columns) :]:
        bad |= flags(pc.not_equal(strip(column), ""))
    return np.flatnonzero(bad).tolist()


def _dates(plan: RecordPlan, chunk: Chunk, index: dict[str, pa.StringArray], todo: np.ndarray,
           rejects: dict[int, Rejection]) -> Dated:
    """(UTC instants, approximate flags) for every row; rejections added for the others."""
    column = plan.mapping["published_at"]
    style = rows_path._style(plan, column)
    raw = strip(index[column])
    instants = np.full(len(chunk), np.datetime64("NaT", "us"), dtype="datetime64[us]")
    approx = np.zeros(len(chunk), dtype=bool)
    rows = np.flatnonzero(todo & flags(pc.not_equal(raw, "")))
    if len(rows) and not style.excel_serial:
        instants[rows] = fast_dates(raw.take(pa.array(rows)), plan.tz, style.dayfirst)
    left = np.flatnonzero(todo & np.isnat(instants))
    if len(left):
        _slow_dates(plan, chunk, raw.take(pa.array(left)), left, (instants, approx), rejects)
    return instants, approx


def _slow_dates(plan: RecordPlan, chunk: Chunk, raw: pa.Array, rows: np.ndarray, out: Dated,
                rejects: dict[int, Rejection]) -> None:
    """The row path's reading of the dates no fast shape took (``raw`` holds those rows' values).
    Without a reference-time column each distinct value is read once ("3 minggu yang lalu"
    repeats) and written to all its rows at once; a value that fails, and every row when rows
    carry their own reference time, goes through ``records._published``."""
    if plan.mapping.get("reference_time") is not None:
        _settle_rows(plan, chunk, rows, out, rejects)
        return
    style = rows_path._style(plan, plan.mapping["published_at"])
    encoded = pc.dictionary_encode(raw)
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(encoded.dictionary) + 1))
    for code, value in enumerate(encoded.dictionary.to_pylist()):
        members = rows[order[bounds[code] : bounds[code + 1]]]
        try:
            parsed = rows_path._parse_cached(
                value, plan.tz, plan.reference_time, style.dayfirst, style.excel_serial
            )
        except DateError:
            _settle_rows(plan, chunk, members, out, rejects)
            continue
        _settle(out, members, parsed)


def _settle_rows(plan: RecordPlan, chunk: Chunk, rows: np.ndarray, out: Dated,
                 rejects: dict[int, Rejection]) -> None:
    """Each row's date as ``records._published`` reads it, with the row's other cells."""
    for row, raw_row in zip(rows.tolist(), chunk.rows(rows.tolist()), strict=True):
        cells = dict(zip(plan.columns, raw_row.values, strict=False))
        outcome = rows_path._published(plan, raw_row, cells)
        if isinstance(outcome, Rejection):
            rejects[row] = outcome
        else:
            _settle(out, np.array([row]), outcome)


def _settle(out: Dated, rows: np.ndarray, parsed: tuple[datetime, bool]) -> None:
    out[0][rows] = np.datetime64(parsed[0].replace(tzinfo=None), "us")
    out[1][rows] = parsed[1]
