"""The scorers the Unggah page runs: the models stay loaded between runs, the claim bank is
brought up to date and read afresh on every run.

:func:`analysis.pipeline.default_scorers` loads the models *and* writes to the store (it loads
the bundled bank into an empty store and embeds new bank entries). Cached whole, that write
would happen once per server process: an entry an analyst adds on the Hoaks page would never
reach the matcher, nor change the hoax model's version. So only the models
(:func:`analysis.pipeline.load_models`) are a ``st.cache_resource``; :func:`scorers` does the
bank step (:func:`analysis.pipeline.scorers_over_bank`) on each run, as the CLI does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from analysis.pipeline import Models, load_models, scorers_over_bank
from dashboard.queries import settings, store

if TYPE_CHECKING:
    from analysis.models.registry import Scorer


@st.cache_resource(show_spinner=False)
def models() -> Models:
    """The configured sentiment scorer and the hoax scorer's parts, loaded once per process
    (reading files only: nothing here touches the store)."""
    return load_models(settings())


def scorers() -> list[Scorer]:
    """The scorers of :func:`analysis.pipeline.default_scorers`, over the bank as it is now."""
    return scorers_over_bank(models(), settings(), store())
