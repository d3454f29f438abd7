"""Uploads, documents and rejects: writing what ingest produced, reading it back."""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.ingest.options import Rejection
from analysis.store.audit import Action, write
from analysis.store.db import Store, registered
from analysis.store.pg import typed

DOCUMENT_COLUMNS = [
    "id",
    "upload_id",
    "kind",
    "platform",
    "source",
    "author",
    "published_at",
    "published_approx",
    "text",
    "text_hash",
    "url",
    "parent_id",
    "likes",
    "shares",
    "replies",
    "views",
    "extra",
    "row_number",
]


RejectRow = Rejection
"""One rejected input row (row, column, code, reason, raw): stored as ingest reported it."""
_OWNER = "importing:"
"""``meta`` key prefix of the process running an import (``"host pid"``)."""


def create_upload(
    store: Store,
    filename: str,
    *,
    file_sha256: str,
    fmt: str,
    encoding: str | None,
    delimiter: str | None,
    mapping: dict[str, str],
) -> str:
    """Register an import and return its id (status ``importing`` until finished). The
    importing process (host and pid) is noted in ``meta`` so that an import killed part way is
    later told apart from one still running (:func:`mark_interrupted`, run here first)."""
    mark_interrupted(store)
    upload_id = uuid.uuid4().hex[:16]
    with store.connect() as con:
        con.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value",
                    [_OWNER + upload_id, f"{socket.gethostname()} {os.getpid()}"])
        con.execute(
            "INSERT INTO uploads (id, filename, file_sha256, format, encoding, delimiter, mapping)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                filename,
                file_sha256,
                fmt,
                encoding,
                delimiter,
                json.dumps(mapping, ensure_ascii=False),
            ],
        )
    return upload_id


def insert_documents(store: Store, upload_id: str, records: pd.DataFrame) -> int:
    """Insert records whose id is new; return how many were stored (the rest are duplicates)."""
    return insert_batch(store, upload_id, records, ())


def insert_rejects(store: Store, upload_id: str, rejects: Sequence[RejectRow]) -> None:
    """Keep every rejected row with its reason, so the report can be shown and downloaded."""
    with store.connect() as con:
        _insert_rejects(con, upload_id, rejects, store.dialect)


def insert_batch(
    store: Store, upload_id: str, records: pd.DataFrame, rejects: Sequence[RejectRow]
) -> int:
    """Store one batch's new documents and its rejects in one transaction; return how many
    documents were new.

    All or nothing, so that an import killed part way (power cut, closed laptop, ``kill -9``)
    leaves whole batches: re-importing the file skips the stored ids and adds exactly the rest,
    and no reject is kept without the documents of its batch.
    """
    with store.transaction(exclusive=True) as con:
        stored = _insert_documents(con, upload_id, records, store.dialect)
        _insert_rejects(con, upload_id, rejects, store.dialect)
    return stored


_NEW_DOCUMENTS = {
    "duckdb": "INSERT INTO documents (upload_id, {names}) SELECT ?, {names} "
              "FROM incoming_documents WHERE NOT repeat AND id NOT IN (SELECT d.id FROM "
              "documents d SEMI JOIN incoming_documents n ON d.id = n.id)",
    "postgres": "INSERT INTO documents (upload_id, {names}) SELECT ?, {values} "
                "FROM incoming_documents WHERE NOT repeat ON CONFLICT (id) DO NOTHING",
}
"""Per dialect: a batch's documents whose id is not stored yet. PostgreSQL's ``documents``
has its primary key (see :mod:`analysis.store.pg_schema`), so the conflict skips them; the
values are cast to the table's types (:func:`analysis.store.pg.typed`)."""


_PG_TYPES = {"published_at": "TIMESTAMPTZ", "published_approx": "BOOLEAN", "likes": "BIGINT",
             "shares": "BIGINT", "replies": "BIGINT", "views": "BIGINT", "extra": "JSONB",
             "row_number": "BIGINT"}


def _insert_documents(con: duckdb.DuckDBPyConnection, upload_id: str, records: pd.DataFrame,
                      dialect: str = "duckdb") -> int:
    """Insert the records whose id is new (the first of repeats within the batch); return how
    many. The batch goes in as one Arrow table, which DuckDB reads without Python objects; the
    ids already stored are found by scanning ``documents.id`` for the batch's ids."""
    if records.empty:
        return 0
    columns = [name for name in DOCUMENT_COLUMNS if name != "upload_id"]
    table = pa.Table.from_pandas(records[columns], preserve_index=False).append_column(
        "repeat", pa.array(records["id"].duplicated().to_numpy())
    )
    names = ", ".join(columns)
    values = typed(columns, _PG_TYPES)
    with registered(con, "incoming_documents", table):
        inserted = con.execute(_NEW_DOCUMENTS[dialect].format(names=names, values=values),
                               [upload_id]).fetchone()
    return int(inserted[0]) if inserted else 0


_REJECT_RAW = {"duckdb": "raw", "postgres": "CAST(raw AS JSONB)"}


def _insert_rejects(
    con: duckdb.DuckDBPyConnection, upload_id: str, rejects: Sequence[RejectRow],
    dialect: str = "duckdb",
) -> None:
    """One INSERT from a registered frame: ``executemany`` took ~2 ms a row."""
    if not rejects:
        return
    frame = pd.DataFrame(
        {
            "row_number": pd.Series([r.row for r in rejects], dtype="int64"),
            "column_name": pd.Series([r.column for r in rejects], dtype="object"),
            "code": [r.code for r in rejects],
            "reason": [r.reason for r in rejects],
            "raw": [json.dumps(r.raw, ensure_ascii=False) for r in rejects],
        }
    )
    with registered(con, "incoming_rejects", frame):
        # A re-import of the same file (same sha256: after an interrupted or failed import, or
        # again) does not store the rejects an earlier import of it stored already.
        con.execute(
            "INSERT INTO rejects SELECT ?, row_number, CAST(column_name AS VARCHAR), code, "
            f"reason, {_REJECT_RAW[dialect]} FROM incoming_rejects n WHERE NOT EXISTS "
            "(SELECT 1 FROM rejects r JOIN uploads u ON u.id = r.upload_id "
            "WHERE u.file_sha256 = (SELECT file_sha256 FROM uploads WHERE id = ?) "
            "AND r.row_number = n.row_number AND r.code = n.code)",
            [upload_id, upload_id],
        )


def finish_upload(store: Store, upload_id: str, counts: dict[str, Any],
                  actor: str | None = None) -> None:
    """Record an import's final counts and date range and mark it done; with ``actor`` (a
    person's import, not the worker's collection) also in the audit log, in one transaction."""
    with store.transaction() as con:
        con.execute(
            "UPDATE uploads SET rows_in = ?, stored = ?, duplicates = ?, rejected = ?, "
            "published_min = ?, published_max = ?, status = 'done' WHERE id = ?",
            [
                counts["rows_in"],
                counts["stored"],
                counts["duplicates"],
                counts["rejected"],
                counts.get("published_min"),
                counts.get("published_max"),
                upload_id,
            ],
        )
        con.execute("DELETE FROM meta WHERE key = ?", [_OWNER + upload_id])
        if actor is not None:
            _audit(con, actor, Action.UPLOAD, upload_id)


def fail_upload(store: Store, upload_id: str, actor: str | None = None) -> None:
    """Mark an import that stopped halfway; the rows it stored stay (re-importing adds the rest)."""
    with store.transaction() as con:
        con.execute("UPDATE uploads SET status = 'failed' WHERE id = ?", [upload_id])
        con.execute("DELETE FROM meta WHERE key = ?", [_OWNER + upload_id])
        if actor is not None:
            _audit(con, actor, Action.UPLOAD_FAILED, upload_id)


def _audit(con: duckdb.DuckDBPyConnection, actor: str, action: str, upload_id: str) -> None:
    """The audit entry of an import: the file's name and what was stored and rejected."""
    row = con.execute("SELECT filename, rows_in, stored, duplicates, rejected FROM uploads "
                      "WHERE id = ?", [upload_id]).fetchone()
    if row is None:
        return
    names = ("rows_in", "stored", "duplicates", "rejected")
    details = {"file": row[0], "upload_id": upload_id,
               **{name: int(value or 0) for name, value in zip(names, row[1:], strict=True)}}
    write(con, actor, action, "upload", str(row[0]), details)


def mark_interrupted(store: Store) -> int:
    """Imports left ``importing`` by a process that is gone (``kill -9``, a power cut) marked
    ``interrupted``; how many. A process on another host cannot be asked: its imports stay
    ``importing`` for a day, then count as interrupted too (as do those that noted no owner)."""
    found = store.query(
        "SELECT u.id, m.value AS owner, u.created_at < now() - INTERVAL '1 day' AS stale "
        "FROM uploads u LEFT JOIN meta m ON m.key = ? || u.id WHERE u.status = 'importing'",
        [_OWNER])
    gone = [str(upload_id) for upload_id, owner, stale
            in zip(found["id"], found["owner"], found["stale"], strict=True)
            if bool(stale) or not _running(owner)]
    if gone:
        with store.connect() as con:
            # one statement per upload: list functions are DuckDB's alone, and these are few
            con.executemany("UPDATE uploads SET status = 'interrupted' WHERE id = ?",
                            [[upload_id] for upload_id in gone])
            con.executemany("DELETE FROM meta WHERE key = ?",
                            [[_OWNER + upload_id] for upload_id in gone])
    return len(gone)


def _running(owner: object) -> bool:
    """Whether the import noted as ``"host pid"`` may still be running."""
    if not isinstance(owner, str) or " " not in owner:
        return False
    host, _, pid = owner.rpartition(" ")
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OverflowError):
        return True
    return True


def upload_rejects(store: Store, upload_id: str) -> pd.DataFrame:
    """The rejected rows of one import, in file order."""
    return store.query(
        "SELECT row_number AS row, column_name AS column, code, reason, raw FROM rejects "
        "WHERE upload_id = ? ORDER BY row_number",
        [upload_id],
    )


def list_uploads(store: Store) -> pd.DataFrame:
    """Every import, newest first (those whose process is gone marked ``interrupted``)."""
    mark_interrupted(store)
    return store.query(
        "SELECT id, filename, status, rows_in, stored, duplicates, rejected, published_min, "
        "published_max, created_at FROM uploads ORDER BY created_at DESC"
    )


def document_count(store: Store) -> int:
    """How many documents the store holds."""
    return int(store.scalar("SELECT count(*) FROM documents") or 0)


def document_text(store: Store, doc_id: str) -> tuple[str, str | None] | None:
    """One stored text and its link (None when it has none), or None when no text has the
    id ``doc_id``."""
    found = store.query("SELECT text, url FROM documents WHERE id = ?", [doc_id])
    if found.empty:
        return None
    url = found["url"].iloc[0]
    return str(found["text"].iloc[0]), None if pd.isna(url) else str(url)
