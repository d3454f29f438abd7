"""Narratives: what the texts of a period are about, as clusters of similar texts.

1. **Sample.** Up to ``sample`` texts within the filters (3,000 by default), chosen by a hash of
   their id: the same texts on every run, spread evenly over time and platforms. Counts are
   of the sample; ``estimated`` scales them to all texts within the filters.
2. **Embed.** Each text's e5 embedding (``query: `` + text, mean-pooled, normalised) comes from
   the ``embeddings`` table; only the texts without one are encoded, and then stored
   (:func:`analysis.store.embeddings.store_embeddings`), so a second run over the same
   period encodes nothing.
3. **Cluster.** The embeddings are centred (e5 vectors share a large common direction that
   makes every pair look similar) and re-normalised, then grouped by spherical k-means
   (cosine similarity, k-means++ seeding, three seeded restarts, best total similarity kept).
   Unless ``k`` is given, the texts choose it: k-means first splits them finely (one
   cluster per :data:`MIN_CLUSTER` texts, at most 24), then the two clusters with the most
   alike centres are merged while their cosine is at least :data:`MERGE_SIMILARITY` (or more
   than :data:`MAX_K` are left), and k-means refines the merged centres. A criterion such as
   the silhouette was tried first and rejected: on the demo data it always picked k = 2 (the
   two sources), too coarse to read narratives from. Fewer than ``2 × MIN_CLUSTER`` texts
   make one cluster.
4. **Describe.** Each cluster is labelled by its top c-TF-IDF terms
   (:func:`analysis.insights.terms.class_tfidf`: Indonesian stopwords, links and mentions left out),
   with its size, share of the sample, sentiment shares (of its texts with a sentiment label
   at the filters' confidence), hoax share (texts with a hoax score ≥ the threshold, of those
   with a hoax score), its count per time bucket, and the five texts closest to its centre.

Clusters are numbered from 0 by size, largest first. Everything is deterministic for a given
store, filters and seed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.insights.terms import class_tfidf, document_frequency
from analysis.models.builtin import ENCODER_KEY
from analysis.store.db import Store
from analysis.store.embeddings import load_embeddings, sample_documents, store_embeddings
from analysis.store.trends import Filters, bucket_for
from analysis.vocabulary import SENTIMENTS

Progress = Callable[[int, int], None]
MIN_CLUSTER = 15
MAX_K = 12
MERGE_SIMILARITY = 0.5
"""Two clusters whose centres (centred e5 space) have a cosine of 0.5 or more tell one story."""
EXAMPLES = 5
PREFIX = "query: "
SENTIMENT_COLUMNS = tuple(label.value for label in reversed(SENTIMENTS))
"""The sentiment columns of the tables made here, positive first."""


class Embedder(Protocol):
    """What narratives need from an encoder: :class:`analysis.models.encoder.Encoder`."""

    def embed(self, texts: Sequence[str], prefix: str = ...,
              progress: Progress | None = None) -> np.ndarray: ...


def embedding_version() -> str:
    """The model version under which the built-in encoder's ``query: `` embeddings are kept
    (the hoax scorer embeds texts the same way, so the pipeline can store its vectors)."""
    return f"{ENCODER_KEY}:query"


@dataclass(frozen=True)
class Narratives:
    """The result of :func:`narratives`.

    ``clusters``: one row per cluster, largest first: ``cluster``, ``label`` (top terms joined
    by " · "), ``terms`` (list), ``size`` (texts in the sample), ``share`` (of the sample),
    ``estimated`` (texts within the filters), ``labelled`` (its texts with a sentiment label),
    ``positive``/``neutral``/``negative`` (shares of those), ``hoax_share``, ``examples``
    (list of dicts: id, text, author, platform, local_time, url).

    ``timeline``: ``bucket``, ``cluster``, ``n`` (sampled texts), ``share`` (of the bucket's
    sampled texts).

    ``posts``: every sampled text with ``cluster`` and ``similarity`` to its cluster's centre,
    plus id, text, author, platform, local_time, bucket, url, sentiment, hoax_score.

    ``sampled``/``total``: texts clustered / texts within the filters.

    ``common``: terms in most sampled texts (:func:`common_terms`), left out of the labels.
    """

    clusters: pd.DataFrame
    timeline: pd.DataFrame
    posts: pd.DataFrame
    sampled: int
    total: int
    bucket: str
    k: int
    common: list[str] = field(default_factory=list)

    @property
    def assignments(self) -> pd.Series:
        """doc_id → cluster."""
        return self.posts.set_index("id")["cluster"]


def embeddings_for(store: Store, ids: Sequence[str], texts: Sequence[str],
                   encoder: Embedder | None, model_version: str,
                   progress: Progress | None = None) -> np.ndarray:
    """Vectors of ``ids`` in order: stored ones reused, the rest encoded and stored."""
    found = load_embeddings(store, ids, model_version)
    missing = [i for i, doc in enumerate(ids) if doc not in found]
    if missing:
        if encoder is None:
            raise ModelError(f"{len(missing)} texts have no stored embedding for "
                             f"{model_version}; pass the encoder to compute them.")
        fresh = encoder.embed([texts[i] for i in missing], prefix=PREFIX, progress=progress)
        store_embeddings(store, [ids[i] for i in missing], fresh, model_version)
        found.update({ids[i]: fresh[j] for j, i in enumerate(missing)})
    elif progress is not None:
        progress(len(ids), len(ids))
    if not ids:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([found[doc] for doc in ids]).astype(np.float32)


def _normalised(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def centred(vectors: np.ndarray) -> np.ndarray:
    """Vectors minus their mean, back on the unit sphere."""
    return _normalised(vectors - vectors.mean(axis=0, keepdims=True))


def _seeds(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ on cosine distance."""
    chosen = [int(rng.integers(len(x)))]
    distance = 1.0 - x @ x[chosen[0]]
    for _ in range(1, k):
        weights = np.clip(distance, 0, None) ** 2
        total = weights.sum()
        pick = int(rng.choice(len(x), p=weights / total)) if total > 0 else int(
            rng.integers(len(x)))
        chosen.append(pick)
        distance = np.minimum(distance, 1.0 - x @ x[pick])
    return x[chosen].copy()


def spherical_kmeans(x: np.ndarray, k: int, seed: int = 0, iterations: int = 60,
                     restarts: int = 3,
                     init: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Labels and unit centroids of ``x`` (unit rows) in ``k`` clusters by cosine similarity.

    Starts from ``init`` (k unit rows) when given, else from k-means++ seeds with
    ``restarts`` seeded restarts, keeping the one with the highest total similarity.
    """
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for restart in range(1 if init is not None else restarts):
        rng = np.random.default_rng(seed + restart)
        centroids = init.copy() if init is not None else _seeds(x, k, rng)
        for _ in range(iterations):
            similarity = x @ centroids.T
            labels = similarity.argmax(axis=1)
            sums = np.zeros_like(centroids)
            np.add.at(sums, labels, x)
            for empty in np.flatnonzero(np.bincount(labels, minlength=k) == 0):
                sums[empty] = x[similarity.max(axis=1).argmin()]  # the worst-served text
            updated = _normalised(sums)
            if np.allclose(updated, centroids, atol=1e-6):
                break
            centroids = updated
        similarity = x @ centroids.T
        labels = similarity.argmax(axis=1)
        fit = float(similarity.max(axis=1).sum())
        if best is None or fit > best[0]:
            best = (fit, labels, centroids)
    assert best is not None
    return best[1], best[2]


def merged_centroids(x: np.ndarray, seed: int = 0) -> np.ndarray:
    """Centres for k chosen from the data: spherical k-means into many small clusters (one per
    :data:`MIN_CLUSTER` texts, at most ``2 × MAX_K``), then the two clusters whose centres are
    most alike are merged, again and again, while that likeness is at least
    :data:`MERGE_SIMILARITY` or more than :data:`MAX_K` clusters are left."""
    start = min(2 * MAX_K, len(x) // MIN_CLUSTER)
    if start < 2:
        return _normalised(x.sum(axis=0, keepdims=True))
    labels, _ = spherical_kmeans(x, start, seed)
    sums = [x[labels == c].sum(axis=0) for c in range(start)]
    while len(sums) > 1:
        centres = _normalised(np.stack(sums))
        similarity = centres @ centres.T
        np.fill_diagonal(similarity, -np.inf)
        i, j = np.unravel_index(int(similarity.argmax()), similarity.shape)
        if similarity[i, j] < MERGE_SIMILARITY and len(sums) <= MAX_K:
            break
        sums[i] = sums[i] + sums[j]
        del sums[j]
    return _normalised(np.stack(sums))


def cluster(vectors: np.ndarray, k: int | None = None,
            seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Cluster labels (0 = largest) and each text's cosine similarity to its centre."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    x = centred(vectors) if len(vectors) > 1 else _normalised(vectors)
    if k is None:
        seeds = merged_centroids(x, seed)
        k = len(seeds)
        labels, centroids = spherical_kmeans(x, k, seed, init=seeds)
    else:
        k = max(1, min(int(k), len(x)))
        labels, centroids = spherical_kmeans(x, k, seed)
    order = np.argsort(-np.bincount(labels, minlength=k), kind="stable")
    rank = np.empty(k, dtype=int)
    rank[order] = np.arange(k)
    similarity = (x * centroids[labels]).sum(axis=1)
    return rank[labels], similarity


def narratives(store: Store, f: Filters, encoder: Embedder | None, k: int | None = None,
               sample: int = 3000, progress: Progress | None = None,
               hoax_threshold: float = 0.5, bucket: str | None = None, seed: int = 0,
               model_version: str | None = None) -> Narratives:
    """Cluster the texts within ``f`` into narratives (see the module docstring).

    ``encoder`` computes the embeddings not stored yet (None: use stored ones only, and raise
    :class:`ModelError` if some are missing); ``progress(done, total)`` follows the encoding.
    ``bucket`` defaults to the period's (:func:`analysis.store.trends.bucket_for`).
    """
    if bucket is None:
        span = (f.end - f.start).days + 1 if f.start and f.end else 9999
        bucket = bucket_for(span)
    posts = sample_documents(store, f, sample, bucket)
    total = int(posts["total"].iloc[0]) if not posts.empty else 0
    posts = posts.drop(columns="total")
    vectors = embeddings_for(store, posts["id"].tolist(), posts["text"].tolist(), encoder,
                             model_version or embedding_version(), progress)
    labels, similarity = cluster(vectors, k, seed)
    posts["cluster"], posts["similarity"] = labels, similarity
    k_found = int(labels.max()) + 1 if len(labels) else 0
    clusters, common = _describe(posts, k_found, total, hoax_threshold)
    return Narratives(
        clusters=clusters, timeline=_timeline(posts), posts=posts, sampled=len(posts),
        total=total, bucket=bucket, k=k_found, common=common)


COMMON_SHARE = 0.5
"""A term in more than this share of the sampled texts names the period, not a narrative."""


def common_terms(counters: Sequence[Counter[str]], texts: int) -> list[str]:
    """Terms found in more than :data:`COMMON_SHARE` of all sampled texts, most frequent first
    (e.g. "vaksin" in a vaccine monitoring export): every narrative would carry them, so they
    are left out of the narratives' labels and shown once for the whole page."""
    overall: Counter[str] = Counter()
    for counter in counters:
        overall.update(counter)
    found = [(n, term) for term, n in overall.items() if n > COMMON_SHARE * texts]
    return [term for _, term in sorted(found, key=lambda pair: (-pair[0], pair[1]))]


def _describe(posts: pd.DataFrame, k: int, total: int,
              threshold: float) -> tuple[pd.DataFrame, list[str]]:
    """One row per cluster (see :class:`Narratives`), and the common terms left out of their
    labels."""
    groups = [posts[posts["cluster"] == c] for c in range(k)]
    counters: list[Counter[str]] = [document_frequency(g["text"])[0] for g in groups]
    common = common_terms(counters, len(posts)) if k > 1 else []
    top = class_tfidf(counters, top=5, exclude=set(common))
    fallback = class_tfidf(counters, top=5, min_count=1, exclude=set(common))
    # a cluster of common words only is still labelled, by them
    anything = class_tfidf(counters, top=5, min_count=1) if common else fallback
    rows = []
    for c, group in enumerate(groups):
        terms = top[c] or fallback[c] or anything[c]
        labelled = group["sentiment"].dropna()
        scored = group["hoax_score"].dropna()
        examples = group.sort_values(["similarity", "id"], ascending=[False, True])
        examples = examples.drop_duplicates("text").head(EXAMPLES)
        rows.append({
            "cluster": c, "label": " · ".join(terms[:4]), "terms": terms, "size": len(group),
            "share": len(group) / len(posts),
            "estimated": round(len(group) / len(posts) * total),
            "labelled": len(labelled),
            **{s: float((labelled == s).mean()) if len(labelled) else 0.0
               for s in SENTIMENT_COLUMNS},
            "hoax_share": float((scored >= threshold).mean()) if len(scored) else 0.0,
            "examples": examples[["id", "text", "author", "platform", "local_time", "url"]]
            .to_dict("records"),
        })
    columns = ["cluster", "label", "terms", "size", "share", "estimated", "labelled",
               *SENTIMENT_COLUMNS, "hoax_share", "examples"]
    return pd.DataFrame(rows, columns=columns), common


def _timeline(posts: pd.DataFrame) -> pd.DataFrame:
    counts = posts.groupby(["bucket", "cluster"]).size().rename("n").reset_index()
    counts["share"] = counts["n"] / counts.groupby("bucket")["n"].transform("sum")
    return counts.sort_values(["bucket", "cluster"], ignore_index=True)
