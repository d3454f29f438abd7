"""Model scores and the fact-check claim bank."""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analysis.store.db import Store, insert_new

SCORE_COLUMNS = [
    "doc_id",
    "task",
    "model_id",
    "model_version",
    "label",
    "score",
    "p_negative",
    "p_neutral",
    "p_positive",
    "evidence",
]
CLAIM_COLUMNS = [
    "id",
    "status",
    "title",
    "content",
    "fact",
    "url",
    "published",
    "conclusion",
    "source",
]

_PENDING = """
FROM documents d
WHERE NOT EXISTS (
    SELECT 1 FROM scores s
    WHERE s.doc_id = d.id AND s.task = ? AND s.model_id = ? AND s.model_version = ?)
"""


def count_pending(store: Store, task: str, model_id: str, version: str) -> int:
    """How many documents have no score from this task's model version yet."""
    return int(store.scalar("SELECT count(*) " + _PENDING, [task, model_id, version]) or 0)


def pending_documents(
    store: Store, task: str, model_id: str, version: str, limit: int
) -> pd.DataFrame:
    """Up to ``limit`` unscored documents (id, text, text_hash)."""
    return store.query(
        "SELECT d.id, d.text, d.text_hash " + _PENDING + " ORDER BY d.text_hash, d.id LIMIT ?",
        [task, model_id, version, limit],
    )


def reuse_scores_by_text(store: Store, task: str, model_id: str, version: str) -> int:
    """Give unscored documents the score an identical text already has; return how many."""
    with store.connect() as con:
        inserted = con.execute(
            """
            INSERT INTO scores (doc_id, task, model_id, model_version, label, score,
                                p_negative, p_neutral, p_positive, evidence)
            SELECT d.id, s.task, s.model_id, s.model_version, any_value(s.label),
                   any_value(s.score), any_value(s.p_negative), any_value(s.p_neutral),
                   any_value(s.p_positive), any_value(s.evidence)
            FROM documents d
            JOIN documents twin ON twin.text_hash = d.text_hash AND twin.id <> d.id
            JOIN scores s ON s.doc_id = twin.id
            WHERE s.task = ? AND s.model_id = ? AND s.model_version = ?
              AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.doc_id = d.id AND x.task = ?
                              AND x.model_id = ? AND x.model_version = ?)
            GROUP BY d.id, s.task, s.model_id, s.model_version
            RETURNING doc_id
            """,
            [task, model_id, version, task, model_id, version],
        ).df()
        if len(inserted):
            con.register("reused_scores", inserted)
            try:
                sync_current(con, task, "SELECT doc_id FROM reused_scores")
            finally:
                con.unregister("reused_scores")
    return len(inserted)


CURRENT_COLUMNS = {"sentiment": ("sentiment_label", "sentiment_conf"),
                   "hoax": ("hoax_label", "hoax_score")}
"""Per task: the ``documents`` columns that hold its current label and score."""


TRUE_RATINGS = ("benar", "fakta", "true", "correct", "accurate", "mostly true", "sebagian benar")
"""A bank entry's status (lower case, trimmed) that marks a confirmed fact, not a debunk."""

_REPEATED_CLAIM = f"""list_filter(
    json_transform(evidence, '{{"claims": [{{"id": "VARCHAR", "verdict": "VARCHAR",
                                            "status": "VARCHAR"}}]}}').claims,
    lambda c: c.verdict IN ('cocok', 'mirip')
              AND lower(trim(coalesce(c.status, ''))) NOT IN {TRUE_RATINGS!r})[1]"""
"""The hoax evidence's best bank match that is a debunk rated "cocok" or "mirip" (the
matches are listed best first), or NULL: the claim the text repeats (``.id``) and how
surely (``.verdict``)."""


def sync_current(con: duckdb.DuckDBPyConnection, task: str, doc_ids: str | None = None,
                 params: list[Any] | None = None) -> None:
    """Copy each document's latest ``task`` score into its current-score columns (for the
    hoax task also the debunked claim it repeats and its rating, ``hoax_claim`` and
    ``hoax_claim_match``).

    ``doc_ids`` is a SQL query giving the documents to update (all when None), run with
    ``params``.
    """
    label, score = CURRENT_COLUMNS[task]
    scope = f"AND doc_id IN ({doc_ids})" if doc_ids else ""
    hoax = task == "hoax"
    claim = ", hoax_claim = s.repeated.id, hoax_claim_match = s.repeated.verdict" if hoax else ""
    repeated = f", {_REPEATED_CLAIM} AS repeated" if hoax else ""
    con.execute(
        f"""UPDATE documents SET {label} = s.label, {score} = s.score{claim}
            FROM (SELECT doc_id, label, score{repeated} FROM scores WHERE task = ? {scope}
                  QUALIFY row_number() OVER (PARTITION BY doc_id
                                             ORDER BY scored_at DESC, model_version) = 1) s
            WHERE documents.id = s.doc_id""",
        [task, *(params or [])],
    )


def insert_scores(store: Store, frame: pd.DataFrame) -> None:
    """Store scores (one row per document, task and model version); existing ones are kept.
    The documents' current scores follow."""
    if frame.empty:
        return
    frame = frame[SCORE_COLUMNS]
    with store.connect() as con:
        con.register("incoming_scores", frame)
        try:
            con.execute(
                f"INSERT OR IGNORE INTO scores ({', '.join(SCORE_COLUMNS)}) "
                f"SELECT {', '.join(SCORE_COLUMNS)} FROM incoming_scores"
            )
            for task in frame["task"].unique():
                sync_current(con, str(task),
                             "SELECT doc_id FROM incoming_scores WHERE task = ?", [task])
        finally:
            con.unregister("incoming_scores")


def upsert_claims(store: Store, claims: pd.DataFrame) -> int:
    """Add fact-check claims whose id is new; return how many were added."""
    with store.connect() as con:
        return insert_new(con, "claims", claims, CLAIM_COLUMNS)


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
            con.executemany("INSERT OR IGNORE INTO claim_embeddings VALUES (?, ?, ?)", rows)


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
