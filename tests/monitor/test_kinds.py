"""Collecting a fact-checker's feed into the claim bank, a crawler's drop folder, and YouTube
comments, with the worker (no scoring: the collection itself), on DuckDB and on PostgreSQL."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from analysis.collect.fetch import Fetcher
from analysis.monitor.sources import add_source, list_sources
from analysis.monitor.worker import Worker
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.claims import count_claims
from analysis.store.documents import document_count
from tests.collect.test_debunks import FEED
from tests.monitor.backends import BOTH, db_of
from tests.web_server import Reply, Server


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    yield server
    server.close()


def run_once(store: Store, settings: Settings) -> dict:
    fetcher = Fetcher(timeout_s=3, host_interval_s=0, retries=1, backoff_s=0.01)
    return Worker(settings.with_db(db_of(store)), store, score=False, fetcher=fetcher).run_once()


@BOTH
def test_new_debunks_go_into_the_claim_bank_once(store: Store, settings: Settings,
                                                 web: Server) -> None:
    web.routes["/feed"] = Reply(200, FEED, content_type="application/rss+xml")
    add_source(store, "claims", web.url("/feed"), name="TurnBackHoax")
    first = run_once(store, settings)["sources"][0]
    assert (first["status"], first["new_items"], first["stored"]) == ("ok", 1, 1)
    assert any("not a debunk" in note for note in first["notes"])
    claim = store.query("SELECT title, status, source FROM claims").iloc[0].tolist()
    assert claim == ["Video Polisi Tilang Pengendara Bersandal Mulai 2027", "Salah",
                     "TurnBackHoax"]
    again = run_once(store, settings)["sources"][0]
    assert again["new_items"] == 0 and count_claims(store) == 1


def write_export(path: Path, rows: list[tuple[str, str, str]], age_s: float = 60) -> None:
    lines = ["tanggal,isi,akun"] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    past = time.time() - age_s
    os.utime(path, (past, past))


@BOTH
def test_a_drop_folder_is_imported_once_per_file_and_waits_for_files_being_written(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_export(drop / "a.csv", [("01/12/2026 10:00", "Macet parah di Sudirman", "budi"),
                                  ("01/12/2026 11:00", "Terima kasih pak polisi", "ani")])
    write_export(drop / "b.csv", [("02/12/2026 09:00", "Jalan licin hati-hati", "eko")],
                 age_s=0)  # still being written
    (drop / "catatan.txt").write_bytes(b"\x00\x01\x02 bukan ekspor")
    os.utime(drop / "catatan.txt", (time.time() - 60, time.time() - 60))
    write_export(drop / "c.csv.part", [("02/12/2026 09:00", "setengah", "x")])
    add_source(store, "folder", str(drop), name="Crawler")
    first = run_once(store, settings)["sources"][0]
    assert document_count(store) == 2
    assert any("still being written" in note for note in first["notes"])
    assert "catatan.txt" in first["error"]
    assert "catatan.txt" in list_sources(store)["last_error"][0]

    os.utime(drop / "b.csv", (time.time() - 60, time.time() - 60))
    run_once(store, settings)
    assert document_count(store) == 3
    run_once(store, settings)
    assert document_count(store) == 3  # nothing imported twice

    write_export(drop / "a.csv", [("01/12/2026 10:00", "Macet parah di Sudirman", "budi"),
                                  ("01/12/2026 11:00", "Terima kasih pak polisi", "ani"),
                                  ("01/12/2026 12:00", "Lampu merah mati lagi", "dodi")])
    changed = run_once(store, settings)["sources"][0]
    assert changed["stored"] == 1 and document_count(store) == 4
    uploads = store.query("SELECT filename FROM uploads ORDER BY created_at")["filename"]
    assert uploads.str.startswith("sumber:Crawler/").all()


@BOTH
def test_youtube_comments_are_collected_with_the_key_kept_out_of_errors(
        store: Store, settings: Settings, web: Server) -> None:
    video = "vid00000001"
    page = {"items": [{"id": f"t{n}", "snippet": {"videoId": video, "totalReplyCount": 0,
            "topLevelComment": {"id": f"c{n}", "snippet": {
                "authorDisplayName": f"@warga{n}", "textDisplay": f"komentar nomor {n} soal tilang",
                "publishedAt": "2026-12-01T10:00:00Z", "likeCount": n}}}} for n in range(3)]}
    web.routes["/yt/commentThreads"] = Reply(200, json.dumps(page).encode(),
                                             content_type="application/json")
    keyed = replace(settings, youtube_api_url=web.url("/yt"), youtube_key="AIzaSECRET-9")
    add_source(store, "youtube", video, name="Video")
    summary = run_once(store, keyed)["sources"][0]
    assert summary["stored"] == 3
    assert store.query("SELECT DISTINCT platform FROM documents")["platform"].tolist() == [
        "youtube"]
    assert run_once(store, keyed)["sources"][0]["new_items"] == 0

    web.routes["/yt/commentThreads"] = Reply(403, json.dumps({"error": {"code": 403, "errors": [
        {"reason": "quotaExceeded"}], "message": "quota"}}).encode(),
        content_type="application/json")
    failed = run_once(store, keyed)["sources"][0]
    assert failed["status"] == "failed" and "quotaExceeded" in failed["error"]
    assert "AIzaSECRET" not in failed["error"]
    no_key = run_once(store, settings)["sources"][0]
    assert "PANTAU_YOUTUBE_KEY" in no_key["error"]
