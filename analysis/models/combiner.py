"""One hoax score from several signals, with each signal's share in it.

Two kinds of evidence are combined differently:

* ``match`` — the claim matcher's score for the best *debunked* entry of the fact-check bank —
  is already a calibrated probability that the text repeats that claim (fitted on the matching
  evaluation set). A text that repeats a debunked claim is a hoax repeat, whatever its style,
  so ``match`` enters as a noisy-OR: ``score = 1 − (1 − match) · (1 − p_rest)``.
* ``p_rest = sigmoid(intercept + Σ wᵢ · xᵢ)`` is a logistic regression over the style and
  behaviour signals: ``p_head`` (the narrative classifier head), ``cues`` (provocation and
  clickbait cues) and ``coordination`` (membership of a coordinated burst). The weights of
  ``p_head`` and ``cues`` are fitted on labelled posts, with the noisy-OR of the match, by
  :mod:`analysis.training.hoax_posts` (``pantau train combination``; :meth:`Combiner.fit`
  fits them on labelled narratives alone, the first step of ``pantau train hoax``, whose
  classifier knows the narratives better than it knows posts). No labelled data shows
  coordination, so its weight is set by rule
  (:data:`COORDINATION_WEIGHT`): a burst of 14 accounts in 9 minutes (signal 0.77) adds about
  2.3 to the log-odds.

Contributions are reported in log-odds: ``wᵢ · xᵢ`` for the regression's signals and, for
``match``, how far the noisy-OR moved the log-odds (``logit(score) − logit(p_rest)``), so
``intercept + Σ contributions = logit(score)``.

The narratives are 82 % hoaxes; a monitored feed is not. The intercept is therefore shifted
from the training base rate to :data:`DEPLOY_PRIOR` (the standard prior-shift correction of
a logistic model), so that a text needs evidence, not just a hoax-like style, to be flagged.
Each item's contributions ``wᵢ · xᵢ`` are kept with its score: "mengapa skor ini?".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import ModelError

SIGNALS = ("p_head", "match", "cues", "coordination")
FITTED = ("p_head", "cues")
COORDINATION_WEIGHT = 3.0
DEPLOY_PRIOR = 0.10


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2,
                 iterations: int = 50) -> tuple[float, np.ndarray]:
    """Intercept and weights of an L2-regularised logistic regression (Newton's method)."""
    design = np.hstack([np.ones((len(x), 1)), np.asarray(x, dtype=float)])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (p - y) + penalty @ beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), beta[1:]


@dataclass
class Combiner:
    """The fitted combination (weights per signal, intercept at the deployment prior)."""

    intercept: float
    weights: dict[str, float]
    card: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def fit(cls, signals: dict[str, np.ndarray], labels: np.ndarray,
            prior: float = DEPLOY_PRIOR) -> Combiner:
        x = np.column_stack([signals[name] for name in FITTED])
        y = np.asarray(labels, dtype=float)
        intercept, weights = fit_logistic(x, y)
        return cls.at_prior(intercept, weights, float(y.mean()), prior,
                            {"match": "noisy-OR with the matcher's calibrated probability"})

    @classmethod
    def at_prior(cls, intercept: float, weights: np.ndarray, train_prior: float,
                 prior: float = DEPLOY_PRIOR, card: dict[str, Any] | None = None) -> Combiner:
        """A combination fitted at ``train_prior`` (``weights`` for :data:`FITTED`), its
        intercept moved to ``prior``; coordination keeps its weight by rule; ``card`` adds to
        the card that says how."""
        shift = _logit(prior) - _logit(train_prior)
        return cls(intercept + shift,
                   {**dict(zip(FITTED, map(float, weights), strict=True)),
                    "coordination": COORDINATION_WEIGHT},
                   {"train_prior": round(train_prior, 4), "deploy_prior": prior,
                    "prior_shift": round(shift, 4), "fitted": list(FITTED),
                    "coordination_weight": "set by rule (no labelled coordination data)",
                    **(card or {})})

    def _rest(self, signals: dict[str, np.ndarray]) -> np.ndarray:
        linear = self.intercept + sum(self.weights[name] * np.asarray(signals[name], dtype=float)
                                      for name in SIGNALS if name != "match")
        return 1.0 / (1.0 + np.exp(-np.asarray(linear, dtype=float)))

    def score(self, signals: dict[str, np.ndarray]) -> np.ndarray:
        match = np.clip(np.asarray(signals["match"], dtype=float), 0.0, 1.0)
        return 1.0 - (1.0 - match) * (1.0 - self._rest(signals))

    def contributions(self, signals: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Each signal's share of the score's log-odds (see the module doc)."""
        parts = {name: self.weights[name] * np.asarray(signals[name], dtype=float)
                 for name in SIGNALS if name != "match"}
        eps = 1e-9
        score = np.clip(self.score(signals), eps, 1 - eps)
        rest = np.clip(self._rest(signals), eps, 1 - eps)
        parts["match"] = np.log(score / (1 - score)) - np.log(rest / (1 - rest))
        return {name: parts[name] for name in SIGNALS}

    @property
    def version(self) -> str:
        import hashlib

        raw = json.dumps([round(self.intercept, 6), sorted(self.weights.items())])
        return hashlib.sha1(raw.encode()).hexdigest()[:8]

    def save(self, path: Path) -> None:
        record = {"intercept": self.intercept, "weights": self.weights,
                  "version": self.version, **self.card}
        path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: Path) -> Combiner:
        try:
            record = json.loads(path.read_text())
            weights = {name: float(record["weights"].get(name, 0.0)) for name in SIGNALS}
            card = {k: v for k, v in record.items() if k not in ("intercept", "weights")}
            return cls(float(record["intercept"]), weights, card)
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(
                f"No usable hoax combination in {path} ({error}); fit it with "
                "`pantau train hoax`."
            ) from error
