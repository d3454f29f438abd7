"""The plain data that goes into and comes out of an import: options, file facts, batches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class IngestOptions:
    """How to read one export. Every field has a default that suits a typical export.

    ``mapping`` overrides the column guess (canonical field -> source column; ``""`` leaves a
    field unmapped). ``reference_time`` resolves relative dates when a row has no parseable
    reference-time column (``extracted_at`` ...). ``encoding``, ``delimiter`` and ``dayfirst``
    override detection for the rare file that detection gets wrong.
    """

    mapping: dict[str, str] = field(default_factory=dict)
    platform: str | None = None
    sheet: str | int | None = None
    reference_time: datetime | None = None
    timezone: str = "Asia/Jakarta"
    batch_rows: int = 20_000
    encoding: str | None = None
    delimiter: str | None = None
    dayfirst: bool = True


@dataclass(frozen=True)
class FileInfo:
    """What Pantau found out about a file before importing it."""

    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    columns: list[str]
    mapping: dict[str, str]
    sheets: list[str]
    total_bytes: int


@dataclass(frozen=True)
class Rejection:
    """One input row that was not imported, and why (a sentence an analyst can act on)."""

    row: int
    column: str | None
    code: str
    reason: str
    raw: dict[str, str]


@dataclass
class Batch:
    """Canonical records and rejections for a run of consecutive input rows."""

    records: pd.DataFrame
    rejects: list[Rejection]
    rows_in: int
    bytes_read: int
