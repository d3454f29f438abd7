"""Importing files: one path every import takes (file → ingest → store), with a progress
callback. The CLI passes a terminal progress bar, the Unggah page ``st.progress``; both call these
functions, so what a terminal import stores is exactly what an upload stores."""

from __future__ import annotations

import hashlib
import itertools
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import IngestError
from analysis.ingest import Archive, Batch, IngestOptions, file_format, open_export
from analysis.ingest.outcome import check_batch
from analysis.store import Store
from analysis.store.documents import (
    RejectRow,
    create_upload,
    fail_upload,
    finish_upload,
    insert_batch,
)

Progress = Callable[[int, int], None]
"""``progress(done, total)``: bytes for imports, texts for scoring."""
STORE_ROWS = 100_000
"""Input rows per store transaction: whole ingest batches are grouped up to this many. Each batch
is stored on its own connection, and closing it checkpoints: DuckDB compresses the new rows and
merges them into the table's last row group (122,880 rows), so small batches rewrite the same
rows several times. 1,000,000 rows stored 60,000 at a time took twice the CPU of 100,000 at a
time. Kept under one row group (DuckDB writes a transaction of whole row groups before it
commits), so that the store file grows only when a batch commits
(tests/store/test_crash_safety.py)."""
_COUNTS = ("rows_in", "stored", "duplicates", "rejected", "published_min", "published_max")


@dataclass
class ImportReport:
    """What one import did: every input row is stored, a duplicate, or rejected."""

    upload_id: str
    filename: str
    rows_in: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    published_min: pd.Timestamp | None = None
    published_max: pd.Timestamp | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    rejects: list[RejectRow] = field(default_factory=list)
    error: str | None = None
    """Why this file of a ZIP could not be imported (the other files still were); else None."""
    notes: list[str] = field(default_factory=list)
    """How the file was read that the analyst should know (:attr:`FileInfo.notes`)."""

    @classmethod
    def failed(cls, filename: str, error: str) -> ImportReport:
        """The report of a file that could not be imported at all, saying why."""
        return cls(upload_id="", filename=filename, error=error)

    def summary(self) -> dict[str, Any]:
        """The counts as plain JSON-ready values (``pantau ingest --json``)."""
        def iso(value: pd.Timestamp | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "upload_id": self.upload_id, "file": self.filename, "rows_in": self.rows_in,
            "stored": self.stored, "duplicates": self.duplicates, "rejected": self.rejected,
            "published_min": iso(self.published_min), "published_max": iso(self.published_max),
            "mapping": self.mapping, **({"error": self.error} if self.error else {}),
            **({"notes": self.notes} if self.notes else {}),
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(store: Store, path: str | Path, options: IngestOptions | None = None,
                progress: Progress | None = None, filename: str | None = None,
                actor: str | None = None) -> ImportReport:
    """Read ``path`` in batches, store new documents and every rejected row with its reason.

    ``actor`` is the person importing (the audit log names them, with the file and what was
    stored and rejected); None for the worker's collections, which are not logged."""
    path = Path(path)
    with ThreadPoolExecutor(1) as pool:  # hashlib lets go of the GIL: checksum while inspecting
        checksum = pool.submit(file_sha256, path)
        export = open_export(path, options)
        batches = _checked(export.batches(), filename or path.name, export.options)
        digest = checksum.result()
    info = export.info
    upload_id = create_upload(store, filename or path.name, file_sha256=digest,
                              fmt=info.format, encoding=info.encoding, delimiter=info.delimiter,
                              mapping=info.mapping)
    report = ImportReport(upload_id=upload_id, filename=filename or path.name, mapping=info.mapping,
                          notes=list(info.notes))
    try:
        with _Writer(store, upload_id, report) as writer:
            for batch in _grouped(batches, STORE_ROWS):
                writer.put(batch)
                if progress:
                    progress(min(batch.bytes_read, info.total_bytes), info.total_bytes)
    except BaseException:
        fail_upload(store, upload_id, actor)
        raise
    finish_upload(store, upload_id, {k: getattr(report, k) for k in _COUNTS}, actor)
    return report


def import_path(store: Store, path: str | Path, options: IngestOptions | None = None,
                progress: Progress | None = None, filename: str | None = None,
                actor: str | None = None) -> list[ImportReport]:
    """Import one export, or each file inside a ZIP of exports: one report per file.

    A single file behaves exactly like :func:`import_file` (its errors are raised). In a ZIP each
    member is its own upload named ``archive.zip/member``; a member that cannot be imported gets
    a report whose ``error`` says why, and the others are imported all the same. ``progress``
    counts unpacked bytes over the whole archive.
    """
    path, options = Path(path), options or IngestOptions()
    if file_format(path, options) != "zip":
        return [import_file(store, path, options, progress, filename, actor)]
    reports: list[ImportReport] = []
    with Archive(path, options.max_bytes) as archive:
        done, total = 0, archive.total_bytes
        step = None if progress is None else (lambda d, _t: progress(min(done + d, total), total))
        for member in archive.members():
            name = f"{filename or path.name}/{member.name}"
            try:
                if member.path is None:
                    raise IngestError(member.error or f"'{member.name}' cannot be unpacked")
                reports.append(import_file(store, member.path, options, step, filename=name,
                                           actor=actor))
                done += member.path.stat().st_size
            except IngestError as error:
                reports.append(ImportReport.failed(name, str(error)))
            except Exception as error:  # a fault reading one member must not cost the others
                reports.append(ImportReport.failed(
                    name, f"'{member.name}' could not be read ({type(error).__name__}: {error})"))
    return reports


def _checked(batches: Iterator[Batch], filename: str, options: IngestOptions) -> Iterator[Batch]:
    """``batches``, once the first has shown that most rows are not rejected for one reason
    (:func:`analysis.ingest.outcome.check_batch`, which raises before anything is stored)."""
    first = next(batches, None)
    if first is None:
        return iter(())
    if not options.allow_rejects:
        check_batch(first, filename)
    return itertools.chain([first], batches)


def _grouped(batches: Iterator[Batch], rows: int) -> Iterator[Batch]:
    """Consecutive batches merged up to ``rows`` input rows. When reading stops with an
    :class:`IngestError` (the row cap) the batches read before it are still yielded."""
    pending: list[Batch] = []
    pending_rows = 0
    try:
        for batch in batches:
            pending.append(batch)
            pending_rows += batch.rows_in
            if pending_rows >= rows:
                yield _merge(pending)
                pending, pending_rows = [], 0
    except IngestError:
        if pending:
            yield _merge(pending)
        raise
    if pending:
        yield _merge(pending)


def _merge(batches: list[Batch]) -> Batch:
    if len(batches) == 1:
        return batches[0]
    return Batch(
        records=pd.concat([batch.records for batch in batches], ignore_index=True),
        rejects=[reject for batch in batches for reject in batch.rejects],
        rows_in=sum(batch.rows_in for batch in batches),
        bytes_read=batches[-1].bytes_read,
    )


class _Writer:
    """Stores an import's batches on a thread of its own while the caller reads the next ones.

    Reading and checking rows is Python's work; storing them is DuckDB's, which runs without
    the GIL. Overlapped, an import takes about as long as the longer of the two instead of their
    sum. One batch at most waits in the queue, so memory stays bounded and the store is never
    more than two batches behind the reader. Each batch is still one transaction on its own
    short connection (:func:`insert_batch`), so the lock is shared as before and a killed import
    leaves whole batches. Leaving the ``with`` block waits until every batch handed over is
    stored (after a read error too: the rows read before it stay imported), then raises the
    error storing met, if any.
    """

    def __init__(self, store: Store, upload_id: str, report: ImportReport) -> None:
        self._queue: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(store, upload_id, report), name="pantau-store", daemon=True
        )

    def __enter__(self) -> _Writer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if kind is None:
            self._raise()

    def put(self, batch: Batch) -> None:
        """Hand a batch over, waiting while the one before it is still queued."""
        while True:
            self._raise()
            try:
                self._queue.put(batch, timeout=0.1)
                return
            except queue.Full:
                continue

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self, store: Store, upload_id: str, report: ImportReport) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # after a failure, only drain the queue so that put() never blocks
            try:
                _store_batch(store, upload_id, batch, report)
            except BaseException as error:  # handed to the caller's thread
                self._error = error


def _store_batch(store: Store, upload_id: str, batch: Batch, report: ImportReport) -> None:
    stored = insert_batch(store, upload_id, batch.records, batch.rejects)
    report.rows_in += batch.rows_in
    report.stored += stored
    report.duplicates += len(batch.records) - stored
    report.rejected += len(batch.rejects)
    report.rejects.extend(batch.rejects)
    _widen_dates(report, batch.records)


def _widen_dates(report: ImportReport, records: pd.DataFrame) -> None:
    if records.empty:
        return
    low, high = records["published_at"].min(), records["published_at"].max()
    if report.published_min is None or low < report.published_min:
        report.published_min = low
    if report.published_max is None or high > report.published_max:
        report.published_max = high
