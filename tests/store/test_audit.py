"""The audit log: each change leaves one entry with who made it, whichever library function
makes it; the worker's collections leave none; the filters; an older store gets the table.
On DuckDB and on PostgreSQL (``any_store``)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from analysis.insights.entities import add_entity, remove_entity
from analysis.monitor.alerts import add_destination, set_rule
from analysis.monitor.sources import add_source, pause_source, remove_source, resume_source
from analysis.pipeline import import_file
from analysis.signals.claim_bank import add_claim, fact_from_text
from analysis.store import PgStore, Store, pg_schema, schema
from analysis.store.alerts import remove_destination, set_destination_active
from analysis.store.audit import (
    UNKNOWN,
    Action,
    audit_actions,
    audit_actors,
    audit_entries,
    record,
)
from analysis.store.claims import upsert_claims
from analysis.store.corrections import add_correction
from analysis.store.presets import delete_preset, save_preset
from analysis.store.reviews import set_status
from analysis.vocabulary import CLAIM_COLUMNS, Status, Target, Task

EXPORT = Path(__file__).resolve().parents[1] / "data" / "pipeline" / "komentar_polda.csv"
WIB = ZoneInfo("Asia/Jakarta")


def trail(store: Store) -> list[tuple[str, str, str, str | None]]:
    """(actor, action, target kind, target) of every entry, oldest first."""
    frame = audit_entries(store).iloc[::-1]
    return list(frame[["actor", "action", "target_kind", "target"]].itertuples(
        index=False, name=None))


def details(store: Store, action: str) -> dict[str, object]:
    [raw] = audit_entries(store, action=action)["details"].tolist()
    return dict(json.loads(raw))


def test_an_import_a_correction_a_review_and_claims_are_each_one_entry(any_store: Store
                                                                       ) -> None:
    report = import_file(any_store, EXPORT, actor="ani")
    doc = str(any_store.scalar("SELECT min(id) FROM documents"))
    add_correction(any_store, doc, Task.SENTIMENT, "negative", "budi", "sarkas")
    set_status(any_store, Target.DOC, doc, Status.NOT_HOAX, "citra")
    claim = add_claim(any_store, "Vaksin berisi chip", "Tidak ada chip.", actor="dewi")
    fact = fact_from_text(any_store, doc, "citra")
    bank = pd.DataFrame([{c: f"{c}-{i}" for c in CLAIM_COLUMNS} for i in range(3)])
    upsert_claims(any_store, bank[list(CLAIM_COLUMNS)], actor="eko", origin="bank.csv")
    assert trail(any_store) == [
        ("ani", "upload.import", "upload", "komentar_polda.csv"),
        ("budi", "label.correct", "document", doc),
        ("citra", "review.status", "doc", doc),
        ("dewi", "claim.add", "claim", claim),
        ("citra", "claim.add", "claim", fact),
        ("eko", "claim.import", "claims", "bank.csv"),
    ]
    assert details(any_store, "upload.import") == {
        "file": "komentar_polda.csv", "upload_id": report.upload_id, "rows_in": 6,
        "stored": 4, "duplicates": 0, "rejected": 2}
    assert details(any_store, "label.correct")["to"] == "negative"
    assert details(any_store, "review.status") == {"from": "baru", "to": "bukan_hoaks",
                                                   "note": None}
    assert details(any_store, "claim.import") == {"read": 3, "added": 3}


def test_sources_presets_the_watchlist_and_alerts_are_each_one_entry(any_store: Store) -> None:
    add_source(any_store, "rss", "https://warta.example/rss", name="Warta", created_by="ani")
    pause_source(any_store, "Warta", "ani")
    resume_source(any_store, "Warta", "budi")
    remove_source(any_store, "Warta", "budi")
    save_preset(any_store, "tiktok", {"text": "isi"}, "tiktok", "ani")
    delete_preset(any_store, "tiktok", "ani")
    add_entity(any_store, "Polda", "polda OR polri", created_by="citra")
    remove_entity(any_store, "Polda", "citra")
    new_id = add_destination(any_store, "json://127.0.0.1:9/hook", "Tim", created_by="dewi")
    set_destination_active(any_store, new_id, False, "dewi")
    set_destination_active(any_store, new_id, True, "dewi")
    set_rule(any_store, "claim_spreading", False, {"min_texts": 10}, "eko")
    set_rule(any_store, "claim_spreading", False, {"min_texts": 10}, "eko")  # nothing changes
    remove_destination(any_store, new_id, "dewi")
    assert trail(any_store) == [
        ("ani", "source.add", "source", "Warta"), ("ani", "source.pause", "source", "Warta"),
        ("budi", "source.resume", "source", "Warta"),
        ("budi", "source.remove", "source", "Warta"),
        ("ani", "preset.save", "preset", "tiktok"), ("ani", "preset.delete", "preset", "tiktok"),
        ("citra", "watchlist.add", "watchlist", "Polda"),
        ("citra", "watchlist.remove", "watchlist", "Polda"),
        ("dewi", "alert_destination.add", "alert_destination", new_id),
        ("dewi", "alert_destination.off", "alert_destination", new_id),
        ("dewi", "alert_destination.on", "alert_destination", new_id),
        ("eko", "alert_rule.change", "alert_rule", "claim_spreading"),
        ("dewi", "alert_destination.remove", "alert_destination", new_id),
    ]
    assert details(any_store, "alert_rule.change") == {
        "active": False, "was_active": True, "params": {"min_texts": 10},
        "before": {"min_texts": 5}}
    assert details(any_store, "source.add")["target"] == "https://warta.example/rss"


def test_what_changes_nothing_or_is_the_workers_own_collection_is_not_logged(
        any_store: Store) -> None:
    import_file(any_store, EXPORT)  # the worker's collections import without an actor
    bank = pd.DataFrame([{c: f"{c}-1" for c in CLAIM_COLUMNS}])[list(CLAIM_COLUMNS)]
    upsert_claims(any_store, bank)
    upsert_claims(any_store, bank, actor="ani")  # nothing new: nothing changed
    assert not remove_destination(any_store, "7", "ani")
    assert not delete_preset(any_store, "none", "ani")
    assert audit_entries(any_store).empty


def test_a_change_without_a_name_is_signed_unknown(any_store: Store) -> None:
    save_preset(any_store, "x", {"text": "isi"})
    assert trail(any_store) == [(UNKNOWN, "preset.save", "preset", "x")]


def test_a_failed_change_leaves_no_entry(any_store: Store) -> None:
    import_file(any_store, EXPORT)
    with pytest.raises(Exception, match="cannot go from"):
        set_status(any_store, Target.DOC, str(any_store.scalar("SELECT min(id) FROM documents")),
                   Status.NEW, "ani")
    assert audit_entries(any_store).empty


def _backdate(store: Store, entry_id: int, moment: datetime) -> None:
    with store.connect() as con:
        con.execute("UPDATE audit_log SET changed_at = ? WHERE id = ?", [moment, entry_id])


def test_the_period_actor_and_action_filters(any_store: Store) -> None:
    for actor, action, target in [("ani", Action.SOURCE_ADD, "a"), ("Budi", Action.SOURCE_PAUSE,
                                  "a"), ("ani", Action.PRESET_SAVE, "p")]:
        record(any_store, actor, action, action.split(".")[0], target)
    ids = audit_entries(any_store)["id"].tolist()[::-1]
    _backdate(any_store, ids[0], datetime(2025, 7, 1, 16, 59, tzinfo=UTC))  # 23:59 WIB, 1 July
    _backdate(any_store, ids[1], datetime(2025, 7, 1, 17, 0, tzinfo=UTC))  # 00:00 WIB, 2 July
    _backdate(any_store, ids[2], datetime(2025, 7, 3, 2, 0, tzinfo=UTC))

    def targets(**filters: object) -> list[str]:
        return audit_entries(any_store, tz=WIB, **filters)["action"].tolist()  # type: ignore

    assert targets() == ["preset.save", "source.pause", "source.add"]
    assert targets(since=date(2025, 7, 2)) == ["preset.save", "source.pause"]
    assert targets(until=date(2025, 7, 1)) == ["source.add"]
    assert targets(since=date(2025, 7, 2), until=date(2025, 7, 2)) == ["source.pause"]
    assert targets(since=datetime(2025, 7, 3, 2, 0, tzinfo=UTC)) == ["preset.save"]
    assert targets(actor="budi") == ["source.pause"]
    assert targets(actor="ANI") == ["preset.save", "source.add"]
    assert targets(action="source") == ["source.pause", "source.add"]
    assert targets(action="source.add") == ["source.add"]
    assert targets(action="sour") == []
    assert targets(limit=1) == ["preset.save"]
    assert audit_actors(any_store) == ["Budi", "ani"]
    assert audit_actions(any_store) == ["preset.save", "source.add", "source.pause"]
    at = audit_entries(any_store)["at"]
    assert str(at.dt.tz) == "UTC" and at.iloc[0] == pd.Timestamp("2025-07-03 02:00", tz="UTC")


def _make_schema_7(store: Store) -> None:
    """Turn the store back into one made by schema 7: no audit log, version 7."""
    with store.connect() as con:
        con.execute("DROP TABLE audit_log")
        if store.dialect == "duckdb":
            con.execute("DROP SEQUENCE audit_log_id")
        con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    if isinstance(store, PgStore):
        pg_schema.forget(store.url)
    else:
        schema.forget(str(store.path.resolve()))


def test_a_store_of_schema_7_gets_the_audit_log_when_opened(any_store: Store) -> None:
    save_preset(any_store, "x", {"text": "isi"}, actor="ani")
    _make_schema_7(any_store)
    reopened = type(any_store)(any_store.url if isinstance(any_store, PgStore)  # type: ignore
                               else any_store.path)
    assert audit_entries(reopened).empty
    delete_preset(reopened, "x", "ani")
    assert trail(reopened) == [("ani", "preset.delete", "preset", "x")]
    assert reopened.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(
        schema.SCHEMA_VERSION) == "8"
    assert audit_entries(reopened)["at"].iloc[0] > pd.Timestamp.now(tz="UTC") - timedelta(
        minutes=5)
