"""Koreksi: analysts correct sentiment labels in place; the model's accuracy on their labels.

Each saved correction is kept with the analyst's name and the time (``pantau evaluate sentiment
--corrections`` and ``pantau train sentiment --with-corrections`` use them).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import StoreError
from analysis.insights.corrections import correction_report
from analysis.store.corrections import add_correction
from analysis.vocabulary import SENTIMENTS, Sentiment, Task
from dashboard.auth import analyst_input, can_edit
from dashboard.charts import platform_name
from dashboard.filters import sidebar_filters
from dashboard.formatting import decimal, number
from dashboard.queries import clear_caches, query, store
from dashboard.texts import t
from dashboard.views import NO_FIX

SHOWN = 50  # texts to correct at a time


def correction_table(rows: pd.DataFrame, names: dict[Sentiment, str], editable: bool,
                     key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The texts with the model's label and (for analysts) an editable correction; the
    table as shown and as edited."""
    table = pd.DataFrame({
        "id": rows["id"],
        t("col_time"): pd.to_datetime(rows["local_time"]).dt.strftime("%d/%m/%Y %H:%M"),
        t("col_platform"): rows["platform"].map(platform_name),
        t("col_text"): rows["text"],
        t("col_model"): rows["sentiment"].map(lambda v: names.get(v, "—")),
        t("col_confidence"): rows["sentiment_score"],
        t("col_fix"): rows["corrected"].map(lambda v: names.get(v, NO_FIX)),
    })
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key=key,
        disabled=[c for c in table.columns if c != t("col_fix")] if editable else True,
        column_config={
            "id": None,
            t("col_text"): st.column_config.TextColumn(width="large"),
            t("col_confidence"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="%.2f"),
            t("col_fix"): st.column_config.SelectboxColumn(
                options=[NO_FIX, *names.values()], help=t("fix_column_help")),
        },
    )
    return table, edited


def correct(rows: pd.DataFrame, key: str, editable: bool, analyst: str) -> None:
    """The correction table and its Save button (analysts only)."""
    names = {label: t(label) for label in SENTIMENTS}
    table, edited = correction_table(rows, names, editable, key)
    label_of = {v: k for k, v in names.items()}
    before = table.set_index("id")[t("col_fix")]
    after = edited.set_index("id")[t("col_fix")]
    changed = [(str(doc), label_of[value]) for doc, value in after.items()
               if value in label_of and value != before.get(doc)]
    if not editable or not st.button(t("fix_save", n=len(changed)), type="primary",
                                     disabled=not changed):
        return
    if not analyst:
        st.error(t("fix_need_analyst"))
        return
    try:
        for doc, label in changed:
            add_correction(store(), doc, Task.SENTIMENT, label, analyst)
    except StoreError as error:
        st.error(str(error))
    else:
        st.success(t("fix_saved", n=len(changed), who=analyst))
    finally:  # what was kept before a fault is data too: no page may show the old figures
        clear_caches()


def show_accuracy() -> None:
    """How often the model agrees with the analysts' labels, overall and per class."""
    _count, report = correction_report(store())
    if report is None:
        st.info(t("fix_accuracy_none"))
        return
    present_labels = [label for label, row in zip(report.labels, report.confusion, strict=True)
                      if sum(row)]
    cols = st.columns(2)
    cols[0].metric(t("fix_n"), number(report.n))
    cols[1].metric(t("fix_agree"), f"{report.accuracy:.0%}")
    st.dataframe(pd.DataFrame({
        t("col_class"): [t(label) for label in present_labels],
        t("col_n_fixed"): [sum(report.confusion[report.labels.index(label)])
                           for label in present_labels],
        "F1": [decimal(report.per_class_f1[label]) for label in present_labels],
    }), hide_index=True)
    st.caption(t("fix_accuracy_note"))


st.title(t("fix_title"))
st.caption(t("fix_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

analyst = analyst_input()
editable = can_edit()
if not editable:
    st.info(t("auth_view_only"))
left, right = st.columns([3, 2])
search = left.text_input(t("fix_search"), placeholder=t("fix_search_hint"))
order = right.radio(t("fix_order"), ["uncertain", "newest"], horizontal=True,
                    format_func=lambda o: t(f"fix_order_{o}"))
rows = query("texts", filters, search=search, order=order, limit=SHOWN)
if rows.empty:
    st.info(t("fix_none"))
else:
    correct(rows, f"fix-{search}-{order}", editable, analyst)
st.subheader(t("fix_accuracy"))
show_accuracy()
