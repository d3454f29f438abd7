"""Training and evaluating the hoax score (``pantau train hoax``, ``pantau evaluate hoax``).

The narratives (``data/hoax/hoax_news_train.csv``) are split once, seeded and stratified:
80 % train, 20 % held out. On the train part the classifier head is fitted, and the combination
of signals is fitted on *out-of-fold* head probabilities (5 folds), so the combiner does not
learn to trust a head that has seen the very rows it scores. The held-out 20 % is only ever
scored: its AUC and calibration, for the combined score and for each signal alone, are what
``pantau evaluate hoax`` prints. The committed head is the one fitted on the train part, so
that evaluation stays honest.

Verdict markers ("[SALAH]", "(HOAKS)") are stripped from the narratives before anything sees
them (:func:`analysis.training.sentiment.clean_narrative`). The source file has no source or date
column, so a hold-out by source or time is not possible; the split is by row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import DatasetError
from analysis.models.combiner import SIGNALS, Combiner
from analysis.models.encoder import Encoder, Progress
from analysis.models.heads import fit_head
from analysis.models.metrics import expected_calibration_error, roc_auc
from analysis.training.datasets import HOAX_TRAIN, read_table
from analysis.training.sentiment import (
    HOAX_CLASSES,
    HOAX_CONFIG,
    clean_narrative,
    load_hoax_narratives,
)
from analysis.vocabulary import Verdict

SEED = 13
HOLDOUT = 0.2
FOLDS = 5
COMBINER_FILE = "combiner.json"


def split(labels: np.ndarray, seed: int = SEED, share: float = HOLDOUT) -> np.ndarray:
    """Boolean mask of the held-out rows (stratified by label, seeded)."""
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for label in HOAX_CLASSES:
        members = np.flatnonzero(labels == label)
        test[rng.choice(members, int(len(members) * share), replace=False)] = True
    return test


def out_of_fold(embeddings: np.ndarray, labels: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """The hoax head's probability for each text, from a head fitted on the texts of every
    other fold (``fold``: a fold number per text)."""
    out = np.zeros(len(labels))
    for k in np.unique(fold):
        part = fold == k
        head = fit_head(embeddings[~part], labels[~part].tolist(), HOAX_CLASSES, HOAX_CONFIG)
        out[part] = head.predict_proba(embeddings[part])[:, HOAX_CLASSES.index("hoax")]
    return out


@dataclass
class HoaxFigures:
    """AUC and calibration on labelled texts, for the combined score and each signal."""

    n: int
    positives: int
    auc: dict[str, float]
    ece: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "hoax": self.positives, "auc": self.auc, "ece": self.ece}

    def as_text(self) -> str:
        lines = [f"n = {self.n} ({self.positives} hoax)",
                 f"{'signal':<14}{'ROC AUC':>10}{'ECE':>10}"]
        for name, auc in self.auc.items():
            ece = self.ece.get(name)
            lines.append(f"{name:<14}{auc:>10.4f}{'' if ece is None else f'{ece:>10.4f}'}")
        return "\n".join(lines)


def measure(signals: dict[str, np.ndarray], combined: np.ndarray, gold: np.ndarray
            ) -> HoaxFigures:
    """ROC AUC per signal and for the combined score; ECE where the value is a probability."""
    auc: dict[str, float] = {"combined": round(roc_auc(gold, combined), 4)}
    for name in SIGNALS:
        values = signals[name]
        auc[name] = round(roc_auc(gold, values), 4) if np.ptp(values) > 0 else 0.5
    ece = {name: round(expected_calibration_error(np.column_stack([1 - p, p]), gold), 4)
           for name, p in (("combined", combined), ("p_head", signals["p_head"]))}
    return HoaxFigures(len(gold), int(gold.sum()), auc, ece)


def train_hoax(encoder: Encoder, out_dir: Path, scorer_factory: Any, path: Path = HOAX_TRAIN,
               progress: Progress | None = None, finetune: Any = None,
               encoder_dir: Path | None = None, log: Any = print,
               reuse: bool = False) -> dict[str, Any]:
    """Fit the narrative classifier and the combiner on the train part, measure on the
    held-out part, save both.

    ``scorer_factory(head, combiner, classifier)`` builds a
    :class:`~analysis.models.hoax.HoaxScorer` with the bank's matcher, so training sees the same
    signals as scoring. With ``finetune`` (a
    :class:`~analysis.training.finetune.FinetuneConfig`) the classifier is e5 fine-tuned with
    LoRA on the train part (saved in ``out_dir/lora``; ``encoder_dir`` is the built-in encoder's
    folder), and the combiner is fitted on the part of the train rows that fine-tuning held out
    (its probabilities there are out of sample); without, it is the head on frozen embeddings
    and the combiner sees out-of-fold probabilities (5 folds). The frozen head is saved either
    way, as the fallback. ``reuse`` keeps a classifier already in ``out_dir/lora`` (fine-tuned
    on this split with this configuration) and fits only the combiner.
    """
    data = load_hoax_narratives(path)
    labels = data["label"].to_numpy()
    test = split(labels)
    embeddings = encoder.embed(data["text"].tolist(), prefix="query: ", progress=progress)
    head = fit_head(embeddings[~test], labels[~test].tolist(), HOAX_CLASSES, HOAX_CONFIG)
    if finetune is not None:
        assert encoder_dir is not None, "fine-tuning needs the encoder's folder"
        classifier = _finetuned_classifier(encoder, encoder_dir, out_dir, data[~test], finetune,
                                           log, reuse, path.name)
        fitted = _fit_beside_finetuning(data, test, head, classifier, scorer_factory, finetune)
    else:
        fitted = _fit_out_of_fold(data, test, embeddings, head, scorer_factory)
    gold = (labels == "hoax").astype(int)
    held = {k: v[test] for k, v in fitted.signals.items()}
    figures = measure(held, _at_training_prior(fitted.combiner).score(held), gold[test])
    _save(head, fitted, figures, test, path.name, out_dir)
    classifier = fitted.classifier
    return {"head": head.version, "combiner": fitted.combiner.version,
            "classifier": classifier.model_version if classifier is not None else None,
            **figures.as_dict(), "weights": fitted.combiner.weights,
            "intercept": round(fitted.combiner.intercept, 4)}


@dataclass
class _Fitted:
    """The combiner, the signals of every narrative it was fitted or measured on (zeros
    elsewhere), how it was fitted, and the fine-tuned classifier when there is one."""

    signals: dict[str, np.ndarray]
    combiner: Combiner
    fitted_on: str
    classifier: Any = None


def _neutral() -> Combiner:
    """A combiner that weighs nothing: scorers built only to compute the signals get it."""
    return Combiner(0.0, dict.fromkeys(SIGNALS, 0.0))


def _fit_out_of_fold(data: pd.DataFrame, test: np.ndarray, embeddings: np.ndarray, head: Any,
                     scorer_factory: Any) -> _Fitted:
    """The combiner on the train rows, with out-of-fold head probabilities as ``p_head``."""
    labels = data["label"].to_numpy()
    gold = (labels == "hoax").astype(int)
    signals, _, _ = scorer_factory(head, _neutral(), None).signals(data["text"].tolist())
    fit_signals = {k: v[~test] for k, v in signals.items()}
    folds = np.random.default_rng(SEED).integers(0, FOLDS, int((~test).sum()))
    fit_signals["p_head"] = out_of_fold(embeddings[~test], labels[~test], folds)
    combiner = Combiner.fit(fit_signals, gold[~test])
    return _Fitted(signals, combiner,
                   f"{int((~test).sum())} train rows, out-of-fold head probabilities")


def _finetuned_classifier(encoder: Encoder, encoder_dir: Path, out_dir: Path,
                          train: pd.DataFrame, finetune: Any, log: Any, reuse: bool,
                          data_name: str) -> Any:
    """Fine-tune the classifier on the train rows (or, with ``reuse``, keep the one saved with
    this configuration) and load it; one saved with another configuration is an error."""
    from analysis.models.registry import HOAX_CLASSIFIER
    from analysis.models.sentiment import TunedClassifier
    from analysis.models.tuned import TunedArtefact
    from analysis.training.finetune import finetune_classifier

    train = train.reset_index(drop=True)
    folder = out_dir / HOAX_CLASSIFIER
    if not (reuse and (folder / "model.json").exists()):
        finetune_classifier(encoder_dir, folder, train[["text", "label"]], HOAX_CLASSES,
                            None, finetune, log=log, name="hoax-lora", data_name=data_name)
    artefact = TunedArtefact.load(folder)
    if artefact.card.get("config") != asdict(finetune):
        raise DatasetError(f"The classifier in {folder} was trained with another "
                           "configuration; train it again (without --reuse).")
    return TunedClassifier(encoder, artefact)


def _fit_beside_finetuning(data: pd.DataFrame, test: np.ndarray, head: Any, classifier: Any,
                           scorer_factory: Any, finetune: Any) -> _Fitted:
    """The combiner on the train rows that fine-tuning held out, where the classifier's
    probabilities are out of sample; signals are computed only there and on the test rows."""
    from analysis.training.finetune import stratified_holdout

    texts = data["text"].tolist()
    gold = (data["label"].to_numpy() == "hoax").astype(int)
    train_rows = np.flatnonzero(~test)
    train_labels = data["label"].iloc[train_rows].tolist()
    fit_rows = train_rows[stratified_holdout(train_labels, finetune.holdout, finetune.seed)]
    needed = np.concatenate([fit_rows, np.flatnonzero(test)])
    found, _, _ = scorer_factory(head, _neutral(), classifier).signals(
        [texts[i] for i in needed])
    signals = {k: np.zeros(len(texts)) for k in found}
    for k, values in found.items():
        signals[k][needed] = values
    combiner = Combiner.fit({k: v[fit_rows] for k, v in signals.items()}, gold[fit_rows])
    return _Fitted(signals, combiner, f"{len(fit_rows)} train rows held out from fine-tuning",
                   classifier)


def _save(head: Any, fitted: _Fitted, figures: HoaxFigures, test: np.ndarray, data_name: str,
          out_dir: Path) -> None:
    """Save the frozen head and the combiner, each with a card saying how it was fitted."""
    head.card.update({"name": "hoax-head", "data": data_name, "rows": int((~test).sum()),
                      "split": f"stratified {1 - HOLDOUT:.0%} of rows, seed {SEED}",
                      "trained_at": datetime.now(UTC).isoformat(timespec="seconds")})
    head.save(out_dir)
    fitted.combiner.card.update({
        "data": data_name, "train_rows": int((~test).sum()), "fitted_on": fitted.fitted_on,
        "heldout_rows": int(test.sum()),
        "classifier": "lora" if fitted.classifier is not None else "head",
        "heldout": figures.as_dict()})
    fitted.combiner.save(out_dir / COMBINER_FILE)


def _at_training_prior(combiner: Combiner) -> Combiner:
    """The combiner before the prior shift: calibrated on the narratives' base rate."""
    shift = float(combiner.card.get("prior_shift", 0.0))
    return Combiner(combiner.intercept - shift, combiner.weights, combiner.card)


def heldout_narratives(path: Path = HOAX_TRAIN) -> pd.DataFrame:
    """The held-out 20 % of the narratives (text, label 0/1) — never used in training."""
    data = load_hoax_narratives(path)
    test = split(data["label"].to_numpy())
    held = data[test].reset_index(drop=True)
    return pd.DataFrame({"text": held["text"], "label": (held["label"] == "hoax").astype(int)})


def load_hoax_file(path: Path, text_column: str | None = None,
                   label_column: str | None = None) -> pd.DataFrame:
    """Any CSV/TSV/XLSX with a text column and a 0/1 (or hoax/fakta) label column."""
    from analysis.training.datasets import LABEL_NAMES, TEXT_NAMES, _find

    table = read_table(path)
    columns = list(table.columns)
    text = _find(columns, TEXT_NAMES, text_column, "text", path)
    label = _find(columns, LABEL_NAMES + ["hoax", "hoaks", "is_hoax"], label_column, "label",
                  path)
    mapping = {"1": 1, "0": 0, "hoax": 1, "hoaks": 1, "true": 1, "fakta": 0, "fact": 0,
               "false": 0, "salah": 1, "benar": 0}
    labels = table[label].astype(str).str.strip().str.lower().map(mapping)
    if labels.isna().any():
        bad = ", ".join(repr(v) for v in table[label][labels.isna()].unique()[:6])
        raise DatasetError(f"{path}: labels must be 0/1 (1 = hoax) or hoax/fakta; found {bad}")
    frame = pd.DataFrame({"text": table[text].astype(str).map(clean_narrative),
                          "label": labels.astype(int)})
    return frame[frame["text"].str.strip() != ""].reset_index(drop=True)


def evaluate_hoax(scorer: Any, data: pd.DataFrame, combiner: Combiner,
                  progress: Progress | None = None) -> tuple[HoaxFigures, pd.DataFrame]:
    """Signals and the combined score (at the training base rate) on labelled texts."""
    signals, claims, _ = scorer.signals(data["text"].tolist(), progress)
    combined = _at_training_prior(combiner).score(signals)
    gold = data["label"].to_numpy()
    predictions = pd.DataFrame({
        "text": data["text"], "gold": gold, "combined": combined.round(4),
        **{name: np.round(values, 4) for name, values in signals.items()},
        "claim": [c[0]["title"] if c else "" for c in claims],
        "verdict": [c[0]["verdict"] if c else "" for c in claims],
    })
    return measure(signals, combined, gold), predictions


def matching_figures(matcher: Any, encoder: Encoder,
                     progress: Progress | None = None) -> dict[str, float]:
    """Recall@5 and precision/recall at the thresholds on the test half of the claim-matching
    evaluation set, with the matcher as configured now."""
    from analysis.training.claim_eval import figures, read_eval_set

    eval_set = read_eval_set()
    test = eval_set[eval_set["split"] == "test"].reset_index(drop=True)
    queries = encoder.embed(test["text"].tolist(), prefix="query: ", progress=progress)
    rows = {claim_id: i for i, claim_id in enumerate(matcher.claims["id"])}
    top, top_score = [], []
    for hits in matcher.match(test["text"].tolist(), queries, k=5):
        best = np.array([h.claim for h in hits], dtype=np.int64)
        top.append(np.pad(best, (0, 5 - len(best)), constant_values=-2))
        top_score.append(hits[0].score if hits else 0.0)
    source = np.array([rows.get(c, -1) if c else -1 for c in test["claim_id"]])
    thresholds: dict[str, float] = {Verdict.MIRIP: matcher.params.mirip,
                                    Verdict.COCOK: matcher.params.cocok}
    return figures(np.stack(top), np.array(top_score), source, thresholds)
