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
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from analysis.models.builtin import ENCODER_KEY
    from analysis.models.encoder import configure_threads, pick_device
    from analysis.models.tuned import TunedArtefact, add_lora, lora_state, mean_pool

    # as Encoder does: transformers 4.57.3+ warns of "incorrect tokenization" for every local
    # tokenizer with a large vocabulary (huggingface/transformers#44031), e5's included
    hf_logging.set_verbosity_error()
    configure_threads()
    device = pick_device(device)
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    held = stratified_holdout(data["label"].tolist(), config.holdout, config.seed)
    train, calib = data[~held].reset_index(drop=True), data[held].reset_index(drop=True)
    if extra is not None and len(extra):
        train = pd.concat([train, extra[["text", "label"]]], ignore_index=True)
    index = {label: i for i, label in enumerate(labels)}
    y_train = np.array([index[label] for label in train["label"]])
    y_calib = np.array([index[label] for label in calib["label"]])
    log(f"train {len(train)} rows, held out {len(calib)} for epoch choice and calibration")

    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    bert = AutoModel.from_pretrained(encoder_dir, add_pooling_layer=False)
    adapters = add_lora(bert, config.rank, config.alpha, config.lora_dropout)
    head = torch.nn.Linear(bert.config.hidden_size, len(labels))
    dropout = torch.nn.Dropout(0.1)
    bert.to(device)
    head.to(device)
    counts = np.bincount(y_train, minlength=len(labels)).astype(float)
    weight = np.sqrt(counts.sum() / (len(labels) * np.maximum(counts, 1)))
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weight / weight.mean(),
                                                            dtype=torch.float32, device=device))
    optim = torch.optim.AdamW(
        [{"params": adapters, "lr": config.lr},
         {"params": list(head.parameters()), "lr": config.head_lr}],
        weight_decay=config.weight_decay,
    )
    steps_per_epoch = -(-len(train) // config.batch_size)
    total = steps_per_epoch * config.epochs
    warm = max(1, int(total * config.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda")

    def encode(texts: list[str]) -> dict[str, Any]:
        return tokenizer(texts, truncation=True, max_length=config.max_length)

    def logits_of(texts: list[str]) -> np.ndarray:
        bert.eval()
        head.eval()
        ids = encode(texts)["input_ids"]
        out = np.zeros((len(texts), len(labels)), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with torch.inference_mode(), autocast:
            for start in range(0, len(order), 64):
                chunk = order[start:start + 64]
                batch = tokenizer.pad({"input_ids": [ids[i] for i in chunk]}, return_tensors="pt")
                batch = {k: v.to(device) for k, v in batch.items()}
                hidden = bert(**batch).last_hidden_state
                out[chunk] = head(mean_pool(hidden, batch["attention_mask"])).float().cpu().numpy()
        return out

    calib_texts = prepare(calib["text"].tolist(), config.normalize)
    best: tuple[float, dict[str, Any]] | None = None
    history: list[dict[str, float]] = []
    started = time.monotonic()
    for epoch in range(config.epochs):
        texts = [informalize(t, rng) if rng.random() < config.augment else t
                 for t in train["text"]]
        ids = encode(prepare(texts, config.normalize))["input_ids"]
        bert.train()
        head.train()
        batches = length_batches([len(i) for i in ids], config.batch_size, rng)
        running = 0.0
        for step, chunk in enumerate(batches, 1):
            batch = tokenizer.pad({"input_ids": [ids[i] for i in chunk]}, return_tensors="pt")
            batch = {k: v.to(device) for k, v in batch.items()}
            target = torch.tensor(y_train[chunk], device=device)
            with autocast:
                hidden = bert(**batch).last_hidden_state
                logits = head(dropout(mean_pool(hidden, batch["attention_mask"])))
            loss = loss_fn(logits.float(), target)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(adapters + list(head.parameters()), 1.0)
            optim.step()
            schedule.step()
            running += loss.item()
            if step % 50 == 0 or step == len(batches):
                log(f"epoch {epoch + 1}/{config.epochs} step {step}/{len(batches)} "
                    f"loss {running / step:.4f} ({time.monotonic() - started:.0f} s)")
        calib_logits = logits_of(calib_texts)
        report = classification_report(calib["label"].tolist(),
                                       [labels[i] for i in calib_logits.argmax(1)], labels)
        history.append({"epoch": epoch + 1, "heldout_macro_f1": round(report.macro_f1, 4)})
        log(f"epoch {epoch + 1}: held-out macro-F1 {report.macro_f1:.4f}")
        if best is None or report.macro_f1 > best[0]:
            best = (report.macro_f1, {"lora": lora_state(bert),
                                      "head": {k: v.detach().cpu().clone()
                                               for k, v in head.state_dict().items()},
                                      "logits": calib_logits, "epoch": epoch + 1})
    assert best is not None
    chosen = best[1]
    temperature = fit_temperature(chosen["logits"], y_calib)
    calib_probs = softmax(chosen["logits"] / temperature)
    figures: dict[str, Any] = {
        "epoch": chosen["epoch"],
        "heldout_macro_f1": round(best[0], 4),
        "heldout_ece_raw": round(expected_calibration_error(softmax(chosen["logits"]), y_calib), 4),
        "heldout_ece": round(expected_calibration_error(calib_probs, y_calib), 4),
        "temperature": round(temperature, 4),
        "train_seconds": round(time.monotonic() - started, 1),
        "history": history,
    }
    card: dict[str, Any] = {
        "name": name,
        "encoder": ENCODER_KEY,
        "prefix": "query: ",
        "labels": labels,
        "rank": config.rank,
        "alpha": config.alpha,
        "targets": "attention q/k/v/output, intermediate, output of every layer",
        "temperature": temperature,
        "normalize": config.normalize,
        "max_length": config.max_length,
        "data": data_name,
        "corrections": 0 if extra is None else len(extra),
        "config": asdict(config),
        "device": device,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    artefact = TunedArtefact(chosen["lora"], chosen["head"], card)
    if valid is not None:
        bert_state = lora_state(bert)
        _load_lora(bert, chosen["lora"])
        head.load_state_dict({k: v.to(device) for k, v in chosen["head"].items()})
        probs = softmax(logits_of(prepare(valid["text"].tolist(), config.normalize))
                        / temperature)
        _load_lora(bert, bert_state)
        gold = np.array([index[label] for label in valid["label"]])
        report = classification_report(valid["label"].tolist(),
                                       [labels[i] for i in probs.argmax(1)], labels)
        figures.update({
            "valid_macro_f1": round(report.macro_f1, 4),
            **{f"valid_f1_{k}": round(v, 4) for k, v in report.per_class_f1.items()},
            "valid_ece": round(expected_calibration_error(probs, gold), 4),
        })
    artefact.card["figures"] = figures
    artefact.save(out_dir)
    return FinetuneResult(TunedArtefact.load(out_dir).version, figures)


def _load_lora(bert: Any, state: dict[str, Any]) -> None:
    import torch

    from analysis.models.tuned import LoraLinear

    with torch.no_grad():
        for name, module in bert.named_modules():
            if isinstance(module, LoraLinear):
                module.lora_A.copy_(state[f"{name}.lora_A"])
                module.lora_B.copy_(state[f"{name}.lora_B"])
