"""Jelajah (explore): full-text search over the posts with every sidebar filter, sorted as the
analyst needs, with the scores of each post and a link to it."""

from __future__ import annotations

import streamlit as st

from analysis.store.trends import ORDERS
from dashboard.state import number, query, sidebar_filters, t
from dashboard.views import posts_table

st.title(t("explore_title"))
st.caption(t("explore_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

left, middle, right = st.columns([3, 2, 1])
search = left.text_input(t("explore_search"), placeholder=t("filter_query_hint"),
                         help=t("filter_query_help"), key="explore_search")
order = middle.selectbox(t("explore_order"), list(ORDERS), key="explore_order",
                         format_func=lambda o: t(f"order_{o}"))
limit = right.selectbox(t("explore_limit"), [100, 500, 2000], key="explore_limit")
rows = query("texts", filters, search=search, order=order, limit=limit)
st.caption(t("explore_count", n=number(len(rows))) + (" " + t("explore_capped")
                                                       if len(rows) == limit else ""))
posts_table(rows, key="explore-table")
