"""Jejak audit (analysts only): every change recorded in the audit log — who, what, when —
filtered by period, person and kind of change, and downloadable as formula-safe CSV.

The log is :mod:`analysis.store.audit`'s; the CSV is :func:`analysis.reports.exports.audit_csv`
(a name or detail starting with ``=`` opens in a spreadsheet as text)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from analysis.reports.exports import audit_csv
from analysis.store.audit import audit_actions, audit_actors, audit_entries
from dashboard.auth import can_edit
from dashboard.queries import settings, store
from dashboard.texts import t, t_or

SHOWN = 5000  # entries one page run reads and offers for download, newest first


def period() -> tuple[date | None, date | None]:
    """The chosen days (the last 30 by default); while a range is half picked, from its day."""
    today = datetime.now(settings().tz).date()
    chosen = st.date_input(t("aud_period"), value=(today - timedelta(days=30), today),
                           key="aud-period", format="DD/MM/YYYY")
    days = list(chosen) if isinstance(chosen, list | tuple) else [chosen]
    return (days[0] if days else None), (days[1] if len(days) > 1 else None)


def action_choices() -> list[str]:
    """Each kind of thing (all its changes), then each action recorded so far."""
    actions = audit_actions(store())
    kinds = sorted({action.split(".")[0] for action in actions})
    return ["", *kinds, *actions]


def action_name(choice: str) -> str:
    """A choice of the filter: all, a kind of thing (all its changes) or one action."""
    if not choice:
        return t("aud_all")
    return t_or(f"aud_kind_{choice}", "") or action_label(choice)


def action_label(action: str) -> str:
    """An action in words ("Sumber dijeda"); the code itself when the page has no words for
    it (an entry written by a newer version)."""
    return t_or(f"aud_act_{action}", action)


def details_text(details: object) -> str:
    """An entry's details as ``name: value`` pairs, not JSON."""
    if isinstance(details, dict):
        found = details
    elif not isinstance(details, str) or not details:
        return ""
    else:
        try:
            found = json.loads(details)
        except ValueError:
            return details
        if not isinstance(found, dict):
            return details
    return " · ".join(f"{name}: {value if isinstance(value, str) else json.dumps(value)}"
                      for name, value in found.items() if value not in (None, "", [], {}))


def entries_table(entries: pd.DataFrame) -> pd.DataFrame:
    zone = datetime.now(settings().tz).tzname() or settings().timezone
    local = entries["at"].dt.tz_convert(settings().tz).dt.strftime("%d/%m/%Y %H:%M:%S")
    return pd.DataFrame({
        t("aud_col_at", zone=zone): local, t("aud_col_actor"): entries["actor"],
        t("aud_col_action"): entries["action"].map(action_label),
        t("aud_col_kind"): entries["target_kind"].map(
            lambda kind: t_or(f"aud_what_{kind}", str(kind))),
        t("aud_col_target"): entries["target"].fillna("—"),
        t("aud_col_details"): entries["details"].map(details_text),
    })


st.title(t("aud_title"))
if not can_edit():  # not in a viewer's navigation; this guards the page itself too
    st.error(t("auth_view_only"))
    st.stop()
st.caption(t("aud_intro"))
left, middle, right = st.columns(3)
with left:
    since, until = period()
who = middle.selectbox(t("aud_actor"), ["", *audit_actors(store())], key="aud-actor",
                       format_func=lambda name: name or t("aud_all"))
what = right.selectbox(t("aud_action"), action_choices(), key="aud-action",
                       format_func=action_name)
found = audit_entries(store(), since=since, until=until, actor=who or None,
                      action=what or None, limit=SHOWN, tz=settings().tz)
if found.empty:
    st.info(t("aud_empty"))
else:
    if len(found) == SHOWN:
        st.caption(t("aud_capped", n=SHOWN))
    st.dataframe(entries_table(found), hide_index=True, width="stretch", column_config={
        t("aud_col_details"): st.column_config.TextColumn(width="large")})
    st.download_button(t("aud_download"), audit_csv(found, settings().tz), mime="text/csv",
                       file_name=f"pantau-audit-{since or 'awal'}-{until or since}.csv",
                       icon=":material/download:")
