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

import threading
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from analysis.insights import entities
from analysis.insights import spikes as spike_reasons
from analysis.monitor.sources import list_sources
from analysis.settings import Settings, load_settings
from analysis.store import Store, open_store, reviews, spikes, trends
from analysis.store.filters import Filters
from analysis.store.sources import last_ingested, worker_seen
from dashboard.texts import lang

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
    "review_history": reviews.review_history,
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


@st.cache_resource(ttl=60, max_entries=500, show_spinner=False)
def _figure(key: tuple[Any, ...], _build: Callable[[], Any]) -> Any:
    return _build()


def figure(name: str, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """The chart ``name`` drawn by ``build`` (its queries included), kept for a minute per store,
    viewer's language and ``key`` (everything else the chart depends on: filters, bucket...).

    Building a Plotly figure (every property validated) costs more than its cached queries;
    viewers with the same filters share one figure object, so it must never be changed after
    ``build`` returns it (``st.plotly_chart`` only reads it). Forgotten with the queries by
    :func:`clear_caches`."""
    return _figure((name, str(settings().db_path), lang(), *key), build)


LIVE_S = 5
"""How old the live box's look at the store may be (:func:`live_snapshot`)."""


@st.cache_data(ttl=LIVE_S, show_spinner=False)
def live_snapshot(db: str) -> tuple[pd.DataFrame, datetime | None, datetime | None]:
    """The sources with their health, the worker's last sign of life and when the newest text
    was stored, in the store ``db``: what the live box reads on every page run, shared by
    every viewer for :data:`LIVE_S` seconds (it is what tells a page that new texts came)."""
    return list_sources(store()), worker_seen(store()), last_ingested(store())


def refresh_entity_hits(watched: pd.DataFrame) -> None:
    """Tag the texts imported since the last look with the ``watched`` entities (a write), so
    that the cached entity reads after it, which never tag, find them."""
    entities.refresh_hits(store(), [str(name) for name in watched["name"]])


NARRATIVES_KEPT = "narr-results"
NARRATIVES_TRIED = "narr-tried"
"""The Narasi page's groupings kept in the session (computing one takes seconds), and the
keys it has tried: results too, so :func:`clear_caches` forgets them."""


_caught_up: dict[str, datetime] = {}
_caught_up_lock = threading.Lock()


def catch_up(newest: datetime) -> None:
    """Forget the cached results read before the text stored at ``newest`` (the live box saw
    it): once per server process, not once per viewer, since all viewers share the caches;
    this session's kept narratives go in any case."""
    db = str(settings().db_path)
    with _caught_up_lock:
        if _caught_up.get(db) is None or _caught_up[db] < newest:
            _caught_up[db] = newest
            clear_caches()
            return
    for key in (NARRATIVES_KEPT, NARRATIVES_TRIED):
        st.session_state.pop(key, None)


def clear_caches() -> None:
    """Forget every cached query result: called after the app changes the data (an import,
    scoring, a correction, a status change, a watchlist change). This session's kept
    narratives go too (other sessions see the change when their filters next move)."""
    cached.clear()
    _figure.clear()
    live_snapshot.clear()
    for key in (NARRATIVES_KEPT, NARRATIVES_TRIED):
        st.session_state.pop(key, None)
