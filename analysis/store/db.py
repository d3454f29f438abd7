"""The connection to the embedded DuckDB store: opening, waiting on the lock, transactions.

DuckDB lets one process write a database file, and a file opened for writing cannot be opened
by any other process. Pantau therefore never holds a connection longer than one unit of work:
:meth:`Store.connect` opens, yields and closes, and when another process holds the file it waits
and retries until ``lock_timeout_s`` has passed, then raises :class:`StoreLockedError` with a
message that says what to do.

:class:`Store` is the backend's one class: it owns the connection, sessions, the in-process
write lock, transactions and the few DuckDB-only primitives the concept modules build on
(:func:`registered`, :func:`insert_new`). The schema is :mod:`analysis.store.schema`; the SQL of
each concept is in its own module (documents, scores, claims, clusters, trends, ...), as
functions that take a Store and return DataFrames or plain values.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.errors import StoreError, StoreLockedError
from analysis.settings import Settings, is_db_url, load_settings
from analysis.store.schema import ensure_schema

_write_locks: dict[str, threading.Lock] = {}
_write_locks_guard = threading.Lock()


def _is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


_held = threading.local()
"""Per thread: store path -> the connection of an open :meth:`Store.session`."""

WANTED_FRESH_S = 10.0
"""A ``.wanted`` marker younger than this means another process is waiting for the file."""
_pins: dict[str, tuple[Path, duckdb.DuckDBPyConnection, tuple[int, int]]] = {}
_pin_lock = threading.Lock()
_pin_watcher: list[threading.Thread] = []


def wanted_marker(path: Path) -> Path:
    """The file a process touches while it waits for ``path`` (see :meth:`Store.keep_warm`)."""
    return path.with_name(path.name + ".wanted")


def _wanted(path: Path) -> bool:
    try:
        return time.time() - wanted_marker(path).stat().st_mtime < WANTED_FRESH_S
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, int]:
    """The file's device and inode ((0, 0) when it is gone)."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_dev, stat.st_ino)


def _watch_pins() -> None:
    """Let go of a kept database as soon as another process asks for its file."""
    while True:
        time.sleep(0.1)
        with _pin_lock:
            for key, (path, con, _file) in list(_pins.items()):
                if _wanted(path):
                    con.close()
                    del _pins[key]


def release_warm() -> None:
    """Close every database :meth:`Store.keep_warm` holds (tests, shutdown)."""
    with _pin_lock:
        for _path, con, _file in _pins.values():
            con.close()
        _pins.clear()


class Store:
    """A DuckDB file plus the rules for opening it. Cheap to create; holds no connection."""

    dialect = "duckdb"
    """Which SQL the concept modules speak to it, where the backends' dialects differ."""

    def __init__(self, path: str | Path, lock_timeout_s: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_timeout_s = lock_timeout_s

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __str__(self) -> str:
        """Where the store is, for messages and logs."""
        return str(self.path)

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout_s
        delay = 0.05
        marker = wanted_marker(self.path)
        waited = False
        while True:
            try:
                con = duckdb.connect(str(self.path))
            except duckdb.Error as error:
                if not _is_lock_error(error):
                    raise StoreError(f"Cannot open the store {self.path}: {error}") from error
                # Ask a dashboard that keeps the file open (keep_warm) to let go of it.
                with contextlib.suppress(OSError):
                    marker.touch()
                    waited = True
                if time.monotonic() >= deadline:
                    with contextlib.suppress(OSError):
                        marker.unlink()
                    raise StoreLockedError(
                        f"The store {self.path} is in use by another process (an import or "
                        f"scoring run) and stayed locked for {self.lock_timeout_s:.0f} s. "
                        "Wait for it to finish, or raise PANTAU_LOCK_TIMEOUT. "
                        f"DuckDB said: {error}"
                    ) from error
                time.sleep(delay)
                # An import frees the file only between its batches, briefly: look often.
                delay = min(delay * 2, 0.25)
            else:
                if waited:
                    with contextlib.suppress(OSError):
                        marker.unlink()
                return con

    def keep_warm(self) -> bool:
        """Keep this file's database open in this process between units of work.

        DuckDB caches the blocks a query reads in its database instance, and a connection to a
        file the process already has open joins that instance, so a dashboard that keeps one
        connection open answers each page run from memory (a page's first query on a million
        rows costs hundreds of milliseconds more from a freshly opened file). Holding the file
        would lock out other processes (a ``pantau ingest`` or ``score`` run), so a process
        that finds the file locked touches ``<file>.wanted`` while it waits (:meth:`_open`), and
        a watcher thread here closes the kept connection within a tenth of a second; the
        connection is kept again on a later call once the marker is gone or stale
        (:data:`WANTED_FRESH_S`). Returns whether the database is kept now.
        """
        key = str(self.path.resolve())
        with _pin_lock:
            if key in _pins:
                if _identity(self.path) == _pins[key][2]:
                    return True
                # The file was deleted or replaced (a fresh store made in its place): the kept
                # database is the old one, so let go of it and keep the new one instead.
                _pins.pop(key)[1].close()
            if _wanted(self.path) or not self.path.exists():
                return False
            try:
                con = duckdb.connect(str(self.path))
            except duckdb.Error:
                return False  # another process has the file now: try on a later call
            _pins[key] = (self.path, con, _identity(self.path))
            if not _pin_watcher:
                watcher = threading.Thread(target=_watch_pins, name="pantau-keep-warm",
                                           daemon=True)
                watcher.start()
                _pin_watcher.append(watcher)
        return True

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open a short-lived connection with the schema in place; close it afterwards.

        Inside :meth:`session` on the same thread, the session's connection is used instead
        (opened by the first query of the session).
        """
        key = str(self.path)
        held = _held.__dict__
        if held.get(key) is not None:
            yield held[key]
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._open()
        try:
            ensure_schema(con, str(self.path.resolve()))
        except BaseException:
            con.close()
            raise
        if key in held:  # the session's first query: the connection stays for the session
            held[key] = con
            yield con
            return
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def session(self) -> Iterator[None]:
        """Keep one connection open for every query this thread makes inside the block.

        Opening the file costs tens of milliseconds (more on a large store), so a dashboard page
        that runs ten queries holds one connection for its run and closes it at the end; another
        process waiting for the file gets it between runs. Nothing is opened if no query runs.
        """
        key = str(self.path)
        held = _held.__dict__
        if key in held:
            yield
            return
        held[key] = None
        try:
            yield
        finally:
            con = held.pop(key, None)
            if con is not None:
                con.close()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """:meth:`connect`, for a transaction whose checks must not interleave with another
        one's in this process (threads share one DuckDB database, and its transactions run
        side by side; other processes cannot open the file meanwhile at all)."""
        key = str(self.path.resolve())
        with _write_locks_guard:
            lock = _write_locks.setdefault(key, threading.Lock())
        with lock, self.connect() as con:
            yield con

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction: committed when the block ends, rolled back
        when it raises. ``exclusive`` also takes :meth:`writing`'s lock, for a transaction
        that reads what it is about to replace."""
        with self.writing() if exclusive else self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run one read query and return its result as a DataFrame."""
        with self.connect() as con:
            return con.execute(sql, params or []).df()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run one query and return the first column of its first row (None if no row)."""
        with self.connect() as con:
            row = con.execute(sql, params or []).fetchone()
        return None if row is None else row[0]


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str,
              frame: pd.DataFrame | pa.Table) -> Iterator[None]:
    """``frame`` (a DataFrame or an Arrow table) readable as the table ``name`` on ``con``
    inside the block."""
    con.register(name, frame)
    try:
        yield
    finally:
        # Inside a failed transaction unregistering fails too; keep the original error.
        with contextlib.suppress(duckdb.Error):
            con.unregister(name)


def insert_new(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[str]
) -> int:
    """Insert the rows of ``frame`` whose ``id`` is not in ``table`` yet; return how many."""
    if frame.empty:
        return 0
    frame = frame.drop_duplicates(subset="id")[columns]
    names = ", ".join(columns)
    with registered(con, "incoming_rows", frame):
        inserted = con.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming_rows "
            f"WHERE id NOT IN (SELECT id FROM {table})"
        ).fetchall()
    return int(inserted[0][0]) if inserted else 0


BACKENDS: dict[str, type[Store]] = {}
"""URL scheme -> the Store class of a server backend (``postgresql``: :mod:`analysis.store.pg`,
which registers itself when :mod:`analysis.store` is imported)."""


def open_store(settings: Settings | None = None, db: str | Path | None = None) -> Store:
    """The store named by ``db``, else by the settings (``PANTAU_DB``): the DuckDB file, or
    the server a ``postgresql://`` URL names."""
    settings = settings or load_settings()
    target = str(db) if db is not None else settings.db_url or str(settings.db_path)
    scheme, _, _ = target.partition("://")
    if is_db_url(target):
        return BACKENDS[scheme](target, lock_timeout_s=settings.lock_timeout_s)
    return Store(Path(target), lock_timeout_s=settings.lock_timeout_s)
