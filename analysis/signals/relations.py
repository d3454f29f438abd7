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
READ_TOP = 2
"""How many of a post's best retrieved claims the reader reads. Three were read until
retrieval gained its spelling part; with it, reading the best two found the right claim first
more often on the tune part (recall@1 0.921 against 0.908, "cocok" precision 0.974 against
0.950, the same "cocok" recall and denial links), and each pair read costs about as much as
embedding a text."""
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


WINDOW_WORDS = 60
"""The most words of a post read with a claim at once: the reader learnt from posts of up to
54 words, and on longer texts its judgement does not hold (a 324-word report of a school
robotics contest was read as repeating "robot for forced vaccination" with probability 0.97;
each of its 40-word parts, as unrelated with 0.8-0.9). A longer post is read in windows."""
READ_WINDOWS = 2
"""How many windows of a long post are read with each claim: those sharing the most BM25 terms
with it (where an article states the claim, if it does)."""


def windows(post: str, claim: str) -> list[str]:
    """The parts of ``post`` read with ``claim``: the post itself when it is short, else the
    :data:`READ_WINDOWS` windows of :data:`WINDOW_WORDS` words (half overlapping) that share
    the most terms with the claim, in the post's order (ties: the earliest)."""
    words = without_shortcodes(str(post)).split()
    if len(words) <= WINDOW_WORDS:
        return [" ".join(words)]
    step = WINDOW_WORDS // 2
    starts = list(range(0, len(words) - WINDOW_WORDS, step)) + [len(words) - WINDOW_WORDS]
    wanted = set(tokenize(claim))
    shared = [len(wanted & set(tokenize(" ".join(words[s:s + WINDOW_WORDS])))) for s in starts]
    best = sorted(sorted(range(len(starts)), key=lambda k: -shared[k])[:READ_WINDOWS])
    return [" ".join(words[starts[k]:starts[k] + WINDOW_WORDS]) for k in best]


def strongest(readings: Sequence[Reading]) -> Reading:
    """One reading of a post from the readings of its windows: a window that repeats the claim
    (the most probable), else one that denies it, else the one most on the claim's topic."""
    repeats = [r for r in readings if r.relation == Relation.REPEATS]
    if repeats:
        return max(repeats, key=lambda r: r.repeats)
    denies = [r for r in readings if r.relation == Relation.DENIES]
    if denies:
        return max(denies, key=lambda r: r.probabilities[Relation.DENIES])
    return max(readings, key=lambda r: r.probabilities[Relation.SAME_TOPIC])


def pair_text(post: str, claim: str) -> str:
    """The one sequence the cross-encoder reads for a (post, claim) pair (emoji shortcodes
    left out: they are no words)."""
    return (" ".join(without_shortcodes(str(post)).split()) + SEPARATOR
            + " ".join(str(claim).split()))


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
        # how long posts are read, and how many of their claims, is part of it: texts read
        # another way are read again
        self.version = (f"{version}-c{cocok:.3f}-m{mirip:.3f}-d{denies:.3f}"
                        f"-w{WINDOW_WORDS}x{READ_WINDOWS}-t{READ_TOP}")
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
        "spelling": round(hit.spelling, 4),
    }


def read_candidates(reader: ClaimReader, texts: Sequence[str],
                    records: list[list[dict[str, Any]]],
                    best_cosines: Sequence[float]) -> list[list[dict[str, Any]]]:
    """Each post's retrieved claims (``records``, best first) with the reader's relation,
    verdict and ``counted`` (the repeat probability when the post repeats the claim, else 0);
    per post the read claims come first, those it repeats first (:func:`_ordered`). A long
    post is read in windows (:func:`windows`, :func:`strongest`). All pairs are read in one
    batch; a post whose best candidate is below :data:`READ_FROM`, or with
    fewer than :data:`READ_WORDS` content words, is not read and gets no verdict."""
    jobs = [(i, j) for i, cosine in enumerate(best_cosines)
            if cosine >= READ_FROM and can_state_a_claim(texts[i])
            for j in range(min(READ_TOP, len(records[i])))]
    parts = [(job, window, str(records[job[0]][job[1]]["title"])) for job in jobs
             for window in windows(texts[job[0]], str(records[job[0]][job[1]]["title"]))]
    read = reader.readings([window for _, window, _ in parts], [claim for _, _, claim in parts])
    per_job: dict[tuple[int, int], list[Reading]] = {}
    for (job, _, _), reading in zip(parts, read, strict=True):
        per_job.setdefault(job, []).append(reading)
    done = {job: strongest(readings) for job, readings in per_job.items()}
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
