"""Fine-tuning the built-in encoder for sentiment (``pantau train sentiment``).

LoRA adapters (rank 16) on every attention and feed-forward projection of multilingual-e5-small
plus a linear head on the mean-pooled tokens, trained with AdamW on SmSA train:

* 10 % of train (seeded, stratified) is held out. It picks the best epoch and fits the
  temperature that calibrates the probabilities; SmSA valid is only ever used to report.
* Texts go through :func:`analysis.text.normalize.informal_to_standard` (as at inference),
  and a share of them is first rewritten into comment style by
  :func:`analysis.training.augment.informalize`.
* Batches are grouped by length (padding per batch), classes weighted by the square root of
  their inverse frequency (neutral is rare), learning rate warmed up then decayed linearly.

Runs on CPU (about 10 minutes an epoch on two cores) and uses a GPU with bf16 when present.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.models.labels import LABELS
from analysis.models.metrics import classification_report, expected_calibration_error
from analysis.text.normalize import informal_to_standard
from analysis.training.augment import informalize
from analysis.training.datasets import SMSA_TRAIN, SMSA_VALID, load_sentiment_file
from analysis.training.network import Network, Snapshot

Log = Callable[[str], None]


@dataclass(frozen=True)
class FinetuneConfig:
    """How ``pantau train sentiment`` fine-tunes (every field is recorded in the card)."""

    rank: int = 16
    alpha: float = 32.0
    lora_dropout: float = 0.1
    epochs: int = 2
    batch_size: int = 32
    lr: float = 5e-4
    head_lr: float = 2e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    max_length: int = 128
    augment: float = 0.35
    holdout: float = 0.1
    normalize: bool = True
    seed: int = 13
    limit: int = 0  # train on the first N rows only (tests); 0 = all
    layers: int = 0  # keep the encoder's first N layers only (a cheaper model); 0 = all


HOAX_FINETUNE = FinetuneConfig(epochs=2, batch_size=32, lr=8e-4, max_length=64, augment=0.3)
"""``pantau train hoax``: narratives are short (26 words on average), so 64 tokens keep nine
in ten whole; two epochs of 76 steps."""


@dataclass
class FinetuneResult:
    version: str
    figures: dict[str, Any]


def stratified_holdout(labels: Sequence[str], share: float, seed: int) -> np.ndarray:
    """A boolean mask selecting ``share`` of each class (seeded)."""
    values = np.asarray(labels)
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(values), dtype=bool)
    for label in sorted(set(values.tolist())):
        members = np.flatnonzero(values == label)
        take = max(1, int(round(len(members) * share))) if len(members) > 1 else 0
        mask[rng.choice(members, take, replace=False)] = True
    return mask


def length_batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: sort within pools of 50 batches, shuffle batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: lengths[i])
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of ``gold`` (grid, then refine)."""
    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(gold)), gold].mean())

    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 200))
    best = float(grid[int(np.argmin([nll(t) for t in grid]))])
    fine = np.linspace(best * 0.97, best * 1.03, 61)
    return float(fine[int(np.argmin([nll(t) for t in fine]))])


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def prepare(texts: Sequence[str], normalize: bool) -> list[str]:
    return ["query: " + (informal_to_standard(t) if normalize else t) for t in texts]


def finetune_sentiment(
    encoder_dir: Path,
    out_dir: Path,
    train_path: Path = SMSA_TRAIN,
    valid_path: Path | None = SMSA_VALID,
    config: FinetuneConfig = FinetuneConfig(),
    device: str = "auto",
    log: Log = print,
    extra: pd.DataFrame | None = None,
) -> FinetuneResult:
    """Fine-tune, calibrate, report and save the sentiment model (see module doc).

    ``extra`` (text, label) rows — analyst corrections — are added to the training rows.
    """
    data = load_sentiment_file(train_path)
    if config.limit:
        data = data.iloc[: config.limit].reset_index(drop=True)
    valid = load_sentiment_file(valid_path) if valid_path is not None else None
    return finetune_classifier(encoder_dir, out_dir, data, LABELS, valid, config, device, log,
                               extra, name="sentiment-lora", data_name=train_path.name)


def finetune_classifier(
    encoder_dir: Path,
    out_dir: Path,
    data: pd.DataFrame,
    labels: list[str],
    valid: pd.DataFrame | None,
    config: FinetuneConfig,
    device: str = "auto",
    log: Log = print,
    extra: pd.DataFrame | None = None,
    name: str = "classifier-lora",
    data_name: str = "",
) -> FinetuneResult:
    """Fine-tune the encoder with LoRA and a linear head on ``data`` (text, label among
    ``labels``); hold out ``config.holdout`` for the epoch choice and the temperature; report
    on ``valid`` when given; save to ``out_dir``."""
    import torch
    from transformers.utils import logging as hf_logging

    from analysis.models.encoder import configure_threads, pick_device
    from analysis.models.tuned import TunedArtefact

    # as Encoder does: transformers 4.57.3+ warns of "incorrect tokenization" for every local
    # tokenizer with a large vocabulary (huggingface/transformers#44031), e5's included
    hf_logging.set_verbosity_error()
    configure_threads()
    device = pick_device(device)
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    rows = _Rows.split(data, extra, labels, config)
    log(f"train {len(rows.train)} rows, held out {len(rows.calib)} for epoch choice and "
        "calibration")
    network = Network(encoder_dir, labels, device, rank=config.rank, alpha=config.alpha,
                      dropout=config.lora_dropout, max_length=config.max_length,
                      layers=config.layers)
    started = time.monotonic()
    best, history = _train(network, rows, config, rng, log, started)
    temperature = fit_temperature(best.logits, rows.y_calib)
    figures = _heldout_figures(best, rows.y_calib, temperature, history)
    figures["train_seconds"] = round(time.monotonic() - started, 1)
    figures["history"] = history
    card = _card(name, labels, config, temperature, data_name, extra, device)
    artefact = TunedArtefact(best.lora, best.head, card)
    if valid is not None:
        figures.update(_valid_figures(network, best, valid, temperature, config.normalize))
    artefact.card["figures"] = figures
    artefact.save(out_dir)
    return FinetuneResult(TunedArtefact.load(out_dir).version, figures)


@dataclass
class _Rows:
    """The training rows and the held-out rows, with their labels as class indices."""

    train: pd.DataFrame
    calib: pd.DataFrame
    y_train: np.ndarray
    y_calib: np.ndarray

    @classmethod
    def split(cls, data: pd.DataFrame, extra: pd.DataFrame | None, labels: list[str],
              config: FinetuneConfig) -> _Rows:
        """Hold out ``config.holdout`` of ``data`` (stratified); ``extra`` rows only train."""
        held = stratified_holdout(data["label"].tolist(), config.holdout, config.seed)
        train, calib = data[~held].reset_index(drop=True), data[held].reset_index(drop=True)
        if extra is not None and len(extra):
            train = pd.concat([train, extra[["text", "label"]]], ignore_index=True)
        index = {label: i for i, label in enumerate(labels)}
        return cls(train, calib, np.array([index[label] for label in train["label"]]),
                   np.array([index[label] for label in calib["label"]]))


def _train(network: Network, rows: _Rows, config: FinetuneConfig, rng: random.Random,
           log: Log, started: float) -> tuple[Snapshot, list[dict[str, float]]]:
    """Train ``config.epochs`` epochs; return the epoch with the best held-out macro-F1 (the
    first of equals) and every epoch's figure."""
    import torch

    weight = _class_weights(rows.y_train, len(network.labels))
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(
        weight, dtype=torch.float32, device=network.device))
    optim = torch.optim.AdamW(
        [{"params": network.adapters, "lr": config.lr},
         {"params": list(network.head.parameters()), "lr": config.head_lr}],
        weight_decay=config.weight_decay,
    )
    schedule = _warmup_then_decay(optim, -(-len(rows.train) // config.batch_size) * config.epochs,
                                  config.warmup)
    calib_texts = prepare(rows.calib["text"].tolist(), config.normalize)
    best: Snapshot | None = None
    history: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        _train_epoch(network, rows, config, (loss_fn, optim, schedule), rng,
                     _step_log(log, epoch, config.epochs, started))
        logits = network.logits(calib_texts)
        report = classification_report(rows.calib["label"].tolist(),
                                       [network.labels[i] for i in logits.argmax(1)],
                                       network.labels)
        history.append({"epoch": epoch, "heldout_macro_f1": round(report.macro_f1, 4)})
        log(f"epoch {epoch}: held-out macro-F1 {report.macro_f1:.4f}")
        if best is None or report.macro_f1 > best.macro_f1:
            best = network.snapshot(epoch, report.macro_f1, logits)
    assert best is not None
    return best, history


def _class_weights(y_train: np.ndarray, classes: int) -> np.ndarray:
    """Square root of the inverse class frequency, normalised to mean 1 (neutral is rare)."""
    counts = np.bincount(y_train, minlength=classes).astype(float)
    weight = np.sqrt(counts.sum() / (classes * np.maximum(counts, 1)))
    return weight / weight.mean()


def _warmup_then_decay(optim: Any, total: int, warmup: float) -> Any:
    """A linear warm-up over ``warmup`` of the ``total`` steps, then a linear decay to 0."""
    import torch

    warm = max(1, int(total * warmup))
    return torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))


def _step_log(log: Log, epoch: int, epochs: int, started: float
              ) -> Callable[[int, int, float], None]:
    """How :func:`_train_epoch` reports its progress through ``log``."""
    def report(step: int, steps: int, loss: float) -> None:
        log(f"epoch {epoch}/{epochs} step {step}/{steps} "
            f"loss {loss:.4f} ({time.monotonic() - started:.0f} s)")

    return report


def _train_epoch(network: Network, rows: _Rows, config: FinetuneConfig,
                 tools: tuple[Any, Any, Any], rng: random.Random,
                 report: Callable[[int, int, float], None]) -> None:
    """One pass over the training rows, a share of them rewritten in comment style, in
    batches of similar length; ``report(step, steps, mean loss)`` every 50 steps and last."""
    import torch

    loss_fn, optim, schedule = tools
    texts = [informalize(t, rng) if rng.random() < config.augment else t
             for t in rows.train["text"]]
    ids = network.token_ids(prepare(texts, config.normalize))
    network.bert.train()
    network.head.train()
    batches = length_batches([len(i) for i in ids], config.batch_size, rng)
    running = 0.0
    for step, chunk in enumerate(batches, 1):
        batch = network.batch(ids, chunk)
        target = torch.tensor(rows.y_train[chunk], device=network.device)
        with network.autocast:
            logits = network.head(network.dropout(network.pooled(batch)))
        loss = loss_fn(logits.float(), target)
        optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(network.adapters + list(network.head.parameters()), 1.0)
        optim.step()
        schedule.step()
        running += loss.item()
        if step % 50 == 0 or step == len(batches):
            report(step, len(batches), running / step)


def _heldout_figures(best: Snapshot, y_calib: np.ndarray, temperature: float,
                     history: list[dict[str, float]]) -> dict[str, Any]:
    """The chosen epoch and its calibration on the held-out rows, before and after scaling."""
    return {
        "epoch": best.number,
        "heldout_macro_f1": round(best.macro_f1, 4),
        "heldout_ece_raw": round(expected_calibration_error(softmax(best.logits), y_calib), 4),
        "heldout_ece": round(expected_calibration_error(softmax(best.logits / temperature),
                                                        y_calib), 4),
        "temperature": round(temperature, 4),
    }


def _card(name: str, labels: list[str], config: FinetuneConfig, temperature: float,
          data_name: str, extra: pd.DataFrame | None, device: str) -> dict[str, Any]:
    """What the saved model says about itself (read back by the loader and the CLI)."""
    from analysis.models.builtin import ENCODER_KEY

    return {
        "name": name,
        "encoder": ENCODER_KEY,
        "prefix": "query: ",
        "labels": labels,
        "rank": config.rank,
        "alpha": config.alpha,
        "targets": "attention q/k/v/output, intermediate, output of every layer",
        "layers": config.layers,
        "temperature": temperature,
        "normalize": config.normalize,
        "max_length": config.max_length,
        "data": data_name,
        "corrections": 0 if extra is None else len(extra),
        "config": asdict(config),
        "device": device,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _valid_figures(network: Network, best: Snapshot, valid: pd.DataFrame, temperature: float,
                   normalize: bool) -> dict[str, float]:
    """Macro-F1, per-class F1 and calibration of the chosen epoch on ``valid`` (reported, never
    used to choose)."""
    labels = network.labels
    network.restore(best)
    probs = softmax(network.logits(prepare(valid["text"].tolist(), normalize))
                    / temperature)
    index = {label: i for i, label in enumerate(labels)}
    gold = np.array([index[label] for label in valid["label"]])
    report = classification_report(valid["label"].tolist(),
                                   [labels[i] for i in probs.argmax(1)], labels)
    return {
        "valid_macro_f1": round(report.macro_f1, 4),
        **{f"valid_f1_{k}": round(v, 4) for k, v in report.per_class_f1.items()},
        "valid_ece": round(expected_calibration_error(probs, gold), 4),
    }
