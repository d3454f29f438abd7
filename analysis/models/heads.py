"""Small classification heads on top of sentence embeddings: fit, save, load, predict.

A head is a softmax regression (``hidden=0``) or a one-hidden-layer MLP. It is saved as a
``safetensors`` file plus a JSON card with its labels, the encoder it expects and how it was
trained, so a committed head is self-describing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import ModelError


@dataclass(frozen=True)
class HeadConfig:
    """How to train a head."""

    hidden: int = 0
    epochs: int = 60
    lr: float = 3e-3
    weight_decay: float = 1e-4
    dropout: float = 0.1
    batch_size: int = 256
    balanced: bool = True
    seed: int = 13


@dataclass
class Head:
    """A trained head: labels in output order, weights, and its card."""

    labels: list[str]
    state: dict[str, Any]
    hidden: int
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """A short content hash of the weights: changes whenever the head is retrained."""
        digest = hashlib.sha1()
        for name in sorted(self.state):
            digest.update(name.encode())
            digest.update(np.ascontiguousarray(self.state[name].numpy()).tobytes())
        return digest.hexdigest()[:12]

    def module(self):  # type: ignore[no-untyped-def]
        net = _build(
            int(self.state[_first_weight(self.state)].shape[1]), self.hidden, len(self.labels), 0.0
        )
        net.load_state_dict(self.state)
        return net.eval()

    def predict_proba(self, embeddings: np.ndarray) -> np.ndarray:
        """Class probabilities (n × labels)."""
        import torch

        net = self.module()
        with torch.inference_mode():
            logits = net(torch.from_numpy(np.asarray(embeddings, dtype=np.float32)))
            return torch.softmax(logits, dim=-1).numpy()

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        save_file(
            {k: v.contiguous() for k, v in self.state.items()}, str(folder / "head.safetensors")
        )
        card = {**self.card, "labels": self.labels, "hidden": self.hidden, "version": self.version}
        (folder / "head.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: Path) -> Head:
        from safetensors.torch import load_file

        weights, card_path = folder / "head.safetensors", folder / "head.json"
        if not weights.exists() or not card_path.exists():
            raise ModelError(
                f"No trained head in {folder} (need head.safetensors and head.json). "
                "Train one with `pantau train`."
            )
        card = json.loads(card_path.read_text())
        return cls(
            labels=list(card["labels"]),
            state=load_file(str(weights)),
            hidden=int(card.get("hidden", 0)),
            card=card,
        )


def _first_weight(state: dict[str, Any]) -> str:
    return sorted(k for k in state if k.endswith("weight"))[0]


def _build(dim: int, hidden: int, classes: int, dropout: float):  # type: ignore[no-untyped-def]
    from torch import nn

    if hidden <= 0:
        return nn.Sequential(nn.Dropout(dropout), nn.Linear(dim, classes))
    return nn.Sequential(
        nn.Dropout(dropout),
        nn.Linear(dim, hidden),
        nn.GELU(),
        nn.Dropout(dropout),
        nn.Linear(hidden, classes),
    )


def fit_head(
    embeddings: np.ndarray, labels: list[str], classes: list[str], config: HeadConfig = HeadConfig()
) -> Head:
    """Train a head with AdamW and cross-entropy (class-balanced when ``config.balanced``)."""
    import torch

    torch.manual_seed(config.seed)
    index = {c: i for i, c in enumerate(classes)}
    unknown = sorted(set(labels) - set(classes))
    if unknown:
        raise ModelError(f"Labels {unknown} are not among the classes {classes}")
    x = torch.from_numpy(np.asarray(embeddings, dtype=np.float32))
    y = torch.tensor([index[label] for label in labels])
    counts = torch.bincount(y, minlength=len(classes)).float().clamp(min=1)
    weight = (counts.sum() / (len(classes) * counts)) if config.balanced else None
    net = _build(x.shape[1], config.hidden, len(classes), config.dropout)
    optim = torch.optim.AdamW(net.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    gen = torch.Generator().manual_seed(config.seed)
    net.train()
    for _ in range(config.epochs):
        for batch in torch.randperm(len(y), generator=gen).split(config.batch_size):
            optim.zero_grad()
            loss_fn(net(x[batch]), y[batch]).backward()
            optim.step()
    net.eval()
    state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    return Head(
        labels=list(classes),
        state=state,
        hidden=config.hidden,
        card={"train_rows": len(labels), "config": config.__dict__},
    )
