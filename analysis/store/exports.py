"""The rows behind an export: every post inside the dashboard's filters with its labels.

It reads the same ``docs`` view as the trends (:func:`analysis.store.filters.filtered_query`:
the same filters, the latest score per task), so an export holds exactly the posts the
dashboard counted.
"""

from __future__ import annotations

import pandas as pd

from analysis.store.corrections import CURRENT_CORRECTIONS
from analysis.store.db import Store
from analysis.store.filters import Filters, filtered_query
from analysis.store.reviews import CURRENT_REVIEWS
from analysis.vocabulary import Status, Target, Task

EXPORT_COLUMNS = [
    "id", "local_time", "kind", "platform", "source", "author", "text", "url", "sentiment",
    "sentiment_score", "corrected", "hoax_score", "hoax_corrected", "hoax_status", "hoax_claim",
    "hoax_claim_url", "likes", "shares", "replies", "views",
]


def export_rows(store: Store, f: Filters, limit: int, hoax_threshold: float = 0.5) -> pd.DataFrame:
    """The newest ``limit`` posts inside ``f``, one row each, in :data:`EXPORT_COLUMNS` order,
    plus ``total``: how many posts the filters hold (the same number on every row).

    ``sentiment`` is the model's label whatever its confidence; ``corrected`` and
    ``hoax_corrected`` are the analysts' latest corrections; ``hoax_status`` is the latest
    workflow status, ``baru`` for a flagged post nobody has reviewed, empty otherwise;
    ``hoax_claim`` and ``hoax_claim_url`` are the debunked bank claim the post repeats (rated
    "cocok" or "mirip") and the link to its debunk.
    """
    return filtered_query(
        store,
        f"""
        , {CURRENT_CORRECTIONS}
        , {CURRENT_REVIEWS}
        SELECT docs.id, local_time, kind, platform, docs.source, author, docs.text, docs.url,
               sentiment_model AS sentiment, sentiment_score, cs.label AS corrected,
               hoax_score, ch.label AS hoax_corrected,
               CASE WHEN r.status IS NOT NULL THEN r.status
                    WHEN hoax_score >= $threshold THEN '{Status.NEW}' END AS hoax_status,
               coalesce(cl.title, docs.hoax_claim) AS hoax_claim, cl.url AS hoax_claim_url,
               likes, shares, replies, views, count(*) OVER () AS total
        FROM docs
        LEFT JOIN claims cl ON cl.id = docs.hoax_claim
        LEFT JOIN corrected cs ON cs.doc_id = docs.id AND cs.task = '{Task.SENTIMENT}'
        LEFT JOIN corrected ch ON ch.doc_id = docs.id AND ch.task = '{Task.HOAX}'
        LEFT JOIN reviewed r ON r.target_kind = '{Target.DOC}' AND r.target_id = docs.id
        ORDER BY local_time DESC, docs.id LIMIT $limit""",
        f,
        limit=limit,
        threshold=hoax_threshold,
    )
