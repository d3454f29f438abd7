"""Hoax likelihood, first version: a classifier head plus matching against a fact-check bank.

Two signals, combined by a documented rule (a fitted, calibrated combination comes later):

* ``p_head``: the probability of the hoax class from a head trained on Indonesian hoax and
  fact narratives. It learns their style as much as their content, so it only ever lifts the
  score part of the way.
* ``match``: how closely the text resembles the nearest debunked claim in the bank (cosine of
  e5 ``query:`` and ``passage:`` embeddings), mapped linearly from ``MATCH_LOW`` (no evidence)
  to ``MATCH_HIGH`` (the same claim).

``score = 1 - (1 - HEAD_WEIGHT * p_head) * (1 - match)``: a close match alone is enough to flag a
text, the head alone can reach at most ``HEAD_WEIGHT`` (below the default threshold of 0.5).

Why these numbers: e5 similarities are compressed and driven by topic. On the demo tweets,
texts that merely share a topic with a debunk (pro-vaccination tweets against a vaccine hoax)
reach cosine 0.90–0.92, while a tweet repeating the "microchip in the vaccine" debunk reached
0.93. So evidence starts at 0.90 and is full at 0.95. These are first estimates; a proper
evaluation set and tuned thresholds are planned (issue #5).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.models.encoder import Encoder, Progress
from analysis.models.heads import Head

HEAD_WEIGHT = 0.4
MATCH_LOW = 0.90
MATCH_HIGH = 0.95
RULE = f"w{HEAD_WEIGHT}-m{MATCH_LOW}-{MATCH_HIGH}"
HOAX_LABEL = "hoax"


class ClaimBank:
    """Debunked claims with their passage embeddings, searchable by cosine similarity."""

    def __init__(self, claims: pd.DataFrame, embeddings: np.ndarray) -> None:
        self.claims = claims.reset_index(drop=True)
        self.embeddings = np.asarray(embeddings, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.claims)

    @property
    def version(self) -> str:
        ids = ",".join(sorted(self.claims["id"].astype(str))) if len(self) else ""
        return hashlib.sha1(ids.encode()).hexdigest()[:8]

    def nearest(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of the best claim and its cosine similarity, per query row."""
        if len(self) == 0:
            n = len(queries)
            return np.full(n, -1), np.zeros(n, dtype=np.float32)
        sims = queries @ self.embeddings.T
        best = sims.argmax(axis=1)
        return best, sims[np.arange(len(queries)), best]


def match_strength(similarity: np.ndarray) -> np.ndarray:
    """0 below ``MATCH_LOW``, 1 above ``MATCH_HIGH``, linear between."""
    return np.clip((similarity - MATCH_LOW) / (MATCH_HIGH - MATCH_LOW), 0.0, 1.0)


def combine(p_head: np.ndarray, match: np.ndarray) -> np.ndarray:
    """The documented combination rule (see the module docstring)."""
    return 1.0 - (1.0 - HEAD_WEIGHT * p_head) * (1.0 - match)


class HoaxScorer:
    """Scores texts 0–1 for hoax likelihood and keeps the evidence for each score."""

    task = "hoax"

    def __init__(self, encoder: Encoder, head: Head, bank: ClaimBank,
                 threshold: float = 0.5) -> None:
        self.encoder, self.head, self.bank, self.threshold = encoder, head, bank, threshold
        self.model_id = "builtin:e5-small+hoax-head+claims"
        self.model_version = f"{head.version}-{bank.version}-{RULE}"
        self._hoax_column = head.labels.index(HOAX_LABEL)

    def predict(self, texts: Sequence[str], progress: Progress | None = None) -> pd.DataFrame:
        embeddings = self.encoder.embed(list(texts), prefix="query: ", progress=progress)
        p_head = self.head.predict_proba(embeddings)[:, self._hoax_column]
        best, similarity = self.bank.nearest(embeddings)
        match = match_strength(similarity)
        score = combine(p_head, match)
        evidence = [self._evidence(p, s, m, b) for p, s, m, b in
                    zip(p_head, similarity, match, best, strict=True)]
        return pd.DataFrame({
            "label": np.where(score >= self.threshold, HOAX_LABEL, "not_hoax"),
            "score": score, "p_negative": None, "p_neutral": None, "p_positive": None,
            "evidence": evidence,
        })

    def _evidence(self, p_head: float, similarity: float, match: float, best: int) -> str:
        record: dict[str, object] = {"p_head": round(float(p_head), 4),
                                     "match": round(float(match), 4)}
        if best >= 0:
            claim = self.bank.claims.iloc[int(best)]
            record["claim"] = {
                "id": claim["id"], "title": claim["title"], "fact": claim["fact"],
                "url": claim["url"], "published": claim["published"],
                "similarity": round(float(similarity), 4),
            }
        return json.dumps(record, ensure_ascii=False)
