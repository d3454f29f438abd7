"""Evaluating sentiment scorers on labelled data, and reading the hoax narratives.

Training lives elsewhere: ``pantau train sentiment`` in :mod:`analysis.training.finetune`,
``pantau train hoax`` in :mod:`analysis.training.hoax`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import DatasetError
from analysis.models.encoder import Progress
from analysis.models.heads import HeadConfig
from analysis.models.labels import LABELS
from analysis.models.metrics import (
    Report,
    classification_report,
    expected_calibration_error,
)
from analysis.training.datasets import HOAX_TRAIN, read_table

HOAX_CONFIG = HeadConfig(hidden=0, epochs=60, lr=1e-2, dropout=0.1, balanced=True)
HOAX_CLASSES = ["fact", "hoax"]
_MARKERS = re.compile(
    r"^\W*[\[(]\s*(hoaks|hoax|salah|benar|fakta|disinformasi|misinformasi|"
    r"klarifikasi|penipuan)\s*[\])]\W*",
    re.IGNORECASE,
)


@dataclass
class Evaluation:
    """A scorer measured on labelled rows: the report, calibration and every prediction."""

    report: Report
    ece: float
    predictions: pd.DataFrame

    def as_dict(self) -> dict[str, object]:
        return {**self.report.as_dict(), "ece": round(self.ece, 4)}

    def as_text(self) -> str:
        return f"{self.report.as_text()}\nexpected calibration error (ECE) = {self.ece:.4f}"


def evaluate_sentiment(
    scorer: Any, data: pd.DataFrame, progress: Progress | None = None
) -> Evaluation:
    """Score ``data`` (text, label) with ``scorer`` and compare with the gold labels."""
    scores = scorer.predict(data["text"].tolist(), progress=progress).reset_index(drop=True)
    probs = scores[[f"p_{label}" for label in LABELS]].astype(float).to_numpy()
    gold = np.array([LABELS.index(label) for label in data["label"]])
    report = classification_report(data["label"].tolist(), scores["label"].tolist(), LABELS)
    predictions = pd.DataFrame({
        "text": data["text"].to_numpy(),
        "gold": data["label"].to_numpy(),
        "predicted": scores["label"].to_numpy(),
        "confidence": scores["score"].astype(float).round(4).to_numpy(),
        **{f"p_{label}": probs[:, i].round(4) for i, label in enumerate(LABELS)},
    })
    return Evaluation(report, expected_calibration_error(probs, gold), predictions)


def clean_narrative(text: str) -> str:
    """Drop leading verdict markers ("[HOAKS]", "(SALAH)") so the head cannot read the label."""
    previous = None
    while previous != text:
        previous, text = text, _MARKERS.sub("", text)
    return text.strip()


def load_hoax_narratives(path: Path = HOAX_TRAIN) -> pd.DataFrame:
    """Narratives with label hoax/fact (source file: ``narasi``, ``label`` with 1 = hoax)."""
    table = read_table(path)
    if not {"narasi", "label"} <= set(table.columns):
        raise DatasetError(f"{path} needs the columns narasi and label (1 = hoax, 0 = fact)")
    frame = pd.DataFrame(
        {
            "text": table["narasi"].map(clean_narrative),
            "label": table["label"].map({"1": "hoax", "0": "fact"}),
        }
    )
    if frame["label"].isna().any():
        raise DatasetError(f"{path}: labels must be 0 or 1")
    return frame[frame["text"] != ""].reset_index(drop=True)
