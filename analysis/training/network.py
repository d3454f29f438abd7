"""The network that fine-tuning trains (:mod:`analysis.training.finetune`): the built-in e5
encoder with LoRA adapters on its projections and a linear head on its mean-pooled tokens.

Kept apart from the training loop so the loop reads as the steps it takes; inference on a
saved model is :mod:`analysis.models.tuned`, not this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class Snapshot:
    """What one epoch left: its held-out macro-F1 and logits, and the weights to restore it."""

    number: int
    macro_f1: float
    logits: np.ndarray
    lora: dict[str, Any]
    head: dict[str, Any]


class Network:
    """The encoder with LoRA adapters and a linear head on its mean-pooled tokens, on one
    device (bf16 autocast on a GPU)."""

    def __init__(self, encoder_dir: Path, labels: list[str], device: str, *, rank: int,
                 alpha: float, dropout: float, max_length: int, layers: int = 0) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from analysis.models.tuned import add_lora, keep_first_layers

        self.labels, self.device, self.max_length = labels, device, max_length
        self.tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
        self.bert = AutoModel.from_pretrained(encoder_dir, add_pooling_layer=False)
        if layers:
            keep_first_layers(self.bert, layers)
        self.adapters = add_lora(self.bert, rank, alpha, dropout)
        self.head = torch.nn.Linear(self.bert.config.hidden_size, len(labels))
        self.dropout = torch.nn.Dropout(0.1)
        self.bert.to(device)
        self.head.to(device)
        self.autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda")

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids of prepared texts, truncated to ``max_length``."""
        ids: list[list[int]] = self.tokenizer(
            texts, truncation=True, max_length=self.max_length)["input_ids"]
        return ids

    def batch(self, ids: list[list[int]], rows: list[int]) -> dict[str, Any]:
        """The padded tensors of ``rows`` of ``ids``, on the device."""
        batch = self.tokenizer.pad({"input_ids": [ids[i] for i in rows]}, return_tensors="pt")
        return {k: v.to(self.device) for k, v in batch.items()}

    def pooled(self, batch: dict[str, Any]) -> Any:
        """Mean-pooled last hidden states of a batch."""
        from analysis.models.tuned import mean_pool

        return mean_pool(self.bert(**batch).last_hidden_state, batch["attention_mask"])

    def logits(self, texts: list[str]) -> np.ndarray:
        """Head logits of prepared texts, in evaluation mode, shortest texts batched first."""
        import torch

        self.bert.eval()
        self.head.eval()
        ids = self.token_ids(texts)
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with torch.inference_mode(), self.autocast:
            for start in range(0, len(order), 64):
                chunk = order[start:start + 64]
                out[chunk] = self.head(self.pooled(self.batch(ids, chunk))).float().cpu().numpy()
        return out

    def snapshot(self, number: int, macro_f1: float, logits: np.ndarray) -> Snapshot:
        """The adapters and head as they are now, copied off the device."""
        from analysis.models.tuned import lora_state

        head = {k: v.detach().cpu().clone() for k, v in self.head.state_dict().items()}
        return Snapshot(number, macro_f1, logits, lora_state(self.bert), head)

    def restore(self, snapshot: Snapshot) -> None:
        """Load the adapters and head of an earlier snapshot."""
        load_lora(self.bert, snapshot.lora)
        self.head.load_state_dict({k: v.to(self.device) for k, v in snapshot.head.items()})


def load_lora(bert: Any, state: dict[str, Any]) -> None:
    """Copy saved adapter tensors into the LoRA layers of ``bert`` (in place)."""
    import torch

    from analysis.models.tuned import LoraLinear

    with torch.no_grad():
        for name, module in bert.named_modules():
            if isinstance(module, LoraLinear):
                module.lora_A.copy_(state[f"{name}.lora_A"])
                module.lora_B.copy_(state[f"{name}.lora_B"])
