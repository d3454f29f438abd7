"""Fitting the claim matcher's hybrid score (:class:`analysis.signals.matching.MatchParams`):
the BM25 part, the e5 cosine and the spelling part of each evaluation text against the bank,
a logistic regression telling a text's source claim from the other candidates, and Platt
scaling of the top hit. :mod:`analysis.training.claim_eval` builds the evaluation set, runs
this and measures the result."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.signals.matching import ClaimMatcher, MatchParams, top_k


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    """Bias and weights of a logistic regression (Newton's method; the small ridge keeps them
    finite when the classes separate)."""
    design = np.column_stack([np.ones(len(x)), x]).astype(np.float64)
    w = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        grad = design.T @ (p - y) + ridge * w
        hess = (design * (p * (1 - p))[:, None]).T @ design + ridge * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


@dataclass(frozen=True)
class EvalFeatures:
    """BM25 part and cosine of every evaluation text against every claim, and the labels; the
    spelling part is worked out per (text, claims) when needed (:meth:`spelling`)."""

    bm25: np.ndarray
    cosine: np.ndarray
    source: np.ndarray
    tuning: np.ndarray
    texts: list[str]
    matcher: ClaimMatcher

    def spelling(self, i: int, rows: np.ndarray) -> np.ndarray:
        return self.matcher.spelling(self.texts[i], rows)


def eval_features(matcher: ClaimMatcher, eval_set: pd.DataFrame,
                  queries: np.ndarray) -> EvalFeatures:
    rows = {claim_id: i for i, claim_id in enumerate(matcher.claims["id"])}
    texts = eval_set["text"].tolist()
    pairs = [matcher.features(t, q) for t, q in zip(texts, queries, strict=True)]
    return EvalFeatures(np.stack([b for b, _ in pairs]), np.stack([c for _, c in pairs]),
                        np.array([rows.get(c, -1) for c in eval_set["claim_id"]]),
                        (eval_set["split"] == "tuning").to_numpy(), texts, matcher)


def fit_hybrid(f: EvalFeatures, candidates: int = 20) -> np.ndarray:
    """(bias, w_bm25, w_cosine, w_spelling), tuning half only, in two steps.

    1. Ranking: a logistic regression telling a text's source claim from the other
       candidates (its ``candidates`` best claims by BM25 part and by cosine).
    2. Calibration: a one-feature logistic regression of "the top hit is right" on the top
       hit's linear score (Platt scaling), over positives and negatives alike, the top hit
       ranked as :meth:`ClaimMatcher.ranked` ranks it. So the hybrid reads as the probability
       that a text's top hit is the claim it repeats.
    """
    x: list[np.ndarray] = []
    y: list[np.ndarray] = []
    for i in np.flatnonzero(f.tuning):
        pool = np.array(sorted(set(top_k(f.bm25[i], candidates))
                               | set(top_k(f.cosine[i], candidates))))
        x.append(np.column_stack([f.bm25[i, pool], f.cosine[i, pool], f.spelling(int(i), pool)]))
        y.append((pool == f.source[i]).astype(float))
    w = fit_logistic(np.concatenate(x), np.concatenate(y))
    top, best = ranked_top(f, MatchParams(0.0, w[1], w[2], 0.5, 0.5, w_spelling=w[3]), 1)
    right = (top[:, 0] == f.source) & (f.source >= 0)
    a = fit_logistic(best[f.tuning, 0, None], right[f.tuning].astype(float))
    return np.array([a[0], a[1] * w[1], a[1] * w[2], a[1] * w[3]])


def ranked_top(f: EvalFeatures, params: MatchParams, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each text's ``k`` best claims as the matcher with ``params`` ranks them, and their
    linear parts (without the bias)."""
    ranked = [f.matcher.ranked(text, f.bm25[i], f.cosine[i], k, params)
              for i, text in enumerate(f.texts)]
    return np.stack([best for best, _, _ in ranked]), np.stack([lin for _, _, lin in ranked])


def hybrid_scores(f: EvalFeatures, params: MatchParams, k: int = 5) -> np.ndarray:
    """The hybrid score of each text's ``k`` best claims, in an (n × claims) matrix that is 0
    elsewhere (what :func:`measure` reads)."""
    top, linear = ranked_top(f, params, k)
    scores = np.zeros_like(f.cosine)
    np.put_along_axis(scores, top, 1.0 / (1.0 + np.exp(-(params.bias + linear))), axis=1)
    return scores
