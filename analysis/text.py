"""Text normalisation shared by ingest (stable ids) and the scoring engine (dedup keys)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC, lower case, whitespace collapsed: two texts that read the same get one key."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def one_line(text: object, limit: int) -> str:
    """A text on one line (runs of spaces and line breaks as one space), cut to ``limit``
    characters with an ellipsis."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def text_hash(text: str) -> str:
    """Hex SHA-1 of the normalised text (the dedup key's text part)."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()
