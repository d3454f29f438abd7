"""Distinctive terms: what words set one group of texts apart from another.

Two scorings, both over *document frequencies* (a text counts a term once, so one long article
or one account repeating itself cannot carry a term alone):

* :func:`log_odds` compares a target group with a background (a spike's bucket with the
  buckets before it): the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
  and Quinn 2008, "Fightin' Words"), divided by its standard error. Rare words get no credit
  for a single occurrence, and frequent words are not favoured just for being frequent.
* :func:`class_tfidf` labels several groups at once (narrative clusters): c-TF-IDF as in
  BERTopic, a term's frequency inside the group times ``log(1 + A / f)`` where ``A`` is the
  average number of terms per group and ``f`` the term's frequency over all groups.

Texts become terms through :func:`terms`: Pantau's normaliser spells slang out
(``gak`` → ``tidak``), hashtags keep their words, links, mentions, numbers, one-letter tokens,
laughter (``wkwk``, ``hahaha``) and the Indonesian stopwords of
``data/lexicons/stopwords_id.txt`` (plus :data:`EXTRA_STOPWORDS`) are dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.signals.matching import stopwords
from analysis.text.normalize import informal_to_standard

_NOISE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w@])@\w{1,30}|&\w+;", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W\d_]+)*")
EXTRA_STOPWORDS = frozenset({
    "rt", "amp", "http", "https", "www", "com", "co", "id", "html", "user", "via", "nya",
    "abang", "bang", "bg", "om", "bro", "sis", "gan", "min", "mas", "mbak", "bund",
    "the", "and", "of", "to", "is", "in", "it", "you", "for", "this", "that", "on", "with",
    "just", "so", "what", "iya", "ya", "yaa", "yah", "deh", "dong", "sih", "kok", "loh", "lho",
})
"""Social-media debris, forms of address common in comments, and English function words: none
is in the stopword list of standard Indonesian, and none says what a text is about."""
_LAUGHTER = re.compile(r"^(?:w+k+)+w*$|^(?:h+[aeiou]+){2,}h*$|^(?:x+i+)+x*$|^ng?akak\w*$"
                       r"|^mengakak$|^lol+$|^lmao+$")
"""Laughter in its spellings: wkwk, hahahaa, hehe, hihi, huhu, xixi, ngakak, mengakak, lol."""


def terms(text: str) -> list[str]:
    """The content words of ``text`` in standard spelling, lower case, in order."""
    standard = informal_to_standard(_NOISE.sub(" ", text or "")).lower()
    stop = stopwords()
    return [t for t in _TOKEN.findall(standard) if len(t) > 1 and t not in stop
            and t not in EXTRA_STOPWORDS and not _LAUGHTER.match(t)]


def document_frequency(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """How many of ``texts`` contain each term, and how many texts there were."""
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        counts.update(set(terms(text)))
        n += 1
    return counts, n


def log_odds(target: Counter[str], background: Counter[str], top: int = 10,
             min_count: int = 2, prior: float = 100.0, min_z: float = 1.0) -> pd.DataFrame:
    """Terms over-represented in ``target`` against ``background``, strongest first.

    Both are document-frequency counters. The prior is the pooled frequency of each term,
    worth ``prior`` pseudo-counts in all (α0 = 100): enough to keep a term seen in two texts
    from outranking one seen in forty, weak enough not to swamp a bucket of 50 texts (an α0
    that grows with the vocabulary, tried first, flattened every z on the demo tweets below
    1.5). Returns ``term``, ``n`` (target texts with the term), ``background_n`` and ``z``
    (the log-odds ratio over its standard error); only terms found in at least ``min_count``
    target texts with z ≥ ``min_z`` (a loose cut: the ranking is what explains a spike).
    """
    columns = ["term", "n", "background_n", "z"]
    pooled = target + background
    if not target or not pooled:
        return pd.DataFrame(columns=columns)
    total_pooled = sum(pooled.values())
    alpha0 = prior
    n_target, n_background = sum(target.values()), sum(background.values())
    rows = []
    for term, y_t in target.items():
        if y_t < min_count:
            continue
        y_b = background.get(term, 0)
        alpha = alpha0 * pooled[term] / total_pooled
        delta = (math.log((y_t + alpha) / (n_target + alpha0 - y_t - alpha))
                 - math.log((y_b + alpha) / (n_background + alpha0 - y_b - alpha)))
        z = delta / math.sqrt(1.0 / (y_t + alpha) + 1.0 / (y_b + alpha))
        if z >= min_z:
            rows.append((term, y_t, y_b, z))
    rows.sort(key=lambda row: (-row[3], row[0]))
    return pd.DataFrame(rows[:top], columns=columns)


def class_tfidf(groups: Sequence[Counter[str]], top: int = 5, min_count: int = 2,
                exclude: set[str] | frozenset[str] = frozenset()) -> list[list[str]]:
    """The ``top`` c-TF-IDF terms of each group (document-frequency counters), best first.

    A term must occur in at least ``min_count`` texts of the group to label it, and not be
    in ``exclude``.
    """
    overall: Counter[str] = Counter()
    for group in groups:
        overall.update(group)
    average = sum(overall.values()) / max(len(groups), 1)
    labels = []
    for group in groups:
        size = sum(group.values()) or 1
        weights = [(count / size * math.log(1 + average / overall[term]), term)
                   for term, count in group.items()
                   if count >= min_count and term not in exclude]
        weights.sort(key=lambda pair: (-pair[0], pair[1]))
        labels.append([term for _, term in weights[:top]])
    return labels
