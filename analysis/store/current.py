"""Each document's *current* scores, kept next to it in ``documents``.

The dashboard reads one table instead of joining every text to its score history (see
:mod:`analysis.store.schema`, schema 4 and 5), so whatever writes scores copies the latest one
per task into the document's columns with :func:`sync_current`. This module holds no
connection of its own: the scores module and the schema's migrations call it with theirs.
"""

from __future__ import annotations

from typing import Any

import duckdb

from analysis.vocabulary import TRUE_RATINGS, Relation, Task, Verdict

CURRENT_COLUMNS: dict[str, tuple[str, str]] = {
    Task.SENTIMENT: ("sentiment_label", "sentiment_conf"),
    Task.HOAX: ("hoax_label", "hoax_score"),
}
"""Per task: the ``documents`` columns that hold its current label and score."""



_REPEATING = (str(Verdict.COCOK), str(Verdict.MIRIP))

_CLAIMS = """json_transform(evidence, '{"claims": [{"id": "VARCHAR", "verdict": "VARCHAR",
                                     "status": "VARCHAR", "relation": "VARCHAR"}]}').claims"""
_DEBUNK = f"lower(trim(coalesce(c.status, ''))) NOT IN {TRUE_RATINGS!r}"
_REPEATED_CLAIM = f"""list_filter({_CLAIMS},
    lambda c: c.verdict IN {_REPEATING!r} AND {_DEBUNK})[1]"""
"""The hoax evidence's best bank match that is a debunk rated "cocok" or "mirip" (the
matches are listed best first), or NULL: the claim the text repeats (``.id``) and how
surely (``.verdict``)."""
_DENIED_CLAIM = f"""list_filter({_CLAIMS},
    lambda c: c.relation = '{Relation.DENIES}' AND {_DEBUNK})[1]"""
"""The first debunk the claim reader found the text denying, or NULL."""


_PG_CLAIM = f"""(SELECT c FROM jsonb_array_elements(CASE WHEN jsonb_typeof(evidence -> 'claims')
    = 'array' THEN evidence -> 'claims' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(c, n)
    WHERE {{match}} AND lower(trim(coalesce(c ->> 'status', ''))) NOT IN {TRUE_RATINGS!r}
    ORDER BY n LIMIT 1)"""
"""PostgreSQL: the first claim of the hoax evidence's list that matches and is a debunk."""
_PG_REPEATED = _PG_CLAIM.format(match=f"c ->> 'verdict' IN {_REPEATING!r}")
_PG_DENIED = _PG_CLAIM.format(match=f"c ->> 'relation' = '{Relation.DENIES}'")
_SYNC = {
    "duckdb": """UPDATE documents SET {label} = s.label, {score} = s.score{claim}
        FROM (SELECT doc_id, label, score{repeated} FROM scores WHERE task = ? {scope}
              QUALIFY row_number() OVER (PARTITION BY doc_id
                                         ORDER BY scored_at DESC, model_version) = 1) s
        WHERE documents.id = s.doc_id""",
    "postgres": """UPDATE documents SET {label} = s.label, {score} = s.score{claim}
        FROM (SELECT * FROM (SELECT doc_id, label, score{repeated}, row_number() OVER (
                  PARTITION BY doc_id ORDER BY scored_at DESC, model_version) AS latest
              FROM scores WHERE task = ? {scope}) ranked WHERE latest = 1) s
        WHERE documents.id = s.doc_id""",
}
"""Per dialect: each document's latest score copied next to it (PostgreSQL has no QUALIFY:
the window is ranked in a subquery)."""
_CLAIM_COLUMNS = {
    "duckdb": (", hoax_claim = s.repeated.id, hoax_claim_match = s.repeated.verdict, "
               "hoax_denied = s.denied.id",
               f", {_REPEATED_CLAIM} AS repeated, {_DENIED_CLAIM} AS denied"),
    "postgres": (", hoax_claim = s.repeated ->> 'id', "
                 "hoax_claim_match = s.repeated ->> 'verdict', hoax_denied = s.denied ->> 'id'",
                 f", {_PG_REPEATED} AS repeated, {_PG_DENIED} AS denied"),
}
"""Per dialect, for the hoax task: the claim columns set, and the evidence read for them."""


def sync_current(con: duckdb.DuckDBPyConnection, task: str, doc_ids: str | None = None,
                 params: list[Any] | None = None, dialect: str = "duckdb") -> None:
    """Copy each document's latest ``task`` score into its current-score columns (for the
    hoax task also the debunked claim it repeats and its rating, ``hoax_claim`` and
    ``hoax_claim_match``, and the one it denies, ``hoax_denied``).

    ``doc_ids`` is a SQL query giving the documents to update (all when None), run with
    ``params``; ``dialect`` is the store's (:attr:`analysis.store.db.Store.dialect`).
    """
    label, score = CURRENT_COLUMNS[task]
    scope = f"AND doc_id IN ({doc_ids})" if doc_ids else ""
    claim, repeated = _CLAIM_COLUMNS[dialect] if task == Task.HOAX else ("", "")
    con.execute(
        _SYNC[dialect].format(label=label, score=score, claim=claim, repeated=repeated,
                              scope=scope),
        [task, *(params or [])],
    )
