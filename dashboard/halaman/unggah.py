"""Unggah (upload): file → column mapping preview → import report with rejects → scoring."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import MostRowsRejectedError, PantauError
from analysis.ingest import FIELDS, IngestOptions, file_format, preview
from analysis.ingest.formats import EXTENSIONS
from analysis.pipeline import ImportReport, import_path, score_pending
from analysis.pipeline.imports import Progress
from analysis.reports.exports import table_csv
from analysis.store.documents import list_uploads
from analysis.store.filters import Filters
from analysis.store.presets import list_presets, load_preset, save_preset
from analysis.vocabulary import Task
from dashboard.auth import analyst_input, can_edit
from dashboard.formatting import number
from dashboard.import_words import abort_text, note_text, reject_reason
from dashboard.queries import clear_caches, query, settings, store
from dashboard.scoring import scorers
from dashboard.texts import t, t_or

MAPPED_FIELDS = ["text", "published_at", "author", "source", "url", "parent_id", "title"]
UPLOADS_SHOWN = 20


def ingest_options(**chosen: Any) -> IngestOptions:
    """How to read the upload: the analyst's choices within the configured time zone and the
    upload limits."""
    config = settings()
    return IngestOptions(timezone=config.timezone, max_bytes=config.max_upload_bytes,
                         max_rows=config.max_rows, **chosen)


def progress_bar(text: str) -> tuple[Any, Progress]:
    """A progress bar labelled ``text``, and the callback that moves it (done of total)."""
    bar = st.progress(0.0, text=text)

    def advance(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=text)

    return bar, advance


def save_upload(name: str, data: bytes) -> Path:
    """Keep the uploaded bytes in the cache folder (ingest reads files, not buffers)."""
    folder = settings().cache_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}-{Path(name).name}"
    if not path.exists():
        path.write_bytes(data)
    return path


def _apply_preset(file_key: str, columns: list[str]) -> None:
    """Put a saved preset's columns into the mapping widgets (a callback, before they render)."""
    name = st.session_state.get(f"preset_{file_key}")
    if not name or name == t("not_mapped"):
        return
    mapping, platform = load_preset(store(), name)
    for field in MAPPED_FIELDS:
        column = mapping.get(field)
        st.session_state[f"map_{file_key}_{field}"] = (
            column if column in columns else t("not_mapped"))
    st.session_state[f"platform_{file_key}"] = platform or ""


def mapping_form(file_key: str, columns: list[str], guessed: dict[str, str],
                 sheet: str | None = None) -> IngestOptions:
    """The file's column for each Pantau field (guessed, or from a saved preset), the platform
    and the export time; how to import the file with them."""
    st.subheader(t("mapping"))
    st.caption(t("mapping_help"))
    none = t("not_mapped")
    names = list_presets(store())["name"].tolist()
    if names:
        st.selectbox(t("preset_pick"), [none, *names], key=f"preset_{file_key}",
                     on_change=_apply_preset, args=(file_key, columns))
    choices = [none, *columns]
    mapping: dict[str, str] = {}
    grid = st.columns(4)
    for i, field in enumerate(f for f in MAPPED_FIELDS if f in FIELDS):
        current = guessed.get(field)
        picked = grid[i % 4].selectbox(t(f"field_{field}"), choices,
                                       key=f"map_{file_key}_{field}",
                                       index=choices.index(current) if current in choices else 0)
        mapping[field] = "" if picked == none else picked  # none is a choice, not "guess"
    left, right = st.columns(2)
    platform = left.text_input(t("platform_force"), key=f"platform_{file_key}")
    reference = reference_time(right)
    allow = st.checkbox(t("allow_rejects"), key=f"allow_{file_key}")
    save_preset_form({f: c for f, c in mapping.items() if c}, platform.strip().lower() or None)
    return ingest_options(mapping=mapping, platform=platform.strip().lower() or None,
                          sheet=sheet, reference_time=reference, allow_rejects=allow)


def reference_time(column: Any) -> datetime | None:
    """The export's time typed by the analyst, for relative dates ("2 jam yang lalu")."""
    when = column.text_input(t("reference_time"), key="reference_time",
                             placeholder="2025-05-19 10:05").strip()
    if not when:
        return None
    try:
        return datetime.fromisoformat(when).replace(tzinfo=settings().tz)
    except ValueError:
        st.error(f"{when!r}: YYYY-MM-DD HH:MM")
        return None


def save_preset_form(mapping: dict[str, str], platform: str | None) -> None:
    """Save the mapping under a name, for the next file and for ``pantau ingest --preset``."""
    with st.expander(t("preset_save_title")):
        name = st.text_input(t("preset_name"), key="preset_name")
        if st.button(t("preset_save")):
            save_preset(store(), name, mapping, platform, analyst)
            st.success(t("preset_saved", name=name.strip()))


def show_report(report: ImportReport) -> None:
    """One file's import: the four counts, the notes, and the rejected rows with a download."""
    cols = st.columns(4)
    cols[0].metric(t("report_rows"), report.rows_in)
    cols[1].metric(t("report_stored"), report.stored)
    cols[2].metric(t("report_dups"), report.duplicates)
    cols[3].metric(t("report_rejected"), report.rejected)
    for note in report.notes:
        st.info(note_text(note))
    if not report.stored and report.rejected:
        st.error(t("nothing_stored", name=report.filename))
    if report.rejects:
        st.subheader(t("rejects_title"))
        frame = pd.DataFrame([{"row": r.row, "column": r.column, "code": r.code,
                               "reason": reject_reason(r)} for r in report.rejects])
        shown = frame.assign(problem=frame["code"].map(lambda code: t_or(f"reject_{code}", code)))
        shown = shown[["row", "column", "problem", "reason"]].rename(columns={
            "row": t("col_row"), "column": t("col_column"), "problem": t("col_problem"),
            "reason": t("col_reason")})
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button(t("rejects_download"), table_csv(frame),
                           file_name=f"rejects-{report.filename}.csv", mime="text/csv")


def run_import(path: Path, name: str, options: IngestOptions) -> None:
    """Import the file (each file of a ZIP), show each report, then score what is new."""
    bar, advance = progress_bar(t("importing"))
    try:
        reports = import_path(store(), path, options, filename=name, progress=advance,
                              actor=analyst)
    except MostRowsRejectedError as error:
        bar.empty()
        st.error(abort_text(error))
        return
    finally:  # rows stored before a fault are data too: no page may show the old figures
        clear_caches()
    bar.progress(1.0, text=t("importing"))
    for report in reports:
        if len(reports) > 1:
            st.subheader(report.filename)
        if report.error:
            st.error(report.error)
        else:
            show_report(report)
    if any(report.stored for report in reports):
        run_scoring()


def run_scoring() -> None:
    """Score every stored text the current models have not scored, with a progress bar."""
    bar, advance = progress_bar(t("scoring"))
    try:
        result = score_pending(store(), scorers(), progress=advance)
    finally:
        clear_caches()
    bar.progress(1.0, text=t("scoring"))
    st.success(t("scored_done", n=result.scored.get(Task.SENTIMENT, 0),
                 r=result.reused.get(Task.SENTIMENT, 0)) + " " + t("see_summary"))


def uploads_table(uploads: pd.DataFrame) -> pd.DataFrame:
    """The import log as a reader wants it: local times, translated headers and statuses."""
    table = uploads.drop(columns=["id"]).head(UPLOADS_SHOWN).copy()
    for column in ("published_min", "published_max", "created_at"):
        times = pd.to_datetime(table[column], utc=True).dt.tz_convert(settings().tz)
        table[column] = times.dt.strftime("%d/%m/%Y %H:%M").fillna("—")
    table["status"] = table["status"].map(lambda status: t_or(f"status_{status}", status))
    headers = {"rows_in": "report_rows", "stored": "report_stored",
               "duplicates": "report_dups", "rejected": "report_rejected"}
    return table.rename(columns={c: t(headers.get(c, f"col_{c}")) for c in table.columns})


def show_upload(name: str, data: bytes) -> None:
    """A ZIP: its note and the import button (and nothing more on the page). Any other file:
    its preview, the sheet picker of a workbook, the column mapping and the import button."""
    path = save_upload(name, data)
    if file_format(path) == "zip":
        st.info(t("zip_note"))
        if st.button(t("import_button"), type="primary"):
            run_import(path, name, ingest_options())
        st.stop()
    picked = st.session_state.get(f"sheet_{path.name}")  # the sheet list's last choice
    info, head = preview(path, ingest_options(sheet=picked))
    if len(info.sheets) > 1 and info.sheet is not None:
        st.selectbox(t("sheet_pick"), info.sheets, key=f"sheet_{path.name}",
                     index=info.sheets.index(info.sheet))
    st.caption(t("file_info", fmt=info.format, enc=info.encoding or "—",
                 sep=repr(info.delimiter) if info.delimiter else "—"))
    st.subheader(t("preview"))
    st.dataframe(head, hide_index=True, width="stretch")
    for note in info.notes:
        st.info(note_text(note))
    options = mapping_form(f"{path.name}:{info.sheet or ''}", info.columns, info.mapping,
                           info.sheet)
    if st.button(t("import_button"), type="primary"):
        if options.mapping.get("published_at") == "":
            st.error(t("date_none", none=t("not_mapped")))
        else:
            run_import(path, name, options)


st.title(t("upload_title"))
st.caption(t("upload_intro"))
if not can_edit():  # not in a viewer's navigation; this guards the page itself too
    st.error(t("auth_view_only"))
    st.stop()
analyst = analyst_input() or None
upload = st.file_uploader(t("upload_file"), type=sorted(e.lstrip(".") for e in EXTENSIONS))
if upload is not None:
    try:
        show_upload(upload.name, upload.getvalue())
    except PantauError as error:
        st.error(str(error))

unscored = query("kpis", Filters(timezone=settings().timezone))["unscored"]
if unscored:
    st.info(t("unscored_here", n=number(unscored)))
    if st.button(t("score_now")):
        run_scoring()

uploads = list_uploads(store())
if not uploads.empty:
    st.subheader(t("recent_uploads"))
    st.dataframe(uploads_table(uploads), hide_index=True, width="stretch")
