"""The canonical record columns of the fast path, built column by column with Arrow.

Each function gives, for a whole column, what ``records._assemble`` gives per row. Python runs
once per distinct value where values repeat (platforms, counts) and only on the rare rows Arrow
cannot judge alone (a url that is not plain ``http(s)://host/``, a cell that needs JSON escapes);
the two SHA-1 hashes are DuckDB's (:mod:`analysis.ingest.fast_hash`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from json.encoder import encode_basestring  # type: ignore[attr-defined]

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.ingest import records as rows_path
from analysis.ingest.counts import count_cached
from analysis.ingest.fast_hash import sha1_hex
from analysis.ingest.fast_text import normalize_column, strip
from analysis.ingest.records import COUNT_FIELDS, RecordPlan, records_frame
from analysis.vocabulary import Kind

_SIMPLE_HOST = r"^https?://(?P<host>[a-zA-Z0-9.-]+)(?:[:/?#]|$)"
"""``records._SIMPLE_URL`` in RE2 syntax."""
_JSON_ESCAPED = r'[\x00-\x1f\\"]'
"""The characters ``json.dumps(..., ensure_ascii=False)`` escapes in a string."""
_NO_STRING = pa.scalar(None, pa.string())


def flags(mask: pa.Array) -> np.ndarray:
    """A boolean Arrow array as numpy (null counts as False)."""
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def assemble(plan: RecordPlan, index: dict[str, pa.StringArray], texts: pa.Array,
             dated: tuple[np.ndarray, np.ndarray], numbers: np.ndarray,
             accepted: np.ndarray) -> pd.DataFrame:
    """The canonical records frame of the accepted rows (see ``records._assemble``)."""
    keep = pa.array(accepted)
    count = int(accepted.sum())

    def field(name: str) -> pa.Array:
        if name not in plan.mapping:
            return pa.nulls(count, pa.string())
        values = strip(index[plan.mapping[name]].filter(keep))
        return pc.if_else(pc.equal(values, ""), _NO_STRING, values)

    url, author, native, parent, source = (
        field(name) for name in ("url", "author", "id", "parent_id", "source")
    )
    hosts = _hosts(url)
    platform = _platforms(plan, field("platform"), hosts)
    parent = pc.if_else(pc.fill_null(pc.equal(parent, native), False), _NO_STRING, parent)
    news = pc.equal(platform, "news")
    source = pc.if_else(pc.and_(pc.is_null(source), news), hosts, source)
    article = pa.scalar(True) if "title" in plan.mapping else news
    instants = dated[0][accepted]
    text = texts.filter(keep)
    normalized = normalize_column(text)
    ids, text_hashes = sha1_hex(_id_keys(platform, native, normalized, author, instants),
                                normalized)  # fmt: skip
    records: dict[str, object] = {
        "id": ids,
        "kind": pc.if_else(pc.is_valid(parent), Kind.COMMENT,
                           pc.if_else(article, Kind.ARTICLE, Kind.POST)),
        "platform": platform, "source": source, "author": author,
        "published_at": pd.Series(instants).dt.tz_localize("UTC"),
        "published_approx": dated[1][accepted], "text": text,
        "text_hash": text_hashes, "url": url, "parent_id": parent,
        "extra": _extra(plan, index, keep, count), "row_number": numbers[accepted],
    }  # fmt: skip
    for name in COUNT_FIELDS:
        column = plan.mapping.get(name)
        records[name] = (pa.nulls(count, pa.int64()) if column is None
                         else _per_value(index[column].filter(keep), count_cached, pa.int64()))
    return _frame(records)


def _hosts(urls: pa.Array) -> pa.Array:
    """``records._host`` of every url; the plain ``http(s)://host/`` ones cut by Arrow."""
    if urls.null_count == len(urls):
        return urls
    found = pc.extract_regex(urls, _SIMPLE_HOST)
    host = pc.ascii_lower(pc.struct_field(found, "host"))
    host = pc.if_else(pc.starts_with(host, "www."), pc.utf8_slice_codeunits(host, 4), host)
    hosts = pc.if_else(pc.equal(host, ""), _NO_STRING, host)
    unusual = flags(pc.and_(pc.is_valid(urls), pc.is_null(found)))
    if not unusual.any():
        return hosts
    others = [rows_path._host(url) for url in urls.filter(pa.array(unusual)).to_pylist()]
    return pc.replace_with_mask(hosts, pa.array(unusual), pa.array(others, pa.string()))


def _platforms(plan: RecordPlan, values: pa.Array, hosts: pa.Array) -> pa.Array:
    """``records._platform`` of every row, computed once per (column value, url host)."""
    value_codes, value_names = _codes(values)
    host_codes, host_names = _codes(hosts)
    width = len(host_names)
    pairs, inverse = np.unique(value_codes * width + host_codes, return_inverse=True)
    names = [rows_path.platform_of(plan, value_names[pair // width], host_names[pair % width])
             for pair in pairs.tolist()]  # fmt: skip
    return pa.array(names, pa.string()).take(pa.array(inverse.reshape(-1)))


def _codes(values: pa.Array) -> tuple[np.ndarray, list[str | None]]:
    """Each value's index in the list of distinct values (None, for nulls, is one of them)."""
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    return codes, encoded.dictionary.to_pylist()


def _per_value(values: pa.Array, read: Callable[[str], object], kind: pa.DataType) -> pa.Array:
    """``read`` of every value, called once per distinct value."""
    encoded = pc.dictionary_encode(values)
    results = [read(value) for value in encoded.dictionary.to_pylist()]
    return pa.array(results, kind).take(encoded.indices)


def _id_keys(platform: pa.Array, native: pa.Array, normalized: pa.Array, author: pa.Array,
             instants: np.ndarray) -> pa.Array:
    """What ``records._record_id`` hashes for every row: the export's own id, else the
    normalised text, author and time (``isoformat``: no fraction when the microseconds are 0)."""
    keys = pc.binary_join_element_wise(platform, native, "|id|")
    missing = pc.is_null(native)
    if pc.any(missing).as_py():
        seconds = pc.strftime(pa.array(instants), format="%Y-%m-%dT%H:%M:%S")
        stamps = pc.binary_join_element_wise(
            pc.replace_substring_regex(seconds, r"\.000000$", ""), "+00:00", ""
        )
        content = pc.binary_join_element_wise(
            platform, normalized, pc.fill_null(author, ""), stamps, "|"
        )
        keys = pc.if_else(missing, content, keys)
    return keys


def _extra(plan: RecordPlan, index: dict[str, pa.StringArray], keep: pa.Array,
           count: int) -> pa.Array:
    """``json.dumps`` of the unmapped columns (``ensure_ascii=False``), built column by column."""
    if not plan.extra_columns:
        return pa.repeat(pa.scalar("{}", pa.string()), count)
    parts: list[pa.Array | str] = ["{"]
    for number, name in enumerate(plan.extra_columns):
        key = (", " if number else "") + encode_basestring(name) + ": "
        parts += [key, _json_string(index[name].filter(keep))]
    return pc.binary_join_element_wise(*parts, "}", "")


def _json_string(values: pa.Array) -> pa.Array:
    """Each string as a JSON string literal, as ``encode_basestring`` writes it."""
    quoted = pc.binary_join_element_wise('"', values, '"', "")
    escaped = flags(pc.match_substring_regex(values, _JSON_ESCAPED))
    if not escaped.any():
        return quoted
    mask = pa.array(escaped)
    literals = [encode_basestring(value) for value in values.filter(mask).to_pylist()]
    return pc.replace_with_mask(quoted, mask, pa.array(literals, pa.string()))


def _frame(columns: dict[str, object]) -> pd.DataFrame:
    """The columns as one Arrow table, converted at once to ``records_frame``'s dtypes."""
    dtypes = _dtypes()
    table = pa.table({name: _arrow(columns[name]) for name in dtypes.index})
    frame = table.to_pandas(types_mapper=_pandas_type)
    frame["row_number"] = frame["row_number"].astype("int64")
    return frame


def _arrow(values: object) -> pa.Array | pa.ChunkedArray:
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values
    if isinstance(values, pd.Series):
        return pa.Array.from_pandas(values)
    return pa.array(values)


def _pandas_type(kind: pa.DataType) -> object:
    """Strings as pandas' ``str``, 64-bit integers as nullable ``Int64`` (the counts; the row
    number goes back to ``int64``)."""
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _dtypes()["id"]
    return pd.Int64Dtype() if kind == pa.int64() else None


@cache
def _dtypes() -> pd.Series:
    return records_frame([]).dtypes
