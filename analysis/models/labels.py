"""Sentiment label names, without the models: the store, the dashboard and the data readers
need them, and importing the models would load torch and transformers (seconds)."""

from __future__ import annotations

import re

from analysis.vocabulary import SENTIMENTS, Sentiment

LABELS = [label.value for label in SENTIMENTS]
_SPELLINGS = {
    Sentiment.NEGATIVE: ("negatif", "neg"),
    Sentiment.NEUTRAL: ("netral", "neu"),
    Sentiment.POSITIVE: ("positif", "pos"),
}
_ALIASES = {
    alias: label.value for label, spellings in _SPELLINGS.items()
    for alias in (label.value, *spellings)
}
_PREFIXES = (("neg", Sentiment.NEGATIVE.value), ("neu", Sentiment.NEUTRAL.value),
             ("net", Sentiment.NEUTRAL.value), ("pos", Sentiment.POSITIVE.value))


def canonical_label(name: str) -> str | None:
    """Map a model's or a file's label name to positive / neutral / negative (None if unknown)."""
    key = re.sub(r"[^a-z]", "", str(name).lower())
    if key in _ALIASES:
        return _ALIASES[key]
    for prefix, label in _PREFIXES:
        if key.startswith(prefix):
            return label
    return None
