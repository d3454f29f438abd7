"""Pantau's entry point: it only declares the navigation. Run with ``streamlit run``."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.auth import can_edit, login_gate  # noqa: E402
from dashboard.live import live_status  # noqa: E402
from dashboard.queries import store  # noqa: E402
from dashboard.texts import language_picker, t  # noqa: E402

# The icon is a file of ours: a ":material/...:" page icon makes the browser fetch it from
# fonts.gstatic.com, which an air-gapped intranet cannot reach (and should not be told about).
st.set_page_config(page_title="Pantau", page_icon=str(ROOT / "dashboard" / "assets" / "pantau.svg"),
                   layout="wide")
language_picker()
login_gate()
# Not "pages": Streamlit would serve a folder of that name next to the entry point as pages of
# their own, reachable by address without the login gate above.
PAGES = ROOT / "dashboard" / "halaman"
navigation = st.navigation([
    st.Page(PAGES / "ringkasan.py", title=t("nav_summary"), icon=":material/insights:",
            url_path="ringkasan", default=True),
    st.Page(PAGES / "hoaks.py", title=t("nav_hoax"), icon=":material/report:",
            url_path="hoaks"),
    st.Page(PAGES / "narasi.py", title=t("narr_nav"), icon=":material/hub:",
            url_path="narasi"),
    st.Page(PAGES / "entitas.py", title=t("ent_nav"), icon=":material/groups:",
            url_path="entitas"),
    st.Page(PAGES / "jelajah.py", title=t("nav_explore"), icon=":material/search:",
            url_path="jelajah"),
    st.Page(PAGES / "koreksi.py", title=t("nav_fix"), icon=":material/rule:",
            url_path="koreksi"),
    st.Page(PAGES / "laporan.py", title=t("nav_reports"), icon=":material/summarize:",
            url_path="laporan"),
    *([st.Page(PAGES / "unggah.py", title=t("nav_upload"), icon=":material/upload_file:",
               url_path="unggah"),
       st.Page(PAGES / "sumber.py", title=t("src_nav"), icon=":material/rss_feed:",
               url_path="sumber"),
       st.Page(PAGES / "peringatan.py", title=t("nav_alerts"),
               icon=":material/notifications:", url_path="peringatan"),
       st.Page(PAGES / "jejak.py", title=t("aud_nav"), icon=":material/history:",
               url_path="jejak")] if can_edit() else []),
])
# Keep the store's database open between page runs so queries read from DuckDB's cache; it
# is let go whenever another process (an import or scoring run) waits for the file.
store().keep_warm()
with st.sidebar:  # new texts, each source's health; reruns the page when the worker stores
    live_status(refresh=navigation.url_path not in ("unggah", "sumber", "peringatan"))
if navigation.url_path in ("unggah", "peringatan"):
    # imports and scoring run long, and test messages wait on the network: they open the
    # store per unit of work
    navigation.run()
else:
    with store().session():  # one connection for all the queries of this page run
        navigation.run()
