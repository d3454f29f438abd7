"""The sidebar filters every data page shares, kept across pages and in the page's address.

Streamlit forgets a widget's value when the viewer opens another page, so the choices are
also kept under their own keys (:func:`keep`) and given back to the widgets on every page
(:func:`restore`). A new session opened from a shared link starts from the filters in its
address, and every run writes the current filters back to the address.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import streamlit as st

from analysis.store.filters import MAX_QUERY_LENGTH, Filters
from analysis.vocabulary import SENTIMENTS
from dashboard.charts import platform_name
from dashboard.queries import query, settings
from dashboard.texts import t, t_or

DEFAULT_DAYS = 30
"""The period a viewer sees first: the last 30 days that have data (leadership's "now")."""

URL_KEYS = ("dari", "sampai", "platform", "jenis", "sumber", "sentimen", "q", "yakin")
"""Query-string keys that carry the filters, so a view can be shared as a link."""

_URL_LISTS = (("platform", "platforms"), ("jenis", "kinds"), ("sumber", "sources"),
              ("sentimen", "sentiments"))
"""Address key and widget key of each multiple choice."""

_KEPT = "kept:"
MAX_QUERY_CHARS = MAX_QUERY_LENGTH
"""The keyword box's limit (the library's, :mod:`analysis.text.boolquery`)."""


def default_period(first: date, last: date) -> tuple[date, date]:
    """The last :data:`DEFAULT_DAYS` days up to the newest post, or all days if fewer."""
    return max(first, last - timedelta(days=DEFAULT_DAYS - 1)), last


def period_days(f: Filters) -> int:
    """How many days the filters' period spans (a very long span when it is open-ended): what
    the charts choose their bucket (hour, day, week, month) by."""
    return (f.end - f.start).days + 1 if f.start and f.end else 9999


def sidebar_filters() -> Filters | None:
    """Period, keyword, platform, sentiment, kind, source and confidence pickers; None when the
    store is empty."""
    options = query("filter_options", timezone=settings().timezone)
    if not options["platforms"]:
        return None
    first, last = options["first"], options["last"]
    _from_url(first, last)
    st.sidebar.subheader(t("filters"))
    start, end = _period(first, last)
    restore("search", "", lambda kept: kept)
    search = st.sidebar.text_input(t("filter_query"), key="search", max_chars=MAX_QUERY_CHARS,
                                   placeholder=t("filter_query_hint"),
                                   help=t("filter_query_help"), on_change=keep,
                                   args=("search",))
    platforms = _multiselect("platforms", options["platforms"], t("platforms"),
                             t("all_platforms"), platform_name)
    sentiments = _multiselect("sentiments", [label.value for label in SENTIMENTS],
                              t("filter_sentiment"), t("filter_all"), t)
    kinds = _multiselect("kinds", options["kinds"], t("filter_kind"), t("filter_all"),
                         lambda kind: t_or(f"kind_{kind}", kind))
    sources = _multiselect("sources", options["sources"], t("filter_source"),
                           t("filter_all"), str) if options["sources"] else []
    restore("min_confidence", 0.0, lambda kept: kept)
    confidence = st.sidebar.slider(t("min_confidence"), 0.0, 0.95, step=0.05,
                                   key="min_confidence", help=t("min_confidence_help"),
                                   format="%.2f", on_change=keep, args=("min_confidence",))
    filters = Filters(start=start, end=end, platforms=tuple(platforms),
                      timezone=settings().timezone, min_confidence=float(confidence),
                      kinds=tuple(kinds), sources=tuple(sources),
                      sentiments=tuple(sentiments), query=str(search).strip()[:MAX_QUERY_CHARS])
    _to_url(filters, first, last)
    return filters


def _period(first: date, last: date) -> tuple[date, date]:
    """The period picker (the last :data:`DEFAULT_DAYS` days at first) and its chosen days."""
    restore("period", default_period(first, last),
            lambda kept: _clamp_period(kept, first, last))
    if st.session_state.pop(_KEPT + "period_refused", False):
        st.sidebar.error(t("period_reversed"), icon=":material/event_busy:")
    period = st.sidebar.date_input(t("period"), min_value=first, max_value=last,
                                   format="DD/MM/YYYY", key="period",
                                   help=t("period_help", n=DEFAULT_DAYS, a=f"{first:%d/%m/%Y}",
                                          b=f"{last:%d/%m/%Y}"),
                                   on_change=keep, args=("period",))
    return _period_bounds(period, first, last)


def _multiselect(key: str, values: list[str], label: str, placeholder: str,
                 show: Callable[[str], str]) -> list[str]:
    restore(key, [], lambda kept: [v for v in kept if v in values])
    chosen = st.sidebar.multiselect(label, values, key=key, format_func=show,
                                    placeholder=placeholder, on_change=keep, args=(key,))
    return list(chosen)


def _from_url(first: date, last: date) -> None:
    """Once per session: take the filters of a shared link as the viewer's kept choices."""
    if st.session_state.get("url_read"):
        return
    st.session_state["url_read"] = True
    params = st.query_params
    try:
        if "dari" in params or "sampai" in params:
            start = date.fromisoformat(params.get("dari",
                                                  default_period(first, last)[0].isoformat()))
            end = date.fromisoformat(params.get("sampai", last.isoformat()))
            st.session_state[_KEPT + "period"] = (start, end)
        if "yakin" in params:
            st.session_state[_KEPT + "min_confidence"] = min(max(float(params["yakin"]), 0.0),
                                                             0.95)
    except ValueError:
        pass  # a mangled link: the defaults stand
    for url_key, key in _URL_LISTS:
        if url_key in params:
            st.session_state[_KEPT + key] = params.get_all(url_key)
    if "q" in params:
        st.session_state[_KEPT + "search"] = params["q"][:MAX_QUERY_CHARS]


def _to_url(f: Filters, first: date, last: date) -> None:
    """Write the filters that differ from the defaults into the address (only if changed)."""
    wanted: dict[str, str | list[str]] = {}
    if f.start and f.start != default_period(first, last)[0]:
        wanted["dari"] = f.start.isoformat()
    if f.end and f.end != last:
        wanted["sampai"] = f.end.isoformat()
    for url_key, key in _URL_LISTS:
        if values := getattr(f, key):
            wanted[url_key] = list(values)
    if f.query:
        wanted["q"] = f.query
    if f.min_confidence:
        wanted["yakin"] = f"{f.min_confidence:.2f}"
    current = {k: (st.query_params.get_all(k) if isinstance(wanted.get(k), list)
                   else st.query_params.get(k)) for k in URL_KEYS if k in st.query_params}
    if current != wanted:
        for key in URL_KEYS:
            if key in st.query_params and key not in wanted:
                del st.query_params[key]
        st.query_params.update(wanted)


def keep(key: str) -> None:
    """A widget's ``on_change``: keep its value beyond this page (see the module doc)."""
    st.session_state[_KEPT + key] = st.session_state[key]


def restore(key: str, default: Any, still_valid: Callable[[Any], Any]) -> None:
    """Set widget ``key`` to the viewer's kept choice (made valid for today's data) or default."""
    kept = st.session_state.get(_KEPT + key)
    st.session_state[key] = default if kept is None else still_valid(kept)


def _clamp_period(kept: Any, first: date, last: date) -> tuple[date, ...]:
    """The kept period inside the data's days; a start after the end (a hand-made link) is
    refused: the default period instead, and the sidebar says why."""
    days = tuple(kept) if isinstance(kept, (tuple, list)) else (kept,)
    days = tuple(day for day in days if isinstance(day, date))
    if len(days) == 2 and days[0] > days[1]:
        st.session_state[_KEPT + "period_refused"] = True
        st.session_state.pop(_KEPT + "period", None)
        return default_period(first, last)
    clamped = tuple(min(max(day, first), last) for day in days)
    return clamped or (first, last)


def _period_bounds(period: Any, first: date, last: date) -> tuple[date, date]:
    if isinstance(period, (tuple, list)):
        if len(period) == 2 and period[0] > period[1]:
            st.sidebar.error(t("period_reversed"), icon=":material/event_busy:")
            return default_period(first, last)
        if len(period) == 2:
            return period[0], period[1]
        if len(period) == 1:
            return period[0], period[0]
        return first, last
    return period, period
