"""The PostgreSQL store's tables and their versioned migrations.

The same tables as DuckDB's (:mod:`analysis.store.schema`), in PostgreSQL's types: TIMESTAMPTZ,
JSONB for JSON, DOUBLE PRECISION, BOOLEAN, REAL[] for embeddings. Unlike DuckDB's,
``documents`` has its primary key and indexes on ``published_at``, ``text_hash`` and
``ingested_at``: PostgreSQL's B-trees are what its plans need, and the key lets an insert skip
stored ids with ``ON CONFLICT DO NOTHING`` in any process. PostgreSQL has no ``rowid``:
``corrections`` and ``reviews`` carry one (an identity column, last), so the latest of two
written at the same moment is the one written last, as the queries shared with DuckDB ask.

The version is kept as DuckDB keeps it, in ``meta`` under ``schema_version``, and numbered with
DuckDB's (:data:`analysis.store.schema.SCHEMA_VERSION`): the first PostgreSQL schema is 7, the
tables every DuckDB store has at 7. :data:`MIGRATIONS` maps each version to the statements that
bring a store of the version before to it; :func:`ensure_schema` applies the missing ones in
order, in one transaction under an advisory lock (two processes opening a new database at once
create it once), on the first connection per database and process.
"""

from __future__ import annotations

import threading
from typing import Any

from analysis.errors import StoreError
from analysis.store.pg_revisions import DERIVED_TABLES, PG_REVISIONS
from analysis.store.schema import SCHEMA_VERSION

__all__ = ["DERIVED_TABLES", "MIGRATIONS", "PG_REVISIONS", "ensure_schema", "forget"]

SCHEMA_LOCK = 0x70616E746176
"""The advisory lock held while the schema is checked and migrated."""

SCHEMA_7 = """
CREATE TABLE uploads (
    id VARCHAR PRIMARY KEY,
    filename VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    format VARCHAR,
    encoding VARCHAR,
    delimiter VARCHAR,
    mapping JSONB,
    rows_in BIGINT DEFAULT 0,
    stored BIGINT DEFAULT 0,
    duplicates BIGINT DEFAULT 0,
    rejected BIGINT DEFAULT 0,
    published_min TIMESTAMPTZ,
    published_max TIMESTAMPTZ,
    status VARCHAR DEFAULT 'importing',
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    upload_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    source VARCHAR,
    author VARCHAR,
    published_at TIMESTAMPTZ NOT NULL,
    published_approx BOOLEAN DEFAULT false,
    text VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    url VARCHAR,
    parent_id VARCHAR,
    likes BIGINT,
    shares BIGINT,
    replies BIGINT,
    views BIGINT,
    extra JSONB,
    row_number BIGINT,
    ingested_at TIMESTAMPTZ DEFAULT current_timestamp,
    sentiment_label VARCHAR,
    sentiment_conf DOUBLE PRECISION,
    hoax_score DOUBLE PRECISION,
    hoax_label VARCHAR,
    hoax_claim VARCHAR,
    hoax_claim_match VARCHAR,
    hoax_denied VARCHAR
);
CREATE INDEX documents_published ON documents (published_at);
CREATE INDEX documents_text_hash ON documents (text_hash);
CREATE INDEX documents_ingested ON documents (ingested_at);
CREATE TABLE rejects (
    upload_id VARCHAR NOT NULL,
    row_number BIGINT,
    column_name VARCHAR,
    code VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    raw JSONB
);
CREATE TABLE scores (
    doc_id VARCHAR NOT NULL,
    task VARCHAR NOT NULL,
    model_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    p_negative DOUBLE PRECISION,
    p_neutral DOUBLE PRECISION,
    p_positive DOUBLE PRECISION,
    evidence JSONB,
    scored_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (doc_id, task, model_id, model_version)
);
CREATE TABLE claims (
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
CREATE TABLE claim_embeddings (
    claim_id VARCHAR NOT NULL,
    model_key VARCHAR NOT NULL,
    embedding REAL[] NOT NULL,
    PRIMARY KEY (claim_id, model_key)
);
CREATE TABLE mapping_presets (
    name VARCHAR PRIMARY KEY,
    mapping JSONB NOT NULL,
    platform VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE corrections (
    doc_id VARCHAR NOT NULL,
    task VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    previous VARCHAR,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    corrected_at TIMESTAMPTZ DEFAULT current_timestamp,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE TABLE clusters (
    cluster_id VARCHAR PRIMARY KEY,
    n_posts BIGINT NOT NULL,
    n_accounts BIGINT NOT NULL,
    accounts JSONB,
    first_at TIMESTAMPTZ,
    last_at TIMESTAMPTZ,
    span_minutes DOUBLE PRECISION,
    coordination DOUBLE PRECISION,
    text VARCHAR,
    explanation VARCHAR
);
CREATE TABLE cluster_members (
    doc_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    coordination DOUBLE PRECISION NOT NULL
);
CREATE TABLE reviews (
    target_kind VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    analyst VARCHAR NOT NULL,
    note VARCHAR,
    reviewed_at TIMESTAMPTZ DEFAULT current_timestamp,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE TABLE embeddings (
    doc_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    vector REAL[] NOT NULL
);
CREATE TABLE watchlist (
    name VARCHAR PRIMARY KEY,
    query VARCHAR NOT NULL,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE entity_hits (entity VARCHAR, upload_id VARCHAR, doc_id VARCHAR);
CREATE TABLE entity_tagged (entity VARCHAR, query VARCHAR, upload_id VARCHAR,
                            documents BIGINT);
CREATE TABLE sources (
    name VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    every_minutes INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    options JSONB,
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
CREATE TABLE source_items (
    source VARCHAR NOT NULL,
    item_key VARCHAR NOT NULL,
    doc_id VARCHAR,
    seen_at TIMESTAMPTZ DEFAULT current_timestamp,
    PRIMARY KEY (source, item_key)
);
CREATE TABLE source_runs (
    source VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    items BIGINT DEFAULT 0,
    new_items BIGINT DEFAULT 0,
    stored BIGINT DEFAULT 0,
    error VARCHAR,
    notes JSONB
);
CREATE TABLE alert_destinations (
    id VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    created_by VARCHAR,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE alert_rules (
    kind VARCHAR PRIMARY KEY,
    active BOOLEAN NOT NULL DEFAULT true,
    params JSONB,
    updated_by VARCHAR,
    updated_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE alert_events (
    event_key VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    link VARCHAR,
    payload JSONB,
    created_at TIMESTAMPTZ DEFAULT current_timestamp
);
CREATE TABLE alert_deliveries (
    event_key VARCHAR NOT NULL,
    destination_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error VARCHAR,
    next_try_at TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    PRIMARY KEY (event_key, destination_id)
);
"""
"""Every table as of schema 7 (the current scores' columns included)."""

SCHEMA_8 = """
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,
    target VARCHAR,
    details JSONB
);
CREATE INDEX audit_log_changed_at ON audit_log (changed_at);
"""
"""Schema 8: the audit log of every change people make (:mod:`analysis.store.audit`)."""

MIGRATIONS: dict[int, str] = {7: SCHEMA_7, 8: SCHEMA_8}
"""Version -> the statements that bring a database of the version before to it (a new database
counts as version 6: its first migration creates everything)."""


_ready: set[str] = set()
_ready_lock = threading.Lock()


def ensure_schema(con: Any, key: str) -> None:
    """Bring the database behind ``con`` (a :class:`analysis.store.pg.PgConnection`; ``key``
    its URL) to :data:`SCHEMA_VERSION`, once per process."""
    with _ready_lock:
        if key in _ready:
            return
        con.execute("BEGIN")
        try:
            con.execute("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK])
            before = _stored_version(con)
            if before > SCHEMA_VERSION:
                raise StoreError(
                    f"This store has schema {before}, newer than this Pantau's "
                    f"{SCHEMA_VERSION}: update Pantau before opening it")
            for version in sorted(MIGRATIONS):
                if version > before:
                    con.execute(MIGRATIONS[version])
            con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) "
                        "DO UPDATE SET value = excluded.value", [str(SCHEMA_VERSION)])
            _revise(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        _ready.add(key)


def forget(key: str) -> None:
    """Check the schema of the database ``key`` again on its next connection (tests)."""
    with _ready_lock:
        _ready.discard(key)


def _stored_version(con: Any) -> int:
    """The schema version the database holds (6 for a new one: before the first migration)."""
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM meta WHERE key = ?", ["schema_version"]).fetchone()
    return int(row[0]) if row else 6


def _revise(con: Any) -> None:
    """Apply the :data:`PG_REVISIONS` the database lacks (inside :func:`ensure_schema`'s
    transaction)."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", ["pg_revision"]).fetchone()
    before = int(row[0]) if row else 0
    for revision in sorted(PG_REVISIONS):
        if revision > before:
            con.execute(PG_REVISIONS[revision])
    con.execute("INSERT INTO meta VALUES ('pg_revision', ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value", [str(max(PG_REVISIONS))])
