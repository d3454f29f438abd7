"""Streamlit glue shared by the pages: language, settings, store, cached queries, filters."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from analysis.settings import Settings, load_settings
from analysis.store import Store, open_store, trends
from analysis.text.keys import first_address
from dashboard.charts import platform_name
from dashboard.i18n import LANGUAGES, TEXT, translate

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def lang() -> str:
    return str(st.session_state.get("lang", "id"))


def t(key: str, **values: object) -> str:
    """Interface text in the chosen language."""
    return translate(key, lang(), **values)


def number(value: int) -> str:
    """A whole number with the viewer's thousands separator: 1.234 (Indonesian), 1,234 (English)."""
    return _localise(f"{int(value):,}")


def decimal(value: float, digits: int = 2, signed: bool = False) -> str:
    """A fraction with the viewer's decimal mark: 0,25 (Indonesian), 0.25 (English)."""
    return _localise(f"{value:{'+' if signed else ''},.{digits}f}")


def separators() -> str:
    """Plotly's ``separators`` (decimal mark, then thousands) for the viewer's language."""
    return ",." if lang() == "id" else ".,"


def _localise(text: str) -> str:
    if lang() != "id":
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def present(value: Any) -> Any:
    """``value``, or None when it is missing (None, NaN, NA or blank text).

    Query results mark missing cells with NaN/NA, which are truthy, so ``if value:`` is not
    enough to decide whether to show a field.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def safe_url(value: Any) -> str | None:
    """An http(s) address from uploaded data, else None (no ``javascript:`` links); of several
    addresses run together, the first."""
    url = present(value)
    if url is None:
        return None
    url = str(url).strip()
    return first_address(url) if url.lower().startswith(("https://", "http://")) else None


_BARE_LINK = re.compile(r"(?i)\b(https?:|www)(//|\.)")
WORD_JOINER = "\u2060"


def escape(text: object) -> str:
    """User-supplied text made inert for ``st.markdown`` (no links, images, HTML or markup).

    Markdown escapes do not stop bare addresses (``https://...``, ``www.``) from being turned
    into links, so an invisible word joiner goes after ``https:`` and ``www``: the address
    reads the same and is not clickable (the post's own link has its button).
    """
    unlinked = _BARE_LINK.sub(lambda m: m[1] + WORD_JOINER + m[2], str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")


@st.cache_resource
def settings() -> Settings:
    return load_settings()


def store() -> Store:
    return open_store(settings())


@st.cache_data(ttl=60, show_spinner=False)
def cached(name: str, db: str, filters: trends.Filters | None = None, **kwargs: Any) -> Any:
    """A trends query by name, cached for a minute per store and filters (reads only)."""
    function = getattr(trends, name)
    target = store()
    if filters is None:
        return function(target, **kwargs)
    return function(target, filters, **kwargs)


def query(name: str, filters: trends.Filters | None = None, **kwargs: Any) -> Any:
    return cached(name, str(settings().db_path), filters, **kwargs)


def language_picker() -> None:
    """The language switch, labelled in both languages so either reader can find it."""
    st.sidebar.selectbox("Bahasa / Language", list(LANGUAGES), key="lang",
                         format_func=lambda code: LANGUAGES[code])


DEFAULT_DAYS = 30
"""The period a viewer sees first: the last 30 days that have data (leadership's "now")."""


def default_period(first: date, last: date) -> tuple[date, date]:
    """The last :data:`DEFAULT_DAYS` days up to the newest post, or all days if fewer."""
    return max(first, last - timedelta(days=DEFAULT_DAYS - 1)), last


URL_KEYS = ("dari", "sampai", "platform", "jenis", "sumber", "sentimen", "q", "yakin")
"""Query-string keys that carry the filters, so a view can be shared as a link."""


def sidebar_filters() -> trends.Filters | None:
    """Period, platform, kind, source, sentiment and keyword pickers; None when the store is
    empty.

    Streamlit forgets a widget's value when the viewer opens another page, so the choices are
    also kept under their own keys and given back to the widgets on every page. A new session
    opened from a shared link starts from the filters in its address, and every run writes the
    current filters back to the address.
    """
    options = query("filter_options", timezone=settings().timezone)
    if not options["platforms"]:
        return None
    first, last = options["first"], options["last"]
    _from_url(first, last)
    st.sidebar.subheader(t("filters"))
    _restore("period", default_period(first, last),
             lambda kept: _clamp_period(kept, first, last))
    period = st.sidebar.date_input(t("period"), min_value=first, max_value=last,
                                   format="DD/MM/YYYY", key="period",
                                   help=t("period_help", n=DEFAULT_DAYS, a=f"{first:%d/%m/%Y}",
                                          b=f"{last:%d/%m/%Y}"),
                                   on_change=_keep, args=("period",))
    start, end = _period_bounds(period, first, last)
    _restore("search", "", lambda kept: kept)
    search = st.sidebar.text_input(t("filter_query"), key="search",
                                   placeholder=t("filter_query_hint"),
                                   help=t("filter_query_help"), on_change=_keep,
                                   args=("search",))
    platforms = _multiselect("platforms", options["platforms"], t("platforms"),
                             t("all_platforms"), platform_name)
    sentiments = _multiselect("sentiments", ["negative", "neutral", "positive"],
                              t("filter_sentiment"), t("filter_all"), t)
    kinds = _multiselect("kinds", options["kinds"], t("filter_kind"), t("filter_all"),
                         lambda k: t(f"kind_{k}") if f"kind_{k}" in TEXT else k)
    sources = _multiselect("sources", options["sources"], t("filter_source"),
                           t("filter_all"), str) if options["sources"] else []
    _restore("min_confidence", 0.0, lambda kept: kept)
    confidence = st.sidebar.slider(t("min_confidence"), 0.0, 0.95, step=0.05,
                                   key="min_confidence", help=t("min_confidence_help"),
                                   format="%.2f", on_change=_keep, args=("min_confidence",))
    filters = trends.Filters(start=start, end=end, platforms=tuple(platforms),
                             timezone=settings().timezone, min_confidence=float(confidence),
                             kinds=tuple(kinds), sources=tuple(sources),
                             sentiments=tuple(sentiments), query=str(search).strip())
    _to_url(filters, first, last)
    return filters


def _multiselect(key: str, values: list[str], label: str, placeholder: str,
                 show: Callable[[str], str]) -> list[str]:
    _restore(key, [], lambda kept: [v for v in kept if v in values])
    chosen = st.sidebar.multiselect(label, values, key=key, format_func=show,
                                    placeholder=placeholder, on_change=_keep, args=(key,))
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
    for url_key, key in (("platform", "platforms"), ("jenis", "kinds"), ("sumber", "sources"),
                         ("sentimen", "sentiments")):
        if url_key in params:
            st.session_state[_KEPT + key] = params.get_all(url_key)
    if "q" in params:
        st.session_state[_KEPT + "search"] = params["q"]


def _to_url(f: trends.Filters, first: date, last: date) -> None:
    wanted: dict[str, str | list[str]] = {}
    if f.start and f.start != default_period(first, last)[0]:
        wanted["dari"] = f.start.isoformat()
    if f.end and f.end != last:
        wanted["sampai"] = f.end.isoformat()
    for url_key, values in (("platform", f.platforms), ("jenis", f.kinds),
                            ("sumber", f.sources), ("sentimen", f.sentiments)):
        if values:
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


def analyst_input() -> str:
    """The analyst's name, recorded with every correction and status change: the signed-in
    account's name, or (login off) a name typed in the sidebar."""
    from dashboard.auth import current_user  # dashboard.auth imports this module

    if (user := current_user()) is not None:
        return user.name
    _restore("analyst", "", lambda kept: kept)
    name = st.sidebar.text_input(t("fix_analyst"), key="analyst", placeholder=t("fix_analyst_hint"),
                                 on_change=_keep, args=("analyst",))
    return str(name).strip()


_KEPT = "kept:"


def _keep(key: str) -> None:
    st.session_state[_KEPT + key] = st.session_state[key]


def _restore(key: str, default: Any, still_valid: Callable[[Any], Any]) -> None:
    """Set widget ``key`` to the viewer's kept choice (made valid for today's data) or default."""
    kept = st.session_state.get(_KEPT + key)
    st.session_state[key] = default if kept is None else still_valid(kept)


def _clamp_period(kept: Any, first: date, last: date) -> tuple[date, ...]:
    days = tuple(kept) if isinstance(kept, (tuple, list)) else (kept,)
    clamped = tuple(min(max(day, first), last) for day in days if isinstance(day, date))
    return clamped or (first, last)


def _period_bounds(period: Any, first: date, last: date) -> tuple[date, date]:
    if isinstance(period, (tuple, list)):
        if len(period) == 2:
            return period[0], period[1]
        if len(period) == 1:
            return period[0], period[0]
        return first, last
    return period, period


def to_local(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Format a naive local-time column as ``dd/mm/yyyy HH:MM``."""
    frame = frame.copy()
    frame[column] = pd.to_datetime(frame[column]).dt.strftime("%d/%m/%Y %H:%M")
    return frame


def clear_caches() -> None:
    """After an import the cached aggregates are stale."""
    cached.clear()
