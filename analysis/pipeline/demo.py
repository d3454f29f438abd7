"""The demo data that ``make run`` shows on a fresh machine: real Indonesian exports (MIT)."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest import IngestOptions
from analysis.pipeline.imports import ImportReport, Progress, import_file
from analysis.settings import DATA_DIR
from analysis.store import Store
from analysis.store.documents import document_count

DEMO_FILES: list[tuple[Path, IngestOptions]] = [
    (DATA_DIR / "demo" / "vaccine_tweets_2021.csv", IngestOptions(platform="twitter")),
    (DATA_DIR / "demo" / "youtube_comments_2025.csv", IngestOptions(platform="youtube")),
]

DEMO_TOPICS: list[tuple[str, str]] = [
    ("Wapres", 'wapres OR gibran OR "wakil presiden"'),
    ("Vaksin", "vaksin* OR vaksinasi OR sinovac"),
]
"""What the demo exports talk about, watched next to the example police entities."""


def load_demo(store: Store, progress: Progress | None = None,
              force: bool = False, actor: str | None = None) -> list[ImportReport]:
    """Import the demo exports when the store is empty (or always, with ``force``), and start
    an empty watchlist with the example entities so the Entitas page has something to show."""
    from analysis.insights.entities import add_entity, seed_defaults

    if document_count(store) and not force:
        return []
    reports = [import_file(store, path, options, progress, actor=actor)
               for path, options in DEMO_FILES]
    if seed_defaults(store, created_by="demo"):
        for name, query in DEMO_TOPICS:
            add_entity(store, name, query, created_by="demo")
    return reports
