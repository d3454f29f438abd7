"""The starter list of monitoring sources shipped in ``data/sources/feeds.csv``."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from analysis.settings import DATA_DIR

STARTER_FEEDS = DATA_DIR / "sources" / "feeds.csv"
KINDS = ("rss", "claims")


def starter_feeds(path: Path = STARTER_FEEDS) -> list[dict[str, Any]]:
    """The rows of the starter list: ``name``, ``kind`` (rss|claims), ``url``, ``region``,
    ``every_minutes`` (int), ``checked`` (bool) and ``note``, in the file's order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "name": row["name"].strip(), "kind": row["kind"].strip(), "url": row["url"].strip(),
            "region": row["region"].strip(), "every_minutes": int(row["every_minutes"]),
            "checked": row["checked"].strip().lower() == "true", "note": row["note"].strip(),
        }
        for row in rows
    ]
