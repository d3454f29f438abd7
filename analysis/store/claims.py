"""The fact-check claim bank in the store: its entries and their cached embeddings.

Reading bank files and matching texts against the bank are :mod:`analysis.signals`' jobs; this
module only keeps and reads the ``claims`` and ``claim_embeddings`` tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.store.audit import Action, write
from analysis.store.db import Store, insert_new
from analysis.vocabulary import CLAIM_COLUMNS

__all__ = ["CLAIM_COLUMNS", "upsert_claims"]


def upsert_claims(store: Store, claims: pd.DataFrame, actor: str | None = None,
                  origin: str | None = None) -> int:
    """Add fact-check claims whose id is new; return how many were added.

    With ``actor`` (a person's addition, not the worker's collection or the bundled bank)
    the addition is in the audit log too, in the same transaction: one entry, for one claim
    its id and title, for a file (``origin``) how many it held and how many were new."""
    with store.transaction() as con:
        added = insert_new(con, "claims", claims, CLAIM_COLUMNS)
        if actor is not None and added:
            if len(claims) == 1 and origin is None:
                row = claims.iloc[0]
                write(con, actor, Action.CLAIM_ADD, "claim", str(row["id"]),
                      {"title": row["title"], "status": row["status"], "url": row["url"]})
            else:
                write(con, actor, Action.CLAIM_IMPORT, "claims", origin,
                      {"read": len(claims), "added": added})
        return added


def count_claims(store: Store, source: str | None = None) -> int:
    """How many entries the bank holds (only those from ``source`` when given)."""
    if source is None:
        return int(store.scalar("SELECT count(*) FROM claims") or 0)
    return int(store.scalar("SELECT count(*) FROM claims WHERE source = ?", [source]) or 0)


_BY_DATE = {
    "duckdb": "TRY_CAST(published AS DATE)",
    "postgres": r"CASE WHEN published ~ '^\d{4}-\d{2}-\d{2}$' THEN published END",
}
"""Per dialect: an entry's date, or NULL when ``published`` is not one (PostgreSQL has no
TRY_CAST: an ISO date's text sorts as the date does)."""


def claim_page(store: Store, search: str = "", limit: int = 200) -> tuple[pd.DataFrame, int]:
    """Bank entries newest first by date (``id``, ``status``, ``title``, ``fact``, ``url``,
    ``published``, ``source``) whose claim or fact contains every word of ``search`` (any
    case), at most ``limit``; and how many entries match."""
    words = [w.lower() for w in search.split()]
    where = " AND ".join(["strpos(lower(concat_ws(' ', title, fact)), ?) > 0"] * len(words))
    condition = f"WHERE {where}" if words else ""
    total = int(store.scalar(f"SELECT count(*) FROM claims {condition}", words) or 0)
    frame = store.query(
        f"SELECT id, status, title, fact, url, published, source FROM claims {condition} "
        f"ORDER BY {_BY_DATE[store.dialect]} DESC NULLS LAST, published DESC, id LIMIT ?",
        [*words, limit])
    return frame, total


def newest_claims(store: Store, limit: int) -> pd.DataFrame:
    """The ``limit`` entries with the latest ``published`` text (``id``, ``status``,
    ``published``, ``title``, ``source``), as ``pantau claims list`` shows them."""
    return store.query("SELECT id, status, published, title, source FROM claims "
                       "ORDER BY published DESC NULLS LAST, id LIMIT ?", [limit])


def claims_missing_embeddings(store: Store, model_key: str) -> pd.DataFrame:
    """Claims that have no embedding under ``model_key`` yet."""
    return store.query(
        "SELECT c.id, c.title, c.content FROM claims c WHERE NOT EXISTS (SELECT 1 FROM "
        "claim_embeddings e WHERE e.claim_id = c.id AND e.model_key = ?) ORDER BY c.id",
        [model_key],
    )


def insert_claim_embeddings(
    store: Store, model_key: str, ids: list[str], vectors: np.ndarray
) -> None:
    """Cache claim embeddings so the bank is embedded once per model."""
    rows = [
        [cid, model_key, vec.astype(float).tolist()] for cid, vec in zip(ids, vectors, strict=True)
    ]
    if rows:
        with store.connect() as con:
            con.executemany("INSERT INTO claim_embeddings VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                            rows)


def claim_bank(store: Store, model_key: str) -> tuple[pd.DataFrame, np.ndarray]:
    """All claims with an embedding under ``model_key``: (claims, matrix of embeddings)."""
    frame = store.query(
        "SELECT c.id, c.title, c.content, c.fact, c.url, c.published, c.status, e.embedding "
        "FROM claims c JOIN claim_embeddings e ON e.claim_id = c.id WHERE e.model_key = ? "
        "ORDER BY c.id",
        [model_key],
    )
    if frame.empty:
        return frame, np.zeros((0, 0), dtype=np.float32)
    matrix = np.stack([np.asarray(v, dtype=np.float32) for v in frame.pop("embedding")])
    return frame, matrix
