"""Laporan (reports): the filtered posts as CSV or XLSX, the one-page PDF brief for leadership,
and where to get each chart as a PNG.

The files are made only when their button is clicked (Streamlit runs the function on a worker
thread), so opening the page costs one count query.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from analysis.errors import PantauError
from analysis.reports.brief import brief_data, render_brief, top_narratives
from analysis.reports.exports import (
    MAX_ROWS,
    Pseudonymiser,
    export_table,
    file_stem,
    to_csv,
    to_xlsx,
)
from analysis.reports.wording import zone_name
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.filters import Filters
from dashboard.charts import platform_name
from dashboard.filters import sidebar_filters
from dashboard.formatting import number
from dashboard.queries import query, settings, store
from dashboard.texts import lang, t


def table_file(kind: str, target: Store, f: Filters, language: str, pseudonymise: bool,
               config: Settings) -> bytes:
    """The export as CSV or XLSX bytes (runs on a worker thread: no Streamlit calls here)."""
    names = Pseudonymiser.from_file(config.secret_file) if pseudonymise else None
    export = export_table(target, f, lang=language, pseudonymiser=names,
                          hoax_threshold=config.hoax_threshold, max_rows=MAX_ROWS)
    return to_csv(export) if kind == "csv" else to_xlsx(export)


def brief_file(target: Store, f: Filters, language: str, pseudonymise: bool,
               with_narratives: bool, config: Settings) -> bytes:
    """The PDF brief's bytes (on a worker thread, like :func:`table_file`)."""
    names: Callable[[object], object] | None = (
        Pseudonymiser.from_file(config.secret_file) if pseudonymise else None)
    clusters, error = None, None
    if with_narratives:
        try:
            clusters = top_narratives(target, f, config)
        except PantauError as failure:
            error = str(failure)
    data = brief_data(target, f, hoax_threshold=config.hoax_threshold, narratives=clusters,
                      narratives_error=error)
    return render_brief(data, language, platform_name=platform_name, author_name=names)


st.title(t("rep_title"))
st.caption(t("rep_intro"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

config, language, target = settings(), lang(), store()
pseudonymise = st.checkbox(t("rep_pseudonymise"), value=True, help=t("rep_pseudonymise_help"),
                           key="rep_pseudonymise")
stem = file_stem(filters)
total = int(query("kpis", filters, hoax_threshold=config.hoax_threshold)["volume"])

st.subheader(t("rep_data_title"))
st.markdown(t("rep_data_contains", zone=zone_name(config.timezone)))
if total > MAX_ROWS:
    st.warning(t("rep_capped", n=number(total), m=number(MAX_ROWS)))
else:
    st.caption(t("rep_rows", n=number(total)))
left, right = st.columns(2, width=520)
for column, kind, mime in ((left, "csv", "text/csv"), (right, "xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
    column.download_button(t(f"rep_{kind}"), partial(table_file, kind, target, filters,
                                                     language, pseudonymise, config),
                           file_name=f"{stem}.{kind}", mime=mime, on_click="ignore",
                           icon=":material/download:", key=f"rep-{kind}", width="stretch")

st.subheader(t("rep_brief_title"))
st.markdown(t("rep_brief_contains"))
with_narratives = st.checkbox(t("rep_narratives"), value=True, help=t("rep_narratives_help"),
                              key="rep_narratives")
st.download_button(t("rep_pdf"), partial(brief_file, target, filters, language, pseudonymise,
                                           with_narratives and total > 0, config),
                   file_name=f"{stem}-ringkasan.pdf" if language == "id" else f"{stem}-brief.pdf",
                   mime="application/pdf", on_click="ignore", type="primary",
                   icon=":material/picture_as_pdf:", key="rep-pdf")

st.subheader(t("rep_charts_title"))
st.markdown(t("rep_charts_help"))
