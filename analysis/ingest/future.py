"""Rows dated in the future: a post cannot be published after the file holding it was made.

One row dated 2099 would otherwise become the newest post in the store and pull every reader's
default period (which ends at the newest post) years ahead. Such rows are rejected with the
code ``future_date``; a small tolerance (:data:`FUTURE_TOLERANCE`) allows for clocks and time
zones set slightly wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

from analysis.ingest.options import Batch, Rejection

FUTURE_TOLERANCE = timedelta(days=2)


def drop_future_rows(batch: Batch, now: datetime, column: str | None) -> Batch:
    """``batch`` with its records dated more than :data:`FUTURE_TOLERANCE` after ``now``
    moved to its rejects (``column``: the export's date column, named in the reason)."""
    records = batch.records
    if records.empty or "published_at" not in records:
        return batch
    limit = pd.Timestamp(now.astimezone(UTC) + FUTURE_TOLERANCE)
    late = (records["published_at"] > limit).fillna(False).to_numpy(dtype=bool)
    if not late.any():
        return batch
    rejects = [
        Rejection(
            row=int(number), column=column, code="future_date",
            reason=f"date {when:%Y-%m-%d %H:%M} UTC in column '{column}' is more "
                   f"than {FUTURE_TOLERANCE.days} days after the import ({now:%Y-%m-%d}): "
                   "a post cannot be published after its export was made; check the date",
            raw={column or "published_at": when.isoformat()})
        for number, when in zip(records.loc[late, "row_number"].tolist(),
                                pd.to_datetime(records.loc[late, "published_at"]), strict=True)
    ]
    kept = records[~late].reset_index(drop=True)
    merged = sorted([*batch.rejects, *rejects], key=lambda r: r.row)
    return Batch(records=kept, rejects=merged, rows_in=batch.rows_in, bytes_read=batch.bytes_read)
