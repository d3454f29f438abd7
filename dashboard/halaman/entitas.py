"""Entitas: the watchlist, each entity's share of voice and sentiment, and who talks about it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.insights.entities import (
    DEFAULT_WATCHLIST,
    EntityError,
    add_entity,
    list_entities,
    remove_entity,
    seed_defaults,
)
from analysis.store.filters import Filters
from analysis.store.trends import bucket_for, bucket_window
from analysis.text.boolquery import QueryError
from analysis.vocabulary import Sentiment
from dashboard.auth import actor, analyst_input, can_edit
from dashboard.charts import chart_config, platform_name
from dashboard.charts_analytics import clicked_series, sentiment_bars, share_chart
from dashboard.filters import period_days, sidebar_filters
from dashboard.formatting import decimal, safe_url, sentiment_word, separators, to_local
from dashboard.queries import clear_caches, query, refresh_entity_hits, settings, store
from dashboard.texts import t
from dashboard.views import DRILL_LIMIT, bucket_label, drill_panel

POSTS_SHOWN = 20  # an entity's most engaged texts under its accounts
ACCOUNTS_SHOWN = 15


def posts_list(found: pd.DataFrame, key: str | None = None) -> None:
    """An entity's texts: time, platform, author, text, engagement, model label, link."""
    found = to_local(found, "local_time")
    st.dataframe(pd.DataFrame({
        t("col_time"): found["local_time"], t("col_platform"): found["platform"].map(platform_name),
        t("ent_col_author"): found["author"].fillna("—"), t("col_text"): found["text"],
        t("ent_col_engagement"): found["engagement"],
        t("col_model"): found["sentiment"].map(sentiment_word),
        "URL": found["url"].map(safe_url)}), hide_index=True, width="stretch", key=key,
        column_config={"URL": st.column_config.LinkColumn(display_text=t("open_post"))})


def problem(error: QueryError | EntityError, name: str = "") -> str:
    """The error in the viewer's language."""
    return t(f"ent_err_{error.code}", p=getattr(error, "position", 0),
             w=getattr(error, "text", ""), name=name)


def changed(note: str | None = None, error: str | None = None) -> None:
    """After a watchlist change: forget the cached entity figures and draw the page again,
    with ``note`` or ``error`` shown above the list."""
    if note:
        st.session_state["ent-note"] = note
    if error:
        st.session_state["ent-error"] = error
    clear_caches()
    st.rerun()


def manage(listed: pd.DataFrame, editable: bool) -> None:
    """The watchlist table, and for analysts: add, remove, or start from the examples."""
    if listed.empty:
        st.info(t("ent_empty"))
        if editable and st.button(t("ent_seed", names=", ".join(n for n, _ in DEFAULT_WATCHLIST)),
                                  help=t("ent_seed_help")):
            seed_defaults(store(), analyst_input() or None)
            changed()
    else:
        listed = listed.assign(created_at=pd.to_datetime(listed["created_at"], utc=True)
                               .dt.tz_convert(settings().timezone).dt.tz_localize(None))
        st.dataframe(to_local(listed, "created_at").fillna({"created_by": "—"}).rename(columns={
            "name": t("ent_col_name"), "query": t("ent_col_query"),
            "created_by": t("ent_col_by"), "created_at": t("ent_col_at")}),
            hide_index=True, width="stretch")
    if not editable:
        st.caption(t("ent_view_only"))
        return
    add_form()
    if not listed.empty:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        gone = left.selectbox(t("ent_remove"), listed["name"].tolist())
        if right.button(t("ent_remove_button")) and remove_entity(store(), gone, actor()):
            changed(note=t("ent_removed", name=gone))


def add_form() -> None:
    """Name and query of a new watched entity; a bad query says what is wrong and where."""
    with st.form("ent-add", clear_on_submit=False, border=False):
        st.markdown(f"**{t('ent_add')}**")
        left, right = st.columns([1, 2])
        name = left.text_input(t("ent_name"), placeholder=t("ent_name_hint"))
        text = right.text_input(t("ent_query"), placeholder=t("ent_query_hint"),
                                help=t("ent_query_help"))
        if st.form_submit_button(t("ent_add_button")):
            try:
                added = add_entity(store(), name, text, analyst_input() or None)
            except (QueryError, EntityError) as error:
                changed(error=problem(error, name.strip()))
            else:
                changed(note=t("ent_added", name=added))


def percent(value: float, digits: int = 0) -> str:
    """A share in the viewer's notation: 9,1% (Indonesian), 9.1% (English)."""
    return decimal(100 * value, digits) + "%"


def show_summary(table: pd.DataFrame) -> None:
    """One row per entity; "—" where it has no text (or no labelled text) to measure."""
    found = table["n"] > 0
    labelled = table["scored"] > 0
    st.dataframe(pd.DataFrame({
        t("ent_col_name"): table["entity"], t("ent_col_n"): table["n"],
        t("ent_col_voice"): table["share_of_voice"].map(percent).where(found, "—"),
        t("ent_col_texts_share"): table["share_of_texts"].map(
            lambda v: percent(v, 1)).where(found, "—"),
        t("ent_col_net"): table["net_sentiment"].map(
            lambda v: decimal(v, signed=True)).where(labelled, "—"),
        t("ent_col_negative"): table["negative_share"].map(percent).where(labelled, "—"),
        t("ent_col_accounts"): table["accounts"],
        t("ent_col_engagement"): table["engagement"]}), hide_index=True, width="stretch")


def show_voice(filters: Filters) -> None:
    """Share of voice (or texts) per bucket; a clicked bar lists that entity's texts in it."""
    bucket = bucket_for(period_days(filters))
    measure = st.radio(t("ent_measure"), ["share_of_voice", "n", "share_of_texts"],
                       horizontal=True, help=t("ent_measure_help"),
                       format_func=lambda m: t(f"ent_measure_{m}"))
    frame = query("entity_trends", filters, bucket=bucket)
    title = t("ent_chart_voice", m=t(f"ent_measure_{measure}"), b=t(f"bucket_{bucket}"))
    generation = st.session_state.get("ent-drill", 0)
    event = st.plotly_chart(
        share_chart(frame, measure, title, t("axis_time"), t(f"ent_measure_{measure}"), bucket,
                    separators(), percent=measure != "n", period=(filters.start, filters.end)),
        width="stretch", key=f"ent-voice-{generation}", on_select="rerun",
        selection_mode="points", config=chart_config("pantau-porsi-suara"))
    st.caption(t("ent_drill_hint"))
    if picked := clicked_series(event.selection.points if event else []):
        start, entity = picked
        found = query("entity_posts", filters, name=entity, limit=DRILL_LIMIT,
                      window=bucket_window(start, bucket))
        drill_panel([entity, bucket_label(start, bucket)], len(found), "ent-drill",
                    lambda key: posts_list(found, key), capped=len(found) == DRILL_LIMIT)


def show_people(filters: Filters, table: pd.DataFrame) -> None:
    """The accounts that write most about the entity picked, and its most engaged texts."""
    left, right = st.columns(2)
    name = left.selectbox(t("ent_pick"), table.loc[table["n"] > 0, "entity"].tolist())
    by = right.radio(t("ent_rank"), ["posts", "engagement"], horizontal=True,
                     format_func=lambda b: t(f"ent_rank_{b}"))
    ranked = query("top_accounts", filters, name=name, by=by, limit=ACCOUNTS_SHOWN)
    st.dataframe(pd.DataFrame({
        t("ent_col_author"): ranked["author"].fillna("—"),
        t("col_platform"): ranked["platform"].map(platform_name),
        t("ent_col_source"): ranked["source"].fillna("—"), t("ent_col_posts"): ranked["posts"],
        t("ent_col_engagement"): ranked["engagement"],
        t("ent_col_negative"): ranked[Sentiment.NEGATIVE]}),
        hide_index=True, width="stretch")
    st.markdown(f"**{t('ent_posts')}**")
    posts_list(query("entity_posts", filters, name=name, limit=POSTS_SHOWN))


st.title(t("ent_title"))
st.caption(t("ent_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()
if note := st.session_state.pop("ent-note", None):
    st.success(note)
listed = list_entities(store())
error = st.session_state.pop("ent-error", None)
with st.expander(t("ent_manage", n=len(listed)), expanded=listed.empty or error is not None):
    if error:  # shown here, and the list kept open, so the query can be fixed at once
        st.error(error)
    manage(listed, can_edit())
if listed.empty:
    st.stop()

refresh_entity_hits(listed)
table = query("entity_summary", filters)
if not table["n"].sum():
    st.info(t("ent_none_found"))
    st.stop()
st.subheader(t("ent_table"))
show_summary(table)

voice, feeling, people = st.tabs([t("ent_tab_voice"), t("ent_tab_sentiment"),
                                  t("ent_tab_accounts")])
with voice:
    show_voice(filters)
with feeling:
    st.plotly_chart(sentiment_bars(table[table["n"] > 0], t("ent_chart_sentiment"), t,
                                   lambda v: f"{t('ent_net')} {decimal(v, signed=True)}",
                                   separators()), width="stretch")
with people:
    show_people(filters, table)
