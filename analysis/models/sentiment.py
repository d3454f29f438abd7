"""Sentiment scorers: the built-in head on the e5 encoder, or any Hugging Face classifier.

Both answer ``predict(texts) -> DataFrame`` with one row per text: ``label`` (positive, neutral
or negative), ``score`` (the probability of that label) and the three class probabilities.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ModelError
from analysis.models.encoder import Encoder, Progress, batched_forward, pick_device
from analysis.models.labels import LABELS, canonical_label
from analysis.models.tuned import TunedArtefact, build_model
from analysis.text.normalize import informal_to_standard
from analysis.vocabulary import Task


def probabilities_frame(probs: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Turn an (n × labels) probability matrix into Pantau's score columns."""
    frame = pd.DataFrame({f"p_{label}": probs[:, i] for i, label in enumerate(labels)})
    for label in LABELS:
        if f"p_{label}" not in frame:
            frame[f"p_{label}"] = 0.0
    best = probs.argmax(axis=1) if len(probs) else np.zeros(0, dtype=int)
    frame["label"] = [labels[i] for i in best]
    frame["score"] = probs.max(axis=1) if len(probs) else []
    frame["evidence"] = None
    return frame[["label", "score", "p_negative", "p_neutral", "p_positive", "evidence"]]


class TunedClassifier:
    """A classifier fine-tuned from the built-in encoder
    (``analysis.training.finetune``): e5-small with merged LoRA adapters and a calibrated linear
    head, for any labels in the artefact's card.

    Texts are normalised as in training (slang, stretched letters, links, mentions), identical
    normalised texts are scored once, and batches are sorted by length and padded per batch.
    """

    task = "classify"

    def __init__(self, encoder: Encoder, artefact: TunedArtefact, quantize: str = "none") -> None:
        self.encoder = encoder
        self.artefact = artefact
        self.model = build_model(encoder.model, artefact)
        if quantize == "auto":
            quantize = "int8" if encoder.device == "cpu" else "none"
        if quantize == "int8":
            if encoder.device != "cpu":
                raise ModelError("PANTAU_QUANTIZE=int8 is for CPU; on a GPU use auto or none")
            quantize_layers(self.model)
        self.labels = artefact.labels
        self.normalize = bool(artefact.card.get("normalize", False))
        self.max_length = encoder.max_length
        self.model_id = "builtin:e5-small+" + str(artefact.card.get("name", "lora"))
        self.model_version = artefact.version + ("-int8" if quantize == "int8" else "")

    def prepare(self, texts: Sequence[str]) -> list[str]:
        """What the model reads: ``query: `` plus the (normalised) text."""
        return ["query: " + (informal_to_standard(t) if self.normalize else t) for t in texts]

    def predict_proba(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Calibrated class probabilities (n × labels), each distinct prepared text run once."""
        prepared = self.prepare(texts)
        unique = list(dict.fromkeys(prepared))

        def forward(batch: dict[str, Any]) -> np.ndarray:
            import torch

            logits = self.model(**batch).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()

        probs = batched_forward(self.encoder.tokenizer, unique, forward, width=len(self.labels),
                                max_length=self.max_length, batch_size=self.encoder.batch_size,
                                device=self.encoder.device, progress=progress)
        row = {text: i for i, text in enumerate(unique)}
        return probs[[row[t] for t in prepared]] if prepared else probs



class BuiltinSentiment(TunedClassifier):
    """The built-in sentiment scorer: the tuned classifier trained by ``pantau train
    sentiment`` (negative, neutral, positive)."""

    task: str = Task.SENTIMENT

    def predict(self, texts: Sequence[str], progress: Progress | None = None) -> pd.DataFrame:
        return probabilities_frame(self.predict_proba(texts, progress), self.labels)


def quantize_layers(model: Any) -> None:
    """Replace the encoder layers' linear projections by dynamically quantised int8 ones
    (weights int8 with one scale per output channel, activations quantised per batch; fbgemm
    kernels on x86 CPUs)."""
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization announces its move to torchao
        model.bert.encoder = quantize_dynamic(
            model.bert.encoder, {torch.nn.Linear: per_channel_dynamic_qconfig},
            dtype=torch.qint8)


class HubSentiment:
    """Any transformers sequence-classification model, by hub id or local folder."""

    task: str = Task.SENTIMENT

    def __init__(self, name: str, *, revision: str | None = None, device: str = "auto",
                 max_length: int = 256, batch_size: int = 32,
                 labels: Sequence[str] | None = None) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(name, revision=revision)
            self.model = AutoModelForSequenceClassification.from_pretrained(name, revision=revision)
        except (OSError, ValueError) as error:
            raise ModelError(
                f"Could not load the sentiment model {name!r}"
                f"{f' (revision {revision})' if revision else ''}: {error}. "
                "Point PANTAU_SENTIMENT_MODEL at a local folder or a reachable hub id, "
                "or unset it to use the built-in model."
            ) from error
        self.device = pick_device(device)
        self.model.to(self.device).eval()
        self.max_length, self.batch_size = max_length, batch_size
        self.labels = self._map_labels(labels)
        self.model_id = name
        self.model_version = revision or _version_of(name, self.model.config)

    def _map_labels(self, override: Sequence[str] | None) -> list[str]:
        names = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        raw = list(override) if override else names
        mapped = [canonical_label(n) for n in raw]
        if len(raw) != len(names) or None in mapped or len(set(mapped)) != len(mapped):
            raise ModelError(
                f"Cannot tell which of the model's labels {names} mean positive, neutral and "
                "negative. Set PANTAU_SENTIMENT_LABELS to their meaning in order, "
                "e.g. PANTAU_SENTIMENT_LABELS=negative,neutral,positive"
            )
        return [m for m in mapped if m is not None]

    def predict(self, texts: Sequence[str], progress: Progress | None = None) -> pd.DataFrame:
        def forward(batch: dict[str, Any]) -> np.ndarray:
            import torch

            logits = self.model(**batch).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()

        probs = batched_forward(self.tokenizer, list(texts), forward, width=len(self.labels),
                                max_length=self.max_length, batch_size=self.batch_size,
                                device=self.device, progress=progress)
        return probabilities_frame(probs, self.labels)


def _version_of(name: str, config: Any) -> str:
    commit = getattr(config, "_commit_hash", None)
    if commit:
        return str(commit)[:12]
    folder = Path(name)
    if folder.is_dir():
        digest = hashlib.sha1()
        for item in sorted(folder.iterdir()):
            if item.is_file():
                stat = item.stat()
                digest.update(f"{item.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
        return digest.hexdigest()[:12]
    return "unknown"

