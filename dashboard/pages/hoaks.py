"""Hoaks: the most hoax-like texts, each with the evidence behind its score."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import platform_name
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



def strength(match: float) -> str:
    """How much a claim match counts, in words (match is 0–1, see analysis.models.hoax)."""
    return t("evidence_strong" if match >= 0.6 else "evidence_medium" if match >= 0.2
             else "evidence_weak")


def show_claim(row) -> None:  # type: ignore[no-untyped-def]
    """The nearest debunk as evidence, or a plain statement that none is close."""
    similarity = present(row.claim_similarity)
    match = present(row.match) or 0.0
    title = present(row.claim_title)
    if title is None or match <= 0:
        if similarity is not None:
            st.caption(t("evidence_none", s=decimal(similarity)))
        return
    st.markdown(f"**{t('evidence_claim')}** ({t('evidence_similarity')} {decimal(similarity)}"
                f" · {strength(match)}): {escape(title)}")
    with st.expander(t("evidence_fact")):
        st.markdown(escape(present(row.claim_fact) or "—"))
        if claim_url := safe_url(row.claim_url):
            st.link_button(t("evidence_link"), claim_url, key=f"claim-{row.id}")


threshold = settings().hoax_threshold
for row in to_local(items, "local_time").itertuples(index=False):
    with st.container(border=True):
        head, score = st.columns([5, 1])
        author, platform = present(row.author) or "—", platform_name(row.platform)
        head.markdown(f"**{escape(author)}** · {escape(platform)} · {row.local_time} WIB")
        head.markdown(escape(row.text[:600] + ("…" if len(row.text) > 600 else "")))
        if post_url := safe_url(row.url):
            head.link_button(t("open_post"), post_url, key=f"post-{row.id}")
        score.metric(t("hoax_score"), decimal(row.hoax_score))
        if row.hoax_score >= threshold:
            score.badge(t("kpi_hoax"), icon=":material/warning:", color="red",
                        help=t("kpi_hoax_help", t=decimal(threshold)))
        show_claim(row)
        if (p_head := present(row.p_head)) is not None:
            st.caption(f"{t('evidence_head')}: {decimal(p_head)}")
