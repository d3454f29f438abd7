"""The fact-check claim bank in use: entries analysts add, and keeping the bank embedded.

Reading bank files is :mod:`analysis.signals.claim_files`' job and the SQL is
:mod:`analysis.store.claims`'; this module joins them with the encoder and the matcher.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pandas as pd

from analysis.errors import DatasetError
from analysis.models.encoder import Encoder, Progress
from analysis.signals.claim_files import (
    DEFAULT_BANK,
    claim_kind,
    claim_passage,
    is_web_address,
    read_turnbackhoax,
)
from analysis.signals.matching import ClaimMatcher
from analysis.store import Store
from analysis.store.audit import UNKNOWN
from analysis.store.claims import (
    CLAIM_COLUMNS,
    claim_bank,
    claim_page,
    claims_missing_embeddings,
    count_claims,
    insert_claim_embeddings,
    upsert_claims,
)
from analysis.store.documents import document_text
from analysis.text.keys import one_line
from analysis.vocabulary import BUNDLED_CLAIM_SOURCE, CONFIRMED, DEBUNKED


def add_claim(store: Store, title: str, fact: str, *, status: str = DEBUNKED,
              url: str | None = None, published: str | None = None,
              source: str = "Analis Pantau", content: str = "", actor: str | None = None) -> str:
    """Add one bank entry by hand (an analyst's debunk, or a confirmed fact); return its id.
    The same claim on the same day is one entry (adding it again changes nothing). ``actor``
    is who adds it, kept in the audit log."""
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
    upsert_claims(store, row[CLAIM_COLUMNS], actor=actor or UNKNOWN)
    return claim_id


FACT_TITLE = 200
"""Characters of a text kept as the title of the bank entry made from it."""


def fact_from_text(store: Store, doc_id: str, analyst: str, note: str | None = None) -> str:
    """A stored text an analyst confirmed is not a hoax, added to the bank as a ``fakta`` entry
    (status "Benar"): the text as the claim, the analyst's note (or who checked it) as the fact,
    its link as the evidence. Later posts repeating it then show this entry as evidence, and a
    match with a fact does not raise their hoax score. Returns the entry's id."""
    found = document_text(store, doc_id)
    if found is None:
        raise DatasetError(f"No text with id {doc_id!r} in the store")
    text = " ".join(found[0].split())
    fact = (note or "").strip() or f"Diperiksa oleh {analyst}: bukan hoaks."
    url = found[1]
    link = url if isinstance(url, str) and is_web_address(url) else None
    return add_claim(store, one_line(text, FACT_TITLE), fact, status=CONFIRMED, url=link,
                     content=text, source=f"Analis Pantau ({analyst})", actor=analyst)


def list_claims(store: Store, search: str = "", limit: int = 200) -> tuple[pd.DataFrame, int]:
    """Bank entries newest first (``id``, ``kind`` hoaks/fakta, ``status``, ``title``,
    ``fact``, ``url``, ``published``, ``source``) whose claim or fact contains every word of
    ``search`` (any case), at most ``limit``; and how many entries match."""
    frame, total = claim_page(store, search, limit)
    frame.insert(1, "kind", frame["status"].map(claim_kind))
    return frame, total


def ensure_claim_bank(
    store: Store, encoder: Encoder, model_key: str, progress: Progress | None = None
) -> ClaimMatcher | None:
    """Load the default bank into an empty store, embed claims not yet embedded, and return
    the bank's matcher (None when the bank is empty)."""
    if count_claims(store, BUNDLED_CLAIM_SOURCE) == 0 and DEFAULT_BANK.exists():
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
    return ClaimMatcher(claims, matrix) if len(claims) else None
