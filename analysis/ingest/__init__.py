"""Ingest: turn a CSV/TSV/XLSX export into canonical records plus a reject report.

``open_export(path)`` inspects a file (format, encoding, delimiter, column mapping) and returns
an :class:`Export` whose :meth:`Export.batches` streams :class:`Batch` objects: canonical
records (see :data:`CANONICAL_COLUMNS`) and a :class:`Rejection` for every row that could not
be read. ``preview`` shows the first rows for a mapping screen. Ingest never scores and never
writes to the store.
"""

from analysis.ingest.columns import FIELDS, guess_mapping
from analysis.ingest.dates import DateError, RelativeDateError, parse_datetime
from analysis.ingest.export import Export, open_export, preview
from analysis.ingest.options import Batch, FileInfo, IngestOptions, Rejection
from analysis.ingest.records import CANONICAL_COLUMNS

__all__ = [
    "CANONICAL_COLUMNS",
    "FIELDS",
    "Batch",
    "DateError",
    "Export",
    "FileInfo",
    "IngestOptions",
    "Rejection",
    "RelativeDateError",
    "guess_mapping",
    "open_export",
    "parse_datetime",
    "preview",
]
