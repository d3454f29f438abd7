"""The hoax score measured where it is used — on posts, not on the narratives it learnt from —
and the combination's weights set there (``pantau train combination``, ``pantau evaluate hoax
--posts``).

The narratives (``data/hoax/hoax_news_train.csv``) carry no source and no date, so no split by
source or time exists inside them, and a random split shares both with training: the narrative
classifier's held-out AUC there (≈ 0.74) says how well it knows *those* narratives. Two honest
measures instead:

* **by topic**: the narratives are grouped into :data:`TOPICS` topics (k-means on their e5
  embeddings) and the head is refitted :data:`FOLDS` times, each time on the narratives of
  four fifths of the topics, and scored on the rest: no narrative is scored by a head that saw
  its topic (the nearest a source-free file comes to a source split);
* **on posts**: the hand-written evaluation set of the claim reader
  (``data/hoax/claim_relations_eval.csv``, written in 2026 by other hands than the narratives',
  about other claims, in social-media style): a rewording of a debunked claim is a hoax being
  spread (1); a true statement on the same topic, a denial and an unrelated post are not (0).

The combination keeps the :class:`~analysis.models.combiner.Combiner`'s form — a noisy-OR of the
claim match with a logistic regression over ``p_head`` and ``cues`` — and its weights are
fitted by maximum likelihood of that whole form (Fisher scoring, L2) on the set's ``tune`` part
(claims the reader never trained on), then measured on its ``test`` part; the intercept is
moved from the tune part's base rate to :data:`~analysis.models.combiner.DEPLOY_PRIOR`, as for
the narratives. So the narrative classifier weighs what it is worth on posts next to the claim
reader, not what it is worth on narratives alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.models.combiner import DEPLOY_PRIOR, FITTED, Combiner
from analysis.models.metrics import roc_auc
from analysis.training.hoax import out_of_fold
from analysis.training.relation_eval import evaluation_rows, read_relation_set
from analysis.vocabulary import RELATIONS, Relation

TOPICS = 20
FOLDS = 5
SEED = 13
L2 = 1.0
"""Ridge on the fitted weights (not the intercept): the tune part holds about 160 posts."""


def topic_groups(embeddings: np.ndarray, k: int = TOPICS, seed: int = SEED,
                 rounds: int = 30) -> np.ndarray:
    """A topic number per text: spherical k-means (cosine) on normalised embeddings, seeded
    with k-means++ so the same texts give the same topics."""
    x = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    centres = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        distance = 1.0 - np.max(x @ np.array(centres).T, axis=1)
        weights = np.clip(distance, 0.0, None) ** 2
        centres.append(x[rng.choice(len(x), p=weights / weights.sum())])
    c = np.array(centres)
    for _ in range(rounds):
        topic = np.argmax(x @ c.T, axis=1)
        moved = np.array([x[topic == j].mean(axis=0) if (topic == j).any() else c[j]
                          for j in range(k)])
        c = moved / np.linalg.norm(moved, axis=1, keepdims=True)
    return np.asarray(np.argmax(x @ c.T, axis=1))


def topic_holdout_auc(embeddings: np.ndarray, labels: np.ndarray, folds: int = FOLDS
                      ) -> dict[str, Any]:
    """The head's ROC AUC on narratives whose topic it never saw (module doc), next to the
    AUC of a random split of the same size, so the two can be compared in one run."""
    topic = topic_groups(embeddings)
    rng = np.random.default_rng(SEED)
    fold_of_topic = rng.permutation(TOPICS) % folds
    by_topic = out_of_fold(embeddings, labels, fold_of_topic[topic])
    by_row = out_of_fold(embeddings, labels, rng.integers(0, folds, len(labels)))
    gold = (labels == "hoax").astype(int)
    return {"topics": TOPICS, "folds": folds, "n": len(labels),
            "auc_topic_holdout": round(roc_auc(gold, by_topic), 4),
            "auc_random_split": round(roc_auc(gold, by_row), 4)}


def post_labels(rows: pd.DataFrame) -> np.ndarray:
    """1 for a post that repeats a debunked claim, 0 for the others."""
    return (rows["relation"] == Relation.REPEATS).to_numpy(dtype=int)


def fit_noisy_or(signals: dict[str, np.ndarray], labels: np.ndarray, l2: float = L2,
                 iterations: int = 100) -> tuple[float, np.ndarray]:
    """Intercept and weights (for :data:`FITTED`) maximising the likelihood of
    ``p = 1 − (1 − match)(1 − sigmoid(b + w·x))``, by Fisher scoring with a ridge on ``w``."""
    match = np.clip(np.asarray(signals["match"], dtype=float), 0.0, 1.0 - 1e-6)
    x = np.column_stack([np.ones(len(labels))] + [signals[name] for name in FITTED])
    y = np.asarray(labels, dtype=float)
    beta = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * l2
    ridge[0, 0] = 0.0
    for _ in range(iterations):
        s = 1.0 / (1.0 + np.exp(-(x @ beta)))
        p = np.clip(match + (1.0 - match) * s, 1e-9, 1 - 1e-9)
        slope = (1.0 - match) * s * (1.0 - s)  # dp/dz
        score = x.T @ ((y - p) / (p * (1 - p)) * slope) - ridge @ beta
        information = (x * (slope ** 2 / (p * (1 - p)))[:, None]).T @ x + ridge
        step = np.linalg.solve(information, score)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), beta[1:]


def fit_on_posts(signals: dict[str, np.ndarray], labels: np.ndarray,
                 prior: float = DEPLOY_PRIOR, card: dict[str, Any] | None = None) -> Combiner:
    """The combination fitted on posts (``signals`` and 0/1 ``labels`` of the tune part), with
    the intercept moved to ``prior``; coordination keeps its weight by rule."""
    intercept, weights = fit_noisy_or(signals, labels)
    return Combiner.at_prior(intercept, weights, float(np.mean(labels)), prior, {
        "fitted_on": "posts: the tune part of data/hoax/claim_relations_eval.csv",
        "match": "noisy-OR with the claim reader's probability that the post repeats a "
                 "debunked claim",
        **(card or {})})


@dataclass
class PostFigures:
    """The hoax score on posts: AUC per signal, and what share of each kind of post it flags."""

    n: int
    hoax: int
    auc: dict[str, float]
    flagged: dict[str, float]  # per relation: the share with score ≥ threshold

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "hoax": self.hoax, "auc": self.auc, "flagged": self.flagged}

    def as_text(self) -> str:
        return (f"n = {self.n} ({self.hoax} repeat a debunked claim)\n"
                + "ROC AUC: " + ", ".join(f"{k} {v}" for k, v in self.auc.items())
                + "\nflagged: " + ", ".join(f"{k} {v:.1%}" for k, v in self.flagged.items()))


def post_figures(signals: dict[str, np.ndarray], rows: pd.DataFrame, combiner: Combiner,
                 threshold: float) -> PostFigures:
    """AUC of the combined score (as deployed) and of each signal, and the share of each
    relation's posts flagged at ``threshold`` (the real posts apart): recall on repeats, false
    flags on the rest."""
    gold = post_labels(rows)
    score = combiner.score(signals)
    auc = {"combined": round(roc_auc(gold, score), 4)}
    auc |= {name: round(roc_auc(gold, signals[name]), 4) if np.ptp(signals[name]) > 0 else 0.5
            for name in ("p_head", "match", "cues")}
    relation = rows["relation"].to_numpy()
    real = (rows["style"].str.startswith("real_post").to_numpy() if "style" in rows
            else np.zeros(len(rows), dtype=bool))
    kinds = {str(r): (relation == r) & ~real for r in RELATIONS} | {"real_posts": real}
    flagged = {kind: round(float(np.mean(score[rows_of] >= threshold)), 4)
               for kind, rows_of in kinds.items() if rows_of.any()}
    return PostFigures(len(gold), int(gold.sum()), auc, flagged)


def signals_on_posts(scorer: Any, split: str) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """One part of the evaluation set, with its real posts
    (:func:`~analysis.training.relation_eval.evaluation_rows`), and the hoax signals of every
    row as ``scorer`` computes them."""
    rows = evaluation_rows(read_relation_set(), split)
    signals, _, _ = scorer.signals(rows["text"].tolist())
    return rows, signals


def train_combination(scorer: Any, narratives: dict[str, Any] | None = None,
                      ) -> tuple[Combiner, dict[str, Any]]:
    """The combination fitted on the tune part's posts and measured on the test part, beside
    the combination it replaces (``scorer.combiner``) on the same rows; ``narratives`` (the
    topic hold-out and held-out figures of the narrative classifier) go into its card."""
    tune_rows, tune = signals_on_posts(scorer, "tune")
    test_rows, test = signals_on_posts(scorer, "test")
    report: dict[str, Any] = {"narratives": narratives or {}}
    combiner = fit_on_posts(tune, post_labels(tune_rows), card={"narratives": report["narratives"]})
    threshold = scorer.threshold
    report["posts"] = {
        "tune": post_figures(tune, tune_rows, combiner, threshold).as_dict(),
        "test": post_figures(test, test_rows, combiner, threshold).as_dict(),
        "test_before": post_figures(test, test_rows, scorer.combiner, threshold).as_dict()}
    report["weights"] = {k: round(v, 4) for k, v in combiner.weights.items()}
    report["intercept"] = round(combiner.intercept, 4)
    combiner.card["posts"] = report["posts"]
    return combiner, report
