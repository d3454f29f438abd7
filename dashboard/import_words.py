"""What an import says to the analyst, in the viewer's language.

The analysis layer words its notes, reject reasons and errors in English and keeps the code and
values they were made from (:class:`analysis.ingest.options.Note`, a rejection's ``code``,
``column`` and ``raw`` cells, :class:`analysis.errors.MostRowsRejectedError`); these functions
say them again with the page's texts, and fall back to the English words for anything the texts
have no sentence for.
"""

from __future__ import annotations

from analysis.errors import MostRowsRejectedError
from analysis.ingest import Rejection
from dashboard.texts import TEXT, t, t_or


def note_text(note: str) -> str:
    """A file note in the viewer's language (its English text when it has no code)."""
    code = getattr(note, "code", "")
    if not code or f"note_{code}" not in TEXT:
        return note
    values = dict(getattr(note, "values", {}))
    for name, key in list(values.items()):  # "t_why": "id_why_counted" -> why, in words
        if name.startswith("t_") and isinstance(key, str) and key in TEXT:
            values[name.removeprefix("t_")] = t(key, **values)
    return t(f"note_{code}", **values)


def reject_reason(reject: Rejection) -> str:
    """Why a row was rejected, in the viewer's language."""
    said = note_text(reject.reason)
    if said is not reject.reason:  # a reason with a code of its own (a broken row's)
        return said
    value = reject.raw.get(reject.column or "", "") if reject.column else ""
    shown = value.strip() if len(value) <= 100 else value[:100].strip() + "…"
    return t_or(f"why_{reject.code}", reject.reason, column=reject.column or "", value=shown,
                reason=reject.reason)


def abort_text(error: MostRowsRejectedError) -> str:
    """Why a file was not imported at all, in the viewer's language."""
    return t_or(f"abort_{error.code}", str(error), column=error.column or "",
                example=error.example, count=f"{error.count:,}", rows=f"{error.rows:,}")
