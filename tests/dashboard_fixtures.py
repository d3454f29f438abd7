"""A small scored store for dashboard tests, built without loading any model.

Nine texts on three platforms over 1–5 May 2025 (WIB). Sentiment: 4 positive, 2 neutral,
2 negative, 1 unscored. Hoax scores ≥ 0.5 on three texts, two of them matched to a debunk.
The expected numbers live next to the data so the tests read them instead of repeating them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.store import Store
from analysis.store.claims import CLAIM_COLUMNS, upsert_claims
from analysis.store.documents import (
    DOCUMENT_COLUMNS,
    create_upload,
    finish_upload,
    insert_documents,
)
from analysis.store.scores import SCORE_COLUMNS, insert_scores

MALICIOUS_TEXT = ("<script>alert(1)</script> [klik](javascript:alert(1)) **tebal** hoaks vaksin "
                  "https://t.co/abc")

CLAIMS = {
    "c1": {"id": "c1", "title": "[SALAH] Polisi menilang pesepeda di jalur sepeda",
           "fact": "Foto lama dari 2019, bukan razia baru.",
           "url": "https://turnbackhoax.id/x", "published": "2024-01-01"},
    "c2": {"id": "c2", "title": "[HOAKS] Vaksin berisi microchip pelacak",
           "fact": "Tidak ada microchip dalam vaksin.",
           "url": "https://turnbackhoax.id/y", "published": "2023-06-12"},
}

# id, platform, published (UTC), author, text, sentiment, hoax score, (claim id, similarity)
DOCS: list[tuple[str, str, str, str, str, str | None, float | None,
                 tuple[str, float] | None]] = [
    ("t1", "twitter", "2025-05-01T02:00:00Z", "warga_a",
     "Terima kasih Polri sigap bantu korban banjir", "positive", 0.05, None),
    ("t2", "twitter", "2025-05-01T05:00:00Z", "akun_b",
     "Polisi razia pesepeda di jalur sepeda, ditilang semua!", "negative", 0.92, ("c1", 0.93)),
    ("t3", "twitter", "2025-05-02T03:00:00Z", "warga_c",
     "Ada info pengalihan arus di Sudirman?", "neutral", 0.40, None),
    ("t4", "twitter", "2025-05-03T04:00:00Z", "warga_d",
     "Pelayanan SIM online cepat sekali", "positive", 0.10, None),
    ("t5", "twitter", "2025-05-04T06:00:00Z", "akun_e", MALICIOUS_TEXT, "negative", 0.81,
     ("c2", 0.88)),
    ("i1", "instagram", "2025-05-01T09:00:00Z", "ig_f",
     "Mantap pak polisi, terus jaga keamanan", "positive", 0.20, None),
    ("i2", "instagram", "2025-05-02T10:00:00Z", "ig_g",
     "Katanya ada razia sepeda besar-besaran besok", "neutral", 0.66, ("c1", 0.79)),
    ("i3", "instagram", "2025-05-03T11:00:00Z", "ig_h",
     "Salut untuk polantas yang mengatur lalu lintas saat hujan", "positive", None, None),
    ("y1", "youtube", "2025-05-05T12:00:00Z", "yt_i",
     "Video lengkapnya ada di kanal ini", None, None, None),
]

# Exports carry whatever the crawler saw: a script address and a missing one must stay inert.
URLS: dict[str, str | None] = {"t5": "javascript:alert(document.cookie)", "i3": None}

EXPECTED = {
    "volume": 9, "positive": 4, "neutral": 2, "negative": 2, "unscored": 1,
    "positive_share": "50%", "negative_share": "25%", "net": "+0,25", "hoax_flagged": 3,
    "twitter_volume": 5, "instagram_volume": 3,
}
HOAX_ORDER = ["t2", "t5", "i2", "t3", "i1", "t4", "t1"]
UPLOAD_FILENAME = "ekspor_mei_2025.csv"


def _document(row: tuple[Any, ...]) -> dict[str, Any]:
    doc_id, platform, published, author, text = row[:5]
    return {
        "id": doc_id, "upload_id": "", "kind": "post", "platform": platform,
        "source": platform, "author": author,
        "published_at": pd.Timestamp(published).tz_convert("UTC"), "published_approx": False,
        "text": text, "text_hash": hashlib.sha256(text.encode()).hexdigest()[:16],
        "url": URLS.get(doc_id, f"https://example.org/{platform}/{doc_id}"), "parent_id": None,
        "likes": 3, "shares": 1, "replies": 0, "views": 100,
        "extra": json.dumps({"lang": "id"}), "row_number": 0,
    }


def documents_frame() -> pd.DataFrame:
    """The canonical records of :data:`DOCS`."""
    frame = pd.DataFrame([_document(row) for row in DOCS])
    frame["row_number"] = range(2, len(frame) + 2)
    return frame[DOCUMENT_COLUMNS]


def _sentiment(doc_id: str, label: str) -> dict[str, Any]:
    probs = {"positive": 0.1, "neutral": 0.1, "negative": 0.1}
    probs[label] = 0.8
    return {"doc_id": doc_id, "task": "sentiment", "model_id": "test:sentiment",
            "model_version": "1", "label": label, "score": 0.8,
            **{f"p_{name}": p for name, p in probs.items()}, "evidence": None}


CUES = {"i2": [{"id": "sumber_kabur.katanya", "category": "sumber_kabur", "matched": "Katanya",
                "start": 0, "end": 7}]}
CLUSTER = {"cluster_id": "k1", "members": ["t2", "i2"], "accounts": ["akun_b", "ig_g", "x3"],
           "n_posts": 3, "span_minutes": 9.0}


def _hoax(doc_id: str, score: float, claim: tuple[str, float] | None) -> dict[str, Any]:
    match = 0.9 if claim else 0.0
    cues = CUES.get(doc_id, [])
    signals = {"p_head": 0.7, "match": match, "cues": 0.3 if cues else 0.0,
               "coordination": 0.5 if doc_id in CLUSTER["members"] else 0.0}
    weights = {"p_head": 1.0, "match": 6.0, "cues": 2.0, "coordination": 3.0}
    evidence: dict[str, object] = {
        "signals": signals, "intercept": -3.5, "cues": cues,
        "contributions": {k: round(weights[k] * v, 4) for k, v in signals.items()},
        "claims": [{**CLAIMS[claim[0]], "similarity": claim[1], "score": 0.9,
                    "verdict": "cocok" if claim[1] >= 0.8 else "mirip"}] if claim else [],
    }
    return {"doc_id": doc_id, "task": "hoax", "model_id": "test:hoax", "model_version": "1",
            "label": "hoax" if score >= 0.5 else "not_hoax", "score": score,
            "p_negative": None, "p_neutral": None, "p_positive": None,
            "evidence": json.dumps(evidence, ensure_ascii=False)}


def scores_frame() -> pd.DataFrame:
    """Sentiment and hoax scores for the scored texts of :data:`DOCS`."""
    rows = []
    for doc_id, *_, sentiment, hoax, claim in DOCS:
        if sentiment:
            rows.append(_sentiment(doc_id, sentiment))
        if hoax is not None:
            rows.append(_hoax(doc_id, hoax, claim))
    return pd.DataFrame(rows)[SCORE_COLUMNS]


def claims_frame() -> pd.DataFrame:
    """:data:`CLAIMS` as bank entries (debunks from TurnBackHoax)."""
    rows = [{**claim, "status": "Salah", "content": "", "conclusion": "Salah",
             "source": "TurnBackHoax (Mafindo)"} for claim in CLAIMS.values()]
    return pd.DataFrame(rows)[CLAIM_COLUMNS]


def build_store(path: Path) -> Store:
    """Create a DuckDB file at ``path`` holding :data:`DOCS`, their scores and one upload."""
    store = Store(path, lock_timeout_s=10.0)
    upload_id = create_upload(store, UPLOAD_FILENAME, file_sha256="0" * 64, fmt="csv",
                              encoding="utf-8", delimiter=",", mapping={"text": "isi"})
    docs = documents_frame()
    stored = insert_documents(store, upload_id, docs)
    upsert_claims(store, claims_frame())
    insert_scores(store, scores_frame())
    with store.connect() as con:
        con.execute("INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            CLUSTER["cluster_id"], CLUSTER["n_posts"], len(CLUSTER["accounts"]),
            json.dumps(CLUSTER["accounts"]), "2025-05-01T05:00:00Z", "2025-05-01T05:09:00Z",
            CLUSTER["span_minutes"], 0.5, DOCS[1][4], "3 accounts"])
        for member in CLUSTER["members"]:
            con.execute("INSERT INTO cluster_members VALUES (?, ?, 0.5)",
                        [member, CLUSTER["cluster_id"]])
    finish_upload(store, upload_id, {
        "rows_in": len(docs), "stored": stored, "duplicates": 0, "rejected": 0,
        "published_min": docs["published_at"].min(), "published_max": docs["published_at"].max(),
    })
    return store


def build_empty_store(path: Path) -> Store:
    """A store with the schema and nothing else."""
    store = Store(path, lock_timeout_s=10.0)
    with store.connect():
        pass
    return store
