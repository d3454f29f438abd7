"""Scoring what the store holds: every text not yet scored by the current models, identical
texts once, then coordination refreshed over the whole store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.insights.coordination import CoordinationReport, refresh_coordination
from analysis.insights.narratives import embedding_version
from analysis.models.hoax import HoaxScorer
from analysis.pipeline.imports import Progress
from analysis.settings import Settings
from analysis.signals.claim_bank import ensure_claim_bank
from analysis.store import Store
from analysis.store.embeddings import store_embeddings
from analysis.store.scores import (
    count_pending,
    insert_scores,
    pending_documents,
    reuse_scores_by_text,
)
from analysis.vocabulary import Task

if TYPE_CHECKING:  # the registry loads torch and transformers (seconds): only when scoring
    from analysis.models.combiner import Combiner
    from analysis.models.encoder import Encoder
    from analysis.models.heads import Head
    from analysis.models.registry import Scorer
    from analysis.models.sentiment import TunedClassifier
    from analysis.signals.matching import ClaimMatcher
    from analysis.signals.relations import ClaimReader



@dataclass
class ScoreReport:
    """Per task: texts scored by the model, and documents that reused an identical text's score."""

    scored: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    coordination: CoordinationReport | None = None

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scored": self.scored, "reused": self.reused,
                               "models": self.models}
        if self.coordination is not None:
            out["coordination"] = {"clusters": self.coordination.clusters,
                                   "members": self.coordination.members,
                                   "rescored": self.coordination.rescored}
        return out


def pending_total(store: Store, scorers: Sequence[Scorer], since: datetime | None = None
                  ) -> int:
    """How many (document, task) scores are missing for these scorers."""
    return sum(count_pending(store, s.task, s.model_id, s.model_version, since)
               for s in scorers)


def score_pending(store: Store, scorers: Sequence[Scorer], progress: Progress | None = None,
                  chunk: int = 512, since: datetime | None = None) -> ScoreReport:
    """Score every document that lacks a score from each scorer's current model version.

    Documents are taken in chunks ordered by text hash, so identical texts meet in one chunk
    and are scored once; scorers take turns on the same chunk, so a shared encoder embeds it once.
    ``since`` limits the run to texts stored or published from then on: the monitoring worker
    scores what arrived and re-reads the recent texts against a grown claim bank (whose new
    version would otherwise send every stored text back to scoring); older texts keep the
    scores they have.
    """
    report = start_report(store, scorers)
    total, done = pending_total(store, scorers, since), 0
    while True:
        progressed = 0
        for scorer in scorers:
            docs = pending_documents(store, scorer.task, scorer.model_id, scorer.model_version,
                                     chunk, since)
            if docs.empty:
                continue
            _score_chunk(store, scorer, docs)
            report.scored[scorer.task] += len(docs)
            progressed += len(docs)
        if not progressed:
            break
        done += progressed
        if progress:
            progress(min(done, total), total)
    return finish_report(store, scorers, report)


def start_report(store: Store, scorers: Sequence[Scorer]) -> ScoreReport:
    """A run's report, after giving each document the score of an identical text already
    scored by the current model version (every engine starts here)."""
    report = ScoreReport(models={s.task: f"{s.model_id}@{s.model_version}" for s in scorers})
    for s in scorers:
        report.reused[s.task] = reuse_scores_by_text(store, s.task, s.model_id, s.model_version)
        report.scored[s.task] = 0
    return report


def finish_report(store: Store, scorers: Sequence[Scorer], report: ScoreReport
                  ) -> ScoreReport:
    """Refresh coordination over the whole store when hoax scores were written (every engine
    ends here), and return the report."""
    hoax = next((s for s in scorers if isinstance(s, HoaxScorer)), None)
    if hoax is not None and (report.scored.get(Task.HOAX) or report.reused.get(Task.HOAX)):
        accounts, minutes = hoax.coordination
        report.coordination = refresh_coordination(store, hoax.combiner, hoax.threshold,
                                                   accounts, minutes, hoax.official)
    return report


def _score_chunk(store: Store, scorer: Scorer, docs: pd.DataFrame) -> None:
    unique = docs.drop_duplicates(subset="text_hash")
    scores = scorer.predict(unique["text"].tolist())
    vectors = scores.attrs.get("embeddings")
    scores.index = unique["text_hash"].to_numpy()
    store_chunk_scores(store, scorer, docs, scores,
                       vectors if vectors is not None and len(vectors) == len(unique) else None)


def store_chunk_scores(store: Store, scorer: Scorer, docs: pd.DataFrame, scores: pd.DataFrame,
                       vectors: np.ndarray | None) -> None:
    """Write a scorer's ``scores`` (indexed by text hash, one row per distinct text; a
    ``vectors`` row for each, or None) to every document of ``docs`` with that text. The
    local engine and the Ray engine both write through here."""
    rows = scores.index.get_indexer(pd.Index(docs["text_hash"]))
    frame = scores.iloc[rows].reset_index(drop=True)
    frame.insert(0, "doc_id", docs["id"].to_numpy())
    frame["task"] = scorer.task
    frame["model_id"] = scorer.model_id
    frame["model_version"] = scorer.model_version
    insert_scores(store, frame)
    if vectors is not None:
        # the texts' e5 embeddings, kept so that the narratives need not encode them again
        store_embeddings(store, docs["id"].tolist(), np.asarray(vectors)[rows],
                         embedding_version())


@dataclass(frozen=True)
class Models:
    """The loaded models behind the default scorers, without the claim bank: reading files
    only, so a long-lived process (the dashboard) may keep them between scoring runs."""

    encoder: Encoder
    sentiment: Scorer
    classifier: TunedClassifier | None
    head: Head | None
    combiner: Combiner
    reader: ClaimReader | None = None


def load_models(settings: Settings) -> Models:
    """The configured sentiment scorer and the hoax scorer's parts (encoder, classifier or
    head, combiner). Touches no store."""
    from analysis.models.registry import (
        builtin_encoder,
        load_claim_reader,
        load_combiner,
        load_hoax_classifier,
        load_hoax_head,
        load_sentiment,
    )

    classifier = load_hoax_classifier(settings)
    return Models(encoder=builtin_encoder(settings), sentiment=load_sentiment(settings),
                  classifier=classifier, head=None if classifier else load_hoax_head(),
                  combiner=load_combiner(), reader=load_claim_reader(settings))


def scorers_over_bank(models: Models, settings: Settings, store: Store) -> list[Scorer]:
    """The sentiment scorer and the hoax scorer over the claim bank as it is now: the bank is
    brought up to date first (the bundled bank into an empty store, new entries embedded), so
    every scoring run matches against today's bank."""
    from analysis.models.builtin import ENCODER_KEY

    bank = ensure_claim_bank(store, models.encoder, ENCODER_KEY)
    return [models.sentiment, hoax_scorer(models, settings, bank)]


def hoax_scorer(models: Models, settings: Settings, bank: ClaimMatcher | None) -> HoaxScorer:
    """The hoax scorer on these models over ``bank`` (a matcher built from the store's bank,
    or None when the bank is empty), with the thresholds and accounts of ``settings``."""
    return HoaxScorer(models.encoder, models.head, bank, models.combiner,
                      threshold=settings.hoax_threshold, classifier=models.classifier,
                      coordination=(settings.coord_accounts, settings.coord_minutes),
                      reader=models.reader, official=settings.official_accounts)


def default_scorers(settings: Settings, store: Store) -> list[Scorer]:
    """The configured sentiment scorer and the built-in hoax scorer (with the claim bank)."""
    return scorers_over_bank(load_models(settings), settings, store)
