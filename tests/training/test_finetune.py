"""The fine-tuned sentiment model: LoRA merge, calibration, a short real training run, and the
committed artefact's figures."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from analysis.models.registry import SENTIMENT_HEAD_DIR
from analysis.models.tuned import TunedArtefact
from analysis.settings import DATA_DIR
from analysis.training.finetune import (
    FinetuneConfig,
    finetune_sentiment,
    fit_temperature,
    length_batches,
    softmax,
    stratified_holdout,
)


def test_temperature_scaling_recovers_the_true_temperature() -> None:
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, 3)) * 2.0
    gold = np.array([rng.choice(3, p=p) for p in softmax(true_logits)])
    overconfident = true_logits * 3.0
    assert fit_temperature(overconfident, gold) == pytest.approx(3.0, rel=0.1)


def test_holdout_is_stratified_and_seeded() -> None:
    labels = ["positive"] * 80 + ["neutral"] * 10 + ["negative"] * 30
    mask = stratified_holdout(labels, 0.1, seed=1)
    assert mask.sum() == 12
    assert (np.array(labels)[mask] == "neutral").sum() == 1
    assert (mask == stratified_holdout(labels, 0.1, seed=1)).all()


def test_length_batches_cover_every_row_once() -> None:
    lengths = [random.Random(i).randint(3, 120) for i in range(1000)]
    batches = length_batches(lengths, 32, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(1000))
    spread = np.mean([max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches])
    assert spread < 20  # similar lengths share a batch, so padding stays small


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, encoder) -> tuple[Path, dict]:  # type: ignore[no-untyped-def]
    """A real, short fine-tuning run: 120 SmSA rows, one epoch."""
    from analysis.settings import load_settings

    out = tmp_path_factory.mktemp("tuned")
    valid = out / "valid.tsv"
    valid.write_text("pelayanan ramah sekali\tpositive\nmakanan basi dan mahal\tnegative\n"
                     "besok rapat jam 9\tneutral\n", encoding="utf-8")
    result = finetune_sentiment(load_settings().encoder_dir, out / "model", valid_path=valid,
                                config=FinetuneConfig(epochs=1, limit=120, batch_size=16),
                                log=lambda m: None)
    return out / "model", result.figures


def test_a_short_training_run_saves_a_loadable_calibrated_model(tiny_model, encoder) -> None:  # type: ignore[no-untyped-def]
    from analysis.models.sentiment import BuiltinSentiment

    folder, figures = tiny_model
    artefact = TunedArtefact.load(folder)
    card = json.loads((folder / "model.json").read_text())
    assert card["version"] == artefact.version
    assert card["temperature"] > 0 and card["rank"] == 16
    assert {"valid_macro_f1", "valid_ece", "heldout_ece", "temperature"} <= set(figures)
    scorer = BuiltinSentiment(encoder, artefact)
    texts = ["gak bgt deh, lemot parah", "pelayanan ramah", "gak bgt deh, lemot parah"]
    scores = scorer.predict(texts)
    probs = scores[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probs.sum(1), 1.0, atol=1e-5)
    assert np.allclose(probs[0], probs[2])


def unmerged_probabilities(encoder, artefact: TunedArtefact, prepared: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    """What the saved model gives when rebuilt as training ran it: the encoder read from disk
    (cut to the card's layers), adapters beside the weights, head, temperature."""
    import torch
    from transformers import AutoModel

    from analysis.models.tuned import add_lora, keep_first_layers, mean_pool
    from analysis.training.network import load_lora

    bert = AutoModel.from_pretrained(encoder.path, add_pooling_layer=False)
    if artefact.card.get("layers"):
        keep_first_layers(bert, int(artefact.card["layers"]))
    add_lora(bert, artefact.card["rank"], artefact.card["alpha"], 0.0)
    load_lora(bert, {k: v.float() for k, v in artefact.adapters.items()})
    head = torch.nn.Linear(bert.config.hidden_size, len(artefact.labels))
    head.load_state_dict({k: v.float() for k, v in artefact.classifier.items()})
    batch = encoder.tokenizer(prepared, return_tensors="pt", padding=True)
    with torch.no_grad():
        hidden = bert.eval()(**batch).last_hidden_state
        logits = head(mean_pool(hidden, batch["attention_mask"])) / artefact.card["temperature"]
    return torch.softmax(logits, -1).numpy()


def test_merged_adapters_equal_the_unmerged_model(tiny_model, encoder) -> None:  # type: ignore[no-untyped-def]
    from analysis.models.sentiment import BuiltinSentiment

    folder, _ = tiny_model
    artefact = TunedArtefact.load(folder)
    before = encoder.embed(["polisi sigap"])
    scorer = BuiltinSentiment(encoder, artefact)
    encoder._cache.clear()
    assert np.allclose(encoder.embed(["polisi sigap"]), before)  # the shared encoder is untouched
    texts = ["pelayanan yg ramah bgt", "antrian lama sekali"]
    assert np.allclose(scorer.predict_proba(texts),
                       unmerged_probabilities(encoder, artefact, scorer.prepare(texts)), atol=1e-4)


def test_a_model_of_the_first_layers_reads_as_it_was_trained(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    """A cheaper model (the claim reader keeps 8 of 12 layers): trained, saved and read back
    with the same layers, without cutting the shared encoder."""
    from analysis.models.sentiment import BuiltinSentiment
    from analysis.settings import load_settings

    finetune_sentiment(load_settings().encoder_dir, tmp_path, valid_path=None,
                       config=FinetuneConfig(epochs=1, limit=48, batch_size=16, layers=4),
                       log=lambda m: None)
    artefact = TunedArtefact.load(tmp_path)
    assert artefact.card["layers"] == 4
    whole = len(encoder.model.encoder.layer)
    scorer = BuiltinSentiment(encoder, artefact)
    assert len(scorer.model.bert.encoder.layer) == 4 < whole == len(encoder.model.encoder.layer)
    texts = ["pelayanan yg ramah bgt", "antrian lama sekali"]
    assert np.allclose(scorer.predict_proba(texts),
                       unmerged_probabilities(encoder, artefact, scorer.prepare(texts)), atol=1e-4)


def test_the_committed_model_meets_its_goals() -> None:
    """Figures written by `pantau train sentiment` (SmSA valid is only reported, never used)."""
    artefact = TunedArtefact.load(SENTIMENT_HEAD_DIR)
    figures = artefact.card["figures"]
    assert artefact.card["version"] == artefact.version
    assert figures["valid_macro_f1"] >= 0.85
    assert min(figures[f"valid_f1_{c}"] for c in ("negative", "neutral", "positive")) >= 0.70
    assert figures["valid_ece"] <= 0.05
    size = sum(p.stat().st_size for p in (DATA_DIR / "models").rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024


def test_int8_layers_keep_the_labels_of_the_float_model(tiny_model, encoder) -> None:  # type: ignore[no-untyped-def]
    from analysis.models.sentiment import BuiltinSentiment

    folder, _ = tiny_model
    artefact = TunedArtefact.load(folder)
    exact = BuiltinSentiment(encoder, artefact)
    fast = BuiltinSentiment(encoder, artefact, quantize="auto")  # int8 on this CPU
    assert fast.model_version == exact.model_version + "-int8"
    texts = ["pelayanan ramah sekali", "antri lama, petugas jutek", "besok jadwal rapat",
             "mantap pak polisi", "gak bgt deh pelayanannya"]
    a, b = exact.predict_proba(texts), fast.predict_proba(texts)
    assert np.allclose(b.sum(1), 1.0, atol=1e-5)
    assert np.abs(a - b).max() < 0.1
