"""Reading a post and a bank claim together: does the post repeat the claim, deny it, only
share its topic, or neither?

Retrieval (:mod:`analysis.signals.matching`: BM25 and e5 cosines) finds the claims a post is
*about*; it cannot tell "vaksin bikin mandul, share!" from "Kemenkes: vaksin tidak membuat
mandul" — both are close to the claim in words and in meaning. The reader is a cross-encoder:
the built-in e5 encoder with LoRA adapters and a four-way head
(:mod:`analysis.training.relations` trains it), reading ``post </s> claim`` as one sequence,
so every word of the post attends to every word of the claim. It gives the probability of
each :class:`~analysis.vocabulary.Relation`; a *repeat* with enough probability is a match
(``cocok`` or ``mirip``, by the thresholds in the model's card), a *denial* links the post to
the claim as one that helps correct it, and *same topic* or *unrelated* is no evidence.

Only the few best candidates of a post are read (:data:`READ_TOP`), only for posts whose
best candidate is close enough to be worth it (:data:`READ_FROM`, an e5 cosine), and only for
posts with words enough to state a claim (:data:`READ_WORDS`): reading a pair costs about as
much as embedding a text, and on the demo YouTube comments a row of emoji shortcodes or one
word repeated ("RUWEDD RUWEDD …") was read as repeating whatever claim retrieval offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from analysis.signals.matching import tokenize
from analysis.text.normalize import without_shortcodes
from analysis.vocabulary import RELATIONS, Relation, Verdict

SEPARATOR = " </s> "
READ_TOP = 3
"""How many of a post's best retrieved claims the reader reads."""
READ_FROM = 0.80
"""The e5 cosine a post's best candidate needs before any pair is read: below it, nothing in
the bank is about the post (unrelated Indonesian texts reach 0.8 only rarely)."""
READ_WORDS = 4
"""The distinct content words (BM25 terms: no stopwords, links, mentions or emoji shortcodes) a
post needs before it is read: every rewording in the evaluation set has at least four."""


class PairClassifier(Protocol):
    """What the reader needs of a classifier: calibrated probabilities per text, in the order
    of its ``labels``."""

    labels: list[str]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


POST_WORDS = 120
"""The most words of a post read with a claim. The pair is cut to the reader's token limit
(256 by default) from its end, so a long post (a news article) would push the claim out
entirely and the reader would judge the post alone: a robotics contest report was read as
repeating "robot vaksinasi paksa". 120 words of Indonesian are about 180 tokens, which leaves
room for a claim of 40 words."""


def focus(words: list[str], claim: str) -> list[str]:
    """The :data:`POST_WORDS`-word window of a long post that shares the most BM25 terms with
    ``claim`` (the earliest such window): where a claim inside an article is stated."""
    if len(words) <= POST_WORDS:
        return words
    wanted = set(tokenize(claim))
    step = POST_WORDS // 2
    starts = list(range(0, len(words) - POST_WORDS, step)) + [len(words) - POST_WORDS]
    shared = [len(wanted & set(tokenize(" ".join(words[s:s + POST_WORDS])))) for s in starts]
    best = starts[int(np.argmax(shared))]
    return words[best:best + POST_WORDS]


def pair_text(post: str, claim: str) -> str:
    """The one sequence the cross-encoder reads for a (post, claim) pair (emoji shortcodes
    left out: they are no words); of a long post, the part about the claim (:func:`focus`)."""
    words = focus(without_shortcodes(str(post)).split(), str(claim))
    return " ".join(words) + SEPARATOR + " ".join(str(claim).split())


def can_state_a_claim(text: str) -> bool:
    """Whether ``text`` has the :data:`READ_WORDS` distinct content words a claim needs."""
    return len(set(tokenize(str(text)))) >= READ_WORDS


@dataclass(frozen=True)
class Reading:
    """What the reader made of one (post, claim) pair."""

    relation: Relation
    probabilities: dict[str, float]
    verdict: str  # "cocok", "mirip", or "" (also for any relation but repeats)

    @property
    def repeats(self) -> float:
        return self.probabilities[Relation.REPEATS]


class ClaimReader:
    """The cross-encoder behind :class:`Reading`; ``cocok`` and ``mirip`` are thresholds on
    the probability that the post repeats the claim, ``denies`` the probability a denial
    needs before the post is linked to the claim as one (below it, it only shares the topic)."""

    def __init__(self, classifier: PairClassifier, cocok: float, mirip: float,
                 version: str = "", denies: float = 0.5) -> None:
        missing = set(RELATIONS) - set(classifier.labels)
        if missing:
            raise ValueError(f"the pair classifier lacks the relations {sorted(missing)}")
        self.classifier, self.cocok, self.mirip = classifier, cocok, mirip
        self.denies = denies
        # the pair format is part of it: texts read another way are read again
        self.version = f"{version}-c{cocok:.3f}-m{mirip:.3f}-d{denies:.3f}-w{POST_WORDS}"
        self.order = [classifier.labels.index(r) for r in RELATIONS]

    def probabilities(self, posts: Sequence[str], claims: Sequence[str]) -> np.ndarray:
        """(n × 4) probabilities in :data:`~analysis.vocabulary.RELATIONS` order."""
        if not posts:
            return np.zeros((0, len(RELATIONS)))
        texts = [pair_text(p, c) for p, c in zip(posts, claims, strict=True)]
        return np.asarray(self.classifier.predict_proba(texts))[:, self.order]

    def verdict(self, repeats: float) -> str:
        if repeats >= self.cocok:
            return Verdict.COCOK
        return Verdict.MIRIP if repeats >= self.mirip else ""

    def readings(self, posts: Sequence[str], claims: Sequence[str]) -> list[Reading]:
        """One :class:`Reading` per pair."""
        out = []
        for row in self.probabilities(posts, claims):
            probs = {str(r): round(float(p), 4) for r, p in zip(RELATIONS, row, strict=True)}
            relation = RELATIONS[int(np.argmax(row))]
            if relation == Relation.DENIES and probs[Relation.DENIES] < self.denies:
                relation = Relation.SAME_TOPIC
            verdict = self.verdict(probs[Relation.REPEATS]) if relation == Relation.REPEATS else ""
            out.append(Reading(relation, probs, verdict))
        return out


def claim_record(matcher: Any, hit: Any) -> dict[str, Any]:
    """A retrieved claim as the hoax evidence keeps it, before any verdict."""
    claim = matcher.claims.iloc[hit.claim]
    return {
        "id": claim["id"], "title": claim["title"], "fact": claim.get("fact"),
        "url": claim.get("url"), "published": claim.get("published"),
        "status": claim.get("status"), "score": round(hit.score, 4),
        "similarity": round(hit.cosine, 4), "lexical": round(hit.bm25, 4),
    }


def read_candidates(reader: ClaimReader, texts: Sequence[str],
                    records: list[list[dict[str, Any]]],
                    best_cosines: Sequence[float]) -> list[list[dict[str, Any]]]:
    """Each post's retrieved claims (``records``, best first) with the reader's relation,
    verdict and ``counted`` (the repeat probability when the post repeats the claim, else 0);
    per post the read claims come first, those it repeats first (:func:`_ordered`). All pairs
    are read in one batch; a post whose best candidate is below :data:`READ_FROM`, or with
    fewer than :data:`READ_WORDS` content words, is not read and gets no verdict."""
    jobs = [(i, j) for i, cosine in enumerate(best_cosines)
            if cosine >= READ_FROM and can_state_a_claim(texts[i])
            for j in range(min(READ_TOP, len(records[i])))]
    readings = reader.readings([texts[i] for i, _ in jobs],
                               [str(records[i][j]["title"]) for i, j in jobs])
    done = dict(zip(jobs, readings, strict=True))
    return [_ordered(found, [done.get((i, j)) for j in range(len(found))])
            for i, found in enumerate(records)]


def _ordered(records: list[dict[str, Any]],
             readings: list[Reading | None]) -> list[dict[str, Any]]:
    """The read claims first: those the post repeats, the ``cocok`` ones before the others,
    each group in retrieval order (on the tuning part, ordering by the repeat probability
    alone put a wrong claim first more often than retrieval did); then the unread ones."""
    read: list[tuple[tuple[bool, bool, int], dict[str, Any]]] = []
    unread = []
    for rank, (record, reading) in enumerate(zip(records, readings, strict=True)):
        if reading is None:
            unread.append({**record, "relation": "", "verdict": "", "counted": 0.0})
            continue
        repeats = reading.relation == Relation.REPEATS
        read.append(((not repeats, reading.verdict != Verdict.COCOK, rank),
                     {**record, "relation": str(reading.relation), "p": reading.probabilities,
                      "verdict": reading.verdict,
                      "counted": reading.repeats if repeats else 0.0}))
    read.sort(key=lambda pair: pair[0])
    return [record for _, record in read] + unread
