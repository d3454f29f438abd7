"""RSS 2.0, Atom and RDF feeds read into plain items with :func:`parse_feed`.

Items keep what a monitor needs: a stable ``guid`` (the feed's, else the link, else a hash of
title and summary), the link, title, author, a UTC date and the summary as plain text. What
went wrong on the way (malformed XML after some items, items without a date, duplicates) is
said in ``Feed.notes``, in plain English; something that is not a feed at all raises
:class:`FeedError`.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from calendar import timegm
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from analysis.errors import FeedError
from analysis.ingest.dates import parse_datetime

FEED_ZONE = ZoneInfo("Asia/Jakarta")
"""The zone of a feed's date that names none (Indonesian outlets write WIB)."""
_BLOCKS = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "blockquote", "section", "article", "figure", "figcaption", "pre", "table"}
_SKIPPED = {"script", "style", "noscript", "template"}
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_RAW_DATES = ("published", "updated", "created", "dc_date", "date", "pubdate", "issued")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """HTML as plain text: tags dropped, entities read, one line per paragraph or line break,
    spaces within a line squeezed."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


@dataclass
class FeedItem:
    """One item of a feed; ``published`` is UTC-aware or None when the feed gives no date."""

    guid: str
    url: str | None
    title: str
    author: str | None
    published: datetime | None
    summary: str


@dataclass
class Feed:
    """A parsed feed: its title and link, its items (duplicates collapsed) and notes."""

    title: str
    link: str | None
    items: list[FeedItem]
    notes: list[str] = field(default_factory=list)


def _published(entry: Any) -> datetime | None:
    """The entry's date: feedparser's parsed one, else a raw date string read the way
    exports are (Indonesian ``Senin, 7 Desember 2026 10:00 WIB`` included)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(entry, key)  # not entry.get: feedparser warns on a missing one
        if isinstance(parsed, time.struct_time):
            return datetime.fromtimestamp(timegm(parsed), tz=UTC)
    for key in _RAW_DATES:
        raw = dict.get(entry, key)
        if isinstance(raw, str) and raw.strip():
            try:
                return parse_datetime(raw, tz=FEED_ZONE)[0]
            except ValueError:
                continue
    return None


def _summary(entry: Any) -> str:
    content = entry.get("content") or []
    values = [part.get("value", "") for part in content if isinstance(part, dict)]
    html = max(values, key=len) if values and any(values) else entry.get("summary", "")
    return plain_text(str(html or ""))


def _item(entry: Any) -> FeedItem:
    title = plain_text(str(entry.get("title") or ""))
    summary = _summary(entry)
    url = str(entry.get("link") or "").strip() or None
    guid = str(entry.get("id") or "").strip() or url or hashlib.sha1(
        f"{title}\n{summary}".encode()).hexdigest()[:16]
    author = plain_text(str(entry.get("author") or "")) or None
    return FeedItem(guid=guid, url=url, title=title, author=author,
                    published=_published(entry), summary=summary)


def _malformed(result: Any, kept: int) -> str | None:
    error = result.get("bozo_exception")
    if not result.get("bozo") or error is None or isinstance(error, _HARMLESS):
        return None
    where = getattr(error, "getLineNumber", lambda: None)()
    at = f" at line {where}" if where else ""
    reason = getattr(error, "getMessage", lambda: str(error))()
    return (f"the feed's XML is malformed{at} ({reason}); the {kept} item(s) read before it "
            "were kept")


def parse_feed(body: bytes, url: str) -> Feed:
    """Read an RSS 2.0, Atom or RDF feed fetched from ``url``; raise :class:`FeedError` when
    the body is not a feed (an HTML page, empty, garbage)."""
    if not body.strip():
        raise FeedError(f"{url} answered with an empty body, not a feed")
    result = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    entries = [e for e in result.get("entries", []) if e.get("title") or e.get("link")]
    broken = result.get("bozo") and not isinstance(result.get("bozo_exception"), _HARMLESS)
    if not entries and (not result.get("version") or broken):
        start = body.lstrip()[:200].decode("utf-8", "replace").lower()
        kind = "an HTML page" if re.search(r"<!doctype html|<html", start) else "not RSS/Atom/RDF"
        raise FeedError(f"{url} is not a feed ({kind}); check the address: a feed's address "
                        "often ends in /feed, /rss or .xml")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in entries:
        item = _item(entry)
        if item.guid in seen:
            continue
        seen.add(item.guid)
        items.append(item)
    notes = [note for note in [_malformed(result, len(items))] if note]
    if len(items) < len(entries):
        notes.append(f"{len(entries) - len(items)} duplicate item(s) (same guid or link) "
                     "were collapsed into one")
    undated = sum(1 for item in items if item.published is None)
    if undated:
        notes.append(f"{undated} item(s) have no date Pantau can read")
    if not items:
        notes.append("the feed has no items")
    channel = result.get("feed", {})
    return Feed(title=plain_text(str(channel.get("title") or "")) or url,
                link=str(channel.get("link") or "").strip() or None, items=items, notes=notes)
