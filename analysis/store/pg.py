"""The PostgreSQL backend (psycopg 3): :class:`PgStore`, the same methods as the DuckDB
:class:`~analysis.store.db.Store` over a connection pool.

``PANTAU_DB=postgresql://user:pass@host:port/db`` selects it (:func:`analysis.store.db.open_store`
picks the class). A pool per server URL and process replaces DuckDB's file lock and kept
connection (``keep_warm`` has nothing to do); :meth:`PgStore.writing` takes a PostgreSQL
advisory lock, so writers in every process take turns; the schema is
:mod:`analysis.store.pg_schema`.

The connection a PgStore yields is a :class:`PgConnection`: it answers the part of DuckDB's
connection API that the concept modules use (``execute`` with ``?`` or ``$name`` parameters,
``fetchone``, ``fetchall``, ``df``, ``fetchnumpy``, ``executemany``, ``register``), so SQL both
dialects share runs unchanged, and each concept module keeps a PostgreSQL statement beside
its DuckDB one where they differ, chosen by the store's ``dialect``. ``register`` copies a
frame into a temporary table (COPY), which DuckDB reads in place.

The URL's password never leaves this module: reprs, errors and logs show ``user:***@``.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg.pq import TransactionStatus
from psycopg.types.string import TextLoader
from psycopg_pool import ConnectionPool, PoolTimeout
from pyarrow import csv

from analysis.errors import StoreError, StoreLockedError
from analysis.store.db import BACKENDS, Store
from analysis.store.pg_schema import ensure_schema

_pools: dict[tuple[str, float], ConnectionPool] = {}
"""Per server URL and lock timeout: the process's pool."""
_pools_lock = threading.Lock()
_held = threading.local()
"""Per thread: server URL -> the connection of an open :meth:`PgStore.session`."""
WRITE_LOCK = 0x70616E746175
"""The advisory lock :meth:`PgStore.writing` holds (any fixed number: "pantau" in hex)."""
_NUMERIC = 1700
"""PostgreSQL's type oid of NUMERIC."""
_TYPES = {"b": "BOOLEAN", "i": "BIGINT", "u": "BIGINT", "f": "DOUBLE PRECISION"}


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for reprs, errors and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[2]}"))


def _scrub(text: str, url: str) -> str:
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text


_NAMED = re.compile(r"\$([A-Za-z_]\w*)")


def _sql(statement: str, named: bool = False) -> str:
    """DuckDB's parameters as psycopg's, outside quoted text: ``?`` as ``%s``, or with
    ``named`` ``$name`` as ``%(name)s``; every ``%`` escaped."""
    out = []
    for part in re.split(r"""('[^']*'|"[^"]*")""", statement):
        quote = part[:1] in ("'", '"') and len(part) > 1 and part[-1] == part[0]
        part = part.replace("%", "%%")
        if not quote:
            part = _NAMED.sub(r"%(\1)s", part) if named else part.replace("?", "%s")
        out.append(part)
    return "".join(out)


def _plain(value: Any) -> Any:
    """A pandas/numpy cell as the Python value psycopg adapts (missing values as None)."""
    if isinstance(value, (list, tuple, dict)):
        return value
    if isinstance(value, np.ndarray):
        return value.tolist()
    if value is None or pd.isna(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _column_type(series: pd.Series) -> str:
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return "TIMESTAMPTZ"
    if series.dtype.kind == "M":
        return "TIMESTAMP"
    if series.dtype.kind == "O":
        sample = series.dropna()
        first = sample.iloc[0] if len(sample) else None
        if hasattr(first, "tolist") or isinstance(first, list):
            return "DOUBLE PRECISION[]"
    return _TYPES.get(series.dtype.kind, "TEXT")


def typed(columns: Sequence[str], types: dict[str, str]) -> str:
    """A select list of ``columns`` cast to their table's ``types`` where given.

    A registered column that holds only missing values arrives as text, which PostgreSQL
    assigns to no other type by itself (DuckDB's NULL column fits any); JSON arrives as text
    too, which becomes JSONB only by a cast."""
    return ", ".join(f"CAST({c} AS {types[c]})" if c in types else c for c in columns)


class PgResult:
    """A statement's result, read the way DuckDB's is (``fetchone``, ``fetchall``, ``df``).

    A statement that returns no rows answers one row holding how many rows it changed, as
    DuckDB's INSERT, UPDATE and DELETE do."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        if cursor.description is None:
            self.columns: list[str] = ["Count"]
            self.rows: list[tuple[Any, ...]] = [(max(cursor.rowcount, 0),)]
            self.numeric: list[int] = []
        else:
            self.columns = [c.name for c in cursor.description]
            self.rows = cursor.fetchall()
            self.numeric = [i for i, c in enumerate(cursor.description) if c.type_code == _NUMERIC]

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        """Each column as an array (of Python objects: lists stay lists)."""
        return {name: np.array([row[i] for row in self.rows] + [None], dtype=object)[:-1]
                for i, name in enumerate(self.columns)}

    def df(self) -> pd.DataFrame:
        """The rows as a DataFrame; NUMERIC (PostgreSQL's sum of integers, its division) as
        floats, as DuckDB gives them."""
        frame = pd.DataFrame(self.rows, columns=self.columns)
        for i in self.numeric:
            frame.isetitem(i, pd.to_numeric(frame.iloc[:, i], errors="coerce").to_numpy(float))
        return frame


class PgConnection:
    """One pooled psycopg connection, with the DuckDB connection methods the store uses."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, statement: str,
                params: Sequence[Any] | dict[str, Any] | None = None) -> PgResult:
        with self.raw.cursor() as cursor:
            if isinstance(params, dict):
                cursor.execute(_sql(statement, named=True),  # type: ignore[arg-type]
                               {k: _plain(v) for k, v in params.items()})
            elif params:
                cursor.execute(_sql(statement),  # type: ignore[arg-type]
                               [_plain(p) for p in params])
            else:  # no parameters: sent as written (several statements allowed)
                cursor.execute(statement)  # type: ignore[arg-type]
            return PgResult(cursor)

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_sql(statement),  # type: ignore[arg-type]
                               [[_plain(v) for v in row] for row in rows])

    def register(self, name: str, frame: pd.DataFrame | pa.Table) -> None:
        """``frame`` readable as the temporary table ``name`` (until :meth:`unregister`).

        The rows go in by one COPY, as CSV that Arrow writes (an unquoted empty field is a
        missing value, a quoted one the empty text); a frame with list columns (embeddings)
        row by row."""
        table = frame if isinstance(frame, pa.Table) else None
        frame = frame.to_pandas() if isinstance(frame, pa.Table) else frame
        if frame.attrs:  # e.g. a hoax scorer's embeddings: not rows, and not JSON for Arrow
            frame = frame.copy(deep=False)
            frame.attrs = {}
        types = [_column_type(frame[c]) for c in frame.columns]
        columns = ", ".join(f'"{c}" {t}' for c, t in zip(frame.columns, types, strict=True))
        names = ", ".join(f'"{c}"' for c in frame.columns)
        self.raw.execute(f'DROP TABLE IF EXISTS "{name}"')  # type: ignore[arg-type]
        self.raw.execute(f'CREATE TEMP TABLE "{name}" ({columns})')  # type: ignore[arg-type]
        if frame.empty:
            return
        with self.raw.cursor() as cursor:
            if not any(t.endswith("[]") for t in types):
                buffer = io.BytesIO()
                csv.write_csv(table if table is not None
                              else pa.Table.from_pandas(frame, preserve_index=False), buffer,
                              csv.WriteOptions(include_header=False))
                with cursor.copy(f'COPY "{name}" ({names}) FROM STDIN '  # type: ignore[arg-type]
                                 "WITH (FORMAT csv)") as copy:
                    copy.write(buffer.getvalue())
                return
            with cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:  # type: ignore[arg-type]
                for row in frame.itertuples(index=False, name=None):
                    copy.write_row([_plain(v) for v in row])

    def unregister(self, name: str) -> None:
        """Drop the table ``name`` (inside a failed transaction, its rollback drops it)."""
        if self.raw.info.transaction_status != TransactionStatus.INERROR:
            self.raw.execute(f'DROP TABLE IF EXISTS "{name}"')  # type: ignore[arg-type]


def _configure(raw: psycopg.Connection[Any]) -> None:
    """JSON comes back as its text, as DuckDB gives it."""
    raw.adapters.register_loader("json", TextLoader)
    raw.adapters.register_loader("jsonb", TextLoader)


def _pool(url: str, timeout_s: float) -> ConnectionPool:
    with _pools_lock:
        pool = _pools.get((url, timeout_s))
        if pool is None:
            try:  # connect once first: a wrong address or password is said at once, not retried
                psycopg.connect(url, connect_timeout=max(2, int(timeout_s))).close()
            except psycopg.Error as error:
                raise StoreError(f"Cannot open the store {redact(url)}: "
                                 f"{_scrub(str(error), url)}") from None
            # lock_timeout: a writer waits for another's advisory lock as long as DuckDB's
            # waits for the file (PANTAU_LOCK_TIMEOUT), then says so. jit off: compiling a
            # whole-table aggregate's expressions cost PostgreSQL 15 hundreds of milliseconds
            # (the Entitas trend on 200,000 texts took 542 ms with it, 284 ms without).
            wait_ms = max(1, int(timeout_s * 1000))
            pool = ConnectionPool(url, min_size=1, max_size=10, open=True, timeout=timeout_s,
                                  kwargs={"autocommit": True,
                                          "options": f"-c lock_timeout={wait_ms} -c jit=off"},
                                  configure=_configure, name="pantau-store")
            _pools[url, timeout_s] = pool
    return pool


def close_pools() -> None:
    """Close every pool this process opened (tests, shutdown)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


class PgStore(Store):
    """A PostgreSQL database plus the rules for using it. Cheap to create: the pool is made by
    the first connection and shared by every PgStore of the same URL in the process."""

    dialect = "postgres"

    def __init__(self, url: str, lock_timeout_s: float = 30.0) -> None:  # noqa: D107
        self.url = url
        self.lock_timeout_s = lock_timeout_s

    def __repr__(self) -> str:
        return f"PgStore({redact(self.url)!r})"

    def __str__(self) -> str:
        return redact(self.url)

    def keep_warm(self) -> bool:
        """Nothing to keep: the pool keeps its connections open between units of work."""
        return True

    @contextmanager
    def connect(self) -> Iterator[Any]:
        """A pooled connection with the schema in place, given back afterwards (inside
        :meth:`session` on the same thread, the session's)."""
        held = _held.__dict__
        if held.get(self.url) is not None:
            yield held[self.url]
            return
        pool = _pool(self.url, self.lock_timeout_s)
        try:
            raw = pool.getconn()
        except PoolTimeout as error:
            raise StoreError(f"The store {redact(self.url)} gave no connection within "
                             f"{self.lock_timeout_s:.0f} s: {_scrub(str(error), self.url)}"
                             ) from None
        try:
            con = PgConnection(raw)
            ensure_schema(con, self.url)
            if self.url in held:  # the session's first query: kept for the session
                held[self.url] = con
            yield con
        except psycopg.Error as error:
            raise StoreError(f"The store {redact(self.url)} said: "
                             f"{_scrub(str(error), self.url)}") from error
        finally:
            if held.get(self.url) is None:
                pool.putconn(raw)

    @contextmanager
    def session(self) -> Iterator[None]:
        """One connection for every query this thread makes inside the block."""
        held = _held.__dict__
        if self.url in held:
            yield
            return
        held[self.url] = None
        try:
            yield
        finally:
            con = held.pop(self.url, None)
            if con is not None:
                _pool(self.url, self.lock_timeout_s).putconn(con.raw)

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """:meth:`connect` holding the store's advisory lock: writers whose checks must not
        interleave take turns, in this process and in every other."""
        with self.connect() as con:
            try:
                con.execute("SELECT pg_advisory_lock(?)", [WRITE_LOCK])
            except psycopg.errors.LockNotAvailable as error:
                raise StoreLockedError(
                    f"The store {redact(self.url)} is being written by another process (an "
                    f"import or scoring run) and stayed locked for {self.lock_timeout_s:.0f} "
                    "s. Wait for it to finish, or raise PANTAU_LOCK_TIMEOUT.") from error
            try:
                yield con
            finally:
                con.execute("SELECT pg_advisory_unlock(?)", [WRITE_LOCK])


BACKENDS["postgresql"] = BACKENDS["postgres"] = PgStore
