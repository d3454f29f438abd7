"""Jelajah (explore): full-text search over the posts with every sidebar filter, sorted as the
analyst needs, with the scores of each post and a link to it. Analysts correct a sentiment
label or move a hoax status right in the table; each change is kept with who and when."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import StoreError
from analysis.store.corrections import add_correction
from analysis.store.reviews import allowed, set_status
from analysis.store.trends import ORDERS
from analysis.vocabulary import SENTIMENTS, STATUSES, Sentiment, Status, Target, Task
from dashboard.auth import analyst_input, can_edit
from dashboard.filters import sidebar_filters
from dashboard.formatting import number
from dashboard.queries import clear_caches, query, store
from dashboard.texts import t
from dashboard.views import NO_FIX, posts_columns, posts_frame, posts_table

Fix = tuple[str, Sentiment]  # document, label
Move = tuple[str, Status, Status]  # document, status before, status after


def edited_table(rows: pd.DataFrame, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The posts with their correction and hoax status editable (first, where the analyst
    sees them without scrolling sideways); the table as shown and as edited."""
    labels = {label: t(label) for label in SENTIMENTS}
    steps = {status: t(f"wf_{status}") for status in STATUSES}
    table = posts_frame(rows)
    table.insert(0, t("col_fix"), rows["corrected"].map(lambda v: labels.get(v, NO_FIX)))
    table.insert(0, t("col_hoax_status"), rows["status"].map(steps))
    table.insert(0, "id", rows["id"])
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key=key,
        disabled=[c for c in table.columns if c not in (t("col_fix"), t("col_hoax_status"))],
        column_config={
            **posts_columns(),
            "id": None,
            t("col_fix"): st.column_config.SelectboxColumn(options=[NO_FIX, *labels.values()],
                                                           help=t("fix_column_help")),
            t("col_hoax_status"): st.column_config.SelectboxColumn(
                options=list(steps.values()), help=t("explore_status_help")),
        },
    )
    return table, edited


def changes(table: pd.DataFrame, edited: pd.DataFrame) -> tuple[list[Fix], list[Move]]:
    """The labels corrected and the statuses moved in the editor, as stored values."""
    label_of = {t(label): label for label in SENTIMENTS}
    status_of = {t(f"wf_{status}"): status for status in STATUSES}
    before, after = table.set_index("id"), edited.set_index("id")
    fixes = [(str(doc), label_of[value]) for doc, value in after[t("col_fix")].items()
             if value in label_of and value != before.at[doc, t("col_fix")]]
    moves = [(str(doc), status_of[str(before.at[doc, t("col_hoax_status")])], status_of[value])
             for doc, value in after[t("col_hoax_status")].items()
             if value in status_of and value != before.at[doc, t("col_hoax_status")]]
    return fixes, moves


def save(fixes: list[Fix], moves: list[Move], analyst: str) -> None:
    """Keep every correction and allowed status step, signed by ``analyst``."""
    try:
        for doc, label in fixes:
            add_correction(store(), doc, Task.SENTIMENT, label, analyst)
        for doc, old, new in moves:
            if allowed(old, new):
                set_status(store(), Target.DOC, doc, new, analyst)
    except StoreError as error:
        st.error(str(error))
    else:
        wrong = sum(not allowed(old, new) for _, old, new in moves)
        st.success(t("explore_saved", n=len(fixes) + len(moves) - wrong, who=analyst))
    finally:  # what was kept before a fault is data too: no page may show the old figures
        clear_caches()


def edit(rows: pd.DataFrame, key: str) -> None:
    """The editable table, a warning for each step the workflow does not allow, and Save."""
    analyst = analyst_input()
    table, edited = edited_table(rows, key)
    fixes, moves = changes(table, edited)
    wrong = [(old, new) for _, old, new in moves if not allowed(old, new)]
    for old, new in wrong:
        st.warning(t("explore_bad_step", a=t(f"wf_{old}"), b=t(f"wf_{new}")))
    if st.button(t("explore_save", n=len(fixes) + len(moves) - len(wrong)), type="primary",
                 disabled=not fixes and len(moves) == len(wrong)):
        if not analyst:
            st.error(t("fix_need_analyst"))
        else:
            save(fixes, moves, analyst)
    st.caption(t("explore_edit_note"))


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
if not can_edit() or rows.empty:
    posts_table(rows, key="explore-table")
else:
    edit(rows, key=f"explore-edit-{search}-{order}-{limit}")
