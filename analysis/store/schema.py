"""The store's tables and their migrations, in one place.

:func:`ensure_schema` runs once per store file and process, on the first connection
:class:`analysis.store.db.Store` opens: it creates what is missing (every statement of
:data:`SCHEMA` is safe on a store of any version), fills what a new version added, and records
:data:`SCHEMA_VERSION` in ``meta``. A second backend brings its own schema module.
"""

from __future__ import annotations

import threading

import duckdb

from analysis.store.current import sync_current
from analysis.text.keys import first_address
from analysis.vocabulary import Task

SCHEMA_VERSION = 8

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
CREATE TABLE IF NOT EXISTS sources (
    name VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    every_minutes INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    options JSON,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp,
    etag VARCHAR,
    last_modified VARCHAR,
    last_run_at TIMESTAMPTZ,
    last_ok_at TIMESTAMPTZ,
    last_error VARCHAR,
    last_new BIGINT,
    failures BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS source_items (
    source VARCHAR NOT NULL,
    item_key VARCHAR NOT NULL,
    doc_id VARCHAR,
    seen_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (source, item_key)
);
CREATE TABLE IF NOT EXISTS source_runs (
    source VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    items BIGINT DEFAULT 0,
    new_items BIGINT DEFAULT 0,
    stored BIGINT DEFAULT 0,
    error VARCHAR,
    notes JSON
);
CREATE TABLE IF NOT EXISTS alert_destinations (
    id VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS alert_rules (
    kind VARCHAR PRIMARY KEY,
    active BOOLEAN NOT NULL DEFAULT true,
    params JSON,
    updated_by VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS alert_events (
    event_key VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    link VARCHAR,
    payload JSON,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
    event_key VARCHAR NOT NULL,
    destination_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error VARCHAR,
    next_try_at TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    PRIMARY KEY (event_key, destination_id)
);
CREATE SEQUENCE IF NOT EXISTS audit_log_id;
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'),
    changed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,
    target VARCHAR,
    details JSON
);
DROP INDEX IF EXISTS documents_published;
DROP INDEX IF EXISTS documents_text_hash;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS sentiment_label VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS sentiment_conf DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_score DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_label VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_claim VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_claim_match VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS hoax_denied VARCHAR;
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
kept in step by :func:`analysis.store.current.sync_current` whenever scores are written). The
dashboard's queries then scan one table: joining a million documents to the score history
took 0.6–1 s a query on this machine, the single-table scan tens of milliseconds. A store made
before gets the columns and is filled from ``scores`` once, when it is first opened.

Schema 5 adds ``hoax_claim`` and ``hoax_claim_match``: the id of the debunked bank claim a
text repeats (its best hoax-kind match rated "cocok" or "mirip" in the hoax evidence) and that
rating, kept in step the same way, so the claims spreading in a period are counted without
reading every text's evidence JSON.

Schema 6 adds ``hoax_denied``: the id of the debunked bank claim a text denies or debunks (the
claim reader's relation ``denies`` in the hoax evidence), so the claims spreading can say who
is helping to correct them.

Schema 7 adds monitoring (:mod:`analysis.monitor`): ``sources`` (what the worker collects, its
schedule, the conditional-request state and its health), ``source_items`` (every item key a
source has seen: its GUID or address and its text's hash, so no poll stores or scores an item
twice), ``source_runs`` (each collection, for the Sumber page), and the alerts:
``alert_destinations`` (Apprise URLs), ``alert_rules`` (one row per kind of alert),
``alert_events`` (one per event, keyed so that an event is raised once) and
``alert_deliveries`` (one per event and destination, with attempts and the last error).

Schema 8 adds ``audit_log`` (:mod:`analysis.store.audit`): one row per change people make —
who (``actor``), what (``action``, ``target_kind``, ``target``, ``details`` as JSON with every
secret masked) and when (``changed_at``, UTC) — numbered by the sequence ``audit_log_id``. A
store of an earlier version gets the empty table when it is first opened.
"""

_schema_ready: set[str] = set()
"""The store files (resolved paths) whose schema this process has already checked."""
_schema_lock = threading.Lock()


def ensure_schema(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Bring the store behind ``con`` (the file ``key``) to :data:`SCHEMA_VERSION`, once per
    process: a store made before schema 4 gets its current scores filled, one made before
    schema 6 its repeated and denied claims (and, before 5, its glued claim links cut)."""
    with _schema_lock:
        if key in _schema_ready:
            return
        before = _stored_version(con)
        con.execute(SCHEMA)
        if before is not None and before < SCHEMA_VERSION:
            for task in (Task.SENTIMENT, Task.HOAX) if before < 4 else (Task.HOAX,):
                sync_current(con, task)
            if before < 5:
                _unglue_claim_links(con)
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        _schema_ready.add(key)


def forget(key: str) -> None:
    """Check the schema of the store file ``key`` again on its next connection (tests that
    turn a store back into an older version)."""
    with _schema_lock:
        _schema_ready.discard(key)


def _unglue_claim_links(con: duckdb.DuckDBPyConnection) -> None:
    """Bank links that ran several addresses together (the default bank's reference lists had
    some without separators) cut to their first address, as imports now cut them."""
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
