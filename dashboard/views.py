"""Streamlit pieces shared by several pages: the posts table behind a chart or a search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analysis.store.filters import Filters
from analysis.store.trends import bucket_window
from analysis.vocabulary import VERDICTS
from dashboard.charts import platform_name
from dashboard.formatting import escape, number, safe_url, sentiment_word
from dashboard.queries import query
from dashboard.texts import t

NO_FIX = "—"
"""The correction column's value for a text nobody has corrected (a dash, not "None")."""


def posts_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The posts of a ``trends.texts`` query as the viewer reads them (labels translated,
    only web links kept)."""
    sentiment = rows["corrected"].where(rows["corrected"].notna(), rows["sentiment"])
    return pd.DataFrame({
        t("col_time"): pd.to_datetime(rows["local_time"]),
        t("col_platform"): rows["platform"].map(platform_name),
        t("col_source"): rows["source"].fillna("—"),
        t("col_author"): rows["author"].fillna("—"),
        t("col_text"): rows["text"],
        t("col_sentiment"): sentiment.map(sentiment_word),
        t("col_confidence"): rows["sentiment_score"],
        t("col_hoax"): rows["hoax_score"],
        t("col_engagement"): rows["engagement"],
        t("col_link"): rows["url"].map(safe_url),
    })


def posts_table(rows: pd.DataFrame, key: str, match: bool = False) -> None:
    """A sortable table of posts (click a column header to sort; the search box of the table
    toolbar searches within it); ``match`` adds how surely each repeats its debunked claim."""
    if rows.empty:
        st.info(t("posts_none"))
        return
    frame = posts_frame(rows)
    if match:
        frame.insert(list(frame.columns).index(t("col_text")) + 1, t("col_match"),
                     rows["claim_match"].map(lambda v: t(f"evidence_{v}") if v in VERDICTS
                                             else "—").to_numpy())
    st.dataframe(frame, hide_index=True, width="stretch", key=key,
                 column_config=posts_columns())


def posts_columns() -> dict[str, Any]:
    """How the columns of :func:`posts_frame` are shown (dates, wide text, score bars, links)."""
    return {
        t("col_time"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        t("col_text"): st.column_config.TextColumn(width="large"),
        t("col_confidence"): st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="%.2f"),
        t("col_hoax"): st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="%.2f"),
        t("col_link"): st.column_config.LinkColumn(display_text=t("posts_open")),
    }


def drill_down(filters: Filters, start: Any, bucket: str, what: list[str], state_key: str,
               label: str | None = None) -> None:
    """The posts behind a clicked bar (the bucket from ``start``, within ``filters``, of one
    model sentiment ``label`` if given) in a :func:`drill_panel` titled by ``what``."""
    rows = query("texts", filters, order="newest", limit=DRILL_LIMIT,
                 window=bucket_window(start, bucket), label=label)
    drill_panel(what, len(rows), state_key,
                lambda key: posts_table(rows, key=key), capped=len(rows) == DRILL_LIMIT)


DRILL_LIMIT = 500
"""At most this many posts behind one clicked bar."""


def drill_panel(what: list[str], n: int, state_key: str, show: Callable[[str], None],
                capped: bool = False, note: str | None = None) -> None:
    """A bordered panel titled by ``what`` and ``n`` whose body ``show(key)`` draws (``key``
    for its table), with a Back button that clears the click: it bumps
    ``st.session_state[state_key]``, which the page puts into its chart's key so the chart
    comes back unselected."""
    generation = st.session_state.get(state_key, 0)
    with st.container(border=True):
        head, back = st.columns([5, 1])
        # ``what`` names an entity, a narrative or a platform from the data: text, not markdown
        head.subheader(t("drill_title", what=" · ".join(map(escape, what)), n=number(n)))
        if back.button(t("drill_back"), icon=":material/arrow_back:",
                       key=f"{state_key}-back-{generation}"):
            st.session_state[state_key] = generation + 1
            st.rerun()
        if capped:
            st.caption(t("drill_capped"))
        if note:
            st.caption(note)
        show(f"{state_key}-table-{generation}")


def bucket_label(start: Any, bucket: str) -> str:
    """A clicked bucket's start as the viewer reads it (with the hour for hourly buckets)."""
    return f"{start:%d/%m/%Y %H:%M}" if bucket == "hour" else f"{start:%d/%m/%Y}"
