"""The live status in the sidebar: new texts since the viewer opened the dashboard, each
source's last collection and health, and whether the worker runs.

It is a fragment that runs every :data:`EVERY_S` seconds on its own (a count and a short list:
milliseconds). When the worker has stored texts since the page's figures were read, it forgets
the cached queries and reruns the page, which keeps the viewer's filters (they live in the
session), so an open page shows new data by itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import StoreError
from analysis.monitor.sources import list_sources
from analysis.store.sources import documents_since, worker_seen
from dashboard.formatting import escape
from dashboard.queries import clear_caches, settings, store
from dashboard.texts import t

EVERY_S = 30
ICONS = {"ok": ":green[:material/check_circle:]", "failing": ":red[:material/error:]",
         "paused": ":gray[:material/pause_circle:]", "new": ":gray[:material/schedule:]"}
"""Each source state's icon in the sidebar (Material icons: no emoji font needed)."""
WORKER_ALIVE = timedelta(minutes=3)
"""The worker says it is alive every minute; silent longer than this, it is shown as stopped."""
_SINCE, _AS_OF = "live-since", "live-as-of"


def clock(moment: datetime) -> str:
    """``HH:MM`` in the store's time zone (today), else ``DD/MM HH:MM``."""
    local = moment.astimezone(settings().tz)
    today = datetime.now(settings().tz).date()
    return local.strftime("%H:%M" if local.date() == today else "%d/%m %H:%M")


def when(value: Any) -> str:
    """A stored time for people, or "never"."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return t("src_never")
    return clock(pd.Timestamp(value).to_pydatetime())


def worker_alive(now: datetime) -> tuple[bool, datetime | None]:
    seen = worker_seen(store())
    return seen is not None and now - seen < WORKER_ALIVE, seen


@st.fragment(run_every=EVERY_S)
def live_status(refresh: bool = True) -> None:
    """The live box; ``refresh`` False on pages where a rerun would disturb work (Unggah)."""
    now = datetime.now(UTC)
    since = st.session_state.setdefault(_SINCE, now)
    as_of = st.session_state.setdefault(_AS_OF, now)
    try:
        arrived = documents_since(store(), as_of)
        total = documents_since(store(), since)
        sources = list_sources(store())
        alive, _seen = worker_alive(now)
    except StoreError:
        return  # the store is busy for longer than its wait: the next run tries again
    if arrived and refresh:
        st.session_state[_AS_OF] = now
        clear_caches()
        st.rerun(scope="app")
    st.caption(t("live_new", n=total, since=clock(since)) if total
               else t("live_none", since=clock(since)))
    if sources.empty:
        return
    lines = [t("live_source_line", state=ICONS.get(str(state), ""), name=escape(name),
               last=when(last))
             for name, state, last in sources[["name", "state", "last_run_at"]].itertuples(
                 index=False, name=None)]
    if not alive:
        lines.insert(0, t("live_worker_off"))
    st.caption("  \n".join(lines))
