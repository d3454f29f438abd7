"""Sentiment scorers: label mapping, a hub-style model from a local folder, the built-in head."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analysis.errors import ModelError
from analysis.models.heads import Head, HeadConfig, fit_head
from analysis.models.sentiment import HubSentiment, canonical_label
from analysis.settings import load_settings


@pytest.mark.parametrize("name,label", [
    ("POSITIVE", "positive"), ("negatif", "negative"), ("Netral", "neutral"), ("neu", "neutral"),
    ("LABEL_0", None), ("sarcasm", None),
])
def test_label_names_are_mapped(name: str, label: str | None) -> None:
    assert canonical_label(name) == label


def tiny_classifier(folder: Path, id2label: dict[int, str]) -> Path:
    """A 2-layer BERT classifier with a word-level tokenizer, saved like a hub model."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "bagus", "buruk", "polisi", "ramah", "lambat"]
    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    core.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="[PAD]",
                                        unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]")
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=32, num_labels=len(id2label),
                        id2label=id2label, label2id={v: k for k, v in id2label.items()})
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_local_sequence_classifier_replaces_the_builtin(tmp_path: Path) -> None:
    folder = tiny_classifier(tmp_path / "tiny", {0: "NEGATIVE", 1: "NEUTRAL", 2: "POSITIVE"})
    scorer = HubSentiment(str(folder), device="cpu")
    scores = scorer.predict(["polisi ramah bagus", "lambat buruk", "polisi ramah bagus"])
    assert len(scores) == 3
    assert set(scores["label"]) <= {"negative", "neutral", "positive"}
    total = scores[["p_negative", "p_neutral", "p_positive"]].sum(axis=1)
    assert np.allclose(total, 1.0, atol=1e-5)
    assert scores.loc[0, "label"] == scores.loc[2, "label"]
    assert scorer.model_id == str(folder) and len(scorer.model_version) == 12


def test_registry_loads_the_model_named_by_the_environment(tmp_path: Path) -> None:
    from analysis.models.registry import load_sentiment

    folder = tiny_classifier(tmp_path / "tiny", {0: "negatif", 1: "positif"})
    settings = load_settings({"PANTAU_SENTIMENT_MODEL": str(folder), "PANTAU_DEVICE": "cpu"})
    scorer = load_sentiment(settings)
    assert isinstance(scorer, HubSentiment)
    assert scorer.labels == ["negative", "positive"]
    assert set(scorer.predict(["bagus"]).columns) >= {"label", "score", "p_neutral"}


def test_unnamed_labels_need_pantau_sentiment_labels(tmp_path: Path) -> None:
    folder = tiny_classifier(tmp_path / "tiny", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ModelError, match="PANTAU_SENTIMENT_LABELS"):
        HubSentiment(str(folder), device="cpu")
    scorer = HubSentiment(str(folder), device="cpu", labels=["negative", "neutral", "positive"])
    assert scorer.labels == ["negative", "neutral", "positive"]


def test_an_unreachable_model_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Could not load the sentiment model"):
        HubSentiment(str(tmp_path / "does-not-exist"), device="cpu")


def test_a_head_survives_save_and_load(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8)).astype(np.float32)
    y = ["positive" if v > 0 else "negative" for v in x[:, 0]]
    head = fit_head(x, y, ["negative", "positive"], HeadConfig(hidden=8, epochs=200, lr=0.03))
    head.save(tmp_path / "head")
    loaded = Head.load(tmp_path / "head")
    assert loaded.version == head.version
    assert np.allclose(loaded.predict_proba(x), head.predict_proba(x))
    accuracy = (np.array(loaded.labels)[loaded.predict_proba(x).argmax(1)] == np.array(y)).mean()
    assert accuracy > 0.9


def test_a_missing_head_says_how_to_train_one(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="pantau train"):
        Head.load(tmp_path)
