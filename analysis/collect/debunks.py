"""Fact-checkers' debunks turned into claim rows (the ``claims`` table's columns).

Preferably from the schema.org ClaimReview JSON-LD a fact-check page embeds (``claimReviewed``,
``reviewRating.alternateName``, ``url``, ``datePublished``); else from a TurnBackHoax/Mafindo
style item: a verdict in brackets before the title (``[SALAH] Video ...``, ``[HOAKS] ...``) and a
body with Narasi / Penjelasan / Kesimpulan sections. A status is normalised the way the bundled
bank has it: ``Salah`` for a debunk, ``Benar`` for a confirmed fact.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from analysis.collect.articles import extract_article
from analysis.collect.feeds import FEED_ZONE, FeedItem, plain_text
from analysis.vocabulary import CLAIM_COLUMNS, CONFIRMED, DEBUNKED, TRUE_RATINGS

FALSE_RATINGS = (
    "salah", "hoaks", "hoax", "hoaxes", "false", "keliru", "palsu", "bohong", "fitnah",
    "disinformasi", "misinformasi", "malinformasi", "penipuan", "menyesatkan", "misleading",
    "konten palsu", "konten yang menyesatkan", "konten yang dimanipulasi", "konten dimanipulasi",
    "konteks keliru", "koneksi yang salah", "konten tiruan", "konten yang salah", "satire",
    "mostly false", "pants on fire", "fabricated", "manipulated", "scam", "tidak benar",
)
"""Verdicts (lower case) that mark a debunk; they become the status ``Salah``."""
_TAG = re.compile(r"^\s*\[([^\]]{2,40})\]\s*[:\-–]?\s*(.+)$", re.S)
_SECTION = re.compile(
    r"^\W*(narasi|penjelasan|kesimpulan|kategori|sumber|referensi|rujukan|hasil cek fakta)"
    r"\W*?(?::|$)\s*(.*)$", re.I)
_LD_JSON = re.compile(
    r"""<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>""",
    re.I | re.S)
_SECTION_NAMES = {"hasil cek fakta": "penjelasan", "rujukan": "referensi"}


def normal_status(verdict: str) -> str | None:
    """``Benar`` for a verdict that confirms, ``Salah`` for one that debunks, the verdict
    itself for another (``Perlu konteks``), None for none."""
    label = " ".join(verdict.split()).strip(" .:").lower()
    if not label:
        return None
    if label in TRUE_RATINGS or label == "fakta":
        return CONFIRMED
    if label in FALSE_RATINGS or any(label.startswith(f"{word} ") for word in FALSE_RATINGS):
        return DEBUNKED
    return verdict.strip()


def sections(text: str) -> dict[str, str]:
    """The Narasi / Penjelasan / Kesimpulan / Kategori ... sections of a debunk's body, by
    lower-case name (a heading on its own line, in brackets or with a colon)."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if set(line.strip()) <= set("=-_* "):
            continue
        match = _SECTION.match(line.strip())
        if match:
            name = match.group(1).lower()
            current = _SECTION_NAMES.get(name, name)
            found.setdefault(current, [])
            line = match.group(2)
        if current is not None and line.strip():
            found[current].append(line.strip())
    return {name: "\n".join(lines) for name, lines in found.items()}


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for part in data:
            yield from _walk(part)
    elif isinstance(data, dict):
        kind = data.get("@type")
        if "ClaimReview" in (kind if isinstance(kind, list) else [kind]):
            yield data
        for key in ("@graph", "mainEntity", "hasPart"):
            if key in data:
                yield from _walk(data[key])


def claim_reviews(html: str) -> list[dict[str, Any]]:
    """The ClaimReview objects in a page's ``application/ld+json`` scripts (alone, in a list
    or in an ``@graph``); scripts that are not valid JSON are skipped."""
    found: list[dict[str, Any]] = []
    for script in _LD_JSON.findall(html or ""):
        try:
            data = json.loads(script.strip(), strict=False)
        except ValueError:
            continue
        found += [review for review in _walk(data) if review.get("claimReviewed")]
    return found


def _row_id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _day(item: FeedItem) -> str:
    return item.published.astimezone(FEED_ZONE).date().isoformat() if item.published else ""


def _from_review(review: dict[str, Any], item: FeedItem, parts: dict[str, str],
                 source: str) -> dict[str, Any] | None:
    rating = review.get("reviewRating") or {}
    rating = rating[0] if isinstance(rating, list) and rating else rating
    verdict = str(rating.get("alternateName") or rating.get("name") or "").strip() \
        if isinstance(rating, dict) else ""
    status = normal_status(verdict)
    if status is None:
        return None
    url = str(review.get("url") or item.url or "").strip() or None
    body = str(review.get("reviewBody") or review.get("description") or "").strip()
    return {
        "id": _row_id(url or item.guid), "status": status,
        "title": plain_text(str(review["claimReviewed"])),
        "content": parts.get("narasi", ""),
        "fact": body or parts.get("penjelasan") or item.summary or verdict,
        "url": url, "published": str(review.get("datePublished") or "")[:10] or _day(item),
        "conclusion": parts.get("kesimpulan") or verdict, "source": source,
    }


def debunk_from_item(item: FeedItem, page_html: str | None, source: str) -> dict[str, Any] | None:
    """One claim row (``CLAIM_COLUMNS``) from a fact-checker's feed item and, when fetched, its
    page; None when neither gives a verdict (the item is not a debunk)."""
    article = extract_article(page_html, item.url or "") if page_html else None
    body = article.text if article is not None else ""
    parts = sections(body) or sections(item.summary)
    for review in claim_reviews(page_html or ""):
        row = _from_review(review, item, parts, source)
        if row is not None:
            return row
    tag = _TAG.match(item.title)
    verdict = tag.group(1).strip() if tag else parts.get("kategori", "").split("\n")[0]
    status = normal_status(verdict)
    if status not in (DEBUNKED, CONFIRMED):  # no verdict, or a tag like [KLARIFIKASI], [VIDEO]
        return None
    title = tag.group(2).strip() if tag else item.title.strip()
    row = {
        "id": _row_id(item.url or item.guid), "status": status, "title": title,
        "content": parts.get("narasi", ""),
        "fact": parts.get("penjelasan") or body or item.summary,
        "url": item.url, "published": _day(item),
        "conclusion": parts.get("kesimpulan") or verdict.capitalize(), "source": source,
    }
    return {column: row[column] for column in CLAIM_COLUMNS}
