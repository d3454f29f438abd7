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


_GLUED_ADDRESS = re.compile(r"(?i)(?<=[^\s=/%?&:#(])https?://")
"""A second address run into the one before it ("...berita.htmlhttps://..."), as link lists
copied without separators read; one after ``=``, ``/`` or ``%`` is part of the first (a
redirect or an archive link)."""


def first_address(url: str) -> str:
    """``url`` up to where another http(s) address is glued on to it, if one is."""
    glued = _GLUED_ADDRESS.search(url, 8)
    return url[: glued.start()] if glued else url
