"""Sumber: the sources the monitoring worker collects (analysts only). Add a source, pause,
resume or remove one, see each source's health and last error and the latest collections,
and enable feeds from the starter list of Indonesian outlets."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from analysis.collect.starter import starter_feeds
from analysis.errors import PantauError
from analysis.monitor import sources as source_actions
from analysis.monitor.sources import DEFAULT_EVERY, KINDS, add_source, list_sources
from analysis.store.sources import recent_runs
from dashboard.auth import analyst_input, can_edit
from dashboard.formatting import escape
from dashboard.live import clock, when, worker_alive
from dashboard.queries import live_snapshot, store
from dashboard.texts import t

st.title(t("src_title"))
if not can_edit():  # the navigation hides the page from viewers; its address says the same
    st.error(t("auth_view_only"))
    st.stop()
st.caption(t("src_intro"))
analyst = analyst_input()

alive, seen = worker_alive(datetime.now(UTC))
if alive and seen is not None:
    st.success(t("src_worker_on", when=clock(seen)), icon=":material/sync:")
else:
    st.warning(t("src_worker_off", when=clock(seen) if seen else t("src_never")),
               icon=":material/sync_problem:")


def add_form() -> None:
    with st.form("src-add", clear_on_submit=True, border=True):
        st.subheader(t("src_add"))
        left, right = st.columns([1, 2])
        kind = left.selectbox(t("src_kind"), KINDS, format_func=lambda k: t(f"src_kind_{k}"))
        target = right.text_input(t("src_target"), placeholder=t("src_target_hint"))
        left, right = st.columns([2, 1])
        name = left.text_input(t("src_name"))
        every = right.number_input(t("src_every"), min_value=1, max_value=10080,
                                   value=DEFAULT_EVERY["rss"])
        if not st.form_submit_button(t("src_add_button"), type="primary"):
            return
    try:
        added = add_source(store(), kind, target, name=name or None, every_minutes=int(every),
                           created_by=analyst or None)
    except PantauError as error:
        st.error(str(error))
    else:
        live_snapshot.clear()  # the sidebar's list of sources too, from the next run
        st.success(t("src_added", name=added.name))


def sources_table(frame: pd.DataFrame) -> None:
    st.subheader(t("src_list"))
    if frame.empty:
        st.info(t("src_none"))
        return
    table = pd.DataFrame({
        t("col_src_name"): frame["name"],
        t("col_src_kind"): frame["kind"].map(lambda k: t(f"src_kind_{k}")),
        t("col_src_state"): frame["state"].map(lambda s: t(f"src_state_{s}")),
        t("col_src_last"): frame["last_run_at"].map(when),
        t("col_src_new"): frame["last_new"].map(lambda n: "—" if pd.isna(n) else str(int(n))),
        t("col_src_every"): frame["every_minutes"],
        t("col_src_error"): frame["last_error"].fillna(""),
        t("col_src_target"): frame["target"],
    })
    failing = frame[frame["state"] == "failing"]
    for name, error in zip(failing["name"], failing["last_error"], strict=True):
        st.error(t("src_failing", name=escape(name), error=escape(error)),
                 icon=":material/error:")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("col_src_error"): st.column_config.TextColumn(width="large"),
        t("col_src_target"): st.column_config.TextColumn(width="medium"),
    })
    actions(frame)


def actions(frame: pd.DataFrame) -> None:
    left, *buttons = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    name = left.selectbox(t("src_pick"), frame["name"].tolist(), key="src-pick")
    row = frame.set_index("name").loc[name]
    done = None
    if buttons[0].button(t("src_pause"), disabled=not bool(row["active"]), width="stretch"):
        done = "pause"
    if buttons[1].button(t("src_resume"), disabled=bool(row["active"]), width="stretch"):
        done = "resume"
    sure = st.checkbox(t("src_remove_sure"), key="src-remove-sure")
    if buttons[2].button(t("src_remove"), disabled=not sure, width="stretch"):
        done = "remove"
    if done:
        getattr(source_actions, f"{done}_source")(store(), name, analyst or None)
        st.session_state["src-done"] = t(f"src_done_{done}", name=name)
        live_snapshot.clear()
        st.rerun()


def runs_table() -> None:
    runs = recent_runs(store(), limit=30)
    if runs.empty:
        return
    st.subheader(t("src_runs"))
    notes = [
        " · ".join(filter(None, [str(e) if isinstance(e, str) else "",
                                 *json.loads(n if isinstance(n, str) else "[]")]))
        for e, n in zip(runs["error"], runs["notes"], strict=True)
    ]
    st.dataframe(pd.DataFrame({
        t("col_run_started"): runs["started_at"].map(when),
        t("col_run_source"): runs["source"],
        t("col_run_status"): runs["status"].map(lambda s: t(f"run_{s}")),
        t("col_run_items"): runs["items"], t("col_run_new"): runs["new_items"],
        t("col_run_stored"): runs["stored"], t("col_run_notes"): notes,
    }), hide_index=True, width="stretch", column_config={
        t("col_run_notes"): st.column_config.TextColumn(width="large")})


def starter_list(frame: pd.DataFrame) -> None:
    feeds = pd.DataFrame(starter_feeds())
    known = set(frame["target"]) if not frame.empty else set()
    feeds = feeds[~feeds["url"].isin(known)]
    with st.expander(t("src_starter")):
        st.caption(t("src_starter_note"))
        st.dataframe(feeds[["name", "kind", "region", "url"]], hide_index=True, width="stretch")
        picked = st.multiselect(t("src_starter_pick"), feeds["name"].tolist(), key="src-starter")
        if st.button(t("src_starter_add", n=len(picked)), disabled=not picked):
            chosen = feeds[feeds["name"].isin(picked)]
            for feed in starter_feeds():
                if feed["name"] in picked and feed["url"] not in known:
                    add_source(store(), str(feed["kind"]), str(feed["url"]),
                               name=str(feed["name"]), every_minutes=int(feed["every_minutes"]),
                               created_by=analyst or None)
            st.session_state["src-done"] = t("src_starter_added", n=len(chosen))
            live_snapshot.clear()
            st.rerun()


if message := st.session_state.pop("src-done", None):
    st.success(message)
add_form()
current = list_sources(store())
sources_table(current)
runs_table()
starter_list(current)
