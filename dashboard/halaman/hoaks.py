"""Hoaks: the most hoax-like texts, each with the evidence behind its score; the debunked
claims still spreading, the coordinated clusters, and the fact-check bank."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import PantauError
from analysis.signals.claim_bank import add_claim, list_claims
from analysis.signals.claim_files import is_web_address
from analysis.store.filters import Filters
from analysis.store.trends import TREND_DAYS
from analysis.vocabulary import CONFIRMED, DEBUNKED
from dashboard.auth import analyst_input, can_edit
from dashboard.charts import platform_name
from dashboard.evidence import highlighted, show_claims, show_cluster_badge, show_why
from dashboard.filters import sidebar_filters
from dashboard.formatting import decimal, escape, number, present, safe_url, to_local
from dashboard.queries import query, settings, store
from dashboard.texts import t
from dashboard.views import posts_table
from dashboard.workflow import show_workflow

SPREAD_POSTS = 200  # the most texts listed under a picked claim (newest first)
BANK_VERDICTS = [DEBUNKED, CONFIRMED]  # a debunked claim, or a confirmed fact


def show_items(filters: Filters, editable: bool, analyst: str) -> None:
    """The most hoax-like texts, highest score first, each on its card."""
    limit = st.select_slider(t("hoax_show"), options=[10, 25, 50, 100], value=25)
    items = query("top_hoaxes", filters, limit=limit)
    if items.empty:
        st.info(t("hoax_none"))
    for row in to_local(items, "local_time").itertuples(index=False):
        with st.container(border=True):
            show_item(row, settings().hoax_threshold)
            show_workflow(row, "doc", editable, analyst)


def show_item(row: Any, threshold: float) -> None:
    """One text: who, where, when, the text with its cues marked, its score and evidence."""
    head, score = st.columns([5, 1])
    author, platform = present(row.author) or "—", platform_name(row.platform)
    head.markdown(f"**{escape(author)}** · {escape(platform)} · {row.local_time} WIB")
    head.markdown(highlighted(row.text, row.cues or []))
    if post_url := safe_url(row.url):
        head.link_button(t("open_post"), post_url, key=f"post-{row.id}")
    score.metric(t("hoax_score"), decimal(row.hoax_score))
    if row.hoax_score >= threshold:
        score.badge(t("kpi_hoax"), icon=":material/warning:", color="red",
                    help=t("kpi_hoax_help", t=decimal(threshold)))
    show_claims(row)
    if present(row.cluster_explanation):
        show_cluster_badge(row, row.cluster_names or [], settings().official_accounts)
    if not row.contributions and (p_head := present(row.p_head)) is not None:
        st.caption(f"{t('evidence_head')}: {decimal(p_head)}")
    show_why(row)


def spreading_table(claims: pd.DataFrame) -> Any:
    """The spreading claims as a table with one row to pick; returns the pick event."""
    change = claims["last_24h"] - claims["previous_24h"]
    table = pd.DataFrame({
        t("spread_col_claim"): claims["title"],
        t("spread_col_status"): claims["status"].map(lambda status: t(f"wf_{status}")),
        t("spread_col_24h"): claims["last_24h"],
        t("spread_col_change"): change.map(lambda n: f"{n:+d}" if n else "±0"),
        t("spread_col_posts"): claims["posts"], t("spread_col_confirmed"): claims["confirmed"],
        t("spread_col_denials"): claims["denials"],
        t("spread_col_accounts"): claims["accounts"],
        t("spread_col_trend"): claims["daily"],
        t("spread_col_last"): pd.to_datetime(claims["last_seen"]),
        t("spread_col_platforms"): claims["platforms"].map(
            lambda names: ", ".join(platform_name(n) for n in names)),
        t("spread_col_link"): claims["url"].map(safe_url),
    })
    return st.dataframe(
        table, hide_index=True, width="stretch", key="spread-table", on_select="rerun",
        selection_mode="single-row", column_config={
            t("spread_col_claim"): st.column_config.TextColumn(width="large"),
            t("spread_col_24h"): st.column_config.NumberColumn(help=t("spread_col_24h_help")),
            t("spread_col_change"): st.column_config.TextColumn(
                help=t("spread_col_change_help")),
            t("spread_col_confirmed"): st.column_config.NumberColumn(
                help=t("spread_col_confirmed_help")),
            t("spread_col_denials"): st.column_config.NumberColumn(
                help=t("spread_col_denials_help")),
            t("spread_col_trend"): st.column_config.BarChartColumn(
                help=t("spread_col_trend_help", n=TREND_DAYS), y_min=0),
            t("spread_col_last"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
            t("spread_col_link"): st.column_config.LinkColumn(display_text=t("evidence_link"))})


def show_spreading(filters: Filters, editable: bool, analyst: str) -> None:
    """The debunked claims the period's texts repeat, most repeated in the last 24 hours
    first; the row picked shows the debunk and the texts repeating it."""
    claims = query("spreading_claims", filters)
    if claims.empty:
        st.info(t("spread_none"))
        return
    now = pd.Timestamp(claims["now"].iloc[0])
    st.caption(t("spread_intro", now=f"{now:%d/%m/%Y %H:%M}"))
    picked = spreading_table(claims)
    rows = [row for row in (picked.selection.rows if picked is not None else [])
            if row < len(claims)]  # a pick kept from before the filters changed may be gone
    if not rows:
        st.caption(t("spread_pick"))
        return
    claim = claims.iloc[rows[0]]
    with st.container(border=True):
        st.markdown(f"**{escape(claim['title'])}**")
        st.markdown(f"**{t('evidence_fact')}:** {escape(claim['fact'] or '—')}")
        if claim_url := safe_url(claim["url"]):
            st.link_button(t("evidence_link"), claim_url, key="spread-link")
        posts = query("texts", filters, order="newest", claim=str(claim["claim_id"]),
                      limit=SPREAD_POSTS)
        show_workflow(claim, "claim", editable, analyst)
        st.caption(t("spread_posts", n=number(len(posts)), total=number(int(claim["posts"]))))
        posts_table(posts, key="spread-posts", match=True)
        if int(claim["denials"]):
            denying = query("texts", filters, order="newest", denied=str(claim["claim_id"]),
                            limit=SPREAD_POSTS)
            st.caption(t("spread_denials", n=number(len(denying)),
                         total=number(int(claim["denials"]))))
            posts_table(denying, key="spread-denials")


def show_clusters(filters: Filters, editable: bool, analyst: str) -> None:
    """Coordinated clusters: who posted nearly the same text, when, and their follow-up."""
    clusters = query("coordination_clusters", filters)
    if clusters.empty:
        st.info(t("coord_none", n=settings().coord_accounts, m=settings().coord_minutes))
    for cluster in clusters.itertuples(index=False):
        with st.container(border=True):
            show_cluster_badge(cluster, list(cluster.accounts), settings().official_accounts)
            st.markdown(escape(str(cluster.text)[:400]))
            st.caption(t("coord_accounts") + ": " + ", ".join(
                escape(a) for a in list(cluster.accounts)[:30]))
            with st.expander(t("coord_timeline")):
                posts = query("cluster_posts", None, cluster_id=cluster.cluster_id)
                st.dataframe(posts, hide_index=True, width="stretch")
            show_workflow(cluster, "cluster", editable, analyst)


def show_bank(editable: bool, analyst: str) -> None:
    """The fact-check bank: search it, and (analysts) add an entry."""
    search = st.text_input(t("bank_search"), key="bank-search")
    entries, total = list_claims(store(), search)
    st.caption(t("bank_count", n=number(total), s=number(len(entries))))
    st.dataframe(pd.DataFrame({
        t("bank_col_kind"): entries["kind"].map(lambda k: t(f"bank_kind_{k}")),
        t("bank_col_claim"): entries["title"], t("bank_col_fact"): entries["fact"],
        t("bank_col_date"): entries["published"], t("bank_col_source"): entries["source"],
        t("bank_col_link"): entries["url"].map(safe_url)}), hide_index=True, width="stretch",
        column_config={
            t("bank_col_kind"): st.column_config.TextColumn(width=125),
            t("bank_col_claim"): st.column_config.TextColumn(width="large"),
            t("bank_col_fact"): st.column_config.TextColumn(width="medium"),
            t("bank_col_date"): st.column_config.TextColumn(width="small"),
            t("bank_col_link"): st.column_config.LinkColumn(display_text=t("evidence_link"),
                                                            width="small")})
    if editable:
        bank_form(analyst)


def bank_form(analyst: str) -> None:
    """A new bank entry: the claim, the fact, whether the claim is false or true, a link."""
    with st.expander(t("bank_add")), st.form("bank-add", clear_on_submit=True):
        claim = st.text_area(t("bank_claim"), help=t("bank_claim_help"), key="bank-claim")
        fact = st.text_area(t("bank_fact"), key="bank-fact")
        left, right = st.columns(2)
        verdict = left.selectbox(t("bank_verdict"), BANK_VERDICTS,
                                 format_func=lambda v: t(f"bank_verdict_{v.lower()}"),
                                 key="bank-verdict")
        link = right.text_input(t("bank_link"), key="bank-link")
        if st.form_submit_button(t("bank_save")):
            problem = ("fix_need_analyst" if not analyst
                       else "bank_need_both" if not claim.strip() or not fact.strip()
                       else "bank_bad_link" if link.strip() and not is_web_address(link)
                       else None)
            if problem:
                st.error(t(problem))
                return
            try:
                add_claim(store(), claim, fact, status=str(verdict), url=link.strip() or None,
                          source=f"Analis Pantau ({analyst})", actor=analyst)
            except PantauError as error:
                st.error(str(error))
                return
            st.success(t("bank_added"))


st.title(t("hoax_title"))
st.caption(t("hoax_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

tab_items, tab_spreading, tab_clusters, tab_bank = st.tabs([
    t("hoax_tab_items"), t("spread_tab"), t("hoax_tab_clusters"), t("bank_tab")])
analyst = analyst_input()
editable = can_edit()
with tab_items:
    show_items(filters, editable, analyst)
with tab_spreading:
    show_spreading(filters, editable, analyst)
with tab_clusters:
    show_clusters(filters, editable, analyst)
with tab_bank:
    show_bank(editable, analyst)
