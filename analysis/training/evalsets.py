"""Evaluation sets Pantau builds itself from shipped data (rebuilt and checked by the tests).

``smsa_valid_informal.tsv``: every SmSA valid sentence rewritten the way people comment
(:func:`analysis.training.augment.informal_test_variant`: slang, stretched letters, mentions, emoji,
hashtags, capitals, dropped vowels, typos, English words), same labels, seeded. Comparing a
model on it and on SmSA valid shows what informal writing costs.

Rebuild: ``.venv/bin/python -m analysis.training.evalsets``
"""

from __future__ import annotations

import csv
import random

import pandas as pd

from analysis.settings import DATA_DIR
from analysis.training.augment import informal_test_variant
from analysis.training.datasets import SMSA_VALID, load_sentiment_file

INFORMAL_VALID = DATA_DIR / "sentiment" / "smsa_valid_informal.tsv"
SEED = 2026


def build_informal_valid(valid: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Informal variants of ``valid``'s texts (one each, seeded), labels unchanged."""
    rng = random.Random(seed)
    texts = [" ".join(informal_test_variant(t, rng).split()) for t in valid["text"]]
    return pd.DataFrame({"text": texts, "label": valid["label"].to_numpy()})


def main() -> None:
    frame = build_informal_valid(load_sentiment_file(SMSA_VALID))
    frame.to_csv(INFORMAL_VALID, sep="\t", header=False, index=False,
                 quoting=csv.QUOTE_NONE, escapechar=None)
    print(f"wrote {len(frame)} rows to {INFORMAL_VALID}")


if __name__ == "__main__":
    main()
