"""Model scores: which texts a model version has not scored yet, and storing its scores.

Writing scores keeps each document's current scores in step (:mod:`analysis.store.current`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from analysis.store.current import sync_current
from analysis.store.db import Store, registered
from analysis.store.pg import typed

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
_PENDING = """
FROM documents d
WHERE NOT EXISTS (
    SELECT 1 FROM scores s
    WHERE s.doc_id = d.id AND s.task = ? AND s.model_id = ? AND s.model_version = ?)
"""


def _pending(since: datetime | None) -> tuple[str, list[Any]]:
    """The pending documents' FROM/WHERE, limited to texts stored or published from ``since``
    on when given, and the parameters that limit takes."""
    if since is None:
        return _PENDING, []
    return _PENDING + " AND (d.ingested_at >= ? OR d.published_at >= ?)", [since, since]


def count_pending(store: Store, task: str, model_id: str, version: str,
                  since: datetime | None = None) -> int:
    """How many documents have no score from this task's model version yet (of those stored
    or published from ``since`` on, when given)."""
    sql, extra = _pending(since)
    return int(store.scalar("SELECT count(*) " + sql, [task, model_id, version, *extra]) or 0)


def pending_documents(
    store: Store, task: str, model_id: str, version: str, limit: int,
    since: datetime | None = None,
) -> pd.DataFrame:
    """Up to ``limit`` unscored documents (id, text, text_hash), of those stored or published
    from ``since`` on when given."""
    sql, extra = _pending(since)
    return store.query(
        "SELECT d.id, d.text, d.text_hash " + sql + " ORDER BY d.text_hash, d.id LIMIT ?",
        [task, model_id, version, *extra, limit],
    )


_REUSE = {
    "duckdb": """
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
        RETURNING doc_id""",
    "postgres": """
        INSERT INTO scores (doc_id, task, model_id, model_version, label, score,
                            p_negative, p_neutral, p_positive, evidence)
        SELECT DISTINCT ON (d.id) d.id, s.task, s.model_id, s.model_version, s.label, s.score,
               s.p_negative, s.p_neutral, s.p_positive, s.evidence
        FROM documents d
        JOIN documents twin ON twin.text_hash = d.text_hash AND twin.id <> d.id
        JOIN scores s ON s.doc_id = twin.id
        WHERE s.task = ? AND s.model_id = ? AND s.model_version = ?
          AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.doc_id = d.id AND x.task = ?
                          AND x.model_id = ? AND x.model_version = ?)
        ORDER BY d.id
        ON CONFLICT DO NOTHING
        RETURNING doc_id""",
}
"""Per dialect: unscored documents given the score of a stored twin (PostgreSQL 15 has no
``any_value``: one twin per document by DISTINCT ON)."""
_INSERT_SCORES = {
    "duckdb": "INSERT OR IGNORE INTO scores ({names}) SELECT {names} FROM incoming_scores",
    "postgres": "INSERT INTO scores ({names}) SELECT {values} FROM incoming_scores "
                "ON CONFLICT DO NOTHING",
}
_PG_TYPES = {"score": "DOUBLE PRECISION", "p_negative": "DOUBLE PRECISION",
             "p_neutral": "DOUBLE PRECISION", "p_positive": "DOUBLE PRECISION",
             "evidence": "JSONB"}
_UPDATED_EVIDENCE = {"duckdb": "u.evidence", "postgres": "CAST(u.evidence AS JSONB)"}
"""PostgreSQL's ``evidence`` is JSONB, which a registered frame's text becomes by a cast."""


def reuse_scores_by_text(store: Store, task: str, model_id: str, version: str) -> int:
    """Give unscored documents the score an identical text already has; return how many."""
    with store.connect() as con:
        inserted = con.execute(
            _REUSE[store.dialect], [task, model_id, version, task, model_id, version]).df()
        if len(inserted):
            with registered(con, "reused_scores", inserted):
                sync_current(con, task, "SELECT doc_id FROM reused_scores",
                             dialect=store.dialect)
    return len(inserted)


def insert_scores(store: Store, frame: pd.DataFrame) -> None:
    """Store scores (one row per document, task and model version); existing ones are kept.
    The documents' current scores follow."""
    if frame.empty:
        return
    frame = frame[SCORE_COLUMNS]
    names = ", ".join(SCORE_COLUMNS)
    values = typed(SCORE_COLUMNS, _PG_TYPES)
    with store.connect() as con:
        con.register("incoming_scores", frame)
        try:
            con.execute(_INSERT_SCORES[store.dialect].format(names=names, values=values))
            for task in frame["task"].unique():
                sync_current(con, str(task), "SELECT doc_id FROM incoming_scores WHERE task = ?",
                             [task], dialect=store.dialect)
        finally:
            con.unregister("incoming_scores")


def update_scores(store: Store, task: str, update: pd.DataFrame) -> None:
    """Replace the ``score``, ``label`` and ``evidence`` of stored ``task`` scores, one per row
    of ``update`` (keyed by ``doc_id``, ``model_id``, ``model_version``); the documents'
    current scores follow. A rescoring without a model (new coordination) writes this way."""
    with store.connect() as con, registered(con, "updated_scores", update):
        con.execute(
            f"""UPDATE scores SET score = u.score, label = u.label,
                   evidence = {_UPDATED_EVIDENCE[store.dialect]}
               FROM updated_scores u
               WHERE scores.doc_id = u.doc_id AND scores.task = ?
                 AND scores.model_id = u.model_id AND scores.model_version = u.model_version""",
            [task])
        sync_current(con, task, "SELECT doc_id FROM updated_scores", dialect=store.dialect)
