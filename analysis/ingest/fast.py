"""The fast path for delimited text: parse with Arrow, validate whole columns at once.

It yields exactly the records and rejections of the row path (:mod:`analysis.ingest.records` over
:class:`analysis.ingest.reader.CsvRows`): the same ids, hashes, dates, row numbers and reasons.
It takes only what it can read the same way: a UTF-8 file that Arrow parses with every record as
wide as the header. Anything else (another encoding, a short or long row, a parse error) makes
:func:`analysis.ingest.fast_reader.fast_width` return None before anything is yielded, and the
caller reads the file on the row path. Per row, the work the row path does in Python is done per
column; rows that need the row path's judgement (an empty text, a date no fast shape reads, extra
fields) get it from the row path's own functions.
"""

from __future__ import annotations

from datetime import datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.ingest import records as rows_path
from analysis.ingest.counts import count_cached
from analysis.ingest.dates import DateError
from analysis.ingest.fast_dates import fast_dates
from analysis.ingest.fast_reader import Chunk
from analysis.ingest.fast_text import normalize_many
from analysis.ingest.options import Rejection
from analysis.ingest.records import COUNT_FIELDS, RecordPlan, records_frame

_SIMPLE_HOST = r"^https?://(?P<host>[a-zA-Z0-9.-]+)(?:[:/?#]|$)"
"""``records._SIMPLE_URL`` in RE2 syntax."""


def build_chunk(plan: RecordPlan, chunk: Chunk) -> tuple[pd.DataFrame, list[Rejection]]:
    """The records and rejections the row path gives for these rows, in row order."""
    index = {name: column for name, column in zip(plan.columns, chunk.cells, strict=False)}
    n = len(chunk)
    texts = _texts(plan, index, n)
    status = np.zeros(n, dtype=np.int8)  # 0 record, 1 rejected
    rejects: dict[int, Rejection] = {}
    for row in _bad_extra_rows(plan, chunk):
        rejects[row] = _reject(plan, chunk, row, None, "bad_row", "")
    for row, text in enumerate(texts):
        if not text and row not in rejects:
            reason = rows_path._empty_text_reason(plan)
            rejects[row] = _reject(plan, chunk, row, rows_path._text_column(plan), "empty_text",
                                   reason)
    for row in rejects:
        status[row] = 1
    dated = _dates(plan, chunk, index, status == 0, rejects)
    for row in rejects:
        status[row] = 1
    accepted = np.flatnonzero(status == 0)
    frame = _assemble(plan, index, [texts[row] for row in accepted], dated, chunk, accepted)
    return frame, [rejects[row] for row in sorted(rejects)]


def _texts(plan: RecordPlan, index: dict[str, list[str]], n: int) -> list[str]:
    names = [plan.mapping[name] for name in ("title", "text") if name in plan.mapping]
    if len(names) == 1:
        return [value.strip() for value in index[names[0]]]
    pairs = zip(index[names[0]], index[names[1]], strict=True)
    return ["\n\n".join(part for part in (a.strip(), b.strip()) if part) for a, b in pairs]


def _bad_extra_rows(plan: RecordPlan, chunk: Chunk) -> list[int]:
    """Rows whose fields past the header's named columns are not all blank."""
    extras = chunk.cells[len(plan.columns) :]
    if not extras:
        return []
    return [row for row, values in enumerate(zip(*extras, strict=True))
            if any(value.strip() for value in values)]  # fmt: skip


def _reject(plan: RecordPlan, chunk: Chunk, row: int, column: str | None, code: str,
            reason: str) -> Rejection:
    raw_row = chunk.row(row)
    if code == "bad_row":
        reason = (f"the row has {len(raw_row.values)} fields but the header has "
                  f"{len(plan.columns)} columns")  # fmt: skip
    return rows_path._reject(plan, raw_row, column, code, reason)


def _dates(plan: RecordPlan, chunk: Chunk, index: dict[str, list[str]], todo: np.ndarray,
           rejects: dict[int, Rejection]) -> tuple[np.ndarray, np.ndarray]:
    """(UTC instants, approximate flags) for every row; rejections added for the others."""
    column = plan.mapping["published_at"]
    style = rows_path._style(plan, column)
    raw = [value.strip() for value in index[column]]
    instants = np.full(len(chunk), np.datetime64("NaT", "us"), dtype="datetime64[us]")
    approx = np.zeros(len(chunk), dtype=bool)
    rows = [row for row in np.flatnonzero(todo) if raw[row]]
    if rows and not style.excel_serial:
        values = pd.Series([raw[row] for row in rows], dtype=object)
        instants[rows] = fast_dates(values, plan.tz, style.dayfirst)
    _slow_dates(plan, chunk, raw, np.flatnonzero(todo & np.isnat(instants)), (instants, approx),
                rejects)
    return instants, approx


def _slow_dates(plan: RecordPlan, chunk: Chunk, raw: list[str], rows: np.ndarray,
                out: tuple[np.ndarray, np.ndarray], rejects: dict[int, Rejection]) -> None:
    """The row path's reading of the dates no fast shape took. Without a reference-time column
    each distinct value is read once ("3 minggu yang lalu" repeats); a value that fails, and
    every row when rows carry their own reference time, goes through ``records._published``."""
    style = rows_path._style(plan, plan.mapping["published_at"])
    shared = plan.mapping.get("reference_time") is None
    groups: dict[str, list[int]] = {}
    for row in rows.tolist():
        groups.setdefault(raw[row] if shared else str(row), []).append(row)
    for key, members in groups.items():
        parsed = None
        if shared:
            try:
                parsed = rows_path._parse_cached(
                    key, plan.tz, plan.reference_time, style.dayfirst, style.excel_serial
                )
            except DateError:
                parsed = None
        for row in members:
            outcome = parsed or _published(plan, chunk, row)
            if isinstance(outcome, Rejection):
                rejects[row] = outcome
            else:
                out[0][row] = np.datetime64(outcome[0].replace(tzinfo=None), "us")
                out[1][row] = outcome[1]


def _published(plan: RecordPlan, chunk: Chunk, row: int) -> tuple[datetime, bool] | Rejection:
    raw_row = chunk.row(row)
    cells = dict(zip(plan.columns, raw_row.values, strict=False))
    return rows_path._published(plan, raw_row, cells)


def _assemble(plan: RecordPlan, index: dict[str, list[str]], texts: list[str],
              dated: tuple[np.ndarray, np.ndarray], chunk: Chunk,
              accepted: np.ndarray) -> pd.DataFrame:
    """The canonical records frame of the accepted rows (see ``records._assemble``)."""
    picked = accepted.tolist()

    def field(name: str) -> list[str | None]:
        if name not in plan.mapping:
            return [None] * len(picked)
        column = index[plan.mapping[name]]
        return [column[row].strip() or None for row in picked]

    url, author, native, parent, source = (
        field(name) for name in ("url", "author", "id", "parent_id", "source")
    )
    platform = _platforms(plan, field("platform"), url)
    parent = [None if p == n else p for p, n in zip(parent, native, strict=True)]
    source = [s or (rows_path._host(u) if p == "news" else None)
              for s, u, p in zip(source, url, platform, strict=True)]  # fmt: skip
    instants = dated[0][accepted]
    normalized = normalize_many(texts)
    records: dict[str, object] = {
        "id": _ids(platform, native, normalized, author, instants),
        "kind": [rows_path._kind(plan, p, q) for p, q in zip(platform, parent, strict=True)],
        "platform": platform, "source": source, "author": author,
        "published_at": pd.Series(instants).dt.tz_localize("UTC"),
        "published_approx": dated[1][accepted], "text": texts,
        "text_hash": [rows_path.hashlib.sha1(key.encode("utf-8")).hexdigest()
                      for key in normalized],
        "url": url, "parent_id": parent, "extra": _extra(plan, index, picked),
        "row_number": chunk.numbers[accepted],
    }  # fmt: skip
    for name in COUNT_FIELDS:
        values = index[plan.mapping[name]] if name in plan.mapping else None
        records[name] = [count_cached(values[row]) if values is not None else None
                         for row in picked]  # fmt: skip
    return _frame(records)


def _platforms(plan: RecordPlan, values: list[str | None], urls: list[str | None]) -> list[str]:
    """``records._platform`` of every row, computed once per (column value, url host)."""
    hosts = _hosts(urls)
    memo: dict[tuple[str | None, str | None], str] = {}
    out: list[str] = []
    for value, host, url in zip(values, hosts, urls, strict=True):
        key = (value, host)
        platform = memo.get(key)
        if platform is None:
            platform = memo[key] = rows_path._platform(plan, value, url)
        out.append(platform)
    return out


def _hosts(urls: list[str | None]) -> list[str | None]:
    """``records._host`` of every url; the plain ``http(s)://host/`` ones cut by Arrow."""
    if not any(urls):
        return [None] * len(urls)
    found = pc.extract_regex(pa.array(urls, pa.string()), _SIMPLE_HOST).field("host")
    cut = found.to_pylist()
    return [
        (host.lower().removeprefix("www.") or None) if host is not None else rows_path._host(url)
        for host, url in zip(cut, urls, strict=True)
    ]


def _frame(columns: dict[str, object]) -> pd.DataFrame:
    """The columns with ``records_frame``'s dtypes; text columns go through Arrow, which builds
    them about twice as fast as pandas does from a list."""
    dtypes = records_frame([]).dtypes
    return pd.DataFrame({name: _series(columns[name], dtypes[name]) for name in dtypes.index})


def _series(values: object, dtype: object) -> pd.Series:
    if isinstance(values, list) and isinstance(dtype, pd.StringDtype):
        return pd.Series(pd.array(pa.array(values, pa.large_string()), dtype=dtype))
    return pd.Series(values, dtype=dtype)  # type: ignore[call-overload]


def _ids(platform: list[str], native: list[str | None], normalized: list[str],
         author: list[str | None], instants: np.ndarray) -> list[str]:
    """``records._record_id`` for every row, the normalised text computed once."""
    sha1 = rows_path.hashlib.sha1
    moments = instants.astype(object)
    out: list[str] = []
    for row, own in enumerate(native):
        if own:
            key = f"{platform[row]}|id|{own}"
        else:
            stamp = moments[row].isoformat() + "+00:00"
            key = f"{platform[row]}|{normalized[row]}|{author[row] or ''}|{stamp}"
        out.append(sha1(key.encode("utf-8")).hexdigest())
    return out


def _extra(plan: RecordPlan, index: dict[str, list[str]], picked: list[int]) -> list[str]:
    """``json.dumps`` of the unmapped columns (``ensure_ascii=False``), built column by column."""
    if not plan.extra_columns:
        return ["{}"] * len(picked)
    parts = []
    for name in plan.extra_columns:
        key = encode_basestring(name) + ": "
        column = index[name]
        parts.append([key + encode_basestring(column[row]) for row in picked])
    return ["{" + ", ".join(values) + "}" for values in zip(*parts, strict=True)]

