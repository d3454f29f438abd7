"""The plain data that goes into and comes out of an import: options, file facts, batches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from analysis.settings import Settings

DEFAULT_MAX_BYTES = Settings().max_upload_bytes
DEFAULT_MAX_ROWS = Settings().max_rows
"""The defaults of ``PANTAU_MAX_UPLOAD_MB`` and ``PANTAU_MAX_ROWS``; the CLI passes the settings."""


@dataclass(frozen=True)
class IngestOptions:
    """How to read one export. Every field has a default that suits a typical export.

    ``mapping`` overrides the column guess (canonical field -> source column; ``""`` leaves a
    field unmapped). ``reference_time`` resolves relative dates when a row has no parseable
    reference-time column (``extracted_at`` ...). ``encoding``, ``delimiter`` and ``dayfirst``
    override detection for the rare file that detection gets wrong. ``date_order`` (``"dmy"``
    or ``"mdy"``) forces the order of numeric dates instead of deciding it from the data.
    ``max_bytes`` and ``max_rows`` are the upload limits (``PANTAU_MAX_UPLOAD_MB``,
    ``PANTAU_MAX_ROWS``): a bigger file is refused before anything is read, and reading stops
    with an error at the row cap.
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
    date_order: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = DEFAULT_MAX_ROWS
    allow_rejects: bool = False
    """Import the readable rows even when most of the file's first rows would be rejected for
    one reason (:mod:`analysis.ingest.outcome`); by default such an import stops first."""
    fast: bool = True
    """Read clean UTF-8 delimited text on the vectorised path (:mod:`analysis.ingest.fast`),
    which gives the same records and rejections as the row path; False forces the row path."""


@dataclass(frozen=True)
class FileInfo:
    """What Pantau found out about a file before importing it.

    ``format`` is ``csv`` (any delimited text), ``xlsx``, ``json`` or ``jsonl``; ``sheets``
    lists an XLSX workbook's sheets (the first is read unless ``IngestOptions.sheet`` picks
    another); ``preset`` names the known export layout recognised from the header (see
    :mod:`analysis.ingest.presets`), or None when the columns were guessed. ``notes`` are what
    the analyst should know about how the file is read (a column not used as it was guessed).
    """

    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    columns: list[str]
    mapping: dict[str, str]
    sheets: list[str]
    total_bytes: int
    preset: str | None = None
    notes: tuple[str, ...] = ()
    sheet: str | None = None
    """The worksheet read (XLSX only)."""
    header_skip: int = 0
    """Records above a delimited text's header (title lines, Excel's ``sep=`` line)."""


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


class Note(str):
    """A note for the analyst: its English text (CLI, logs, JSON), plus a ``code`` and the
    ``values`` it was made from, so that a page can say it in the viewer's language."""

    code: str
    values: dict[str, object]

    def __new__(cls, text: str, code: str = "", /, **values: object) -> Note:
        note = super().__new__(cls, text)
        note.code = code
        note.values = values
        return note
