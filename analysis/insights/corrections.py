"""How the current sentiment model agrees with the analysts who corrected it: the figures the
Koreksi page shows next to the corrections."""

from __future__ import annotations

from analysis.models.labels import LABELS
from analysis.models.metrics import Report, classification_report
from analysis.store.corrections import corrected_sentiment
from analysis.store.db import Store


def correction_report(store: Store) -> tuple[int, Report | None]:
    """How the current model's sentiment labels compare with the analysts' corrections:
    (number of corrected texts, the report — None when no corrected text has a model label)."""
    frame = corrected_sentiment(store)
    labelled = frame.dropna()
    if labelled.empty:
        return len(frame), None
    return len(frame), classification_report(labelled["gold"].tolist(),
                                             labelled["predicted"].tolist(), LABELS)
