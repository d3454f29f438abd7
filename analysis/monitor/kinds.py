"""How each kind of source is collected: ``rss``, ``claims``, ``folder`` and ``youtube``.

Each collector takes the worker's :class:`~analysis.monitor.collecting.Context` and a source and
returns a :class:`~analysis.monitor.collecting.Collected`; raising is how it fails (the caller
records the reason and goes on with the other sources).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.collect.debunks import debunk_from_item
from analysis.collect.youtube import YouTube
from analysis.errors import FetchError, PantauError, SourceError
from analysis.ingest import IngestOptions
from analysis.monitor.collecting import (
    STORE_EVERY,
    Collected,
    Context,
    article_rows,
    fetch_feed,
    import_rows,
    item_keys,
    new_items,
    note_articles,
)
from analysis.monitor.sources import Source
from analysis.pipeline.imports import file_sha256, import_path
from analysis.store.claims import upsert_claims
from analysis.store.sources import record_run, seen_keys
from analysis.vocabulary import CLAIM_COLUMNS

SETTLE_S = 10.0
"""A dropped file modified less than this long ago may still be being written: it waits."""
_PARTIAL = (".part", ".crdownload", ".tmp", ".partial", ".download", "~")


def collect_rss(ctx: Context, source: Source) -> Collected:
    """A news feed: each new item's page fetched for its article's main text, then imported."""
    feed, result = fetch_feed(ctx, source)
    if feed is None:
        return result
    fresh = new_items(ctx, source, feed.items, result)
    for start in range(0, len(fresh), STORE_EVERY):
        batch = fresh[start:start + STORE_EVERY]
        import_rows(ctx, source, article_rows(ctx, source, feed, batch, result), result)
    note_articles(result)
    return result


def collect_claims(ctx: Context, source: Source) -> Collected:
    """A fact-checker's feed: each new debunk into the claim bank (claim, fact, link, date),
    read from the page's ClaimReview markup where it has one, else from the item."""
    feed, result = fetch_feed(ctx, source)
    if feed is None:
        return result
    rows, skipped = [], 0
    for item in new_items(ctx, source, feed.items, result):
        page = None
        if item.url:
            try:
                page = ctx.fetcher.get(item.url, accept="text/html").text
            except FetchError as error:
                result.notes.append(f"{item.url}: {error}")
        row = debunk_from_item(item, page, source.name)
        if row is None:
            skipped += 1
        else:
            rows.append(row)
        for key in item_keys(item):
            result.keys[key] = row["id"] if row else None
    if rows:
        frame = pd.DataFrame(rows).drop_duplicates("id")
        result.stored = upsert_claims(ctx.store, frame[CLAIM_COLUMNS])
    result.new_items = len(rows)
    if skipped:
        result.notes.append(f"{skipped} items carry no verdict (not a debunk): not added")
    return result


def collect_youtube(ctx: Context, source: Source) -> Collected:
    """A video's comments, or those of a channel's recent videos (YouTube Data API v3)."""
    key = ctx.settings.youtube_key
    if not key:
        raise SourceError("YouTube sources need an API key: set PANTAU_YOUTUBE_KEY to the "
                          "operator's YouTube Data API v3 key")
    api = YouTube(ctx.fetcher, ctx.settings.youtube_api_url, key)
    comments = api.comments(source.target)
    result = Collected(items=len(comments))
    seen = seen_keys(ctx.store, source.name, ["yt:" + str(c["id"]) for c in comments])
    fetched_at = ctx.now().isoformat()
    rows = [{**comment, "fetched_at": fetched_at, "_keys": ["yt:" + str(comment["id"])]}
            for comment in comments if "yt:" + str(comment["id"]) not in seen]
    if rows:
        import_rows(ctx, source, rows, result)
    return result


def collect_folder(ctx: Context, source: Source) -> Collected:
    """Each new or changed export in the folder imported once, through the import pipeline;
    files still being written wait for the next collection; a file that cannot be imported
    is reported by name and reason, and the others are imported all the same."""
    folder = Path(source.target)
    if not folder.is_dir():
        raise SourceError(f"The folder {folder} is gone or not readable")
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and not p.name.startswith(".") and not p.name.endswith(_PARTIAL))
    result = Collected(items=len(files))
    young = [p for p in files if time.time() - p.stat().st_mtime < SETTLE_S]
    if young:
        result.notes.append(f"{len(young)} file(s) still being written: read on the next "
                            "collection")
    settled = {_file_key(p): p for p in files if p not in young}
    seen = seen_keys(ctx.store, source.name, settled)
    problems = []
    for key, path in settled.items():
        if key in seen:
            continue
        try:
            _import_dropped(ctx, source, path, result)
        except PantauError as error:
            problems.append(f"{path.name}: {error}")
        result.keys[key] = None
    if problems:
        result.error = f"{len(problems)} file(s) not imported. " + " | ".join(problems[:3])
    return result


def _file_key(path: Path) -> str:
    """A dropped file's key: its name and content (a changed file is read again)."""
    return f"file:{path.name}:{file_sha256(path)}"


def _import_dropped(ctx: Context, source: Source, path: Path, result: Collected) -> None:
    options = IngestOptions(timezone=ctx.settings.timezone,
                            max_bytes=ctx.settings.max_upload_bytes,
                            max_rows=ctx.settings.max_rows)
    for report in import_path(ctx.store, path, options,
                              filename=f"sumber:{source.name}/{path.name}"):
        if report.error:
            raise SourceError(report.error)
        result.new_items += report.rows_in
        result.stored += report.stored
        if report.rejected:
            result.notes.append(f"{path.name}: {report.rejected} rows rejected (see the "
                                "upload's rejects on the Unggah page)")


COLLECTORS: dict[str, Callable[[Context, Source], Collected]] = {
    "rss": collect_rss, "claims": collect_claims, "folder": collect_folder,
    "youtube": collect_youtube,
}


def run_source(ctx: Context, source: Source) -> Collected:
    """Collect ``source`` once and record the run; a failure is recorded, never raised."""
    started = ctx.now()
    try:
        result = COLLECTORS[source.kind](ctx, source)
    except PantauError as error:
        result = Collected(status="failed", error=str(error))
    except Exception as error:  # one source's fault must never stop the others
        result = Collected(status="failed", error=f"{type(error).__name__}: {error}")
    record_run(ctx.store, source.name, started, status=result.status, items=result.items,
               new_items=result.new_items, stored=result.stored, error=result.error,
               notes=result.notes, keys=result.keys, etag=result.etag,
               last_modified=result.last_modified)
    return result
