"""Crash safety: an import killed part way leaves whole batches, and importing again completes it.

The slow test runs the real ``pantau ingest`` on a 300,000-row export (~40 MB), kills it with
SIGKILL while it stores its second batch, then checks the store the way an analyst's next session
would find it. The moment is read from the outside, without touching the locked database: from
the size of the store file, compared with a store that holds one batch of the same rows.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import IngestOptions
from analysis.pipeline import STORE_ROWS, import_file
from analysis.store import Store
from analysis.store.documents import RejectRow, insert_batch

ROWS = 300_000
ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ["id", "upload_id", "kind", "platform", "published_at", "text", "text_hash", "extra"]


def _is_bad(n: int) -> bool:
    return n % 997 == 0


def _is_copy(n: int) -> bool:
    return n % 1000 == 500


def _text(n: int) -> str:
    return f"Komentar nomor {n}: pelayanan SIM di Polres ramai sekali hari ini, antre 2 jam 😩 #{n}"


def write_export(path: Path, rows: int) -> None:
    """``rows`` comments; every 997th has no text, every 1000th repeats the row before it."""
    lines = ["id,komentar,tanggal,akun,suka\n"]
    for n in range(rows):
        source = n - 1 if _is_copy(n) else n
        text = "" if _is_bad(source) else _text(source)
        day, minute = source % 28 + 1, source % 60
        iso = f"2025-07-{day:02d}T10:{minute:02d}:00+07:00"
        date = iso if source % 2 else f"{day:02d}/07/2025 10:{minute:02d}"
        lines.append(f'k{source},"{text}",{date},warga_{source % 5000},{source % 37}\n')
    path.write_text("".join(lines), encoding="utf-8")


def _one_batch_bytes(folder: Path) -> int:
    """The size of a store file holding one stored batch of the export (its first
    ``STORE_ROWS`` rows), imported the same way."""
    part, db = folder / "first_batch.csv", folder / "one_batch.duckdb"
    write_export(part, STORE_ROWS)
    import_file(Store(db), part)
    return db.stat().st_size


def _kill_after_a_batch(process: subprocess.Popen[str], db: Path, one_batch: int) -> None:
    """SIGKILL the import while it stores its second batch.

    A batch is written into the store file during its commit, and batches are committed one
    after the other: a file bigger than a store of one batch means the second batch's commit is
    under way and the first is stored. (The file's own reader is no guide: it runs ahead of the
    storing, and has closed the export before the last batches are stored.)
    """
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read() if process.stderr else ""
            pytest.fail(f"the import ended before it could be killed: {error}")
        if db.exists() and db.stat().st_size > one_batch + 1_000_000:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return
        time.sleep(0.002)
    process.kill()
    pytest.fail("the import did not store a second batch within 300 s")


def _ingest(path: Path, db: Path) -> subprocess.Popen[str]:
    """``pantau ingest`` of this checkout (the installed ``pantau`` script may load another
    checkout's code, as in a git worktree)."""
    command = [sys.executable, "-c", "from analysis.cli.app import main; main()", "ingest",
               str(path), "--db", str(db), "--no-score", "--json"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _expected_rows(last: int) -> tuple[set[int], set[int]]:
    """Spreadsheet rows 2..``last``: (rows to store, rows to reject). A copy of a good row is
    a duplicate and leaves no trace; a copy of a bad row is rejected like the row it copies."""
    stored: set[int] = set()
    rejected: set[int] = set()
    for n in range(last - 1):
        source = n - 1 if _is_copy(n) else n
        if _is_bad(source):
            rejected.add(n + 2)
        elif source == n:
            stored.add(n + 2)
    return stored, rejected


def _check_whole_batches(store: Store, upload_id: str) -> int:
    """The killed upload's documents and rejects are exactly its first k batches; return k."""
    docs = store.query("SELECT row_number FROM documents WHERE upload_id = ?", [upload_id])
    rejects = store.query("SELECT row_number FROM rejects WHERE upload_id = ?", [upload_id])
    seen = set(docs.row_number) | set(rejects.row_number)
    assert seen, "the killed import stored nothing: it was killed too early to test anything"
    batch = IngestOptions().batch_rows
    last = max(seen)
    assert (last - 1) % batch == 0, f"row {last} is not the end of a batch of {batch}"
    stored, rejected = _expected_rows(last)
    assert set(docs.row_number) == stored
    assert set(rejects.row_number) == rejected
    assert last - 1 < ROWS, "the import finished before it was killed"
    return (last - 1) // batch


def _check_complete_documents(store: Store) -> None:
    nulls = " OR ".join(f"{column} IS NULL" for column in COMPLETE)
    assert store.scalar(f"SELECT count(*) FROM documents WHERE {nulls}") == 0
    assert store.scalar("SELECT count(*) - count(DISTINCT id) FROM documents") == 0
    sample = store.query("SELECT row_number, text FROM documents USING SAMPLE 200 ROWS")
    for number, text in sample.itertuples(index=False, name=None):
        assert text == _text(number - 2)


@pytest.mark.slow
def test_an_import_killed_part_way_resumes_without_duplicates_or_gaps(tmp_path: Path) -> None:
    path, db = tmp_path / "komentar_besar.csv", tmp_path / "pantau.duckdb"
    write_export(path, ROWS)
    assert path.stat().st_size > 30_000_000

    _kill_after_a_batch(_ingest(path, db), db, _one_batch_bytes(tmp_path))
    store = Store(db)
    killed = store.query("SELECT id, status FROM uploads")
    assert killed.status.tolist() in (["importing"], ["failed"])
    batches = _check_whole_batches(store, killed.id[0])
    _check_complete_documents(store)
    stored_before = store.scalar("SELECT count(*) FROM documents")

    rerun = _ingest(path, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    stored, rejected = _expected_rows(ROWS + 1)
    assert store.scalar("SELECT count(*) FROM documents") == len(stored)
    assert set(store.query("SELECT row_number FROM documents").row_number) == stored
    _check_complete_documents(store)
    assert report["rows_in"] == ROWS == report["stored"] + report["duplicates"] + report["rejected"]
    assert report["stored"] == len(stored) - stored_before
    assert report["rejected"] == len(rejected)
    uploads = store.query("SELECT id, status FROM uploads ORDER BY created_at")
    assert uploads.status.tolist()[0] == "interrupted" and batches >= 1
    assert uploads.status.tolist()[1] == "done"


def test_a_batch_is_stored_whole_or_not_at_all(store: Store) -> None:
    """When its rejects cannot be written, the batch's documents are rolled back with them."""
    docs = pd.DataFrame(
        {
            "id": ["a", "b"], "kind": "post", "platform": "twitter", "source": None,
            "author": None, "published_at": pd.Timestamp("2025-07-08", tz="UTC"),
            "published_approx": False, "text": ["satu", "dua"], "text_hash": ["h1", "h2"],
            "url": None, "parent_id": None, "likes": None, "shares": None, "replies": None,
            "views": None, "extra": "{}", "row_number": [2, 3],
        }
    )  # fmt: skip
    broken = RejectRow(4, "isi", None, "no code: NOT NULL fails", {})  # type: ignore[arg-type]
    with pytest.raises(Exception, match="NOT NULL"):
        insert_batch(store, "u1", docs, [broken])
    assert store.scalar("SELECT count(*) FROM documents") == 0
    good = RejectRow(4, "isi", "empty_text", "text in column 'isi' is empty", {"isi": ""})
    assert insert_batch(store, "u1", docs, [good]) == 2
    assert insert_batch(store, "u2", docs, [good]) == 0
    assert store.scalar("SELECT count(*) FROM rejects") == 2
