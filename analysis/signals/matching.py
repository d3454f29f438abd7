"""Claim matching: which fact-check bank entries a post repeats, by words and by meaning.

Two views of similarity, each blind where the other sees:

* **BM25** over the claims' passages (title + start of the claimed text) finds posts that reuse
  a claim's rare words (names, places, numbers) however loosely phrased, and misses
  misspellings. :func:`tokenize` lower-cases, maps slang to standard forms
  (:func:`analysis.text.normalize.informal_to_standard`), drops links, mentions and the stopwords in
  ``data/lexicons/stopwords_id.txt``. Raw BM25 grows with the length of the post, so the
  lexical part is made comparable across posts and claims: the harmonic mean of two coverages,
  each BM25 divided by a *ceiling* (every distinct term matched at saturation) — of the post
  (how much of the post the claim explains; words the bank never saw count at the rarest idf)
  and of the claim's title (how much of the claim the post says, capped at 1). One shared word
  ("vaksin", "gibran") covers a short post fully but a claim title only in part, and the
  harmonic mean keeps such one-sided overlaps low.
* **Cosine** of e5 embeddings (``query: `` post, ``passage: `` claim) survives typos and
  paraphrase, but is compressed (unrelated Indonesian texts reach 0.8) and driven by topic.
* **Spelling**: how much of the claim title's letters the post shares, as the idf-weighted
  Dice coefficient of the two sets of character 3–5-grams (of BM25 terms, word boundaries
  marked). It sees what BM25's whole words miss — "baracun" for "beracun", "dijulukin" for
  "dijuluki", "vaksinnya" for "vaksin", "Cino" for "China" — and is worked out only for the
  :data:`SPELLING_POOL` best claims by the other two parts, so its cost does not grow with
  the bank. Fitted with the other two (:func:`analysis.training.hybrid_fit.fit_hybrid`), it
  put the right claim first for 0.921 of the hand-written rewordings' tune part (was 0.895)
  and in the top three for 0.989 of the train part (was 0.977)
  (``data/hoax/claim_relations_eval.csv``); on the generated set's test half, recall@1 went
  from 0.995 to 0.997.

The hybrid score is ``sigmoid(bias + w_bm25 · lexical + w_cosine · cosine + w_spelling ·
spelling)``, fitted on the tuning half of the evaluation set
(:func:`analysis.training.claim_eval.fit_matcher`): the probability that a text's top hit is
the claim it repeats. Two thresholds on the top hit's
score, stored with the weights in ``data/models/matching.json``: ``cocok`` (a confirmed match)
and ``mirip`` (a suggestion for a person to check).

BM25 is kept as term → (claim, weight) posting lists in numpy arrays, so a query touches only
the postings of its own terms: 0.6 ms at the median on a 100,000-claim bank, of 8 ms for a
whole match (18 ms while a training job held both cores), most of it the cosine scan
(``benchmarks/matching.py``). Stripping the particles
-nya/-lah/-kah/-pun was tried: none of the hybrid's test figures moved by 0.005, so there is no
stemming.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.settings import DATA_DIR
from analysis.signals.claim_files import claim_passage
from analysis.text.normalize import informal_to_standard, without_shortcodes
from analysis.vocabulary import Verdict

STOPWORDS_FILE = DATA_DIR / "lexicons" / "stopwords_id.txt"
MATCHING_FILE = DATA_DIR / "models" / "matching.json"
_LINK = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@])@\w{1,30}", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+")
_BATCH = 64
SPELLING_GRAMS = (3, 4, 5)
SPELLING_POOL = 50
"""How many of a post's best claims by BM25 and cosine get a spelling part: the right claim was
among the 50 best for every rewording of the evaluation set (recall@50 = 1.0)."""


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The Indonesian stopword list (one word a line, ``#`` comments)."""
    lines = STOPWORDS_FILE.read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def tokenize(text: str) -> list[str]:
    """BM25 terms of ``text``: standard spelling, lower case, no links, mentions, emoji
    shortcodes, stopwords or one-character tokens."""
    standard = informal_to_standard(_LINK.sub(" ", without_shortcodes(text))).lower()
    stop = stopwords()
    return [t for t in _TOKEN.findall(standard) if len(t) > 1 and t not in stop]


def spelling_grams(text: str) -> frozenset[str]:
    """The character :data:`SPELLING_GRAMS` of ``text``'s BM25 terms, each term between
    spaces (so a gram can mark a word's start or end)."""
    out: set[str] = set()
    for term in tokenize(text):
        padded = f" {term} "
        for n in SPELLING_GRAMS:
            out.update(padded[i:i + n] for i in range(len(padded) - n + 1))
    return frozenset(out)


class SpellingIndex:
    """The claim titles' character grams as ids (one array per title, 4 bytes a gram) and their
    idf, for the idf-weighted Dice coefficient of a post's grams and a title's."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.vocab: dict[str, int] = {}
        ids: list[int] = []
        bounds = [0]
        for title in titles:
            ids += [self.vocab.setdefault(g, len(self.vocab)) for g in spelling_grams(title)]
            bounds.append(len(ids))
        self.ids = np.array(ids, dtype=np.int32)
        self.bounds = np.array(bounds, dtype=np.int64)
        n = len(titles)
        df = np.bincount(self.ids, minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.unseen_idf = float(np.log1p((n + 0.5) / 0.5))
        owner = np.repeat(np.arange(n), np.diff(self.bounds))
        self.weight = np.bincount(owner, weights=self.idf[self.ids], minlength=n)

    def dice(self, text: str, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """The weighted Dice coefficient of ``text`` with each claim title in ``rows``:
        ``2·w(shared) / (w(post) + w(title))``, ``w`` the summed idf of a set of grams."""
        grams = spelling_grams(text)
        known = np.array([self.vocab[g] for g in grams if g in self.vocab], dtype=np.int64)
        post = float(self.idf[known].sum()) + self.unseen_idf * (len(grams) - len(known))
        mask = np.zeros(len(self.vocab), dtype=bool)
        mask[known] = True
        out = np.zeros(len(rows), dtype=np.float32)
        for k, row in enumerate(rows):
            title = self.ids[self.bounds[row]:self.bounds[row + 1]]
            total = post + float(self.weight[row])
            if total > 0:
                out[k] = 2 * float(self.idf[title[mask[title]]].sum()) / total
        return out


class BM25Index:
    """Okapi BM25 (Lucene's idf) as posting lists: for each term, the passages holding it and
    its precomputed contribution ``idf · tf(k1+1) / (tf + k1(1 - b + b·len/avglen))``."""

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.2,
                 b: float = 0.75) -> None:
        self.k1, self.b, self.n_docs = k1, b, len(documents)
        self.vocab: dict[str, int] = {}
        terms: list[int] = []
        docs: list[int] = []
        counts: list[int] = []
        for doc, tokens in enumerate(documents):
            for token, count in Counter(tokens).items():
                terms.append(self.vocab.setdefault(token, len(self.vocab)))
                docs.append(doc)
                counts.append(count)
        tf = np.array(counts, dtype=np.float32)
        lengths = np.array([len(t) for t in documents], dtype=np.float32)
        term_ids, doc_ids = np.array(terms, dtype=np.int64), np.array(docs, dtype=np.int32)
        order = np.lexsort((doc_ids, term_ids))
        term_ids, doc_ids, tf = term_ids[order], doc_ids[order], tf[order]
        df = np.bincount(term_ids, minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.unseen_idf = float(np.log1p((self.n_docs + 0.5) / 0.5))
        average = max(float(lengths.mean()), 1e-9) if len(lengths) else 1.0
        norm = k1 * (1 - b + b * lengths[doc_ids] / average)
        self.weights = (self.idf[term_ids] * tf * (k1 + 1) / (tf + norm)).astype(np.float32)
        self.docs = doc_ids
        self.indptr = np.concatenate([[0], np.cumsum(df.astype(np.int64))])

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Raw BM25 of every passage for the query ``tokens`` (repeated terms count once)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for token in set(tokens):
            term = self.vocab.get(token)
            if term is not None:
                start, end = self.indptr[term], self.indptr[term + 1]
                out[self.docs[start:end]] += self.weights[start:end]
        return out

    def ceiling(self, tokens: Sequence[str]) -> float:
        """The most any passage could score: every distinct term matched at saturation;
        unseen terms at the idf of a term no passage holds."""
        idf = [float(self.idf[self.vocab[t]]) if t in self.vocab else self.unseen_idf
               for t in set(tokens)]
        return sum(idf) * (self.k1 + 1)


@dataclass(frozen=True)
class MatchParams:
    """The fitted hybrid (``sigmoid(bias + w_bm25·bm25 + w_cosine·cosine +
    w_spelling·spelling)``) and thresholds."""

    bias: float
    w_bm25: float
    w_cosine: float
    mirip: float
    cocok: float
    w_spelling: float = 0.0

    @classmethod
    def load(cls, path: Path = MATCHING_FILE) -> MatchParams:
        """The parameters written by :func:`analysis.training.claim_eval.fit_matcher`."""
        try:
            record = json.loads(path.read_text("utf-8"))
            # a part missing from an older file (w_spelling) keeps its default
            return cls(**{k: float(v) for k, v in record["params"].items()
                          if k in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ModelError(
                f"No usable claim-matching parameters in {path} ({error}). Refit them with "
                "analysis.training.claim_eval.fit_matcher (python -m analysis.training.claim_eval "
                "--fit)."
            ) from error

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 6) for k, v in asdict(self).items()}


class Match(NamedTuple):
    """One candidate claim for one text: its row in the claims frame (``claim``) and the scores."""

    claim: int
    score: float
    bm25: float
    cosine: float
    spelling: float = 0.0


def top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, largest first (a partial sort: O(n))."""
    k = min(k, len(values))
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(values, len(values) - k)[-k:]
    return part[np.argsort(-values[part], kind="stable")]


class ClaimMatcher:
    """The bank's claims, their BM25 index and passage embeddings, and the fitted hybrid.

    ``claims`` needs ``title`` and ``content`` (the store's claims frame or
    :func:`analysis.signals.claim_files.read_turnbackhoax`); ``embeddings`` are their ``passage: ``
    embeddings, row for row (L2-normalised, as :class:`~analysis.models.encoder.Encoder` gives).
    """

    def __init__(self, claims: pd.DataFrame, embeddings: np.ndarray,
                 params: MatchParams | None = None) -> None:
        if len(claims) != len(embeddings):
            raise ValueError(f"{len(claims)} claims but {len(embeddings)} embeddings")
        self.claims = claims.reset_index(drop=True)
        self.embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
        self.params = params or MatchParams.load()
        titles = self.claims["title"].fillna("").astype(str).tolist()
        contents = self.claims["content"].fillna("").astype(str).tolist()
        passages = [tokenize(claim_passage(t, c)) for t, c in zip(titles, contents, strict=True)]
        self.index = BM25Index(passages)
        self.title_ceiling = np.array(
            [self.index.ceiling(tokenize(t) or p) for t, p in zip(titles, passages, strict=True)],
            dtype=np.float32)
        self.spelling_index = SpellingIndex(titles)

    def __len__(self) -> int:
        return len(self.claims)

    def lexical(self, text: str) -> np.ndarray:
        """The BM25 part against every claim: the harmonic mean of the post's and the claim
        title's coverage (see the module doc); computed only where a term is shared."""
        tokens = tokenize(text)
        raw = self.index.scores(tokens)
        hits = np.flatnonzero(raw)
        top = self.index.ceiling(tokens)
        out = np.zeros(len(self), dtype=np.float32)
        if top > 0 and len(hits):
            post = raw[hits] / top
            claim = np.minimum(raw[hits] / np.maximum(self.title_ceiling[hits], 1e-6), 1.0)
            out[hits] = 2 * post * claim / (post + claim)
        return out

    def features(self, text: str, query_embedding: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The BM25 part and the cosine of ``text`` against every claim."""
        return self.lexical(text), self.embeddings @ np.asarray(query_embedding, np.float32)

    def spelling(self, text: str, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """The spelling part of ``text`` against the claims in ``rows`` (see the module doc)."""
        return self.spelling_index.dice(text, rows)

    def hybrid(self, bm25: np.ndarray, cosine: np.ndarray,
               spelling: np.ndarray | float = 0.0) -> np.ndarray:
        """The fitted hybrid score of (BM25 part, cosine, spelling part) triples, in [0, 1]."""
        p = self.params
        return 1.0 / (1.0 + np.exp(-(p.bias + p.w_bm25 * bm25 + p.w_cosine * cosine
                                     + p.w_spelling * np.asarray(spelling))))

    def ranked(self, text: str, bm25: np.ndarray, cosine: np.ndarray, k: int,
               params: MatchParams | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ``k`` best claims by the hybrid's linear part (of ``params``, else the
        matcher's), best first, with their spelling parts and linear parts (without the
        bias): BM25 and cosine rank the whole bank, spelling re-ranks the
        :data:`SPELLING_POOL` best of them (none when its weight is 0)."""
        p = params or self.params
        linear = p.w_bm25 * bm25 + p.w_cosine * cosine
        if p.w_spelling == 0:
            best = top_k(linear, k)
            return best, np.zeros(len(best), dtype=np.float32), linear[best]
        pool = top_k(linear, max(k, SPELLING_POOL))
        spelling = self.spelling(text, pool)
        pooled = linear[pool] + p.w_spelling * spelling
        order = np.argsort(-pooled, kind="stable")[:k]
        return pool[order], spelling[order], pooled[order]

    def match(self, texts: Sequence[str], query_embeddings: np.ndarray,
              k: int = 5) -> list[list[Match]]:
        """The ``k`` best claims per text, best first; ``query_embeddings`` are the texts'
        ``query: `` embeddings.

        The hybrid is monotone in its linear part, so claims are ranked by that (:meth:`ranked`)
        and the sigmoid runs on the top ``k`` only. Cosines of up to 64 texts come from
        one matrix product: reading the bank's embeddings once per batch, not once per text,
        is most of the cost on a large bank.
        """
        queries = np.asarray(query_embeddings, np.float32)
        out: list[list[Match]] = []
        for start in range(0, len(texts), _BATCH):
            cosines = queries[start:start + _BATCH] @ self.embeddings.T
            for text, cosine in zip(texts[start:start + _BATCH], cosines, strict=True):
                out.append(self._top(text, cosine, k))
        return out

    def _top(self, text: str, cosine: np.ndarray, k: int) -> list[Match]:
        bm25 = self.lexical(text)
        best, spelling, _ = self.ranked(text, bm25, cosine, k)
        scores = self.hybrid(bm25[best], cosine[best], spelling)
        return [Match(int(i), float(s), float(bm25[i]), float(cosine[i]), float(sp))
                for i, s, sp in zip(best, scores, spelling, strict=True)]

    def verdict(self, score: float) -> str:
        """``cocok`` (confirmed), ``mirip`` (suggested) or ``""`` for a top hit's score."""
        if score >= self.params.cocok:
            return Verdict.COCOK
        return Verdict.MIRIP if score >= self.params.mirip else ""
