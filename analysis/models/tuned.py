"""The fine-tuned built-in sentiment model: e5-small with LoRA adapters and a linear head.

Only what training changes is committed (``data/models/sentiment/``): low-rank adapters
(``lora_A``, ``lora_B``) for the attention and feed-forward projections of every layer, the
classifier, the temperature that calibrates its probabilities, and a card. At load time the
adapters are merged into a copy of the built-in encoder's layers (``W + B·A·alpha/r``), so
inference costs exactly what the plain encoder costs; the word embeddings are shared with the
encoder the hoax scorer uses.

``PantauSentimentModel`` is a transformers ``PreTrainedModel`` (mean pooling over tokens, then a
linear classifier, then division by the temperature), so it also runs inside
``transformers.pipeline("text-classification")`` — the naive baseline of the scoring benchmark.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import BertConfig, BertModel, BertPreTrainedModel
from transformers.modeling_outputs import SequenceClassifierOutput

from analysis.errors import ModelError

TARGETS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
WEIGHTS_FILE = "adapter.safetensors"
CARD_FILE = "model.json"


class LoraLinear(nn.Module):
    """``base(x) + dropout(x)·Aᵀ·Bᵀ·alpha/r`` with ``base`` frozen and B starting at zero."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float) -> None:
        super().__init__()
        self.base = base
        self.scale = alpha / rank
        self.lora_A = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (self.dropout(x) @ self.lora_A.T @ self.lora_B.T) * self.scale


def _target_modules(bert: BertModel) -> dict[str, nn.Linear]:
    found: dict[str, nn.Linear] = {}
    for index, layer in enumerate(bert.encoder.layer):
        for target in TARGETS:
            module = layer.get_submodule(target)
            if isinstance(module, LoraLinear):
                module = module.base
            if not isinstance(module, nn.Linear):
                raise ModelError(f"layer {index} has no linear {target}")
            found[f"encoder.layer.{index}.{target}"] = module
    return found


def keep_first_layers(bert: BertModel, layers: int) -> None:
    """Cut ``bert`` to its first ``layers`` transformer layers (in place): a model read that
    way costs about ``layers / all`` of the whole (the claim reader: 8 of e5-small's 12)."""
    if not 0 < layers <= len(bert.encoder.layer):
        raise ModelError(f"cannot keep {layers} of the encoder's {len(bert.encoder.layer)} layers")
    bert.encoder.layer = nn.ModuleList(list(bert.encoder.layer)[:layers])
    bert.config.num_hidden_layers = layers


def add_lora(bert: BertModel, rank: int, alpha: float, dropout: float) -> list[nn.Parameter]:
    """Freeze ``bert`` and wrap its target projections with trainable adapters."""
    for parameter in bert.parameters():
        parameter.requires_grad_(False)
    trainable: list[nn.Parameter] = []
    for name, linear in _target_modules(bert).items():
        parent_name, _, child = name.rpartition(".")
        wrapped = LoraLinear(linear, rank, alpha, dropout)
        setattr(bert.get_submodule(parent_name), child, wrapped)
        trainable += [wrapped.lora_A, wrapped.lora_B]
    return trainable


def lora_state(bert: BertModel) -> dict[str, torch.Tensor]:
    """The adapters' tensors, keyed ``encoder.layer.N.<target>.lora_A/B``."""
    state: dict[str, torch.Tensor] = {}
    for name, module in bert.named_modules():
        if isinstance(module, LoraLinear):
            state[f"{name}.lora_A"] = module.lora_A.detach().cpu().clone()
            state[f"{name}.lora_B"] = module.lora_B.detach().cpu().clone()
    return state


def merge_lora(bert: BertModel, state: dict[str, torch.Tensor], scale: float) -> None:
    """Add ``B·A·scale`` to each target weight of ``bert`` (in place)."""
    targets = _target_modules(bert)
    for name, linear in targets.items():
        a, b = state.get(f"{name}.lora_A"), state.get(f"{name}.lora_B")
        if a is None or b is None:
            raise ModelError(f"The sentiment adapter has no weights for {name}")
        with torch.no_grad():
            delta = (b.float() @ a.float() * scale).to(linear.weight.device)
            linear.weight.copy_((linear.weight.float() + delta).to(linear.weight.dtype))


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


class PantauSentimentModel(BertPreTrainedModel):
    """Mean-pooled BERT encoder, a linear classifier and a calibration temperature."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__(config)
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(float(getattr(config, "classifier_dropout", None) or 0.1))
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)
        self.register_buffer("temperature", torch.ones(()), persistent=False)

    def forward(self, input_ids: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None,
                **_: Any) -> SequenceClassifierOutput:
        assert input_ids is not None
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).last_hidden_state
        logits = self.classifier(self.dropout(mean_pool(hidden, attention_mask)))
        return SequenceClassifierOutput(logits=logits / self.temperature)


@dataclass
class TunedArtefact:
    """The committed pieces: adapters, classifier, temperature and card."""

    adapters: dict[str, torch.Tensor]
    classifier: dict[str, torch.Tensor]
    card: dict[str, Any]

    @property
    def labels(self) -> list[str]:
        return list(self.card["labels"])

    @property
    def version(self) -> str:
        digest = hashlib.sha1()
        for name, tensor in sorted({**self.adapters, **self.classifier}.items()):
            digest.update(name.encode())
            digest.update(tensor.float().numpy().tobytes())
        digest.update(repr(float(self.card["temperature"])).encode())
        digest.update(repr(bool(self.card.get("normalize", False))).encode())
        return digest.hexdigest()[:12]

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        tensors = {**{k: v.half().contiguous() for k, v in self.adapters.items()},
                   **{f"classifier.{k}": v.float().contiguous()
                      for k, v in self.classifier.items()}}
        save_file(tensors, str(folder / WEIGHTS_FILE))
        loaded = TunedArtefact.load_from(folder / WEIGHTS_FILE, self.card)
        card = {**self.card, "version": loaded.version}
        (folder / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load_from(cls, weights: Path, card: dict[str, Any]) -> TunedArtefact:
        from safetensors.torch import load_file

        tensors = load_file(str(weights))
        adapters = {k: v for k, v in tensors.items() if not k.startswith("classifier.")}
        classifier = {k.removeprefix("classifier."): v for k, v in tensors.items()
                      if k.startswith("classifier.")}
        return cls(adapters, classifier, card)

    @classmethod
    def load(cls, folder: Path) -> TunedArtefact:
        weights, card_path = folder / WEIGHTS_FILE, folder / CARD_FILE
        if not weights.exists() or not card_path.exists():
            raise ModelError(
                f"No fine-tuned sentiment model in {folder} (need {WEIGHTS_FILE} and "
                f"{CARD_FILE}). Train one with `pantau train sentiment`."
            )
        return cls.load_from(weights, json.loads(card_path.read_text()))


def build_model(base: BertModel, artefact: TunedArtefact) -> PantauSentimentModel:
    """The sentiment model on ``base``'s device: ``base``'s embeddings (shared), merged copies
    of its layers."""
    labels = artefact.labels
    config = copy.deepcopy(base.config)
    config.num_labels = len(labels)
    config.id2label = dict(enumerate(labels))
    config.label2id = {label: i for i, label in enumerate(labels)}
    with torch.device("meta"):
        model = PantauSentimentModel(config)
    model.bert.embeddings = base.embeddings
    model.bert.encoder = copy.deepcopy(base.encoder)
    layers = int(artefact.card.get("layers") or 0)
    if layers:
        keep_first_layers(model.bert, layers)
    merge_lora(model.bert, artefact.adapters,
               float(artefact.card["alpha"]) / int(artefact.card["rank"]))
    weight = base.embeddings.word_embeddings.weight
    model.classifier = nn.Linear(config.hidden_size, len(labels), device=weight.device,
                                 dtype=weight.dtype)
    model.classifier.load_state_dict({k: v.to(weight.dtype)
                                      for k, v in artefact.classifier.items()})
    model.dropout = nn.Dropout(0.0)
    model.temperature = torch.tensor(float(artefact.card["temperature"]), device=weight.device)
    return model.eval()
