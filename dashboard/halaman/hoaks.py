"""Hoaks: the most hoax-like texts, each with the evidence behind its score."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import PantauError
from analysis.signals.claim_bank import add_claim, fact_from_text, list_claims
from analysis.signals.claim_files import claim_kind, is_web_address
from analysis.store.reviews import STATUSES, allowed, review_history, set_status
from analysis.store.trends import TREND_DAYS
from dashboard.auth import can_edit
from dashboard.charts import platform_name
from dashboard.state import (
    analyst_input,
    clear_caches,
    decimal,
    escape,
    number,
    present,
    query,
    safe_url,
    settings,
    sidebar_filters,
    store,
    t,
    to_local,
)
from dashboard.views import posts_table

st.title(t("hoax_title"))
st.caption(t("hoax_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

tab_items, tab_spreading, tab_clusters, tab_bank = st.tabs([
    t("hoax_tab_items"), t("spread_tab"), t("hoax_tab_clusters"), t("bank_tab")])
SIGNAL_NAMES = ("p_head", "match", "cues", "coordination")


def strength(verdict: str | None) -> str:
    """The claim matcher's verdict in words (thresholds in data/models/matching.json)."""
    return t("evidence_cocok" if verdict == "cocok" else "evidence_mirip")


def highlighted(text: str, cues: list[dict]) -> str:  # type: ignore[type-arg]
    """The text made inert, with the words that fired a cue marked."""
    text = text[:600]
    out, at = [], 0
    for cue in sorted(cues, key=lambda c: c.get("start", 0)):
        start, end = int(cue.get("start", -1)), int(cue.get("end", -1))
        if start < at or end > len(text) or start >= end:
            continue
        out += [escape(text[at:start]), f":orange-background[{escape(text[start:end])}]"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out) + ("…" if len(text) == 600 else "")


def show_claims(row) -> None:  # type: ignore[no-untyped-def]
    """The best bank entries as evidence, or a plain statement that none is close."""
    claims = [c for c in (row.claims or []) if c.get("verdict")]
    if not claims:
        if (similarity := present(row.claim_similarity)) is not None:
            st.caption(t("evidence_none", s=decimal(similarity)))
        return
    for rank, claim in enumerate(claims):
        if claim_kind(claim.get("status")) == "fakta":
            lead = t("evidence_fact_entry")  # a confirmed fact: shown, does not raise the score
        else:
            lead = t("evidence_claim") if rank == 0 else t("evidence_other")
        st.markdown(f"**{lead}** ({strength(claim.get('verdict'))} · {t('evidence_score')} "
                    f"{decimal(float(claim.get('score') or 0))}): {escape(claim.get('title'))}")
        with st.expander(t("evidence_fact")):
            st.markdown(escape(present(claim.get("fact")) or "—"))
            if claim_url := safe_url(claim.get("url")):
                st.link_button(t("evidence_link"), claim_url, key=f"claim-{row.id}-{rank}")


def show_why(row) -> None:  # type: ignore[no-untyped-def]
    """Mengapa skor ini? Each signal's value and what it added to the log-odds."""
    parts = row.contributions or {}
    if not parts:
        return
    with st.expander(t("why_title")):
        values = {"p_head": row.p_head, "match": row.match, "cues": row.cue_score,
                  "coordination": row.coordination}
        table = pd.DataFrame({
            t("why_signal"): [t(f"why_{name}") for name in SIGNAL_NAMES],
            t("why_value"): [decimal(float(values[name] or 0)) for name in SIGNAL_NAMES],
            t("why_part"): [decimal(float(parts.get(name, 0)), signed=True)
                            for name in SIGNAL_NAMES],
        })
        st.dataframe(table, hide_index=True)
        st.caption(t("why_note", b=decimal(float(row.intercept or 0), signed=True)))
        if row.cues:
            st.markdown(t("why_cue_list") + " " + ", ".join(
                f"{escape(c.get('matched', ''))} ({escape(t_category(c.get('category')))})"
                for c in row.cues))


def t_category(category: str | None) -> str:
    key = f"cue_{category}"
    try:
        return t(key)
    except KeyError:
        return str(category or "")


def cluster_text(row) -> str:  # type: ignore[no-untyped-def]
    """"14 akun memposting teks yang sama dalam 9 menit", in the viewer's language."""
    accounts = int(getattr(row, "cluster_accounts", None) or getattr(row, "n_accounts", 0))
    minutes = float(getattr(row, "cluster_span", None) or getattr(row, "span_minutes", 0) or 0)
    posts = int(getattr(row, "cluster_posts", None) or getattr(row, "n_posts", 0))
    return t("coord_text", a=accounts, m=round(minutes), p=posts)


def show_workflow(row, kind: str = "doc") -> None:  # type: ignore[no-untyped-def]
    """The item's (a text's, a cluster's or a spreading claim's) status in the workflow, and
    (for analysts) the next step with a note; a text closed as not a hoax can go into the bank
    as a fact."""
    target = {"doc": "id", "cluster": "cluster_id", "claim": "claim_id"}[kind]
    target = str(getattr(row, target))
    key = target if kind == "doc" else f"{kind}-{target}"
    with st.expander(t("wf_title", s=t(f"wf_{row.status}"))):
        history = review_history(store(), kind, target)
        for step in history.itertuples(index=False):
            when = pd.Timestamp(step.reviewed_at).tz_convert(settings().tz)
            note = f" — {escape(step.note)}" if present(step.note) else ""
            st.caption(f"{when:%d/%m/%Y %H:%M} · {escape(step.analyst)} → "
                       f"{t(f'wf_{step.status}')}{note}")
        if not editable:
            return
        choices = [s for s in STATUSES if allowed(row.status, s)]
        with st.form(key=f"wf-{key}", border=False):
            left, right = st.columns(2)
            new = left.selectbox(t("wf_next"), choices, format_func=lambda s: t(f"wf_{s}"),
                                 key=f"wf-next-{key}")
            note = right.text_input(t("wf_note"), key=f"wf-note-{key}")
            as_fact = (st.checkbox(t("wf_as_fact"), help=t("wf_as_fact_help"),
                                   key=f"wf-fact-{key}")
                       if kind == "doc" and "bukan_hoaks" in choices else False)
            if st.form_submit_button(t("wf_save")):
                if not analyst:
                    st.error(t("fix_need_analyst"))
                    return
                try:
                    set_status(store(), kind, target, new, analyst, note or None)
                    if as_fact and new == "bukan_hoaks":
                        fact_from_text(store(), row.id, analyst, note or None)
                        st.toast(t("bank_added"))
                except PantauError as error:
                    st.error(str(error))
                    return
                clear_caches()
                st.rerun()


def show_spreading() -> None:
    """The debunked claims the period's texts repeat, most repeated in the last 24 hours
    first; the row picked shows the debunk and the texts repeating it."""
    claims = query("spreading_claims", filters)
    if claims.empty:
        st.info(t("spread_none"))
        return
    now = pd.Timestamp(claims["now"].iloc[0])
    st.caption(t("spread_intro", now=f"{now:%d/%m/%Y %H:%M}"))
    change = claims["last_24h"] - claims["previous_24h"]
    table = pd.DataFrame({
        t("spread_col_claim"): claims["title"],
        t("spread_col_status"): claims["status"].map(lambda status: t(f"wf_{status}")),
        t("spread_col_24h"): claims["last_24h"],
        t("spread_col_change"): change.map(lambda n: f"{n:+d}" if n else "±0"),
        t("spread_col_posts"): claims["posts"], t("spread_col_confirmed"): claims["confirmed"],
        t("spread_col_accounts"): claims["accounts"],
        t("spread_col_trend"): claims["daily"],
        t("spread_col_last"): pd.to_datetime(claims["last_seen"]),
        t("spread_col_platforms"): claims["platforms"].map(
            lambda names: ", ".join(platform_name(n) for n in names)),
        t("spread_col_link"): claims["url"].map(safe_url),
    })
    picked = st.dataframe(
        table, hide_index=True, width="stretch", key="spread-table", on_select="rerun",
        selection_mode="single-row", column_config={
            t("spread_col_claim"): st.column_config.TextColumn(width="large"),
            t("spread_col_24h"): st.column_config.NumberColumn(help=t("spread_col_24h_help")),
            t("spread_col_change"): st.column_config.TextColumn(
                help=t("spread_col_change_help")),
            t("spread_col_confirmed"): st.column_config.NumberColumn(
                help=t("spread_col_confirmed_help")),
            t("spread_col_trend"): st.column_config.BarChartColumn(
                help=t("spread_col_trend_help", n=TREND_DAYS), y_min=0),
            t("spread_col_last"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
            t("spread_col_link"): st.column_config.LinkColumn(display_text=t("evidence_link"))})
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
        show_workflow(claim, "claim")
        st.caption(t("spread_posts", n=number(len(posts)), total=number(int(claim["posts"]))))
        posts_table(posts, key="spread-posts", match=True)


SPREAD_POSTS = 200  # the most texts listed under a picked claim (newest first)


def show_bank() -> None:
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
    if not editable:
        return
    with st.expander(t("bank_add")), st.form("bank-add", clear_on_submit=True):
        claim = st.text_area(t("bank_claim"), help=t("bank_claim_help"), key="bank-claim")
        fact = st.text_area(t("bank_fact"), key="bank-fact")
        left, right = st.columns(2)
        verdict = left.selectbox(t("bank_verdict"), ["Salah", "Benar"],
                                 format_func=lambda v: t(f"bank_verdict_{v.lower()}"),
                                 key="bank-verdict")
        link = right.text_input(t("bank_link"), key="bank-link")
        if st.form_submit_button(t("bank_save")):
            if not analyst:
                st.error(t("fix_need_analyst"))
                return
            if not claim.strip() or not fact.strip():
                st.error(t("bank_need_both"))
                return
            if link.strip() and not is_web_address(link):
                st.error(t("bank_bad_link"))
                return
            try:
                add_claim(store(), claim, fact, status=verdict, url=link.strip() or None,
                          source=f"Analis Pantau ({analyst})")
            except PantauError as error:
                st.error(str(error))
                return
            st.success(t("bank_added"))


analyst = analyst_input()
editable = can_edit()
threshold = settings().hoax_threshold
with tab_items:
    limit = st.select_slider(t("hoax_show"), options=[10, 25, 50, 100], value=25)
    items = query("top_hoaxes", filters, limit=limit)
    if items.empty:
        st.info(t("hoax_none"))
    for row in to_local(items, "local_time").itertuples(index=False):
        with st.container(border=True):
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
                st.markdown(f":violet-badge[{t('coord_badge')}] {escape(cluster_text(row))}")
            if not row.contributions and (p_head := present(row.p_head)) is not None:
                st.caption(f"{t('evidence_head')}: {decimal(p_head)}")
            show_why(row)
            show_workflow(row)

with tab_spreading:
    show_spreading()

with tab_clusters:
    clusters = query("coordination_clusters", filters)
    if clusters.empty:
        st.info(t("coord_none", n=settings().coord_accounts, m=settings().coord_minutes))
    for cluster in clusters.itertuples(index=False):
        with st.container(border=True):
            st.markdown(f"**{escape(cluster_text(cluster))}**")
            st.markdown(escape(str(cluster.text)[:400]))
            st.caption(t("coord_accounts") + ": " + ", ".join(
                escape(a) for a in list(cluster.accounts)[:30]))
            with st.expander(t("coord_timeline")):
                posts = query("cluster_posts", None, cluster_id=cluster.cluster_id)
                st.dataframe(posts, hide_index=True, width="stretch")
            show_workflow(cluster, "cluster")

with tab_bank:
    show_bank()
