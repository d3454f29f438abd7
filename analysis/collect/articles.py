"""An article page's main text with trafilatura, favouring precision: no menus, no related
lists ("Baca juga", "Berita Terkait"), no comments, no footers; one line per paragraph."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import trafilatura

from analysis.collect.feeds import FEED_ZONE
from analysis.ingest.dates import parse_datetime

log = logging.getLogger(__name__)
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
MIN_CHARS = 80
"""Less main text than this is a menu or a caption that trafilatura fell back on, no article."""


@dataclass
class Article:
    """An article's main text and what its page says about it (None where it says nothing)."""

    url: str
    title: str | None
    text: str
    author: str | None
    published: datetime | None
    site: str | None


def _date(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        return parse_datetime(raw, tz=FEED_ZONE)[0]
    except ValueError:
        return None


def _body(text: str, title: str | None) -> str:
    """The text without a first line that only repeats the title, blank lines dropped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n".join(lines)


def extract_article(html: str, url: str) -> Article | None:
    """The main text of the article page ``html`` fetched from ``url``, or None when the page
    has no main text (a section front, an error page, an empty body: under ``MIN_CHARS``)."""
    if not html or not html.strip():
        return None
    try:
        document = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, include_images=False,
            favor_precision=True, with_metadata=True,
            date_extraction_params={"original_date": True, "outputformat": _DATE_FORMAT,
                                    "extensive_search": False})
    except Exception as error:  # trafilatura/lxml raise many kinds on broken markup
        log.info("no article extracted from %s: %s", url, error)
        return None
    if document is None:
        return None
    title = (getattr(document, "title", None) or "").strip() or None
    text = _body(getattr(document, "text", None) or "", title)
    if len(text) < MIN_CHARS:
        return None
    return Article(
        url=url, title=title, text=text,
        author=(getattr(document, "author", None) or "").strip() or None,
        published=_date(getattr(document, "date", None)),
        site=(getattr(document, "sitename", None) or getattr(document, "hostname", None))
        or None)
