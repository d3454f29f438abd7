"""The fact-check claim bank: reading TurnBackHoax-style CSVs, keeping it embedded in the store."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.errors import DatasetError
from analysis.models.encoder import Encoder, Progress
from analysis.settings import DATA_DIR
from analysis.store import Store
from analysis.store.scores import (
    CLAIM_COLUMNS,
    TRUE_RATINGS,
    claim_bank,
    claims_missing_embeddings,
    insert_claim_embeddings,
    upsert_claims,
)
from analysis.text.keys import first_address, one_line

if TYPE_CHECKING:
    from analysis.signals.matching import ClaimMatcher

DEFAULT_BANK = DATA_DIR / "hoax" / "turnbackhoax_claims.csv"
DEFAULT_SOURCE = "TurnBackHoax (Mafindo)"
_URL = re.compile(r"https?://\S+")
_WEB_ADDRESS = re.compile(r"(?i)https?://\S+$")
_REQUIRED = {"title", "fact"}


def read_turnbackhoax(path: Path, source: str = DEFAULT_SOURCE) -> pd.DataFrame:
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
    return "fakta" if str(status or "").strip().lower() in TRUE_RATINGS else "hoaks"


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


def add_claim(store: Store, title: str, fact: str, *, status: str = "Salah",
              url: str | None = None, published: str | None = None,
              source: str = "Analis Pantau", content: str = "") -> str:
    """Add one bank entry by hand (an analyst's debunk, or a confirmed fact); return its id.
    The same claim on the same day is one entry (adding it again changes nothing)."""
    title, fact = title.strip(), fact.strip()
    if not title or not fact:
        raise DatasetError("A bank entry needs the claim (title) and the fact that answers it")
    if url is not None and not is_web_address(url):
        raise DatasetError(f"The link must be a web address (https://...), not {url!r}")
    published = published or datetime.now(UTC).date().isoformat()
    claim_id = hashlib.sha1(f"{title}|{published}".encode()).hexdigest()[:16]
    row = pd.DataFrame([{"id": claim_id, "status": status, "title": title, "content": content,
                         "fact": fact, "url": url.strip() if url else None,
                         "published": published, "conclusion": status, "source": source}])
    upsert_claims(store, row[CLAIM_COLUMNS])
    return claim_id


def is_web_address(url: str) -> bool:
    """Whether ``url`` (spaces around it aside) is one http(s) address: what a bank entry's
    link must be."""
    return bool(_WEB_ADDRESS.match(url.strip()))


FACT_TITLE = 200
"""Characters of a text kept as the title of the bank entry made from it."""


def fact_from_text(store: Store, doc_id: str, analyst: str, note: str | None = None) -> str:
    """A stored text an analyst confirmed is not a hoax, added to the bank as a ``fakta`` entry
    (status "Benar"): the text as the claim, the analyst's note (or who checked it) as the fact,
    its link as the evidence. Later posts repeating it then show this entry as evidence, and a
    match with a fact does not raise their hoax score. Returns the entry's id."""
    found = store.query("SELECT text, url FROM documents WHERE id = ?", [doc_id])
    if found.empty:
        raise DatasetError(f"No text with id {doc_id!r} in the store")
    text = " ".join(str(found["text"].iloc[0]).split())
    fact = (note or "").strip() or f"Diperiksa oleh {analyst}: bukan hoaks."
    url = found["url"].iloc[0]
    link = url if isinstance(url, str) and is_web_address(url) else None
    return add_claim(store, one_line(text, FACT_TITLE), fact, status="Benar", url=link,
                     content=text, source=f"Analis Pantau ({analyst})")


def list_claims(store: Store, search: str = "", limit: int = 200) -> tuple[pd.DataFrame, int]:
    """Bank entries newest first (``id``, ``kind`` hoaks/fakta, ``status``, ``title``,
    ``fact``, ``url``, ``published``, ``source``) whose claim or fact contains every word of
    ``search`` (any case), at most ``limit``; and how many entries match."""
    words = [w.lower() for w in search.split()]
    where = " AND ".join(["contains(lower(concat_ws(' ', title, fact)), ?)"] * len(words))
    condition = f"WHERE {where}" if words else ""
    total = int(store.scalar(f"SELECT count(*) FROM claims {condition}", words) or 0)
    frame = store.query(
        f"SELECT id, status, title, fact, url, published, source FROM claims {condition} "
        "ORDER BY TRY_CAST(published AS DATE) DESC NULLS LAST, published DESC, id LIMIT ?",
        [*words, limit])
    frame.insert(1, "kind", frame["status"].map(claim_kind))
    return frame, total


def _first_url(text: str) -> str | None:
    found = _URL.search(text or "")
    return first_address(found.group(0)).rstrip(".,)") if found else None


def claim_passage(title: str, content: str) -> str:
    """What is embedded for a claim: its title and the start of the claimed text."""
    return f"{title}. {(content or '')[:600]}".strip()


def ensure_claim_bank(
    store: Store, encoder: Encoder, model_key: str, progress: Progress | None = None
) -> ClaimMatcher | None:
    """Load the default bank into an empty store, embed claims not yet embedded, and return
    the bank's matcher (None when the bank is empty)."""
    default = int(store.scalar("SELECT count(*) FROM claims WHERE source = ?",
                               [DEFAULT_SOURCE]) or 0)
    if default == 0 and DEFAULT_BANK.exists():
        # also when analysts added entries before the first scoring: theirs come on top
        upsert_claims(store, read_turnbackhoax(DEFAULT_BANK))
    todo = claims_missing_embeddings(store, model_key)
    if not todo.empty:
        passages = [
            claim_passage(t, c) for t, c in zip(todo["title"], todo["content"], strict=True)
        ]
        vectors = encoder.embed(passages, prefix="passage: ", progress=progress)
        insert_claim_embeddings(store, model_key, todo["id"].tolist(), vectors)
    claims, matrix = claim_bank(store, model_key)
    from analysis.signals.matching import ClaimMatcher

    return ClaimMatcher(claims, matrix) if len(claims) else None
