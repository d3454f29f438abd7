"""The store as the pages see it: the settings, the store, the cached read queries, and
:func:`clear_caches`, which forgets them after the app changes the data.

Every query result a page shows goes through :func:`query`: one ``st.cache_data`` function
(:func:`cached`) over the reads named in :data:`READS`, kept for a minute per store, query and
arguments. So there is one cache to clear, and :func:`clear_caches` clears it after an upload,
a correction, a status change or a watchlist change. No read in :data:`READS` may write to the
store: on a cache hit the write would silently not happen. The one write a read needs first
(tagging new texts with the watched entities) is :func:`refresh_entity_hits`, outside the cache;
the entity reads here are the library's with ``refresh=False``, so they never tag (a text an
import in another process adds meanwhile shows at the next page run, within the cache's minute).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from analysis.insights import entities
from analysis.insights import spikes as spike_reasons
from analysis.settings import Settings, load_settings
from analysis.store import Store, open_store, spikes, trends
from analysis.store.filters import Filters

READS: dict[str, Callable[..., Any]] = {
    "filter_options": trends.filter_options,
    "kpis": trends.kpis,
    "volume_over_time": trends.volume_over_time,
    "sentiment_over_time": trends.sentiment_over_time,
    "top_hoaxes": trends.top_hoaxes,
    "texts": trends.texts,
    "spreading_claims": trends.spreading_claims,
    "active_clusters": trends.active_clusters,
    "coordination_clusters": trends.coordination_clusters,
    "cluster_posts": trends.cluster_posts,
    "spike_series": spikes.spike_series,
    "detect_spikes": spikes.detect_spikes,
    "explain_spike": spike_reasons.explain_spike,
    "entity_summary": partial(entities.entity_summary, refresh=False),
    "entity_trends": partial(entities.entity_trends, refresh=False),
    "top_accounts": partial(entities.top_accounts, refresh=False),
    "entity_posts": partial(entities.entity_posts, refresh=False),
}
"""The reads the pages cache, by name: each takes the store, then (unless None is passed as
the filters) the :class:`~analysis.store.filters.Filters`, then keyword arguments."""


@st.cache_resource
def settings() -> Settings:
    """The settings, read once per server process."""
    return load_settings()


def store() -> Store:
    """The store named by the settings (cheap: it holds no connection)."""
    return open_store(settings())


@st.cache_data(ttl=60, show_spinner=False)
def cached(read: str, db: str, filters: Filters | None = None, /, **kwargs: Any) -> Any:
    """The read named ``read`` in :data:`READS`, cached for a minute per store (``db``),
    filters and arguments (positional only, so that a read may take ``name=``)."""
    function = READS[read]
    if filters is None:
        return function(store(), **kwargs)
    return function(store(), filters, **kwargs)


def query(read: str, filters: Filters | None = None, /, **kwargs: Any) -> Any:
    """The cached read named ``read`` (see :data:`READS`) over this app's store."""
    return cached(read, str(settings().db_path), filters, **kwargs)


def refresh_entity_hits(watched: pd.DataFrame) -> None:
    """Tag the texts imported since the last look with the ``watched`` entities (a write), so
    that the cached entity reads after it, which never tag, find them."""
    entities.refresh_hits(store(), [str(name) for name in watched["name"]])


NARRATIVES_KEPT = "narr-results"
NARRATIVES_TRIED = "narr-tried"
"""The Narasi page's groupings kept in the session (computing one takes seconds), and the
keys it has tried: results too, so :func:`clear_caches` forgets them."""


def clear_caches() -> None:
    """Forget every cached query result: called after the app changes the data (an import,
    scoring, a correction, a status change, a watchlist change). This session's kept
    narratives go too (other sessions see the change when their filters next move)."""
    cached.clear()
    for key in (NARRATIVES_KEPT, NARRATIVES_TRIED):
        st.session_state.pop(key, None)
