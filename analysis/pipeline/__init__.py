"""The one path every import takes: ingest → store → score, with a progress callback.

``imports`` reads a file (or a ZIP of files) into the store, ``scoring`` scores what is not yet
scored, ``demo`` runs both over the demo exports. The CLI and the Unggah page call these
functions, so what a terminal import stores is exactly what an upload stores.
"""

from analysis.pipeline.imports import (
    STORE_ROWS,
    ImportReport,
    Progress,
    file_sha256,
    import_file,
    import_path,
)
from analysis.pipeline.scoring import ScoreReport, default_scorers, pending_total, score_pending

__all__ = [
    "STORE_ROWS", "ImportReport", "Progress", "ScoreReport", "default_scorers", "file_sha256",
    "import_file", "import_path", "pending_total", "score_pending",
]
