"""Hoax likelihood that explains itself: four signals combined into one calibrated score.

For each text the scorer computes

* ``p_head``: the narrative classifier — the LoRA fine-tuned e5 classifier of ``pantau train
  hoax`` when it is installed (``data/models/hoax/lora``), else the head on the text's frozen
  e5 embedding (style and content of known hoax narratives — one signal among several, see
  ``pantau evaluate hoax``);
* ``match``: the hybrid (BM25 + embedding) score of the best *debunked* entry among the top
  three of the fact-check bank (an entry confirmed as fact does not raise it), with the
  entries and their verdict — ``cocok`` (confirmed) or ``mirip`` (suggested) — as evidence
  (:mod:`analysis.signals.matching`);
* ``cues``: provocation and clickbait cues with the words they matched
  (:mod:`analysis.signals.cues`);
* ``coordination``: 0 when scored; raised afterwards for texts that belong to a coordinated
  burst (:func:`analysis.insights.coordination.refresh_coordination`), which rescores them.

and combines them with :class:`analysis.models.combiner.Combiner`. The evidence JSON keeps every
signal, its contribution to the log-odds and the intercept, so the Hoaks page and exports can
say why a text got its score.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.models.combiner import Combiner
from analysis.models.encoder import Encoder, Progress
from analysis.models.heads import Head
from analysis.signals.claim_files import claim_kind
from analysis.signals.cues import CueLexicon, default_lexicon, score_texts
from analysis.signals.matching import ClaimMatcher, tokenize
from analysis.signals.relations import ClaimReader, claim_record, read_candidates
from analysis.vocabulary import ClaimKind, HoaxLabel, Task

HOAX_LABEL = HoaxLabel.HOAX
TOP_CLAIMS = 3
# On real posts the hybrid matcher is over-confident when a post merely shares a claim's topic
# (demo tweets about vaccine side effects reached 0.99 against "Vaksin mRNA sebabkan MPOX"; its
# evaluation set's positives are built from the claims' own words). So a match only counts in
# the score in proportion to how close the meanings are (e5 cosine from 0.88, in full from
# 0.93) and only for posts of at least five content words — "sakit hati ya" cannot be said to
# repeat a claim. Matches below that are still shown, without a verdict.
COSINE_FROM = 0.88
COSINE_FULL = 0.93
MIN_WORDS = 5


class HoaxScorer:
    """Scores texts 0–1 for hoax likelihood and keeps the evidence for each score."""

    task: str = Task.HOAX

    def __init__(self, encoder: Encoder, head: Head | None, matcher: ClaimMatcher | None,
                 combiner: Combiner, threshold: float = 0.5,
                 lexicon: CueLexicon | None = None, classifier: Any = None,
                 coordination: tuple[int, int] = (3, 60),
                 reader: ClaimReader | None = None, official: Sequence[str] = ()) -> None:
        """``classifier`` (a :class:`~analysis.models.sentiment.TunedClassifier` with a
        ``hoax`` label) replaces ``head`` for ``p_head`` when given; ``coordination`` is the
        accounts and minutes that make a coordinated burst (``PANTAU_COORD_*``), ``official``
        the accounts named official beyond their handles (``PANTAU_OFFICIAL_ACCOUNTS``)."""
        if classifier is not None:
            narrative, labels = str(classifier.model_version), list(classifier.labels)
        elif head is not None:
            narrative, labels = head.version, list(head.labels)
        else:
            raise ValueError("HoaxScorer needs a classifier or a head")
        self.encoder, self.head, self.matcher = encoder, head, matcher
        self.classifier, self.reader = classifier, reader
        self.combiner, self.threshold = combiner, threshold
        self.lexicon = lexicon or default_lexicon()
        self.coordination, self.official = coordination, tuple(official)
        self.model_id = "builtin:e5-small+hoax-signals"
        bank = _bank_version(matcher)
        reading = (f"r{reader.version}" if reader is not None
                   else f"g{COSINE_FROM}-{COSINE_FULL}-{MIN_WORDS}")
        self.model_version = (f"{narrative}-{bank}-{self.lexicon.version[:8]}-"
                              f"{combiner.version}-{reading}")
        self._hoax_column = labels.index(HOAX_LABEL)

    def signals(self, texts: Sequence[str], progress: Progress | None = None
                ) -> tuple[dict[str, np.ndarray], list[list[dict[str, Any]]], pd.DataFrame]:
        """The signals per text, the top bank entries per text, and the cue table."""
        return self._signals(texts, progress)[:3]

    def _signals(self, texts: Sequence[str], progress: Progress | None = None
                 ) -> tuple[dict[str, np.ndarray], list[list[dict[str, Any]]], pd.DataFrame,
                            np.ndarray]:
        embeddings = self.encoder.embed(list(texts), prefix="query: ", progress=progress)
        if self.classifier is not None:
            p_head = self.classifier.predict_proba(list(texts))[:, self._hoax_column]
        else:
            assert self.head is not None
            p_head = self.head.predict_proba(embeddings)[:, self._hoax_column]
        claims = self._claims(list(texts), embeddings)
        cues = score_texts(list(texts), self.lexicon)
        match = np.array([max((c["counted"] for c in hits if claim_kind(c.get("status")) ==
                               ClaimKind.HOAX), default=0.0) for hits in claims])
        return ({"p_head": p_head, "match": match,
                 "cues": cues["cue_score"].to_numpy(dtype=float),
                 "coordination": np.zeros(len(texts))}, claims, cues, embeddings)

    def predict(self, texts: Sequence[str], progress: Progress | None = None) -> pd.DataFrame:
        """Scores with their evidence; ``attrs["embeddings"]`` holds the texts' ``query: ``
        embeddings (the pipeline keeps them for narratives)."""
        signals, claims, cues, embeddings = self._signals(texts, progress)
        score = self.combiner.score(signals)
        parts = self.combiner.contributions(signals)
        evidence = []
        for i in range(len(texts)):
            record: dict[str, Any] = {
                "signals": {k: round(float(v[i]), 4) for k, v in signals.items()},
                "contributions": {k: round(float(v[i]), 4) for k, v in parts.items()},
                "intercept": round(self.combiner.intercept, 4),
                "claims": claims[i],
                "cues": json.loads(cues["cues"].iloc[i]) if cues["cue_count"].iloc[i] else [],
            }
            evidence.append(json.dumps(record, ensure_ascii=False))
        frame = pd.DataFrame({
            "label": np.where(score >= self.threshold, HOAX_LABEL, "not_hoax"),
            "score": score, "p_negative": None, "p_neutral": None, "p_positive": None,
            "evidence": evidence,
        })
        frame.attrs["embeddings"] = embeddings
        return frame

    def _claims(self, texts: list[str], embeddings: np.ndarray) -> list[list[dict[str, Any]]]:
        return claim_evidence(self.matcher, self.reader, texts, embeddings)


def claim_evidence(matcher: ClaimMatcher | None, reader: ClaimReader | None,
                   texts: list[str], embeddings: np.ndarray, k: int = TOP_CLAIMS
                   ) -> list[list[dict[str, Any]]]:
    """Each text's top ``k`` bank entries with their verdicts and ``counted`` (what the match
    signal takes from them): read by the claim reader when there is one (its relation
    decides), else gated by how close the meanings are (the comment on :data:`COSINE_FROM`)."""
    if matcher is None or len(matcher) == 0:
        return [[] for _ in texts]
    hits = matcher.match(texts, embeddings, k=k)
    records = [[claim_record(matcher, hit) for hit in found] for found in hits]
    if reader is not None:
        return read_candidates(reader, texts, records,
                               [found[0].cosine if found else 0.0 for found in hits])
    return [[_gated(matcher, record, hit, len(tokenize(text)))
             for record, hit in zip(found_records, found, strict=True)]
            for text, found_records, found in zip(texts, records, hits, strict=True)]


def _gated(matcher: ClaimMatcher, record: dict[str, Any], hit: Any, words: int
           ) -> dict[str, Any]:
    gate = float(np.clip((hit.cosine - COSINE_FROM) / (COSINE_FULL - COSINE_FROM),
                         0.0, 1.0)) if words >= MIN_WORDS else 0.0
    return {**record, "verdict": matcher.verdict(hit.score) if gate > 0 else "",
            "counted": round(hit.score * gate, 4)}


def rescore(evidence: dict[str, Any], combiner: Combiner, coordination: float
            ) -> tuple[float, dict[str, Any]]:
    """A stored item's score and evidence with a new coordination signal (no model needed)."""
    signals = {k: np.array([float(evidence["signals"].get(k, 0.0))]) for k in
               ("p_head", "match", "cues")}
    signals["coordination"] = np.array([coordination])
    parts = combiner.contributions(signals)
    updated = {**evidence,
               "signals": {k: round(float(v[0]), 4) for k, v in signals.items()},
               "contributions": {k: round(float(v[0]), 4) for k, v in parts.items()}}
    return float(combiner.score(signals)[0]), updated


def _bank_version(matcher: ClaimMatcher | None) -> str:
    import hashlib

    if matcher is None or len(matcher) == 0:
        return "nobank"
    ids = ",".join(sorted(matcher.claims["id"].astype(str)))
    params = json.dumps(matcher.params.to_dict(), sort_keys=True)
    return hashlib.sha1((ids + params).encode()).hexdigest()[:8]
