"""Stored sentence embeddings of documents, and the document samples that narratives cluster.

``embeddings`` holds one vector per document and model version (e5-small: 384 floats). Rows
are only added: a pair already stored is skipped, so the scoring pipeline and the Narasi page
can both write without coordinating. There is no primary key, for the reason ``documents``
has none (see :mod:`analysis.store.schema`): uniqueness comes from inserting only missing pairs
under :meth:`Store.writing`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.store.db import Store, registered
from analysis.store.filters import Filters, filtered_query

DIMENSION = 384
"""Floats per vector: the ``embeddings`` table (in :data:`analysis.store.schema.SCHEMA`) is
``FLOAT[384]``."""


_VECTOR = {"duckdb": f"i.vector::FLOAT[{DIMENSION}]", "postgres": "CAST(i.vector AS REAL[])"}
_LISTED = {"duckdb": "doc_id IN (SELECT unnest($ids))",
           "postgres": "doc_id = ANY(CAST($ids AS TEXT[]))"}
_HASH = {"duckdb": "hash(id)", "postgres": "hashtext(id)"}
"""Per dialect: a registered vector as the table's, an id among a list, a fast hash of an id
(the sample's order: the same on every call, though not the same on both backends)."""


def store_embeddings(store: Store, doc_ids: Sequence[str], vectors: np.ndarray,
                     model_version: str) -> int:
    """Keep ``vectors`` (one row per id, 384 wide) for ``doc_ids``; returns how many were new.

    Pairs (document, model version) already stored are left as they are.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape != (len(doc_ids), DIMENSION):
        raise ValueError(f"expected {len(doc_ids)} vectors of {DIMENSION} floats, got an "
                         f"array of shape {vectors.shape}")
    if not len(doc_ids):
        return 0
    frame = pd.DataFrame({"doc_id": list(doc_ids)})
    frame["vector"] = list(vectors)
    frame = frame.drop_duplicates("doc_id")
    with store.writing() as con, registered(con, "incoming_vectors", frame):
        inserted = con.execute(
            f"""INSERT INTO embeddings SELECT i.doc_id, CAST($version AS VARCHAR),
                           {_VECTOR[store.dialect]}
                    FROM incoming_vectors i WHERE NOT EXISTS (
                        SELECT 1 FROM embeddings e
                        WHERE e.doc_id = i.doc_id AND e.model_version = $version)""",
            {"version": model_version}).fetchall()
    return int(inserted[0][0]) if inserted else 0


def load_embeddings(store: Store, doc_ids: Sequence[str],
                    model_version: str) -> dict[str, np.ndarray]:
    """The stored vectors of ``doc_ids`` for ``model_version`` (missing ids are absent)."""
    if not len(doc_ids):
        return {}
    with store.connect() as con:
        found = con.execute(
            "SELECT doc_id, vector FROM embeddings WHERE model_version = $version "
            f"AND {_LISTED[store.dialect]}",
            {"version": model_version, "ids": list(doc_ids)}).fetchnumpy()
    return {str(i): np.asarray(v, dtype=np.float32)
            for i, v in zip(found["doc_id"], found["vector"], strict=True)}


def sample_documents(store: Store, f: Filters, limit: int, bucket: str) -> pd.DataFrame:
    """Up to ``limit`` texts within the filters, the same ones on every call (ordered by a hash
    of their id, so the sample is spread evenly over time and platforms), with ``total`` the
    number of texts within the filters. Columns: id, text, author, platform, local_time,
    bucket, url, sentiment, hoax_score, total."""
    if bucket not in ("hour", "day", "week", "month"):
        raise ValueError(f"bucket must be hour, day, week or month, not {bucket!r}")
    # DuckDB's own 64-bit hash orders a million ids ten times faster than md5, and the total
    # comes from a count of its own, not a window over every row.
    return filtered_query(store, """
        , picked AS (SELECT id, text, author, platform, local_time, url, sentiment, hoax_score
                     FROM docs ORDER BY {hashed}, id LIMIT $limit)
        SELECT *, date_trunc(CAST($bucket AS TEXT), local_time) AS bucket,
               (SELECT count(*) FROM docs) AS total
        FROM picked ORDER BY {hashed}, id""".format(hashed=_HASH[store.dialect]),
        f, inline=True, bucket=bucket, limit=int(limit))
