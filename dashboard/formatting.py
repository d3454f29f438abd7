"""How values read on a page: numbers in the viewer's notation, missing cells, safe links, and
user-supplied text made inert for ``st.markdown``."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from analysis.text.keys import first_address
from dashboard.texts import lang, t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")
_BARE_LINK = re.compile(r"(?i)\b(https?:|www)(//|\.)")
WORD_JOINER = "\u2060"
_INDONESIAN_MARKS = str.maketrans(",.", ".,")


def number(value: int) -> str:
    """A whole number with the viewer's thousands separator: 1.234 (Indonesian), 1,234 (English)."""
    return _localise(f"{int(value):,}")


def decimal(value: float, digits: int = 2, signed: bool = False) -> str:
    """A fraction with the viewer's decimal mark: 0,25 (Indonesian), 0.25 (English)."""
    return _localise(f"{value:{'+' if signed else ''},.{digits}f}")


def separators() -> str:
    """Plotly's ``separators`` (decimal mark, then thousands) for the viewer's language."""
    return ",." if lang() == "id" else ".,"


def _localise(text: str) -> str:
    """English notation as the viewer writes it (Indonesian swaps the comma and the point)."""
    return text if lang() != "id" else text.translate(_INDONESIAN_MARKS)


def present(value: Any) -> Any:
    """``value``, or None when it is missing (None, NaN, NA or blank text).

    Query results mark missing cells with NaN/NA, which are truthy, so ``if value:`` is not
    enough to decide whether to show a field.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def safe_url(value: Any) -> str | None:
    """An http(s) address from uploaded data, else None (no ``javascript:`` links); of several
    addresses run together, the first."""
    url = present(value)
    if url is None:
        return None
    url = str(url).strip()
    return first_address(url) if url.lower().startswith(("https://", "http://")) else None


def sentiment_word(label: Any) -> str:
    """A sentiment label (``negative``, ``neutral``, ``positive``) in the viewer's language; a
    dash for a text without one."""
    return t(label) if isinstance(label, str) else "—"


def escape(text: object) -> str:
    """User-supplied text made inert for ``st.markdown`` (no links, images, HTML or markup).

    ``=`` and ``-`` are escaped too, so a line of them under a text makes no heading, and
    ``&`` so that no HTML entity is read. Markdown escapes do not stop bare addresses
    (``https://...``, ``www.``) from being turned into links, so an invisible word joiner
    goes after ``https:`` and ``www``: the address reads the same and is not clickable (the
    post's own link has its button).
    """
    unlinked = _BARE_LINK.sub(lambda m: m[1] + WORD_JOINER + m[2], str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")


def to_local(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Format a naive local-time column as ``dd/mm/yyyy HH:MM``."""
    frame = frame.copy()
    frame[column] = pd.to_datetime(frame[column]).dt.strftime("%d/%m/%Y %H:%M")
    return frame
