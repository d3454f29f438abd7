"""Peringatan (alerts), for analysts: where alerts go (Apprise URLs, shown masked), the rules
that raise them with their params, a test message, and the log of what was sent.

The work is :mod:`analysis.monitor.alerts`' (and the store's ``alerts``); this page calls it.
Sending a test message is network work, so the page does not hold the store meanwhile
(``dashboard/app.py`` runs it outside a store session).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import ConfigError
from analysis.monitor.alert_rules import DEFAULT_RULES
from analysis.monitor.alerts import add_destination, alert_log, rules, send_test, set_rule
from analysis.store.alerts import list_destinations, remove_destination
from dashboard.auth import analyst_input, can_edit
from dashboard.queries import settings, store
from dashboard.texts import lang, t

LOG_SHOWN = 200


def changed(note: str | None = None, error: str | None = None) -> None:
    """Show ``note`` or ``error`` after the rerun that shows the change."""
    if note:
        st.session_state["al-note"] = note
    if error:
        st.session_state["al-error"] = error
    st.rerun()


def zone() -> str:
    """The local time zone's short name (WIB)."""
    return datetime.now(settings().tz).tzname() or settings().timezone


def destinations(analyst: str | None) -> None:
    """The destinations, masked; add, remove and test."""
    st.subheader(t("al_destinations"))
    listed = list_destinations(store())
    if listed.empty:
        st.info(t("al_no_destinations"))
    else:
        listed = listed.assign(created_by=listed["created_by"].fillna("—"))
        st.dataframe(listed[["id", "label", "shown", "active", "created_by"]].rename(columns={
            "id": t("al_col_id"), "label": t("al_col_label"), "shown": t("al_col_shown"),
            "active": t("al_col_active"), "created_by": t("al_col_by")}),
            hide_index=True, width="stretch")
    add_form(analyst)
    if listed.empty:
        return
    names = dict(zip(listed["id"], listed["label"], strict=True))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    gone = left.selectbox(t("al_remove"), list(names), format_func=lambda i: f"{i}: {names[i]}")
    if right.button(t("al_remove_button")) and remove_destination(store(), str(gone), analyst):
        changed(note=t("al_removed", id=gone))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    target = left.selectbox(t("al_test"), ["", *names],
                            format_func=lambda i: f"{i}: {names[i]}" if i else t("al_test_all"))
    if right.button(t("al_test_button")):
        for result in send_test(store(), str(target) or None, lang()):
            if result["ok"]:
                st.success(t("al_test_ok", label=result["label"]))
            else:
                st.error(t("al_test_failed", label=result["label"], error=result["error"]))


def add_form(analyst: str | None) -> None:
    """A new destination: its Apprise URL (typed like a password, never shown) and a name."""
    with st.form("al-add", clear_on_submit=True, border=False):
        st.markdown(f"**{t('al_add')}**")
        left, right = st.columns([2, 1])
        url = left.text_input(t("al_url"), type="password", help=t("al_url_help"))
        label = right.text_input(t("al_label"), placeholder=t("al_label_hint"))
        if st.form_submit_button(t("al_add_button")):
            try:
                new_id = add_destination(store(), url, label, analyst)
            except ConfigError as error:
                changed(error=str(error))
            else:
                shown = list_destinations(store()).set_index("id").loc[new_id, "label"]
                changed(note=t("al_added", id=new_id, label=shown))


def rule_settings(analyst: str | None) -> None:
    """Each rule: on or off, and its params."""
    st.subheader(t("al_rules"))
    st.caption(t("al_rules_intro", quiet=settings().alert_quiet or t("al_no_quiet")))
    table = rules(store()).set_index("kind")
    chosen: dict[str, tuple[bool, dict[str, Any]]] = {}
    with st.form("al-rules", border=False):
        for kind, defaults in DEFAULT_RULES.items():
            row = table.loc[kind]
            on = st.toggle(t(f"al_rule_{kind}"), value=bool(row["active"]), key=f"al-on-{kind}")
            params = {**defaults, **row["params"]}
            columns = st.columns(len(defaults))
            chosen[kind] = (on, {
                name: column.number_input(
                    t(f"al_param_{name}"), min_value=0.0 if isinstance(value, float) else 0,
                    value=params[name], key=f"al-{kind}-{name}")
                for column, (name, value) in zip(columns, defaults.items(), strict=True)})
        if st.form_submit_button(t("al_rules_save")):
            for kind, (on, params) in chosen.items():
                set_rule(store(), kind, on, params, analyst)
            changed(note=t("al_rules_saved"))


def log() -> None:
    """What was raised and delivered: when, to which destination, status, attempts, error."""
    st.subheader(t("al_log"))
    frame = alert_log(store(), LOG_SHOWN)
    if frame.empty:
        st.info(t("al_log_empty"))
        return
    local = {column: pd.to_datetime(frame[column], utc=True).dt.tz_convert(settings().tz)
             .dt.strftime("%d/%m/%Y %H:%M") for column in ("created_at", "sent_at")}
    st.dataframe(pd.DataFrame({
        t("al_col_when", zone=zone()): local["created_at"],
        t("al_col_kind"): frame["kind"].map(lambda k: t(f"al_rule_{k}")
                                            if k in DEFAULT_RULES else k),
        t("al_col_title"): frame["title"],
        t("al_col_destination"): frame["destination"].fillna("—"),
        t("al_col_status"): frame["status"].map(lambda s: t(f"al_status_{s}")),
        t("al_col_attempts"): frame["attempts"],
        t("al_col_error"): frame["last_error"].fillna(""),
        t("al_col_sent", zone=zone()): local["sent_at"].fillna("—"),
    }), hide_index=True, width="stretch")


st.title(t("al_title"))
st.caption(t("al_intro"))
if not can_edit():
    st.warning(t("al_analysts_only"))
    st.stop()
if note := st.session_state.pop("al-note", None):
    st.success(note)
if error := st.session_state.pop("al-error", None):
    st.error(error)
analyst = analyst_input() or None
destinations(analyst)
rule_settings(analyst)
log()
