"""Copying a whole store into another, empty one: a DuckDB file to a PostgreSQL server (an
analyst's store moving to the team's), back, or between two of a kind (``pantau store copy``).

Both stores are opened through their :class:`~analysis.store.db.Store`, so each has its schema
at the current version before anything is copied; the target must hold no row in any table
but ``meta`` (:class:`TargetNotEmptyError` otherwise: copying into a store in use would mix
two histories, and ids would collide). Nothing is overwritten: to replace a store, copy into a
new, empty database or file.

The tables are read from each store's own catalog and copied table by table, in chunks of
``chunk_rows`` (a store can hold millions of rows), the columns both tables have, each cast to
the target's type:

* DuckDB is read with Arrow (``to_arrow_reader``) and written by registering each chunk and
  ``INSERT ... SELECT`` with casts to the table's types (JSON, ``FLOAT[384]``, TIMESTAMPTZ);
* PostgreSQL is read with ``COPY (SELECT ...) TO STDOUT``, typed by psycopg's loaders (JSONB
  as its text, REAL[] as lists, TIMESTAMPTZ as UTC instants), and written with ``COPY ...
  FROM STDIN``: as CSV that Arrow writes (an unquoted empty field is NULL, a quoted one the
  empty text), row by row where a table has arrays (embeddings).

``meta`` keeps the target's own ``schema_version`` (both are current); any other key is copied
when the target lacks it. PostgreSQL has no ``rowid``: ``corrections`` and ``reviews`` carry an
identity column there, so rows are read in the order they were written (DuckDB's ``rowid``, the
identity column on PostgreSQL) and a PostgreSQL target numbers them in that order; afterwards
every identity column (and DuckDB's ``audit_log_id`` sequence) is set past the copied ids, so
the next row written gets a fresh one. The target is written in one transaction: a copy that
fails leaves it empty. A PostgreSQL target's GIN indexes (the texts' trigrams) are dropped for
the copy and built again at its end, in the same transaction; the target is vacuumed and
analysed afterwards (statistics and the visibility map its index-only scans need).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from pyarrow import csv

from analysis.errors import StoreError
from analysis.store.db import Store, registered
from analysis.store.pg_schema import DERIVED_TABLES

KEPT_META = {"schema_version", "pg_revision"}
"""``meta`` keys the target keeps as its own."""

_ARROW = {
    "varchar": pa.string(), "text": pa.string(), "json": pa.string(), "jsonb": pa.string(),
    "bool": pa.bool_(), "int2": pa.int16(), "int4": pa.int32(), "int8": pa.int64(),
    "float4": pa.float32(), "float8": pa.float64(), "timestamptz": pa.timestamp("us", "UTC"),
    "timestamp": pa.timestamp("us"), "date": pa.date32(),
    "_float4": pa.list_(pa.float32()), "_float8": pa.list_(pa.float64()),
}
"""PostgreSQL's type names (``udt_name``) as the Arrow types a chunk carries."""


class TargetNotEmptyError(StoreError):
    """The store to copy into already holds rows."""


@dataclass
class Column:
    name: str
    type: str
    """DuckDB's ``data_type`` (``FLOAT[384]``), PostgreSQL's ``udt_name`` (``_float4``)."""
    identity: str | None = None
    """The sequence that numbers the column (PostgreSQL identity, DuckDB ``nextval``)."""


def _catalog(store: Store, con: Any) -> dict[str, list[Column]]:
    """Every table of the store and its columns, in order."""
    if store.dialect == "postgres":
        rows = con.execute(
            "SELECT table_name, column_name, udt_name, "
            "pg_get_serial_sequence(quote_ident(table_name), column_name) "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "ORDER BY table_name, ordinal_position").fetchall()
    else:
        rows = con.execute(
            "SELECT table_name, column_name, data_type, "
            "regexp_extract(column_default, 'nextval\\(''([^'']+)''\\)', 1) "
            "FROM information_schema.columns WHERE table_schema = 'main' "
            "ORDER BY table_name, ordinal_position").fetchall()
    tables: dict[str, list[Column]] = {}
    for table, name, kind, sequence in rows:
        tables.setdefault(table, []).append(Column(name, kind, sequence or None))
    return tables


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _non_empty(con: Any, tables: list[str]) -> list[str]:
    return [t for t in tables if t != "meta" and t not in DERIVED_TABLES
            and con.execute(f"SELECT EXISTS (SELECT 1 FROM {_quote(t)})").fetchall()[0][0]]


def _order(store: Store, columns: list[Column], extra: list[Column]) -> str:
    """The order rows were written in, where the target numbers them (``extra``: identity
    columns the source lacks) or the source has an identity column."""
    if store.dialect == "postgres":
        numbered = [c.name for c in columns if c.identity]
        return f" ORDER BY {_quote(numbered[0])}" if numbered else ""
    return " ORDER BY rowid" if any(c.identity for c in extra) else ""


def _read_duckdb(con: Any, select: str, chunk_rows: int) -> Iterator[pa.Table]:
    for batch in con.sql(select).to_arrow_reader(chunk_rows):
        yield pa.Table.from_batches([batch])


def _read_pg(con: Any, select: str, columns: list[Column], chunk_rows: int
             ) -> Iterator[pa.Table]:
    schema = pa.schema([(c.name, _ARROW.get(c.type, pa.string())) for c in columns])
    with con.raw.cursor() as cursor, cursor.copy(f"COPY ({select}) TO STDOUT") as copy:
        copy.set_types([f"{c.type[1:]}[]" if c.type.startswith("_") else c.type
                        for c in columns])
        rows: list[tuple[Any, ...]] = []
        for row in copy.rows():
            rows.append(row)
            if len(rows) >= chunk_rows:
                yield _table(rows, schema)
                rows = []
        if rows:
            yield _table(rows, schema)


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True))
    return pa.table([pa.array(values, type=field.type)
                     for values, field in zip(columns, schema, strict=True)], schema=schema)


def _write_duckdb(con: Any, table: str, columns: list[Column], chunk: pa.Table) -> None:
    names = ", ".join(_quote(c.name) for c in columns)
    cast = ", ".join(f"CAST({_quote(c.name)} AS {c.type})" for c in columns)
    with registered(con, "pantau_copy_chunk", chunk):
        con.execute(f"INSERT INTO {_quote(table)} ({names}) "
                    f"SELECT {cast} FROM pantau_copy_chunk").fetchall()


def _write_pg(con: Any, table: str, columns: list[Column], chunk: pa.Table) -> None:
    names = ", ".join(_quote(c.name) for c in columns)
    lists = any(pa.types.is_list(t) or pa.types.is_fixed_size_list(t) for t in chunk.schema.types)
    with con.raw.cursor() as cursor:
        if not lists:
            buffer = io.BytesIO()
            csv.write_csv(chunk, buffer, csv.WriteOptions(include_header=False))
            with cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN "
                             "WITH (FORMAT csv)") as copy:
                copy.write(buffer.getvalue())
            return
        values = [column.to_pylist() for column in chunk.columns]
        with cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
            for row in zip(*values, strict=True):
                copy.write_row(row)


def _advance(target: Store, con: Any, table: str, column: Column) -> None:
    """The sequence numbering ``column`` set past the largest copied value."""
    top = con.execute(f"SELECT max({_quote(column.name)}) FROM {_quote(table)}").fetchall()[0][0]
    if top is None:
        return
    if target.dialect == "postgres":
        con.execute("SELECT setval(?, ?)", [column.identity, int(top)])
        return
    # DuckDB cannot set a sequence: draw from it until it has passed the copied ids.
    drawn = con.execute(f"SELECT nextval('{column.identity}')").fetchall()[0][0]
    if drawn < top:
        con.execute(f"SELECT max(nextval('{column.identity}')) FROM range(?)",
                    [int(top) - int(drawn)]).fetchall()


def _copy_meta(con_in: Any, con_out: Any) -> None:
    have = {k for (k,) in con_out.execute("SELECT key FROM meta").fetchall()}
    for key, value in con_in.execute("SELECT key, value FROM meta").fetchall():
        if key not in have and key not in KEPT_META:
            con_out.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                            [key, value]).fetchall()


Progress = Callable[[str, int], None]
"""Told each table's name and the rows copied into it so far."""


def _plan(source_tables: dict[str, list[Column]], target_tables: dict[str, list[Column]]
          ) -> dict[str, tuple[list[Column], list[Column], list[Column]]]:
    """Per table: the columns to copy (the target's, that the source has), the same in the
    source's types, and the target's identity columns the source lacks. A source column the
    target lacks is an error (its values would be lost), unless it only numbers the rows
    (PostgreSQL's ``rowid``: DuckDB keeps their order in its own)."""
    plan = {}
    for table, columns in source_tables.items():
        if table == "meta" or table in DERIVED_TABLES:
            continue
        if table not in target_tables:
            raise StoreError(f"The target store has no table {table!r}: is it an older Pantau?")
        wanted = {c.name for c in target_tables[table]}
        lost = [c.name for c in columns if c.name not in wanted and not c.identity]
        if lost:
            raise StoreError(f"The target's table {table!r} lacks the columns {lost}: is it "
                             "an older Pantau?")
        by_name = {c.name: c for c in columns}
        shared = [c for c in target_tables[table] if c.name in by_name]
        extra = [c for c in target_tables[table] if c.name not in by_name]
        if any(c.identity is None for c in extra):
            missing = [c.name for c in extra if c.identity is None]
            raise StoreError(f"The source's table {table!r} lacks the columns {missing}")
        plan[table] = (shared, [by_name[c.name] for c in shared], extra)
    return plan


def copy_store(source: Store, target: Store, chunk_rows: int = 50_000,
               progress: Progress | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; return rows per table."""
    if str(source) == str(target):
        raise StoreError("The source and the target are the same store")
    copied: dict[str, int] = {}
    with source.connect() as con_in, target.transaction(True) as con_out:
        source_tables, target_tables = _catalog(source, con_in), _catalog(target, con_out)
        busy = _non_empty(con_out, sorted(target_tables))
        if busy:
            raise TargetNotEmptyError(
                f"The target store {target} is not empty (rows in {', '.join(busy)}): copy "
                "into a new, empty database or file, so no history is mixed or overwritten")
        plan = _plan(source_tables, target_tables)
        rebuilt = _drop_gin_indexes(con_out) if target.dialect == "postgres" else []
        for table, (columns, read, extra) in plan.items():
            order = _order(source, source_tables[table], extra)
            copied[table] = _copy_table(source, target, con_in, con_out, table,
                                        (columns, read, order), chunk_rows, progress)
            for column in columns:
                if column.identity:
                    _advance(target, con_out, table, column)
        _copy_meta(con_in, con_out)
        for definition in rebuilt:
            con_out.execute(definition)
    if target.dialect == "postgres":
        with target.connect() as con:
            con.execute("VACUUM ANALYZE")  # statistics, and the visibility map that
            # index-only scans need (spreading claims: analysis.store.pg_revisions.CLAIM_INDEXES)
    return copied


def _drop_gin_indexes(con: Any) -> list[str]:
    """Drop the target's GIN indexes (PostgreSQL revision 3's trigram index on the texts)
    and return their definitions, to build each again once the rows are in: one build is
    faster than updating the index chunk by chunk (a million texts: the copy took 90 s with
    the index kept up, 62-66 s with it built at the end, 23 s of which the build). Inside the
    copy's transaction, so a copy that fails keeps them."""
    rows = con.execute("SELECT indexname, indexdef FROM pg_indexes "
                       "WHERE schemaname = current_schema() AND indexdef LIKE '% USING gin %'"
                       ).fetchall()
    for name, _ in rows:
        con.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in rows]


def _copy_table(source: Store, target: Store, con_in: Any, con_out: Any, table: str,
                how: tuple[list[Column], list[Column], str], chunk_rows: int,
                progress: Progress | None) -> int:
    """Copy one table chunk by chunk: ``how`` is the target's columns, the source's and the
    ORDER BY clause that reads rows in the order they were written."""
    columns, read, order = how
    select = f"SELECT {', '.join(_quote(c.name) for c in read)} FROM {_quote(table)}{order}"
    chunks = (_read_pg(con_in, select, read, chunk_rows) if source.dialect == "postgres"
              else _read_duckdb(con_in, select, chunk_rows))
    write = _write_pg if target.dialect == "postgres" else _write_duckdb
    done = 0
    for chunk in chunks:
        write(con_out, table, columns, chunk)
        done += chunk.num_rows
        if progress is not None:
            progress(table, done)
    return done
