"""Scoring throughput: Pantau's engine against the naive way, on the same texts, in one run.

The naive way embeds one text at a time (no deduplication, no length sorting, no batching) and
applies the same sentiment head. Pantau's engine deduplicates, sorts by length, pads per batch and
runs under ``torch.inference_mode()``. The texts are a realistic mix drawn from the demo exports:
short YouTube comments and longer tweets, with the exports' own duplicates plus extra copies so
that about a third of the texts repeat.

Run: ``.venv/bin/python benchmarks/scoring.py [--n 600] [--json]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.models.heads import Head  # noqa: E402
from analysis.models.registry import SENTIMENT_HEAD_DIR, builtin_encoder  # noqa: E402
from analysis.models.sentiment import BuiltinSentiment  # noqa: E402
from analysis.settings import DATA_DIR, load_settings  # noqa: E402
from benchmarks.report import print_result  # noqa: E402


def sample_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` texts: two thirds distinct (half tweets, half comments), one third repeats."""
    tweets = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv", dtype=str)["content"]
    comments = pd.read_csv(DATA_DIR / "demo" / "youtube_comments_2025.csv", dtype=str)["text"]
    rng = np.random.default_rng(seed)
    distinct = (2 * n) // 3
    pool = pd.concat([tweets.dropna().sample(distinct // 2, random_state=seed),
                      comments.dropna().sample(distinct - distinct // 2, random_state=seed)])
    texts = pool.tolist()
    texts += [texts[i] for i in rng.integers(0, len(texts), n - len(texts))]
    rng.shuffle(texts)
    return texts


def naive(scorer: BuiltinSentiment, texts: list[str]) -> float:
    encoder = scorer.encoder
    start = time.perf_counter()
    for text in texts:
        encoder._cache.clear()
        vector = encoder._embed_unique(["query: " + text], None)
        scorer.head.predict_proba(vector)
    return time.perf_counter() - start


def engine(scorer: BuiltinSentiment, texts: list[str]) -> float:
    scorer.encoder._cache.clear()
    start = time.perf_counter()
    scorer.predict(texts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600, help="texts to score (default 600)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    settings = load_settings()
    scorer = BuiltinSentiment(builtin_encoder(settings), Head.load(SENTIMENT_HEAD_DIR))
    texts = sample_texts(args.n)
    engine(scorer, texts[:32])  # warm-up
    t_naive, t_engine = naive(scorer, texts), engine(scorer, texts)
    result = {
        "texts": len(texts), "distinct": len(set(texts)),
        "naive_texts_per_s": round(len(texts) / t_naive, 1),
        "engine_texts_per_s": round(len(texts) / t_engine, 1),
        "ratio": round(t_naive / t_engine, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "device": scorer.encoder.device, "batch_size": settings.batch_size,
        "max_length": settings.max_length,
    }
    print_result(result, args.json)


if __name__ == "__main__":
    main()
