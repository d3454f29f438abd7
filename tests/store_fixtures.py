"""Building small stores by hand (no model), for store, trends and CLI tests."""

from __future__ import annotations

import json
from datetime import datetime

import numpy as np
import pandas as pd

from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from analysis.text.keys import text_hash


def documents(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Records with defaults for every column the store needs."""
    base = {
        "kind": "post",
        "platform": "twitter",
        "source": None,
        "author": "warga",
        "published_approx": False,
        "url": None,
        "parent_id": None,
        "likes": None,
        "shares": None,
        "replies": None,
        "views": None,
        "extra": "{}",
        "row_number": 2,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["text_hash"] = frame["text"].map(text_hash)
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    return frame


def sentiment_scores(labels: dict[str, str], version: str = "v1") -> pd.DataFrame:
    rows = []
    for doc_id, label in labels.items():
        probs = {"negative": 0.1, "neutral": 0.1, "positive": 0.1, label: 0.8}
        rows.append(
            {
                "doc_id": doc_id,
                "task": "sentiment",
                "model_id": "test",
                "model_version": version,
                "label": label,
                "score": 0.8,
                "p_negative": probs["negative"],
                "p_neutral": probs["neutral"],
                "p_positive": probs["positive"],
                "evidence": None,
            }
        )
    return pd.DataFrame(rows)


def hoax_scores(scores: dict[str, float]) -> pd.DataFrame:
    evidence = json.dumps(
        {
            "p_head": 0.5,
            "match": 0.9,
            "claim": {
                "id": "c1",
                "title": "Vaksin mengandung chip",
                "fact": "Tidak ada chip dalam vaksin.",
                "url": "https://turnbackhoax.id/contoh",
                "published": "2021-05-01",
                "similarity": 0.93,
            },
        }
    )
    return pd.DataFrame(
        [
            {
                "doc_id": d,
                "task": "hoax",
                "model_id": "test",
                "model_version": "v1",
                "label": "hoax" if s >= 0.5 else "not_hoax",
                "score": s,
                "p_negative": None,
                "p_neutral": None,
                "p_positive": None,
                "evidence": evidence,
            }
            for d, s in scores.items()
        ]
    )


def small_store(store: Store) -> Store:
    """Five posts over two WIB days on two platforms, all scored."""
    docs = documents(
        [
            {
                "id": "a",
                "text": "Polisi sigap, terima kasih",
                "published_at": datetime(2025, 7, 8, 3, 0),
            },
            {
                "id": "b",
                "text": "Pelayanan lambat sekali",
                "published_at": datetime(2025, 7, 8, 4, 0),
            },
            {
                "id": "c",
                "text": "Info lalu lintas hari ini",
                "published_at": datetime(2025, 7, 8, 5, 0),
                "platform": "youtube",
            },
            # 18:30 UTC on the 8th is 01:30 WIB on the 9th
            {
                "id": "d",
                "text": "Vaksin mengandung chip, sebarkan!",
                "published_at": datetime(2025, 7, 8, 18, 30),
            },
            {"id": "e", "text": "Mantap pak", "published_at": datetime(2025, 7, 9, 6, 0)},
        ]
    )
    insert_documents(store, "u1", docs)
    insert_scores(
        store,
        sentiment_scores(
            {"a": "positive", "b": "negative", "c": "neutral", "d": "negative", "e": "positive"}
        ),
    )
    insert_scores(store, hoax_scores({"a": 0.1, "b": 0.2, "c": 0.05, "d": 0.91, "e": 0.1}))
    return store


def planted(n: int, seed: int = 0, groups: int = 2) -> np.ndarray:
    """``n`` vectors around each of ``groups`` directions, sharing a large common component
    like e5's (every pair of raw vectors has a cosine of about 0.8)."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=384)
    directions = [rng.normal(size=384) for _ in range(groups)]
    rows = [2.0 * common + directions[i // n] + 0.6 * rng.normal(size=384)
            for i in range(groups * n)]
    vectors = np.array(rows)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
