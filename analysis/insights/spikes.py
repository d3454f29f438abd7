"""Why a spike happened: what a bucket's texts were about against its baseline (their most
distinctive terms), who posted them, and example posts with how many near-copies each stands
for. The store gives the bucket's and the baseline's texts (:mod:`analysis.store.spikes`);
this module reads them."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.insights.terms import document_frequency, log_odds, terms
from analysis.store.db import Store
from analysis.store.filters import Filters
from analysis.store.spikes import (
    baseline_texts,
    bucket_accounts,
    bucket_count,
    bucket_texts,
    spike_scope,
)


def explain_spike(store: Store, f: Filters, bucket_start: Any, bucket: str = "day",
                  metric: str = "volume", window: int | None = None, top_terms: int = 10,
                  top_accounts: int = 10, examples: int = 5) -> dict[str, Any]:
    """What a bucket's texts were about, who posted them, and examples.

    Returns a dict: ``bucket`` and ``bucket_end`` (local timestamps), ``metric``, ``texts``
    (texts explained: the bucket's texts, or its negative texts), ``baseline_texts``;
    ``terms`` (DataFrame ``term``, ``n``, ``background_n``, ``z``: distinctive terms against
    the baseline window); ``accounts`` (DataFrame ``author``, ``platform``, ``source``, ``n``,
    ``engagement`` = likes + shares + replies); ``examples`` (DataFrame ``id``, ``text``,
    ``author``, ``platform``, ``local_time``, ``url``, ``matched`` = the top terms it holds,
    ``copies`` = how many of the explained texts are near-copies of it, itself included).
    """
    scope = spike_scope(f, bucket_start, bucket, metric, window)
    target, background = bucket_texts(store, scope), baseline_texts(store, scope)
    target_df, _ = document_frequency(target["text"])
    background_df, _ = document_frequency(background["text"])
    distinctive = log_odds(target_df, background_df, top=top_terms)
    return {
        "bucket": pd.Timestamp(scope.start), "bucket_end": pd.Timestamp(scope.end),
        "metric": metric, "texts": bucket_count(store, scope),
        "baseline_texts": len(background), "terms": distinctive,
        "accounts": bucket_accounts(store, scope, top_accounts),
        "examples": _examples(target, distinctive["term"].tolist(), examples),
    }


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Near-copies: content words overlapping by 70 % or more (Jaccard)."""
    union = len(a | b)
    return union > 0 and len(a & b) / union >= 0.7


def _examples(target: pd.DataFrame, top: list[str], limit: int) -> pd.DataFrame:
    """One post per group of near-copies, those holding the most top terms (then the most
    engaged) first and different accounts before repeated ones, each with ``copies``: how
    many of the explained texts it stands for. Only posts holding a top term are used, unless
    no term stood out."""
    columns = ["id", "text", "author", "platform", "local_time", "url", "matched", "copies"]
    if target.empty:
        return pd.DataFrame(columns=columns)
    wanted = set(top)
    frame = target.copy()
    words = [terms(text) for text in frame["text"]]
    frame["matched"] = [[t for t in dict.fromkeys(w) if t in wanted] for w in words]
    frame["hits"] = frame["matched"].map(len)
    frame["bag"] = pd.Series([frozenset(w) for w in words], index=frame.index, dtype=object)
    frame = frame.sort_values(["hits", "engagement", "local_time", "id"],
                              ascending=[False, False, True, True])
    pool = frame[frame["hits"] > 0] if (frame["hits"] > 0).any() else frame
    groups: list[list[Any]] = []  # [first row, copies]
    rows: list[Any] = list(pool.itertuples(index=False))
    for row in rows:
        match = next((g for g in groups if _alike(row.bag, g[0].bag)), None)
        if match is not None:
            match[1] += 1
        elif len(groups) < 50:
            groups.append([row, 1])
    fresh: list[list[Any]] = []
    repeated: list[list[Any]] = []
    seen: set[Any] = set()
    for group in groups:
        (repeated if group[0].author in seen else fresh).append(group)
        seen.add(group[0].author)
    ordered = fresh + repeated
    picked = [{**{c: getattr(g[0], c) for c in columns[:-1]}, "copies": g[1]}
              for g in ordered[:limit]]
    return pd.DataFrame(picked, columns=columns)
