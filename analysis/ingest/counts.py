"""Engagement counts as exports write them: ``1.234``, ``1,2 rb``, ``3K``, ``2 jt``.

A count is context for a text, not the text itself: one Pantau cannot read is left empty and the
row is still imported.
"""

from __future__ import annotations

import re
from functools import lru_cache

_COUNT_MAX = 2**63 - 1
_COUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(k|rb|ribu|m|jt|juta|b|miliar|mlyr)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_MULTIPLIERS: dict[str, int] = {
    "k": 10**3, "rb": 10**3, "ribu": 10**3, "m": 10**6, "jt": 10**6, "juta": 10**6,
    "b": 10**9, "miliar": 10**9, "mlyr": 10**9,
}  # fmt: skip


def parse_count(value: str | None) -> int | None:
    """``"1.234"`` / ``"1,234"`` -> 1234, ``"1,2 rb"`` -> 1200, ``"3K"`` -> 3000; else None.

    A count Pantau cannot read, or one too big for the store's 64-bit column, is left empty
    rather than rejecting the row: the text still counts.
    """
    text = (value or "").strip().lower().replace("\u00a0", " ")
    if not text:
        return None
    if _GROUPED.match(text):
        count = int(re.sub(r"[.,]", "", text))
        return count if count <= _COUNT_MAX else None
    match = _COUNT.match(text)
    if match is None:
        return None
    number = float(match.group(1).replace(",", "."))
    number *= _MULTIPLIERS.get(match.group(2) or "", 1)
    if (match.group(2) is None and not number.is_integer()) or number > _COUNT_MAX:
        return None
    return round(number)


count_cached = lru_cache(maxsize=16384)(parse_count)
"""Counts repeat ("0", "1", "12"): most rows of an export hit the cache."""
