"""Import → store → score with the real built-in model, on a small real-looking export."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from analysis.ingest import IngestOptions
from analysis.pipeline import default_scorers, import_file, score_pending
from analysis.settings import Settings
from analysis.store import Store
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "pipeline" / "komentar_polda.csv"


def test_every_row_is_stored_or_rejected_with_its_reason(store: Store) -> None:
    progress: list[tuple[int, int]] = []
    report = import_file(store, EXPORT, progress=lambda d, t: progress.append((d, t)))
    assert (report.rows_in, report.stored, report.duplicates, report.rejected) == (6, 4, 0, 2)
    assert {(r.row, r.code) for r in report.rejects} == {(6, "empty_date"), (7, "empty_text")}
    assert progress and progress[-1][0] == progress[-1][1] == EXPORT.stat().st_size
    uploads = store.query("SELECT rows_in, stored, rejected, status FROM uploads")
    assert uploads.iloc[0].tolist() == [6, 4, 2, "done"]
    assert store.scalar("SELECT count(*) FROM rejects") == 2


def test_importing_the_same_file_twice_adds_nothing(store: Store) -> None:
    import_file(store, EXPORT)
    again = import_file(store, EXPORT)
    assert (again.stored, again.duplicates, again.rejected) == (0, 4, 2)
    assert store.scalar("SELECT count(*) FROM documents") == 4


def test_unknown_columns_are_kept(store: Store) -> None:
    import_file(store, EXPORT, IngestOptions(platform="instagram"))
    extra = json.loads(store.scalar("SELECT extra FROM documents ORDER BY row_number LIMIT 1"))
    assert extra == {"id_komentar": "1"}
    assert store.scalar("SELECT likes FROM documents ORDER BY row_number LIMIT 1") == 12
    assert store.scalar("SELECT DISTINCT platform FROM documents") == "instagram"


@pytest.mark.slow
def test_scoring_with_the_builtin_model(store: Store, settings: Settings, encoder) -> None:  # type: ignore[no-untyped-def]
    import_file(store, EXPORT)
    scorers = default_scorers(settings, store)
    report = score_pending(store, scorers)
    assert report.scored == {"sentiment": 4, "hoax": 4}
    labels = dict(store.query(
        "SELECT d.row_number, s.label FROM scores s JOIN documents d ON d.id = s.doc_id "
        "WHERE s.task = 'sentiment'").itertuples(index=False, name=None))
    assert labels[2] == "positive" and labels[4] == "positive"
    assert labels[3] == "negative"
    hoax = store.query("SELECT d.row_number, s.score, s.evidence FROM scores s JOIN documents d "
                       "ON d.id = s.doc_id WHERE s.task = 'hoax' ORDER BY s.score DESC")
    assert hoax.iloc[0]["row_number"] == 5
    evidence = json.loads(hoax.iloc[0]["evidence"])
    assert "Vaksin" in evidence["claims"][0]["title"]  # the bank's vaccine-tracker debunks
    assert evidence["cues"], "sebarkan sebelum dihapus!! is a call to spread"
    assert set(evidence["signals"]) == {"p_head", "match", "cues", "coordination"}
    assert report.coordination is not None
    versions = store.query("SELECT DISTINCT task, model_id, model_version FROM scores")
    assert len(versions) == 2 and versions["model_version"].str.len().min() >= 8
    kept = store.query("SELECT doc_id, model_version, vector FROM embeddings")
    assert len(kept) == 4, "the hoax scorer's embeddings are kept for the narratives"
    text = store.scalar("SELECT text FROM documents WHERE id = ?", [kept["doc_id"][0]])
    fresh = encoder.embed([text], prefix="query: ")[0]
    assert np.dot(np.asarray(kept["vector"][0]), fresh) == pytest.approx(1.0, abs=1e-3)
    assert store.scalar("SELECT count(*) FROM documents WHERE sentiment_label IS NULL") == 0
    assert score_pending(store, scorers).scored == {"sentiment": 0, "hoax": 0}


@pytest.mark.slow
def test_claim_bank_is_loaded_and_embedded_once(store: Store, settings: Settings, encoder) -> None:  # type: ignore[no-untyped-def]
    from analysis.signals.claim_bank import add_claim, ensure_claim_bank
    from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax

    claims = read_turnbackhoax(DEFAULT_BANK)
    assert len(claims) == 1000 and claims["url"].notna().mean() > 0.9
    # one claim appears twice with the same title and date; an analyst added one before the
    # first scoring, and the default bank still comes in
    distinct = claims["id"].nunique() + 1
    add_claim(store, "Jembatan Suramadu ditutup total", "Salah: satu lajur, untuk perbaikan.")
    bank = ensure_claim_bank(store, encoder, "test-key")
    assert len(bank) == distinct and bank.embeddings.shape == (distinct, 384)
    assert store.scalar("SELECT count(*) FROM claim_embeddings") == distinct
    again = ensure_claim_bank(store, encoder, "test-key")
    assert again.claims["id"].tolist() == bank.claims["id"].tolist()


def test_a_missing_file_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    from analysis.errors import IngestError

    with pytest.raises(IngestError, match="nope.csv"):
        import_file(store, tmp_path / "nope.csv")


def test_an_import_that_breaks_halfway_is_marked_failed(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import analysis.pipeline.imports as pipeline

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "_store_batch", broken)
    with pytest.raises(OSError):
        import_file(store, EXPORT)
    assert store.scalar("SELECT status FROM uploads") == "failed"
