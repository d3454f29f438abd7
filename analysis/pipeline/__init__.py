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
from analysis.pipeline.scoring import (
    Models,
    ScoreReport,
    default_scorers,
    load_models,
    pending_total,
    score_pending,
    scorers_over_bank,
)

__all__ = [
    "STORE_ROWS", "ImportReport", "Models", "Progress", "ScoreReport", "default_scorers",
    "file_sha256", "import_file", "import_path", "load_models", "pending_total", "score_pending",
    "scorers_over_bank",
]
