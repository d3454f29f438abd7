"""Sentiment label names, without the models: the store, the dashboard and the data readers
need them, and importing the models would load torch and transformers (seconds)."""

from __future__ import annotations

import re

LABELS = ["negative", "neutral", "positive"]
_ALIASES = {
    "negative": "negative", "negatif": "negative", "neg": "negative",
    "neutral": "neutral", "netral": "neutral", "neu": "neutral",
    "positive": "positive", "positif": "positive", "pos": "positive",
}


def canonical_label(name: str) -> str | None:
    """Map a model's or a file's label name to positive / neutral / negative (None if unknown)."""
    key = re.sub(r"[^a-z]", "", str(name).lower())
    if key in _ALIASES:
        return _ALIASES[key]
    for prefix, label in (("neg", "negative"), ("neu", "neutral"), ("net", "neutral"),
                          ("pos", "positive")):
        if key.startswith(prefix):
            return label
    return None
