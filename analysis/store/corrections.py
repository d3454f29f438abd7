"""Analyst corrections: a label set by a person, with who and when (the audit trail).

Every correction is a new row; nothing is overwritten, so the history of a document's label
stays readable. The *current* correction of a document is its latest row for that task.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import StoreError
from analysis.store.audit import Action, write
from analysis.store.db import Store
from analysis.vocabulary import SENTIMENTS, HoaxLabel, Task

TASK_LABELS: dict[str, list[str]] = {
    Task.SENTIMENT: [str(label) for label in SENTIMENTS],
    Task.HOAX: [str(label) for label in HoaxLabel],
}


def add_correction(store: Store, doc_id: str, task: str, label: str, analyst: str,
                   note: str | None = None) -> None:
    """Record that ``analyst`` set ``doc_id``'s ``task`` label to ``label``."""
    if task not in TASK_LABELS:
        raise StoreError(f"Unknown task {task!r}; use one of {', '.join(TASK_LABELS)}")
    if label not in TASK_LABELS[task]:
        raise StoreError(f"{label!r} is not a {task} label ({', '.join(TASK_LABELS[task])})")
    if not analyst.strip():
        raise StoreError("A correction needs the analyst's name")
    with store.transaction() as con:
        if con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
            raise StoreError(f"No document with id {doc_id!r}")
        previous = con.execute(
            """SELECT label FROM (
                   SELECT label, corrected_at AS stamp, 1 AS kind FROM corrections
                   WHERE doc_id = ? AND task = ?
                   UNION ALL
                   SELECT label, scored_at AS stamp, 0 AS kind FROM scores
                   WHERE doc_id = ? AND task = ?) labels
               ORDER BY kind DESC, stamp DESC LIMIT 1""",
            [doc_id, task, doc_id, task],
        ).fetchone()
        con.execute(
            "INSERT INTO corrections (doc_id, task, label, previous, analyst, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [doc_id, task, label, previous[0] if previous else None, analyst.strip(), note],
        )
        write(con, analyst, Action.CORRECTION, "document", doc_id,
              {"task": task, "from": previous[0] if previous else None, "to": label,
               "note": note})


CURRENT_CORRECTIONS = """corrected AS (
    SELECT doc_id, task, label FROM (
        SELECT doc_id, task, label, row_number() OVER (
            PARTITION BY doc_id, task ORDER BY corrected_at DESC, rowid DESC) AS latest
        FROM corrections) ranked
    WHERE latest = 1)"""
"""A CTE ``corrected``: each document's current label per task (its latest correction)."""


def current_corrections(store: Store, task: str) -> pd.DataFrame:
    """The latest correction per document for ``task``: doc_id, text, label, analyst, time."""
    return store.query(
        """SELECT doc_id, text, label, previous, analyst, corrected_at FROM (
               SELECT c.doc_id, d.text, c.label, c.previous, c.analyst, c.corrected_at,
                      c.rowid AS seq, row_number() OVER (PARTITION BY c.doc_id
                          ORDER BY c.corrected_at DESC, c.rowid DESC) AS latest
               FROM corrections c JOIN documents d ON d.id = c.doc_id
               WHERE c.task = ?) ranked
           WHERE latest = 1 ORDER BY corrected_at, seq""",
        [task],
    )


def correction_history(store: Store, doc_id: str) -> pd.DataFrame:
    """Every correction of one document, oldest first."""
    return store.query(
        "SELECT task, label, previous, analyst, note, corrected_at FROM corrections "
        "WHERE doc_id = ? ORDER BY corrected_at",
        [doc_id],
    )


def corrected_sentiment(store: Store) -> pd.DataFrame:
    """Every text whose sentiment an analyst corrected: ``gold`` (the analyst's current label)
    and ``predicted`` (the current model's label, missing when the text is not scored)."""
    return store.query(
        f"""WITH {CURRENT_CORRECTIONS}
           SELECT c.label AS gold, d.sentiment_label AS predicted
           FROM corrected c LEFT JOIN documents d ON d.id = c.doc_id
           WHERE c.task = '{Task.SENTIMENT}'""")
