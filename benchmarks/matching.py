"""Claim-matching latency on a 100,000-entry bank: Pantau's matcher against a textbook loop.

* **bank**: the 1,000 real TurnBackHoax claims plus 99,000 *synthetic* entries. A synthetic
  entry recombines two real claims: the first part of one title with the rest of another
  (a word sometimes dropped), and a sentence of each one's content. Its embedding is the
  normalised mix ``0.6·e(a) + 0.4·e(b) + noise`` of the two real passage embeddings, so only
  the 1,000 real passages go through the encoder (embedding 100,000 passages takes hours on a
  small CPU). Vocabulary, posting-list lengths and the cost of the cosine scan are those of a
  real 100k bank; the synthetic entries' meaning is not, so this measures speed, not quality.
* **queries**: 500 texts of the evaluation set's test half (variants of claims and real posts).
  Their embedding is timed separately and excluded from the matching latency.
* **matcher**: ``ClaimMatcher.match`` one text at a time (the latency a single post sees:
  tokenising, BM25 part, cosine scan, hybrid, top 5), the BM25 part alone, and the same 500
  texts in one call (cosines for 64 texts from one matrix product).
* **naive**: the same hybrid computed the textbook way: BM25 and the spelling part in a
  Python loop over every passage's term counts and every title's character grams, the
  cosine by numpy, a full sort (the matcher works out spelling for its 50 best claims by
  BM25 and cosine only, so the top hits can differ where a claim outside them would win).
  Measured on the first ``--naive`` queries; the ratio compares the medians on those same
  queries, and the top hits are checked to agree.

Run: ``.venv/bin/python benchmarks/matching.py [--n 500] [--naive 40] [--json]``
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.models.registry import builtin_encoder  # noqa: E402
from analysis.settings import load_settings  # noqa: E402
from analysis.signals.claim_files import DEFAULT_BANK, claim_passage, read_turnbackhoax  # noqa: E402
from analysis.signals.matching import ClaimMatcher, spelling_grams, tokenize  # noqa: E402
from analysis.training.claim_eval import read_eval_set  # noqa: E402
from benchmarks.report import print_result  # noqa: E402

BANK_SIZE = 100_000


def synthetic_bank(claims: pd.DataFrame, real: np.ndarray, size: int,
                   seed: int = 11) -> tuple[pd.DataFrame, np.ndarray]:
    """``claims`` plus ``size - len(claims)`` recombined entries and their mixed embeddings."""
    rng = random.Random(seed)
    titles, contents = claims["title"].tolist(), claims["content"].fillna("").tolist()
    pairs = [(rng.randrange(len(titles)), rng.randrange(len(titles)))
             for _ in range(size - len(claims))]
    rows = [_recombine(titles[a], titles[b], contents[a], contents[b], rng) for a, b in pairs]
    noise = np.random.default_rng(seed).normal(0, 0.01, (len(pairs), real.shape[1]))
    left, right = np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])
    mixed = 0.6 * real[left] + 0.4 * real[right] + noise
    mixed /= np.linalg.norm(mixed, axis=1, keepdims=True)
    synthetic = pd.DataFrame(rows, columns=["title", "content"])
    bank = pd.concat([claims[["title", "content"]], synthetic], ignore_index=True)
    return bank, np.vstack([real, mixed]).astype(np.float32)


def _recombine(title_a: str, title_b: str, content_a: str, content_b: str,
               rng: random.Random) -> tuple[str, str]:
    a, b = title_a.split(), title_b.split()
    words = a[: max(1, len(a) // 2)] + b[len(b) // 2:]
    if len(words) > 4 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    return " ".join(words), f"{_sentence(content_a, rng)} {_sentence(content_b, rng)}"


def _sentence(content: str, rng: random.Random) -> str:
    sentences = [s for s in content.split(". ") if s.strip()]
    return rng.choice(sentences) if sentences else ""


def percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {"p50": round(float(np.percentile(ms, 50)), 2),
            "p95": round(float(np.percentile(ms, 95)), 2)}


class NaiveMatcher:
    """The same hybrid, computed the textbook way: a Python loop over every passage."""

    def __init__(self, matcher: ClaimMatcher) -> None:
        self.m = matcher
        index = matcher.index
        self.counts = [Counter(tokenize(claim_passage(t, c))) for t, c in zip(
            matcher.claims["title"], matcher.claims["content"].fillna(""), strict=True)]
        self.lengths = [sum(c.values()) for c in self.counts]
        self.avg = sum(self.lengths) / len(self.lengths)
        self.idf = {t: float(index.idf[i]) for t, i in index.vocab.items()}
        self.grams = [spelling_grams(t) for t in matcher.claims["title"]]
        spelling = matcher.spelling_index
        self.gram_idf = {g: float(spelling.idf[i]) for g, i in spelling.vocab.items()}
        self.unseen = spelling.unseen_idf

    def top(self, text: str, query: np.ndarray, k: int = 5) -> list[int]:
        tokens = set(tokenize(text))
        k1, b, p = self.m.index.k1, self.m.index.b, self.m.params
        ceiling = self.m.index.ceiling(list(tokens))
        cosine = self.m.embeddings @ query
        grams = spelling_grams(text)
        post_grams = sum(self.gram_idf.get(g, self.unseen) for g in grams)
        scored = []
        for doc, counts in enumerate(self.counts):
            raw = 0.0
            for t in tokens:
                tf = counts.get(t, 0)
                if tf:
                    norm = k1 * (1 - b + b * self.lengths[doc] / self.avg)
                    raw += self.idf[t] * tf * (k1 + 1) / (tf + norm)
            lexical = 0.0
            if raw > 0 and ceiling > 0:
                post = raw / ceiling
                claim = min(raw / max(float(self.m.title_ceiling[doc]), 1e-6), 1.0)
                lexical = 2 * post * claim / (post + claim)
            shared = sum(self.gram_idf[g] for g in grams & self.grams[doc])
            total = post_grams + sum(self.gram_idf[g] for g in self.grams[doc])
            spelling = 2 * shared / total if total > 0 else 0.0
            linear = (p.bias + p.w_bm25 * lexical + p.w_cosine * float(cosine[doc])
                      + p.w_spelling * spelling)
            scored.append((1 / (1 + math.exp(-linear)), doc))
        scored.sort(reverse=True)
        return [doc for _, doc in scored[:k]]


def _timed_each(work: Any, items: list[Any]) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        work(item)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="query texts (default 500)")
    parser.add_argument("--naive", type=int, default=40,
                        help="queries the naive loop runs (default 40)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    encoder = builtin_encoder(load_settings())
    claims = read_turnbackhoax(DEFAULT_BANK)
    real = encoder.embed([claim_passage(t, c) for t, c in zip(
        claims["title"], claims["content"], strict=True)], prefix="passage: ")
    bank, embeddings = synthetic_bank(claims, real, BANK_SIZE)
    start = time.perf_counter()
    matcher = ClaimMatcher(bank, embeddings)
    build_s = time.perf_counter() - start
    test = read_eval_set().query("split == 'test'")
    texts = test.sample(min(args.n, len(test)), random_state=3)["text"].tolist()
    start = time.perf_counter()
    queries = encoder.embed(texts, prefix="query: ")
    embed_ms = (time.perf_counter() - start) / len(texts) * 1000
    matcher.match(texts[:10], queries[:10])  # warm-up
    single = _timed_each(lambda i: matcher.match([texts[i]], queries[i:i + 1]),
                         list(range(len(texts))))
    lexical = _timed_each(matcher.lexical, texts)
    start = time.perf_counter()
    batched = matcher.match(texts, queries)
    batch_ms = (time.perf_counter() - start) / len(texts) * 1000
    naive = NaiveMatcher(matcher)
    few = list(range(min(args.naive, len(texts))))
    naive_s = _timed_each(lambda i: naive.top(texts[i], queries[i]), few)
    agree = np.mean([naive.top(texts[i], queries[i])[0] == batched[i][0].claim for i in few[:10]])
    engine_few, naive_few = percentiles([single[i] for i in few]), percentiles(naive_s)
    result = {
        "bank": len(bank), "real_claims": len(claims), "queries": len(texts),
        "index_build_s": round(build_s, 1), "postings": len(matcher.index.docs),
        "match_ms": percentiles(single), "bm25_part_ms": percentiles(lexical),
        "batched_ms_per_text": round(batch_ms, 2),
        "query_embedding_ms_per_text": round(embed_ms, 1),
        "naive_queries": len(few), "naive_ms": naive_few, "matcher_ms_same_queries": engine_few,
        "ratio_p50": round(naive_few["p50"] / engine_few["p50"], 1),
        "top1_agreement": float(agree),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print_result(result, args.json)


if __name__ == "__main__":
    main()
