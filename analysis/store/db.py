"""Connection handling and schema for the embedded DuckDB store.

DuckDB lets one process write a database file, and a file opened for writing cannot be opened
by any other process. Pantau therefore never holds a connection longer than one unit of work:
:meth:`Store.connect` opens, yields and closes, and when another process holds the file it waits
and retries until ``lock_timeout_s`` has passed, then raises :class:`StoreLockedError` with a
message that says what to do.
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

from analysis.errors import StoreError, StoreLockedError
from analysis.settings import Settings, load_settings

SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS uploads (
    id VARCHAR PRIMARY KEY,
    filename VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    format VARCHAR,
    encoding VARCHAR,
    delimiter VARCHAR,
    mapping JSON,
    rows_in BIGINT DEFAULT 0,
    stored BIGINT DEFAULT 0,
    duplicates BIGINT DEFAULT 0,
    rejected BIGINT DEFAULT 0,
    published_min TIMESTAMPTZ,
    published_max TIMESTAMPTZ,
    status VARCHAR DEFAULT 'importing',
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR NOT NULL USING COMPRESSION uncompressed,
    upload_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    source VARCHAR,
    author VARCHAR,
    published_at TIMESTAMPTZ NOT NULL,
    published_approx BOOLEAN DEFAULT false,
    text VARCHAR NOT NULL USING COMPRESSION uncompressed,
    text_hash VARCHAR NOT NULL USING COMPRESSION uncompressed,
    url VARCHAR,
    parent_id VARCHAR,
    likes BIGINT,
    shares BIGINT,
    replies BIGINT,
    views BIGINT,
    extra JSON,
    row_number BIGINT,
    ingested_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS rejects (
    upload_id VARCHAR NOT NULL,
    row_number BIGINT,
    column_name VARCHAR,
    code VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    raw JSON
);
CREATE TABLE IF NOT EXISTS scores (
    doc_id VARCHAR NOT NULL,
    task VARCHAR NOT NULL,
    model_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    p_negative DOUBLE,
    p_neutral DOUBLE,
    p_positive DOUBLE,
    evidence JSON,
    scored_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (doc_id, task, model_id, model_version)
);
CREATE TABLE IF NOT EXISTS claims (
    id VARCHAR PRIMARY KEY,
    status VARCHAR,
    title VARCHAR,
    content VARCHAR,
    fact VARCHAR,
    url VARCHAR,
    published VARCHAR,
    conclusion VARCHAR,
    source VARCHAR
);
CREATE TABLE IF NOT EXISTS claim_embeddings (
    claim_id VARCHAR NOT NULL,
    model_key VARCHAR NOT NULL,
    embedding FLOAT[] NOT NULL,
    PRIMARY KEY (claim_id, model_key)
);
CREATE TABLE IF NOT EXISTS mapping_presets (
    name VARCHAR PRIMARY KEY,
    mapping JSON NOT NULL,
    platform VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS corrections (
    doc_id VARCHAR NOT NULL,
    task VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    previous VARCHAR,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    corrected_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id VARCHAR PRIMARY KEY,
    n_posts BIGINT NOT NULL,
    n_accounts BIGINT NOT NULL,
    accounts JSON,
    first_at TIMESTAMPTZ,
    last_at TIMESTAMPTZ,
    span_minutes DOUBLE,
    coordination DOUBLE,
    text VARCHAR,
    explanation VARCHAR
);
CREATE TABLE IF NOT EXISTS cluster_members (
    doc_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    coordination DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    target_kind VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    reviewed_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS embeddings (
    doc_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    vector FLOAT[384] NOT NULL
);
CREATE TABLE IF NOT EXISTS watchlist (
    name VARCHAR PRIMARY KEY,
    query VARCHAR NOT NULL,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS entity_hits (entity VARCHAR, upload_id VARCHAR, doc_id VARCHAR);
CREATE TABLE IF NOT EXISTS entity_tagged (entity VARCHAR, query VARCHAR, upload_id VARCHAR,
                                          documents BIGINT);
DROP INDEX IF EXISTS documents_published;
DROP INDEX IF EXISTS documents_text_hash;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS sentiment_label VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS sentiment_conf DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_score DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_label VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_claim VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_claim_match VARCHAR;
"""
"""The schema, and its migrations: every statement is safe to run on a store of any version.

Schema 3 keeps ``documents`` without indexes. DuckDB's ART indexes cost about as much as storing
the rows: on 1,000,000 imported rows the primary key on ``id`` alone added three quarters to the
CPU time of writing every column and took the store from 140 MB to 320 MB; the two secondary
indexes cost more again (a 200,000-row import: 111 MB with all three, 30 MB without). Ids stay
unique all the same: a batch inserts only ids not stored yet (see ``documents.insert_batch``),
under :meth:`Store.writing`, and only one process can have the file open for writing. DuckDB uses
an ART index only for point lookups and very selective filters, which Pantau's queries (periods
of thousands of rows, hash joins on ``text_hash``) are not; its min/max zonemaps already skip the
row groups outside a period. Stores made before keep their primary key (DuckDB cannot drop one);
the indexes on ``published_at`` and ``text_hash`` are dropped.

``id``, ``text_hash`` and ``text`` are stored uncompressed. Compressing them was most of the time
an import spends storing (DuckDB's dictionary + FSST: 1.5 of 4.7 CPU seconds for a million rows)
for 88 MB of that million's 230: the ids and hashes are random hex that it only halves, and
every import scans all stored ids to find the new ones. With the indexes gone the store is still
less than half its old size (a million rows: 230 MB, against about 550 MB).

Schema 4 keeps each document's *current* scores next to it (``sentiment_label``,
``sentiment_conf``, ``hoax_score``, ``hoax_label``: the latest row of ``scores`` per task,
kept in step by :func:`analysis.store.scores.sync_current` whenever scores are written). The
dashboard's queries then scan one table: joining a million documents to the score history
took 0.6–1 s a query on this machine, the single-table scan tens of milliseconds. A store made
before gets the columns and is filled from ``scores`` once, when it is first opened.

Schema 5 adds ``hoax_claim`` and ``hoax_claim_match``: the id of the debunked bank claim a
text repeats (its best hoax-kind match rated "cocok" or "mirip" in the hoax evidence) and that
rating, kept in step the same way, so the claims spreading in a period are counted without
reading every text's evidence JSON.
"""

_schema_ready: set[str] = set()
_schema_lock = threading.Lock()
_write_locks: dict[str, threading.Lock] = {}


def _unglue_claim_links(con: duckdb.DuckDBPyConnection) -> None:
    """Bank links that ran several addresses together (the default bank's reference lists had
    some without separators) cut to their first address, as imports now cut them."""
    from analysis.text.keys import first_address

    glued = con.execute("SELECT id, url FROM claims WHERE url SIMILAR TO '.+https?://.*'"
                        ).fetchall()
    fixed = [(first, claim) for claim, url in glued if (first := first_address(url)) != url]
    if fixed:
        con.executemany("UPDATE claims SET url = ? WHERE id = ?", fixed)


def _stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version a store was last opened with (None for a new file)."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return None
    return int(row[0]) if row else None


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

    def __init__(self, path: str | Path, lock_timeout_s: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_timeout_s = lock_timeout_s

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

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
            self._ensure_schema(con)
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
        with _schema_lock:
            lock = _write_locks.setdefault(key, threading.Lock())
        with lock, self.connect() as con:
            yield con

    def _ensure_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        key = str(self.path.resolve())
        with _schema_lock:
            if key in _schema_ready:
                return
            before = _stored_version(con)
            con.execute(SCHEMA)
            if before is not None and before < 5:
                from analysis.store.scores import sync_current

                for task in ("sentiment", "hoax") if before < 4 else ("hoax",):
                    sync_current(con, task)
                _unglue_claim_links(con)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            _schema_ready.add(key)

    def query(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run one read query and return its result as a DataFrame."""
        with self.connect() as con:
            return con.execute(sql, params or []).df()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run one query and return the first column of its first row (None if no row)."""
        with self.connect() as con:
            row = con.execute(sql, params or []).fetchone()
        return None if row is None else row[0]


def insert_new(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[str]
) -> int:
    """Insert the rows of ``frame`` whose ``id`` is not in ``table`` yet; return how many."""
    if frame.empty:
        return 0
    frame = frame.drop_duplicates(subset="id")[columns]
    names = ", ".join(columns)
    con.register("incoming_rows", frame)
    try:
        inserted = con.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming_rows "
            f"WHERE id NOT IN (SELECT id FROM {table})"
        ).fetchall()
    finally:
        # Inside a failed transaction unregistering fails too; keep the original error.
        with contextlib.suppress(duckdb.Error):
            con.unregister("incoming_rows")
    return int(inserted[0][0]) if inserted else 0


def open_store(settings: Settings | None = None, db: str | Path | None = None) -> Store:
    """The store named by ``db``, else by the settings (``PANTAU_DB``)."""
    settings = settings or load_settings()
    path = Path(db) if db is not None else settings.db_path
    return Store(path, lock_timeout_s=settings.lock_timeout_s)
