"""Hex SHA-1 of a whole Arrow column, computed by DuckDB's ``sha1`` in C++.

The id and the text hash of every row are SHA-1 digests. With ``hashlib`` each costs a Python call
and two objects, about a microsecond: a tenth of a million-row import. DuckDB hashes a column in
native code on all cores and gives the same hex digest of the same UTF-8 bytes
(``tests/ingest/test_fast_ingest.py`` checks them against ``hashlib``). It runs on a private
in-memory database, one per thread (a DuckDB connection is not thread-safe), never on the store.
"""

from __future__ import annotations

import threading

import duckdb
import pyarrow as pa

_local = threading.local()


def sha1_hex(*columns: pa.Array) -> list[pa.Array]:
    """For each column, the lowercase hex SHA-1 of each string's UTF-8 bytes (no nulls); the
    columns are of one length and hashed in one query."""
    if len(columns[0]) == 0:
        return [pa.array([], pa.string()) for _ in columns]
    engine = getattr(_local, "engine", None)
    if engine is None:
        engine = _local.engine = duckdb.connect(":memory:")
    names = [f"c{number}" for number in range(len(columns))]
    table = pa.table(dict(zip(names, columns, strict=True)))
    digests = engine.from_arrow(table).select(", ".join(f"sha1({name})" for name in names))
    return [column.combine_chunks().cast(pa.string()) for column in digests.to_arrow_table()]
