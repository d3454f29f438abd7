"""Real posts that repeat no bank claim: the demo tweets and comments and SmSA reviews, the
negatives of claim matching's evaluation sets and of the claim reader's training.

Each post belongs to one part for good (:func:`real_post_part`, by a hash of its text): the
claim reader trains only on ``train`` posts, fits its thresholds with ``tune`` posts and is
measured on ``test`` posts, so a false flag measured on a real post is one it never saw.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from analysis.settings import DATA_DIR
from analysis.text.keys import text_hash

SEED = 2026
NEGATIVE_SOURCES = (
    ("tweet", DATA_DIR / "demo" / "vaccine_tweets_2021.csv", "content", 0.4),
    ("comment", DATA_DIR / "demo" / "youtube_comments_2025.csv", "text", 0.4),
    ("smsa", DATA_DIR / "sentiment" / "smsa_valid.tsv", "text", 0.2),
)
CLAIM_CORES = re.compile(r"micro ?chip|mikro ?c?hip|\bchip|magnet|luciferase|musiman|depopulasi|"
                         r"kelinci percobaan|minyak babi|bill gates", re.IGNORECASE)


def source_posts(kind: str, path: Path, column: str) -> list[str]:
    """Distinct posts of at least four words from one source, whitespace collapsed."""
    if kind == "smsa":
        frame = pd.read_csv(path, sep="\t", header=None, names=["text", "label"],
                            dtype=str, quoting=csv.QUOTE_NONE, keep_default_na=False)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = [" ".join(t.split()) for t in frame[column]]
    if kind == "tweet":
        texts = [t for t in texts if not CLAIM_CORES.search(t)]
    return [t for t in dict.fromkeys(texts) if len(t.split()) >= 4]


POST_PARTS = 8
"""Real posts are split by a hash of their text into :data:`POST_PARTS` buckets: bucket 0 is
the claim reader's ``tune`` part, bucket 1 its ``test`` part, the rest may be trained on."""


def real_post_part(text: str) -> str:
    """``train``, ``tune`` or ``test``: which part of the claim reader's data a real post is."""
    bucket = int(text_hash(text)[:8], 16) % POST_PARTS
    return {0: "tune", 1: "test"}.get(bucket, "train")


def real_posts(part: str, n: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``n`` real posts (text, kind) of one part (:func:`real_post_part`) in the
    :data:`NEGATIVE_SOURCES` shares, unwrapped, in a seeded order: none repeats a bank claim
    (tweets naming a claim's core are left out), so every one is a negative."""
    out: list[tuple[str, str]] = []
    for kind, path, column, share in NEGATIVE_SOURCES:
        size = round(n * share) if kind != NEGATIVE_SOURCES[-1][0] else n - len(out)
        keyed = sorted((text_hash(f"{seed}:{t}"), t) for t in source_posts(kind, path, column)
                       if real_post_part(t) == part)
        out += [(text, kind) for _, text in keyed[:size]]
    return out
