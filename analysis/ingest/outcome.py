"""Stop an import that would reject most of a file for one reason, before anything is stored.

A file whose dates are all in a format Pantau does not read, or whose text column is the wrong
one, would otherwise be "imported" as thousands of identical reject lines and no data. When more
than :data:`MOST` of the first batch's rows (the first ``IngestOptions.batch_rows`` rows, the
whole of most files) would be rejected with one code in one column, :func:`check_batch` raises
:class:`analysis.errors.MostRowsRejectedError`: one message with an example value and the fix.
``IngestOptions.allow_rejects`` (``pantau ingest --allow-rejects``) imports the readable rows
anyway, for the file where that is what the analyst wants.
"""

from __future__ import annotations

from collections import Counter

from analysis.errors import MostRowsRejectedError
from analysis.ingest.options import Batch, Rejection

MOST = 0.5
_FIXES: dict[str, str] = {
    "bad_date": "choose another date column (--map published_at=COLUMN) or write the dates in "
                "a format Pantau reads, such as 2025-07-08 14:30 or 08/07/2025 14:30",
    "empty_date": "choose the date column (--map published_at=COLUMN)",
    "empty_text": "choose the text column (--map text=COLUMN)",
    "relative_date_no_reference": "give the time the export was made (--reference-time) or add "
                                  "an extracted_at column",
    "date_order_conflict": "choose the date order (--date-order dmy|mdy)",
    "bad_row": "check the delimiter (--delimiter) and the quotes of the file",
}  # fmt: skip


def check_batch(batch: Batch, filename: str) -> None:
    """Raise :class:`MostRowsRejectedError` when more than :data:`MOST` of ``batch``'s rows
    are rejected with the same code in the same column."""
    if not batch.rejects or batch.rows_in == 0:
        return
    counts = Counter((reject.code, reject.column) for reject in batch.rejects)
    (code, column), count = counts.most_common(1)[0]
    if count <= MOST * batch.rows_in:
        return
    first = next(r for r in batch.rejects if (r.code, r.column) == (code, column))
    example = _example(first)
    raise MostRowsRejectedError(
        _message(first, example, count, batch.rows_in, filename),
        code=code, column=column, example=example, count=count, rows=batch.rows_in,
    )


def _example(reject: Rejection) -> str:
    value = reject.raw.get(reject.column or "", "") if reject.column else ""
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:80] + "…"


def _message(first: Rejection, example: str, count: int, rows: int, filename: str) -> str:
    share = f"{count:,} of the first {rows:,} rows of '{filename}'"
    if first.column is None:
        what = f"{share} cannot be read ({first.reason})"
    else:
        holds = f"holds '{example}'" if example else "is empty"
        what = (f"Column '{first.column}' {holds}: {share} would be rejected the same way "
                f"({first.reason})")
    fix = _FIXES.get(first.code, "check the file and its column mapping")
    return (f"{what}, so nothing was imported. To fix it, {fix}; to import the other rows "
            "anyway, use --allow-rejects")
