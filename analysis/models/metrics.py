"""Classification metrics in plain numpy: macro-F1, per-class F1, confusion matrix, ROC AUC."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Report:
    """What ``pantau evaluate`` prints."""

    n: int
    labels: list[str]
    accuracy: float
    macro_f1: float
    per_class_f1: dict[str, float]
    confusion: list[list[int]]

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class_f1": {k: round(v, 4) for k, v in self.per_class_f1.items()},
            "labels": self.labels,
            "confusion": self.confusion,
        }

    def as_text(self) -> str:
        width = max(len(label) for label in self.labels) + 2
        lines = [
            f"n = {self.n}",
            f"macro-F1 = {self.macro_f1:.4f}   accuracy = {self.accuracy:.4f}",
            "per-class F1: " + ", ".join(f"{k} {v:.4f}" for k, v in self.per_class_f1.items()),
            "confusion matrix (rows = gold, columns = predicted):",
            " " * width + "".join(f"{label:>{width}}" for label in self.labels),
        ]
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{label:<{width}}" + "".join(f"{v:>{width}}" for v in row))
        return "\n".join(lines)


def classification_report(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> Report:
    """Macro-F1 (the mean of per-class F1 over ``labels``), accuracy and the confusion matrix."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g], index[p]] += 1
    f1 = {}
    for i, label in enumerate(labels):
        tp = matrix[i, i]
        precision = tp / matrix[:, i].sum() if matrix[:, i].sum() else 0.0
        recall = tp / matrix[i, :].sum() if matrix[i, :].sum() else 0.0
        f1[label] = float(2 * precision * recall / (precision + recall)) if tp else 0.0
    n = int(matrix.sum())
    return Report(
        n=n,
        labels=list(labels),
        accuracy=float(np.trace(matrix) / n) if n else 0.0,
        macro_f1=float(np.mean(list(f1.values()))),
        per_class_f1=f1,
        confusion=matrix.tolist(),
    )


def roc_auc(gold: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray) -> float:
    """Area under the ROC curve (the Mann-Whitney statistic, ties counted half)."""
    y = np.asarray(gold, dtype=int)
    s = np.asarray(scores, dtype=float)
    pos, neg = s[y == 1], s[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("ROC AUC needs both classes")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    merged = np.concatenate([pos, neg])
    for value in np.unique(merged):
        tie = merged == value
        ranks[tie] = ranks[tie].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def expected_calibration_error(probs: np.ndarray, gold: Sequence[int] | np.ndarray,
                               bins: int = 15) -> float:
    """ECE of the top-class confidence: the size-weighted mean |accuracy − confidence| over
    ``bins`` equal-width confidence bins."""
    probs = np.asarray(probs, dtype=float)
    y = np.asarray(gold, dtype=int)
    if len(y) == 0:
        return 0.0
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            error += members.mean() * abs(correct[members].mean() - confidence[members].mean())
    return float(error)
