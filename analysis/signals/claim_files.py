"""Fact-check bank files: TurnBackHoax-layout CSVs and schema.org ClaimReview JSON.

Pure readers, with no store: they turn a file into the claims frame the store keeps
(:data:`analysis.store.claims.CLAIM_COLUMNS`), and say what a bank entry is (a debunk or a
confirmed fact) and what of it is embedded. :mod:`analysis.signals.matching` and
:mod:`analysis.signals.claim_bank` both build on them.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import DatasetError
from analysis.settings import DATA_DIR
from analysis.text.keys import first_address
from analysis.vocabulary import (
    BUNDLED_CLAIM_SOURCE,
    CLAIM_COLUMNS,
    TRUE_RATINGS,
    ClaimKind,
)

DEFAULT_BANK = DATA_DIR / "hoax" / "turnbackhoax_claims.csv"
_URL = re.compile(r"https?://\S+")
_WEB_ADDRESS = re.compile(r"(?i)https?://\S+$")
_REQUIRED = {"title", "fact"}


def read_turnbackhoax(path: Path, source: str = BUNDLED_CLAIM_SOURCE) -> pd.DataFrame:
    """Claims from a CSV with TurnBackHoax's columns (status, title, content, fact, references,
    tanggal, conclusion); the first link in ``references`` becomes the evidence link."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        raise DatasetError(f"Cannot read the claim bank {path}: {error}") from error
    missing = _REQUIRED - set(raw.columns)
    if missing:
        raise DatasetError(
            f"{path} lacks the column(s) {sorted(missing)}; a claim bank needs at least "
            "title and fact (TurnBackHoax layout: status,title,content,fact,references,tanggal)"
        )
    frame = pd.DataFrame(
        {
            "status": raw.get("status", ""),
            "title": raw["title"].str.strip(),
            "content": raw.get("content", ""),
            "fact": raw["fact"].str.strip(),
            "url": raw.get("references", pd.Series("", index=raw.index)).map(_first_url),
            "published": raw.get("tanggal", ""),
            "conclusion": raw.get("conclusion", ""),
            "source": source,
        }
    )
    frame = frame[frame["title"] != ""]
    frame["id"] = [
        hashlib.sha1(f"{t}|{p}".encode()).hexdigest()[:16]
        for t, p in zip(frame["title"], frame["published"], strict=True)
    ]
    return frame[CLAIM_COLUMNS].reset_index(drop=True)


def claim_kind(status: str | None) -> str:
    """``fakta`` for a claim rated true, else ``hoaks`` (Salah, False, Misleading, ...)."""
    return ClaimKind.FACT if str(status or "").strip().lower() in TRUE_RATINGS else ClaimKind.HOAX


def read_claimreview(path: Path) -> pd.DataFrame:
    """Claims from schema.org ClaimReview JSON: one object, a list, an ``@graph``, or the Google
    Fact Check Tools layout (``{"claims": [{"text", "claimReview": [...]}]}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise DatasetError(f"Cannot read the ClaimReview file {path}: {error}") from error
    rows = [row for item in _claimreview_items(data) if (row := _claimreview_row(item))]
    if not rows:
        raise DatasetError(
            f"{path} holds no ClaimReview with a claim: expected objects with \"@type\": "
            "\"ClaimReview\" and \"claimReviewed\", or Fact Check Tools \"claims\" with \"text\""
        )
    frame = pd.DataFrame(rows)
    frame["id"] = [hashlib.sha1(f"{t}|{p}".encode()).hexdigest()[:16]
                   for t, p in zip(frame["title"], frame["published"], strict=True)]
    return frame[CLAIM_COLUMNS].drop_duplicates("id").reset_index(drop=True)


def _claimreview_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for item in data for x in _claimreview_items(item)]
    if not isinstance(data, dict):
        return []
    if "@graph" in data:
        return _claimreview_items(data["@graph"])
    if isinstance(data.get("claims"), list):  # Google Fact Check Tools
        out = []
        for claim in data["claims"]:
            for review in claim.get("claimReview") or [{}]:
                out.append({"@type": "ClaimReview", "claimReviewed": claim.get("text"),
                            "url": review.get("url"), "headline": review.get("title"),
                            "datePublished": review.get("reviewDate") or claim.get("claimDate"),
                            "reviewRating": {"alternateName": review.get("textualRating")},
                            "author": review.get("publisher") or {}})
        return out
    return [data]


def _claimreview_row(item: dict[str, Any]) -> dict[str, Any] | None:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    title = str(item.get("claimReviewed") or "").strip()
    if "ClaimReview" not in kinds or not title:
        return None
    rating = item.get("reviewRating") or {}
    verdict = str(rating.get("alternateName") or rating.get("ratingExplanation") or "").strip()
    author = item.get("author") or {}
    publisher = author.get("name") if isinstance(author, dict) else None
    body = str(item.get("reviewBody") or item.get("description") or item.get("headline") or "")
    return {
        "status": verdict or None,
        "title": title,
        "content": "",
        "fact": body.strip() or verdict,
        "url": item.get("url"),
        "published": str(item.get("datePublished") or "")[:10],
        "conclusion": verdict,
        "source": f"ClaimReview ({publisher})" if publisher else "ClaimReview",
    }


def read_claim_file(path: Path) -> pd.DataFrame:
    """A claim bank file: ``.json`` as ClaimReview, anything else as a TurnBackHoax CSV."""
    if path.suffix.lower() in (".json", ".jsonld"):
        return read_claimreview(path)
    return read_turnbackhoax(path, source=f"{path.name}")


def is_web_address(url: str) -> bool:
    """Whether ``url`` (spaces around it aside) is one http(s) address: what a bank entry's
    link must be."""
    return bool(_WEB_ADDRESS.match(url.strip()))


def _first_url(text: str) -> str | None:
    found = _URL.search(html.unescape(text or ""))  # the bank's links carry &amp; for &
    return first_address(found.group(0)).rstrip(".,)") if found else None


def claim_passage(title: str, content: str) -> str:
    """What is embedded for a claim: its title and the start of the claimed text."""
    return f"{title}. {(content or '')[:600]}".strip()
