"""Ingest: turn a CSV/TSV/XLSX/JSON/JSON Lines export into canonical records plus a reject report.

``open_export(path)`` inspects a file (format, encoding, delimiter, recognised preset, column
mapping) and returns an :class:`Export` whose :meth:`Export.batches` streams :class:`Batch`
objects: canonical records (see :data:`CANONICAL_COLUMNS`) and a :class:`Rejection` for every row
that could not be read. ``preview`` shows the first rows for a mapping screen. A ZIP of exports
is opened with :class:`Archive`, which unpacks one member at a time for ``open_export``
(``file_format(path) == "zip"`` tells one apart). Ingest never scores and never writes to the
store.
"""

from analysis.ingest.archive import Archive, ArchiveMember
from analysis.ingest.columns import FIELDS, guess_mapping
from analysis.ingest.dates import DateError, RelativeDateError, parse_datetime
from analysis.ingest.export import Export, file_format, open_export, preview
from analysis.ingest.options import Batch, FileInfo, IngestOptions, Rejection
from analysis.ingest.presets import PRESETS, Preset, recognise
from analysis.ingest.records import CANONICAL_COLUMNS

__all__ = [
    "CANONICAL_COLUMNS",
    "FIELDS",
    "PRESETS",
    "Archive",
    "ArchiveMember",
    "Batch",
    "DateError",
    "Export",
    "FileInfo",
    "IngestOptions",
    "Preset",
    "Rejection",
    "RelativeDateError",
    "file_format",
    "guess_mapping",
    "open_export",
    "parse_datetime",
    "preview",
    "recognise",
]
