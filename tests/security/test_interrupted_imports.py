"""An import killed with ``kill -9`` is shown as interrupted, not "importing" for ever, and
importing the file again does not store its rejected rows a second time."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from analysis.store import Store
from analysis.store.documents import create_upload, list_uploads, mark_interrupted
from tests.store.test_crash_safety import (
    ROWS,
    _expected_rows,
    _ingest,
    _kill_after_a_batch,
    _one_batch_bytes,
    write_export,
)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_killed_import_is_interrupted_and_its_rejects_are_stored_once(tmp_path: Path) -> None:
    path, db = tmp_path / "komentar_besar.csv", tmp_path / "pantau.duckdb"
    write_export(path, ROWS)
    _kill_after_a_batch(_ingest(path, db), db, _one_batch_bytes(tmp_path))
    store = Store(db)
    uploads = list_uploads(store)
    assert uploads.status.tolist() == ["interrupted"], "the killed import still 'importing'"
    assert store.scalar("SELECT count(*) FROM rejects") > 0

    rerun = _ingest(path, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1])["rejected"] > 0
    _, rejected = _expected_rows(ROWS + 1)
    rows = store.query("SELECT row_number, code FROM rejects")
    assert len(rows) == len(rejected), "rejects of the interrupted import stored again"
    assert set(rows.row_number) == rejected
    assert sorted(list_uploads(store).status) == ["done", "interrupted"]


def test_an_import_of_a_live_process_stays_importing(tmp_path: Path) -> None:
    store = Store(tmp_path / "pantau.duckdb")
    mine = create_upload(store, "a.csv", file_sha256="x", fmt="csv", encoding=None,
                         delimiter=None, mapping={})
    assert mark_interrupted(store) == 0
    with store.connect() as con:  # a process of this host that has ended
        con.execute("UPDATE meta SET value = ? WHERE key = ?",
                    [f"{socket.gethostname()} {2**22 + os.getpid()}", "importing:" + mine])
    assert mark_interrupted(store) == 1
    assert list_uploads(store).status.tolist() == ["interrupted"]
