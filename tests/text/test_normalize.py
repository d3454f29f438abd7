"""Informal Indonesian: the normaliser, the augmentation and the informal test set."""

from __future__ import annotations

import random

import pytest

from analysis.text.normalize import informal_to_standard, slang_map
from analysis.training.augment import informal_test_variant, informalize


@pytest.mark.parametrize("raw,expected", [
    ("pelayanan yg bgt lama, gak ramah", "pelayanan yang banget lama, tidak ramah"),
    ("mantaaap polisinya!!!", "mantap polisinya!!!"),
    ("@budi_99 cek https://t.co/abc dulu", "@user cek http dulu"),
    ("#PolriPresisi hati2 di jalan", "polri presisi hati-hati di jalan"),
    ("Gak usah lebay 😂", "tidak usah lebay 😂"),
    ("Pelayanan kantor polisi sangat baik.", "Pelayanan kantor polisi sangat baik."),
])
def test_informal_text_is_normalised(raw: str, expected: str) -> None:
    assert informal_to_standard(raw) == expected


def test_the_slang_map_merges_pantau_and_indo_normalizer() -> None:
    mapping = slang_map()
    assert mapping["yg"] == "yang"            # Pantau's lexicon
    assert mapping["nyenengin"] == "menyenangkan"  # indo-normalizer's dictionary
    assert all(k == k.lower() and " " not in k for k in mapping)


def test_augmentation_is_seeded_and_changes_text() -> None:
    text = "saya tidak suka karena pelayanan yang sangat lambat sekali"
    first = [informalize(text, random.Random(s)) for s in range(20)]
    again = [informalize(text, random.Random(s)) for s in range(20)]
    assert first == again
    assert sum(v != text for v in first) >= 15
    assert any("gak" in v or "ga " in v or "tdk" in v or "nggak" in v for v in first)


def test_the_informal_test_set_is_rebuilt_from_smsa_valid() -> None:
    from analysis.training.datasets import SMSA_VALID, load_sentiment_file
    from analysis.training.evalsets import INFORMAL_VALID, build_informal_valid

    committed = load_sentiment_file(INFORMAL_VALID)
    valid = load_sentiment_file(SMSA_VALID)
    rebuilt = build_informal_valid(valid)
    assert committed["text"].tolist() == rebuilt["text"].tolist()
    assert committed["label"].tolist() == valid["label"].tolist()
    changed = (committed["text"] != valid["text"]).mean()
    assert changed > 0.8


def test_test_variants_go_beyond_the_training_augmentation() -> None:
    text = "pelayanan restoran ini sangat bagus dan makanannya enak sekali"
    variants = [informal_test_variant(text, random.Random(s)) for s in range(40)]
    assert any(w in v.split() for v in variants for w in ("good", "tasty", "very", "service"))
    assert any("plynn" in v or "mknnny" in v or "rstrn" in v for v in variants)
