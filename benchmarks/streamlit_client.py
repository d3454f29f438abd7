"""A Streamlit session without a browser: the app's own websocket protocol, for load tests.

A browser tab costs a person's own machine a core for seconds to draw Pantau's charts; twenty
of them on the server's two cores measure Chromium, not the server. This client speaks what
the browser speaks to ``/_stcore/stream`` (``BackMsg``/``ForwardMsg`` protobufs from the
installed Streamlit): it asks for page runs, sets widget values by their label, follows the
app's navigation and address (query string), and reruns the live fragment on the schedule the
server asks for (``auto_rerun``), so the server does exactly the work it does for a tab. A
step's time runs from the request to the server's ``script_finished``; an exception element
or a failed run is an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGETS = ("date_input", "text_input", "multiselect", "selectbox", "checkbox", "slider",
           "number_input", "radio", "text_area")
FINISHED = ForwardMsg.ScriptFinishedStatus.Name


@dataclass
class Run:
    """What one page run sent back."""

    seconds: float = 0.0
    status: str = ""
    exceptions: list[str] = field(default_factory=list)
    elements: int = 0


class StreamlitSession:
    """One viewer: a websocket to the app, the widgets and pages it has seen."""

    def __init__(self, url: str, timeout_s: float = 60.0) -> None:
        parsed = urlparse(url)
        self.ws_url = f"ws://{parsed.netloc}/_stcore/stream"
        self.timeout_s = timeout_s
        self.widgets: dict[str, Any] = {}  # label -> the widget's element message
        self.states: dict[str, WidgetState] = {}  # widget id -> the value this viewer set
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.query_string = ""
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._timers: dict[str, asyncio.Task[None]] = {}
        self._run: Run | None = None
        self._done: asyncio.Event = asyncio.Event()

    async def __aenter__(self) -> StreamlitSession:
        self._ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"],
                                            max_size=None, open_timeout=self.timeout_s)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *_exc: object) -> None:
        for timer in self._timers.values():
            timer.cancel()
        if self._reader is not None:
            self._reader.cancel()
        with contextlib.suppress(Exception):
            await self._ws.close()

    # --- what a viewer does -------------------------------------------------------------

    async def open(self, page: str = "", query_string: str = "") -> Run:
        """Open the app at ``/page?query_string`` as a new tab does."""
        self.query_string = query_string
        return await self._rerun(page_name=page)

    async def goto(self, url_path: str) -> Run:
        """Follow a sidebar link to the page served at ``url_path``, keeping the address."""
        if url_path not in self.pages:
            raise KeyError(f"no page at /{url_path}; the app offers {sorted(self.pages)}")
        self.page_hash = self.pages[url_path]
        return await self._rerun()

    async def set_text(self, label: str, value: str) -> Run:
        widget = self._widget(label)
        return await self._set(WidgetState(id=widget.id, string_value=value))

    async def set_dates(self, label: str, start: str, end: str) -> Run:
        """A date range, each as ``YYYY/MM/DD``."""
        widget = self._widget(label)
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend([start, end])
        return await self._set(state)

    def dates(self, label: str) -> list[str]:
        """The dates the date input ``label`` shows now (``YYYY/MM/DD``)."""
        widget = self._widget(label)
        return list(widget.value or widget.default)

    # --- the protocol ---------------------------------------------------------------------

    def _widget(self, label: str) -> Any:
        if label not in self.widgets:
            raise KeyError(f"no widget labelled {label!r}; the page shows {sorted(self.widgets)}")
        return self.widgets[label]

    async def _set(self, state: WidgetState) -> Run:
        self.states[state.id] = state
        return await self._rerun()

    def _message(self, page_name: str = "", fragment_id: str = "") -> bytes:
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self.page_hash
        rerun.page_name = page_name
        rerun.widget_states.widgets.extend(self.states.values())
        if fragment_id:
            rerun.fragment_id = fragment_id
            rerun.is_auto_rerun = True
        return message.SerializeToString()

    async def _rerun(self, page_name: str = "") -> Run:
        self._run, self._done = Run(), asyncio.Event()
        run, start = self._run, time.monotonic()
        await self._ws.send(self._message(page_name))
        try:
            await asyncio.wait_for(self._done.wait(), self.timeout_s)
        except TimeoutError:
            run.status = "TIMEOUT"
        run.seconds = time.monotonic() - start
        return run

    async def _read(self) -> None:
        async for data in self._ws:
            message = ForwardMsg()
            message.ParseFromString(data)
            self._take(message)

    def _take(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element)
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash
                          for page in message.navigation.app_pages}
            self.page_hash = message.navigation.page_script_hash
        elif kind == "auto_rerun":
            self._schedule(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "script_finished":
            status = FINISHED(message.script_finished)
            if self._run is not None and status in ("FINISHED_SUCCESSFULLY",
                                                    "FINISHED_WITH_COMPILE_ERROR"):
                self._run.status = status
                self._done.set()

    def _element(self, element: Any) -> None:
        kind = element.WhichOneof("type")
        if self._run is not None:
            self._run.elements += 1
            if kind == "exception":
                self._run.exceptions.append(element.exception.message[:200])
        if kind in WIDGETS:
            widget = getattr(element, kind)
            self.widgets[widget.label] = widget

    def _schedule(self, fragment_id: str, interval: float) -> None:
        """Rerun the fragment every ``interval`` seconds, as the browser's timer does."""
        if fragment_id in self._timers:
            return

        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                await self._ws.send(self._message(fragment_id=fragment_id))

        self._timers[fragment_id] = asyncio.create_task(tick())
