"""Sentiment scoring throughput: Pantau's engine against ``transformers.pipeline``, same texts,
same model, one process.

* **naive**: ``transformers.pipeline("text-classification")`` on the built-in sentiment model
  (the same ``PantauSentimentModel`` object the engine runs), called one text at a time. It is
  handed the model's exact inputs (``query: `` + normalised text), prepared before the clock
  starts, so the naive side does strictly less work.
* **engine**: ``BuiltinSentiment.predict`` — normalisation, deduplication, length-sorted batches
  with per-batch padding, ``torch.inference_mode()``, all cores — in float32, and with the
  encoder layers quantised to int8 (``PANTAU_QUANTIZE=int8``; its macro-F1 is checked by
  ``pantau evaluate sentiment``). The ratio is the int8 engine against the float32 pipeline.

The texts are a realistic mix: short YouTube comments and tweets from the demo exports, and
long news-style narratives (``data/hoax/hoax_news_train.csv``), with about a third repeats. The
result also gives the achieved GFLOP/s of the engine (≈ 2 × non-embedding parameters × tokens
it ran) as a share of this machine's matrix-multiply rate, measured here with a large fp32
``torch.mm``.

Run: ``.venv/bin/python benchmarks/scoring.py [--n 600] [--json]``
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.models.registry import load_sentiment  # noqa: E402
from analysis.models.sentiment import BuiltinSentiment  # noqa: E402
from analysis.settings import DATA_DIR, load_settings  # noqa: E402
from benchmarks.report import print_result  # noqa: E402


def sample_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` texts: two thirds distinct (40 % tweets, 40 % comments, 20 % long narratives), the
    remaining third repeats of them."""
    tweets = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv", dtype=str)["content"]
    comments = pd.read_csv(DATA_DIR / "demo" / "youtube_comments_2025.csv", dtype=str)["text"]
    articles = pd.read_csv(DATA_DIR / "hoax" / "hoax_news_train.csv", dtype=str)["narasi"]
    rng = np.random.default_rng(seed)
    distinct = (2 * n) // 3
    sizes = [distinct * 2 // 5, distinct * 2 // 5]
    sizes.append(distinct - sum(sizes))
    pool = pd.concat([
        source.dropna().drop_duplicates().sample(size, random_state=seed)
        for source, size in zip((tweets, comments, articles), sizes, strict=True)
    ])
    texts = pool.tolist()
    texts += [texts[i] for i in rng.integers(0, len(texts), n - len(texts))]
    rng.shuffle(texts)
    return texts


def matmul_gflops(size: int = 2048, repeats: int = 5) -> float:
    """This machine's fp32 matrix-multiply rate (best of ``repeats``), in GFLOP/s."""
    import torch

    a, b = torch.randn(size, size), torch.randn(size, size)
    torch.mm(a, b)
    best = min(_timed(lambda: torch.mm(a, b)) for _ in range(repeats))
    return 2 * size**3 / best / 1e9


def _timed(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def naive(scorer: BuiltinSentiment, texts: list[str]) -> float:
    from transformers import pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity(logging.CRITICAL)  # "PantauSentimentModel is not supported": it runs
    classify = pipeline("text-classification", model=scorer.model,
                        tokenizer=scorer.encoder.tokenizer, device=scorer.encoder.device)
    prepared = scorer.prepare(texts)
    classify(prepared[0], truncation=True, max_length=scorer.max_length, top_k=None)
    start = time.perf_counter()
    for text in prepared:
        classify(text, truncation=True, max_length=scorer.max_length, top_k=None)
    return time.perf_counter() - start


def engine_tokens(scorer: BuiltinSentiment, texts: list[str]) -> int:
    """Tokens the engine runs through the encoder: distinct prepared texts, truncated."""
    unique = list(dict.fromkeys(scorer.prepare(texts)))
    ids = scorer.encoder.tokenizer(unique, truncation=True, max_length=scorer.max_length)
    return sum(len(i) for i in ids["input_ids"])


def layer_params(scorer: BuiltinSentiment) -> int:
    """Non-embedding weights per token (from the config: quantised layers hide theirs)."""
    c = scorer.model.config
    return int(c.num_hidden_layers * (4 * c.hidden_size**2 + 2 * c.hidden_size
                                      * c.intermediate_size))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600, help="texts to score (default 600)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    settings = replace(load_settings(), quantize="none")
    scorer = load_sentiment(settings)
    if not isinstance(scorer, BuiltinSentiment):
        raise SystemExit("The benchmark measures the built-in model; unset PANTAU_SENTIMENT_MODEL")
    quantised = BuiltinSentiment(scorer.encoder, scorer.artefact, quantize="int8")
    texts = sample_texts(args.n)
    scorer.predict(texts[:32])  # warm-up
    quantised.predict(texts[:32])
    t_naive = naive(scorer, texts)
    t_fp32 = _timed(lambda: scorer.predict(texts))
    t_int8 = _timed(lambda: quantised.predict(texts))
    flops = 2 * layer_params(scorer) * engine_tokens(scorer, texts)
    peak = matmul_gflops()
    result = {
        "texts": len(texts), "distinct": len(set(texts)),
        "naive_pipeline_texts_per_s": round(len(texts) / t_naive, 1),
        "engine_fp32_texts_per_s": round(len(texts) / t_fp32, 1),
        "engine_int8_texts_per_s": round(len(texts) / t_int8, 1),
        "ratio_fp32": round(t_naive / t_fp32, 2),
        "ratio_int8": round(t_naive / t_int8, 2),
        "engine_fp32_gflop_s": round(flops / t_fp32 / 1e9, 1),
        "engine_int8_gop_s": round(flops / t_int8 / 1e9, 1),
        "matmul_fp32_gflop_s": round(peak, 1),
        "share_of_matmul_fp32": round(flops / t_fp32 / 1e9 / peak, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "device": scorer.encoder.device, "threads": torch_threads(),
        "batch_size": settings.batch_size, "max_length": settings.max_length,
        "model": scorer.model_version,
    }
    print_result(result, args.json)


def torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


if __name__ == "__main__":
    main()
