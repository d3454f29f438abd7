"""Loading the configured scorers: the built-in encoder and heads, or a hub model.

Loaders fail loudly with a message that names the fix; there is no silent fallback to an
untrained model.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

import pandas as pd

from analysis.errors import ModelError
from analysis.models.builtin import build_encoder, is_built
from analysis.models.combiner import Combiner
from analysis.models.encoder import Encoder, Progress
from analysis.models.heads import Head
from analysis.models.sentiment import BuiltinSentiment, HubSentiment, TunedClassifier
from analysis.models.tuned import TunedArtefact
from analysis.settings import BUILTIN_MODEL, DATA_DIR, Settings
from analysis.signals.relations import ClaimReader
from analysis.vocabulary import VERDICTS, HoaxLabel, Relation, Verdict

SENTIMENT_HEAD_DIR = DATA_DIR / "models" / "sentiment"
HOAX_HEAD_DIR = DATA_DIR / "models" / "hoax"
HOAX_CLASSIFIER = "lora"
READER_DIR = DATA_DIR / "models" / "claim_reader"
"""The default reader (``PANTAU_CLAIM_READER=full``): all 12 layers of the encoder."""
READER_FAST_DIR = DATA_DIR / "models" / "claim_reader_fast"
"""The cheaper reader (``PANTAU_CLAIM_READER=fast``; ``pantau train claims --layers 8 --out
data/models/claim_reader_fast``): the encoder's first 8 of 12 layers, for machines where
scoring time matters more than the full reader's extra *cocok* verdicts and denial links
(figures in the README)."""

_encoders: dict[tuple[str, str, int, int], Encoder] = {}
_lock = threading.Lock()


class Scorer(Protocol):
    """What every scorer offers: texts in, a table of scores out, with its id and version."""

    task: str
    model_id: str
    model_version: str

    def predict(self, texts: list[str], progress: Progress | None = None) -> pd.DataFrame: ...


def prepare_builtin(settings: Settings, force: bool = False) -> Path:
    """Convert the built-in encoder into the cache folder if it is not there yet."""
    return build_encoder(settings.encoder_dir, force=force)


def builtin_encoder(settings: Settings) -> Encoder:
    """The built-in encoder, converted on first use and shared within the process."""
    key = (str(settings.encoder_dir), settings.device, settings.max_length, settings.batch_size)
    with _lock:
        if key not in _encoders:
            if not is_built(settings.encoder_dir):
                prepare_builtin(settings)
            _encoders[key] = Encoder(settings.encoder_dir, device=settings.device,
                                     max_length=settings.max_length,
                                     batch_size=settings.batch_size)
        return _encoders[key]


def load_sentiment(settings: Settings, head_dir: Path = SENTIMENT_HEAD_DIR) -> Scorer:
    """The configured sentiment scorer (``PANTAU_SENTIMENT_MODEL``; built-in by default)."""
    name = settings.sentiment_model
    if name in (BUILTIN_MODEL, "builtin"):
        return BuiltinSentiment(builtin_encoder(settings), TunedArtefact.load(head_dir),
                                quantize=settings.quantize)
    return HubSentiment(name, revision=settings.sentiment_revision, device=settings.device,
                        max_length=settings.max_length, batch_size=settings.batch_size,
                        labels=settings.sentiment_labels)


def load_hoax_classifier(settings: Settings, head_dir: Path = HOAX_HEAD_DIR
                         ) -> TunedClassifier | None:
    """The fine-tuned hoax narrative classifier (``pantau train hoax``) if it is installed in
    ``head_dir/lora``, else None (the scorer then uses the head on frozen embeddings)."""
    folder = head_dir / HOAX_CLASSIFIER
    if not (folder / "model.json").exists():
        return None
    classifier = TunedClassifier(builtin_encoder(settings), TunedArtefact.load(folder),
                                 quantize=settings.quantize)
    if HoaxLabel.HOAX not in classifier.labels:
        raise ModelError(f"The classifier in {folder} has labels {classifier.labels}, "
                         "not a 'hoax' class")
    return classifier


def load_combiner(head_dir: Path = HOAX_HEAD_DIR) -> Combiner:
    """The committed combination of hoax signals (``pantau train hoax``)."""
    return Combiner.load(head_dir / "combiner.json")


def load_hoax_head(head_dir: Path = HOAX_HEAD_DIR) -> Head:
    """The committed hoax head; its labels must include ``hoax``."""
    head = Head.load(head_dir)
    if HoaxLabel.HOAX not in head.labels:
        raise ModelError(f"The head in {head_dir} has labels {head.labels}, not a 'hoax' class")
    return head


def load_claim_reader(settings: Settings, folder: Path | None = None) -> ClaimReader | None:
    """The claim reader (``pantau train claims``: a cross-encoder deciding whether a post
    repeats, denies or only shares the topic of a bank claim): the one ``PANTAU_CLAIM_READER``
    names (:data:`READER_DIR`, :data:`READER_FAST_DIR`; none when ``off``) or the one in
    ``folder``; None when it is not installed (claim matches are then gated by similarity
    alone). A reader without fitted thresholds is refused: it would decide nothing. It stays
    float32 whatever ``PANTAU_QUANTIZE`` says: read with int8 layers, its recall of *cocok*
    repeats on the tune part fell from 0.53 to 0.07 (its repeat probabilities sit near the
    threshold and int8 moves them), while the sentiment model loses 0.01 of macro-F1."""
    if folder is None:
        folder = reader_folder(settings)
    if folder is None or not (folder / "model.json").exists():
        return None
    return claim_reader_at(builtin_encoder(settings), folder)


def reader_folder(settings: Settings) -> Path | None:
    """The folder of the reader ``PANTAU_CLAIM_READER`` names; None when it is ``off``."""
    if settings.claim_reader == "off":
        return None
    return READER_FAST_DIR if settings.claim_reader == "fast" else READER_DIR


def claim_reader_at(encoder: Encoder, folder: Path, thresholds: dict[str, float] | None = None,
                    quantize: str = "none") -> ClaimReader:
    """The claim reader saved in ``folder`` on ``encoder``, with ``thresholds`` (fitting
    passes its own) or else those fitted into its card."""
    artefact = TunedArtefact.load(folder)
    cut = thresholds or artefact.card.get("thresholds") or {}
    if not set(VERDICTS) <= set(cut):
        raise ModelError(f"The claim reader in {folder} has no cocok/mirip thresholds; fit them "
                         "with `pantau train claims`")
    return ClaimReader(TunedClassifier(encoder, artefact, quantize=quantize),
                       float(cut[Verdict.COCOK]), float(cut[Verdict.MIRIP]),
                       denies=float(cut.get(Relation.DENIES, 0.5)), version=artefact.version)
