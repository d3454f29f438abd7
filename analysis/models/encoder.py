"""The batch engine around a transformers encoder: texts in, sentence embeddings out.

Identical texts are embedded once (key: normalised text), texts are sorted by token length and
padded per batch, and inference runs under ``torch.inference_mode()`` on the GPU when present.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import ModelError
from analysis.text.keys import normalize_text

Progress = Callable[[int, int], None]
_CACHE_LIMIT = 20_000


def pick_device(preference: str = "auto") -> str:
    """``cuda`` when asked for or available under ``auto``; else ``cpu``."""
    import torch

    if preference == "cuda" and not torch.cuda.is_available():
        raise ModelError("PANTAU_DEVICE=cuda but no CUDA device is available")
    if preference == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return preference


def configure_threads() -> None:
    """Use every core for intra-op work (torch defaults to fewer on some machines)."""
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or 1))


class Encoder:
    """Mean-pooled, L2-normalised embeddings from a local transformers encoder folder."""

    def __init__(
        self, path: Path, *, device: str = "auto", max_length: int = 256, batch_size: int = 32
    ) -> None:
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        if not (path / "config.json").exists():
            raise ModelError(f"No encoder at {path}. Build the built-in model with `pantau setup`.")
        hf_logging.set_verbosity_error()
        configure_threads()
        self.path = path
        self.device = pick_device(device)
        self.max_length = max_length
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path, add_pooling_layer=False)
        self.model.to(self.device).eval()
        if self.device == "cuda":  # bf16 halves memory traffic; pooling returns float32
            import torch

            self.model.to(torch.bfloat16)
        self.dim = int(self.model.config.hidden_size)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(
        self, texts: Sequence[str], prefix: str = "query: ", progress: Progress | None = None
    ) -> np.ndarray:
        """Embeddings (n × dim, float32) of ``texts`` with e5's ``query: ``/``passage: `` prefix."""
        keys = [prefix + normalize_text(t) for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self._cache))
        originals = {k: prefix + t for k, t in zip(keys, texts, strict=True)}
        fresh = self._embed_unique([originals[k] for k in todo], progress)
        for key, vector in zip(todo, fresh, strict=True):
            self._cache[key] = vector
        out = np.stack([self._cache[k] for k in keys]) if keys else np.zeros((0, self.dim))
        while len(self._cache) > _CACHE_LIMIT:
            self._cache.popitem(last=False)
        return out.astype(np.float32)

    def _embed_unique(self, texts: list[str], progress: Progress | None) -> np.ndarray:
        def pool(batch: dict[str, Any]) -> np.ndarray:
            import torch

            hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=-1).float().cpu().numpy()

        return batched_forward(
            self.tokenizer,
            texts,
            pool,
            width=self.dim,
            max_length=self.max_length,
            batch_size=self.batch_size,
            device=self.device,
            progress=progress,
        )


def batched_forward(
    tokenizer: Any,
    texts: list[str],
    forward: Callable[[dict[str, Any]], np.ndarray],
    *,
    width: int,
    max_length: int,
    batch_size: int,
    device: str,
    progress: Progress | None = None,
) -> np.ndarray:
    """Run ``forward`` over ``texts`` in length-sorted, per-batch-padded batches.

    Sorting by token count keeps padding (wasted compute) small; results come back in the
    original order. On a GPU lengths are rounded up to a multiple of 8, so kernels see few
    distinct shapes.
    """
    import torch

    out = np.zeros((len(texts), width), dtype=np.float32)
    if not texts:
        return out
    ids = tokenizer(texts, truncation=True, max_length=max_length)["input_ids"]
    order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    done = 0
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        batch = tokenizer.pad({"input_ids": [ids[i] for i in chunk]}, return_tensors="pt",
                              pad_to_multiple_of=8 if device == "cuda" else None)
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.inference_mode():
            out[chunk] = forward(batch)
        done += len(chunk)
        if progress:
            progress(done, len(texts))
    return out
