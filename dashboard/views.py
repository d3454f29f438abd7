"""Streamlit pieces shared by several pages: the posts table behind a chart or a search."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.charts import platform_name
from dashboard.state import safe_url, t

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
        t("col_sentiment"): sentiment.map(lambda v: t(v) if isinstance(v, str) else "—"),
        t("col_confidence"): rows["sentiment_score"],
        t("col_hoax"): rows["hoax_score"],
        t("col_engagement"): rows["engagement"],
        t("col_link"): rows["url"].map(safe_url),
    })


def posts_table(rows: pd.DataFrame, key: str) -> None:
    """A sortable table of posts (click a column header to sort; the search box of the table
    toolbar searches within it)."""
    if rows.empty:
        st.info(t("posts_none"))
        return
    st.dataframe(posts_frame(rows), hide_index=True, width="stretch", key=key,
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
