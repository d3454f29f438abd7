"""Provocation and clickbait cues: one signal of the hoax score that shows its evidence.

A cue is a stretch of text that pushes the reader to spread, fear, trust or click without a
checkable source ("SEBARKAN!!!", "dari grup sebelah", "katakan amin", "BREAKING"). Each
:class:`Cue` keeps the exact span it matched, so the dashboard can highlight the words and say
why they count. Cues are weak evidence on their own: honest posts shout too. They explain a
hoax score, they do not make one.

Where each part lives:

* :mod:`analysis.signals.cue_lexicon`: the editable lexicon (``data/lexicons/provocation.csv``),
  its validation and the context rules (negation, separated passive, linked authority);
* :mod:`analysis.signals.cue_phrases`: the phrase patterns and the informal spellings they
  tolerate;
* :mod:`analysis.signals.cue_typography`: the rules computed in code (capitals, "!!!", "?!",
  siren emoji) and the :class:`Cue` record;
* here: finding the cues of a text and scoring them.

Overlaps: cues never overlap. Lexicon hits come first (of two that overlap the heavier wins,
then the longer, then the earlier), then punctuation and emoji, then capital runs in what is
left. :func:`find_cues` returns them in text order.

Score: ``cue_score = 1 - prod(1 - w)`` over distinct cue ids (a noisy-OR), in [0, 1]. Repeating
one cue adds nothing, every new cue raises the score, and weak cues stay weak together (three
cues of 0.15 give 0.39).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

import pandas as pd

from analysis.signals.cue_lexicon import (
    CATEGORIES,
    COLUMNS,
    CueEntry,
    CueLexicon,
    default_lexicon,
)
from analysis.signals.cue_phrases import SPELLINGS
from analysis.signals.cue_typography import (
    TYPO_CATEGORY,
    TYPO_RULES,
    Cue,
    TypoRule,
    caps_cues,
    mark_cues,
    siren_cues,
)

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "SPELLINGS",
    "TYPO_CATEGORY",
    "TYPO_RULES",
    "Cue",
    "CueEntry",
    "CueLexicon",
    "TypoRule",
    "cue_score",
    "default_lexicon",
    "find_cues",
    "score_texts",
]


def _non_overlapping(candidates: list[Cue], taken: list[Cue]) -> list[Cue]:
    """``taken`` plus the candidates that overlap nothing kept: heaviest, longest, leftmost."""
    kept = list(taken)
    for cue in sorted(candidates, key=lambda c: (-c.weight, c.start - c.end, c.start)):
        if all(cue.end <= k.start or cue.start >= k.end for k in kept):
            kept.append(cue)
    return kept


def find_cues(text: str, lexicon: CueLexicon | None = None) -> list[Cue]:
    """Every cue in ``text``, non-overlapping, in text order, each with its exact span."""
    lexicon = lexicon or default_lexicon()
    cues = _non_overlapping(lexicon.lexical_cues(text), [])
    cues = _non_overlapping(mark_cues(text) + siren_cues(text), cues)
    cues += caps_cues(text, cues)
    return sorted(cues, key=lambda c: c.start)


def cue_score(cues: Iterable[Cue]) -> float:
    """``1 - prod(1 - w)`` over distinct cue ids (the highest weight per id), in [0, 1]."""
    weights: dict[str, float] = {}
    for cue in cues:
        weights[cue.id] = max(weights.get(cue.id, 0.0), cue.weight)
    return 1.0 - math.prod(1.0 - w for w in sorted(weights.values()))


def score_texts(texts: Iterable[object], lexicon: CueLexicon | None = None) -> pd.DataFrame:
    """One row per text: ``cue_score``, ``cue_count`` (hits) and ``cues`` (a JSON list of
    ``{id, category, matched, start, end}``), in input order. Repeated texts are matched once
    per call; a missing text (None, NaN) has no cues."""
    lexicon = lexicon or default_lexicon()
    memo: dict[str, tuple[float, int, str]] = {}
    rows: list[tuple[float, int, str]] = []
    for text in texts:
        key = text if isinstance(text, str) else ""
        result = memo.get(key)
        if result is None:
            cues = find_cues(key, lexicon)
            records = [c.as_record() for c in cues]
            result = (cue_score(cues), len(cues), json.dumps(records, ensure_ascii=False))
            memo[key] = result
        rows.append(result)
    return pd.DataFrame(rows, columns=["cue_score", "cue_count", "cues"])
