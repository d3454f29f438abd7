"""The fact-check claim bank: reading TurnBackHoax-style CSVs, keeping it embedded in the store."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from analysis.errors import DatasetError
from analysis.models.encoder import Encoder, Progress
from analysis.models.hoax import ClaimBank
from analysis.settings import DATA_DIR
from analysis.store import Store
from analysis.store.scores import (
    CLAIM_COLUMNS,
    claim_bank,
    claims_missing_embeddings,
    insert_claim_embeddings,
    upsert_claims,
)

DEFAULT_BANK = DATA_DIR / "hoax" / "turnbackhoax_claims.csv"
_URL = re.compile(r"https?://\S+")
_REQUIRED = {"title", "fact"}


def read_turnbackhoax(path: Path, source: str = "TurnBackHoax (Mafindo)") -> pd.DataFrame:
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


def _first_url(text: str) -> str | None:
    found = _URL.search(text or "")
    return found.group(0).rstrip(".,)") if found else None


def claim_passage(title: str, content: str) -> str:
    """What is embedded for a claim: its title and the start of the claimed text."""
    return f"{title}. {(content or '')[:600]}".strip()


def ensure_claim_bank(
    store: Store, encoder: Encoder, model_key: str, progress: Progress | None = None
) -> ClaimBank:
    """Load the default bank into an empty store, embed claims not yet embedded, return the bank."""
    if int(store.scalar("SELECT count(*) FROM claims") or 0) == 0 and DEFAULT_BANK.exists():
        upsert_claims(store, read_turnbackhoax(DEFAULT_BANK))
    todo = claims_missing_embeddings(store, model_key)
    if not todo.empty:
        passages = [
            claim_passage(t, c) for t, c in zip(todo["title"], todo["content"], strict=True)
        ]
        vectors = encoder.embed(passages, prefix="passage: ", progress=progress)
        insert_claim_embeddings(store, model_key, todo["id"].tolist(), vectors)
    claims, matrix = claim_bank(store, model_key)
    return ClaimBank(claims, matrix)
