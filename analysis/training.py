"""Training and evaluating the built-in heads (kept apart from inference code).

``pantau train sentiment`` embeds SmSA train with the built-in encoder and fits a small MLP head;
``pantau train hoax`` fits a softmax-regression head on the hoax narratives and reports its ROC AUC
on a held-out split before refitting on all rows. Both are seeded and write a head folder with a
card that records data, settings and figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.datasets import HOAX_TRAIN, SMSA_TRAIN, SMSA_VALID, load_sentiment_file, read_table
from analysis.errors import DatasetError
from analysis.models.encoder import Encoder, Progress
from analysis.models.heads import Head, HeadConfig, fit_head
from analysis.models.metrics import Report, classification_report, roc_auc
from analysis.models.registry import ENCODER_KEY
from analysis.models.sentiment import LABELS

SENTIMENT_CONFIG = HeadConfig(hidden=256, epochs=30, lr=3e-3, dropout=0.1, balanced=True)
HOAX_CONFIG = HeadConfig(hidden=0, epochs=60, lr=1e-2, dropout=0.1, balanced=True)
HOAX_CLASSES = ["fact", "hoax"]
_MARKERS = re.compile(
    r"^\W*[\[(]\s*(hoaks|hoax|salah|benar|fakta|disinformasi|misinformasi|"
    r"klarifikasi|penipuan)\s*[\])]\W*",
    re.IGNORECASE,
)


@dataclass
class TrainResult:
    head: Head
    figures: dict[str, float]


def train_sentiment(
    encoder: Encoder,
    out_dir: Path,
    train_path: Path = SMSA_TRAIN,
    valid_path: Path | None = SMSA_VALID,
    config: HeadConfig = SENTIMENT_CONFIG,
    progress: Progress | None = None,
) -> TrainResult:
    """Fit the sentiment head on ``train_path`` and save it to ``out_dir``."""
    train = load_sentiment_file(train_path)
    embeddings = encoder.embed(train["text"].tolist(), prefix="query: ", progress=progress)
    head = fit_head(embeddings, train["label"].tolist(), LABELS, config)
    figures: dict[str, float] = {}
    if valid_path is not None:
        valid = load_sentiment_file(valid_path)
        probs = head.predict_proba(encoder.embed(valid["text"].tolist(), prefix="query: "))
        report = classification_report(
            valid["label"].tolist(), [LABELS[i] for i in probs.argmax(1)], LABELS
        )
        figures = {
            "valid_macro_f1": round(report.macro_f1, 4),
            **{f"valid_f1_{k}": round(v, 4) for k, v in report.per_class_f1.items()},
        }
    head.card.update(_card("sentiment-head", train_path, figures))
    head.save(out_dir)
    return TrainResult(head, figures)


def evaluate_predictions(
    gold: pd.Series, predict: Callable[[list[str]], pd.DataFrame], texts: list[str]
) -> Report:
    """Score ``texts`` with ``predict`` and compare the labels with ``gold``."""
    predicted = predict(texts)["label"].tolist()
    return classification_report(gold.tolist(), predicted, LABELS)


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


def train_hoax(
    encoder: Encoder,
    out_dir: Path,
    path: Path = HOAX_TRAIN,
    config: HeadConfig = HOAX_CONFIG,
    holdout: float = 0.2,
    progress: Progress | None = None,
) -> TrainResult:
    """Report ROC AUC on a seeded, stratified held-out split, then fit on every row and save."""
    data = load_hoax_narratives(path)
    embeddings = encoder.embed(data["text"].tolist(), prefix="query: ", progress=progress)
    labels = data["label"].to_numpy()
    rng = np.random.default_rng(config.seed)
    test = np.zeros(len(data), dtype=bool)
    for label in HOAX_CLASSES:
        members = np.flatnonzero(labels == label)
        test[rng.choice(members, int(len(members) * holdout), replace=False)] = True
    trial = fit_head(embeddings[~test], labels[~test].tolist(), HOAX_CLASSES, config)
    auc = roc_auc((labels[test] == "hoax").astype(int), trial.predict_proba(embeddings[test])[:, 1])
    head = fit_head(embeddings, labels.tolist(), HOAX_CLASSES, config)
    figures = {"holdout_auc": round(auc, 4), "holdout_rows": int(test.sum())}
    head.card.update(_card("hoax-head", path, figures))
    head.save(out_dir)
    return TrainResult(head, figures)


def _card(name: str, data: Path, figures: dict[str, float]) -> dict[str, object]:
    return {
        "name": name,
        "encoder": ENCODER_KEY,
        "prefix": "query: ",
        "data": data.name,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "figures": figures,
    }
