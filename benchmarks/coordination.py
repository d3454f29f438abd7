"""Coordinated-posting detection throughput on generated posts.

The posts (id, author, text, published_at over 90 days, 200,000 accounts) mix, by share:

- 76% texts of their own: two or three runs of 4–10 words spliced from different demo texts
  (``data/demo/*.csv``), so they read like the real thing and share its phrases, but are unique;
- 12% lightly edited copies of a demo text at random times (a typo, an emoji, a mention, a
  dropped word): near-duplicate groups that are mostly not coordinated;
- 8% retweets (``RT @user: `` and a demo text) and 2% texts too short to compare;
- about 2% in injected bursts: a spliced text posted, lightly edited, by 5–40 accounts within
  2–30 minutes. ``bursts_detected`` counts those found as a cluster (at least 3 of their posts
  in one), ``bursts_complete`` those found whole (all their posts in one cluster).

:func:`analysis.signals.coordination.find_clusters` runs in a child process on the generated
posts, so ``peak_rss_mb`` is its own (the posts included, the generator not).

Run: ``.venv/bin/python benchmarks/coordination.py [--rows 1000000] [--json]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.settings import DATA_DIR  # noqa: E402
from benchmarks.report import print_result  # noqa: E402

START = pd.Timestamp("2025-05-01", tz="UTC")
EMOJI = ["😂", "🙏", "👍", "😡", "🔥", "🇮🇩", "😭", "👏🏻"]
SHORT = ["mantap pak", "setuju", "hoax itu", "semangat terus pak polisi", "aamiin"]


def _pool() -> list[list[str]]:
    comments = pd.read_csv(DATA_DIR / "demo" / "youtube_comments_2025.csv", dtype=str)["text"]
    tweets = pd.read_csv(DATA_DIR / "demo" / "vaccine_tweets_2021.csv", dtype=str)["content"]
    texts = pd.concat([comments, tweets]).dropna().str.split()
    return [words for words in texts if 6 <= len(words) <= 80]


def _splice(pool: list[list[str]], rng: np.random.Generator) -> str:
    parts = []
    for _ in range(int(rng.integers(2, 4))):
        words = pool[int(rng.integers(len(pool)))]
        size = int(rng.integers(4, 11))
        start = int(rng.integers(max(1, len(words) - size)))
        parts += words[start : start + size]
    return " ".join(parts)


def _edit(words: list[str], rng: np.random.Generator) -> str:
    """A copy with one small change, as copy-paste campaigns and casual reposts make."""
    words = list(words)
    change, at = int(rng.integers(4)), int(rng.integers(len(words)))
    if change == 0 and len(words[at]) > 3:
        w = words[at]
        words[at] = w[:1] + w[2] + w[1] + w[3:]
    elif change == 1:
        words.append(EMOJI[at % len(EMOJI)])
    elif change == 2:
        words.insert(0, f"@user{int(rng.integers(10**6))}")
    elif len(words) > 8:
        del words[at]
    return " ".join(words)


def generate(rows: int, seed: int = 7) -> tuple[pd.DataFrame, list[list[str]]]:
    """The posts, and the ids of each injected burst."""
    rng = np.random.default_rng(seed)
    pool = _pool()
    texts: list[str] = []
    moments: list[float] = []
    authors: list[str] = []
    bursts: list[list[str]] = []
    while len(texts) < rows * 0.02:
        base, size = _splice(pool, rng).split(), int(rng.integers(5, 41))
        first, spread = rng.uniform(0, 90 * 1440), rng.uniform(2, 30)
        bursts.append([f"p{len(texts) + k}" for k in range(size)])
        texts += [_edit(base, rng) for _ in range(size)]
        moments += list(first + np.sort(rng.uniform(0, spread, size)))
        authors += [f"@buzzer{k}" for k in rng.choice(5000, size, replace=False)]
    kinds = rng.choice(4, rows - len(texts), p=[0.776, 0.122, 0.082, 0.02])
    for kind in kinds:
        if kind == 0:
            texts.append(_splice(pool, rng))
        elif kind == 1:
            texts.append(_edit(pool[int(rng.integers(len(pool)))], rng))
        elif kind == 2:
            texts.append(f"RT @user{int(rng.integers(1000))}: " + " ".join(
                pool[int(rng.integers(len(pool)))]))  # fmt: skip
        else:
            texts.append(SHORT[int(rng.integers(len(SHORT)))])
    moments += list(rng.uniform(0, 90 * 1440, len(kinds)))
    authors += [f"warga{k}" for k in rng.zipf(1.3, len(kinds)) % 200_000]
    posts = pd.DataFrame({
        "id": [f"p{n}" for n in range(rows)], "author": authors, "text": texts,
        "published_at": START + pd.to_timedelta(np.round(moments, 3), unit="min"),
    })  # fmt: skip
    return posts.sample(frac=1.0, random_state=seed, ignore_index=True), bursts


def run(path: Path, bursts_path: Path) -> dict[str, Any]:
    from analysis.signals.coordination import find_clusters

    posts = pd.read_parquet(path)
    bursts = json.loads(bursts_path.read_text())
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    found = find_clusters(posts)
    seconds = time.perf_counter() - start
    cluster_of = [found.membership.set_index("id")["cluster_id"].reindex(b) for b in bursts]
    return {
        "seconds": seconds,
        "clusters": len(found.clusters),
        "member_posts": len(found.membership),
        "bursts_detected": int(sum(c.value_counts().ge(3).any() for c in cluster_of)),
        "bursts_complete": int(sum(c.notna().all() and c.nunique() == 1 for c in cluster_of)),
        "posts_loaded_rss_mb": round(loaded_mb),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def measure(rows: int, folder: Path) -> dict[str, Any]:
    posts, bursts = generate(rows)
    posts.to_parquet(folder / "posts.parquet")
    (folder / "bursts.json").write_text(json.dumps(bursts))
    command = [sys.executable, __file__, "--phase", str(folder)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    child = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "posts": rows,
        "posts_per_s": round(rows / child["seconds"]),
        "seconds": round(child["seconds"], 2),
        "injected_bursts": len(bursts),
        **{k: v for k, v in child.items() if k != "seconds"},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="posts (default 1,000,000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase = Path(args.phase)
        print(json.dumps(run(phase / "posts.parquet", phase / "bursts.json")))
        return
    with tempfile.TemporaryDirectory() as folder:
        print_result(measure(args.rows, Path(folder)), args.json)


if __name__ == "__main__":
    main()
