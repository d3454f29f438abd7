"""The scorers the Unggah page runs: the models stay loaded between runs, the claim bank is
brought up to date and read afresh on every run.

:func:`analysis.pipeline.default_scorers` loads the models *and* writes to the store (it loads
the bundled bank into an empty store and embeds new bank entries). Cached whole, that write
would happen once per server process: an entry an analyst adds on the Hoaks page would never
reach the matcher, nor change the hoax model's version. So only the models are a
``st.cache_resource``; :func:`scorers` does the bank step on each run, as the CLI does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.queries import settings, store

if TYPE_CHECKING:  # the registry loads torch and transformers (seconds): only when scoring
    from analysis.models.combiner import Combiner
    from analysis.models.encoder import Encoder
    from analysis.models.heads import Head
    from analysis.models.registry import Scorer
    from analysis.models.sentiment import TunedClassifier


@dataclass(frozen=True)
class Models:
    """What :func:`analysis.pipeline.default_scorers` loads, without the bank."""

    encoder: Encoder
    sentiment: Scorer
    classifier: TunedClassifier | None
    head: Head | None
    combiner: Combiner


@st.cache_resource(show_spinner=False)
def models() -> Models:
    """The configured sentiment scorer and the hoax scorer's parts, loaded once per process
    (reading files only: nothing here touches the store)."""
    from analysis.models.registry import (
        builtin_encoder,
        load_combiner,
        load_hoax_classifier,
        load_hoax_head,
        load_sentiment,
    )

    config = settings()
    classifier = load_hoax_classifier(config)
    return Models(encoder=builtin_encoder(config), sentiment=load_sentiment(config),
                  classifier=classifier, head=None if classifier else load_hoax_head(),
                  combiner=load_combiner())


def scorers() -> list[Scorer]:
    """The scorers of :func:`analysis.pipeline.default_scorers`, over the bank as it is now."""
    from analysis.models.builtin import ENCODER_KEY
    from analysis.models.hoax import HoaxScorer
    from analysis.signals.claim_bank import ensure_claim_bank

    loaded, config = models(), settings()
    bank = ensure_claim_bank(store(), loaded.encoder, ENCODER_KEY)
    hoax = HoaxScorer(loaded.encoder, loaded.head, bank, loaded.combiner,
                      threshold=config.hoax_threshold, classifier=loaded.classifier,
                      coordination=(config.coord_accounts, config.coord_minutes))
    return [loaded.sentiment, hoax]
