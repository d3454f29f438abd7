"""The live status in the sidebar: new texts since the viewer opened the dashboard, each
source's last collection and health, and whether the worker runs.

It is a fragment that runs every :data:`EVERY_S` seconds on its own, and with every page run.
What it reads (the sources, the worker's heartbeat, when the newest text was stored) is one
snapshot shared by all viewers for a few seconds (:func:`~dashboard.queries.live_snapshot`),
and a viewer's count of new texts is read again only when a newer text has been stored: twenty
people moving around the dashboard do not each query the store for the sidebar on every click.
When the worker has stored texts since the page's figures were read, the cached queries are
forgotten (once for all viewers, :func:`~dashboard.queries.catch_up`) and the page reruns,
keeping the viewer's filters (they live in the session), so an open page shows new data by
itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import StoreError
from analysis.store.sources import documents_since, worker_seen
from dashboard.formatting import escape
from dashboard.queries import catch_up, live_snapshot, settings, store
from dashboard.texts import t

EVERY_S = 30
ICONS = {"ok": ":green[:material/check_circle:]", "failing": ":red[:material/error:]",
         "paused": ":gray[:material/pause_circle:]", "new": ":gray[:material/schedule:]"}
"""Each source state's icon in the sidebar (Material icons: no emoji font needed)."""
WORKER_ALIVE = timedelta(minutes=3)
"""The worker says it is alive every minute; silent longer than this, it is shown as stopped."""
_SINCE, _AS_OF, _COUNTED = "live-since", "live-as-of", "live-counted"


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
    """Whether the worker said it was alive lately, and when it last did."""
    seen = worker_seen(store())
    return seen is not None and now - seen < WORKER_ALIVE, seen


def new_texts(since: datetime, newest: datetime | None) -> int:
    """How many texts were stored after ``since``: counted again only when a text newer than
    the last count's has been stored (kept in the session meanwhile)."""
    if newest is None or newest <= since:
        return 0
    counted = st.session_state.get(_COUNTED)
    if counted is None or counted[0] != newest:
        counted = (newest, documents_since(store(), since))
        st.session_state[_COUNTED] = counted
    return int(counted[1])


@st.fragment(run_every=EVERY_S)
def live_status(refresh: bool = True) -> None:
    """The live box; ``refresh`` False on pages where a rerun would disturb work (Unggah)."""
    now = datetime.now(UTC)
    since = st.session_state.setdefault(_SINCE, now)
    as_of = st.session_state.setdefault(_AS_OF, now)
    try:
        sources, seen, newest = live_snapshot(str(settings().db_path))
        total = new_texts(since, newest)
    except StoreError:
        return  # the store is busy for longer than its wait: the next run tries again
    alive = seen is not None and now - seen < WORKER_ALIVE
    if newest is not None and newest > as_of and refresh:
        st.session_state[_AS_OF] = now
        catch_up(newest)
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
