"""The sources analysts add, pause, resume and remove (``pantau source …`` and the Sumber page).

Four kinds: ``rss`` (a news outlet's or a government site's RSS/Atom feed: each new item's
page is fetched for the article's main text), ``claims`` (a fact-checker's feed: new debunks
go into the claim bank), ``folder`` (a folder a crawler drops exports into: each new or changed
file is imported once) and ``youtube`` (a video's comments, or those of a channel's recent
videos, through the YouTube Data API). Adding checks the target's form, not whether it answers:
the first collection says that, on the page and in ``pantau source list``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from analysis.errors import SourceError
from analysis.store import Store
from analysis.store.sources import delete_source, insert_source, set_active, source_rows

KINDS = ("rss", "claims", "folder", "youtube")
DEFAULT_EVERY = {"rss": 30, "claims": 60, "folder": 5, "youtube": 60}
"""Minutes between two collections when the analyst names none."""
_NAME = re.compile(r"^[\w][\w .\-]{0,63}$")
_YOUTUBE_ID = re.compile(r"^(UC[\w-]{22}|[\w-]{11})$")
FAILING_AFTER = 1
"""Consecutive failed collections after which a source counts as failing."""


@dataclass(frozen=True)
class Source:
    """One source as the worker needs it."""

    name: str
    kind: str
    target: str
    every_minutes: int
    active: bool = True
    etag: str | None = None
    last_modified: str | None = None
    options: dict[str, Any] | None = None


def check_target(kind: str, target: str) -> str:
    """``target`` in the form its kind needs, or a :class:`SourceError` saying what is wrong."""
    target = target.strip()
    if kind not in KINDS:
        raise SourceError(f"Unknown source kind {kind!r}: use one of {', '.join(KINDS)}")
    if kind == "folder":
        folder = Path(target).expanduser()
        if not folder.is_dir():
            raise SourceError(f"{target!r} is not a folder on this machine: give the folder the "
                              "crawler writes its exports into (it must exist)")
        return str(folder.resolve())
    if kind == "youtube" and _YOUTUBE_ID.match(target):
        return target
    parsed = urlparse(target)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        what = "a video or channel address, a video id or a channel id (UC…)" \
            if kind == "youtube" else "an http(s):// address of the feed"
        raise SourceError(f"{target!r} is not a usable {kind} target: give {what}")
    return target


def default_name(kind: str, target: str) -> str:
    """A readable name from the target: the feed's host, the folder's name, the video id."""
    if kind == "folder":
        base = Path(target).name or "folder"
    else:
        parsed = urlparse(target)
        base = (parsed.netloc.removeprefix("www.") + parsed.path.rstrip("/")) or target
    cleaned = re.sub(r"[^\w .\-]+", "-", f"{kind}-{base}").strip("-. ")
    return cleaned[:64]


def add_source(store: Store, kind: str, target: str, *, name: str | None = None,
               every_minutes: int | None = None, created_by: str | None = None,
               active: bool = True) -> Source:
    """Add a source (active unless ``active`` is False); raise if the name is taken."""
    target = check_target(kind, target)
    name = (name or default_name(kind, target)).strip()
    if not _NAME.match(name):
        raise SourceError(f"{name!r} is not a usable source name: use up to 64 letters, digits, "
                          "spaces, dots, dashes or underscores")
    every = DEFAULT_EVERY[kind] if every_minutes is None else int(every_minutes)
    if not 1 <= every <= 7 * 24 * 60:
        raise SourceError(f"--every {every}: collect between every minute and once a week "
                          "(1 to 10080 minutes)")
    if not insert_source(store, name, kind, target, every, created_by=created_by, active=active):
        raise SourceError(f"A source named {name!r} exists already: choose another --name, "
                          f"or remove it first with `pantau source remove {name}`")
    return Source(name, kind, target, every, active)


def _require(store: Store, name: str) -> None:
    if source_rows(store, name).empty:
        known = ", ".join(source_rows(store)["name"]) or "none yet"
        raise SourceError(f"No source named {name!r} (sources: {known})")


def pause_source(store: Store, name: str, actor: str | None = None) -> None:
    """Stop collecting a source (``actor``: who, for the audit log)."""
    _require(store, name)
    set_active(store, name, False, actor)


def resume_source(store: Store, name: str, actor: str | None = None) -> None:
    _require(store, name)
    set_active(store, name, True, actor)


def remove_source(store: Store, name: str, actor: str | None = None) -> None:
    """Remove a source; the texts it collected stay in the store."""
    _require(store, name)
    delete_source(store, name, actor)


def list_sources(store: Store) -> pd.DataFrame:
    """Every source with its health: ``state`` is ``paused``, ``new`` (never collected yet),
    ``ok`` or ``failing`` (its last collection failed; ``last_error`` says why)."""
    frame = source_rows(store)
    if frame.empty:
        return frame.assign(state=pd.Series(dtype=str))
    state = [
        "paused" if not row["active"] else
        "new" if row["last_run_at"] is None or pd.isna(row["last_run_at"]) else
        "failing" if int(row["failures"]) >= FAILING_AFTER else "ok"
        for row in _records(frame)
    ]
    return frame.assign(state=state)


def active_sources(store: Store) -> list[Source]:
    """The sources the worker collects now."""
    return [source for source in all_sources(store) if source.active]


def all_sources(store: Store) -> list[Source]:
    frame = source_rows(store)
    return [
        Source(str(row["name"]), str(row["kind"]), str(row["target"]),
               int(row["every_minutes"]), bool(row["active"]), _text(row["etag"]),
               _text(row["last_modified"]),
               json.loads(row["options"]) if isinstance(row["options"], str) else None)
        for row in _records(frame)
    ]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
