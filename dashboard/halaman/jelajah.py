"""Jelajah (explore): full-text search over the posts with every sidebar filter, sorted as the
analyst needs, with the scores of each post and a link to it. Analysts correct a sentiment
label or move a hoax status right in the table; each change is kept with who and when."""

from __future__ import annotations

import streamlit as st

from analysis.errors import StoreError
from analysis.models.labels import LABELS
from analysis.store.corrections import add_correction
from analysis.store.reviews import STATUSES, allowed, set_status
from analysis.store.trends import ORDERS
from dashboard.auth import can_edit
from dashboard.state import analyst_input, clear_caches, number, query, sidebar_filters, store, t
from dashboard.views import NO_FIX, posts_columns, posts_frame, posts_table

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
    st.stop()

analyst = analyst_input()
labels = {label: t(label) for label in LABELS}
steps = {status: t(f"wf_{status}") for status in STATUSES}
table = posts_frame(rows)
# the two editable columns first, where the analyst sees them without scrolling sideways
table.insert(0, t("col_fix"), rows["corrected"].map(lambda v: labels.get(v, NO_FIX)))
table.insert(0, t("col_hoax_status"), rows["status"].map(steps))
table.insert(0, "id", rows["id"])
edited = st.data_editor(
    table, hide_index=True, width="stretch", key=f"explore-edit-{search}-{order}-{limit}",
    disabled=[c for c in table.columns if c not in (t("col_fix"), t("col_hoax_status"))],
    column_config={
        **posts_columns(),
        "id": None,
        t("col_fix"): st.column_config.SelectboxColumn(options=[NO_FIX, *labels.values()],
                                                       help=t("fix_column_help")),
        t("col_hoax_status"): st.column_config.SelectboxColumn(options=list(steps.values()),
                                                          help=t("explore_status_help")),
    },
)
label_of = {v: k for k, v in labels.items()}
status_of = {v: k for k, v in steps.items()}
before, after = table.set_index("id"), edited.set_index("id")
fixes = [(doc, label_of[value]) for doc, value in after[t("col_fix")].items()
         if value in label_of and value != before.at[doc, t("col_fix")]]
moves = [(doc, status_of[before.at[doc, t("col_hoax_status")]], status_of[value])
         for doc, value in after[t("col_hoax_status")].items()
         if value in status_of and value != before.at[doc, t("col_hoax_status")]]
wrong = [(doc, old, new) for doc, old, new in moves if not allowed(old, new)]
for _doc, old, new in wrong:
    st.warning(t("explore_bad_step", a=steps[old], b=steps[new]))
if st.button(t("explore_save", n=len(fixes) + len(moves) - len(wrong)), type="primary",
             disabled=not fixes and len(moves) == len(wrong)):
    if not analyst:
        st.error(t("fix_need_analyst"))
    else:
        try:
            for doc, label in fixes:
                add_correction(store(), str(doc), "sentiment", label, analyst)
            for doc, old, new in moves:
                if allowed(old, new):
                    set_status(store(), "doc", str(doc), new, analyst)
        except StoreError as error:
            st.error(str(error))
        else:
            clear_caches()
            st.success(t("explore_saved", n=len(fixes) + len(moves) - len(wrong), who=analyst))
st.caption(t("explore_edit_note"))
