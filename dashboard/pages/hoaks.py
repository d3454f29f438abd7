"""Hoaks: the most hoax-like texts, each with the evidence behind its score."""

from __future__ import annotations

import streamlit as st

from dashboard.state import (
    decimal,
    escape,
    present,
    query,
    safe_url,
    settings,
    sidebar_filters,
    t,
    to_local,
)

st.title(t("hoax_title"))
st.caption(t("hoax_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

limit = st.select_slider(t("hoax_show"), options=[10, 25, 50, 100], value=25)
items = query("top_hoaxes", filters, limit=limit)
if items.empty:
    st.info(t("hoax_none"))
    st.stop()

threshold = settings().hoax_threshold
for row in to_local(items, "local_time").itertuples(index=False):
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(f"**{escape(present(row.author) or '—')}** · {escape(row.platform)} · "
                      f"{row.local_time} WIB")
        head.markdown(escape(row.text[:600] + ("…" if len(row.text) > 600 else "")))
        if post_url := safe_url(row.url):
            head.link_button(t("open_post"), post_url, key=f"post-{row.id}")
        score.metric(t("hoax_score"), decimal(row.hoax_score))
        if row.hoax_score >= threshold:
            score.badge(t("kpi_hoax"), icon=":material/warning:", color="red",
                        help=t("kpi_hoax_help", t=decimal(threshold)))
        if claim_title := present(row.claim_title):
            how_close = ""
            if (similarity := present(row.claim_similarity)) is not None:
                how_close = f" ({t('evidence_similarity')} {decimal(similarity)})"
            st.markdown(f"**{t('evidence_claim')}**{how_close}: {escape(claim_title)}")
            with st.expander(t("evidence_fact")):
                st.markdown(escape(present(row.claim_fact) or "—"))
                if claim_url := safe_url(row.claim_url):
                    st.link_button(t("evidence_link"), claim_url, key=f"claim-{row.id}")
        if (p_head := present(row.p_head)) is not None:
            st.caption(f"{t('evidence_head')}: {decimal(p_head)}")
