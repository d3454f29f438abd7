"""Collecting one source: fetch what is new, store it through the import pipeline, record the run.

Network work never holds the store: a collection reads which items the source has seen (one
short query), fetches the feed and the new items' pages with no connection open, then imports
them through :func:`analysis.pipeline.imports.import_file` exactly as an upload (a JSON-lines
file of the items with a fixed column mapping: the same checks, rejects and stable ids), and
records the item keys, the run and the source's health in one transaction
(:func:`analysis.store.sources.record_run`).

A collection killed at any moment loses nothing and stores nothing twice: texts get ids from
their GUID or address, so items imported before the kill are duplicates when the restarted
worker imports them again, and an item counts as seen only once it is stored.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analysis.collect.articles import extract_article
from analysis.collect.feeds import Feed, FeedItem, parse_feed
from analysis.collect.fetch import Fetcher
from analysis.errors import FetchError
from analysis.ingest import IngestOptions
from analysis.monitor.sources import Source
from analysis.pipeline.imports import ImportReport, import_file
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.sources import seen_keys
from analysis.text.keys import normalize_text

STORE_EVERY = 25
"""New items stored per batch while a collection fetches their pages: the first are scored
and alerted while the later pages are still being fetched."""
MAX_NEW_ITEMS = 500
"""New items one collection fetches at most; the rest wait for the next collection."""
ITEM_FIELDS = ("id", "title", "text", "published_at", "fetched_at", "author", "source", "url",
               "parent_id", "likes", "replies", "platform")
MAPPING = {name: name for name in ITEM_FIELDS if name != "fetched_at"} | {
    "reference_time": "fetched_at"}
UNDATED = "baru saja"
"""The date an item without one is imported with: read back as the collection time, and
flagged approximate, like any relative date."""


@dataclass
class Collected:
    """What one collection found: items in the feed, the new ones, what was stored."""

    status: str = "ok"
    items: int = 0
    new_items: int = 0
    stored: int = 0
    keys: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    unfetched: list[str] = field(default_factory=list)
    """Article pages that could not be fetched (address: reason), over all batches."""
    undated: int = 0
    """Items without a date, over all batches."""

    def summary(self, name: str) -> dict[str, Any]:
        return {"source": name, "status": self.status, "items": self.items,
                "new_items": self.new_items, "stored": self.stored, "error": self.error,
                "notes": self.notes}


@dataclass
class Context:
    """What every collection of one worker pass shares."""

    store: Store
    settings: Settings
    fetcher: Fetcher
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    on_stored: Callable[[], None] | None = None
    """Called after each batch of new texts is stored, so that scoring starts while the rest
    of a large collection is still being fetched."""


def text_key(text: str) -> str:
    """An item's key by its text: the same text under another address is the same item."""
    return "text:" + hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


def fetch_feed(ctx: Context, source: Source) -> tuple[Feed | None, Collected]:
    """The source's feed (None when unchanged since the last collection) and a result that
    carries the conditional-request state for the next one."""
    fetched = ctx.fetcher.get(source.target, etag=source.etag,
                              last_modified=source.last_modified)
    result = Collected(etag=fetched.etag, last_modified=fetched.last_modified)
    if fetched.not_modified:
        result.status = "not_modified"
        return None, result
    feed = parse_feed(fetched.body, fetched.final_url)
    result.items = len(feed.items)
    result.notes += feed.notes
    return feed, result


def new_items(ctx: Context, source: Source, items: list[FeedItem], result: Collected
              ) -> list[FeedItem]:
    """The items whose GUID and address the source has not seen, at most :data:`MAX_NEW_ITEMS`."""
    keys = {item.guid: item_keys(item) for item in items}
    seen = seen_keys(ctx.store, source.name, [k for ks in keys.values() for k in ks])
    fresh = [item for item in items if not seen.intersection(keys[item.guid])]
    if len(fresh) > MAX_NEW_ITEMS:
        result.notes.append(f"{len(fresh)} new items: the first {MAX_NEW_ITEMS} are collected "
                            "now, the rest on the next collection")
    return fresh[:MAX_NEW_ITEMS]


def item_keys(item: FeedItem) -> list[str]:
    return ["guid:" + item.guid] + (["url:" + item.url] if item.url else [])


def article_rows(ctx: Context, source: Source, feed: Feed, items: list[FeedItem],
                 result: Collected) -> list[dict[str, Any]]:
    """One row per new item with its article's main text (the feed's summary when the page
    cannot be fetched or has no article), ready for :func:`import_rows`."""
    rows, failed = [], result.unfetched
    fetched_at = ctx.now().isoformat()
    for item in items:
        text, article = item.summary, None
        if item.url:
            try:
                page = ctx.fetcher.get(item.url, accept="text/html")
                article = extract_article(page.text, page.final_url)
            except FetchError as error:
                failed.append(f"{item.url}: {error}")
        if article is not None and article.text.strip():
            text = article.text
        published = item.published or (article.published if article else None)
        rows.append({
            "id": item.guid, "title": item.title or (article.title if article else None),
            "text": text, "published_at": published.isoformat() if published else UNDATED,
            "fetched_at": fetched_at,
            "author": item.author or (article.author if article else None),
            "source": feed.title or (article.site if article else None) or source.name,
            "url": item.url, "platform": "news", "_keys": item_keys(item),
        })
    result.undated += sum(row["published_at"] == UNDATED for row in rows)
    return rows


def note_articles(result: Collected) -> None:
    """Say once, for all the batches of a collection, which pages could not be fetched and
    how many items had no date."""
    if result.unfetched:
        result.notes.append(f"{len(result.unfetched)} article pages could not be fetched; their "
                            f"feed summary was kept instead (first: {result.unfetched[0]})")
    if result.undated:
        result.notes.append(f"{result.undated} items had no date: dated by when Pantau "
                            "collected them (marked approximate)")


def import_rows(ctx: Context, source: Source, rows: list[dict[str, Any]], result: Collected
                ) -> ImportReport | None:
    """Store ``rows`` through the import pipeline as one upload named after the source, and
    note their keys (their GUIDs and addresses, and their texts) as seen."""
    seen_texts = seen_keys(ctx.store, source.name,
                           [text_key(r["text"]) for r in rows if r["text"]])
    for row in rows:  # an item seen before under another address: its address is seen now
        for key in row.get("_keys", []):
            result.keys[key] = None
    unique: dict[str, dict[str, Any]] = {}
    for row in rows:  # one text once: the first item that carries it
        if row["text"] and (key := text_key(row["text"])) not in seen_texts:
            unique.setdefault(key, row)
    rows = list(unique.values())
    result.new_items += len(rows)
    if not rows:
        return None
    with tempfile.TemporaryDirectory(prefix="pantau-collect-") as folder:
        path = Path(folder) / "items.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({k: row.get(k) for k in ITEM_FIELDS},
                                        ensure_ascii=False) + "\n")
        options = IngestOptions(mapping=dict(MAPPING), timezone=ctx.settings.timezone,
                                allow_rejects=True, max_bytes=ctx.settings.max_upload_bytes)
        stamp = ctx.now().strftime("%Y-%m-%d %H:%M")
        report = import_file(ctx.store, path, options, filename=f"sumber:{source.name} {stamp}")
    result.stored += report.stored
    if report.stored and ctx.on_stored is not None:
        ctx.on_stored()
    for reject in report.rejects[:3]:
        result.notes.append(f"item rejected: {reject.reason}")
    for row in rows:
        result.keys[text_key(row["text"])] = None
    return report
