"""The follow-up of a flagged item (a text, a coordinated cluster or a spreading claim): its
status history, and for analysts the next step with a note, signed with their name.

The follow-up sits in a closed expander under every card, and a page shows dozens of cards:
its content (the history read and the form) is drawn only once the reader opens it, which
reruns the page, so a page run does not read every item's history nor send every form.

A text closed as not a hoax can go into the fact-check bank as a fact in the same step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import PantauError
from analysis.signals.claim_bank import fact_from_text
from analysis.store.reviews import allowed, set_status
from analysis.vocabulary import STATUSES, Status, Target
from dashboard.formatting import escape, present
from dashboard.queries import clear_caches, query, settings, store
from dashboard.texts import t

REOPEN = "wf-reopen"
"""The item whose follow-up was just saved: it stays open on the rerun that shows the step."""
ID_COLUMNS: dict[str, str] = {Target.DOC: "id", Target.CLUSTER: "cluster_id",
                              Target.CLAIM: "claim_id"}
"""The column that holds an item's id, per kind of item."""


def item_key(kind: str, target: str) -> str:
    """The item's part of its widgets' keys: the text id, else ``KIND-ID``."""
    return target if kind == "doc" else f"{kind}-{target}"


def show_workflow(row: Any, kind: str, editable: bool, analyst: str) -> None:
    """The item's status in the workflow and its history; for analysts (``editable``), the
    form for the next step."""
    target = str(getattr(row, ID_COLUMNS[kind]))
    key = item_key(kind, target)
    # the label names the status: after a step it is a new expander, opened again (REOPEN)
    box = st.expander(t("wf_title", s=t(f"wf_{row.status}")), key=f"wf-open-{key}",
                      on_change="rerun", expanded=st.session_state.get(REOPEN) == key)
    if not box.open:
        return
    with box:
        show_history(kind, target)
        if editable:
            next_step(row, kind, target, analyst)


def show_history(kind: str, target: str) -> None:
    """Every status change of the item: when, who, to what, and their note."""
    history = query("review_history", None, target_kind=kind, target_id=target)
    steps: Iterable[Any] = history.itertuples(index=False)
    for step in steps:
        when = pd.Timestamp(step.reviewed_at).tz_convert(settings().tz)
        note = f" — {escape(step.note)}" if present(step.note) else ""
        st.caption(f"{when:%d/%m/%Y %H:%M} · {escape(step.analyst)} → "
                   f"{t(f'wf_{step.status}')}{note}")


def next_step(row: Any, kind: str, target: str, analyst: str) -> None:
    """The steps allowed from the item's status, a note, and (texts) "add to the bank as a
    fact" when the item may be closed as not a hoax."""
    key = item_key(kind, target)
    choices = [status for status in STATUSES if allowed(row.status, status)]
    with st.form(key=f"wf-{key}", border=False):
        left, right = st.columns(2)
        new = left.selectbox(t("wf_next"), choices, format_func=lambda s: t(f"wf_{s}"),
                             key=f"wf-next-{key}")
        note = right.text_input(t("wf_note"), key=f"wf-note-{key}")
        as_fact = (st.checkbox(t("wf_as_fact"), help=t("wf_as_fact_help"), key=f"wf-fact-{key}")
                   if kind == "doc" and Status.NOT_HOAX in choices else False)
        if st.form_submit_button(t("wf_save")):
            save_step(row, kind, target, str(new), note, as_fact, analyst)


def save_step(row: Any, kind: str, target: str, new: str, note: str, as_fact: bool,
              analyst: str) -> None:
    """Record the step (and the fact), forget the cached figures and draw the page again; or
    say why it cannot be recorded."""
    if not analyst:
        st.error(t("fix_need_analyst"))
        return
    try:
        set_status(store(), kind, target, new, analyst, note or None)
        if as_fact and new == Status.NOT_HOAX:
            fact_from_text(store(), row.id, analyst, note or None)
            st.toast(t("bank_added"))
    except PantauError as error:
        st.error(str(error))
        return
    clear_caches()
    st.session_state[REOPEN] = item_key(kind, target)
    st.rerun()
